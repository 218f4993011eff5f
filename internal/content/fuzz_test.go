package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"dateline/internal/diag"
	"dateline/internal/media"
)

// checkList is the invariant every parser of user input keeps: each problem
// names its file, a position with a line has a line >= 1 and a column >= 0
// within that line, and messages are non-empty.
func checkList(t *testing.T, path string, src []byte, l diag.List) {
	t.Helper()
	lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(string(src), "\ufeff"), "\r\n", "\n"), "\n")
	for _, p := range l {
		if p.Pos.Path != path {
			t.Errorf("problem %q has path %q, want %q", p.Error(), p.Pos.Path, path)
		}
		if p.Msg == "" {
			t.Errorf("problem at %v has no message", p.Pos)
		}
		if p.Pos.Line < 0 || p.Pos.Col < 0 || p.Pos.Col > 0 && p.Pos.Line == 0 {
			t.Errorf("problem %q has a bad position", p.Error())
		}
		if p.Pos.Line > len(lines) {
			t.Errorf("problem %q is past the last line (%d)", p.Error(), len(lines))
		}
		if p.Pos.Line >= 1 && p.Pos.Col > utf8.RuneCountInString(lines[p.Pos.Line-1])+1 {
			t.Errorf("problem %q is past the end of line %d (%q)", p.Error(), p.Pos.Line, lines[p.Pos.Line-1])
		}
	}
}

// seeds adds every content file of the example site, plus a few odd inputs.
func seeds(f *testing.F, dir string, extra ...string) {
	f.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", dir))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

func FuzzParseEntry(f *testing.F) {
	seeds(f, "content/entries/*/*.md", goodEntry, "+++", "+++\n+++", "+++\r\n[[evidence]]\r\n+++\r\n",
		"+++\nactors = [\n\"a\",\n+++\n", "+++\ndate = 2025-06-22\n[evidence]\nquote = '''\nx'''\n+++\n",
		"+++\n[[media]]\nfile = \"a.png\"\n[[media]]\nurl = \"https://youtu.be/aaaaaaaaaaa\"\nalt = \"\"\n+++\n",
		"+++\n[[media]]\nfile = \"../x.jpg\"\nurl = \"javascript:x\"\nalt = 1\n[media]\n+++\n")
	f.Fuzz(func(t *testing.T, src []byte) {
		const p = "content/entries/2025/x.md"
		e, errs := ParseEntry(p, src)
		checkList(t, p, src, errs)
		if e == nil {
			t.Fatal("nil entry")
		}
		if e.Broken {
			if len(errs.Errors()) == 0 || e.ID != "x" || e.Path != p {
				t.Fatalf("broken entry %+v without an error", e)
			}
			return
		}
		values := append([]Value{e.Title, e.Date, e.Thread}, e.Actors...)
		values = append(values, e.Places...)
		values = append(values, e.Topics...)
		values = append(values, e.Related...)
		for _, ev := range e.Evidence {
			values = append(values, ev.Source, ev.Quote, ev.Prefix, ev.Suffix, ev.DateText, ev.Date)
		}
		for _, m := range e.Media {
			values = append(values, m.File, m.URL, m.Caption, m.Credit, m.Alt, m.Source)
			// What passes content is safe to publish: a path that stays
			// in content/media/, an http(s) URL, alt text on an image.
			if m.File.Text != "" && media.CheckFile(m.File.Text) != "" || m.URL.Text != "" && !strings.HasPrefix(strings.ToLower(m.URL.Text), "http") {
				t.Errorf("unsafe media passed: %+v", m)
			}
			if m.Kind == media.Image && strings.TrimSpace(m.Alt.Text) == "" {
				t.Errorf("image without alt passed: %+v", m)
			}
		}
		for _, v := range values {
			checkList(t, p, src, diag.List{{Pos: v.Pos, Msg: "value " + v.Text}})
			if v.Pos.Line < 1 {
				t.Errorf("value %q has no line", v.Text)
			}
		}
		if e.BodyLine < 2 {
			t.Errorf("body line %d", e.BodyLine)
		}
	})
}

func FuzzParseSource(f *testing.F) {
	seeds(f, "content/sources/*.md", "+++\ntitle = \"T\"\noutlet = \"O\"\npublished = 2025-01-01T00:00:00Z\n+++\n")
	f.Fuzz(func(t *testing.T, src []byte) {
		const p = "content/sources/x.md"
		s, errs := ParseSource(p, src)
		checkList(t, p, src, errs)
		if s == nil {
			t.Fatal("nil source")
		}
		if s.Broken {
			if len(errs.Errors()) == 0 || s.ID != "x" || s.Path != p {
				t.Fatalf("broken source %+v without an error", s)
			}
			return
		}
		for _, v := range append([]Value{s.Title, s.Outlet, s.Published, s.URL}, s.Authors...) {
			checkList(t, p, src, diag.List{{Pos: v.Pos, Msg: "value " + v.Text}})
		}
		if !strings.HasSuffix(strings.ReplaceAll(string(src), "\r\n", "\n"), s.Body) {
			t.Errorf("body %q is not the end of the file", s.Body)
		}
	})
}

func FuzzParseRegistry(f *testing.F) {
	seeds(f, "content/*.toml", "[a]\nlat = 1.0\n", "[a]\nlon = 1\n", "[a.b]\nname = 1\n", "[[a]]\nname = \"x\"\n", "a = 1\n[\"é\"]\nname=\"\"\n")
	f.Fuzz(func(t *testing.T, src []byte) {
		const p = "content/places.toml"
		recs, errs := ParseRegistry(p, "place", src)
		checkList(t, p, src, errs)
		// Every table of a file that decodes is a record: none is lost.
		var tables map[string]map[string]any
		if _, err := toml.Decode(string(src), &tables); err == nil && len(errs) == 0 && len(recs) != len(tables) {
			t.Errorf("%d records from %d tables", len(recs), len(tables))
		}
		seen := map[string]bool{}
		for _, r := range recs {
			if seen[r.ID] {
				t.Errorf("record %q returned twice", r.ID)
			}
			seen[r.ID] = true
			if r.Broken && len(errs.Errors()) == 0 {
				t.Errorf("broken record %q without an error", r.ID)
			}
			if !IsSlug(r.ID) && len(errs) == 0 {
				t.Errorf("bad id %q without a problem", r.ID)
			}
			if (r.Lat == nil) != (r.Lon == nil) && len(errs) == 0 {
				t.Errorf("record %q: lat without lon and no problem", r.ID)
			}
			for _, v := range append([]Value{r.Name, r.Type}, r.Aliases...) {
				checkList(t, p, src, diag.List{{Pos: v.Pos, Msg: "value " + v.Text}})
			}
		}
	})
}
