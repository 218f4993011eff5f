package quote

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"curly quotes", "‘a’ ‚b‛ “c” „d‟ «e» 5′ 6″", `'a' 'b' "c" "d" "e" 5' 6"`},
		{"dashes", "a‐b‑c‒d–e—f―g−h", "a-b-c-d-e-f-g-h"},
		{"ellipsis", "wait…", "wait..."},
		{"white space runs", " \t a \r\n\n b\u00a0\u2009c\u3000 ", "a b c"},
		{"NFD to NFC", "Cafe\u0301", "Café"},
		{"invisible characters", "cease\u00adfire\u200b \ufeffnow", "ceasefire now"},
		{"case kept", "The Army", "The Army"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"only space", " \n\u00a0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name                     string
		src, quote, prefix, suff string
		want                     []string // the original passages matched
	}{
		{"straight quote finds curly",
			"He said “we will respond” on Monday.", `"we will respond"`, "", "",
			[]string{"“we will respond”"}},
		{"curly quote finds straight",
			`He said "we will respond" on Monday.`, "“we will respond”", "", "",
			[]string{`"we will respond"`}},
		{"apostrophe",
			"Iran’s foreign minister", "Iran's foreign", "", "",
			[]string{"Iran’s foreign"}},
		{"em dash vs hyphen",
			"a truce — for now — held", "truce - for now", "", "",
			[]string{"truce — for now"}},
		{"line break inside quote",
			"the strikes\n  will continue\r\nuntil", "the strikes will continue", "", "",
			[]string{"the strikes\n  will continue"}},
		{"NBSP in source",
			"some 10\u00a0000 troops", "10 000 troops", "", "",
			[]string{"10\u00a0000 troops"}},
		{"NFD source, NFC quote",
			"at the Cafe\u0301 Rouge", "Café Rouge", "", "",
			[]string{"Cafe\u0301 Rouge"}},
		{"NFC source, NFD quote",
			"at the Café Rouge", "Cafe\u0301 Rouge", "", "",
			[]string{"Café Rouge"}},
		{"ellipsis",
			"he paused… and left", "paused... and", "", "",
			[]string{"paused… and"}},
		{"soft hyphen in source",
			"a cease\u00adfire", "ceasefire", "", "",
			[]string{"cease\u00adfire"}},
		{"multiple occurrences",
			"The army said. Then the army said again.", "army said", "", "",
			[]string{"army said", "army said"}},
		{"prefix disambiguates",
			"The army said. Then the army said again.", "army said", "Then the", "",
			[]string{"army said"}},
		{"suffix disambiguates",
			"The army said. Then the army said again.", "army said", "", " again",
			[]string{"army said"}},
		{"prefix across a line break",
			"The army said.\nThen the\narmy said again.", "army said", "the", "",
			[]string{"army said"}},
		{"prefix directly attached",
			"(army said) and army said", "army said)", "(", "",
			[]string{"army said)"}},
		{"prefix and suffix both required",
			"a x b. c x d. a x d.", "x", "a", "d",
			[]string{"x"}},
		{"overlapping occurrences count for uniqueness",
			"ha ha ha", "ha ha", "", "",
			[]string{"ha ha", "ha ha"}},
		{"not present", "The army said.", "the navy said", "", "", nil},
		{"case sensitive", "The Army said.", "the army said", "", "", nil},
		{"letter without its accent is not a match",
			"Café", "Cafe", "", "", nil},
		{"decomposed letter without its accent is not a match",
			"Cafe\u0301", "Cafe", "", "", nil},
		{"half an ellipsis is not a match",
			"wait… what", "wait.. ", "", "", nil},
		{"quote trimmed",
			"we will respond", "  we will respond\n", "", "",
			[]string{"we will respond"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := Prepare(tt.src)
			spans, err := txt.Find(tt.quote, tt.prefix, tt.suff)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range spans {
				got = append(got, tt.src[s.Start:s.End])
				checkSpan(t, tt.src, tt.quote, s)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q, %q, %q) in %q = %q, want %q", tt.quote, tt.prefix, tt.suff, tt.src, got, tt.want)
			}
		})
	}
}

