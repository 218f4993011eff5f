package timelinejs

import (
	"html"
	"strings"
	"unicode"
)

// TimelineJS slides hold HTML. Dateline content is Markdown with raw HTML
// disabled, so imported HTML is converted, never passed through: the
// structure a summary needs (paragraphs, line breaks, emphasis, lists,
// quotes, http/https/mailto links) is kept, every other tag is dropped with
// its text kept, and script-like elements are dropped with their content.
// Text is escaped so that it cannot form Markdown markup of its own.

// metaClass marks the paragraph Dateline's export appends to each slide
// (sources and evidence link); an import drops it, as it is not part of
// the entry's text.
const metaClass = "dateline-meta"

// tag is one parsed HTML tag.
type tag struct {
	name  string // lower case
	end   bool
	self  bool
	attrs map[string]string
}

// tokens splits HTML into text and tags. A '<' that does not begin a
// well-formed tag is text, as in browsers.
func tokens(h string, text func(string), onTag func(tag)) {
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			text(h)
			return
		}
		if i > 0 {
			text(h[:i])
			h = h[i:]
		}
		if strings.HasPrefix(h, "<!--") {
			j := strings.Index(h, "-->")
			if j < 0 {
				return
			}
			h = h[j+3:]
			continue
		}
		t, n, ok := parseTag(h)
		if !ok {
			text("<")
			h = h[1:]
			continue
		}
		onTag(t)
		h = h[n:]
	}
}

