package export_test

// Browser tests against the real clients, in headless Chromium:
//   - Knight Lab's TimelineJS3 (npm @knight-lab/timelinejs) loads our
//     /timelinejs.json and shows one slide per entry with the right dates;
//   - NPR's pym.js parent (npm pym.js) and our /embed.js each size an embed
//     frame to its content, also after the viewport narrows.
//
// They run only with DATELINE_E2E=1 (as CI runs), and are then mandatory:
// they fail when Chromium or the npm packages are missing. Without it they
// are skipped even where a browser is installed, so that the default
// `go test ./...` stays quick.
// DATELINE_NPM_DIR is the directory holding node_modules (.ci/run installs
// them into .ci/node). The pages are served by httptest on 127.0.0.1 only.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/build"
	"dateline/internal/edtf"
	"dateline/internal/export"
	"dateline/internal/render"
)

// e2e starts a browser for one test and returns its tab and the npm
// directory holding TimelineJS and pym.js (see browsertest).
func e2e(t *testing.T) (ctx context.Context, npm string) {
	t.Helper()
	npm = browsertest.NPM(t, "@knight-lab/timelinejs/dist/js/timeline.js", "pym.js/dist/pym.v1.min.js")
	return browsertest.New(t), npm
}

// siteServer serves the built files, extra files by path, and the npm
// packages under /_npm/.
func siteServer(t *testing.T, s *build.Site, npm string, extra map[string]string) *httptest.Server {
	t.Helper()
	files := maps.Clone(s.Files)
	for name, data := range extra {
		files[name] = []byte(data)
	}
	return browsertest.Serve(t, files, npm)
}

func wait(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// shot saves a screenshot when DATELINE_SHOTS names a directory (for
// looking at what the test saw).
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("DATELINE_SHOTS")
	if dir == "" {
		return
	}
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644)
	}
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
	}
}

