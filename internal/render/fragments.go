package render

import (
	"bytes"
	"sync"
)

// Fragments: the timeline-wide outputs (the timeline page and its embed,
// record pages, timeline.json, the exports) show every entry, each through
// the same small piece of output: a card, a JSON-LD item, a JSON object, a
// calendar event. Those pieces are rendered through Fragments.Get, keyed by
// the entry and by a fingerprint of everything the piece can show of it,
// and the big outputs are assembled from them. A build without a cache
// (Build) renders every piece; the dev server's incremental builder keeps a
// FragmentCache from one build to the next, so after an edit only the
// pieces of the entries whose fingerprint changed are rendered again. Both
// assemble the outputs the same way, so they produce the same bytes.
//
// A fragment must be a function of its object's fingerprint, the
// fragment's name (sub), the templates and the site configuration: the
// owner of the cache resets it when templates or configuration change.
// Entry cards are keyed by the page's depth (Root) and template, so an
// "entry-card" or "embed-card" template may show the entry, the timeline
// and the view's methods and Root, but nothing else specific to one page.

// FragmentCache keeps rendered fragments between builds. It is safe for
// concurrent use.
type FragmentCache struct {
	mu   sync.Mutex
	objs map[string]*fragObj // model key -> its fragments
}

type fragObj struct {
	fp uint64
	m  map[string]string // sub -> fragment
}

// NewFragmentCache returns an empty cache.
func NewFragmentCache() *FragmentCache {
	return &FragmentCache{objs: map[string]*fragObj{}}
}

// Reset drops every fragment (after a template or configuration change).
func (c *FragmentCache) Reset() {
	c.mu.Lock()
	clear(c.objs)
	c.mu.Unlock()
}

// Sweep drops the fragments of objects that are gone or whose fingerprint
// changed, which bounds the cache by the site.
func (c *FragmentCache) Sweep(fps map[string]uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, o := range c.objs {
		if fp, ok := fps[k]; !ok || fp != o.fp {
			delete(c.objs, k)
		}
	}
}

// Len is the number of fragments held.
func (c *FragmentCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, o := range c.objs {
		n += len(o.m)
	}
	return n
}

// Fragments is what one build renders fragments with: a cache and the
// fingerprints of the timeline's model objects ("entry:x" -> hash). A nil
// *Fragments, or one without a cache, renders every fragment.
//
// With Minify set, pages come out minified: a page made of fragments is
// rendered with a marker in place of each fragment, minified, and the
// fragments, minified one by one (and cached so), are put in place of the
// markers; other pages are minified whole. Minifying the big pages thus
// costs what their skeleton costs, not what all their entries do.
type Fragments struct {
	Cache  *FragmentCache
	FPs    map[string]uint64
	Minify func(path string, data []byte) ([]byte, error)
}

// minifies reports whether pages are minified as they are rendered.
func (f *Fragments) minifies() bool { return f != nil && f.Minify != nil }

// Minified makes the pages' output minified when f minifies (see
// Fragments); pages that assemble themselves from minified fragments are
// left as they are.
func (f *Fragments) Minified(ps []Page) {
	if !f.minifies() {
		return
	}
	for i := range ps {
		p := &ps[i]
		if p.minified {
			continue
		}
		render, path := p.render, p.Path
		p.render = func() ([]byte, error) {
			b, err := render()
			if err != nil {
				return nil, err
			}
			return f.Minify(path, b)
		}
		p.minified = true
	}
}

// NewAssembledPage is NewPage for a page that minifies itself when f
// minifies (see Fragments), so Minified leaves it alone.
func NewAssembledPage(path string, deps []string, f *Fragments, render func() ([]byte, error)) Page {
	return Page{Path: path, Deps: deps, render: render, minified: f.minifies()}
}