func TestFindAllNonOverlapping(t *testing.T) {
	src := "ha ha ha ha"
	spans := Prepare(src).FindAll("ha ha")
	want := []Span{{0, 5}, {6, 11}}
	if !slices.Equal(spans, want) {
		t.Errorf("FindAll = %v, want %v", spans, want)
	}
}

func TestFindEmptyQuote(t *testing.T) {
	for _, q := range []string{"", " \n\u00a0", "\u00ad"} {
		spans, err := Prepare("some text").Find(q, "", "")
		if !errors.Is(err, ErrEmptyQuote) || spans != nil {
			t.Errorf("Find(%q) = %v, %v; want ErrEmptyQuote", q, spans, err)
		}
		if got := Prepare("some text").FindAll(q); got != nil {
			t.Errorf("FindAll(%q) = %v, want nil", q, got)
		}
	}
}

// checkSpan is the mapping round trip: the original passage a span covers
// normalises to the normalised quote, and has no white space at its edges.
func checkSpan(t *testing.T, src, quote string, s Span) {
	t.Helper()
	if s.Start < 0 || s.End > len(src) || s.Start >= s.End {
		t.Fatalf("span %v out of bounds for %d bytes", s, len(src))
	}
	if !onBoundary(src, s.Start) || !onBoundary(src, s.End) {
		t.Fatalf("span %v splits a UTF-8 sequence in %q", s, src)
	}
	if got, want := Normalize(src[s.Start:s.End]), Normalize(quote); got != want {
		t.Fatalf("src[%d:%d] = %q normalises to %q, want %q", s.Start, s.End, src[s.Start:s.End], got, want)
	}
}

// onBoundary reports whether i is where a UTF-8 decoder of src would stop,
// treating each invalid byte as one step, as range over a string does.
func onBoundary(src string, i int) bool {
	for j := 0; j < len(src); {
		if j >= i {
			return j == i
		}
		_, size := utf8.DecodeRuneInString(src[j:])
		j += size
	}
	return i == len(src)
}

const article = `Tehran, 23 June 2025 — Iran’s foreign minister said on Monday that the
country “reserves all options” to defend its sovereignty, a day after American
strikes on three nuclear sites.

Speaking in Istanbul, he said the strikes were “outrageous and will have
everlasting consequences”. Officials in Washington said the operation was
limited and that no further action was planned.

The Security Council met in emergency session on Sunday evening.`

func TestClosest(t *testing.T) {
	tests := []struct {
		name, quote, want string
		minScore          float64
	}{
		{"one word differs",
			`"outrageous and will have lasting consequences"`,
			"“outrageous and will have\neverlasting consequences”", 0.8},
		{"word dropped",
			"Officials in Washington said the operation was limited and no further action was planned.",
			"Officials in Washington said the operation was\nlimited and that no further action was planned.", 0.8},
		{"exact",
			"reserves all options",
			"reserves all options", 1},
		{"case differs",
			"the security council met in emergency session",
			"The Security Council met in emergency session", 0.8},
		{"only punctuation and case differ",
			"Irans foreign minister said on monday",
			"Iran’s foreign minister said on Monday", 0.95},
	}
	txt := Prepare(article)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			span, score := txt.Closest(tt.quote)
			if got := article[span.Start:span.End]; got != tt.want {
				t.Errorf("Closest(%q) = %q, want %q", tt.quote, got, tt.want)
			}
			if score < tt.minScore || score > 1 {
				t.Errorf("score = %v, want in [%v, 1]", score, tt.minScore)
			}
			if tt.minScore < 1 && score == 1 {
				t.Errorf("a near miss scored 1")
			}
		})
	}
}

func TestFindRespectsWordBoundaries(t *testing.T) {
	txt := Prepare("Before Saturday’s U.S. strikes, the strikers met; 2026-03-10.")
	tests := []struct {
		quote string
		want  int
	}{
		{"U.S. strikes", 1},
		{"U.S. strike", 0},    // would cut "strikes"
		{"efore Saturday", 0}, // would cut "Before"
		{"strike", 0},         // inside "strikes" and "strikers"
		{"strikes,", 1},       // punctuation may end a quote
		{"03-1", 0},           // would cut "10"
		{"the strikers met;", 1},
	}
	for _, tt := range tests {
		spans, err := txt.Find(tt.quote, "", "")
		if err != nil || len(spans) != tt.want {
			t.Errorf("Find(%q) = %v, %v; want %d match(es)", tt.quote, spans, err, tt.want)
		}
	}
}

