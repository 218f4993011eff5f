package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/output"
	"dateline/internal/render"
)

// Build assembles the timeline-wide pages from minified fragments (entry
// cards, JSON-LD items, timeline.json objects, TimelineJS events; see
// render.Fragments). The result must be what rendering each page whole and
// minifying it gives.
func TestAssembledPagesEqualWholePages(t *testing.T) {
	theme := dateline.Theme()
	// A site whose partials still list entries with {{template}} (as
	// before Cards existed) must build the same way.
	partials, err := fs.ReadFile(theme, "templates/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	oldStyle := mapFS(miniSite)
	oldStyle["templates/partials.html"] = &fstest.MapFile{Data: bytes.Replace(partials,
		[]byte(`{{$v.Cards "entry-card" .Entries}}`), []byte(`{{range .Entries}}{{template "entry-card" (pair $v .)}}{{end}}`), 1)}
	if bytes.Equal(oldStyle["templates/partials.html"].Data, partials) {
		t.Fatal("partials.html no longer lists entries with Cards")
	}
	// A card that shows the page's template differs from one page
	// template to the next: it is not shared between them.
	byPage := mapFS(miniSite)
	byPage["templates/partials.html"] = &fstest.MapFile{Data: bytes.Replace(partials,
		[]byte(`<article aria-labelledby="t-{{$e.ID}}"`), []byte(`<article data-page="{{$v.Template}}" aria-labelledby="t-{{$e.ID}}"`), 1)}
	if bytes.Equal(byPage["templates/partials.html"].Data, partials) {
		t.Fatal("partials.html's entry card has changed")
	}
	for name, fsys := range map[string]fs.FS{"example": os.DirFS("../.."), "mini": mapFS(miniSite), "old-style partials": oldStyle, "card by page template": byPage} {
		t.Run(name, func(t *testing.T) {
			s, err := build.Build(fsys, theme, build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			tmpl, _ := fs.Sub(fsys, "templates")
			themeTmpl, _ := fs.Sub(theme, "templates")
			r, err := render.New(build.Layers{tmpl, themeTmpl})
			if err != nil {
				t.Fatal(err)
			}
			pages := build.SitePages(r, s.Timeline)
			whole, err := render.All(pages)
			if err != nil {
				t.Fatal(err)
			}
			if err := build.Minify(output.NewMinifier(), whole); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				if !bytes.Equal(s.Files[p.Path], whole[p.Path]) {
					t.Errorf("%s: assembled page differs from the page rendered whole", p.Path)
				}
			}
			if len(pages) < 50 {
				t.Errorf("only %d pages", len(pages))
			}
		})
	}
}
