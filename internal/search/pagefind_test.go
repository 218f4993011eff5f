package search_test

// The anchor: Pagefind (npm pagefind), run on the same built site. For a
// few typical queries, each client's downloads are counted by the server
// (every search file, the script included) and the time from the query
// to the first result is taken in the page; our search must download no
// more and find every entry Pagefind finds. Slow (building 10,000 entries
// and running Pagefind take minutes), so it runs only with DATELINE_E2E=1
// and DATELINE_LONG=1:
//
//	DATELINE_E2E=1 DATELINE_LONG=1 DATELINE_NPM_DIR=.ci/node \
//	  go test ./internal/search -run Pagefind -v -timeout 60m
//
// DATELINE_PAGEFIND_SRC names the site to build (default: the 10,000-entry
// corpus written by ../shared/bench/gen_corpus.py into a temporary
// directory); DATELINE_PAGEFIND_OUT a directory holding that site built
// already, with Pagefind's index in pagefind/, to measure again without
// building.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline"
	"dateline/internal/browsertest"
	"dateline/internal/build"
	"dateline/internal/search"
)

// counter serves a directory and counts the bytes it sends, by path.
type counter struct {
	mu    sync.Mutex
	bytes map[string]int
}

func (c *counter) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.bytes
	c.bytes = map[string]int{}
	return old
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func (c *counter) handler(dir string, extra map[string]string) http.Handler {
	fsrv := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store") // every query starts cold
		if body, ok := extra[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
			return
		}
		cw := &countingWriter{ResponseWriter: w}
		fsrv.ServeHTTP(cw, r)
		c.mu.Lock()
		c.bytes[r.URL.Path] += cw.n
		c.mu.Unlock()
	})
}

// sum adds the bytes of the paths that match.
func sum(m map[string]int, match func(string) bool) (int, int) {
	total, files := 0, 0
	for p, n := range m {
		if match(p) {
			total += n
			files++
		}
	}
	return total, files
}

// pagefindPage drives Pagefind's own JavaScript API, the lightest of its
// clients: the module is imported first, as our page loads its script;
// the clock runs from the query to the first result's data, and the
// first five results' data are loaded, as Pagefind's UI shows five.
const pagefindPage = `<!doctype html><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
window.pf = await import('/pagefind/pagefind.js');
window.runPF = async (q) => {
  const t0 = performance.now();
  const r = await window.pf.search(q);
  if (r.results.length) await r.results[0].data();
  const ms = performance.now() - t0;
  await Promise.all(r.results.slice(1, 5).map((x) => x.data()));
  return {ms, n: r.results.length};
};
window.idsPF = async (q) => (await window.pf.search(q)).results.map((x) => x.id);
window.ready = true;
</script>`

// ourQuery types q into the search page and resolves with the time until
// the first result is listed.
const ourQuery = `new Promise((res) => {
  const list = document.querySelector('.search-results');
  const input = document.querySelector('#search-q');
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (list.firstChild) { obs.disconnect(); res(performance.now() - t0); }
  });
  obs.observe(list, {childList: true});
  input.value = %s;
  input.form.requestSubmit();
})`

