package timex

import (
	"fmt"
	"strings"
	"testing"
)

// TestScannerAgrees: every rule finds the same matches through the
// scanner as through the unanchored pattern, on the texts of TestTag and
// on a sample of odd inputs.
func TestScannerAgrees(t *testing.T) {
	texts := []string{
		"", "In 1941, in June, the 3rd. On Monday, two days after the vote, at 9:34 p.m.",
		"mid-1990s, '99, the 1960s, 5th-century BC, 490 BC, Q2 2025, FY2025, 12/03/2026",
		"a few weeks later; every Monday; twice a week; __1999__ x1999 1999x",
		"Über alles: 1 January 2026 – Tết, the day before yesterday, tonight",
	}
	for _, c := range tagTests {
		texts = append(texts, c.text)
	}
	all := rulesTIMEX2()
	cues := map[string]func() *scanner{"future": futureCueRe, "present": presentCueRe, "news future": newsFutureCueRe}
	for name, sc := range cues {
		all = append(all, rule{name: name, re: sc})
	}
	texts = append(texts, "He'll go; they won't; it will be; we'd said; Abel'll; planned to leave; as soon as")
	for _, r := range all {
		sc := r.re()
		if _, cue := cues[r.name]; cue && !sc.exact {
			// Tense cues run on every sentence with a relative date.
			t.Errorf("%s: the scanner tries every byte", r.name)
		}
		for _, text := range texts {
			want := fmt.Sprint(sc.re().FindAllStringSubmatchIndex(text, -1))
			if got := fmt.Sprint(sc.findAll(text)); got != want {
				t.Errorf("%s on %q:\n got %s\nwant %s", r.name, text, got, want)
			}
		}
	}
}

// TestScannerCorpus compares the scanner with the unanchored patterns on
// the WikiWars texts, chunk by chunk.
func TestScannerCorpus(t *testing.T) {
	docs, err := LoadCorpus(corpusDir(t))
	if err != nil {
		t.Fatal(err)
	}
	all := rulesTIMEX2()
	for _, d := range docs {
		for _, ch := range chunks(d.Text) {
			sub := d.Text[ch[0]:ch[1]]
			for _, r := range all {
				sc := r.re()
				want := fmt.Sprint(sc.re().FindAllStringSubmatchIndex(sub, -1))
				if got := fmt.Sprint(sc.findAll(sub)); got != want {
					t.Fatalf("%s on %q:\n got %s\nwant %s", r.name, sub, got, want)
				}
			}
		}
	}
}

// FuzzScanner: on any text, every rule's scanner finds what its pattern
// finds unanchored.
func FuzzScanner(f *testing.F) {
	for _, c := range tagTests {
		f.Add(c.text)
	}
	f.Add("x1999 '99 mid-1990s a.m. 5 p.m. O'Clock")
	// Longer than a window, with a match across its end.
	f.Add(strings.Repeat("word ", 30) + "more than two and a half years later, on 12 June 1941 " + strings.Repeat("x", 90) + " two days")
	all := rulesTIMEX2()
	all = append(all, rule{name: "future", re: futureCueRe}, rule{name: "news future", re: newsFutureCueRe})
	f.Fuzz(func(t *testing.T, text string) {
		for _, r := range all {
			sc := r.re()
			want := fmt.Sprint(sc.re().FindAllStringSubmatchIndex(text, -1))
			if got := fmt.Sprint(sc.findAll(text)); got != want {
				t.Fatalf("%s on %q:\n got %s\nwant %s", r.name, text, got, want)
			}
		}
	})
}