func TestClosestNothingAlike(t *testing.T) {
	txt := Prepare(article)
	if _, score := txt.Closest("zebra quantum"); score > 0.5 {
		t.Errorf("unrelated quote scored %v", score)
	}
	if span, score := txt.Closest(" "); span != (Span{}) || score != 0 {
		t.Errorf("empty quote = %v, %v", span, score)
	}
	if span, score := Prepare("").Closest("word"); span != (Span{}) || score != 0 {
		t.Errorf("empty text = %v, %v", span, score)
	}
}

// TestConcurrent shares one Text between goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	txt := Prepare(article)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if spans, err := txt.Find("reserves all options", "", ""); err != nil || len(spans) != 1 {
					t.Errorf("Find = %v, %v", spans, err)
				}
				txt.FindAll("said")
				txt.Closest("the strikes were outrageous")
			}
		})
	}
	wg.Wait()
}

func FuzzFind(f *testing.F) {
	f.Add(article, "will have lasting consequences", "", "")
	f.Add("Cafe\u0301 au lait", "Café", "", "au")
	f.Add("a\xff\u0301b — c", "\xff\u0301b - c", "a", "")
	f.Add("wait… what", "wait..", "", "")
	f.Add(" \u00a0x\u00ady\u2028 z ", "xy z", "", "")
	f.Add("ha ha ha", "ha ha", "ha", "")
	f.Fuzz(func(t *testing.T, src, quote, prefix, suffix string) {
		txt := Prepare(src)
		if Normalize(quote) == "" {
			if _, err := txt.Find(quote, prefix, suffix); err == nil {
				t.Fatal("empty quote without error")
			}
			return
		}
		if n := Normalize(src); Normalize(n) != n {
			t.Fatalf("Normalize not idempotent on %q", src)
		}
		all := txt.FindAll(quote)
		found, err := txt.Find(quote, prefix, suffix)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range append(all, found...) {
			checkSpan(t, src, quote, s)
		}
		if prefix == "" && suffix == "" && len(found) < len(all) {
			t.Fatalf("Find found %d, FindAll %d", len(found), len(all))
		}
		s, score := txt.Closest(quote)
		if s.Start < 0 || s.End > len(src) || s.Start > s.End || score < 0 || score > 1 {
			t.Fatalf("Closest = %v, %v", s, score)
		}
		if score == 1 && len(all) == 0 {
			t.Fatalf("Closest reported an exact match FindAll did not find")
		}
	})
}

