package quote

import (
	"errors"
	"index/suffixarray"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrEmptyQuote is returned by Find when the quote has no text left after
// normalisation: an empty quote would "occur" everywhere and prove nothing.
var ErrEmptyQuote = errors.New("quote is empty after normalisation")

// Span is a passage of the original text: byte offsets, End exclusive.
type Span struct{ Start, End int }

// Text is a source text prepared for matching: the original, its normalised
// form and the map between them. It is immutable, so one Text can serve any
// number of goroutines. Texts must be smaller than 2 GiB.
type Text struct {
	src    string
	norm   string
	pieces []piece // ordered by norm offset; cover the whole normalised text
	// words tokenises the text for Closest, on first use: most Texts only
	// ever verify quotes that are found, and never need it.
	words func() []word
	// folded is the words lower-cased and run together, for Closest.
	folded func() (string, []int)
	// index finds occurrences in time sub-linear in the text, once the
	// text has been scanned often enough to pay for building it (see
	// occurrences); scans counts those scans.
	index func() *suffixarray.Index
	scans atomic.Int64
}

// Indexing thresholds. A suffix array costs about 4 bytes per byte of text
// and as much time to build as some tens of scans, so it is built only for
// a text big enough that a scan is slow and only after enough quotes have
// searched it: an article cited by a handful of entries is scanned, while
// the single source an import writes for a whole timeline, which every one
// of its entries quotes, is indexed (without it, checking n entries costs
// n scans of a text that grows with n).
const (
	indexMinBytes = 64 << 10
	indexAfter    = 16
)

// Prepare normalises src once so that every quote citing it can be checked
// against the same Text.
func Prepare(src string) *Text {
	b := builder{record: true}
	b.run(src)
	t := &Text{src: src, norm: string(b.out), pieces: b.pieces}
	t.words = sync.OnceValue(func() []word { return words(t.norm) })
	t.folded = sync.OnceValues(func() (string, []int) { return foldedWords(t.norm, t.words()) })
	t.index = sync.OnceValue(func() *suffixarray.Index { return suffixarray.New([]byte(t.norm)) })
	return t
}

// Src returns the original text.
func (t *Text) Src() string { return t.src }

// FindAll returns every occurrence of quote, in order. Occurrences do not
// overlap, which is what highlighting needs. An empty quote finds nothing.
func (t *Text) FindAll(quote string) []Span {
	q := Normalize(quote)
	if q == "" {
		return nil
	}
	return t.spans(t.matches(q, false))
}

// Find returns the occurrences of quote that are immediately preceded by
// prefix and followed by suffix (each ignored when empty), as a W3C text
// quote selector does. The context is compared in normalised form, and a
// single space may separate it from the quote wherever the source has white
// space there. Overlapping occurrences count, so that a quote is only unique
// if no other reading of the source could produce it. The evidence is
// verified when exactly one span comes back.
func (t *Text) Find(quote, prefix, suffix string) ([]Span, error) {
	q := Normalize(quote)
	if q == "" {
		return nil, ErrEmptyQuote
	}
	pre, suf := Normalize(prefix), Normalize(suffix)
	var keep [][2]int
	for _, m := range t.matches(q, true) {
		if precededBy(t.norm[:m[0]], pre) && followedBy(t.norm[m[1]:], suf) {
			keep = append(keep, m)
		}
	}
	return t.spans(keep), nil
}

func precededBy(before, pre string) bool {
	if pre == "" || strings.HasSuffix(before, pre) {
		return true
	}
	before, ok := strings.CutSuffix(before, " ")
	return ok && strings.HasSuffix(before, pre)
}

func followedBy(after, suf string) bool {
	if suf == "" || strings.HasPrefix(after, suf) {
		return true
	}
	after, ok := strings.CutPrefix(after, " ")
	return ok && strings.HasPrefix(after, suf)
}

// matches returns the normalised [start, end) of every occurrence of q that
// begins and ends on a segment boundary and on a word boundary. A match
// cutting a segment (a base letter without its accent, two dots of an
// ellipsis) is not a match: the original passage it maps to would not
// normalise to q. Nor is one cutting a word: "U.S. strike" found inside
// "U.S. strikes" would put words in the source's mouth.
func (t *Text) matches(q string, overlapping bool) [][2]int {
	var out [][2]int
	next := t.occurrences(q)
	for from := 0; from <= len(t.norm)-len(q); {
		i := next(from)
		if i < 0 {
			break
		}
		s, e := i, i+len(q)
		if t.cut(s) && t.cut(e) && wordEdge(t.norm, s, true) && wordEdge(t.norm, e, false) {
			out = append(out, [2]int{s, e})
			if !overlapping {
				from = e
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(t.norm[s:])
		from = s + size
	}
	return out
}

// occurrences returns a function giving the first offset >= from at which
// q occurs in the normalised text, or -1; from never decreases between
// calls. Small or rarely searched texts are scanned; others are looked up
// in the suffix array, which lists every occurrence at once.
func (t *Text) occurrences(q string) func(from int) int {
	if len(t.norm) < indexMinBytes || t.scans.Add(1) <= indexAfter {
		return func(from int) int {
			i := strings.Index(t.norm[from:], q)
			if i < 0 {
				return -1
			}
			return from + i
		}
	}
	at := t.index().Lookup([]byte(q), -1)
	slices.Sort(at)
	return func(from int) int {
		for len(at) > 0 && at[0] < from {
			at = at[1:]
		}
		if len(at) == 0 {
			return -1
		}
		return at[0]
	}
}

// wordEdge reports whether a passage may start (or end) at p without
// splitting a word: a word rune on the inside must not continue outside.
func wordEdge(s string, p int, start bool) bool {
	if p <= 0 || p >= len(s) {
		return true
	}
	in, _ := utf8.DecodeRuneInString(s[p:])
	out, _ := utf8.DecodeLastRuneInString(s[:p])
	if !start {
		in, out = out, in
	}
	return !isWordRune(in) || !isWordRune(out)
}

func (t *Text) spans(ms [][2]int) []Span {
	if len(ms) == 0 {
		return nil
	}
	out := make([]Span, len(ms))
	for i, m := range ms {
		out[i] = Span{t.origStart(m[0]), t.origEnd(m[1])}
	}
	return out
}

// pieceAt returns the index of the piece holding normalised offset p.
func (t *Text) pieceAt(p int) int {
	return sort.Search(len(t.pieces), func(i int) bool { return int(t.pieces[i].norm) > p }) - 1
}

// cut reports whether the normalised text may be cut at p: the ends, a piece
// start (pieces start on segment boundaries), or a segment boundary inside a
// verbatim piece. Inside other pieces there is no position to map back to.
func (t *Text) cut(p int) bool {
	if p <= 0 || p >= len(t.norm) {
		return true
	}
	pc := t.pieces[t.pieceAt(p)]
	switch {
	case int(pc.norm) == p:
		return true
	case !pc.verbatim:
		return false
	}
	return utf8.RuneStart(t.norm[p]) && (t.norm[p] < utf8.RuneSelf || norm.NFC.PropertiesString(t.norm[p:]).BoundaryBefore())
}

// origStart maps normalised offset p (a passage start) to the original.
func (t *Text) origStart(p int) int {
	if len(t.pieces) == 0 {
		return 0
	}
	pc := t.pieces[t.pieceAt(p)]
	if pc.verbatim {
		return int(pc.orig) + p - int(pc.norm)
	}
	return int(pc.orig)
}

// origEnd maps normalised offset e (a passage end, exclusive) to the
// original, using the piece holding the passage's last byte so that
// trailing white space is left out.
func (t *Text) origEnd(e int) int {
	if len(t.pieces) == 0 || e <= 0 {
		return 0
	}
	pc := t.pieces[t.pieceAt(e-1)]
	if pc.verbatim {
		return int(pc.orig) + e - int(pc.norm)
	}
	return int(pc.origEnd)
}
