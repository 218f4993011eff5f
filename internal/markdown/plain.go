package markdown

import (
	"html"
	"strings"
)

// TextContent returns the text of HTML produced by Render, as Plain gives
// it: tags removed, block boundaries turned into spaces, entities decoded,
// white space collapsed. Render's output is well formed and escapes every
// literal '<' in text and attributes, so each '<' starts a tag and the next
// '>' ends it.
func TextContent(h string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		if !inlineTag(h[i+1 : i+j]) {
			b.WriteByte(' ')
		}
		h = h[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// inlineTag reports whether the tag (its text between < and >) is one that
// does not separate words.
func inlineTag(tag string) bool {
	name := strings.TrimPrefix(tag, "/")
	if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "a", "em", "strong", "code", "del", "span", "img", "input":
		return true
	}
	return false
}
