package build

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/model"
)

// exampleSite loads the repository's own site (site.toml and content/) into
// memory. Its templates/ and static/ are the built-in theme, which tests
// pass as the theme, so the site starts without overrides.
func exampleSite(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, top := range []string{"site.toml", "content"} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// After a patch (see model.Patch) only some fingerprints are hashed again;
// they must all be what hashing a fresh build of the same files gives, or
// pages that show the others would not be rendered again.
func TestPatchedFingerprints(t *testing.T) {
	site := exampleSite(t)
	var entries []string
	for p := range site {
		if strings.HasPrefix(p, content.EntriesDir+"/") {
			entries = append(entries, p)
		}
	}
	slices.Sort(entries)
	inc := NewIncremental(site, dateline.Theme(), Options{})
	if res := inc.Update(); res.Err != nil {
		t.Fatal(res.Err)
	}
	title := regexp.MustCompile(`(?m)^title = ".*"$`)
	quote := regexp.MustCompile(`(?m)^quote = "(.*)"$`)
	patched, redated := 0, 0
	date := regexp.MustCompile(`(?m)^date = "(.*)"$`)
	// Every entry once, each kind of edit on a quarter of them; under
	// DATELINE_LONG=1 every kind on every entry.
	edits := len(entries)
	if os.Getenv("DATELINE_LONG") == "1" {
		edits = 4 * len(entries)
	}
	for i := range edits {
		p := entries[i*7%len(entries)]
		s := string(site[p].Data)
		switch i % 4 {
		case 3: // the same date, more or less certain
			s = date.ReplaceAllStringFunc(s, func(d string) string {
				if strings.HasSuffix(d, `?"`) {
					return strings.TrimSuffix(d, `?"`) + `"`
				}
				return strings.TrimSuffix(d, `"`) + `?"`
			})
		case 0:
			s = title.ReplaceAllLiteralString(s, fmt.Sprintf(`title = "Edit %d"`, i))
		case 1:
			s += fmt.Sprintf("\nEdit %d.\n", i)
		default: // the quote without its first word: a later span
			s = quote.ReplaceAllStringFunc(s, func(line string) string {
				q := strings.TrimPrefix(line, `quote = "`)
				if _, rest, ok := strings.Cut(q, " "); ok && strings.Count(rest, " ") > 2 && !strings.Contains(rest, `\`) {
					return `quote = "` + rest
				}
				return line
			})
		}
		site[p] = &fstest.MapFile{Data: []byte(s)}
		res := inc.Update(p)
		if res.Err != nil {
			t.Fatalf("%s: %v", p, res.Err)
		}
		if !res.Patched {
			continue
		}
		patched++
		if i%4 == 3 {
			redated++
		}
		sameFingerprints(t, inc, site, fmt.Sprintf("edit %d of %s", i, p))
	}
	if redated == 0 {
		t.Errorf("no new date patched the timeline")
	}
	if patched < edits/4 {
		t.Errorf("only %d of %d edits patched the timeline", patched, edits)
	}

	// Sources (see model.PatchSources): text after every quote, before
	// every quote (each moves), a new title.
	var sources []string
	for p := range site {
		if strings.HasPrefix(p, content.SourcesDir+"/") {
			sources = append(sources, p)
		}
	}
	slices.Sort(sources)
	for i, p := range sources {
		for k, change := range []func(string) string{
			func(s string) string { return s + "\nAn appended paragraph.\n" },
			func(s string) string {
				end := strings.Index(s[1:], "+++\n") + 1 + len("+++\n")
				return s[:end] + "A paragraph before the others.\n\n" + s[end:]
			},
			func(s string) string { return title.ReplaceAllLiteralString(s, fmt.Sprintf(`title = "Source %d"`, i)) },
		} {
			site[p] = &fstest.MapFile{Data: []byte(change(string(site[p].Data)))}
			if res := inc.Update(p); res.Err != nil || !res.Patched {
				t.Fatalf("source edit %d of %s: patched %v, %v", k, p, res.Patched, res.Err)
			}
			sameFingerprints(t, inc, site, fmt.Sprintf("source edit %d of %s", k, p))
		}
	}

	// Records (see model.PatchRecords): each registry's first name, and
	// an alias no entry uses.
	for _, kind := range content.RegistryKinds() {
		p := content.RegistryFile(kind)
		for k, change := range []func(string) string{
			func(s string) string { return strings.Replace(s, "\nname = \"", "\nname = \"Renamed ", 1) },
			func(s string) string { return strings.Replace(s, `aliases = ["`, `aliases = ["Unused alias", "`, 1) },
		} {
			site[p] = &fstest.MapFile{Data: []byte(change(string(site[p].Data)))}
			if res := inc.Update(p); res.Err != nil || !res.Patched {
				t.Fatalf("record edit %d of %s: patched %v, %v", k, p, res.Patched, res.Err)
			}
			sameFingerprints(t, inc, site, fmt.Sprintf("record edit %d of %s", k, p))
		}
	}
}

// sameFingerprints checks that the fingerprints of inc's last build are
// those of a fresh build of site.
func sameFingerprints(t *testing.T, inc *Incremental, site fstest.MapFS, what string) {
	t.Helper()
	cfg, _ := config.Load(site)
	docs, _ := content.Load(site)
	fresh, errs := model.Build(cfg, docs, model.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := (&fingerprinter{seed: inc.seed, cache: model.NewCache(), t: fresh}).all()
	if got := inc.good.fps; !maps.Equal(got, want) {
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%s: fingerprint of %s is stale", what, k)
			}
		}
		t.FailNow()
	}
}
