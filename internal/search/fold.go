package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball"
	"golang.org/x/text/unicode/norm"
)

// Fold makes a word comparable the way a reader compares it: case and
// diacritics are dropped (Araġchi, ARAGHCHI and araghchi are one word), and
// the letters that do not decompose into a base letter and a mark are
// spelled as their usual Latin transliteration. static/search.js folds
// queries the same way (fold), so the two must change together. The
// result may share s's memory.
func Fold(s string) string {
	if ascii(s) {
		// Decomposing ASCII leaves it as it is, with no marks to drop
		// and none of letters: only the case is folded. Most words are
		// ASCII, and a lower-case one costs no copy.
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if t, ok := letters[r]; ok {
			b.WriteString(t)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func ascii(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// letters are the letters NFD leaves whole, folded as readers type them.
var letters = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i",
}

// word reports whether r belongs to a word. Apostrophes end a word, so
// "Putin’s" is found by "Putin"; the "s" left over is too short to index.
func word(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// minWord is the length (in letters, after folding) below which a token
// is not indexed: single letters are left-overs of elisions and initials.
const minWord = 2

// maxWord bounds an indexed token, so a run of letters with no space (a
// URL, a hash) cannot make one row of the index huge.
const maxWord = 40

// Span is a word of a text: its folded form and where it is, in bytes.
type Span struct {
	Word       string
	Start, End int
	Cap        bool // written with a capital: a name, for Variant
}

// Words splits s into its indexable words, folded.
func Words(s string) []Span {
	var out []Span
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		raw := s[start:end]
		w := Fold(raw)
		if n := utf8.RuneCountInString(w); n >= minWord && n <= maxWord {
			first, _ := utf8.DecodeRuneInString(raw)
			out = append(out, Span{Word: w, Start: start, End: end, Cap: unicode.IsUpper(first)})
		}
		start = -1
	}
	for i, r := range s {
		if word(r) || (start >= 0 && unicode.Is(unicode.Mn, r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// Variant is the spelling-variant key of a folded name: two romanisations
// of one name (Araghchi and Araqchi, Nebenzya and Nebenzia, Gaddafi,
// Qaddafi and Kadhafi, Shoigu and Schoigu, Zelensky and Zelenskiy) get the
// same key. It folds what transliteration systems disagree on and nothing
// else, so names stay apart that differ in what was heard (Arak is not
// Araghchi): digraphs that write one sound (kh, gh, ph, th, dh, sh, sch,
// ch, ck, zh), the letters that stand for one another (q, g, c for k; w
// for v; z for s; y for i), ie for i, ou and oo for u, and doubled
// letters. The empty string means the word is too short to have variants
// worth finding (under 4 letters). static/search.js has the same function.
func Variant(w string) string {
	if utf8.RuneCountInString(w) < 4 {
		return ""
	}
	for _, d := range digraphs {
		w = strings.ReplaceAll(w, d[0], d[1])
	}
	var b strings.Builder
	var last rune
	for _, r := range w {
		switch r {
		case 'q', 'g', 'c':
			r = 'k'
		case 'w':
			r = 'v'
		case 'z':
			r = 's'
		case 'y':
			r = 'i'
		}
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// digraphs are replaced in this order: longer spellings first.
var digraphs = [][2]string{
	{"sch", "s"}, {"tch", "c"}, {"kh", "h"}, {"gh", "g"}, {"ph", "f"}, {"th", "t"},
	{"dh", "d"}, {"zh", "j"}, {"sh", "s"}, {"ch", "c"}, {"ck", "k"},
	{"ie", "i"}, {"ou", "u"}, {"oo", "u"},
}

// Stemmer reduces folded words to their stems in one language.
type Stemmer struct{ lang string }

// NewStemmer returns the Snowball stemmer of the site's language (an
// ISO 639-1 code such as "en" or "fr-CA"); for a language Snowball does
// not serve, Stem leaves words as they are.
func NewStemmer(lang string) Stemmer {
	code, _, _ := strings.Cut(strings.ToLower(lang), "-")
	code, _, _ = strings.Cut(code, "_")
	return Stemmer{lang: snowballLangs[code]}
}

var snowballLangs = map[string]string{
	"en": "english", "es": "spanish", "fr": "french", "ru": "russian",
	"sv": "swedish", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "hu": "hungarian",
}

// Stem returns the stem of a folded word.
func (s Stemmer) Stem(w string) string {
	if s.lang == "" || !letterOnly(w) {
		return w
	}
	st, err := snowball.Stem(w, s.lang, true)
	if err != nil || st == "" {
		return w
	}
	return st
}

func letterOnly(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