func TestTimelineJSLoadsOurJSON(t *testing.T) {
	ctx, npm := e2e(t)
	s := exampleSite(t)
	host := `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/_npm/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="/_npm/@knight-lab/timelinejs/dist/js/timeline.js"></script></head>
<body style="margin:0"><div id="tl" style="width:960px;height:640px"></div>
<script>
window.tlLoaded = false;
window.tl = new TL.Timeline("tl", location.origin + "/timelinejs.json", {hash_bookmark: false, script_path: location.origin + "/_npm/@knight-lab/timelinejs/dist/js/"});
window.tl.on("loaded", function () { window.tlLoaded = true; });
</script></body></html>`
	srv := siteServer(t, s, npm, map[string]string{"_test/timelinejs.html": host})
	wctx, cancel := wait(ctx, 3*time.Minute)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.Navigate(srv.URL+"/_test/timelinejs.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool]("window.tlLoaded === true")); err != nil {
		t.Fatalf("TimelineJS never fired 'loaded': %v", err)
	}
	shot(t, ctx, "timelinejs")
	type slideInfo struct {
		ID    string         `json:"id"`
		Date  string         `json:"date"`
		Parts map[string]any `json:"parts"`
	}
	slides, err := chromedp.Run(wctx, chromedp.Evaluate[[]slideInfo](`(function () {
  var out = [];
  document.querySelectorAll(".tl-slide").forEach(function (s) {
    if (s.classList.contains("tl-slide-titleslide")) return;
    var d = s.querySelector(".tl-headline-date");
    var data = window.tl.getDataById(s.id);
    var parts = {};
    if (data && data.start_date) {
      ["year", "month", "day", "hour", "minute"].forEach(function (k) {
        if (data.start_date.data[k] !== undefined) parts[k] = data.start_date.data[k];
      });
    }
    out.push({id: s.id, date: d ? d.textContent.trim() : "", parts: parts});
  });
  return out;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("TimelineJS rendered %d event slides for %d entries", len(slides), len(s.Timeline.Entries))
	if len(slides) != len(s.Timeline.Entries) {
		t.Fatalf("TimelineJS shows %d event slides, want one per entry (%d)", len(slides), len(s.Timeline.Entries))
	}
	seen := map[string]bool{}
	for _, sl := range slides {
		e := s.Timeline.Entry(sl.ID)
		if e == nil {
			t.Errorf("slide %q is no entry", sl.ID)
			continue
		}
		seen[e.ID] = true
		if export.NeedsDisplay(e.Date) {
			if sl.Date != e.Date.Display() {
				t.Errorf("%s: slide date %q, want %q", e.ID, sl.Date, e.Date.Display())
			}
			continue
		}
		// TimelineJS formats plain dates itself: the year, and the month and
		// day only when the data has them.
		p := e.Date.Start
		if !strings.Contains(sl.Date, fmt.Sprint(p.Year)) {
			t.Errorf("%s: slide date %q lacks the year %d", e.ID, sl.Date, p.Year)
		}
		month := time.Month(max(p.Month, 1)).String()
		if has := strings.Contains(sl.Date, month[:3]); has != (p.Precision >= edtf.Month) {
			t.Errorf("%s (%s precision): slide date %q, month shown: %v", e.ID, p.Precision, sl.Date, has)
		}
		if p.Precision >= edtf.Day && !strings.Contains(sl.Date, fmt.Sprint(p.Day)) {
			t.Errorf("%s: slide date %q lacks the day %d", e.ID, sl.Date, p.Day)
		}
		if _, hasDay := sl.Parts["day"]; hasDay != (p.Precision >= edtf.Day) {
			t.Errorf("%s: TimelineJS date parts %v for %s precision", e.ID, sl.Parts, p.Precision)
		}
	}
	if len(seen) != len(s.Timeline.Entries) {
		t.Errorf("%d distinct entries among the slides, want %d", len(seen), len(s.Timeline.Entries))
	}
}

// frameState is what the host sees of an embed frame and what the framed
// document measures of itself.
type frameState struct {
	Frame   int // the iframe's height in the host page
	Content int // the embedded document's own height
	Scroll  int // its scrollHeight
	Inner   int // its viewport height
}

// measure reads the iframe's height in the host and, inside the framed
// document (through an isolated world), the document's height.
func measure(ctx context.Context, sel, urlPart string) (frameState, error) {
	var st frameState
	h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector(`+jsString(sel)+`).getBoundingClientRect().height`))
	if err != nil {
		return st, err
	}
	st.Frame = int(h + 0.5)
	var inner struct{ Content, Scroll, Inner int }
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		id, ok := findFrame(tree.FrameTree, urlPart)
		if !ok {
			return fmt.Errorf("no frame with %q in its URL", urlPart)
		}
		world, err := cdp.Call(ctx, t, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: id, WorldName: "measure"})
		if err != nil {
			return err
		}
		yes := true
		res, err := cdp.Call(ctx, t, runtime.Evaluate, runtime.EvaluateParams{
			Expression:    `JSON.stringify({Content: Math.ceil(document.documentElement.getBoundingClientRect().height), Scroll: document.documentElement.scrollHeight, Inner: window.innerHeight})`,
			ContextID:     world.ExecutionContextID,
			ReturnByValue: &yes,
		})
		if err != nil {
			return err
		}
		if res.ExceptionDetails != nil {
			return fmt.Errorf("measuring inside the frame: %s", res.ExceptionDetails.Text)
		}
		var s string
		if err := json.Unmarshal(res.Result.Value, &s); err != nil {
			return err
		}
		return json.Unmarshal([]byte(s), &inner)
	}))
	st.Content, st.Scroll, st.Inner = inner.Content, inner.Scroll, inner.Inner
	return st, err
}