// MinifiedFragment is Get for a fragment that is minified as the file at
// path would minify it (when f minifies).
func (f *Fragments) MinifiedFragment(key, sub, path string, render func() (string, error)) (string, error) {
	if !f.minifies() {
		return f.Get(key, sub, render)
	}
	return f.Get(key, sub+"\x00min", func() (string, error) {
		s, err := render()
		if err != nil {
			return "", err
		}
		m, err := f.Minify(path, []byte(s))
		return string(m), err
	})
}

// Splice replaces the first occurrence of placeholder in doc by with.
func Splice(doc, placeholder []byte, with ...string) ([]byte, bool) {
	i := bytes.Index(doc, placeholder)
	if i < 0 {
		return nil, false
	}
	n := len(doc) - len(placeholder)
	for _, s := range with {
		n += len(s)
	}
	out := make([]byte, 0, n)
	out = append(out, doc[:i]...)
	for _, s := range with {
		out = append(out, s...)
	}
	return append(out, doc[i+len(placeholder):]...), true
}

// skeleton collects the fragments of one page rendered with markers.
type skeleton struct {
	off   bool       // render fragments in place (the fallback)
	cards [][]string // minified cards, in page order, by marker
	ld    []string   // the minified JSON-LD item list, when the page has one
}

// cardMarker stands for a run of cards in a skeleton; the minifier keeps
// it as is.
const cardMarker = "<li data-dateline-card></li>"

// assemble puts the fragments into the minified skeleton. It fails when
// the markers are not exactly where the fragments go (a template that
// shows a card in an odd place, say); the caller then renders the page
// whole.
func (sk *skeleton) assemble(m []byte) ([]byte, bool) {
	if sk.ld != nil {
		var ok bool
		if m, ok = Splice(m, ldItemsEncoded, sk.ld...); !ok || bytes.Contains(m, ldItemsEncoded) {
			return nil, false
		}
	}
	if len(sk.cards) == 0 {
		return m, true
	}
	marker := []byte(cardMarker)
	if bytes.Count(m, marker) != len(sk.cards) {
		return nil, false
	}
	n := len(m) - len(sk.cards)*len(marker)
	for _, run := range sk.cards {
		for _, c := range run {
			n += len(c)
		}
	}
	out := make([]byte, 0, n)
	for _, run := range sk.cards {
		i := bytes.Index(m, marker)
		out = append(out, m[:i]...)
		for _, c := range run {
			out = append(out, c...)
		}
		m = m[i+len(marker):]
	}
	return append(out, m...), true
}

// page renders a page with template tmpl and data, whose view shares sk.
// When f minifies, the page is minified, assembled from its minified
// fragments when it has any.
func (r *Renderer) page(f *Fragments, path, tmpl string, data any, sk *skeleton) ([]byte, error) {
	b, err := r.execute(tmpl, data)
	if err != nil || !f.minifies() {
		return b, err
	}
	m, err := f.Minify(path, b)
	if err != nil || sk.cards == nil && sk.ld == nil {
		return m, err
	}
	if out, ok := sk.assemble(m); ok {
		return out, nil
	}
	sk.off, sk.cards, sk.ld = true, nil, nil
	if b, err = r.execute(tmpl, data); err != nil {
		return nil, err
	}
	return f.Minify(path, b)
}

// Get returns fragment sub of the model object key, rendering it with
// render unless the cache holds it for the object's current fingerprint.
// Errors are not cached.
func (f *Fragments) Get(key, sub string, render func() (string, error)) (string, error) {
	if f == nil || f.Cache == nil {
		return render()
	}
	fp, ok := f.FPs[key]
	if !ok {
		return render()
	}
	c := f.Cache
	c.mu.Lock()
	o := c.objs[key]
	if o == nil || o.fp != fp {
		o = &fragObj{fp: fp, m: map[string]string{}}
		c.objs[key] = o
	}
	s, hit := o.m[sub]
	c.mu.Unlock()
	if hit {
		return s, nil
	}
	s, err := render()
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	if c.objs[key] == o {
		o.m[sub] = s
	}
	c.mu.Unlock()
	return s, nil
}
