package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"dateline/internal/model"
)

// SourceText renders the archived article as paragraphs, every cited passage
// highlighted with a <mark> that links to the entries citing it. Citations
// may overlap or cross paragraphs; the text is cut at every boundary and
// each piece is marked with all the citations that cover it.
func (v view) SourceText() template.HTML {
	s := v.Source
	text := s.Text
	var b strings.Builder
	for _, para := range paragraphs(text) {
		b.WriteString("<p>")
		cuts := []int{para[0], para[1]}
		for _, c := range s.Citations {
			for _, x := range []int{c.Span.Start, c.Span.End} {
				if x > para[0] && x < para[1] {
					cuts = append(cuts, x)
				}
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		for i := 0; i+1 < len(cuts); i++ {
			lo, hi := cuts[i], cuts[i+1]
			var cover []*model.Evidence
			for _, c := range s.Citations {
				if c.Span.Start <= lo && c.Span.End >= hi {
					cover = append(cover, c)
				}
			}
			piece := template.HTMLEscapeString(text[lo:hi])
			if len(cover) == 0 {
				b.WriteString(piece)
				continue
			}
			v.writeMark(&b, cover, lo, hi, piece)
		}
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

// writeMark writes one highlighted piece. The first piece of a citation
// carries its anchor; the last one is followed by links to the citing
// entries.
func (v view) writeMark(b *strings.Builder, cover []*model.Evidence, lo, hi int, piece string) {
	var ids []string
	for _, c := range cover {
		ids = append(ids, c.Anchor())
	}
	b.WriteString(`<mark class="cite" data-cites="` + strings.Join(ids, " ") + `"`)
	for _, c := range cover {
		if c.Span.Start == lo {
			b.WriteString(` id="` + c.Anchor() + `"`)
			break
		}
	}
	b.WriteString(">")
	// Anchors for further citations starting at the same place.
	started := 0
	for _, c := range cover {
		if c.Span.Start == lo {
			if started > 0 {
				b.WriteString(`<span id="` + c.Anchor() + `"></span>`)
			}
			started++
		}
	}
	b.WriteString(piece)
	b.WriteString("</mark>")
	for _, c := range cover {
		if c.Span.End == hi {
			// In the page's language, within the source's text.
			lang := ""
			if v.SourceLang(v.Source) != "" {
				lang = ` lang="` + template.HTMLEscapeString(v.Config.Language) + `"`
				if d := v.r.loc.Dir(); d != "" {
					lang += ` dir="` + d + `"`
				}
			}
			fmt.Fprintf(b, `<a class="cite-ref" href="%s#evidence-%d" title="%s"%s>%s</a>`,
				template.HTMLEscapeString(v.URL(c.Entry)), c.Index+1,
				template.HTMLEscapeString(v.r.loc.Text("cited_by_title", "Title", c.Entry.Title)), lang,
				template.HTMLEscapeString(v.Display(c.Entry.Date)))
		}
	}
}

// paragraphs returns the [start, end) byte ranges of the blank-line separated
// paragraphs of text, trimmed of surrounding whitespace.
func paragraphs(text string) [][2]int {
	var out [][2]int
	start := 0
	flush := func(end int) {
		lo, hi := start, end
		for lo < hi && isSpace(text[lo]) {
			lo++
		}
		for hi > lo && isSpace(text[hi-1]) {
			hi--
		}
		if hi > lo {
			out = append(out, [2]int{lo, hi})
		}
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			flush(i)
			for j < len(text) && isSpace(text[j]) {
				j++
			}
			start = j
			i = j - 1
		}
	}
	flush(len(text))
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
