package search_test

import (
	"bytes"
	"strings"
	"testing"

	"dateline/internal/build"
	"dateline/internal/render"
	"dateline/internal/search"
)

// indexFiles renders the files that read the index, by path.
func indexFiles(t *testing.T, ps []render.Page) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range ps {
		if p.Path == search.Dir+"index.json" || strings.HasPrefix(p.Path, search.Dir+"t/") {
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
	tl, problems := build.Load(miniSite(200), build.Options{})
	if len(problems.Errors()) > 0 {
		t.Fatal(problems)
	}
	if search.KeepsWords(tl, nil) {
		t.Error("an indexer without a cache keeps the words of each entry")
	}
	if !search.KeepsWords(tl, search.NewCache()) {
		t.Error("an indexer with a cache keeps no words")
	}

	ps, held := search.PagesHeld(tl, nil)
	first := indexFiles(t, ps)
	if len(first) != 1+search.ShardCount(len(tl.Entries)) || len(first) < 3 {
		t.Fatalf("%d index files", len(first))
	}
	if held() {
		t.Error("the index is kept once every file that reads it is made")
	}
	again := indexFiles(t, ps)
	for p, b := range first {
		if !bytes.Equal(again[p], b) {
			t.Errorf("%s: made again after the index was dropped, it differs", p)
		}
	}

	ps, held = search.PagesHeld(tl, search.NewCache())
	indexFiles(t, ps)
	if !held() {
		t.Error("an index made with a cache is dropped")
	}
}
