package annotate

import (
	"testing"
	"unicode/utf8"

	"dateline/internal/content"
	"dateline/internal/quote"
)

// FuzzDrafts checks that annotating any text never panics, that JSON
// offsets are valid code-point spans holding the expression's text, and
// that every draft is a parseable entry whose quotes verify against the
// text.
func FuzzDrafts(f *testing.F) {
	for _, s := range []string{
		"Moscow, March 10 (IANS) Putin met Araghchi on Monday. He left on Tuesday.",
		"Israel and Iran traded airstrikes on Sunday and Monday.\n\nBefore Saturday’s strikes, Moscow warned.",
		"Ünïcödé — “quoted” on March 9, 2026. Same sentence. Same sentence.",
		"late last year\n\nlate last year\n\nin early 2024 and mid-2025",
		"\xff\xfe on Monday",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, inferred bool) {
		dd := DocDateOf("2025-06-23")
		dd.Inferred = inferred
		runes := []rune(text)
		for _, x := range Exprs(text, dd, Mode{}) {
			if x.Start < 0 || x.End > len(runes) || x.Start >= x.End {
				t.Fatalf("expression %+v out of range (%d code points)", x, len(runes))
			}
			if utf8.ValidString(text) && string(runes[x.Start:x.End]) != x.Text {
				t.Fatalf("expression %+v: the span holds %q", x, string(runes[x.Start:x.End]))
			}
		}
		drafts, _ := Drafts(Source{ID: "s", Text: text, Date: dd}, nil)
		prepared := quote.Prepare(text)
		for _, d := range drafts {
			e, errs := content.ParseEntry("content/entries/drafts/"+d.ID+".md", d.File())
			if len(errs) > 0 || e == nil || !e.Draft {
				t.Fatalf("draft does not parse: %v\n%s", errs, d.File())
			}
			for _, ev := range d.Evidence {
				if spans, err := prepared.Find(ev.Quote, ev.Prefix, ev.Suffix); err != nil || len(spans) != 1 {
					t.Fatalf("quote %q (prefix %q) found %d times: %v", ev.Quote, ev.Prefix, len(spans), err)
				}
			}
		}
	})
}
