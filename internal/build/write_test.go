package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dateline"
	"dateline/internal/output"
)

// write lets go of each page as it hands it to a worker, so that what a
// page renders with is not held until the build ends.
func TestWriteLetsGoOfPages(t *testing.T) {
	t.Parallel()
	rd, err := prepare(os.DirFS(filepath.Join("..", "..")), dateline.Theme(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := sitePages(rd.r, rd.t, nil, nil)
	dir, err := output.Create(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Abort()
	n, err := write(context.Background(), dir, pages, rd.static, &Progress{})
	if err != nil {
		t.Fatal(err)
	}
	if n < len(pages) {
		t.Errorf("%d files written for %d pages", n, len(pages))
	}
	for i, p := range pages {
		if p.Path != "" || p.Deps != nil {
			t.Fatalf("page %d (%s) is still held after it was written", i, p.Path)
		}
	}
}