func findFrame(tree *page.FrameTree, urlPart string) (cdp.FrameID, bool) {
	if tree == nil {
		return "", false
	}
	if tree.Frame != nil && tree.Frame.ParentID != "" && strings.Contains(tree.Frame.URL, urlPart) {
		return tree.Frame.ID, true
	}
	for _, c := range tree.ChildFrames {
		if id, ok := findFrame(c, urlPart); ok {
			return id, true
		}
	}
	return "", false
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// settled waits until the frame is as tall as its content (within a pixel)
// and the content does not scroll inside it.
func settled(ctx context.Context, t *testing.T, sel, urlPart string, not int) frameState {
	t.Helper()
	var st frameState
	var err error
	deadline := time.Now().Add(2 * time.Minute) // a failure bound, not a speed target
	for time.Now().Before(deadline) {
		st, err = measure(ctx, sel, urlPart)
		if err == nil && st.Frame != not && st.Content > 0 && abs(st.Frame-st.Content) <= 1 && st.Scroll <= st.Inner+1 {
			return st
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never matched its content: last %+v (err %v)", sel, st, err)
	return st
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// autoHeight loads a host page from a second origin, checks the frame(s)
// fit their content, narrows the viewport and checks they grew and fit.
func autoHeight(t *testing.T, hostHTML func(site string) string, frames map[string]string, name string) {
	ctx, npm := e2e(t)
	s := exampleSite(t)
	site := siteServer(t, s, npm, nil)
	mux := http.NewServeMux()
	mux.Handle("/_npm/", http.StripPrefix("/_npm/", http.FileServer(http.Dir(filepath.Join(npm, "node_modules")))))
	mux.HandleFunc("/host.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, hostHTML(site.URL+"/"))
	})
	host := httptest.NewServer(mux) // another port: another origin
	defer host.Close()

	wctx, cancel := wait(ctx, 3*time.Minute)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.EmulateViewport(1000, 800), chromedp.Navigate(host.URL+"/host.html")); err != nil {
		t.Fatal(err)
	}
	before := map[string]frameState{}
	for sel, part := range frames {
		st := settled(wctx, t, sel, part, -1)
		before[sel] = st
		t.Logf("%s %s at 1000px: frame %dpx, content %dpx", name, sel, st.Frame, st.Content)
		if st.Frame <= 300 {
			t.Errorf("%s: frame height %d: the content should be taller than the default", sel, st.Frame)
		}
	}
	shot(t, ctx, name+"-wide")
	if err := chromedp.Do(wctx, chromedp.EmulateViewport(380, 800)); err != nil {
		t.Fatal(err)
	}
	for sel, part := range frames {
		st := settled(wctx, t, sel, part, before[sel].Frame)
		t.Logf("%s %s at 380px: frame %dpx, content %dpx", name, sel, st.Frame, st.Content)
		if st.Frame <= before[sel].Frame {
			t.Errorf("%s: frame %dpx after narrowing, was %dpx: it should have grown", sel, st.Frame, before[sel].Frame)
		}
	}
	shot(t, ctx, name+"-narrow")
}

func TestPymParentSizesEmbed(t *testing.T) {
	s := exampleSite(t)
	th := s.Timeline.Threads[0]
	path := render.SitePath(th)
	autoHeight(t, func(site string) string {
		return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Host with pym.js</title></head>
<body style="margin:0;font-family:sans-serif"><h1>A newsroom article</h1><div id="embed-a"></div><p>After the embed.</p>
<script src="/_npm/pym.js/dist/pym.v1.min.js"></script>
<script>window.pymParent = new pym.Parent("embed-a", ` + jsString(site+"embed/"+path) + `, {});</script>
</body></html>`
	}, map[string]string{"#embed-a iframe": "/embed/" + path}, "pym")
}

func TestLoaderSizesEmbeds(t *testing.T) {
	s := exampleSite(t)
	th := s.Timeline.Threads[0]
	e := th.Entries[0]
	autoHeight(t, func(site string) string {
		cfg := s.Config
		cfg.BaseURL = site
		var em render.Embeddable
		for _, x := range render.Embeddables(s.Timeline) {
			if x.Record == th {
				em = x
			}
		}
		// The snippet exactly as the site offers it, plus the <div> form
		// with query options.
		return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Host with embed.js</title></head>
<body style="margin:0;font-family:sans-serif"><h1>A newsroom article</h1>
` + em.Snippet(cfg) + `
<p>Between the embeds.</p>
<div id="second" data-dateline-embed="` + site + `embed/entries/` + e.ID + `/?theme=dark"><a href="` + site + `entries/` + e.ID + `/">` + e.Title + `</a></div>
<script src="` + site + `embed.js" async></script>
</body></html>`
	}, map[string]string{
		"iframe[data-dateline-embed]": "/embed/" + render.SitePath(th),
		"#second iframe":              "/embed/entries/" + e.ID,
	}, "loader")
}

// The query options are applied by the embed page's own script.
func TestEmbedOptions(t *testing.T) {
	ctx, npm := e2e(t)
	s := exampleSite(t)
	th := s.Timeline.Threads[0]
	start := th.Entries[2]
	srv := siteServer(t, s, npm, nil)
	wctx, cancel := wait(ctx, 3*time.Minute)
	defer cancel()
	u := srv.URL + "/embed/" + render.SitePath(th) + "?start=" + start.ID + "&density=compact&theme=dark"
	if err := chromedp.Do(wctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Theme, Scheme, Button, Background string
		Compact                           bool
		Hidden, Visible                   []string
		SummaryShown                      bool
	}
	st, err := chromedp.Run(wctx, chromedp.Evaluate[state](`(function () {
  var r = document.documentElement, hidden = [], visible = [];
  document.querySelectorAll("[data-entry]").forEach(function (li) {
    (li.offsetParent === null ? hidden : visible).push(li.getAttribute("data-entry"));
  });
  var b = document.querySelector(".embed-earlier");
  var sum = document.querySelector(".entry-summary");
  return {Theme: r.getAttribute("data-theme") || "", Scheme: document.querySelector('meta[name="color-scheme"]').content,
    Button: b ? b.textContent : "", Background: getComputedStyle(document.body).backgroundColor,
    Compact: r.classList.contains("density-compact"), Hidden: hidden, Visible: visible,
    SummaryShown: !!sum && sum.offsetParent !== null};
})()`))
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "options")
	if st.Theme != "dark" || st.Scheme != "dark" || st.Background != "rgb(20, 20, 23)" {
		t.Errorf("?theme=dark: data-theme %q, color-scheme %q, background %s", st.Theme, st.Scheme, st.Background)
	}
	if !st.Compact || st.SummaryShown {
		t.Errorf("?density=compact: class %v, summaries shown %v", st.Compact, st.SummaryShown)
	}
	if len(st.Hidden) != 2 || st.Hidden[0] != th.Entries[0].ID || len(st.Visible) == 0 || st.Visible[0] != start.ID {
		t.Errorf("?start=%s: hidden %v, first visible %v", start.ID, st.Hidden, st.Visible)
	}
	if st.Button != "Show the earlier entries" {
		t.Errorf("button %q", st.Button)
	}
	// The button brings the earlier entries back.
	n, err := chromedp.Run(wctx, chromedp.Evaluate[int](`(function () {
  document.querySelector(".embed-earlier").click();
  var n = 0;
  document.querySelectorAll("[data-entry]").forEach(function (li) { if (li.offsetParent !== null) n++; });
  return n;
})()`))
	if err != nil || n != len(th.Entries) {
		t.Errorf("after 'Show earlier': %d entries visible, want %d (%v)", n, len(th.Entries), err)
	}
}

// A placeholder's URL becomes a frame only when it is http(s) on the
// loader's own site or an origin the script tag lists: a javascript: or
// data: URL, or a frame of another site, slipped into a CMS comment, must
// not run in (or be framed by) the host page.
func TestLoaderRefusesForeignFrames(t *testing.T) {
	ctx, npm := e2e(t)
	s := exampleSite(t)
	site := siteServer(t, s, npm, nil)
	other := siteServer(t, s, npm, nil) // a second Dateline site the host allows
	e := s.Timeline.Entries[0]
	mux := http.NewServeMux()
	mux.HandleFunc("/host.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := site.URL + "/embed/entries/" + e.ID + "/"
		placeholders := map[string]string{
			"ok":          page,
			"listed":      other.URL + "/embed/entries/" + e.ID + "/",
			"js":          "javascript:window.pwned=1",
			"js-spaced":   " JavaScript:window.pwned=2",
			"data":        "data:text/html,<script>parent.pwned=3</script>",
			"foreign":     "https://evil.example/embed/",
			"relative":    "/embed/",
			"protocolrel": "//evil.example/embed/",
		}
		fmt.Fprint(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title></head><body>`)
		for id, u := range placeholders {
			fmt.Fprintf(w, `<div id="%s" data-dateline-embed="%s"><a href="#">x</a></div>`, id, strings.ReplaceAll(u, `"`, "&quot;"))
		}
		fmt.Fprintf(w, `<script src="%s/embed.js" data-dateline-origins="%s" async></script></body></html>`, site.URL, other.URL)
	})
	host := httptest.NewServer(mux)
	defer host.Close()

	wctx, cancel := wait(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.Navigate(host.URL+"/host.html")); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Frames  map[string]string
		Refused []string
		Pwned   bool
	}
	var st state
	// The loader is async: wait until it has marked every placeholder.
	for {
		var err error
		st, err = chromedp.Run(wctx, chromedp.Evaluate[state](`(function () {
  var frames = {}, refused = [];
  document.querySelectorAll("[data-dateline-embed]").forEach(function (el) {
    var f = el.querySelector("iframe");
    if (f) frames[el.id] = f.src;
    if (el.getAttribute("data-dateline-ready") === "refused") refused.push(el.id);
  });
  return {Frames: frames, Refused: refused, Pwned: window.pwned !== undefined};
})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Frames)+len(st.Refused) == 8 {
			break
		}
		select {
		case <-wctx.Done():
			t.Fatalf("the loader never handled every placeholder: %+v", st)
		case <-time.After(50 * time.Millisecond):
		}
	}
	if st.Pwned {
		t.Error("a placeholder ran script in the host page")
	}
	if len(st.Frames) != 2 || !strings.HasPrefix(st.Frames["ok"], site.URL+"/embed/entries/") || !strings.HasPrefix(st.Frames["listed"], other.URL+"/") {
		t.Errorf("frames %v, want the site's own and the listed origin's only", st.Frames)
	}
	if !strings.Contains(st.Frames["ok"], "childId=dateline-") {
		t.Errorf("frame src %q lacks the childId", st.Frames["ok"])
	}
}
