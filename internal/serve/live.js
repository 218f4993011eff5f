// Dateline live preview. Injected by `dateline serve` only; built sites
// never contain it. It listens for rebuilds over Server-Sent Events and
// reloads the page only when the page or a resource it uses changed,
// keeping the scroll position; a stylesheet-only change is swapped in
// without a reload; a failed build shows an overlay listing the problems.
(function () {
  "use strict";
  var me = document.currentScript;
  var servedETag = me && me.getAttribute("data-etag");
  var scrollKey = "dateline-scroll:" + location.pathname;

  // Restore the scroll position saved before a live reload, at once: the
  // theme scrolls smoothly, and a reload should not look like a jump.
  function restoreScroll() {
    var saved = sessionStorage.getItem(scrollKey);
    if (!saved) return;
    sessionStorage.removeItem(scrollKey);
    try {
      var p = JSON.parse(saved);
      window.scrollTo({ left: p.x, top: p.y, behavior: "instant" });
    } catch (e) {}
  }
  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll);

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    location.reload();
  }

  // sitePath maps a URL of this site to its output file, as the server does.
  function sitePath(url) {
    var u;
    try { u = new URL(url, location.href); } catch (e) { return null; }
    if (u.origin !== location.origin) return null;
    var p = decodeURIComponent(u.pathname).replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  // used lists the files this page is made of, besides stylesheets.
  function used() {
    var out = {};
    out[sitePath(location.href)] = true;
    document.querySelectorAll("script[src], img[src], iframe[src], link[href]:not([rel~=stylesheet]), source[src]").forEach(function (el) {
      var p = sitePath(el.getAttribute("src") || el.getAttribute("href"));
      if (p) out[p] = true;
    });
    return out;
  }

  function swapStyles(changed, gen) {
    document.querySelectorAll("link[rel~=stylesheet][href]").forEach(function (link) {
      var p = sitePath(link.getAttribute("href"));
      if (!p || changed.indexOf(p) < 0) return;
      var next = link.cloneNode();
      var href = link.getAttribute("href").replace(/[?&]dateline-v=\d+/, "");
      next.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + "dateline-v=" + gen);
      next.addEventListener("load", function () { link.remove(); });
      next.addEventListener("error", function () { link.remove(); });
      link.after(next);
    });
  }

  // The overlay: plain DOM and textContent only, so no message can inject
  // markup; a labelled alert dialog that Escape or the button dismisses.
  var overlay = null;
  function showProblems(problems) {
    hideProblems();
    overlay = document.createElement("div");
    overlay.id = "dateline-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-modal", "false");
    overlay.setAttribute("aria-labelledby", "dateline-overlay-title");
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#fff4f2;color:#1d1d1f;border-top:4px solid #a4161a;padding:1rem 1.25rem;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.25)";
    var h = document.createElement("h2");
    h.id = "dateline-overlay-title";
    h.style.cssText = "margin:0 0 .5rem;font:bold 16px/1.3 system-ui,sans-serif;color:#8a1c12";
    h.textContent = "The build failed: showing the last good version of this page";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.setAttribute("aria-label", "Dismiss build errors");
    close.style.cssText = "float:right;font:14px system-ui,sans-serif";
    close.addEventListener("click", hideProblems);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.25rem";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.style.cssText = "white-space:pre-wrap;margin:.25rem 0";
      li.textContent = p;
      list.appendChild(li);
    });
    overlay.appendChild(close);
    overlay.appendChild(h);
    overlay.appendChild(list);
    (document.body || document.documentElement).appendChild(overlay);
  }
  function hideProblems() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hideProblems();
  });

  var broken = false;
  var es = new EventSource("/_dateline/events");
  // hello: the state on (re)connecting. Rebuilds may have been missed, so
  // the page compares its own ETag with the server's.
  es.addEventListener("hello", function (ev) {
    var s = JSON.parse(ev.data);
    window.datelineLive = { gen: s.gen }; // connected; tests wait for it
    broken = s.problems && s.problems.length > 0;
    if (broken) showProblems(s.problems);
    else hideProblems();
    if (!servedETag) return;
    fetch(location.href, { method: "HEAD", cache: "no-store" }).then(function (r) {
      var tag = r.headers.get("ETag");
      if (tag && tag !== servedETag) reload();
    }).catch(function () {});
  });
  es.addEventListener("rebuild", function (ev) {
    var s = JSON.parse(ev.data);
    if (s.problems && s.problems.length > 0) {
      broken = true;
      showProblems(s.problems);
      return;
    }
    var wasBroken = broken;
    broken = false;
    hideProblems();
    var changed = (s.written || []).concat(s.removed || []);
    if (wasBroken) { reload(); return; }
    var mine = used();
    var styles = [];
    for (var i = 0; i < changed.length; i++) {
      if (mine[changed[i]]) { reload(); return; }
      if (/\.css$/.test(changed[i])) styles.push(changed[i]);
    }
    if (styles.length) swapStyles(styles, s.gen);
  });
  window.addEventListener("beforeunload", function () { es.close(); });
})();