func TestPagefindComparison(t *testing.T) {
	browsertest.Chromium(t)
	src := site(t, "DATELINE_PAGEFIND_SRC", 10000)
	out := os.Getenv("DATELINE_PAGEFIND_OUT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "public")
		start := time.Now()
		if _, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil); err != nil {
			t.Fatalf("build: %v\n%v", err, problems)
		}
		t.Logf("dateline build (search index included): %s", time.Since(start).Round(time.Second))
		npm := os.Getenv("DATELINE_NPM_DIR")
		if npm == "" {
			npm = filepath.Join("..", "..", ".ci", "node")
		}
		start = time.Now()
		pf := exec.Command("npx", "--prefix", npm, "pagefind", "--site", out)
		if b, err := pf.CombinedOutput(); err != nil {
			t.Fatalf("pagefind (npm install pagefind@1 into DATELINE_NPM_DIR): %v\n%s", err, b)
		}
		t.Logf("pagefind --site: %s", time.Since(start).Round(time.Second))
	}
	tl, problems := build.Load(os.DirFS(src), build.Options{})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	x := search.Build(tl)

	c := &counter{bytes: map[string]int{}}
	srv := httptest.NewServer(c.handler(out, map[string]string{"/_pagefind.html": pagefindPage}))
	defer srv.Close()
	ctx := browsertest.New(t)

	// A name, a place, a two-word phrase, as the corpus writes them.
	queries := []string{"Actor 309", "Place 179", "ceasefire talks"}
	const runs = 3
	for _, q := range queries {
		var ourMS, pfMS []float64
		var ourBytes, pfBytes, ourFiles, pfFiles, ourN, pfN int
		for range runs {
			browsertest.Run(t, ctx, "open our search page", chromedp.Navigate(srv.URL+"/search/"))
			browsertest.Run(t, ctx, "the script runs", chromedp.Poll[bool](`document.querySelector('.search-form') && !document.querySelector('.search-form').hidden`))
			ms := browsertest.Run(t, ctx, "search "+q, chromedp.Evaluate[float64](fmt.Sprintf(ourQuery, strconv.Quote(q)), chromedp.EvalAwaitPromise))
			n, _ := results(t, ctx)
			got := c.reset()
			ourBytes, ourFiles = sum(got, func(p string) bool {
				return p == "/search.js" || strings.HasPrefix(p, "/search/") && p != "/search/"
			})
			ourMS, ourN = append(ourMS, ms), n

			browsertest.Run(t, ctx, "open the Pagefind page", chromedp.Navigate(srv.URL+"/_pagefind.html"))
			browsertest.Run(t, ctx, "Pagefind loads", chromedp.Poll[bool](`window.ready === true`))
			type pfRun struct {
				MS float64
				N  int
			}
			r := browsertest.Run(t, ctx, "Pagefind "+q, chromedp.Evaluate[pfRun](`window.runPF(`+strconv.Quote(q)+`).then((r) => ({MS: r.ms, N: r.n}))`, chromedp.EvalAwaitPromise))
			got = c.reset()
			pfBytes, pfFiles = sum(got, func(p string) bool { return strings.HasPrefix(p, "/pagefind/") })
			pfMS, pfN = append(pfMS, r.MS), r.N
		}

		// What each finds: Pagefind's entry pages must be among ours.
		// Each result's page is read from its fragment on disk: loading
		// thousands through the client takes minutes.
		ids := browsertest.Run(t, ctx, "Pagefind's results", chromedp.Evaluate[[]string](`window.idsPF(`+strconv.Quote(q)+`)`, chromedp.EvalAwaitPromise))
		c.reset()
		var urls []string
		for _, id := range ids {
			urls = append(urls, fragmentURL(t, out, id))
		}
		v, _ := parseQ(q)
		mine := map[string]bool{}
		for _, i := range x.Match(tl, v) {
			mine[tl.Entries[i].ID] = true
		}
		if len(mine) != ourN {
			t.Errorf("%q: the page counts %d, the reference %d", q, ourN, len(mine))
		}
		pfEntries, missed := map[string]bool{}, []string{}
		for _, u := range urls {
			id, ok := strings.CutPrefix(strings.TrimPrefix(u, "/embed"), "/entries/")
			id = strings.TrimSuffix(strings.TrimSuffix(id, "index.html"), "/")
			if !ok || tl.Entry(id) == nil || pfEntries[id] {
				continue // a source, a record, a year, an index; an entry's page and its embed
			}
			pfEntries[id] = true
			if !mine[id] {
				missed = append(missed, id)
			}
		}
		sort.Strings(missed)
		t.Logf("%-16q ours: %7d bytes in %2d files, first result in %6.1f ms (median of %d), %5d entries | Pagefind: %7d bytes in %2d files, first result in %6.1f ms, %5d results (%d entries)",
			q, ourBytes, ourFiles, median(ourMS), runs, ourN, pfBytes, pfFiles, median(pfMS), pfN, len(pfEntries))
		if ourBytes > pfBytes {
			t.Errorf("%q: ours downloads %d bytes, Pagefind %d", q, ourBytes, pfBytes)
		}
		if len(missed) > 0 {
			t.Errorf("%q: Pagefind finds %d entries ours does not: %q", q, len(missed), missed[:min(10, len(missed))])
		}
	}
}

func parseQ(q string) (search.Query, error) {
	return search.ParseQuery(map[string][]string{"q": {q}})
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// fragmentURL reads the page URL of a Pagefind result from its fragment
// file: gzip, Pagefind's signature, then JSON.
func fragmentURL(t *testing.T, out, id string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(out, "pagefind", "fragment", id+".pf_fragment"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("fragment %s: %v", id, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("fragment %s: %v", id, err)
	}
	var frag struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(bytes.TrimPrefix(b, []byte("pagefind_dcd")), &frag); err != nil {
		t.Fatalf("fragment %s: %v", id, err)
	}
	return frag.URL
}
