package render

import (
	"html/template"
	"text/template/parse"
)

// definition is one named template as parsed: its text (the parse tree
// printed back, so comments and trimmed space do not count) and the
// templates it invokes.
type definition struct {
	text  string
	calls []string
}

// definitions records every template of t before its first execution,
// when html/template rewrites the trees for escaping.
func definitions(t *template.Template) map[string]definition {
	defs := map[string]definition{}
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		d := definition{text: tt.Tree.Root.String()}
		walkCalls(tt.Tree.Root, &d.calls)
		defs[tt.Name()] = d
	}
	return defs
}

func walkCalls(n parse.Node, out *[]string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkCalls(c, out)
		}
	case *parse.TemplateNode:
		*out = append(*out, n.Name)
	case *parse.IfNode:
		walkCalls(n.List, out)
		walkCalls(n.ElseList, out)
	case *parse.RangeNode:
		walkCalls(n.List, out)
		walkCalls(n.ElseList, out)
	case *parse.WithNode:
		walkCalls(n.List, out)
		walkCalls(n.ElseList, out)
	}
}

// TemplatesChanged returns a report of which page templates (the names in
// Page.Template) may render differently with r than with old: those whose
// own definition, or the definition of any template they invoke, directly
// or not, differs between the two sets. With a nil old every template has
// changed. Pages with no template (data files) never have.
func (r *Renderer) TemplatesChanged(old *Renderer) func(name string) bool {
	differs := func(name string) bool {
		nd, inNew := r.defs[name]
		od, inOld := old.defs[name]
		return inNew != inOld || nd.text != od.text
	}
	memo := map[string]bool{}
	return func(name string) bool {
		if name == "" {
			return false
		}
		if old == nil {
			return true
		}
		if v, ok := memo[name]; ok {
			return v
		}
		v := r.reaches(name, differs)
		memo[name] = v
		return v
	}
}

// reaches reports whether f holds for name or any template it invokes,
// directly or not (recursion included).
func (r *Renderer) reaches(name string, f func(name string) bool) bool {
	seen := map[string]bool{name: true}
	queue := []string{name}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if f(n) {
			return true
		}
		for _, c := range r.defs[n].calls {
			if !seen[c] {
				seen[c] = true
				queue = append(queue, c)
			}
		}
	}
	return false
}
