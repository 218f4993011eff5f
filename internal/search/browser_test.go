package search_test

// Browser tests of static/search.js over the files the build writes, in
// headless Chromium: a search (from the URL and from the form) and a
// combined filter (URL -> results, form -> URL). The script's results are
// held to search.Index.Match, the Go reference. They run only with
// DATELINE_E2E=1 (as .ci/run sets), and then fail without Chromium.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/model"
	"dateline/internal/search"
)

// chrome returns the Chromium binary, skipping the test unless
// DATELINE_E2E=1 and failing it then when there is none.
func chrome(t *testing.T) string {
	t.Helper()
	if os.Getenv("DATELINE_E2E") != "1" {
		t.Skip("browser test: set DATELINE_E2E=1 to run it")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("DATELINE_E2E=1 but no Chromium found (apt-get install chromium)")
	return ""
}

// browser starts a headless Chromium for one test.
func browser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// run runs browser actions; the time limit only ends a test that failed.
func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	v, err := chromedp.Run(c, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// exampleSite builds the repository's example site and serves it.
func exampleSite(t *testing.T) (*build.Site, *httptest.Server) {
	t.Helper()
	s, err := build.Build(os.DirFS("../.."), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	files := fstest.MapFS{}
	for name, data := range s.Files {
		files[name] = &fstest.MapFile{Data: data}
	}
	srv := httptest.NewServer(http.FileServer(http.FS(files)))
	t.Cleanup(srv.Close)
	return s, srv
}

// results waits for the search to finish and returns the count it shows
// and the entry ids of the results listed.
func results(t *testing.T, ctx context.Context) (int, []string) {
	t.Helper()
	run(t, ctx, "the search finishes", chromedp.Poll[bool](`document.querySelector('#search.search-done') !== null`))
	type shown struct {
		Count string
		Links []string
	}
	s := run(t, ctx, "read the results", chromedp.Evaluate[shown](`({
		Count: document.getElementById('search').dataset.count || '',
		Links: [...document.querySelectorAll('.search-results .search-title a')].map((a) => a.pathname),
	})`))
	var n int
	if _, err := fmt.Sscan(s.Count, &n); err != nil {
		t.Fatalf("no count shown (%q)", s.Count)
	}
	var ids []string
	for _, l := range s.Links {
		ids = append(ids, strings.TrimSuffix(strings.TrimPrefix(l, "/entries/"), "/"))
	}
	return n, ids
}

// want returns what the Go reference finds for a query string.
func want(t *testing.T, tl *model.Timeline, x *search.Index, query string) []string {
	t.Helper()
	v, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	q, err := search.ParseQuery(v)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, i := range x.Match(tl, q) {
		ids = append(ids, tl.Entries[i].ID)
	}
	return ids
}

// same checks that the page shows what the reference finds: the count,
// and the first results in timeline order.
func same(t *testing.T, what string, n int, ids, want []string) {
	t.Helper()
	if n != len(want) {
		t.Errorf("%s: %d results shown, the index holds %d: %q", what, n, len(want), want)
	}
	if !slices.Equal(ids, want[:min(len(want), 20)]) {
		t.Errorf("%s: results\n  %q\nwant\n  %q", what, ids, want)
	}
}

func TestBrowserSearch(t *testing.T) {
	exe := chrome(t)
	s, srv := exampleSite(t)
	x := search.Build(s.Timeline)
	ctx := browser(t, exe)
	for _, c := range []struct {
		q    string
		mark string // a highlighted word, folded
		must string // an entry that must be found
	}{
		// A spelling of Araghchi's name no source and no alias uses.
		{"Arakchi", "araghchi", "2025-06-23-putin-meets-araghchi"},
		// A stem: "strikes" finds "strike" and "striking".
		{"strikes", "strike", "2025-06-22-us-strikes-iranian-nuclear-sites"},
		// Case and diacritics, two words.
		{"PÜTIN Moscow", "moscow", "2025-06-23-putin-meets-araghchi"},
	} {
		q := url.Values{"q": {c.q}}.Encode()
		run(t, ctx, "open "+q, chromedp.Navigate(srv.URL+"/search/?"+q))
		n, ids := results(t, ctx)
		w := want(t, s.Timeline, x, q)
		same(t, c.q, n, ids, w)
		if !slices.Contains(w, c.must) {
			t.Errorf("%s: the index does not find %s: %q", c.q, c.must, w)
		}
		marks := run(t, ctx, "read the highlights", chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-results mark')].map((m) => m.textContent)`))
		found := false
		for _, m := range marks {
			found = found || search.Fold(m) == c.mark
		}
		if !found {
			t.Errorf("%s: no %q highlighted among %q", c.q, c.mark, marks)
		}
	}

	// The form writes the query into the URL.
	run(t, ctx, "open the search page", chromedp.Navigate(srv.URL+"/search/"))
	run(t, ctx, "type a query", chromedp.SendKeys("#search-q", "Araqchi\r"))
	n, ids := results(t, ctx)
	same(t, "typed Araqchi", n, ids, want(t, s.Timeline, x, "q=Araqchi"))
	if got := run(t, ctx, "read the URL", chromedp.Evaluate[string](`location.search`)); got != "?q=Araqchi" {
		t.Errorf("URL after typing: %q, want ?q=Araqchi", got)
	}
	if n == 0 {
		t.Error("Araqchi finds nothing")
	}
}

func TestBrowserCombinedFilter(t *testing.T) {
	exe := chrome(t)
	s, srv := exampleSite(t)
	x := search.Build(s.Timeline)
	ctx := browser(t, exe)

	// Every record kind and a date range at once, from an entry that has
	// them all, so the answer is not empty.
	var e *model.Entry
	for _, c := range s.Timeline.Entries {
		if len(c.Actors) > 0 && len(c.Places) > 0 && len(c.Topics) > 0 && c.Thread != nil {
			e = c
			break
		}
	}
	if e == nil {
		t.Fatal("no entry of the example site has an actor, a place, a topic and a thread")
	}
	year := e.Date.Lower().Year()
	v := url.Values{
		"actor": {e.Actors[0].ID}, "place": {e.Places[0].ID}, "topic": {e.Topics[0].ID}, "thread": {e.Thread.ID},
		"from": {fmt.Sprintf("%04d-01", year)}, "to": {fmt.Sprint(year)},
	}
	if len(e.Actors) > 1 {
		v["actor"] = append(v["actor"], e.Actors[1].ID) // repeated: both
	}
	run(t, ctx, "open the filtered view", chromedp.Navigate(srv.URL+"/search/?"+v.Encode()))
	n, ids := results(t, ctx)
	w := want(t, s.Timeline, x, v.Encode())
	same(t, "URL "+v.Encode(), n, ids, w)
	if !slices.Contains(w, e.ID) {
		t.Errorf("the filter misses %s, which has everything it asks for", e.ID)
	}
	chips := run(t, ctx, "read the chosen records", chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-chip input')].map((i) => i.name + '=' + i.value)`))
	if len(chips) != len(v["actor"])+3 {
		t.Errorf("chosen records shown: %q", chips)
	}
	// A range that excludes the entry's year finds none of it.
	v.Set("from", fmt.Sprint(year+1))
	v.Set("to", fmt.Sprint(year+1))
	run(t, ctx, "open a view out of range", chromedp.Navigate(srv.URL+"/search/?"+v.Encode()))
	n, _ = results(t, ctx)
	if w := want(t, s.Timeline, x, v.Encode()); n != len(w) || slices.Contains(w, e.ID) {
		t.Errorf("out of range: %d shown, reference %q", n, w)
	}

	// The form writes the filter into the URL: a record chosen from a
	// select, then a date typed.
	run(t, ctx, "open the search page", chromedp.Navigate(srv.URL+"/search/"))
	run(t, ctx, "open the filters", chromedp.Click(".search-filters summary"))
	run(t, ctx, "the records load", chromedp.Poll[bool](`document.querySelector('#search-actor').options.length > 1`))
	actor := e.Actors[0].ID
	// As a choice from the list does: the value, then a change event.
	run(t, ctx, "choose an actor", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('#search-actor');
		s.value = `+strconv.Quote(actor)+`;
		s.dispatchEvent(new Event('change'));
	})()`))
	run(t, ctx, "type a start date", chromedp.SendKeys("#search-from", fmt.Sprint(year)+"\r"))
	run(t, ctx, "the URL follows", chromedp.Poll[bool](`location.search.includes('from=')`))
	n, ids = results(t, ctx)
	wantURL := "?" + url.Values{"actor": {actor}, "from": {fmt.Sprint(year)}}.Encode()
	if got := run(t, ctx, "read the URL", chromedp.Evaluate[string](`location.search`)); got != wantURL {
		t.Errorf("URL after choosing: %q, want %q", got, wantURL)
	}
	same(t, "chosen "+wantURL, n, ids, want(t, s.Timeline, x, wantURL[1:]))
}
