package search_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"dateline/internal/build"
	"dateline/internal/search"
)

// indexBudget is the most one index file may weigh, uncompressed: the
// page budget (README, "Pages that scale"), as a query downloads a few.
const indexBudget = 512 << 10

// TestIndexBudget renders the index of a 100,000-entry site (the bench
// corpus; DATELINE_BUDGET_SRC names another site) and checks that no file
// of it exceeds the budget. It takes minutes: DATELINE_LONG=1 runs it.
func TestIndexBudget(t *testing.T) {
	if os.Getenv("DATELINE_LONG") != "1" {
		t.Skip("a 100,000-entry index; set DATELINE_LONG=1 to run it")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; .ci/run runs it without")
	}
	src := os.Getenv("DATELINE_BUDGET_SRC")
	if src == "" {
		dir := t.TempDir()
		gen := exec.Command("python3", "../../../shared/bench/gen_corpus.py", "100000", dir)
		if out, err := gen.CombinedOutput(); err != nil {
			t.Fatalf("gen_corpus.py: %v\n%s", err, out)
		}
		src = filepath.Join(dir, "dateline")
	}
	tl, problems := build.Load(os.DirFS(src), build.Options{})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	largest, size, total, files := "", 0, 0, 0
	for _, p := range search.Pages(tl) {
		parts, err := p.Parts()
		if err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		n := 0
		for _, b := range parts {
			n += len(b)
		}
		total += n
		files++
		if n > size {
			largest, size = p.Path, n
		}
		if n > indexBudget {
			t.Errorf("%s: %d bytes, over the budget of %d", p.Path, n, indexBudget)
		}
	}
	t.Logf("%d entries: %d index files, %d MB in all, the largest %s (%d KB)", len(tl.Entries), files, total>>20, largest, size>>10)
}
