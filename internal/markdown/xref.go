package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"dateline/internal/diag"
)

// Context keys are immutable values; the per-call data lives in the
// parser.Context each Render or Refs call creates.
var (
	resolverKey = parser.NewContextKey() // Resolver
	refsKey     = parser.NewContextKey() // *[]Ref collecting references
)

// kindMissingRef is the AST kind of an unresolved cross reference.
var kindMissingRef = ast.NewNodeKind("XrefMissing")

// xrefs is the goldmark extension that polices every link-like node: it
// resolves cross references, sanitises link and image destinations and
// renders unresolved references. One value serves as Extender,
// ASTTransformer and NodeRenderer; it has no state of its own.
type xrefs struct{}

var (
	_ goldmark.Extender     = xrefs{}
	_ parser.ASTTransformer = xrefs{}
	_ renderer.NodeRenderer = xrefs{}
)

// Extend registers the transformer and the renderer for missing references.
func (x xrefs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(x, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(x, 100)))
}

// Transform visits links, images and autolinks. Nodes are rewritten after
// the walk, innermost first, so that the tree never changes under the walker
// and a link inside an image description is settled before the image is.
func (xrefs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	res, _ := pc.Get(resolverKey).(Resolver)
	refs, _ := pc.Get(refsKey).(*[]Ref)

	var nodes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink:
			if entering {
				nodes = append(nodes, n)
			}
		}
		return ast.WalkContinue, nil
	})
	if refs != nil {
		for _, n := range nodes {
			if l, ok := n.(*ast.Link); ok {
				kind, id, ok := xref(l.Destination)
				if !ok {
					kind, id, ok = mistyped(l.Destination)
				}
				if ok {
					line, col := destPos(src, l)
					*refs = append(*refs, Ref{Kind: kind, ID: id, Line: line, Col: col})
				}
			}
		}
	}
	for i := len(nodes) - 1; i >= 0; i-- {
		switch n := nodes[i].(type) {
		case *ast.Link:
			fixLink(n, res)
		case *ast.Image:
			fixImage(n)
		case *ast.AutoLink:
			fixAutoLink(n, src)
		}
	}
}

// fixLink resolves a cross reference or sanitises an ordinary link.
func fixLink(n *ast.Link, res Resolver) {
	kind, id, ok := xref(n.Destination)
	if !ok {
		if classify(browserURL(n.Destination)) == urlBad {
			unwrap(n)
		}
		return
	}
	if res != nil {
		if url, ok := res.Resolve(kind, id); ok && classify(browserURL([]byte(url))) != urlBad {
			n.Destination = []byte(url)
			n.SetAttributeString("class", []byte("xref xref-"+kind))
			return
		}
	}
	replace(n, &missingRef{})
}

// fixImage keeps same-site images only. A remote image becomes a link to it
// (the reader may follow it; the page does not fetch it), anything else its
// alt text.
func fixImage(n *ast.Image) {
	switch classify(browserURL(n.Destination)) {
	case urlLocal:
		if len(n.Destination) > 0 {
			return
		}
	case urlRemote:
		if !hasLink(n) && !inLink(n) && isHTTP(n.Destination) {
			l := ast.NewLink()
			l.Destination, l.Title = n.Destination, n.Title
			replace(n, l)
			return
		}
	}
	unwrap(n)
}

// fixAutoLink turns an autolink with a disallowed scheme into its text.
// <javascript:...> is a valid CommonMark autolink, hence the check; so is
// <actor:putin>, which is not a cross reference because it has no link text.
func fixAutoLink(n *ast.AutoLink, src []byte) {
	if n.AutoLinkType == ast.AutoLinkEmail {
		return // rendered as mailto:
	}
	if classify(util.URLEscape(n.URL(src), false)) == urlRemote {
		return
	}
	s := ast.NewString(n.Label(src))
	s.SetRaw(true) // escaped, but no entity or backslash processing
	n.Parent().ReplaceChild(n.Parent(), n, s)
}

