package search_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

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
	src := site(t, "DATELINE_BUDGET_SRC", 100000)
	start := time.Now()
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
	t.Logf("%d entries: loaded and the index rendered in %s", len(tl.Entries), time.Since(start).Round(time.Second))
	t.Logf("%d entries: %d index files, %d MB in all, the largest %s (%d KB)", len(tl.Entries), files, total>>20, largest, size>>10)
}

// gen is the bench's corpus generator, beside the repository.
const gen = "../../../shared/bench/gen_corpus.py"

// site returns the directory of the site a long test reads: the one the
// environment variable env names, or the bench corpus of n entries. The
// test runs only with DATELINE_LONG=1, and not under the race detector
// (.ci/run runs it without). Without the corpus generator it is skipped,
// unless DATELINE_CORPUS_REQUIRED=1 (as in CI).
func site(t *testing.T, env string, n int) string {
	t.Helper()
	if os.Getenv("DATELINE_LONG") != "1" {
		t.Skipf("a %d-entry site: set DATELINE_LONG=1 to run it", n)
	}
	if raceEnabled {
		t.Skip("too slow under the race detector")
	}
	if dir := os.Getenv(env); dir != "" {
		return dir
	}
	if _, err := os.Stat(gen); err != nil {
		if os.Getenv("DATELINE_CORPUS_REQUIRED") == "1" {
			t.Fatalf("the corpus generator: %v", err)
		}
		t.Skipf("the corpus generator: %v", err)
	}
	dir := t.TempDir()
	if out, err := exec.Command("python3", gen, strconv.Itoa(n), dir).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", gen, err, out)
	}
	return filepath.Join(dir, "dateline")
}
