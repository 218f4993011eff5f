package build_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline"
	"dateline/internal/build"
)

// pageBudget is the most an HTML page may weigh, uncompressed, at any size
// of site (README, "Pages that scale").
const pageBudget = 512 << 10

// TestPageBudget builds a 20,000-entry site whose summaries are about
// 2 KB (as the bench's are) and checks that no HTML page exceeds the
// budget. It takes minutes: set DATELINE_LONG=1 (.ci/run does).
func TestPageBudget(t *testing.T) {
	if os.Getenv("DATELINE_LONG") != "1" {
		t.Skip("a 20,000-entry build; set DATELINE_LONG=1 to run it")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; .ci/run runs it without")
	}
	src := t.TempDir()
	filler := strings.Repeat("Officials on both sides declined to give details of the talks, and analysts expected little change. ", 18)
	for name, f := range syntheticSite(20000) {
		data := f.Data
		if strings.HasPrefix(name, "content/entries/") {
			data = append(data, "\n"+filler+"\n"...)
		}
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil)
	if err != nil {
		t.Fatalf("%v\n%v", err, problems)
	}
	largest, largestSize, pages := "", int64(0), 0
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		pages++
		if info.Size() > largestSize {
			largest, largestSize = p, info.Size()
		}
		if info.Size() > pageBudget {
			rel, _ := filepath.Rel(out, p)
			t.Errorf("%s: %d bytes, over the budget of %d", rel, info.Size(), pageBudget)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(out, largest)
	t.Logf("%s; %d HTML pages, the largest %s (%d KB)", sum, pages, rel, largestSize>>10)
}
