// Click-to-load media: a remote video, post or document is a link until
// the reader asks for it, so that no request leaves the site before. Every
// word shown comes from the page's data-* attributes, which the theme's
// templates write (and translate). Without this script the card is a link.
(function () {
  "use strict";
  document.querySelectorAll("figure[data-media-src]").forEach(function (fig) {
    var src = fig.getAttribute("data-media-src") || "";
    // The templates write only https and http addresses; anything else
    // (a hand-edited page, say) stays a link.
    if (!/^https?:\/\//i.test(src)) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "media-load";
    button.textContent = fig.getAttribute("data-media-load") || "Load";
    var note = fig.getAttribute("data-media-note");
    if (note) button.title = note;
    button.addEventListener("click", function () {
      var el;
      if (fig.getAttribute("data-media-kind") === "image") {
        el = document.createElement("img");
        el.alt = fig.getAttribute("data-media-alt") || "";
        el.referrerPolicy = "no-referrer";
      } else {
        el = document.createElement("iframe");
        el.title = fig.getAttribute("data-media-title") || "";
        var sandbox = fig.getAttribute("data-media-sandbox");
        if (sandbox) el.setAttribute("sandbox", sandbox);
        var allow = fig.getAttribute("data-media-allow");
        if (allow) el.setAttribute("allow", allow);
        el.referrerPolicy = fig.getAttribute("data-media-referrer") || "no-referrer";
        el.setAttribute("allowfullscreen", "");
      }
      el.className = "media-player";
      el.src = src;
      button.replaceWith(el);
      fig.classList.add("media-loaded");
      el.focus();
    });
    var card = fig.querySelector(".media-card");
    fig.insertBefore(button, card ? card.nextSibling : fig.firstChild);
  });
})();
