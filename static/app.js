// Progressive enhancement only: every page works without this script.
// It comes first among the page's deferred scripts, so what it puts in
// window.Dateline is there for the others (axis.js, search.js).
(function () {
  "use strict";
  window.Dateline = {
    // counted fills in a counted message in the page's language: forms is
    // its plural forms as JSON, with "{n}" for the count and "{name}" for
    // vals; digits are the language's ten digits, from the template.
    counted: function (forms, n, vals, digits) {
      var f = JSON.parse(forms), d = digits || "0123456789", v = Object.assign({}, vals);
      v.n = String(n).replace(/[0-9]/g, function (c) { return d.charAt(+c); });
      return (f[new Intl.PluralRules(document.documentElement.lang || "en").select(n)] || f.other)
        .replace(/\{(\w+)\}/g, function (_, k) { return k in v ? v[k] : ""; });
    }
  };
  // On a source page, hovering a highlighted passage highlights every piece
  // of the same citation (a quote may be cut by overlapping ones).
  document.querySelectorAll("mark.cite").forEach(function (m) {
    var ids = (m.getAttribute("data-cites") || "").split(" ");
    function toggle(on) {
      ids.forEach(function (id) {
        document.querySelectorAll('mark.cite[data-cites~="' + id + '"]').forEach(function (o) {
          o.classList.toggle("active", on);
        });
      });
    }
    m.addEventListener("mouseenter", function () { toggle(true); });
    m.addEventListener("mouseleave", function () { toggle(false); });
  });
})();
