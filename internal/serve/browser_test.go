package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/serve/sitegen"
)

// until waits for a JavaScript predicate to hold in the page. Reloads
// interrupt evaluations, so it simply asks again. The deadline only ends a
// test that has already failed.
func until(t testing.TB, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	var last error
	for time.Now().Before(deadline) {
		c, cancel := context.WithTimeout(ctx, 30*time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool]("!!("+expr+")"))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s: %s did not hold within 3 minutes (last error: %v)", what, expr, last)
}

// TestBrowserLiveReload drives a real browser: an edit updates the page, a
// stylesheet change is swapped in without a reload, a broken build shows
// the overlay and fixing it clears the overlay and reloads.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	ts := start(t, copySite(t), nil)
	orig := ts.read(t, entryRel)
	browsertest.Do(t, ctx, "open the entry page", chromedp.Navigate(ts.URL()+strings.TrimSuffix(entryPage, "index.html")))
	until(t, ctx, "the title", `document.querySelector("#entry-title") !== null`)
	waitLive(t, ctx)

	// 1. An edit reloads the page, which keeps its scroll position.
	// At once: the theme scrolls smoothly, and a reload in mid-scroll
	// would keep a position short of 200.
	browsertest.Eval[chromedp.Void](t, ctx, `window.scrollTo({top: 200, behavior: "instant"}); window.__marker = 1`)
	ts.write(t, entryRel, retitle(orig, "Title edited in the browser test"))
	until(t, ctx, "the new title", `document.querySelector("#entry-title") && document.querySelector("#entry-title").textContent.includes("Title edited in the browser test")`)
	if browsertest.Eval[bool](t, ctx, `window.__marker === 1`) {
		t.Error("the page was not reloaded")
	}
	until(t, ctx, "the scroll position restored", `window.scrollY > 100`)
	waitLive(t, ctx)

	// 2. A stylesheet change is swapped in without a reload.
	style, err := os.ReadFile("../../static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Eval[chromedp.Void](t, ctx, `window.__marker = 2`)
	ts.write(t, "static/style.css", string(style)+"\n#entry-title { color: rgb(1, 2, 3) !important; }\n")
	until(t, ctx, "the new style", `getComputedStyle(document.querySelector("#entry-title")).color === "rgb(1, 2, 3)"`)
	if !browsertest.Eval[bool](t, ctx, `window.__marker === 2`) {
		t.Error("the stylesheet change reloaded the page")
	}

	// 3. A broken build shows the overlay; the fix clears it and reloads.
	ts.write(t, entryRel, strings.Replace(orig, `date = "`, `date = "2025-13-01`, 1))
	until(t, ctx, "the overlay", `document.querySelector("#dateline-overlay") !== null`)
	text := browsertest.Eval[string](t, ctx, `document.querySelector("#dateline-overlay").textContent`)
	if !strings.Contains(text, "invalid date") || !strings.Contains(text, filepath.Base(entryRel)+":3:") {
		t.Errorf("overlay text %q", text)
	}
	if role := browsertest.Eval[string](t, ctx, `document.querySelector("#dateline-overlay").getAttribute("role")`); role != "alertdialog" {
		t.Errorf("overlay role %q", role)
	}
	browsertest.Eval[chromedp.Void](t, ctx, `window.__marker = 3`)
	ts.write(t, entryRel, orig)
	until(t, ctx, "the overlay cleared and the page reloaded", `document.querySelector("#dateline-overlay") === null && window.__marker === undefined && document.readyState === "complete"`)

	// 4. A page opened while the build is broken shows the overlay too.
	waitLive(t, ctx)
	ts.write(t, entryRel, strings.Replace(orig, `date = "`, `date = "2025-13-01`, 1))
	until(t, ctx, "the overlay again", `document.querySelector("#dateline-overlay") !== null`)
	browsertest.Do(t, ctx, "open the timeline", chromedp.Navigate(ts.URL()))
	until(t, ctx, "the overlay on a new page", `document.querySelector("#dateline-overlay") !== null`)
}

// waitLive waits until the page's event stream is connected.
func waitLive(t testing.TB, ctx context.Context) {
	t.Helper()
	until(t, ctx, "the live script connected", `window.datelineLive !== undefined`)
}

// BenchmarkSaveToReload measures the time from writing an entry file to
// the browser's load event of the reloaded entry page, over 20 saves, on
// generated sites of 1,000 and 10,000 entries. It needs Chromium, like the
// browser test:
//
//	go test ./internal/serve -run '^$' -bench SaveToReload -benchtime 1x
func BenchmarkSaveToReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := browsertest.New(b)
			dir := b.TempDir()
			if err := sitegen.Generate(n).Write(dir); err != nil {
				b.Fatal(err)
			}
			// The debounce a maintainer gets, not the tests' shorter one.
			ts := start(b, dir, func(o *Options) { o.Debounce = 0 })
			i := n / 2
			rel := sitegen.EntryPath(i, n)
			page := fmt.Sprintf("%sentries/entry-%d/", ts.URL(), i)
			browsertest.Do(b, ctx, "open", chromedp.Navigate(page))
			until(b, ctx, "the title", `document.querySelector("#entry-title") !== null`)
			waitLive(b, ctx)
			// lat is save to load; nav is save to the reload's start, the
			// server's share (debounce, rebuild, event), the rest the browser's.
			var lat, nav []float64
			for range b.N {
				for k := range 20 {
					browsertest.Eval[chromedp.Void](b, ctx, `window.__marker = 1`)
					start := time.Now()
					ts.write(b, rel, string(sitegen.Entry(i, n, fmt.Sprintf(" Save %d.", k))))
					until(b, ctx, "the reload", `window.__marker === undefined && document.readyState === "complete" && performance.getEntriesByType("navigation")[0].loadEventEnd > 0`)
					t := browsertest.Eval[[]float64](b, ctx, `[performance.timeOrigin, performance.timeOrigin + performance.getEntriesByType("navigation")[0].loadEventStart]`)
					at := float64(start.UnixNano()) / 1e6
					nav = append(nav, t[0]-at)
					lat = append(lat, t[1]-at)
					waitLive(b, ctx)
				}
			}
			slices.Sort(lat)
			slices.Sort(nav)
			med, p90 := lat[len(lat)/2], lat[len(lat)*9/10]
			b.ReportMetric(med, "ms-median")
			b.ReportMetric(p90, "ms-p90")
			b.ReportMetric(nav[len(nav)/2], "ms-to-reload-median")
			b.Logf("save-to-reload at %d entries over %d saves: median %.0f ms, p90 %.0f ms, of which the server's (to the reload's start) median %.0f ms; rebuilds: %s", n, len(lat), med, p90, nav[len(nav)/2], lastLines(ts.stdout.String(), 3))
		})
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}
