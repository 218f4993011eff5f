package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// rawLine is one line of the raw text. Detection trims it and may cut a
// header off its start; removal marks it instead of deleting it, so line
// numbers stay those of the raw file.
type rawLine struct {
	n       int // 1-based line number in the raw file
	text    string
	removed bool
}

// field is a detected value and the raw line it came from.
type field struct {
	value string
	line  int
}

// doc is the raw text being taken apart.
type doc struct {
	lines    []rawLine
	header   header
	crumb    field // the last segment of a breadcrumb at the top
	headline field
}

func newDoc(text string) *doc {
	split := strings.Split(text, "\n")
	d := &doc{lines: make([]rawLine, len(split))}
	for i, s := range split {
		d.lines[i] = rawLine{n: i + 1, text: strings.TrimSpace(s)}
	}
	return d
}

// remove marks line i removed and records it.
func (d *doc) remove(r *Result, i int, what string) {
	l := &d.lines[i]
	l.removed = true
	r.Removed = append(r.Removed, Removal{Line: l.n, EndLine: l.n, What: what, Text: shorten(l.text)})
}

// next returns the index of the first line at or after i that is neither
// removed nor blank, or -1.
func (d *doc) next(i int) int {
	for ; i < len(d.lines); i++ {
		if l := d.lines[i]; !l.removed && l.text != "" {
			return i
		}
	}
	return -1
}

// prev returns the index of the last line at or before i that is neither
// removed nor blank, or -1.
func (d *doc) prev(i int) int {
	for ; i >= 0; i-- {
		if l := d.lines[i]; !l.removed && l.text != "" {
			return i
		}
	}
	return -1
}

// top removes header lines, breadcrumbs and link lines from the start of
// the text, then the headline.
func (d *doc) top(r *Result) {
	for i := d.next(0); i >= 0; i = d.next(i) {
		l := &d.lines[i]
		if cut, ok := d.header.parse(l.text, l.n); ok {
			r.Removed = append(r.Removed, Removal{Line: l.n, EndLine: l.n, What: "header", Text: shorten(strings.TrimSpace(l.text[:cut]))})
			l.text = strings.TrimSpace(l.text[cut:])
			if l.text == "" {
				l.removed = true
			}
			continue
		}
		if segs := breadcrumb(l.text); segs != nil {
			if last := segs[len(segs)-1]; wordCount(last) >= 3 && d.crumb.value == "" {
				d.crumb = field{last, l.n}
			}
			d.remove(r, i, "breadcrumb")
			continue
		}
		if isURL(l.text) {
			if d.header.url.value == "" {
				d.header.url = field{l.text, l.n}
			}
			d.remove(r, i, "link")
			continue
		}
		break
	}
	if i := d.next(0); i >= 0 {
		if j := d.next(i + 1); j >= 0 && isHeadline(d.lines[i].text, d.lines[j].text) {
			d.headline = field{d.lines[i].text, d.lines[i].n}
			d.remove(r, i, "headline (it is the title)")
		}
	}
}

// trailing removes site boilerplate from the end of the text, line by line,
// until the last line is article text.
func (d *doc) trailing(r *Result) {
	for {
		end := d.prev(len(d.lines) - 1)
		if end < 0 {
			return
		}
		text := d.lines[end].text
		if what := boilerplate(text); what != "" {
			if what == "link" && d.header.url.value == "" {
				d.header.url = field{text, d.lines[end].n}
			}
			d.remove(r, end, what)
			continue
		}
		if start := d.tagBlock(end); start >= 0 {
			var words []string
			for i := start; i <= end; i++ {
				if !d.lines[i].removed && d.lines[i].text != "" {
					words = append(words, d.lines[i].text)
					d.lines[i].removed = true
				}
			}
			r.Removed = append(r.Removed, Removal{Line: d.lines[start].n, EndLine: d.lines[end].n, What: "tags", Text: shorten(strings.Join(words, " | "))})
			continue
		}
		return
	}
}

