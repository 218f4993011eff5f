// Dateline embed pages (/embed/...): query options and auto-height.
// Everything here is an enhancement; an embed page reads fine without it.
//
//   ?theme=light|dark   force a colour scheme (default: the reader's own)
//   ?density=compact    dates and titles only
//   ?start=ENTRY_ID     begin the list at an entry (earlier ones behind a button)
//
// Inside a frame the page reports its height to the parent with the pym.js
// child protocol ("pymxPYMx<id>xPYMxheightxPYMx<px>"), taking <id> from
// ?childId= as pym's parent passes it, and answers the parent's "width"
// messages; /embed.js speaks the same protocol.
(function () {
  "use strict";
  var DELIM = "xPYMx";
  var root = document.documentElement;
  var params = new URLSearchParams(window.location.search);

  var theme = params.get("theme");
  if (theme === "light" || theme === "dark") {
    root.setAttribute("data-theme", theme);
    var meta = document.querySelector('meta[name="color-scheme"]');
    if (meta) meta.setAttribute("content", theme);
  }
  if (params.get("density") === "compact") root.classList.add("density-compact");

  var id = params.get("childId") || "dateline";
  var parentWidth = parseInt(params.get("initialWidth"), 10) || 0;
  var framed = window.parent !== window;
  var last = -1;

  function height() {
    return Math.ceil(root.getBoundingClientRect().height);
  }

  function sendHeight(force) {
    if (!framed) return;
    var h = height();
    if (h === last && !force) return;
    last = h;
    window.parent.postMessage(["pym", id, "height", String(h)].join(DELIM), "*");
  }

  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || typeof e.data !== "string") return;
    var parts = e.data.split(DELIM);
    if (parts.length < 4 || parts[0] !== "pym" || parts[1] !== id) return;
    if (parts[2] === "width") {
      parentWidth = parseInt(parts[3], 10) || parentWidth;
      root.setAttribute("data-parent-width", String(parentWidth));
      sendHeight(true);
    }
  });

  // ?start=ID hides the entries before ID behind a button, so a frame that
  // is as tall as its content still begins where the host wants it to.
  function startAt(entry) {
    var list = document.querySelector("[data-start-list]");
    if (!entry || !list) return;
    var items = list.querySelectorAll("[data-entry]");
    var at = -1;
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-entry") === entry) at = i;
    }
    if (at < 0) return;
    items[at].classList.add("start-entry");
    if (at === 0) return;
    for (var j = 0; j < at; j++) items[j].classList.add("before-start");
    list.querySelectorAll("section").forEach(function (s) {
      if (!s.querySelector("[data-entry]:not(.before-start)")) s.classList.add("before-start");
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "embed-earlier";
    // The words are the page's, in its language (see embed.html).
    button.textContent = list.getAttribute("data-earlier");
    button.addEventListener("click", function () {
      list.querySelectorAll(".before-start").forEach(function (el) { el.classList.remove("before-start"); });
      button.parentNode.removeChild(button);
      sendHeight(true);
    });
    list.parentNode.insertBefore(button, list);
  }

  function ready() {
    startAt(params.get("start"));
    sendHeight(true);
    if (window.ResizeObserver) {
      new ResizeObserver(function () { sendHeight(false); }).observe(root);
    }
    window.addEventListener("resize", function () { sendHeight(false); });
    window.addEventListener("load", function () { sendHeight(false); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
