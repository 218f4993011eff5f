// Dateline embed loader (first-party, no dependencies). It sizes Dateline
// embed frames to their content, on load and whenever the page's width
// changes. Either form works; without JavaScript the first one still shows
// the embed (scrolling at its given height), the second a link.
//
//   <iframe src="https://SITE/embed/..." title="..." height="600"
//           style="width:100%;border:0" data-dateline-embed></iframe>
//   <div data-dateline-embed="https://SITE/embed/..."><a href="...">Timeline</a></div>
//   <script src="https://SITE/embed.js" async></script>
//
// It speaks the pym.js message protocol ("pymxPYMx<id>xPYMx<type>xPYMx<msg>"),
// as the embed pages do, so they also work with NPR's pym.js parent.
//
// A placeholder's URL becomes a frame's src, and placeholders can come from
// text the host page did not write (a CMS keeps data- attributes through its
// sanitiser), so only http(s) URLs of the site that published this loader
// become frames. A host that embeds from other Dateline sites lists their
// origins on the script tag: data-dateline-origins="https://a.example ...".
(function () {
  "use strict";
  var DELIM = "xPYMx";
  var w = window;
  var script = document.currentScript;
  if (w.DatelineEmbed) {
    // A second loader, from another Dateline site: its site is allowed too.
    if (script && script.src) w.DatelineEmbed.allow(script.src);
    w.DatelineEmbed.scan();
    return;
  }
  var frames = [];
  var count = 0;
  var allowed = allowedOrigins();

  // allowedOrigins is the loader's own origin (the page's, when the loader
  // is inlined) plus those its script tag lists.
  function allowedOrigins() {
    var out = {};
    var own = script && script.src ? originOf(script.src) : w.location.origin;
    if (own) out[own] = true;
    var extra = script && script.getAttribute("data-dateline-origins");
    (extra || "").split(/\s+/).forEach(function (o) {
      var origin = o && originOf(o);
      if (origin) out[origin] = true;
    });
    return out;
  }

  // frameURL returns url resolved against the page when it is an http(s)
  // URL of an allowed origin, else null.
  function frameURL(url) {
    var u;
    try {
      u = new URL(url, w.location.href);
    } catch (e) {
      return null;
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    return allowed[u.origin] ? u : null;
  }

  function childIdOf(src) {
    try {
      return new URL(src, w.location.href).searchParams.get("childId");
    } catch (e) {
      return null;
    }
  }

  function originOf(src) {
    try {
      var u = new URL(src, w.location.href);
      return u.protocol === "https:" || u.protocol === "http:" ? u.origin : "";
    } catch (e) {
      return "";
    }
  }

  function sendWidth(f, force) {
    var width = f.iframe.offsetWidth;
    if (!force && width === f.width) return;
    f.width = width;
    var win = f.iframe.contentWindow;
    if (win && f.origin) win.postMessage(["pym", f.id, "width", String(width)].join(DELIM), f.origin);
  }

  function upgrade(el) {
    if (el.hasAttribute("data-dateline-ready")) return;
    var iframe, id;
    if (el.tagName === "IFRAME") {
      iframe = el;
      id = childIdOf(iframe.src) || "dateline";
    } else {
      var u = frameURL(el.getAttribute("data-dateline-embed") || "");
      if (!u) {
        if (w.console) w.console.warn("Dateline embed: refusing a frame URL that is not http(s) on an allowed origin", el);
        el.setAttribute("data-dateline-ready", "refused");
        return;
      }
      id = "dateline-" + (++count);
      u.searchParams.set("initialWidth", String(el.offsetWidth));
      u.searchParams.set("childId", id);
      iframe = document.createElement("iframe");
      iframe.src = u.href;
      iframe.title = el.getAttribute("data-title") || el.textContent.replace(/\s+/g, " ").trim() || "Timeline";
      iframe.setAttribute("height", el.getAttribute("data-height") || "600");
      iframe.style.width = "100%";
      iframe.style.border = "0";
      iframe.style.display = "block";
      while (el.firstChild) el.removeChild(el.firstChild);
      el.appendChild(iframe);
    }
    el.setAttribute("data-dateline-ready", "");
    var f = { iframe: iframe, id: id, origin: originOf(iframe.src), width: -1 };
    frames.push(f);
    iframe.addEventListener("load", function () { sendWidth(f, true); });
    if (w.ResizeObserver) {
      new ResizeObserver(function () { sendWidth(f, false); }).observe(iframe);
    }
    sendWidth(f, true);
  }

  w.addEventListener("message", function (e) {
    if (typeof e.data !== "string") return;
    var parts = e.data.split(DELIM);
    if (parts.length < 4 || parts[0] !== "pym" || parts[2] !== "height") return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.iframe.contentWindow !== e.source || e.origin !== f.origin || parts[1] !== f.id) continue;
      var h = parseInt(parts[3], 10);
      if (h > 0 && h < 100000) {
        f.iframe.setAttribute("height", String(h));
        f.iframe.style.height = h + "px";
        f.iframe.setAttribute("scrolling", "no");
      }
    }
  });

  w.addEventListener("resize", function () {
    frames.forEach(function (f) { sendWidth(f, false); });
  });

  function scan() {
    document.querySelectorAll("[data-dateline-embed]").forEach(upgrade);
  }
  w.DatelineEmbed = {
    scan: scan,
    allow: function (url) {
      var origin = originOf(url);
      if (origin) allowed[origin] = true;
    }
  };
  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