// parseTag reads the tag at the start of h and returns its length.
func parseTag(h string) (tag, int, bool) {
	i := 1
	t := tag{attrs: map[string]string{}}
	if i < len(h) && h[i] == '/' {
		t.end = true
		i++
	}
	if i < len(h) && h[i] == '!' { // doctype and the like
		j := strings.IndexByte(h, '>')
		if j < 0 {
			return t, 0, false
		}
		return tag{name: "!"}, j + 1, true
	}
	start := i
	for i < len(h) && (isAlpha(h[i]) || i > start && isDigit(h[i])) {
		i++
	}
	if i == start {
		return t, 0, false
	}
	t.name = strings.ToLower(h[start:i])
	for {
		for i < len(h) && isSpace(h[i]) {
			i++
		}
		if i >= len(h) {
			return t, 0, false
		}
		switch h[i] {
		case '>':
			return t, i + 1, true
		case '/':
			t.self = true
			i++
			continue
		}
		ns := i
		for i < len(h) && !isSpace(h[i]) && h[i] != '=' && h[i] != '>' && h[i] != '/' {
			i++
		}
		name := strings.ToLower(h[ns:i])
		for i < len(h) && isSpace(h[i]) {
			i++
		}
		val := ""
		if i < len(h) && h[i] == '=' {
			i++
			for i < len(h) && isSpace(h[i]) {
				i++
			}
			if i < len(h) && (h[i] == '"' || h[i] == '\'') {
				q := h[i]
				j := strings.IndexByte(h[i+1:], q)
				if j < 0 {
					return t, 0, false
				}
				val = h[i+1 : i+1+j]
				i += j + 2
			} else {
				vs := i
				for i < len(h) && !isSpace(h[i]) && h[i] != '>' {
					i++
				}
				val = h[vs:i]
			}
		}
		if name != "" {
			t.attrs[name] = html.UnescapeString(val)
		}
	}
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// dropped elements lose their content too.
var dropped = map[string]bool{"script": true, "style": true, "iframe": true, "object": true, "embed": true, "noscript": true, "template": true, "svg": true, "math": true, "head": true, "title": true}

// blocks separate paragraphs.
var blocks = map[string]bool{"p": true, "div": true, "section": true, "article": true, "header": true, "footer": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true, "li": true,
	"blockquote": true, "table": true, "tr": true, "figure": true, "figcaption": true, "pre": true, "hr": true, "dl": true, "dt": true, "dd": true}

// voids have no end tag.
var voids = map[string]bool{"br": true, "img": true, "hr": true, "meta": true, "link": true, "input": true, "wbr": true, "source": true, "col": true, "area": true, "base": true, "track": true}

// PlainText is the text of HTML: tags removed, entities decoded, white
// space collapsed. Headlines become titles this way.
func PlainText(h string) string {
	var b strings.Builder
	skip := 0
	tokens(h, func(s string) {
		if skip == 0 {
			b.WriteString(html.UnescapeString(s))
		}
	}, func(t tag) {
		switch {
		case dropped[t.name] && !t.self && !t.end:
			skip++
		case dropped[t.name] && t.end && skip > 0:
			skip--
		case blocks[t.name] || t.name == "br":
			if skip == 0 {
				b.WriteByte(' ')
			}
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// Markdown converts slide HTML to Markdown.
func Markdown(h string) string {
	c := &converter{}
	skip := 0          // depth inside dropped elements
	meta := ""         // element name of a dateline-meta block being skipped
	depth := 0         // nesting of that name inside it
	var links []string // open <a> hrefs ("" when not kept)
	tokens(h, func(s string) {
		if skip == 0 && meta == "" {
			c.text(html.UnescapeString(s))
		}
	}, func(t tag) {
		if meta != "" {
			switch {
			case t.name == meta && !t.end && !t.self && !voids[t.name]:
				depth++
			case t.name == meta && t.end:
				if depth--; depth == 0 {
					meta = ""
				}
			}
			return
		}
		if dropped[t.name] {
			switch {
			case t.self:
			case !t.end:
				skip++
			case skip > 0:
				skip--
			}
			return
		}
		if skip > 0 {
			return
		}
		if !t.end && hasClass(t.attrs["class"], metaClass) && !voids[t.name] && !t.self {
			meta, depth = t.name, 1
			c.block()
			return
		}
		switch t.name {
		case "br":
			c.lineBreak()
		case "strong", "b":
			c.emphasis("**", t.end)
		case "em", "i":
			c.emphasis("*", t.end)
		case "a":
			if !t.end {
				href := safeHref(t.attrs["href"])
				links = append(links, href)
				if href != "" {
					c.open("[")
				}
				return
			}
			if n := len(links); n > 0 {
				href := links[n-1]
				links = links[:n-1]
				if href != "" {
					c.closeLink(href)
				}
			}
		case "li":
			if !t.end {
				c.block()
				c.prefix = "- "
			} else {
				c.block()
			}
		case "blockquote":
			c.block()
			c.quote = !t.end
		default:
			if blocks[t.name] {
				c.block()
			}
		}
	})
	c.block()
	return strings.Join(c.paras, "\n\n")
}

func hasClass(class, want string) bool {
	for _, c := range strings.Fields(class) {
		if c == want {
			return true
		}
	}
	return false
}

// safeHref keeps absolute http(s) and mailto links; "" drops the link (its
// text stays).
func safeHref(href string) string {
	href = strings.TrimSpace(href)
	l := strings.ToLower(href)
	if !(strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")) {
		return ""
	}
	if strings.ContainsFunc(href, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return ""
	}
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(href)
}

// converter accumulates Markdown paragraphs.
type converter struct {
	paras  []string
	cur    strings.Builder
	space  bool // a space is pending before the next text
	prefix string
	quote  bool
	opens  []int // byte offsets in cur of open markers, for empty ones
}

func (c *converter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) && r != '\u00a0' {
			c.space = c.cur.Len() > 0
			continue
		}
		c.flushSpace()
		c.escape(r)
	}
}

// escape writes r so that it is literal text in Markdown.
func (c *converter) escape(r rune) {
	switch r {
	case '\\', '`', '*', '_', '[', ']', '<', '>', '~', '|', '&':
		c.cur.WriteByte('\\')
	case '#', '+', '-', '=':
		if c.atLineStart() {
			c.cur.WriteByte('\\')
		}
	case '.', ')':
		if c.afterLeadingDigits() {
			c.cur.WriteByte('\\')
		}
	}
	c.cur.WriteRune(r)
}

func (c *converter) atLineStart() bool {
	s := c.cur.String()
	return len(s) == 0 || s[len(s)-1] == '\n'
}

// afterLeadingDigits reports whether the current line so far is only
// digits, so "1." would start an ordered list.
func (c *converter) afterLeadingDigits() bool {
	s := c.cur.String()
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func (c *converter) flushSpace() {
	if c.space {
		c.cur.WriteByte(' ')
		c.space = false
	}
}

func (c *converter) open(marker string) {
	c.flushSpace()
	c.opens = append(c.opens, c.cur.Len())
	c.cur.WriteString(marker)
}

// emphasis opens or closes a marker; an empty pair is removed.
func (c *converter) emphasis(marker string, end bool) {
	if !end {
		c.open(marker)
		return
	}
	if !c.close(len(marker)) {
		return
	}
	// Markdown emphasis cannot end with a space: move it outside.
	s := c.cur.String()
	trimmed := strings.TrimRight(s, " ")
	c.cur.Reset()
	c.cur.WriteString(trimmed + marker)
	if len(trimmed) < len(s) {
		c.space = true
	}
}

func (c *converter) closeLink(href string) {
	if c.close(len("[")) {
		c.cur.WriteString("](" + href + ")")
	}
}

// close pops the innermost open marker, n bytes long. It reports whether
// the marker encloses text; one that does not is removed (or there was
// none), and there is nothing to close.
func (c *converter) close(n int) bool {
	k := len(c.opens)
	if k == 0 {
		return false
	}
	at := c.opens[k-1]
	c.opens = c.opens[:k-1]
	s := c.cur.String()
	if strings.TrimSpace(s[at+n:]) == "" {
		c.cur.Reset()
		c.cur.WriteString(s[:at])
		return false
	}
	return true
}

func (c *converter) lineBreak() {
	if c.cur.Len() > 0 {
		c.cur.WriteString("\\\n")
		c.space = false
	}
}

// block ends the current paragraph.
func (c *converter) block() {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.cur.String()), "\\"))
	c.cur.Reset()
	c.space = false
	c.opens = nil
	if s == "" {
		return
	}
	if c.prefix != "" {
		s = c.prefix + s
		c.prefix = ""
	}
	if c.quote {
		s = "> " + strings.ReplaceAll(s, "\n", "\n> ")
	}
	c.paras = append(c.paras, s)
}
