package build_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
)

// exampleSite copies the repository's own site (site.toml and content/)
// into memory.
func exampleSite(t testing.TB) fstest.MapFS {
	t.Helper()
	root := os.DirFS("../..")
	fsys := fstest.MapFS{}
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p == "." || p == "content" || strings.HasPrefix(p, "content/") && d.IsDir():
			return nil
		case d.IsDir():
			return fs.SkipDir
		case p != "site.toml" && !strings.HasPrefix(p, "content/"):
			return nil
		}
		data, err := fs.ReadFile(root, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fsys) < 10 {
		t.Fatalf("example site has only %d files", len(fsys))
	}
	return fsys
}

// entryWith is an example-site entry whose evidence verifies, with the
// given front-matter lines and summary.
func entryWith(front, summary string) string {
	return "+++\ntitle = \"Hostile\"\ndate = \"2026-03-10\"\n" + front +
		"\n[[evidence]]\nsource = \"putin-reaffirms-russias-position-iran-conflict\"\nquote = \"Putin also held a phone call with his U.S. counterpart Donald Trump\"\n+++\n" + summary
}

func indentedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

// hostileFiles are files that once hung a build or slipped through, each
// with the error it must now get. An entry's summary starts on line 9.
var hostileFiles = []struct {
	name, path, data, want string
}{
	{"nested-list", "content/entries/hostile.md", entryWith("", indentedList(700)),
		"content/entries/hostile.md:41:67: summary nests lists 33 deep; the limit is 32"},
	{"list-markers", "content/entries/hostile.md", entryWith("", strings.Repeat("- ", 2000)+"a\n"),
		"content/entries/hostile.md:9:4001: summary nests lists 2000 deep; the limit is 32"},
	{"unclosed-links", "content/entries/hostile.md", entryWith("", strings.Repeat("[a](", 20_000)),
		"content/entries/hostile.md:9:1027: summary has more than 256 links"},
	{"long-summary", "content/entries/hostile.md", entryWith("", strings.Repeat("All work and no play. ", 1000)),
		"content/entries/hostile.md:9:1: summary is 22000 bytes; the limit is 16384"},
	{"nested-toml", "content/entries/hostile.md", entryWith("actors = "+strings.Repeat("[", 100_000), ""),
		"content/entries/hostile.md:4:18: arrays and inline tables nest 9 deep here; the limit is 8"},
	{"evidence", "content/entries/hostile.md", entryWith(strings.Repeat("[[evidence]]\nsource = \"x\"\nquote = \"y\"\n", 150), ""),
		"content/entries/hostile.md:304:1: entry has 151 [[evidence]] tables; the limit is 100"},
	{"latin-1-entry", "content/entries/hostile.md", entryWith("", "Talks in T\xe9h\xe9ran.\n"),
		"content/entries/hostile.md:9:11: invalid UTF-8 (byte 0xE9)"},
	{"latin-1-source", "content/sources/hostile.md", "+++\ntitle = \"S\"\noutlet = \"O\"\npublished = \"2026\"\n+++\nCaf\xe9\n",
		"content/sources/hostile.md:6:4: invalid UTF-8 (byte 0xE9)"},
	{"latin-1-registry", "content/places.toml", "[tehran]\nname = \"T\xe9h\xe9ran\"\n",
		"content/places.toml:2:10: invalid UTF-8 (byte 0xE9)"},
	{"latin-1-site", "site.toml", "title = \"Caf\xe9\"\n",
		"site.toml:1:13: invalid UTF-8 (byte 0xE9)"},
	{"big-entry", "content/entries/hostile.md", entryWith("", strings.Repeat("x", 2<<20)),
		"content/entries/hostile.md:1:1: file is 2.0 MiB; the limit is 1.0 MiB"},
}

// TestHostileFile builds the example site plus one hostile file: each
// build must end, with the error that names the file and the limit.
func TestHostileFile(t *testing.T) {
	for _, c := range hostileFiles {
		t.Run(c.name, func(t *testing.T) {
			fsys := exampleSite(t)
			fsys[c.path] = &fstest.MapFile{Data: []byte(c.data)}
			s, err := build.Build(fsys, dateline.Theme(), build.Options{})
			if err == nil {
				t.Fatal("build succeeded")
			}
			for _, p := range s.Problems.Errors() {
				if strings.HasPrefix(p.Error(), c.want) {
					return
				}
			}
			t.Errorf("want an error starting %q, got:\n%v", c.want, s.Problems)
		})
	}
}

// BenchmarkHostileSite times the build of the example site plus each
// hostile file (each must stay well under 2 s), and of the site alone.
func BenchmarkHostileSite(b *testing.B) {
	b.Run("example-site", func(b *testing.B) {
		fsys := exampleSite(b)
		for b.Loop() {
			if _, err := build.Build(fsys, dateline.Theme(), build.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Summaries at the limits build, and are rendered on several pages.
	for _, c := range []struct{ name, summary string }{
		{"limit-table", "|" + strings.Repeat("a|", 16) + "\n|" + strings.Repeat("-|", 16) + "\n" + strings.Repeat("|x|\n", 60)},
		{"limit-text", strings.Repeat("All work and no play makes Jack a dull boy. ", 370)},
		{"limit-emphasis", strings.Repeat("*_", 8000)},
		{"limit-brackets", strings.Repeat("[", 16000)},
		{"limit-nesting", indentedList(32)},
		{"limit-links", strings.Repeat("[a](", 256)},
	} {
		b.Run(c.name, func(b *testing.B) {
			fsys := exampleSite(b)
			fsys["content/entries/hostile.md"] = &fstest.MapFile{Data: []byte(entryWith("", c.summary))}
			for b.Loop() {
				if _, err := build.Build(fsys, dateline.Theme(), build.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, c := range hostileFiles {
		b.Run(c.name, func(b *testing.B) {
			fsys := exampleSite(b)
			fsys[c.path] = &fstest.MapFile{Data: []byte(c.data)}
			for b.Loop() {
				if _, err := build.Build(fsys, dateline.Theme(), build.Options{}); err == nil {
					b.Fatal("build succeeded")
				}
			}
		})
	}
}
