package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/internal/diag"
)

// Closest returns the passage of the text that best resembles quote, and a
// score from 0 (nothing alike) to 1 (an exact match). It exists to tell an
// editor where a quote that failed to verify probably came from; the result
// is never evidence.
//
// The search aligns words, not characters: a semi-global edit distance over
// word hashes (the quote must be matched whole, the text may be entered and
// left anywhere) costs O(words in text × words in quote), about 200 000 steps
// for a 20 KB article and a 300-character quote. Only the winning passage is
// then scored character by character.
func (t *Text) Closest(quote string) (Span, float64) {
	q := Normalize(quote)
	if q == "" {
		return Span{}, 0
	}
	if ms := t.matches(q, false); len(ms) > 0 {
		return Span{t.origStart(ms[0][0]), t.origEnd(ms[0][1])}, 1
	}
	qw, tw := words(q), t.words()
	if len(qw) == 0 || len(tw) == 0 {
		return Span{}, 0
	}
	if s, e, ok := t.loose(q, qw, tw); ok {
		// Only case, punctuation or spacing differ ("Saturdays US" for
		// "Saturday’s U.S."): the commonest misquote, and an unambiguous hint.
		return Span{t.origStart(s), t.origEnd(e)}, 0.99
	}
	if len(qw)*len(tw) > maxAlignCells {
		// A misquote of a source the size of a whole imported timeline:
		// no hint rather than a second per quote.
		return Span{}, 0
	}
	first, last, cost := align(qw, tw)
	if last <= first {
		return Span{}, 0
	}
	s := extendLeft(t.norm, tw[first].start, edgePunct(q, false))
	e := extendRight(t.norm, tw[last-1].end, edgePunct(q, true))
	score := similarity(q, t.norm[s:e], cost, len(qw), last-first)
	// Not an exact match, so never report one.
	return Span{t.origStart(s), t.origEnd(e)}, min(score, 0.999)
}

// maxAlignCells bounds the word alignment (quote words × text words, about
// 16 ns each): 2^23 covers a 300-word quote in a 28,000-word article.
const maxAlignCells = 1 << 23

// loose finds q in the text comparing only letters and digits, case-folded,
// and returns the normalised span of the words it covers.
func (t *Text) loose(q string, qw, tw []word) (start, end int, ok bool) {
	text, at := t.folded()
	var lq strings.Builder
	for _, w := range qw {
		lq.WriteString(strings.ToLower(q[w.start:w.end]))
	}
	i := strings.Index(text, lq.String())
	if i < 0 || lq.Len() == 0 {
		return 0, 0, false
	}
	// The words holding the first and last matched byte.
	first := sort.Search(len(at), func(k int) bool { return at[k] > i }) - 1
	last := sort.Search(len(at), func(k int) bool { return at[k] > i+lq.Len()-1 }) - 1
	return tw[first].start, tw[last].end, true
}

// foldedWords is the text's words, lower-cased and run together, and the
// offset of each word in it, for loose.
func foldedWords(norm string, tw []word) (string, []int) {
	var text strings.Builder
	at := make([]int, 0, len(tw))
	for _, w := range tw {
		at = append(at, text.Len())
		text.WriteString(strings.ToLower(norm[w.start:w.end]))
	}
	return text.String(), at
}

// word is a token of the normalised text, hashed case-insensitively.
type word struct {
	start, end int
	hash       uint64
}

// words splits s into runs of letters, digits and marks. Scripts written
// without spaces between words yield one token per character, so that
// alignment still has something to hold on to.
func words(s string) []word {
	var out []word
	start := -1
	var h uint64
	flush := func(end int) {
		if start >= 0 {
			out = append(out, word{start, end, h})
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unspaced(r):
			flush(i)
			out = append(out, word{i, i + utf8.RuneLen(r), hashRune(fnvOffset, r)})
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.IsMark(r)):
			if start < 0 {
				start, h = i, fnvOffset
			}
			h = hashRune(h, unicode.ToLower(r))
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

func unspaced(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashRune(h uint64, r rune) uint64 {
	return (h ^ uint64(r)) * fnvPrime
}

// align finds the run of text words t[first:last] with the smallest word
// edit distance to the quote words q (Sellers' algorithm: leading and
// trailing text are free). Ties go to the earliest passage.
func align(q, t []word) (first, last, cost int) {
	m := len(q)
	prev, cur := make([]int32, m+1), make([]int32, m+1)
	prevFrom, curFrom := make([]int32, m+1), make([]int32, m+1)
	for i := range prev {
		prev[i] = int32(i) // before any text: the quote words are all missing
	}
	best := int32(m + 1)
	for j := 1; j <= len(t); j++ {
		cur[0], curFrom[0] = 0, int32(j) // a passage may start after any word
		h := t[j-1].hash
		for i := 1; i <= m; i++ {
			c, from := prev[i-1], prevFrom[i-1] // match or substitute
			if q[i-1].hash != h {
				c++
			}
			if d := prev[i] + 1; d < c { // extra word in the text
				c, from = d, prevFrom[i]
			}
			if d := cur[i-1] + 1; d < c { // quote word missing from the text
				c, from = d, curFrom[i-1]
			}
			cur[i], curFrom[i] = c, from
		}
		if cur[m] < best {
			best, first, last = cur[m], int(curFrom[m]), j
		}
		prev, cur = cur, prev
		prevFrom, curFrom = curFrom, prevFrom
	}
	return first, last, int(best)
}

// edgePunct counts the non-space, non-word runes at one end of q: the quote
// marks or final full stop a passage should include if the quote does.
func edgePunct(q string, atEnd bool) int {
	n := 0
	for len(q) > 0 {
		var r rune
		var size int
		if atEnd {
			r, size = utf8.DecodeLastRuneInString(q)
			q = q[:len(q)-size]
		} else {
			r, size = utf8.DecodeRuneInString(q)
			q = q[size:]
		}
		if r == ' ' || isWordRune(r) {
			break
		}
		n++
	}
	return n
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// extendLeft moves s left over at most n punctuation runes.
func extendLeft(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if r == ' ' || isWordRune(r) {
			break
		}
		i -= size
	}
	return i
}

// extendRight moves e right over at most n punctuation runes.
func extendRight(s string, e, n int) int {
	for ; n > 0 && e < len(s); n-- {
		r, size := utf8.DecodeRuneInString(s[e:])
		if r == ' ' || isWordRune(r) {
			break
		}
		e += size
	}
	return e
}

// maxCells bounds the character-level comparison (about a millisecond); a
// longer quote is scored from its word alignment instead.
const maxCells = 1 << 20

// similarity scores passage against q as 1 - (edit distance / length), on
// characters when affordable, else on the word alignment already computed.
func similarity(q, passage string, wordCost, qWords, pWords int) float64 {
	a, b := []rune(q), []rune(passage)
	if len(a)*len(b) > maxCells {
		return 1 - float64(wordCost)/float64(max(qWords, pWords))
	}
	return 1 - float64(diag.Distance(q, passage))/float64(max(len(a), len(b)))
}
