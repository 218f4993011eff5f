package search

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/model"
	"dateline/internal/render"
)

// memoTimeline is a timeline of n entries, enough for several shards.
func memoTimeline(t *testing.T, n int) *model.Timeline {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml":            {Data: []byte("title = \"Memo\"\nbase_url = \"/\"\n")},
		"content/sources/s.md": {Data: []byte("+++\ntitle = \"S\"\noutlet = \"O\"\npublished = \"2026\"\n+++\nThe envoy met the minister in Geneva.\n")},
		"content/actors.toml":  {Data: []byte("[envoy]\nname = \"Envoy Araghchi\"\n")},
	}
	for i := range n {
		fsys[fmt.Sprintf("content/entries/e%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Event %d\"\ndate = \"2026-01-%02d\"\nactors = [\"envoy\"]\n\n[[evidence]]\nsource = \"s\"\nquote = \"met the minister\"\n+++\nWord%d and word%d met.\n",
			i, 1+i%28, i, i%5))}
	}
	cfg, errs := config.Load(fsys)
	site, cerrs := content.Load(fsys)
	errs.Append(cerrs)
	tl, merrs := model.Build(cfg, site, model.Options{})
	errs.Append(merrs)
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	return tl
}

// indexFiles renders the files that read the index, by path.
func indexFiles(t *testing.T, ps []render.Page) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range ps {
		if p.Path == Dir+"index.json" || strings.HasPrefix(p.Path, Dir+"t/") {
			b, err := p.Render()
			if err != nil {
				t.Fatal(err)
			}
			out[p.Path] = b
		}
	}
	return out
}

// A build (no cache) keeps neither the words of each entry nor, once
// every file that reads it is made, the index; a file made again after
// that is the same. The dev server's index (with a cache) is kept, to be
// updated.
func TestBuildLetsGoOfTheIndex(t *testing.T) {
	tl := memoTimeline(t, 200)
	if ix := newIndexer(tl, nil); ix.tokens != nil {
		t.Error("an indexer without a cache keeps the words of each entry")
	}
	if ix := newIndexer(tl, NewCache()); len(ix.tokens) != len(tl.Entries) {
		t.Errorf("an indexer with a cache keeps the words of %d entries, not %d", len(ix.tokens), len(tl.Entries))
	}

	ps, m := pages(tl, nil)
	first := indexFiles(t, ps)
	if len(first) != 1+ShardCount(len(tl.Entries)) || len(first) < 3 {
		t.Fatalf("%d index files", len(first))
	}
	if m.x != nil || m.from != nil {
		t.Error("the index is kept once every file that reads it is made")
	}
	again := indexFiles(t, ps)
	for p, b := range first {
		if !bytes.Equal(again[p], b) {
			t.Errorf("%s: made again after the index was dropped, it differs", p)
		}
	}

	ps, m = pages(tl, NewCache())
	indexFiles(t, ps)
	if m.x == nil || m.ix == nil {
		t.Error("an index made with a cache is dropped")
	}
}
