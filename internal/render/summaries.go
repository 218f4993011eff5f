package render

import (
	"html/template"
	"strings"

	"dateline/internal/markdown"
	"dateline/internal/model"
)

// Summaries gives the entry summaries of one timeline to the stages that
// show them besides pages: the search index and its entry files read
// their text, the feeds, the calendar and the TimelineJS files their text
// or their HTML with absolute links. Through a Renderer's Summaries they
// come from its memo (see memo), so a build parses each summary once for
// every output, where each of those stages used to parse it again.
type Summaries struct {
	t  *model.Timeline
	r  *Renderer // nil: each summary is rendered when asked for
	md *markdown.Renderer
}

// Summaries returns the summaries of t as r renders them.
func (r *Renderer) Summaries(t *model.Timeline) Summaries { return Summaries{t: t, r: r, md: r.md} }

// NewSummaries returns summaries of t rendered when asked for, for a
// caller without a Renderer: the same text and HTML, without a memo.
func NewSummaries(t *model.Timeline) Summaries {
	return Summaries{t: t, md: markdown.New()}
}

// Plain is the text of the summary src, its markup removed and its white
// space collapsed.
func (s Summaries) Plain(src string) string {
	if s.r != nil {
		return s.r.plain(s.t, src)
	}
	return s.md.Plain([]byte(src))
}

// HTML is the summary src with its references linked from root, which
// ends in a slash ("../", or the site's base URL for absolute links).
func (s Summaries) HTML(src, root string) (template.HTML, error) {
	if s.r == nil || !plainURL(root) {
		return s.md.Render([]byte(src), resolver{view{Site: s.t, Config: s.t.Config, Root: root}})
	}
	h, err := s.r.summary(s.t, src)
	if err != nil {
		return "", err
	}
	return template.HTML(strings.ReplaceAll(string(h), s.r.rootMark, root)), nil
}

// plainURL reports whether root reads the same escaped in an attribute as
// it is, so that putting it in place of the placeholder root of rendered
// HTML gives the HTML rendered with it.
func plainURL(root string) bool {
	for _, c := range []byte(root) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte(":/.-_~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
