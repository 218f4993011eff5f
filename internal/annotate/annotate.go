// Package annotate proposes timeline entries from a source: it runs the
// temporal tagger (internal/timex) over the text, reads every date it
// resolves in the EDTF profile, and turns each date-bearing sentence (or
// run of adjacent sentences that give the same date) into a draft entry
// whose evidence is the sentence itself, verified against the source the
// way the build verifies quotes. Actors, places and topics are matched
// through the registries' names and aliases. Drafts carry draft = true and
// so are never published without --drafts: the editor stays in control.
//
// Like every stage before output, annotate is pure: text and a timeline in,
// values out. Only the command writes files.
package annotate

import (
	"bytes"
	"encoding/json"
	"time"
	"unicode/utf8"

	"dateline/internal/edtf"
	"dateline/internal/timex"
)

// DocDate is the document creation time the tagger resolves relative
// expressions against.
type DocDate struct {
	Time     time.Time
	Known    bool // false: relative expressions stay unresolved
	Inferred bool // the date is itself inferred ("?"): so are relative readings
	Value    string
}

// DocDateOf returns the document date of a source published on the given
// EDTF date: its lower bound when that is a day and the date is a single
// day or an interval that starts on a day and ends open, unknown or within
// a week. A wider interval ("2025-06-24?/2026-02-27?") dates "yesterday"
// no better than a guess, so it gives none.
func DocDateOf(published string) DocDate {
	d, err := edtf.Parse(published)
	if err != nil || d.IsZero() || d.OpenStart || d.UnknownStart || d.Start.Precision < edtf.Day {
		return DocDate{}
	}
	if d.Interval && !d.OpenEnd && !d.UnknownEnd {
		if d.Upper().Sub(d.Lower()) > 6*24*time.Hour {
			return DocDate{}
		}
	}
	lo := d.Lower()
	return DocDate{
		Time:     time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC),
		Known:    true,
		Inferred: d.Uncertain() || d.Approximate() || d.Interval,
		Value:    published,
	}
}

// ParseDocDate reads a --dct value: a day in the EDTF profile, "?" when it
// is inferred ("2025-06-23?").
func ParseDocDate(s string) (DocDate, error) {
	d, err := edtf.Parse(s)
	if err != nil {
		return DocDate{}, err
	}
	if d.Interval || d.Start.Precision < edtf.Day {
		return DocDate{}, &edtf.SyntaxError{Offset: 0, Msg: "the document date must be a single day, e.g. 2026-03-10 or 2026-03-10?"}
	}
	return DocDateOf(s), nil
}

// Options returns the tagger options for the document date, in TIMEX3
// conventions with automatic anchoring.
func (d DocDate) Options() timex.Options {
	return Mode{}.Options(d)
}

// Mode is how `annotate --json` reads a text: the anchoring (--anchor)
// and the annotation conventions (--timex2). The zero Mode is the default:
// auto anchoring, TIMEX3.
type Mode struct {
	Anchor timex.Anchor
	TIMEX2 bool
}

// Options returns the tagger options for a document date in this mode.
func (m Mode) Options(d DocDate) timex.Options {
	return timex.Options{DCT: d.Time, HasDCT: d.Known, Anchor: m.Anchor, TIMEX2: m.TIMEX2}
}

// Expr is one temporal expression in the JSON format of `annotate --json`.
type Expr struct {
	Start int    `json:"start"` // code points into the text
	End   int    `json:"end"`   // exclusive
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Mod   string `json:"mod,omitempty"` // TIMEX3 mod: EARLY, APPROX, ...
}

// Exprs tags text as `annotate --json` does.
func Exprs(text string, dd DocDate, m Mode) []Expr {
	out := []Expr{}
	for _, x := range timex.Tag(text, m.Options(dd)) {
		out = append(out, Expr{Start: x.Start, End: x.End, Text: x.Text, Type: string(x.Type), Value: x.Value, Mod: x.Mod})
	}
	return out
}

// JSON renders expressions as a JSON array, one object per line.
func JSON(exprs []Expr) []byte {
	var b bytes.Buffer
	b.WriteString("[")
	for i, x := range exprs {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(encode(x))
	}
	if len(exprs) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// FileJSON renders one file's expressions as a single line, the batch
// form of `annotate --json` over several files.
func FileJSON(path string, exprs []Expr) []byte {
	b := encode(struct {
		Path        string `json:"path"`
		Expressions []Expr `json:"expressions"`
	}{path, exprs})
	return append(b, '\n')
}

// encode renders v as compact JSON without HTML escaping ("<" stays "<").
func encode(v any) []byte {
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // cannot fail: strings and ints only
	return bytes.TrimSuffix(line.Bytes(), []byte("\n"))
}

// TagBytes tags text like Exprs, but gives the expressions' offsets in
// bytes, the way Go slices text: drafts and checks cut sentences and
// quotes out of the text with them.
func TagBytes(text string, dd DocDate) []timex.Timex {
	return tagBytes(text, dd.Options())
}

func tagBytes(text string, opt timex.Options) []timex.Timex {
	tags := timex.Tag(text, opt)
	// One offset per code point, as timex counts them (an invalid byte is
	// one), and one past the end.
	offs := make([]int, 0, utf8.RuneCountInString(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	for i := range tags {
		tags[i].Start, tags[i].End = offs[tags[i].Start], offs[tags[i].End]
	}
	return tags
}
