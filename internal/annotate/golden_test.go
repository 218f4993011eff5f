package annotate

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/ingest"
	"dateline/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// moduleRoot is the directory holding go.mod: tests run in their
// package's directory.
const moduleRoot = "../.."

// exampleSite resolves the example site at the module root, drafts
// included, for its registries.
func exampleSite(t *testing.T) *model.Timeline {
	t.Helper()
	fsys := os.DirFS(moduleRoot)
	cfg, errs := config.Load(fsys)
	site, e := content.Load(fsys)
	errs.Append(e)
	tl, e := model.Build(cfg, site, model.Options{Drafts: true})
	errs.Append(e)
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	return tl
}

// TestSeedDraftsGolden ingests seeds and records the drafts annotate
// writes for them with the example site's registries, as `dateline
// annotate SOURCE --dct DATE` does: the IANS report, dated 2026-03-10 by
// its header, and a report whose date the editor inferred (2025-06-23?),
// so that relative readings are marked uncertain.
func TestSeedDraftsGolden(t *testing.T) {
	for _, tt := range []struct{ seed, dct string }{
		{"001_b6b80f3657b3852e.txt", "2026-03-10"},
		{"004_ea4adc658951ef8c.txt", "2025-06-23?"},
	} {
		t.Run(tt.seed, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(moduleRoot, "..", "shared", "seeds", tt.seed))
			if err != nil {
				if os.Getenv("DATELINE_CORPUS_REQUIRED") == "1" {
					t.Fatal(err)
				}
				t.Skip(err)
			}
			r, err := ingest.Ingest(raw, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			dd, err := ParseDocDate(tt.dct)
			if err != nil {
				t.Fatal(err)
			}
			drafts, skips := Drafts(Source{ID: r.ID, Text: r.Body, Date: dd}, exampleSite(t))
			var out bytes.Buffer
			fmt.Fprintf(&out, "$ dateline annotate %s --dct %s\n", r.ID, tt.dct)
			for _, s := range skips {
				fmt.Fprintf(&out, "not drafted: %q (%s): %s\n", s.Text, s.Value, s.Reason)
			}
			for _, d := range drafts {
				fmt.Fprintf(&out, "==> content/entries/drafts/%s.md\n", d.ID)
				out.Write(d.File())
			}
			path := filepath.Join("testdata", "drafts-"+strings.TrimSuffix(tt.seed, ".txt")+".golden")
			if *update {
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("drafts differ from %s (run go test -update after checking the change):\n%s", path, out.Bytes())
			}
		})
	}
}
