package search

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Araghchi", "araghchi"},
		{"ARAĞCHI", "aragchi"},
		{"Zürich", "zurich"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Ærø", "aero"},
		{"Москва", "москва"},
		{"Ёлка", "елка"}, // the diaeresis is a mark, as in Latin
		{"e\u0301", "e"}, // decomposed already
		{"", ""},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Putin’s envoy, Araghchi.", []string{"putin", "envoy", "araghchi"}},
		{"a US-led strike on 13 June 2025", []string{"us", "led", "strike", "on", "13", "june", "2025"}},
		{"Zürich e\u0301te", []string{"zurich", "ete"}},
		{"x " + strings.Repeat("a", 41), nil}, // too short, too long
		{"", nil},
	} {
		var got []string
		for _, sp := range Words(c.in) {
			got = append(got, sp.Word)
			if Fold(c.in[sp.Start:sp.End]) != sp.Word {
				t.Errorf("Words(%q): span %d-%d is %q, not %q", c.in, sp.Start, sp.End, c.in[sp.Start:sp.End], sp.Word)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if sp := Words("Putin met araghchi"); !sp[0].Cap || sp[1].Cap || sp[2].Cap {
		t.Errorf("capitals: %+v", sp)
	}
}

func TestVariant(t *testing.T) {
	same := [][]string{
		{"araghchi", "araqchi", "arakchi", "araghtchi"},
		{"nebenzya", "nebenzia"},
		{"gaddafi", "qaddafi", "kadhafi", "gadhafi"},
		{"shoigu", "schoigu"},
		{"zelensky", "zelenskiy", "zelenskyy"},
		{"kiev", "kiiv"},
	}
	for _, group := range same {
		for _, w := range group[1:] {
			if Variant(w) != Variant(group[0]) {
				t.Errorf("Variant(%q) = %q, Variant(%q) = %q: want them equal", w, Variant(w), group[0], Variant(group[0]))
			}
		}
	}
	apart := [][2]string{{"araghchi", "arak"}, {"tehran", "tabriz"}, {"putin", "patin"}, {"iran", "iraq"}}
	for _, p := range apart {
		if Variant(p[0]) == Variant(p[1]) && Variant(p[0]) != "" {
			t.Errorf("Variant(%q) = Variant(%q) = %q: want them apart", p[0], p[1], Variant(p[0]))
		}
	}
	if v := Variant("iran"); v == "" {
		t.Error("a four-letter name has a variant key")
	}
	if v := Variant("usa"); v != "" {
		t.Errorf("Variant(usa) = %q, want none (too short)", v)
	}
}

func TestStem(t *testing.T) {
	en := NewStemmer("en-GB")
	for _, c := range []struct{ a, b string }{{"strikes", "strike"}, {"negotiations", "negotiation"}, {"talks", "talk"}} {
		if en.Stem(c.a) != en.Stem(c.b) {
			t.Errorf("en: %q and %q stem differently: %q, %q", c.a, c.b, en.Stem(c.a), en.Stem(c.b))
		}
	}
	if fr := NewStemmer("fr"); fr.Stem("frappes") != fr.Stem("frappe") {
		t.Errorf("fr: frappes and frappe stem differently")
	}
	if none := NewStemmer("fa"); none.Stem("strikes") != "strikes" {
		t.Errorf("a language Snowball lacks stems nothing")
	}
	if en.Stem("2025") != "2025" {
		t.Errorf("numbers are not stemmed")
	}
}

func TestCut(t *testing.T) {
	rows := func(sizes ...int) []row {
		var out []row
		for i, n := range sizes {
			out = append(out, row{key: string(rune('a' + i)), post: make([]int, n)})
		}
		return out
	}
	for _, c := range []struct {
		name  string
		rows  []row
		n     int
		empty int // shards left empty, at the end
	}{
		{"even", rows(10, 10, 10, 10), 2, 0},
		{"one big row", rows(1, 1000, 1, 1), 3, 0},
		{"fewer rows than shards", rows(5, 5), 4, 2},
		{"no rows", nil, 3, 3},
		{"one shard", rows(3, 4, 5), 1, 0},
	} {
		cuts := cut(c.rows, c.n)
		if len(cuts) != c.n+1 || cuts[0] != 0 || cuts[c.n] != len(c.rows) {
			t.Errorf("%s: cuts %v", c.name, cuts)
			continue
		}
		empty := 0
		for i := range c.n {
			switch {
			case cuts[i+1] < cuts[i]:
				t.Errorf("%s: cuts go back: %v", c.name, cuts)
			case cuts[i+1] == cuts[i]:
				empty++
			case empty > 0:
				t.Errorf("%s: an empty shard before a full one: %v", c.name, cuts)
			}
		}
		if empty != c.empty {
			t.Errorf("%s: %d empty shards, want %d (%v)", c.name, empty, c.empty, cuts)
		}
	}
	// Sizes: no shard of an even index is more than twice its share.
	r := make([]row, 1000)
	for i := range r {
		r[i] = row{key: strings.Repeat("k", 1+i%7), post: make([]int, 1+i%13)}
	}
	cuts := cut(r, 10)
	total := 0
	for _, x := range r {
		total += x.size()
	}
	for i := range 10 {
		n := 0
		for _, x := range r[cuts[i]:cuts[i+1]] {
			n += x.size()
		}
		if n > 2*total/10 {
			t.Errorf("shard %d holds %d of %d bytes", i, n, total)
		}
	}
}

func TestPositions(t *testing.T) {
	for _, c := range []struct {
		in   []int
		want string
	}{
		{[]int{0, 1, 2, 40}, "0,1,1,12\n"},
		{[]int{7}, "7\n"},
		{nil, "\n"},
	} {
		if got := string(appendPositions(nil, c.in)); got != c.want {
			t.Errorf("appendPositions(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := union([]int{1, 3, 5}, []int{2, 3, 6}); !slices.Equal(got, []int{1, 2, 3, 5, 6}) {
		t.Errorf("union = %v", got)
	}
	if got := intersect([]int{1, 3, 5, 6}, []int{2, 3, 6}); !slices.Equal(got, []int{3, 6}) {
		t.Errorf("intersect = %v", got)
	}
}

func TestParseQuery(t *testing.T) {
	for _, c := range []struct {
		in      string
		words   []string
		records map[string][]string
		from    int
		to      int
		err     string
	}{
		{in: "q=Araqchi+Putin+araqchi", words: []string{"araqchi", "putin"}},
		{in: "actor=putin&actor=araghchi&place=moscow&topic=x&thread=y&actor=putin",
			records: map[string][]string{"actor": {"putin", "araghchi"}, "place": {"moscow"}, "topic": {"x"}, "thread": {"y"}}},
		{in: "actor=Not+An+Id&actor=../x&source=s", records: map[string][]string{}},
		{in: "from=2025&to=2025", from: 20250101, to: 20251231},
		{in: "from=2025-06&to=2025-06", from: 20250601, to: 20250631},
		{in: "from=2025-06-13&to=2026-03-10", from: 20250613, to: 20260310},
		{in: "from=-0299", from: -2990000 + 101},
		{in: "from=2025-13", err: "from: "},
		{in: "to=June", err: "to: "},
		{in: "from=2025-06-32", err: "from: "},
		{in: "from=1234567890", err: "from: "},
	} {
		v, err := url.ParseQuery(c.in)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ParseQuery(v)
		if c.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), c.err) {
				t.Errorf("%s: error %v, want one starting %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if !slices.Equal(q.Words, c.words) || q.From != c.from || q.To != c.to {
			t.Errorf("%s: %+v", c.in, q)
		}
		if c.records != nil {
			for k, ids := range c.records {
				if !slices.Equal(q.Records[k], ids) {
					t.Errorf("%s: %s = %v, want %v", c.in, k, q.Records[k], ids)
				}
			}
			for k, ids := range q.Records {
				if len(ids) > 0 && c.records[k] == nil {
					t.Errorf("%s: unexpected %s = %v", c.in, k, ids)
				}
			}
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"q=Araqchi&actor=putin&from=2025-06&to=2025", "from=-0299-02-30", "q=%E2%80%99s+x", "to=99999", "actor=a&actor=a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := url.ParseQuery(s)
		if err != nil {
			return
		}
		q, err := ParseQuery(v)
		if err != nil {
			return
		}
		for _, w := range q.Words {
			if w != Fold(w) || w == "" {
				t.Errorf("word %q is not folded", w)
			}
		}
		for k, ids := range q.Records {
			for _, id := range ids {
				if !idPattern().MatchString(id) || strings.Contains(id, "/") {
					t.Errorf("%s id %q kept", k, id)
				}
			}
		}
		if q.From != 0 && q.To != 0 && q.From%100 > 31 {
			t.Errorf("from %d", q.From)
		}
	})
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"Putin’s envoy", "e\u0301\u0301x", "ß", "\xff\xfe", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, sp := range Words(s) {
			if sp.Start < end || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("span %d-%d after %d in %q", sp.Start, sp.End, end, s)
			}
			end = sp.End
			if sp.Word != Fold(s[sp.Start:sp.End]) {
				t.Errorf("word %q is not the folded span %q", sp.Word, s[sp.Start:sp.End])
			}
			_ = Variant(sp.Word)
		}
	})
}
