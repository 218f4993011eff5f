// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
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
