package build_test

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"dateline"
	"dateline/internal/build"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current build")

// goldenPages are the pages of the example site kept as golden files: one of
// each kind, including an entry whose sources disagree on the date and a
// source page with highlighted passages.
var goldenPages = []string{
	"index.html",
	"entries/2025-06-22-us-strikes-iranian-nuclear-sites/index.html",
	"sources/russian-president-vladimir-putin-monday-assured/index.html",
	"actors/putin/index.html",
	"threads/june-2025-israel-iran-war/index.html",
	"timeline.json",
}

// builtRepoSite builds the repository's own site (the module root) once per
// test binary.
var builtRepoSite = sync.OnceValues(func() (*build.Site, error) {
	return build.Build(os.DirFS(filepath.Join("..", "..")), dateline.Theme(), build.Options{})
})

func TestGolden(t *testing.T) {
	s, err := builtRepoSite()
	if err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	for _, page := range goldenPages {
		t.Run(page, func(t *testing.T) {
			got, ok := s.Files[page]
			if !ok {
				t.Fatalf("the build has no %s", page)
			}
			checkGolden(t, filepath.Join("testdata", "golden", filepath.FromSlash(page)), got)
		})
	}
}

// checkGolden compares got with the golden file, or rewrites the file
// with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run: go test ./internal/build -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the build differs from %s\n%s\nIf the change is intended, run: go test ./internal/build -run Golden -update", golden, diffHint(want, got))
	}
}

// diffHint describes the first difference between want and got: its line
// and the text around it on both sides (minified pages have long lines, so
// it shows a window, not the whole line).
func diffHint(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	line := bytes.Count(want[:i], []byte("\n")) + 1
	start := bytes.LastIndexByte(want[:i], '\n') + 1
	start = max(start, i-60)
	window := func(b []byte) string {
		end := min(len(b), i+60)
		if nl := bytes.IndexByte(b[min(i, len(b)):end], '\n'); nl >= 0 {
			end = min(i, len(b)) + nl
		}
		if start > len(b) {
			return "(ends earlier)"
		}
		return fmt.Sprintf("%q", b[start:end])
	}
	return fmt.Sprintf("first difference at line %d, byte %d (want %d bytes, got %d):\n  want …%s…\n  got  …%s…",
		line, i, len(want), len(got), window(want), window(got))
}

func TestDiffHint(t *testing.T) {
	t.Parallel()
	h := diffHint([]byte("line one\n<p>same</p><p>old text</p>\nend"), []byte("line one\n<p>same</p><p>new text</p>\nend"))
	for _, want := range []string{"line 2", "byte 23", `want …"<p>same</p><p>old text</p>"…`, `got  …"<p>same</p><p>new text</p>"…`} {
		if !strings.Contains(h, want) {
			t.Errorf("hint %q lacks %q", h, want)
		}
	}
	if h := diffHint([]byte("abc"), []byte("abcdef")); !strings.Contains(h, "want 3 bytes, got 6") {
		t.Errorf("hint for a longer file: %q", h)
	}
}

// The example site passes the same checks as the mini-site.
func TestExampleSite(t *testing.T) {
	s, err := builtRepoSite()
	if err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	if len(s.Problems) > 0 {
		t.Errorf("the example site has problems:\n%v", s.Problems)
	}
	if problems := checkSite(s.Files, s.Config.BaseURL); len(problems) > 0 {
		t.Errorf("site check:\n%s", strings.Join(problems, "\n"))
	}
	if len(s.Timeline.Entries) < 20 || len(s.Timeline.Sources) != 5 {
		t.Errorf("%d entries, %d sources", len(s.Timeline.Entries), len(s.Timeline.Sources))
	}
}

// Golden files are only worth having if a build is reproducible.
func TestBuildIsDeterministic(t *testing.T) {
	t.Parallel()
	a, err := build.Build(mapFS(miniSite), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := build.Build(mapFS(miniSite), dateline.Theme(), build.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
			for name := range a.Files {
				if !bytes.Equal(a.Files[name], b.Files[name]) {
					t.Fatalf("%s differs between two builds of the same site:\n%s", name, diffHint(a.Files[name], b.Files[name]))
				}
			}
			t.Fatal("the two builds have different files")
		}
	}
}