// benchText builds about 20 KB of prose-like text with curly quotes, dashes
// and line breaks, deterministically.
func benchText() string {
	vocab := strings.Fields(`the army said on Monday that its forces had struck
		targets near city border ministry officials reported ceasefire talks would
		resume after strikes drones missiles were intercepted over capital “we will
		respond” — according to a statement issued late Sunday night by spokesman`)
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < 20_000 {
		b.WriteString(vocab[r.IntN(len(vocab))])
		switch r.IntN(12) {
		case 0:
			b.WriteString(".\n")
		case 1:
			b.WriteString(", ")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func BenchmarkPrepareFindClosest(b *testing.B) {
	src := benchText()
	quote := src[10_000:10_300]
	quote = quote[strings.IndexByte(quote, ' ')+1 : strings.LastIndexByte(quote, ' ')]
	// A near miss: one word replaced, so Closest must do the full search.
	near := strings.Replace(quote, " ", " zebra ", 1)
	b.ReportAllocs()
	for b.Loop() {
		txt := Prepare(src)
		if spans, err := txt.Find(quote, "", ""); err != nil || len(spans) == 0 {
			b.Fatal("quote not found", err)
		}
		if _, score := txt.Closest(near); score < 0.9 {
			b.Fatal("near miss scored", score)
		}
	}
}

func BenchmarkClosest(b *testing.B) {
	src := benchText()
	quote := strings.Replace(src[10_000:10_300], " ", " zebra ", 1)
	txt := Prepare(src)
	for b.Loop() {
		txt.Closest(quote)
	}
}

// TestIndexMatchesScan checks that the suffix-array lookup a much-quoted
// text switches to finds exactly what scanning finds: the same spans for
// Find with and without context, and for FindAll, including overlapping
// and repeated passages, cut segments and word edges.
func TestIndexMatchesScan(t *testing.T) {
	var b strings.Builder
	for b.Len() < 2*indexMinBytes {
		b.WriteString(benchText())
		b.WriteString(" ha ha ha Cafe\u0301 au lait… wait… “U.S. strikes” — U.S. strike\n")
	}
	src := b.String()
	scan, indexed := Prepare(src), Prepare(src)
	scan.scans.Store(math.MinInt64 / 2) // never indexed
	indexed.scans.Store(indexAfter)     // indexed from the first search
	r := rand.New(rand.NewPCG(3, 4))
	quotes := []struct{ q, pre, suf string }{
		{"ha ha", "", ""}, {"ha ha", "ha", ""}, {"Café", "", "au"}, {"Cafe", "", ""},
		{"wait...", "", ""}, {"wait..", "", ""}, {`"U.S. strike`, "", ""}, {"U.S. strike", "", ""},
		{"said", "", ""}, {"the army said", "", ""}, {"zebra", "", ""},
	}
	for range 300 {
		i := r.IntN(len(src) - 200)
		q := strings.ToValidUTF8(src[i:i+1+r.IntN(150)], "")
		quotes = append(quotes, struct{ q, pre, suf string }{q, "", ""})
		if i > 20 {
			quotes = append(quotes, struct{ q, pre, suf string }{q, strings.ToValidUTF8(src[i-20:i], ""), ""})
		}
	}
	for _, c := range quotes {
		want, werr := scan.Find(c.q, c.pre, c.suf)
		got, gerr := indexed.Find(c.q, c.pre, c.suf)
		if !slices.Equal(got, want) || (gerr == nil) != (werr == nil) {
			t.Errorf("Find(%q, %q, %q): indexed %v, %v; scanned %v, %v", c.q, c.pre, c.suf, got, gerr, want, werr)
		}
		if got, want := indexed.FindAll(c.q), scan.FindAll(c.q); !slices.Equal(got, want) {
			t.Errorf("FindAll(%q): indexed %v, scanned %v", c.q, got, want)
		}
	}
}

// BenchmarkFindManyQuotes is what checking an import does: n entries, each
// quoting its own passage of one source that holds all n. Scanning made
// this quadratic (a 10k import took 25 s to check); with the index, 20k
// should take about twice as long as 10k.
func BenchmarkFindManyQuotes(b *testing.B) {
	for _, n := range []int{10_000, 20_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var src strings.Builder
			quotes := make([]string, n)
			for i := range quotes {
				quotes[i] = fmt.Sprintf("On this day event %d took place in town %d, and officials said so.", i, i*7)
				fmt.Fprintf(&src, "\nSlide %d: Event number %d happens\n%s\n", i, i, quotes[i])
			}
			for b.Loop() {
				txt := Prepare(src.String())
				for _, q := range quotes {
					if spans, err := txt.Find(q, "", ""); err != nil || len(spans) != 1 {
						b.Fatalf("Find(%q) = %v, %v", q, spans, err)
					}
				}
			}
		})
	}
}

// BenchmarkClosestLargeSource is the hint for a misquote of the source an
// import writes for 20,000 slides (2 MB).
func BenchmarkClosestLargeSource(b *testing.B) {
	var src strings.Builder
	for i := range 20_000 {
		fmt.Fprintf(&src, "\nSlide %d: Event number %d happens\nOn this day event %d took place in town %d, and officials said so.\n", i, i, i, i*7)
	}
	txt := Prepare(src.String())
	quote := strings.Repeat("On this day the event took place in a town, and officials said so later. ", 4)
	for b.Loop() {
		txt.Closest(quote)
	}
}
