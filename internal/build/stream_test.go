package build_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/output"
)

// The streaming build writes what the build in memory renders, file for
// file: timeline.json and the calendar written piece by piece as they
// render, and the pages whose fragments the build's cache keeps or, shown
// once, does not keep.
func TestRunWritesWhatBuildRenders(t *testing.T) {
	t.Parallel()
	src := filepath.Join("..", "..")
	s, err := build.Build(os.DirFS(src), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil); err != nil {
		t.Fatalf("%v %v", err, problems)
	}
	got := hashTree(t, out)
	for _, name := range []string{"timeline.json", "calendar.ics", "index.html"} {
		if _, ok := s.Files[name]; !ok {
			t.Errorf("the example site has no %s", name)
		}
	}
	for name, data := range s.Files {
		if h, ok := got[name]; !ok {
			t.Errorf("%s: not written", name)
		} else if h != output.Hash(data) {
			t.Errorf("%s: written differently from what Build renders", name)
		}
	}
	if len(got) != len(s.Files) {
		t.Errorf("%d files written, Build renders %d", len(got), len(s.Files))
	}
}

// pieces records what a streamed file is written in.
type pieces [][]byte

func (p *pieces) Write(b []byte) (int, error) {
	*p = append(*p, bytes.Clone(b))
	return len(b), nil
}

// The files that show every entry are written an object at a time: a
// piece holds at most one entry's or one source's object. timeline.json
// encoded its sources in one piece, with their text, which at 100,000
// entries took more memory than anything else in the build. What is
// written is what Build renders.
func TestWideFilesAreWrittenInPieces(t *testing.T) {
	t.Parallel()
	s, err := build.Build(os.DirFS(filepath.Join("..", "..")), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	objects := map[string][]string{ // file -> a key each of its objects has once
		"timeline.json":   {`"summary":`, `"page":`},
		"timelinejs.json": {`"unique_id":`},
		"calendar.ics":    {"BEGIN:VEVENT"},
	}
	for _, p := range s.Pages {
		keys, ok := objects[p.Path]
		if !ok {
			continue
		}
		delete(objects, p.Path)
		var w pieces
		if err := p.Stream(&w); err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		if got := bytes.Join(w, nil); !bytes.Equal(got, s.Files[p.Path]) {
			t.Errorf("%s: streamed, it differs from what Build renders", p.Path)
		}
		for _, k := range keys {
			n := 0
			for _, b := range w {
				c := bytes.Count(b, []byte(k))
				if c > 1 {
					t.Errorf("%s: a piece of %d bytes holds %d objects with %s", p.Path, len(b), c, k)
				}
				n += c
			}
			if n < 2 {
				t.Errorf("%s: %d objects with %s in the example site", p.Path, n, k)
			}
		}
	}
	for name := range objects {
		t.Errorf("no page %s", name)
	}
}
