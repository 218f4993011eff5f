// The time axis, enhanced (templates/partials.html "axis"): zoom and pan,
// brushing a range to filter the entries listed on the page, and keyboard
// control. Without this script the axis is a static chart whose bars are
// links. The filter is kept in the URL as from/to (ISO days, inclusive),
// the parameters the combined filters read too. Strings come from the
// figure's data-* attributes, so templates can translate them.
(function () {
  "use strict";
  var DAY = 86400000, MIN_SPAN = 7;

  function dayOf(iso) {
    var m = /^(-?\d+)-(\d\d)-(\d\d)$/.exec(iso || "");
    if (!m) return null;
    var d = new Date(0);
    d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
    return Math.round(d.getTime() / DAY);
  }
  function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
  function isoOf(day) {
    var d = new Date(day * DAY), y = d.getUTCFullYear();
    return (y < 0 ? "-" : "") + pad(Math.abs(y), 4) + "-" + pad(d.getUTCMonth() + 1, 2) + "-" + pad(d.getUTCDate(), 2);
  }
  function text(day, opts) {
    try {
      return new Date(day * DAY).toLocaleDateString(document.documentElement.lang || undefined, Object.assign({timeZone: "UTC"}, opts));
    } catch (e) { return isoOf(day); }
  }
  // A day as the site writes its dates (data-day: the order of the parts
  // and the months' names), in the language's digits.
  function long(day) {
    var fig = document.querySelector("figure.axis[data-day]");
    if (!fig) return text(day, {day: "numeric", month: "long", year: "numeric"});
    var w = JSON.parse(fig.dataset.day), digits = fig.dataset.digits || "0123456789", d = new Date(day * DAY);
    var p = [String(d.getUTCDate()), w.months[d.getUTCMonth()], String(d.getUTCFullYear())];
    if (w.order === "ymd") p.reverse();
    else if (w.order === "mdy") p = [p[1], p[0], p[2]];
    return p.join(" ").replace(/[0-9]/g, function (c) { return digits.charAt(+c); });
  }
  function fill(s, vals) { return s.replace(/\{(\w+)\}/g, function (_, k) { return k in vals ? vals[k] : ""; }); }
  // A counted message (see app.js), with the digits the figure gives.
  function counted(forms, n, vals) {
    var fig = document.querySelector("figure.axis[data-digits]");
    return window.Dateline.counted(forms, n, vals, fig && fig.dataset.digits);
  }

  // Tick steps, finest first: [unit, step], unit "d" days, "m" months, "y" years.
  var STEPS = [["d", 1], ["d", 2], ["d", 7], ["d", 14], ["m", 1], ["m", 3], ["m", 6], ["y", 1], ["y", 2], ["y", 5], ["y", 10], ["y", 20], ["y", 50], ["y", 100], ["y", 1000]];
  function ticks(lo, hi) {
    var span = hi - lo, step;
    for (var i = 0; i < STEPS.length; i++) {
      step = STEPS[i];
      var len = step[0] === "d" ? step[1] : step[0] === "m" ? 30.4 * step[1] : 365.25 * step[1];
      if (span / len <= 8) break;
    }
    var out = [], d = new Date(lo * DAY);
    if (step[0] === "d") {
      for (var x = Math.ceil(lo / step[1]) * step[1]; x - lo <= (hi - lo) * 0.95; x += step[1]) out.push([x, text(x, {day: "numeric", month: "short"})]);
      return out;
    }
    var y = d.getUTCFullYear(), m = step[0] === "m" ? d.getUTCMonth() : 0;
    if (step[0] === "y") y = Math.floor(y / step[1]) * step[1];
    else m = Math.floor(m / step[1]) * step[1];
    for (var k = 0; k < 200; k++) {
      var t = new Date(0);
      t.setUTCFullYear(y, m, 1);
      var day = Math.round(t.getTime() / DAY);
      if (day >= hi) break;
      if (day >= lo && day - lo <= (hi - lo) * 0.95) {
        out.push([day, step[0] === "y" ? String(y) : text(day, m === 0 || !out.length ? {month: "short", year: "numeric"} : {month: "short"})]);
      }
      if (step[0] === "y") y += step[1]; else { m += step[1]; if (m > 11) { y += Math.floor(m / 12); m %= 12; } }
    }
    return out;
  }

  var SVG = "http://www.w3.org/2000/svg";

  function setup(fig) {
    var svg = fig.querySelector("svg"), ds = fig.dataset;
    var d0 = dayOf(ds.from), d1 = dayOf(ds.to) + 1;
    if (svg == null || d0 == null || d1 == null) return;
    var v0 = d0, v1 = d1, filter = null;
    var marks = [];
    var cards = [].slice.call(document.querySelectorAll("main article[data-from]")).map(function (art) {
      var f = dayOf(art.getAttribute("data-from")), t = dayOf(art.getAttribute("data-to"));
      return {li: art.closest("li") || art, from: f == null ? -Infinity : f, to: t == null ? Infinity : t, q: art.hasAttribute("data-uncertain")};
    });
    // Where the page lists every entry the axis counts, zooming in counts
    // them again by week or day; elsewhere the bars of the build scale.
    var complete = fig.hasAttribute("data-complete") && cards.length > 0;
    var gBars = svg.querySelector(".axis-bars"), gSpans = svg.querySelector(".axis-spans");
    var built = [[].slice.call(gBars.childNodes), [].slice.call(gSpans.childNodes)], rebinned = false;
    var top = +svg.dataset.barsTop, base = +svg.dataset.barsBase, spansTop = +svg.dataset.spansTop;

    // The tools: zoom buttons and the filter's status, read out politely.
    var tools = document.createElement("div");
    tools.className = "axis-tools";
    function button(label, sign, onclick) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = sign;
      b.setAttribute("aria-label", label);
      b.title = label;
      b.addEventListener("click", onclick);
      tools.appendChild(b);
      return b;
    }
    button(ds.zoomIn, "+", function () { zoom(0.5, (v0 + v1) / 2); });
    button(ds.zoomOut, "−", function () { zoom(2, (v0 + v1) / 2); });
    var reset = button(ds.reset, ds.reset, function () { v0 = d0; v1 = d1; draw(); });
    var status = document.createElement("span");
    status.className = "axis-status";
    status.setAttribute("role", "status");
    tools.appendChild(status);
    var clear = button(ds.clear, ds.clear, function () { setFilter(null); });
    var hint = document.createElement("p");
    hint.className = "note axis-hint";
    hint.id = fig.id + "-hint";
    hint.textContent = ds.hint;
    svg.setAttribute("aria-describedby", hint.id);
    fig.querySelector(".axis-plot").after(tools, hint);

    var brush = document.createElementNS(SVG, "rect");
    brush.setAttribute("class", "axis-brush");
    brush.setAttribute("y", 0);
    brush.setAttribute("height", "100%");
    brush.setAttribute("width", 0);
    brush.style.display = "none";
    svg.insertBefore(brush, svg.firstChild);

    function pct(x) { return ((x - v0) / (v1 - v0) * 100).toFixed(3) + "%"; }

    // Bins as the build makes them (internal/render/axis.go): days up to
    // two months, weeks up to a year or so, then months.
    function unitFor(span) {
      if (span <= 62) return {index: function (d) { return d; }, start: function (i) { return i; }, label: long};
      if (span <= 420) return {index: function (d) { return Math.floor((d + 3) / 7); }, start: function (i) { return i * 7 - 3; },
        label: function (d) { return fill(ds.week, {date: long(d)}); }};
      if (span <= 6100) return {
        index: function (d) { var t = new Date(d * DAY); return t.getUTCFullYear() * 12 + t.getUTCMonth(); },
        start: function (i) { var t = new Date(0); t.setUTCFullYear(Math.floor(i / 12), ((i % 12) + 12) % 12, 1); return Math.round(t.getTime() / DAY); },
        label: function (d) { return text(d, {month: "long", year: "numeric"}); }};
      return null;
    }
    function el(name, attrs, parent) {
      var e = document.createElementNS(SVG, name);
      for (var k in attrs) e.setAttribute(k, attrs[k]);
      if (parent) parent.appendChild(e);
      return e;
    }
    function mark(g, m) {
      var a = el("a", {href: "#" + m.first, "aria-label": m.label, "data-from": isoOf(m.from), "data-to": isoOf(m.to - 1), tabindex: "-1"}, g);
      if (m.cls) a.setAttribute("class", m.cls);
      el("title", {}, a).textContent = m.label;
      m.rects.forEach(function (r) { el("rect", r, a); });
      return a;
    }
    // rebin replaces the build's bars and spans by the entries' own, in
    // bins of u, within the view.
    function rebin(u) {
      var bins = {}, spans = {}, maxN = 1;
      cards.forEach(function (c) {
        if (c.to < v0 || c.from >= v1) return;
        var point = isFinite(c.from) && isFinite(c.to) && u.index(c.from) === u.index(c.to);
        if (point) {
          var k = u.index(c.from), b = bins[k] || (bins[k] = {k: k, n: 0, q: 0, first: c.li.id});
          b.n++; if (c.q) b.q++;
          maxN = Math.max(maxN, b.n);
          return;
        }
        var lo = u.index(Math.max(c.from, d0)), hi = u.index(Math.min(c.to, d1 - 1)), key = lo + "/" + hi + "/" + c.q;
        var s = spans[key] || (spans[key] = {lo: lo, hi: hi, n: 0, q: c.q, first: c.li.id});
        s.n++;
      });
      gBars.textContent = ""; gSpans.textContent = "";
      var out = [];
      Object.keys(bins).forEach(function (k) {
        var b = bins[k], from = u.start(b.k), to = u.start(b.k + 1), h = Math.max(2, Math.round(b.n * (base - top) / maxN));
        var label = counted(ds.bar, b.n, {period: u.label(from)});
        var rects = [{"class": "hit", y: top, height: base - top}, {"class": "bar", y: base - h, height: h}];
        if (b.q) rects.push({"class": "bar-q", y: base - h, height: Math.max(2, Math.round(b.q * h / b.n))});
        out.push(mark(gBars, {first: b.first, from: from, to: to, label: label, rects: rects}));
      });
      var rows = [];
      Object.keys(spans).map(function (k) { return spans[k]; }).sort(function (x, y) { return x.lo - y.lo || y.hi - x.hi; }).forEach(function (s) {
        var from = u.start(s.lo), to = u.start(s.hi + 1), row = rows.findIndex(function (end) { return end <= from; });
        if (row < 0) { row = rows.length < 5 ? rows.length : 0; }
        rows[row] = to;
        var label = counted(ds.bar, s.n, {period: fill(ds.span, {from: u.label(from), to: u.label(to - 1)})});
        out.push(mark(gSpans, {first: s.first, from: from, to: to, label: label, cls: s.q ? "span-uncertain" : "span-range",
          rects: [{y: spansTop + row * 8, height: 5, rx: 2}]}));
      });
      return out;
    }
    function restore() {
      gBars.textContent = ""; gSpans.textContent = "";
      built[0].forEach(function (n) { gBars.appendChild(n); });
      built[1].forEach(function (n) { gSpans.appendChild(n); });
    }
    function collect() {
      marks = [].slice.call(svg.querySelectorAll("a[data-from]")).map(function (a) {
        return {a: a, from: dayOf(a.getAttribute("data-from")), to: dayOf(a.getAttribute("data-to")) + 1, rects: a.querySelectorAll("rect")};
      });
      marks.sort(function (x, y) { return x.from - y.from || y.to - x.to; });
    }

    function draw() {
      var u = complete && (v0 !== d0 || v1 !== d1) ? unitFor(v1 - v0) : null, was = null, redrawn = !!u || rebinned;
      if (redrawn) {
        was = marks.find(function (m) { return m.a === document.activeElement || m.a.getAttribute("tabindex") === "0"; });
        if (u) rebin(u); else restore();
        rebinned = !!u;
        collect();
      }
      marks.forEach(function (m) {
        var out = m.to <= v0 || m.from >= v1;
        m.a.style.display = out ? "none" : "";
        if (out) return;
        var x = Math.max(m.from, v0), w = Math.min(m.to, v1) - x;
        for (var i = 0; i < m.rects.length; i++) {
          m.rects[i].setAttribute("x", pct(x));
          m.rects[i].setAttribute("width", ((w / (v1 - v0)) * 100).toFixed(3) + "%");
        }
        m.a.classList.toggle("selected", !!filter && m.from < filter[1] && m.to > filter[0]);
      });
      var g = svg.querySelector(".axis-ticks"), proto = g.querySelector("line"), y = g.querySelector("text");
      if (proto && y) {
        var ly1 = proto.getAttribute("y1"), ly2 = proto.getAttribute("y2"), ty = y.getAttribute("y");
        g.textContent = "";
        ticks(v0, v1).forEach(function (t) {
          var l = document.createElementNS(SVG, "line"), s = document.createElementNS(SVG, "text");
          l.setAttribute("x1", pct(t[0])); l.setAttribute("x2", pct(t[0]));
          l.setAttribute("y1", ly1); l.setAttribute("y2", ly2);
          s.setAttribute("x", pct(t[0])); s.setAttribute("y", ty); s.setAttribute("dx", 3);
          s.textContent = t[1];
          g.append(l, s);
        });
      }
      if (redrawn) roving(was);
      reset.hidden = v0 === d0 && v1 === d1;
      fig.setAttribute("data-view-from", isoOf(v0));
      fig.setAttribute("data-view-to", isoOf(v1 - 1));
    }
    function zoom(f, at) {
      var span = Math.min(Math.max((v1 - v0) * f, MIN_SPAN), d1 - d0);
      var lo = Math.round(at - (at - v0) * span / (v1 - v0));
      pan(lo - v0, Math.round(span));
    }
    function pan(by, span) {
      span = span || v1 - v0;
      v0 = Math.min(Math.max(v0 + by, d0), d1 - span);
      v1 = v0 + span;
      draw();
    }

    // The filter: entries overlapping [from, to) stay; empty months and
    // years go with the rest.
    function setFilter(f) {
      filter = f;
      var shown = 0;
      cards.forEach(function (c) {
        var keep = !f || (c.from < f[1] && c.to >= f[0]);
        c.li.toggleAttribute("data-axis-hidden", !keep);
        if (keep) shown++;
      });
      document.querySelectorAll("main section.month, main section.year").forEach(function (s) {
        s.toggleAttribute("data-axis-hidden", !!f && !s.querySelector("li.entry:not([data-axis-hidden])"));
      });
      var lo = f && isFinite(f[0]) ? f[0] : d0, hi = f && isFinite(f[1]) ? f[1] : d1;
      status.textContent = f ? counted(ds.status, cards.length, {shown: shown, from: long(lo), to: long(hi - 1)}) : "";
      clear.hidden = !f;
      var u = new URL(location.href);
      u.searchParams.delete("from");
      u.searchParams.delete("to");
      if (f && isFinite(f[0])) u.searchParams.set("from", isoOf(f[0]));
      if (f && isFinite(f[1])) u.searchParams.set("to", isoOf(f[1] - 1));
      if (u.href !== location.href) history.replaceState(history.state, "", u);
      fig.setAttribute("data-filter", f ? isoOf(lo) + "/" + isoOf(hi - 1) : "");
      draw();
    }

    // Brushing: a drag across the plot selects a range; a click without a
    // drag follows the bar's link as usual.
    var start = null, dragged = false;
    function dayAt(ev) {
      var r = svg.getBoundingClientRect();
      return v0 + (Math.min(Math.max(ev.clientX - r.left, 0), r.width) / r.width) * (v1 - v0);
    }
    svg.addEventListener("pointerdown", function (ev) {
      if (ev.button !== 0) return;
      start = {x: ev.clientX, day: dayAt(ev)};
      dragged = false;
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!start) return;
      if (!dragged && Math.abs(ev.clientX - start.x) < 5) return;
      if (!dragged) svg.setPointerCapture(ev.pointerId);
      dragged = true;
      var a = Math.min(start.day, dayAt(ev)), b = Math.max(start.day, dayAt(ev));
      brush.style.display = "";
      brush.setAttribute("x", pct(a));
      brush.setAttribute("width", ((b - a) / (v1 - v0) * 100).toFixed(3) + "%");
    });
    svg.addEventListener("pointerup", function (ev) {
      if (!start) return;
      if (dragged) {
        var a = Math.floor(Math.min(start.day, dayAt(ev))), b = Math.ceil(Math.max(start.day, dayAt(ev)));
        setFilter([a, Math.max(b, a + 1)]);
      }
      brush.style.display = "none";
      start = null;
    });
    svg.addEventListener("click", function (ev) {
      if (dragged) { ev.preventDefault(); dragged = false; }
    }, true);
    svg.addEventListener("wheel", function (ev) {
      if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) { pan(Math.round(ev.deltaX / svg.clientWidth * (v1 - v0))); ev.preventDefault(); return; }
      if (!ev.ctrlKey && !ev.altKey) return; // plain scrolling scrolls the page
      ev.preventDefault();
      zoom(ev.deltaY < 0 ? 0.8 : 1.25, dayAt(ev));
    }, {passive: false});

    // Keyboard: one tab stop; arrows move between marks, Shift+arrows
    // pan, + and - zoom, space filters to the focused mark, Escape clears.
    // roving keeps one tab stop after the marks were drawn again: on the
    // mark nearest to the one that had focus (or the tab stop) before.
    function roving(before) {
      var vis = visible(), keep = before || null;
      if (!vis.length) return;
      var best = vis[0];
      if (keep) vis.forEach(function (m) { if (Math.abs(m.from - keep.from) < Math.abs(best.from - keep.from)) best = m; });
      marks.forEach(function (m) { m.a.setAttribute("tabindex", m === best ? "0" : "-1"); });
      if (keep && keep.a !== best.a && document.activeElement === document.body) best.a.focus();
    }
    collect();
    marks.forEach(function (m, i) { m.a.setAttribute("tabindex", i === 0 ? "0" : "-1"); });
    function visible() { return marks.filter(function (m) { return m.a.style.display !== "none"; }); }
    function focus(m) {
      if (!m) return;
      marks.forEach(function (o) { o.a.setAttribute("tabindex", o === m ? "0" : "-1"); });
      m.a.focus();
    }
    svg.addEventListener("keydown", function (ev) {
      var cur = marks.find(function (m) { return m.a === document.activeElement; });
      if (!cur) return;
      var vis = visible(), i = vis.indexOf(cur), step = (v1 - v0) / 5;
      switch (ev.key) {
        case "ArrowRight": case "ArrowDown":
          if (ev.shiftKey) pan(Math.round(step)); else focus(vis[Math.min(i + 1, vis.length - 1)]);
          break;
        case "ArrowLeft": case "ArrowUp":
          if (ev.shiftKey) pan(-Math.round(step)); else focus(vis[Math.max(i - 1, 0)]);
          break;
        case "Home": focus(vis[0]); break;
        case "End": focus(vis[vis.length - 1]); break;
        case "+": case "=": zoom(0.5, (cur.from + cur.to) / 2); break;
        case "-": case "_": zoom(2, (cur.from + cur.to) / 2); break;
        case " ": setFilter([cur.from, cur.to]); break;
        case "Escape": setFilter(null); break;
        default: return;
      }
      ev.preventDefault();
      if (cur.a.style.display === "none") {
        var near = visible().sort(function (x, y) { return Math.abs(x.from - cur.from) - Math.abs(y.from - cur.from); });
        focus(near[0]);
      }
    });

    var q = new URLSearchParams(location.search), f = dayOf(q.get("from")), t = dayOf(q.get("to"));
    if (f != null || t != null) setFilter([f == null ? -Infinity : f, t == null ? Infinity : t + 1]);
    else setFilter(null);
  }

  document.querySelectorAll("figure.axis").forEach(setup);
})();
