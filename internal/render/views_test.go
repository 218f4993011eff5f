package render_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/model"
	"dateline/internal/render"
)

// viewsSite is a tiny site; extra files are added per test.
func viewsSite(extra map[string]string) fstest.MapFS {
	files := map[string]string{
		"site.toml":                 "title = \"Views\"\nbase_url = \"https://example.org/sub/\"\n",
		"content/sources/s.md":      "+++\ntitle = \"S\"\noutlet = \"O\"\npublished = \"2026\"\n+++\nThe envoy met the minister in Geneva on Monday.\n",
		"content/actors.toml":       "[envoy]\nname = \"The Envoy\"\naliases = [\"The Envoy\", \"the envoy\", \"Envoy X\"]\n",
		"content/threads.toml":      "[talks]\nname = \"Talks\"\nkind = \"thread\"\n",
		"content/entries/meet.md":   "+++\ntitle = \"Meeting\"\ndate = \"2026-03-09\"\nactors = [\"envoy\"]\nthread = \"talks\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"met the minister\"\n+++\nSee [the other entry](entry:other).\n",
		"content/entries/other.md":  "+++\ntitle = \"Other\"\ndate = \"2026-03-10\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"in Geneva on Monday\"\n+++\nOther.\n",
		"content/entries/.keep.txt": "",
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	for k, v := range extra {
		if v == "" {
			delete(fsys, k)
			continue
		}
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func timeline(t *testing.T, fsys fs.FS) *model.Timeline {
	t.Helper()
	cfg, errs := config.Load(fsys)
	site, cerrs := content.Load(fsys)
	errs.Append(cerrs)
	tl, merrs := model.Build(cfg, site, model.Options{})
	errs.Append(merrs)
	if len(errs.Errors()) > 0 {
		t.Fatalf("site: %v", errs)
	}
	return tl
}

func renderer(t *testing.T) *render.Renderer {
	t.Helper()
	tmpl, err := fs.Sub(dateline.Theme(), "templates")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func page(t *testing.T, r *render.Renderer, tl *model.Timeline, path string) string {
	t.Helper()
	for _, p := range r.Pages(tl) {
		if p.Path == path {
			b, err := p.Render()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			return string(b)
		}
	}
	t.Fatalf("no page %s", path)
	return ""
}

// One renderer serves successive timelines (the dev server rebuilds with
// the same templates): what it remembers of one timeline's summaries must
// not leak into the next.
func TestSummariesFollowTheTimeline(t *testing.T) {
	t.Parallel()
	r := renderer(t)
	link := `href="../../entries/other/"`
	with := timeline(t, viewsSite(nil))
	if got := page(t, r, with, "entries/meet/index.html"); !strings.Contains(got, link) {
		t.Fatalf("the summary does not link the other entry:\n%s", got)
	}
	// The same summary, but "other" is now a draft: no link any more.
	without := timeline(t, viewsSite(map[string]string{
		"content/entries/other.md": strings.Replace(string(viewsSite(nil)["content/entries/other.md"].Data), "+++\ntitle", "+++\ndraft = true\ntitle", 1),
	}))
	if got := page(t, r, without, "entries/meet/index.html"); strings.Contains(got, link) {
		t.Error("a summary rendered for the previous timeline was reused")
	}
	// And back: rendering the first timeline again still links.
	if got := page(t, r, with, "entries/meet/index.html"); !strings.Contains(got, link) {
		t.Error("the first timeline lost its link")
	}
	// The same summary at another depth links relative to that page.
	if got := page(t, r, with, "index.html"); !strings.Contains(got, `href="entries/other/"`) {
		t.Error("the timeline page links the other entry wrongly")
	}
}

// The 404 page is served at any missing URL, so its links start from the
// base URL's path.
func TestNotFoundLinksAreRootRelative(t *testing.T) {
	t.Parallel()
	got := page(t, renderer(t), timeline(t, viewsSite(nil)), "404.html")
	for _, want := range []string{`href="/sub/style.css"`, `href="/sub/actors/"`, `<a href="/sub/">Go to the timeline</a>`, `<title>Page not found · Views</title>`} {
		if !strings.Contains(got, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
	if strings.Contains(got, `aria-current="page"`) {
		t.Error("404.html marks a section as the current page")
	}
}

// Record pages list the other spellings, not the name again, and do not
// repeat a record's kind as its type.
func TestRecordPagesAliasesAndKind(t *testing.T) {
	t.Parallel()
	r, tl := renderer(t), timeline(t, viewsSite(nil))
	actor := page(t, r, tl, "actors/envoy/index.html")
	if !strings.Contains(actor, "<dd>Envoy X</dd>") {
		t.Errorf("actor page: aliases are not just the other spelling")
	}
	index := page(t, r, tl, "actors/index.html")
	if !strings.Contains(index, "also Envoy X</span>") {
		t.Errorf("actors index: aliases are not just the other spelling")
	}
	thread := page(t, r, tl, "threads/talks/index.html")
	if strings.Contains(thread, "Thread · thread") || !strings.Contains(thread, `<p class="kicker">Thread</p>`) {
		t.Errorf("thread page repeats its kind")
	}
	if strings.Contains(page(t, r, tl, "threads/index.html"), "thread · ") {
		t.Errorf("threads index repeats the kind")
	}
}

// A renderer's summaries, from its memo, read as summaries rendered
// anew: the search index, the feeds and the calendar take them from the
// memo, and a build must give what each would render on its own.
func TestSummaries(t *testing.T) {
	tl := timeline(t, viewsSite(map[string]string{
		"content/entries/other.md": "+++\ntitle = \"Other\"\ndate = \"2026-03-10\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"in Geneva on Monday\"\n+++\nWith *the envoy* ([who](actor:envoy)) in Geneva.\n",
	}))
	memo, fresh := renderer(t).Summaries(tl), render.NewSummaries(tl)
	for _, e := range tl.Entries {
		if g, w := memo.Plain(e.Body), fresh.Plain(e.Body); g != w || g == "" {
			t.Errorf("%s: Plain %q, rendered anew %q", e.ID, g, w)
		}
		// The last root is not written as it is in an attribute, so the
		// memo's HTML with its placeholder root cannot be used.
		for _, root := range []string{"", "../../", "https://example.org/sub/", "https://example.org/a&b c/"} {
			g, err := memo.HTML(e.Body, root)
			w, werr := fresh.HTML(e.Body, root)
			if err != nil || werr != nil || g != w {
				t.Errorf("%s, root %q: HTML %q (%v), rendered anew %q (%v)", e.ID, root, g, err, w, werr)
			}
			if strings.Contains(e.Body, "entry:other") && !strings.Contains(string(g), `href="`+root+`entries/other/"`) && !strings.Contains(root, "&") {
				t.Errorf("%s, root %q: the reference is not linked from the root: %s", e.ID, root, g)
			}
		}
	}
}
