package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{Path: "a.md"}, "a.md"},
		{Pos{Path: "a.md", Line: 3}, "a.md:3"},
		{Pos{Path: "a.md", Line: 3, Col: 9}, "a.md:3:9"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortsAndSeparatesSeverities(t *testing.T) {
	var l List
	l.Add(Pos{Path: "b.md", Line: 1, Col: 1}, "second file")
	l.Warn(Pos{Path: "a.md", Line: 9, Col: 1}, "a warning")
	l.Add(Pos{Path: "a.md", Line: 2, Col: 5}, "later column %d", 5)
	l.Add(Pos{Path: "a.md", Line: 2, Col: 1}, "first")
	l.Add(Pos{Path: "a.md", Line: 2, Col: 1}, "same position, added later")
	l.Sort()
	want := "a.md:2:1: first\n" +
		"a.md:2:1: same position, added later\n" +
		"a.md:2:5: later column 5\n" +
		"a.md:9:1: warning: a warning\n" +
		"b.md:1:1: second file"
	if got := l.Error(); got != want {
		t.Errorf("sorted list:\n%s\nwant:\n%s", got, want)
	}
	if n := len(l.Errors()); n != 4 {
		t.Errorf("Errors() has %d problems, want 4", n)
	}
	if n := len(l.Warnings()); n != 1 {
		t.Errorf("Warnings() has %d problems, want 1", n)
	}
	var as List
	if err := l.Err(); !errors.As(err, &as) || len(as) != 5 {
		t.Errorf("Err() = %v, want the whole list", err)
	}
}

func TestWarningsAloneAreNoError(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Error("empty list is an error")
	}
	l.Warn(Pos{Path: "a.md"}, "only a warning")
	if l.Err() != nil {
		t.Error("a list of warnings is an error")
	}
}

func TestOffset(t *testing.T) {
	src := "ab\n“Quoted” text\n\nend"
	tests := []struct {
		off, line0 int
		line, col  int
		name       string
	}{
		{0, 1, 1, 1, "start"},
		{2, 1, 1, 3, "end of first line"},
		{3, 1, 2, 1, "start of second line"},
		{len("ab\n“Quoted” "), 1, 2, 10, "columns count code points, not bytes"},
		{len("ab\n“Quoted” text\n\n"), 5, 8, 1, "relative to line0"},
		{-4, 1, 1, 1, "clamped below"},
		{999, 1, 4, 4, "clamped above"},
	}
	for _, tt := range tests {
		line, col := Offset(src, tt.off, tt.line0)
		if line != tt.line || col != tt.col {
			t.Errorf("%s: Offset(%d) = %d:%d, want %d:%d", tt.name, tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"title", "date", "actors", "places", "topics", "thread", "related"}
	tests := []struct{ name, want string }{
		{"actor", "actors"},
		{"tittle", "title"},
		{"dates", "date"},
		{"plaecs", "places"},
		{"summary", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.name, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTOMLKeys(t *testing.T) {
	type inner struct {
		Source string `toml:"source"`
		Quote  string `toml:"quote,omitempty"`
	}
	type front struct {
		Title    string           `toml:"title"`
		Skipped  string           `toml:"-"`
		Untagged string           // not decoded by name here
		Evidence []inner          `toml:"evidence"`
		Records  map[string]inner `toml:"records"`
		Place    *inner           `toml:"place"`
	}
	got := strings.Join(TOMLKeys(&front{}), " ")
	want := "title evidence source quote records source quote place source quote"
	if got != want {
		t.Errorf("TOMLKeys = %q, want %q", got, want)
	}
}

func TestCheckUTF8(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      string // "" when valid
	}{
		{"ascii", "a\nb\n", ""},
		{"utf-8", "Café — “x”\n", ""},
		{"bom", "\ufeffa\n", ""},
		{"latin-1 on line 2", "+++\ntitle = \"Caf\xe9\"\n", "x.md:2:13: invalid UTF-8 (byte 0xE9): the file must be UTF-8; if it is Latin-1, convert it with `iconv -f latin1 -t utf-8 x.md > x.md.utf8`"},
		{"column counts code points", "é\xe9", "x.md:1:2: invalid UTF-8 (byte 0xE9)"},
		{"bom not counted", "\ufeffab\xe9", "x.md:1:3: invalid UTF-8"},
		{"windows-1252 quote", "a \x93quoted\x94", "x.md:1:3: invalid UTF-8 (byte 0x93): the file must be UTF-8; if it is Windows-1252, convert it with `iconv -f windows-1252"},
		{"truncated rune", "ok\n\xe2\x80", "x.md:2:1: invalid UTF-8 (byte 0xE2)"},
		{"utf-16", "\xff\xfea\x00", "x.md:1:1: the file is UTF-16, not UTF-8: convert it, e.g. `iconv -f utf-16 -t utf-8 x.md > x.md.utf8`"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l List
			ok := CheckUTF8(&l, "x.md", []byte(c.src))
			if c.want == "" {
				if !ok || len(l) != 0 {
					t.Fatalf("CheckUTF8 = %v, %v; want valid", ok, l)
				}
				return
			}
			if ok || len(l) != 1 || !strings.HasPrefix(l[0].Error(), c.want) {
				t.Fatalf("CheckUTF8 = %v, %v; want %q", ok, l, c.want)
			}
		})
	}
}

type positioned struct{ p *Problem }

func (e positioned) Error() string     { return e.p.Error() }
func (e positioned) Problem() *Problem { return e.p }

func TestOf(t *testing.T) {
	a := &Problem{Pos: Pos{"a.css", 2, 3}, Msg: "a"}
	b := &Problem{Pos: Pos{"b.html", 1, 1}, Msg: "b"}
	tests := []struct {
		name string
		err  error
		want []*Problem
	}{
		{"nil", nil, nil},
		{"problem", a, []*Problem{a}},
		{"list", List{a, b}, []*Problem{a, b}},
		{"method", positioned{b}, []*Problem{b}},
		{"wrapped", fmt.Errorf("page: %w", positioned{b}), []*Problem{b}},
		{"joined", errors.Join(a, fmt.Errorf("x: %w", b)), []*Problem{a, b}},
		{"plain", errors.New("disk full"), nil},
		{"joined with a plain one", errors.Join(a, errors.New("disk full")), nil},
	}
	for _, tt := range tests {
		got := Of(tt.err)
		if len(got) != len(tt.want) {
			t.Errorf("%s: Of = %v, want %v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: Of = %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}
