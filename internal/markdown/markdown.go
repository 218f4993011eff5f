// Package markdown renders the short Markdown summaries of timeline entries.
//
// It configures goldmark for untrusted-but-edited text: raw HTML is shown as
// text rather than passed through, every link and image destination goes
// through an allowlist (see sanitize.go), and images may only be relative so
// that a page never makes a third-party request.
//
// Cross references such as [Putin](actor:putin) or (entry:some-id) are
// rewritten by a goldmark extension (see xref.go). The package knows nothing
// of the timeline model: the caller lists references with Refs to validate
// them, then supplies a Resolver that turns each into a site URL at render
// time.
package markdown

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Ref is one cross-reference link found in Markdown source.
type Ref struct {
	// Kind is "actor", "place", "topic", "thread", "entry" or "source",
	// or, for a link whose kind is mistyped ("actors:putin"), the kind as
	// written, lower-cased: see IsKind.
	Kind string
	ID   string // as written after the colon; may be an alias or unknown
	// Line and Col are the 1-based position of the link destination in the
	// Markdown source (Col counts code points). For a reference-style link
	// it is the destination in the link reference definition.
	Line, Col int
}

// Resolver maps a cross reference to a URL, typically site-relative such as
// "../../actors/putin/". ok == false means the reference is unknown; the
// caller is expected to have reported it already, and the link text is
// rendered inside <span class="xref-missing">.
type Resolver interface {
	Resolve(kind, id string) (url string, ok bool)
}

// Renderer holds a configured goldmark instance. Create one with New and
// share it: it is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer for CommonMark plus the GitHub extensions (tables,
// strikethrough, task lists, bare-URL links), with raw HTML escaped, links
// sanitised and cross references resolved.
func New() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM, xrefs{}, rawAsText{}),
	)}
}

// Render converts src to HTML. A nil res treats every cross reference as
// unknown. The result is safe to embed in a page: raw HTML in src comes out
// as escaped text and link targets are restricted to safe schemes.
func (r *Renderer) Render(src []byte, res Resolver) (template.HTML, error) {
	if err := CheckLimits(src); err != nil {
		return "", err
	}
	ctx := parser.NewContext()
	if res != nil {
		ctx.Set(resolverKey, res)
	}
	// goldmark writes through a buffered writer; bufWriter is one, so it
	// does not wrap the buffer in a bufio.Writer of its own.
	var buf bufWriter
	buf.Grow(2 * len(src))
	if err := r.md.Convert(src, &buf, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Refs parses src and returns every cross-reference link in it, in document
// order, so that the caller can validate them before rendering.
func (r *Renderer) Refs(src []byte) []Ref {
	if CheckLimits(src) != nil {
		return nil // the caller reports it (see CheckLimits)
	}
	refs := []Ref{}
	ctx := parser.NewContext()
	ctx.Set(refsKey, &refs)
	r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	if len(refs) == 0 {
		return nil
	}
	return refs
}

// Plain returns the text content of src with all markup removed and white
// space collapsed, for feeds, meta descriptions and JSON. Cross references
// keep their link text.
func (r *Renderer) Plain(src []byte) string {
	h, err := r.Render(src, nil)
	if err != nil {
		return ""
	}
	return TextContent(string(h))
}

// bufWriter is a bytes.Buffer that is a goldmark util.BufWriter: writes
// land in the buffer at once, so there is nothing to flush.
type bufWriter struct{ bytes.Buffer }

var _ util.BufWriter = (*bufWriter)(nil)

func (*bufWriter) Buffered() int { return 0 }
func (*bufWriter) Flush() error  { return nil }
