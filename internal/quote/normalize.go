// Package quote verifies evidence: it finds a quoted passage in a source text
// after normalising both sides the same way, and maps every match back to
// byte offsets in the original text so that pages can highlight it.
//
// Matching is exact on the normalised forms. Closest finds a near miss, but
// only to build a hint for an error message: a fuzzy match never counts as
// evidence.
//
// Normalisation (see Normalize) works segment by segment, where a segment is
// a starter and the combining marks that follow it (the unit Unicode
// normalisation never looks across). Each segment of the original text
// therefore maps to a contiguous run of the normalised text, which is what
// lets a match be mapped back to the original exactly.
package quote

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form in which quotes and sources are compared:
// Unicode NFC; every run of white space (including line breaks, NBSP and the
// other Unicode spaces) collapsed to one ASCII space; curly and angle quotes
// folded to ' and "; the hyphen and dash family folded to -; the ellipsis
// spelled "..."; leading and trailing space trimmed. Invisible format
// characters that word processors and web pages scatter through text (soft
// hyphen, zero-width space, word joiner, BOM) are dropped, because a reader
// copying a passage cannot see them. Invalid UTF-8 bytes become U+FFFD.
// Letter case is kept: matching is case-sensitive.
func Normalize(s string) string {
	var b builder
	b.run(s)
	return string(b.out)
}

// piece is a run of the normalised text and the original bytes it came from.
// A verbatim piece is byte-for-byte identical to its original, so any offset
// inside it maps back by a constant shift. Other pieces (a folded character,
// a collapsed space run, a segment NFC changed) map back only as a whole.
type piece struct {
	norm     int32 // start offset in the normalised text
	orig     int32 // start offset in the original text
	origEnd  int32 // end offset in the original text
	verbatim bool
}

// builder turns original text into normalised text, optionally recording the
// pieces that map it back.
type builder struct {
	src    string
	out    []byte
	record bool
	pieces []piece

	// pending white space, not yet written because it may turn out to be
	// trailing; spaceAt < 0 when there is none.
	spaceAt, spaceEnd int

	tmp, seg []byte // scratch buffers reused across segments
}

func (b *builder) run(src string) {
	b.src = src
	b.spaceAt = -1
	b.out = make([]byte, 0, len(src))
	for i := 0; i < len(src); {
		end, valid := segmentEnd(src, i)
		b.segment(i, end, valid)
		i = end
	}
}

// segmentEnd returns the end of the normalisation segment starting at i. An
// invalid byte is a segment of its own, and it also ends the segment before
// it, so that the segmentation depends only on the bytes on each side of a
// boundary: a substring cut at boundaries segments the same way on its own.
func segmentEnd(src string, i int) (end int, valid bool) {
	r, size := utf8.DecodeRuneInString(src[i:])
	if r == utf8.RuneError && size <= 1 {
		return i + 1, false
	}
	j := i + size
	for j < len(src) && !startsSegment(src[j:]) {
		_, size = utf8.DecodeRuneInString(src[j:])
		j += size
	}
	return j, true
}

// startsSegment reports whether s begins with a rune that nothing before it
// can combine with. ASCII never combines backwards, hence the fast path.
func startsSegment(s string) bool {
	if s[0] < utf8.RuneSelf {
		return true
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return true
	}
	return norm.NFC.PropertiesString(s).BoundaryBefore()
}

// segment normalises src[a:end]. A segment is classified by its first rune:
// a space absorbs any combining marks hanging on it, an invisible character
// is dropped together with them.
func (b *builder) segment(a, end int, valid bool) {
	seg := b.src[a:end]
	switch {
	case !valid:
		b.text(a, end, false)
		b.out = append(b.out, string(utf8.RuneError)...)
		return
	case len(seg) == 1: // ASCII, the common case
		if isSpace(rune(seg[0])) {
			b.space(a, end)
		} else {
			b.text(a, end, true)
			b.out = append(b.out, seg[0])
		}
		return
	}
	r, _ := utf8.DecodeRuneInString(seg)
	switch {
	case isSpace(r):
		b.space(a, end)
		return
	case isInvisible(r):
		return
	}
	b.tmp = norm.NFC.AppendString(b.tmp[:0], seg)
	b.seg = b.seg[:0]
	for _, r := range string(b.tmp) {
		b.seg = appendFolded(b.seg, r)
	}
	b.text(a, end, string(b.seg) == seg)
	b.out = append(b.out, b.seg...)
}

func (b *builder) space(a, end int) {
	if b.spaceAt < 0 {
		b.spaceAt = a
	}
	b.spaceEnd = end
}

// text prepares for the normalised bytes of original src[a:end], which the
// caller appends: it writes the pending space, unless leading, and records
// the piece.
func (b *builder) text(a, end int, verbatim bool) {
	if b.spaceAt >= 0 {
		if len(b.out) > 0 {
			single := b.spaceEnd-b.spaceAt == 1 && b.src[b.spaceAt] == ' '
			b.add(b.spaceAt, b.spaceEnd, single)
			b.out = append(b.out, ' ')
		}
		b.spaceAt = -1
	}
	b.add(a, end, verbatim)
}

// add records a piece starting at the current end of the output. Adjacent
// verbatim pieces merge, which keeps the map small for ordinary prose.
func (b *builder) add(a, end int, verbatim bool) {
	if !b.record {
		return
	}
	if n := len(b.pieces); verbatim && n > 0 {
		last := &b.pieces[n-1]
		if last.verbatim && int(last.origEnd) == a {
			last.origEnd = int32(end)
			return
		}
	}
	b.pieces = append(b.pieces, piece{
		norm: int32(len(b.out)), orig: int32(a), origEnd: int32(end), verbatim: verbatim,
	})
}

// isSpace reports white space: everything unicode.IsSpace knows (which
// includes NBSP, the Zs spaces and the line/paragraph separators).
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// isInvisible reports format characters that carry no visible text.
// ZWJ/ZWNJ are deliberately kept: they change how Persian and Indic words
// are written and read.
func isInvisible(r rune) bool {
	switch r {
	case '\u00AD', // soft hyphen
		'\u200B', // zero-width space
		'\u2060', // word joiner
		'\uFEFF': // BOM / zero-width no-break space
		return true
	}
	return false
}

// appendFolded appends r with typographic variants folded to ASCII.
func appendFolded(out []byte, r rune) []byte {
	switch r {
	case '‘', '’', '‚', '‛', '′':
		return append(out, '\'')
	case '“', '”', '„', '‟', '″', '«', '»':
		return append(out, '"')
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return append(out, '-')
	case '…':
		return append(out, "..."...)
	}
	return utf8.AppendRune(out, r)
}
