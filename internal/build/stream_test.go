package build_test

import (
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
