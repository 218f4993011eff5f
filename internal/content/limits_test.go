package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

const entryHead = "+++\ntitle = \"T\"\ndate = \"2026\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n"

func TestLimitsAndEncoding(t *testing.T) {
	evidence := func(n int) string {
		return "+++\ntitle = \"T\"\ndate = \"2026\"\n" + strings.Repeat("\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n", n) + "+++\n"
	}
	for _, c := range []struct {
		name, path, src string
		want            string // the first problem, or "" for none
	}{
		{"latin-1 entry body", "content/entries/e.md", entryHead + "+++\nT\xe9h\xe9ran\n", "content/entries/e.md:9:2: invalid UTF-8 (byte 0xE9): the file must be UTF-8; if it is Latin-1, convert it with `iconv -f latin1 -t utf-8 content/entries/e.md > content/entries/e.md.utf8` and replace it with the result"},
		{"windows-1252 source title", "content/sources/s.md", "+++\ntitle = \"\x93Quoted\x94\"\n", "content/sources/s.md:2:10: invalid UTF-8 (byte 0x93): the file must be UTF-8; if it is Windows-1252, convert it with `iconv -f windows-1252"},
		{"latin-1 registry", "content/actors.toml", "[a]\nname = \"Ar\xe2ghchi\"\n", "content/actors.toml:2:11: invalid UTF-8 (byte 0xE2)"},
		{"utf-16 source", "content/sources/s.md", "\xff\xfe+\x00", "content/sources/s.md:1:1: the file is UTF-16, not UTF-8"},
		{"evidence at the limit", "content/entries/e.md", evidence(MaxEvidence), ""},
		{"too much evidence", "content/entries/e.md", evidence(MaxEvidence + 1), fmt.Sprintf("content/entries/e.md:%d:1: entry has 101 [[evidence]] tables; the limit is 100: split the event into several entries", 5+4*MaxEvidence)},
		{"far too much evidence", "content/entries/e.md", evidence(10_000), fmt.Sprintf("content/entries/e.md:%d:1: more than %d tables; the limit is %[2]d", 5+4*maxEntryTables, maxEntryTables)},
		{"nested arrays", "content/entries/e.md", "+++\nactors = " + strings.Repeat("[", 100_000) + "\n+++\n", "content/entries/e.md:2:18: arrays and inline tables nest 9 deep here; the limit is 8"},
		{"nested inline tables", "content/actors.toml", "[a]\nname = " + strings.Repeat("{a=", 1000) + "1", "content/actors.toml:2:32: arrays and inline tables nest 9 deep here"},
		{"dotted key", "content/actors.toml", "a" + strings.Repeat(".a", 100_000) + " = 1\n", "content/actors.toml:1:1: key has 100001 dotted parts; the limit is 8"},
		{"brackets in strings do not nest", "content/actors.toml", "[a]\nname = \"" + strings.Repeat("[{", 50) + "\"\ndescription = '''\n" + strings.Repeat("[", 50) + "\n'''\n", ""},
		{"big entry", "content/entries/e.md", entryHead + "+++\n" + strings.Repeat("x", MaxEntryBytes), "content/entries/e.md:1:1: file is 1.0 MiB; the limit is 1.0 MiB: an entry is a title, its evidence and a short summary"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := Load(fstest.MapFS{c.path: {Data: []byte(c.src)}})
			switch {
			case c.want == "" && len(errs) > 0:
				t.Fatalf("problems: %v", errs)
			case c.want == "":
			case len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.want):
				t.Fatalf("problems:\n%v\nwant first: %s", errs, c.want)
			}
		})
	}
}

func unknownKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	return b.String()
}

// TestUnknownKeysCapped: a file of unknown keys lists the first ones and
// counts the rest.
func TestUnknownKeysCapped(t *testing.T) {
	_, errs := ParseRegistry("content/actors.toml", "actor", []byte("[a]\nname = \"A\"\n"+unknownKeys(150)))
	if len(errs) != maxUnknownKeys+1 || !strings.HasSuffix(errs[len(errs)-1].Error(), ": 50 more unknown keys in actor record are not listed") {
		t.Fatalf("got %d problems, last %v", len(errs), errs[len(errs)-1])
	}
}

// TestBOM: a UTF-8 byte-order mark is accepted silently, and lines are
// still counted from the mark's line.
func TestBOM(t *testing.T) {
	fsys := fstest.MapFS{
		"content/entries/e.md": {Data: []byte("\ufeff" + entryHead + "actor = [\"x\"]\n+++\nbody\n")},
		"content/actors.toml":  {Data: []byte("\ufeff[a]\nname = \"A\"\nnmae = \"x\"\n")},
		"content/sources/s.md": {Data: []byte("\ufeff+++\ntitle = \"S\"\noutlet = \"O\"\npublished = \"2026\"\n+++\ntext\n")},
	}
	site, errs := Load(fsys)
	errs.Sort()
	checkProblems(t, errs, []string{
		`content/actors.toml:3:1: unknown key "nmae" in actor record (did you mean "name"?)`,
		`content/entries/e.md:8:1: unknown key "actor" in entry front matter (did you mean "actors"?)`,
	})
	if len(site.Sources) != 1 || site.Sources[0].BodyLine != 6 || site.Sources[0].Body != "text\n" {
		t.Errorf("source = %+v", site.Sources)
	}
}
