package markdown

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// indented is a list nested n deep the way an editor indents one.
func indented(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

func TestCheckLimits(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line, col int
		msg       string // "" when within the limits
	}{
		{"short", "[Putin](actor:putin) spoke.\n\n- a\n  - b\n    - c\n", 0, 0, ""},
		{"list at the limit", indented(MaxNesting), 0, 0, ""},
		{"indented list", indented(2000), MaxNesting + 1, 2*MaxNesting + 3, "summary nests lists 33 deep; the limit is 32"},
		{"markers on one line", "x\n" + strings.Repeat("- ", 2000) + "a", 2, 2*2000 + 1, "summary nests lists 2000 deep"},
		{"ordered", strings.Repeat("1. ", 40) + "a", 1, 121, "nests lists 40 deep"},
		{"block quotes", strings.Repeat(">", 100), 1, 101, "nests lists 100 deep"},
		{"tabs", strings.Repeat("\t", 17) + "x", 1, 18, "nests lists 34 deep"},
		{"thematic breaks", "* * *\n\n- - -\n", 0, 0, ""},
		{"table at the limit", "|" + strings.Repeat("a|", 16) + "\n|" + strings.Repeat("-|", 16) + "\n", 0, 0, ""},
		{"wide table", "|" + strings.Repeat("a|", 17) + "\n|" + strings.Repeat("-|", 17) + "\n", 2, 1, "table 17 columns wide; the limit is 16"},
		{"table cells at the limit", "|" + strings.Repeat("a|", 10) + "\n|" + strings.Repeat("-|", 10) + "\n" + strings.Repeat("|x|\n", 98) + "\n" + strings.Repeat("text\n", 200), 0, 0, ""},
		{"too many cells", "|" + strings.Repeat("a|", 10) + "\n|" + strings.Repeat("-|", 10) + "\n" + strings.Repeat("|x|\n", 99), 101, 1, "tables of more than 1000 cells; the limit is 1000"},
		{"rules are no tables", "---\n" + strings.Repeat("text\n", 2000), 0, 0, ""},
		{"unclosed links", strings.Repeat("[a](", 1000), 1, 4*MaxLinks + 3, "more than 256 links"},
		{"long", strings.Repeat("word ", MaxSummaryBytes/5+1), 1, 1, "summary is 16385 bytes; the limit is 16384"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckLimits([]byte(c.src))
			switch {
			case c.msg == "" && err != nil:
				t.Fatalf("CheckLimits = %v, want nil", err)
			case c.msg == "":
				return
			case err == nil:
				t.Fatalf("CheckLimits = nil, want %q", c.msg)
			case err.Line != c.line || err.Col != c.col || !strings.Contains(err.Msg, c.msg):
				t.Fatalf("CheckLimits = %d:%d: %s, want %d:%d: …%s…", err.Line, err.Col, err.Msg, c.line, c.col, c.msg)
			}
		})
	}
}

// TestRenderRefusesOverLimit: no path into goldmark skips the limits.
func TestRenderRefusesOverLimit(t *testing.T) {
	src := []byte(indented(2000))
	r := New()
	var le *LimitError
	if _, err := r.Render(src, nil); !errors.As(err, &le) {
		t.Errorf("Render = %v, want a *LimitError", err)
	}
	if refs := r.Refs(src); refs != nil {
		t.Errorf("Refs = %v, want nil", refs)
	}
	if p := r.Plain(src); p != "" {
		t.Errorf("Plain = %q, want empty", p)
	}
}

// hostile lists shapes that were slow before the limits, at sizes that pass
// quickly, as fuzz seeds.
var hostile = []string{
	indented(30),
	strings.Repeat("- ", 30) + "a",
	strings.Repeat("> ", 30) + "a",
	strings.Repeat("[a](", 200) + "x",
	strings.Repeat("[", 2000) + "a",
	strings.Repeat("*_", 1000) + "x",
	"|" + strings.Repeat("a|", 16) + "\n|" + strings.Repeat("-|", 16) + "\n" + strings.Repeat("|x|\n", 60),
	strings.Repeat("`", 500) + "a" + strings.Repeat("`", 499),
	strings.Repeat("<a ", 1000),
}

// FuzzSummaryTime fails when one summary takes more than a second to check,
// render and list the references of: the build of a site must not hang on
// any one file. It only runs with -fuzz; its seeds run with go test.
func FuzzSummaryTime(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, in string) {
		start := time.Now()
		CheckLimits([]byte(in))
		r.Render([]byte(in), testSites)
		r.Refs([]byte(in))
		r.Plain([]byte(in))
		if d := time.Since(start); d > time.Second {
			t.Fatalf("%d-byte summary took %v", len(in), d)
		}
	})
}

// BenchmarkHostileSummary renders each hostile shape at the largest size the
// limits let through.
func BenchmarkHostileSummary(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"nested-lists", indented(MaxNesting)},
		{"one-line-lists", strings.Repeat("- ", MaxNesting) + "a"},
		{"links", strings.Repeat("[a](", MaxLinks) + "x"},
		{"table", "|" + strings.Repeat("a|", MaxTableColumns) + "\n|" + strings.Repeat("-|", MaxTableColumns) + "\n" + strings.Repeat("|x|\n", MaxTableCells/MaxTableColumns-2)},
		{"brackets", strings.Repeat("[", MaxSummaryBytes)},
		{"emphasis", strings.Repeat("*_", MaxSummaryBytes/2)},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := New()
			if err := CheckLimits([]byte(c.src)); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				r.Render([]byte(c.src), nil)
			}
		})
	}
}
