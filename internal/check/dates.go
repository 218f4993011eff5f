package check

import (
	"fmt"

	"dateline/internal/annotate"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/edtf"
	"dateline/internal/ingest"
	"dateline/internal/model"
	"dateline/internal/quote"
	"dateline/internal/timex"
)

// tagged is a source text read once by the tagger.
type tagged struct {
	date  annotate.DocDate
	tags  []timex.Timex // offsets in bytes
	sents []ingest.Span
}

func tag(s *model.Source) *tagged {
	dd := annotate.DocDateOf(s.Published.String())
	return &tagged{date: dd, tags: annotate.TagBytes(s.Text, dd), sents: ingest.Sentences(s.Text)}
}

// context returns the sentences that hold the byte span [start, end).
func (tg *tagged) context(start, end int) (int, int) {
	lo, hi := start, end
	for _, s := range tg.sents {
		if s.Start <= start && start < s.End {
			lo = s.Start
		}
		if s.Start < end && end <= s.End {
			hi = s.End
		}
	}
	return lo, hi
}

// dates warns when an entry's date does not overlap what the date_text of
// one of its pieces of evidence reads as. The wording is looked for in the
// sentences the quote stands in, and read by the tagger over the whole
// source (so "the same day" knows which day), relative to the source's
// publication date when that is a day. A wording the tagger cannot place
// in the calendar ("after he was deposed", "within a week") is not judged.
func dates(t *model.Timeline, byID map[string]*content.Entry) diag.List {
	var w diag.List
	cache := map[*model.Source]*tagged{}
	for _, e := range t.Entries {
		ce := byID[e.ID]
		if ce == nil || ce.Path != e.Path || e.Date.IsZero() {
			continue
		}
		used := make([]bool, len(ce.Evidence))
		for _, ev := range e.Evidence {
			cev := contentEvidence(ce, ev, used)
			if ev.DateText == "" || cev == nil {
				continue
			}
			tg := cache[ev.Source]
			if tg == nil {
				tg = tag(ev.Source)
				cache[ev.Source] = tg
			}
			readings := read(ev, tg)
			if len(readings) == 0 {
				continue
			}
			agrees := false
			for _, r := range readings {
				if d, err := edtf.Parse(r.Date); err == nil && d.Overlaps(e.Date) {
					agrees = true
				}
			}
			if agrees {
				continue
			}
			r := readings[0]
			how := ""
			if r.Relative && tg.date.Known {
				how = fmt.Sprintf(", relative to its publication date %s", tg.date.Value)
			}
			w.Warn(cev.DateText.Pos, "entry date %q does not overlap %s: date_text %q reads as %s in source %q%s",
				e.Date.String(), edtf.MustParse(r.Date).Display(), ev.DateText, r.Date, ev.Source.ID, how)
		}
	}
	return w
}

// contentEvidence finds the [[evidence]] table a verified piece of
// evidence came from.
func contentEvidence(ce *content.Entry, ev *model.Evidence, used []bool) *content.Evidence {
	for i := range ce.Evidence {
		c := &ce.Evidence[i]
		if !used[i] && c.Source.Text == ev.Source.ID && c.Quote.Text == ev.Quote && c.Prefix.Text == ev.Prefix && c.Suffix.Text == ev.Suffix {
			used[i] = true
			return c
		}
	}
	return nil
}

// read returns what each occurrence of the evidence's date_text within the
// quote's sentences reads as; expressions joined in one wording ("on
// Sunday and Monday") read as one interval.
func read(ev *model.Evidence, tg *tagged) []annotate.Reading {
	text := ev.Source.Text
	lo, hi := tg.context(ev.Span.Start, ev.Span.End)
	var out []annotate.Reading
	for _, occ := range quote.Prepare(text[lo:hi]).FindAll(ev.DateText) {
		s, e := lo+occ.Start, lo+occ.End
		var r annotate.Reading
		found := false
		for _, x := range tg.tags {
			if x.End <= s || x.Start >= e {
				continue
			}
			xr, ok := annotate.ToEDTF(x, tg.date.Inferred)
			if !ok {
				continue
			}
			if !found {
				r, found = xr, true
			} else if joined, ok := annotate.Join(r, xr); ok {
				r = joined
			}
		}
		if found {
			out = append(out, r)
		}
	}
	return out
}
