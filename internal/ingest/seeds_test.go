package ingest

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// moduleRoot is the directory holding go.mod: tests run in their
// package's directory.
const moduleRoot = "../.."

// seeds returns the raw seed articles in ../shared/seeds, skipping the test
// when they are absent unless DATELINE_CORPUS_REQUIRED=1.
func seeds(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(moduleRoot, "..", "shared", "seeds", "*.txt"))
	if len(files) == 0 {
		if os.Getenv("DATELINE_CORPUS_REQUIRED") == "1" {
			t.Fatal("no seeds in ../shared/seeds (DATELINE_CORPUS_REQUIRED=1)")
		}
		t.Skip("no seeds in ../shared/seeds")
	}
	return files
}

// existing reads the archived source with the given id from the example
// site at the module root.
func existing(t *testing.T, id string) *content.Source {
	t.Helper()
	p := content.SourcesDir + "/" + id + ".md"
	data, err := os.ReadFile(filepath.Join(moduleRoot, filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("re-ingesting gives id %q, but the site has no %s: %v", id, p, err)
	}
	s, errs := content.ParseSource(p, data)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return s
}

// TestSeedsReproduceSources re-ingests every seed and compares the result
// with the source the site archived from it: same id, body, raw_sha256,
// outlet, url and authors, and the same title and publication date where
// the text states them. What the editor added by hand (a title for an
// article without a headline, an inferred publication date, the language)
// is not compared; where the text states no date, ingest must not invent
// one.
func TestSeedsReproduceSources(t *testing.T) {
	for _, f := range seeds(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Ingest(raw, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := existing(t, r.ID)
			if r.Body != s.Body {
				t.Errorf("body differs from %s:\n--- ingested\n%s\n--- archived\n%s", s.Path, r.Body, s.Body)
			}
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s = %q, archived %q", field, got, want)
				}
			}
			check("raw_sha256", r.RawSHA256, s.RawSHA256.Text)
			check("outlet", r.Outlet, s.Outlet.Text)
			check("url", r.URL, s.URL.Text)
			if len(r.Authors) != len(s.Authors) {
				t.Errorf("authors = %q, archived %d", r.Authors, len(s.Authors))
			}
			if r.Published != "" {
				check("published", r.Published, s.Published.Text)
			} else if !strings.ContainsAny(s.Published.Text, "?~%") {
				t.Errorf("no publication date detected, but the archived one (%q) is not marked as inferred", s.Published.Text)
			}
			if from(r, "title") == "headline" {
				check("title", r.Title, s.Title.Text)
			}
			// With the editor's values as options the file parses and
			// matches the archived source except for hand-written fields.
			r2, err := Ingest(raw, Options{Published: s.Published.Text, Title: s.Title.Text, Language: s.Language.Text})
			if err != nil {
				t.Fatal(err)
			}
			file, err := r2.File()
			if err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(filepath.Join(moduleRoot, filepath.FromSlash(s.Path)))
			if !bytes.Equal(file, want) {
				t.Errorf("with the editor's title, published and language, the file differs from %s:\n%s", s.Path, file)
			}
		})
	}
}

func from(r *Result, field string) string {
	for _, f := range r.Findings {
		if f.Field == field {
			return f.From
		}
	}
	return ""
}

// TestSeedsGolden records what `dateline ingest --dry-run SEED` reports and
// writes for each seed. Where the text states no publication date, the
// golden run passes the editor's date, as a user must.
func TestSeedsGolden(t *testing.T) {
	for _, f := range seeds(t) {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Ingest(raw, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			file, err := r.File()
			if errors.Is(err, ErrNoPublished) {
				opt := Options{Published: existing(t, r.ID).Published.Text}
				out.WriteString("$ dateline ingest --dry-run " + name + " --published '" + opt.Published + "'\n")
				if r, err = Ingest(raw, opt); err != nil {
					t.Fatal(err)
				}
				file, err = r.File()
			} else {
				out.WriteString("$ dateline ingest --dry-run " + name + "\n")
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range r.Report(name) {
				out.WriteString(line + "\n")
			}
			out.WriteString("----\n")
			out.Write(file)
			golden(t, filepath.Join("testdata", "seeds", strings.TrimSuffix(name, ".txt")+".golden"), out.Bytes())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update after checking the change):\n%s", path, got)
	}
}