// tagBlock finds a tag label ("Tags:") that is followed, up to line end,
// only by tag words, and returns its index, or -1.
func (d *doc) tagBlock(end int) int {
	for j := end; j >= 0 && end-j <= 60; j-- {
		l := d.lines[j]
		if l.removed || l.text == "" {
			continue
		}
		if isTagLabel(l.text) {
			return j
		}
		if !tagLike(l.text) {
			return -1
		}
	}
	return -1
}

// para is one paragraph of the body and the raw lines it spans.
type para struct {
	text        string
	first, last int   // raw line numbers
	lines       []int // indices into doc.lines
}

// paragraphs assembles the remaining lines into paragraphs: by blank lines
// when the text uses them between paragraphs, otherwise by sentence ends.
func (d *doc) paragraphs() []para {
	var active []int
	for i, l := range d.lines {
		if !l.removed {
			active = append(active, i)
		}
	}
	// Trim blank lines at both ends; any blank line left separates text.
	for len(active) > 0 && d.lines[active[0]].text == "" {
		active = active[1:]
	}
	for len(active) > 0 && d.lines[active[len(active)-1]].text == "" {
		active = active[:len(active)-1]
	}
	blankMode := false
	for _, i := range active {
		if d.lines[i].text == "" {
			blankMode = true
			break
		}
	}
	var out []para
	var cur []int
	flush := func() {
		if len(cur) == 0 {
			return
		}
		p := para{first: d.lines[cur[0]].n, last: d.lines[cur[len(cur)-1]].n, lines: cur}
		texts := make([]string, len(cur))
		for k, i := range cur {
			texts[k] = d.lines[i].text
		}
		p.text = strings.Join(texts, "\n")
		out = append(out, p)
		cur = nil
	}
	depth := 0
	for k, i := range active {
		text := d.lines[i].text
		if text == "" {
			flush()
			continue
		}
		cur = append(cur, i)
		if blankMode {
			continue
		}
		depth = quoteDepth(text, depth)
		if k+1 == len(active) {
			break
		}
		next := d.lines[active[k+1]].text
		if endsSentence(text) && (depth == 0 || startsQuote(next)) && !startsLower(next) {
			flush()
			depth = 0
		}
	}
	flush()
	return out
}

func joinParagraphs(ps []para) string {
	if len(ps) == 0 {
		return ""
	}
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.text
	}
	return strings.Join(texts, "\n\n") + "\n"
}

func countLetters(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n
}

// endsSentence reports whether a line ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(c rune) bool {
		return unicode.IsSpace(c) || isCloser(c) || c == '*'
	})
	c, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;…。؟！？", c)
}

func isCloser(c rune) bool { return strings.ContainsRune(`"'”’»›)]`, c) }

func startsQuote(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(`"“„«‹‘'`, c)
}

func startsLower(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(c)
}

// quoteDepth tracks whether a double quotation is open after s, given the
// depth before it. Whether a mark opens or closes is read from its position
// (after a space and before a word it opens; after a word and before a
// space or the end it closes), so typos such as “all options“ still pair
// up; only when the position says nothing does the glyph decide.
func quoteDepth(s string, depth int) int {
	rs := []rune(s)
	for i, c := range rs {
		if !strings.ContainsRune(`"“”„«»`, c) {
			continue
		}
		before, after := ' ', ' '
		if i > 0 {
			before = rs[i-1]
		}
		if i+1 < len(rs) {
			after = rs[i+1]
		}
		open := false
		switch {
		case (unicode.IsSpace(before) || strings.ContainsRune("([{—–-", before)) && !unicode.IsSpace(after):
			open = true
		case !unicode.IsSpace(before) && (unicode.IsSpace(after) || unicode.IsPunct(after)):
			open = false
		case c == '"':
			open = depth == 0
		default:
			open = strings.ContainsRune("“„«", c)
		}
		if open {
			depth++
		} else if depth > 0 {
			depth--
		}
	}
	return depth
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// shorten keeps removal reports readable.
func shorten(s string) string {
	const max = 80
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	rs := []rune(s)
	return string(rs[:max-1]) + "…"
}