// xref reports whether a link destination is a cross reference such as
// "actor:putin". The scheme is case-insensitive, as URL schemes are;
// backslash escapes and character references are decoded first, as
// goldmark does when rendering the destination.
func xref(dest []byte) (kind, id string, ok bool) {
	d := string(decodeDest(dest))
	scheme, id, found := strings.Cut(d, ":")
	if !found {
		return "", "", false
	}
	if scheme = strings.ToLower(scheme); IsKind(scheme) {
		return scheme, strings.TrimSpace(id), true
	}
	return "", "", false
}

// Kinds lists the kinds of cross reference.
func Kinds() []string { return []string{"actor", "place", "topic", "thread", "entry", "source"} }

// IsKind reports whether kind is one of Kinds.
func IsKind(kind string) bool {
	switch kind {
	case "actor", "place", "topic", "thread", "entry", "source":
		return true
	}
	return false
}

// mistyped reports whether a link destination looks like a cross reference
// with a mistyped kind ("actors:putin"): its scheme is no web scheme but is
// close to a kind. Such a link would otherwise become plain text without a
// word; Refs lists it, with the kind as written, for the caller to report.
// Other unknown schemes (javascript:, ftp:) are not typos of a kind and stay
// quietly unlinked.
func mistyped(dest []byte) (kind, id string, ok bool) {
	scheme, id, found := strings.Cut(string(decodeDest(dest)), ":")
	scheme = strings.ToLower(scheme)
	if !found || scheme == "" || strings.Trim(scheme, "abcdefghijklmnopqrstuvwxyz") != "" {
		return "", "", false
	}
	switch scheme {
	case "http", "https", "mailto":
		return "", "", false
	}
	if diag.Suggest(scheme, Kinds()) == "" {
		return "", "", false
	}
	return scheme, strings.TrimSpace(id), true
}

func decodeDest(dest []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
}

// destPos returns the line and column of link's destination in src.
func destPos(src []byte, link *ast.Link) (line, col int) {
	off, ok := offsetOf(src, link.Destination)
	if !ok {
		// Not a slice of src (goldmark copies padded lines): search from
		// the link's opening bracket, else point at the bracket.
		off = max(link.Pos(), 0)
		if i := bytes.Index(src[off:], link.Destination); i >= 0 {
			off += i
		}
	}
	return diag.Offset(string(src[:off]), off, 1)
}

// offsetOf returns where sub lies within src when sub is a sub-slice of it,
// which is how goldmark hands out link destinations. Two slices of one array
// share its end, so the difference of their capacities is the offset; the
// content check guards against sub being a copy.
func offsetOf(src, sub []byte) (int, bool) {
	off := cap(src) - cap(sub)
	if len(sub) == 0 || off < 0 || off+len(sub) > len(src) || !bytes.Equal(src[off:off+len(sub)], sub) {
		return 0, false
	}
	return off, true
}

// missingRef wraps the text of a cross reference the Resolver did not know.
type missingRef struct {
	ast.BaseInline
}

func (*missingRef) Kind() ast.NodeKind { return kindMissingRef }

func (n *missingRef) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// RegisterFuncs renders missing references.
func (xrefs) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMissingRef, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="xref-missing">`)
		} else {
			_, _ = w.WriteString(`</span>`)
		}
		return ast.WalkContinue, nil
	})
}

// replace puts with in n's place and moves n's children into it.
func replace(n, with ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		with.AppendChild(with, c)
		c = next
	}
	n.Parent().ReplaceChild(n.Parent(), n, with)
}

// unwrap replaces n by its children: the link text stays, the link goes.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// inLink reports whether n is inside a link, where an image turned link
// would nest anchors, which HTML forbids.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
	}
	return false
}

// hasLink reports whether n contains a link, which an image turned link
// could not hold either.
func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c.(type) {
		case *ast.Link, *ast.AutoLink:
			found = found || (entering && c != n)
		}
		return ast.WalkContinue, nil
	})
	return found
}
