package search_test

// Browser tests of static/search.js over the files the build writes, in
// headless Chromium: a search (from the URL and from the form) and a
// combined filter (URL -> results, form -> URL). The script's results are
// held to search.Index.Match, the Go reference. They run only with
// DATELINE_E2E=1 (as .ci/run sets), and then fail without Chromium.

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"dateline"
	"dateline/internal/browsertest"
	"dateline/internal/build"
	"dateline/internal/model"
	"dateline/internal/search"
)

// exampleSite builds the repository's example site and serves it.
func exampleSite(t *testing.T) (*build.Site, *httptest.Server) {
	t.Helper()
	s, err := build.Build(os.DirFS("../.."), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return s, browsertest.Serve(t, s.Files, "")
}

// results waits for the search to finish and returns the count it shows
// and the entry ids of the results listed.
func results(t *testing.T, ctx context.Context) (int, []string) {
	t.Helper()
	browsertest.Run(t, ctx, "the search finishes", chromedp.Poll[bool](`document.querySelector('#search.search-done') !== null`))
	type shown struct {
		Count string
		Links []string
	}
	s := browsertest.Run(t, ctx, "read the results", chromedp.Evaluate[shown](`({
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
	ctx := browsertest.New(t)
	s, srv := exampleSite(t)
	x := search.Build(s.Timeline)
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
		browsertest.Run(t, ctx, "open "+q, chromedp.Navigate(srv.URL+"/search/?"+q))
		n, ids := results(t, ctx)
		w := want(t, s.Timeline, x, q)
		same(t, c.q, n, ids, w)
		if !slices.Contains(w, c.must) {
			t.Errorf("%s: the index does not find %s: %q", c.q, c.must, w)
		}
		marks := browsertest.Run(t, ctx, "read the highlights", chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-results mark')].map((m) => m.textContent)`))
		found := false
		for _, m := range marks {
			found = found || search.Fold(m) == c.mark
		}
		if !found {
			t.Errorf("%s: no %q highlighted among %q", c.q, c.mark, marks)
		}
	}

	// The form writes the query into the URL.
	browsertest.Run(t, ctx, "open the search page", chromedp.Navigate(srv.URL+"/search/"))
	browsertest.Run(t, ctx, "type a query", chromedp.SendKeys("#search-q", "Araqchi\r"))
	n, ids := results(t, ctx)
	same(t, "typed Araqchi", n, ids, want(t, s.Timeline, x, "q=Araqchi"))
	if got := browsertest.Run(t, ctx, "read the URL", chromedp.Evaluate[string](`location.search`)); got != "?q=Araqchi" {
		t.Errorf("URL after typing: %q, want ?q=Araqchi", got)
	}
	if n == 0 {
		t.Error("Araqchi finds nothing")
	}
}

func TestBrowserCombinedFilter(t *testing.T) {
	ctx := browsertest.New(t)
	s, srv := exampleSite(t)
	x := search.Build(s.Timeline)

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
	browsertest.Run(t, ctx, "open the filtered view", chromedp.Navigate(srv.URL+"/search/?"+v.Encode()))
	n, ids := results(t, ctx)
	w := want(t, s.Timeline, x, v.Encode())
	same(t, "URL "+v.Encode(), n, ids, w)
	if !slices.Contains(w, e.ID) {
		t.Errorf("the filter misses %s, which has everything it asks for", e.ID)
	}
	chips := browsertest.Run(t, ctx, "read the chosen records", chromedp.Evaluate[[]string](`[...document.querySelectorAll('.search-chip input')].map((i) => i.name + '=' + i.value)`))
	if len(chips) != len(v["actor"])+3 {
		t.Errorf("chosen records shown: %q", chips)
	}
	// A range that excludes the entry's year finds none of it.
	v.Set("from", fmt.Sprint(year+1))
	v.Set("to", fmt.Sprint(year+1))
	browsertest.Run(t, ctx, "open a view out of range", chromedp.Navigate(srv.URL+"/search/?"+v.Encode()))
	n, _ = results(t, ctx)
	if w := want(t, s.Timeline, x, v.Encode()); n != len(w) || slices.Contains(w, e.ID) {
		t.Errorf("out of range: %d shown, reference %q", n, w)
	}

	// The form writes the filter into the URL: a record chosen from a
	// select, then a date typed.
	browsertest.Run(t, ctx, "open the search page", chromedp.Navigate(srv.URL+"/search/"))
	browsertest.Run(t, ctx, "open the filters", chromedp.Click(".search-filters summary"))
	browsertest.Run(t, ctx, "the records load", chromedp.Poll[bool](`document.querySelector('#search-actor').options.length > 1`))
	actor := e.Actors[0].ID
	// As a choice from the list does: the value, then a change event.
	browsertest.Run(t, ctx, "choose an actor", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('#search-actor');
		s.value = `+strconv.Quote(actor)+`;
		s.dispatchEvent(new Event('change'));
	})()`))
	browsertest.Run(t, ctx, "type a start date", chromedp.SendKeys("#search-from", fmt.Sprint(year)+"\r"))
	browsertest.Run(t, ctx, "the URL follows", chromedp.Poll[bool](`location.search.includes('from=')`))
	n, ids = results(t, ctx)
	wantURL := "?" + url.Values{"actor": {actor}, "from": {fmt.Sprint(year)}}.Encode()
	if got := browsertest.Run(t, ctx, "read the URL", chromedp.Evaluate[string](`location.search`)); got != wantURL {
		t.Errorf("URL after choosing: %q, want %q", got, wantURL)
	}
	same(t, "chosen "+wantURL, n, ids, want(t, s.Timeline, x, wantURL[1:]))
}
