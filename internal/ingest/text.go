package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// idStopWords are left out of ids: articles, the commonest prepositions
// and conjunctions, and forms of "to be/have" that carry no meaning in a
// name.
var idStopWords = map[string]bool{
	"a": true, "an": true, "the": true, "on": true, "of": true, "in": true, "to": true,
	"for": true, "and": true, "at": true, "by": true, "with": true, "from": true,
	"as": true, "is": true, "its": true, "has": true,
}

// IDWords returns the words of s as the id rule sees them: lower-case ASCII
// letters and digits, accents removed, apostrophes and the dots inside
// abbreviations dropped ("Iran’s" → "irans", "U.S." → "us"), any other
// character separating words, and the stop words left out.
func IDWords(s string) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			if word := w.String(); !idStopWords[word] {
				words = append(words, word)
			}
			w.Reset()
		}
	}
	rs := []rune(norm.NFD.String(strings.ToLower(s)))
	for i, c := range rs {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			w.WriteRune(c)
		case unicode.Is(unicode.Mn, c):
			// a combining accent: "é" is "e"
		case c == '\'' || c == '’' || c == '‘' || c == 'ʼ':
		case c == '.' && w.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			// "U.S.": a dot between letters joins them
		default:
			flush()
		}
	}
	flush()
	return words
}

// Slug applies the id rule: the first six words of IDWords joined by "-".
func Slug(s string) string {
	words := IDWords(s)
	if len(words) > 6 {
		words = words[:6]
	}
	return strings.Join(words, "-")
}

// titleStopWords, with idStopWords, are words a shortened title should not
// end on.
var titleStopWords = map[string]bool{
	"or": true, "but": true, "that": true, "which": true, "who": true, "his": true, "her": true,
	"their": true, "was": true, "were": true, "are": true, "be": true, "been": true, "into": true,
	"over": true, "after": true, "before": true, "during": true, "than": true, "about": true,
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "cmdr": true, "adm": true, "maj": true, "st": true,
	"jr": true, "sr": true, "rep": true, "sen": true, "gov": true, "pres": true, "no": true,
	"vs": true, "etc": true, "inc": true, "corp": true, "ltd": true, "co": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "est": true, "ft": true,
}

// Span is a byte range of a text, End exclusive.
type Span struct{ Start, End int }

// Sentences splits text into sentences: a paragraph break (a blank line)
// always ends one; otherwise a sentence ends at ".", "!", "?" or "…"
// (followed by any closing quotes or brackets) when white space and a new
// sentence's first character follow, unless the dot ends an abbreviation
// ("Mr.", "U.S."). Spans exclude surrounding white space.
func Sentences(text string) []Span {
	var out []Span
	add := func(s, e int) {
		for s < e {
			c, n := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(c) {
				break
			}
			s += n
		}
		for e > s {
			c, n := utf8.DecodeLastRuneInString(text[:e])
			if !unicode.IsSpace(c) {
				break
			}
			e -= n
		}
		if s < e {
			out = append(out, Span{s, e})
		}
	}
	start := 0
	for i := 0; i < len(text); {
		c, n := utf8.DecodeRuneInString(text[i:])
		if c == '\n' {
			if j := skipSpaces(text, i+n); strings.Contains(text[i+n:j], "\n") || j == len(text) {
				add(start, i)
				start, i = j, j
				continue
			}
		}
		if strings.ContainsRune(".!?…", c) {
			e := i + n
			for e < len(text) {
				d, m := utf8.DecodeRuneInString(text[e:])
				if !isCloser(d) && !strings.ContainsRune(".!?…", d) {
					break
				}
				e += m
			}
			if j := skipSpaces(text, e); j > e && j < len(text) && startsSentence(text[j:]) && !(c == '.' && abbreviationAt(text, i)) {
				add(start, e)
				start, i = j, j
				continue
			}
			i = e
			continue
		}
		i += n
	}
	add(start, len(text))
	return out
}

func skipSpaces(s string, i int) int {
	for i < len(s) {
		c, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(c) {
			break
		}
		i += n
	}
	return i
}

// startsSentence reports whether s opens a sentence: a capital, a digit, an
// opening quotation mark or bracket, or a letter of a script without case.
func startsSentence(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsLower(c) && (unicode.IsLetter(c) || unicode.IsDigit(c) || startsQuote(s) || c == '(' || c == '[')
}

// abbreviationAt reports whether the dot at text[i] ends an abbreviation: a
// single letter ("U.S.", initials) or a known short form ("Mr.").
func abbreviationAt(text string, i int) bool {
	j := i
	for j > 0 {
		c, n := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(c) {
			break
		}
		j -= n
	}
	word := text[j:i]
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return true
	}
	return abbreviations[strings.ToLower(word)]
}

// FirstSentence returns the first sentence of s, with line breaks as
// spaces.
func FirstSentence(s string) string {
	ss := Sentences(s)
	if len(ss) == 0 {
		return ""
	}
	return strings.Join(strings.Fields(s[ss[0].Start:ss[0].End]), " ")
}

// ShortTitle turns a sentence into a title: at most max words, without the
// final full stop; a cut is marked with "…".
func ShortTitle(sentence string, max int) string {
	words := strings.Fields(sentence)
	if len(words) > max {
		words = words[:max]
		// Do not end on a function word: "… in favour of the…".
		for len(words) > 1 && (idStopWords[strings.ToLower(words[len(words)-1])] || titleStopWords[strings.ToLower(words[len(words)-1])]) {
			words = words[:len(words)-1]
		}
		last := strings.TrimRightFunc(words[len(words)-1], unicode.IsPunct)
		words[len(words)-1] = last
		return strings.Join(words, " ") + "…"
	}
	t := strings.Join(words, " ")
	return strings.TrimSuffix(t, ".")
}

func draftTitle(sentence string) string { return ShortTitle(sentence, 15) }
