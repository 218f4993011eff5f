package build_test

// Browser and validator tests of the built example site (issue 10):
//   - the time axis zooms, pans and filters the list by brushing, with
//     the mouse and the keyboard (static/axis.js);
//   - axe-core (npm axe-core) finds no violation on any kind of page, in
//     the light and the dark colour scheme, with WCAG 2.2's target size
//     rule on;
//   - the W3C Nu HTML checker (npm vnu-jar, Java) finds no error.
//
// They run only with DATELINE_E2E=1 (as .ci/run sets) and are then
// mandatory: a missing Chromium, Java or npm package fails them.
// DATELINE_NPM_DIR is the directory holding node_modules.

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dateline"
	"dateline/internal/browsertest"
	"dateline/internal/build"
	"dateline/internal/edtf"
	"dateline/internal/locale"
)

// npmFile is the path of a file of an npm package (see browsertest.NPM).
func npmFile(t *testing.T, pkgFile string) string {
	return filepath.Join(browsertest.NPM(t, pkgFile), "node_modules", filepath.FromSlash(pkgFile))
}

// withPeriods adds to the built example site, which fits on one page, the
// pages of 2025 (a year split by month, and its months) that it has with
// a page size of 10.
func withPeriods(t *testing.T, s *build.Site) *build.Site {
	t.Helper()
	site := exampleSite(t)
	site["site.toml"].Data = append(site["site.toml"].Data, "\npage_size = 10\n"...)
	paged, err := build.Build(site, dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range paged.Files {
		if strings.HasPrefix(name, "2025/") {
			s.Files[name] = data
		}
	}
	return s
}

// builtExample is the example site (this repository), built.
func builtExample(t *testing.T) *build.Site {
	t.Helper()
	s, err := build.Build(os.DirFS("../.."), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// serveSite serves the built files, and extra files by path.
func serveSite(t *testing.T, s *build.Site, extra map[string][]byte) string {
	t.Helper()
	files := maps.Clone(s.Files)
	maps.Copy(files, extra)
	return browsertest.Serve(t, files, "").URL
}

// axisState is what the page shows of the axis and its filter.
type axisState struct {
	ViewFrom, ViewTo string
	Filter           string
	Search           string
	Shown, Hidden    []string // ids of the cards
	ShownBounds      [][2]string
	HiddenBounds     [][2]string
	Visible          int // marks drawn
	Focused          string
	Status           string // the filter's status line
}

const readAxis = `(function () {
  var f = document.querySelector("figure.axis"), s = {ShownBounds: [], HiddenBounds: [], Shown: [], Hidden: []};
  s.ViewFrom = f.getAttribute("data-view-from"); s.ViewTo = f.getAttribute("data-view-to");
  s.Filter = f.getAttribute("data-filter") || ""; s.Search = location.search;
  s.Status = (f.querySelector(".axis-status") || {}).textContent || "";
  document.querySelectorAll("li.entry").forEach(function (li) {
    var art = li.querySelector("article[data-from]"), b = [art.getAttribute("data-from"), art.getAttribute("data-to")], shown = li.offsetParent !== null;
    (shown ? s.Shown : s.Hidden).push(li.id);
    (shown ? s.ShownBounds : s.HiddenBounds).push(b);
  });
  s.Visible = [].filter.call(f.querySelectorAll("svg a"), function (a) { return a.style.display !== "none"; }).length;
  var a = document.activeElement;
  s.Focused = a && a.closest && a.closest("svg") ? a.getAttribute("aria-label") : "";
  return s;
})()`

func TestAxisZoomAndBrush(t *testing.T) {
	npmFile(t, "axe-core/axe.min.js") // the gate, and the npm dir CI uses
	s := builtExample(t)
	base := serveSite(t, s, nil)
	ctx := browsertest.New(t)
	browsertest.Do(t, ctx, "open the timeline", chromedp.Navigate(base+"/"), chromedp.WaitVisible(".axis-tools button:first-child"))
	st := browsertest.Eval[axisState](t, ctx, readAxis)
	if st.ViewFrom != "2015-01-01" || st.ViewTo != "2026-03-31" || len(st.Hidden) != 0 {
		t.Fatalf("before zooming: view %s to %s, %d cards hidden; want the whole span and every card", st.ViewFrom, st.ViewTo, len(st.Hidden))
	}
	marks := st.Visible

	// Zoom in with the button, twice: the view narrows around its middle
	// and marks outside it are not drawn.
	browsertest.Do(t, ctx, "zoom in", chromedp.Click(".axis-tools button:first-child"), chromedp.Click(".axis-tools button:first-child"))
	z := browsertest.Eval[axisState](t, ctx, readAxis)
	if !(z.ViewFrom > st.ViewFrom && z.ViewTo < st.ViewTo) || z.Visible >= marks {
		t.Errorf("after zooming in twice: view %s to %s with %d of %d marks; want a narrower view with fewer marks", z.ViewFrom, z.ViewTo, z.Visible, marks)
	}

	// The keyboard: the first mark is the axis's one tab stop; End goes to
	// the last, + zooms in around it, Shift+Left pans back, - zooms out.
	browsertest.Do(t, ctx, "reset", chromedp.Click(".axis-tools button:nth-child(3)"))
	browsertest.Do(t, ctx, "focus the last mark", chromedp.Focus(`figure.axis svg a[tabindex="0"]`), chromedp.KeyEvent(kb.End))
	k := browsertest.Eval[axisState](t, ctx, readAxis)
	if k.Focused == "" || k.ViewFrom != st.ViewFrom {
		t.Fatalf("after End: focus on %q, view from %s; want a mark and the whole view", k.Focused, k.ViewFrom)
	}
	browsertest.Do(t, ctx, "zoom in with +", chromedp.KeyEvent("+"), chromedp.KeyEvent("+"), chromedp.KeyEvent("+"))
	k2 := browsertest.Eval[axisState](t, ctx, readAxis)
	if !(k2.ViewFrom > k.ViewFrom) || k2.ViewTo < "2026-03" || k2.Focused == "" {
		t.Errorf("after + three times on the last mark (%s): view %s to %s, focus on %q; want it narrowed around the mark, still focused", k.Focused, k2.ViewFrom, k2.ViewTo, k2.Focused)
	}
	// Zoomed into a few days, the page (which lists every entry) counts
	// its entries again, day by day.
	for range 7 {
		browsertest.Do(t, ctx, "zoom in with +", chromedp.KeyEvent("+"))
	}
	days := browsertest.Eval[[][2]string](t, ctx, `[].filter.call(document.querySelectorAll("figure.axis .axis-bars a"), function (a) { return a.style.display !== "none"; }).map(function (a) { return [a.getAttribute("data-from"), a.getAttribute("data-to")]; })`)
	if len(days) == 0 {
		t.Errorf("zoomed into %s: no bars", browsertest.Eval[string](t, ctx, `document.querySelector("figure.axis").getAttribute("data-view-from")`))
	}
	for _, d := range days {
		if d[0] != d[1] {
			t.Errorf("zoomed into a few days: a bar from %s to %s, want one a day", d[0], d[1])
		}
	}
	k2 = browsertest.Eval[axisState](t, ctx, readAxis)
	browsertest.Do(t, ctx, "pan left", chromedp.KeyEvent(kb.ArrowLeft, chromedp.KeyModifiers(chromedp.ModifierShift)))
	k3 := browsertest.Eval[axisState](t, ctx, readAxis)
	if !(k3.ViewFrom < k2.ViewFrom && k3.ViewTo < k2.ViewTo) {
		t.Errorf("after Shift+Left: view %s to %s; want it moved earlier than %s to %s", k3.ViewFrom, k3.ViewTo, k2.ViewFrom, k2.ViewTo)
	}
	for range 12 {
		browsertest.Do(t, ctx, "zoom out with -", chromedp.KeyEvent("-"))
	}
	if k4 := browsertest.Eval[axisState](t, ctx, readAxis); k4.ViewFrom != st.ViewFrom || k4.ViewTo != st.ViewTo {
		t.Errorf("after zooming out: view %s to %s; want the whole span back", k4.ViewFrom, k4.ViewTo)
	}

	// Brushing: a drag over the last tenth of the plot (mid-2025 to March
	// 2026) filters the list and writes from/to into the URL.
	box := browsertest.Eval[[4]float64](t, ctx, `(function () { var r = document.querySelector("figure.axis svg").getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	x0, x1, y := box[0]+box[2]*0.93, box[0]+box[2]*0.999, box[1]+box[3]*0.3
	browsertest.Do(t, ctx, "brush",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (x0+x1)/2, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x1, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, y, chromedp.ButtonLeft))
	b := browsertest.Eval[axisState](t, ctx, readAxis)
	from, to, ok := strings.Cut(b.Filter, "/")
	if !ok || len(b.Shown) == 0 || len(b.Hidden) == 0 {
		t.Fatalf("after brushing: filter %q, %d cards shown, %d hidden; want a range that keeps some", b.Filter, len(b.Shown), len(b.Hidden))
	}
	if want := "?from=" + from + "&to=" + to; b.Search != want {
		t.Errorf("after brushing: the URL's query is %q, want %q", b.Search, want)
	}
	// The status writes the range as the site writes its dates.
	for _, day := range []string{from, to} {
		d, err := edtf.Parse(day)
		if err != nil {
			t.Fatal(err)
		}
		if want := locale.English().Date(d); !strings.Contains(b.Status, want) {
			t.Errorf("after brushing: the status %q does not write %s as %q", b.Status, day, want)
		}
	}
	overlaps := func(bd [2]string) bool {
		return (bd[0] == "" || bd[0] <= to) && (bd[1] == "" || bd[1] >= from)
	}
	for i, bd := range b.ShownBounds {
		if !overlaps(bd) {
			t.Errorf("%s (%s to %s) is shown, outside %s", b.Shown[i], bd[0], bd[1], b.Filter)
		}
	}
	for i, bd := range b.HiddenBounds {
		if overlaps(bd) {
			t.Errorf("%s (%s to %s) is hidden, inside %s", b.Hidden[i], bd[0], bd[1], b.Filter)
		}
	}

	// The URL is the filter: a reader who opens it sees the same list.
	browsertest.Do(t, ctx, "open the filtered URL", chromedp.Navigate(base+"/"+b.Search), chromedp.WaitVisible(".axis-tools button:first-child"))
	if again := browsertest.Eval[axisState](t, ctx, readAxis); !slices.Equal(again.Shown, b.Shown) {
		t.Errorf("the filtered URL shows %v, want %v", again.Shown, b.Shown)
	}
	// Escape on a mark clears it.
	browsertest.Do(t, ctx, "clear", chromedp.Focus(`figure.axis svg a[tabindex="0"]`), chromedp.KeyEvent(kb.Escape))
	if c := browsertest.Eval[axisState](t, ctx, readAxis); len(c.Hidden) != 0 || c.Search != "" {
		t.Errorf("after Escape: %d cards hidden, query %q; want none and no query", len(c.Hidden), c.Search)
	}
}

// pageTypes are one page of every kind the site has, by path.
var pageTypes = []string{
	"",         // the timeline
	"2025/",    // a year split by month (see withPeriods)
	"2025/06/", // a month, in two pages
	"entries/2025-06-22-us-strikes-iranian-nuclear-sites/",
	"actors/putin/",
	"threads/june-2025-israel-iran-war/",
	"actors/",
	"sources/russian-president-vladimir-putin-monday-assured/",
	"sources/",
	"entries/",
	"embed/",
	"embed/entries/2025-06-22-us-strikes-iranian-nuclear-sites/",
	"embed/actors/putin/",
	"404.html",
}

// TestAxe runs axe-core on every kind of page in both colour schemes.
// The example site fits on one page, so the year page comes from the same
// site with a page size of 10.
func TestAxe(t *testing.T) {
	axe := npmFile(t, "axe-core/axe.min.js")
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	s := withPeriods(t, builtExample(t))
	base := serveSite(t, s, map[string][]byte{"_test/axe.js": src})
	ctx := browsertest.New(t)
	type violation struct {
		ID, Help string
		Nodes    []struct{ Target []string }
	}
	for _, scheme := range []string{"light", "dark"} {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pageTypes {
			if file := p + "index.html"; !strings.HasSuffix(p, ".html") && s.Files[file] == nil {
				t.Errorf("%s: no such page in the build", file)
				continue
			}
			browsertest.Do(t, ctx, "open "+p, chromedp.Navigate(base+"/"+p), chromedp.WaitReady("body"))
			if got := browsertest.Eval[bool](t, ctx, `matchMedia("(prefers-color-scheme: `+scheme+`)").matches`); !got {
				t.Fatalf("the page is not in the %s scheme", scheme)
			}
			// Axe itself is loaded from this server: the site makes no request
			// elsewhere, and neither does the test.
			browsertest.Do(t, ctx, "load axe", chromedp.Evaluate[chromedp.Void](`new Promise(function (ok, fail) { var s = document.createElement("script"); s.src = "/_test/axe.js"; s.onload = ok; s.onerror = fail; document.head.appendChild(s); })`, chromedp.EvalAwaitPromise))
			res, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				Violations []violation
				Passes     int
			}](`axe.run(document, {rules: {"target-size": {enabled: true}}}).then(function (r) { return {Violations: r.violations, Passes: r.passes.length}; })`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s (%s): axe: %v", p, scheme, err)
			}
			if res.Passes < 10 {
				t.Fatalf("/%s (%s scheme): axe passed only %d rules: did it run?", p, scheme, res.Passes)
			}
			// Axe leaves links within text out of its target size rule;
			// the dates after cited passages are such links, and small.
			if small := browsertest.Eval[[]string](t, ctx, `[].filter.call(document.querySelectorAll("a.cite-ref"), function (a) { var r = a.getBoundingClientRect(); return r.height < 24 || r.width < 24; }).map(function (a) { return a.textContent; })`); len(small) > 0 {
				t.Errorf("/%s: date links after cited passages smaller than 24×24 px: %q", p, small)
			}
			for _, v := range res.Violations {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, strings.Join(n.Target, " "))
				}
				t.Errorf("/%s (%s scheme): %s: %s, at %s", p, scheme, v.ID, v.Help, strings.Join(where, "; "))
			}
		}
	}
}

// TestNuChecker runs the W3C Nu HTML checker on every HTML page of the
// built example site, and on its year and month pages (see withPeriods):
// it must report no error.
func TestNuChecker(t *testing.T) {
	jar := npmFile(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatal("DATELINE_E2E=1 but no java found (apt-get install default-jre-headless)")
	}
	s := withPeriods(t, builtExample(t))
	dir := t.TempDir()
	pages := 0
	for name, data := range s.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		pages++
	}
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr // vnu reports on stderr
	err = cmd.Run()
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	if jerr := json.Unmarshal(stderr.Bytes(), &report); jerr != nil {
		t.Fatalf("vnu: %v (%v)\n%s", err, jerr, stderr.Bytes())
	}
	errs := 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		errs++
		if errs <= 50 {
			t.Errorf("%s:%d: %s (%q)", strings.TrimPrefix(m.URL, "file:"+dir+"/"), m.LastLine, m.Message, m.Extract)
		}
	}
	t.Logf("vnu checked %d pages: %d errors", pages, errs)
	if errs == 0 && err != nil {
		t.Fatalf("vnu failed without reporting an error: %v", err)
	}
}
