package build

import (
	"bytes"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"dateline"
)

// An edit of a static file touches no content: the timeline is the last
// build's, not resolved again, and no page is rendered. An edit of a
// template renders again exactly the pages that use it, from the same
// timeline.
func TestStaticAndTemplateEditsKeepTheTimeline(t *testing.T) {
	site := exampleSite(t)
	inc := NewIncremental(site, dateline.Theme(), Options{})
	if res := inc.Update(); res.Err != nil {
		t.Fatal(res.Err)
	}
	tl := inc.good.t

	site["static/style.css"] = &fstest.MapFile{Data: []byte("body { color: #123; }\n")}
	res := inc.Update("static/style.css")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if inc.good.t != tl {
		t.Errorf("a CSS edit resolved the timeline again")
	}
	if res.Rendered != 0 || !slices.Equal(res.Written, []string{"style.css"}) {
		t.Errorf("a CSS edit rendered %d pages and wrote %v, want none and style.css", res.Rendered, res.Written)
	}

	tmpl, err := fs.ReadFile(dateline.Theme(), "templates/entry.html")
	if err != nil {
		t.Fatal(err)
	}
	site["templates/entry.html"] = &fstest.MapFile{Data: bytes.Replace(tmpl, []byte("</h1>"), []byte(" <small>edited</small></h1>"), 1)}
	res = inc.Update("templates/entry.html")
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if inc.good.t != tl {
		t.Errorf("a template edit resolved the timeline again")
	}
	uses := 0
	for _, p := range inc.good.pages {
		if p.Template == "entry.html" {
			uses++
		}
	}
	if uses == 0 || res.Rendered != uses || len(res.Written) != uses {
		t.Errorf("a template edit rendered %d pages and wrote %d, want the %d that use it", res.Rendered, len(res.Written), uses)
	}
}
