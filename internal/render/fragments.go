package render

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"sync"
	"sync/atomic"

	"dateline/internal/model"
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
// Entry cards are rendered with a placeholder root (see Renderer.cards)
// and keyed by the page's template only when the card template reads it,
// so an "entry-card" or "embed-card" template may show the entry, the
// timeline, the view's methods, Root and Template, but nothing else
// specific to one page.
// An entry's fingerprint (its Key's, not its PageKey's) covers what lists
// show of it: not the titles of its neighbours or related entries.

// FragmentCache keeps rendered fragments between builds. It is safe for
// concurrent use.
type FragmentCache struct {
	mu   sync.Mutex
	objs map[string]*fragObj // model key -> its fragments
	gen  uint64              // of the last prepare (see fragObj.gen)

	subMu sync.Mutex
	subs  map[fragKey]int // fragment names, numbered (see Fragments.sub)

	skelMu sync.Mutex
	skels  map[string]skelMin // page path -> its last skeleton, minified

	limited bool         // see Limit
	room    atomic.Int64 // bytes the cache still takes, when limited
}

// Limit makes the cache keep at most about n bytes of fragments: once
// they are reached, fragments are rendered and not kept. A full build of
// a big site would otherwise hold a card of every entry for every
// template; the first ones kept are as useful as any. Call it before
// rendering.
func (c *FragmentCache) Limit(n int64) {
	c.limited = true
	c.room.Store(n)
}

// take reports whether the cache has room for n more bytes, taking them.
func (c *FragmentCache) take(n int) bool {
	return !c.limited || c.room.Add(-int64(n)) >= 0
}

// skelMin is a page's skeleton (see Fragments) as last minified. An edit
// of an entry's text changes the fragments of the pages listing it, not
// their skeletons, which are minified again only when they change.
type skelMin struct {
	sum [32]byte // SHA-256 of the skeleton as executed
	min []byte   // read only
}

// fragObj holds the fragments of one object. A page looks up one fragment
// of each of thousands of objects, mostly not in the processor's cache, so
// a lookup reads the object and little else: the first fragments are kept
// in the object itself, written once each before n counts them, and read
// without locking.
type fragObj struct {
	fp   uint64
	gen  uint64       // the prepare that found the object live
	n    atomic.Int32 // fragments in inline
	inl  [fragsInline]fragment
	more atomic.Pointer[[]fragment] // beyond inline; replaced, never changed
	mu   sync.Mutex                 // serialises writers
}

// fragsInline is the number of fragments most entries of a build have
// (their cards, their parts of the exports): four for nine in ten of a
// generated site's. The rest go in more. Every entry has an object for a
// whole build, cached fragments or not: at 12, the objects of 100,000
// entries were 45 MB, now 18.
const fragsInline = 4

// fragment is one rendered fragment. Its bytes are shared by every page
// that shows it and are never written to: pages hold them as pieces (see
// Parts).
type fragment struct {
	sub int // a number from FragmentCache.subs
	b   []byte
}

// fragKey names one fragment of an object: its sub, and whether it is the
// minified form (see MinifiedNamed).
type fragKey struct {
	sub string
	min bool
}

// find returns the fragment sub of o.
func (o *fragObj) find(sub int) ([]byte, bool) {
	n := int(o.n.Load())
	for i := range o.inl[:n] {
		if o.inl[i].sub == sub {
			return o.inl[i].b, true
		}
	}
	if n == fragsInline {
		if p := o.more.Load(); p != nil {
			for _, fr := range *p {
				if fr.sub == sub {
					return fr.b, true
				}
			}
		}
	}
	return nil, false
}

// store adds fragment sub of o, unless a concurrent render did.
func (o *fragObj) store(sub int, b []byte) {
	b = b[:len(b):len(b)] // so that no append by a reader writes into it
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.find(sub); ok {
		return
	}
	if n := o.n.Load(); n < fragsInline {
		o.inl[n] = fragment{sub, b}
		o.n.Store(n + 1)
		return
	}
	var old []fragment
	if p := o.more.Load(); p != nil {
		old = *p
	}
	list := make([]fragment, len(old), len(old)+1)
	copy(list, old)
	list = append(list, fragment{sub, b})
	o.more.Store(&list)
}

func (o *fragObj) len() int {
	n := int(o.n.Load())
	if p := o.more.Load(); p != nil {
		n += len(*p)
	}
	return n
}

// prepare makes room for the fragments of every object in fps, dropping
// those of objects whose fingerprint changed, and returns the generation
// it marked them with. Until the next prepare, Sweep or Reset, a
// Fragments of those fps looks objects up without locking the cache, as
// nothing adds or removes one.
func (c *FragmentCache) prepare(fps map[string]uint64) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k, fp := range fps {
		c.live(k, fp).gen = c.gen
	}
	return c.gen
}

// live returns the object of key at fingerprint fp, replacing one at
// another fingerprint, whose fragments are stale. The caller holds mu.
func (c *FragmentCache) live(key string, fp uint64) *fragObj {
	o := c.objs[key]
	if o == nil || o.fp != fp {
		o = &fragObj{fp: fp}
		c.objs[key] = o
	}
	return o
}

// NewFragmentCache returns an empty cache.
func NewFragmentCache() *FragmentCache {
	return &FragmentCache{objs: map[string]*fragObj{}, subs: map[fragKey]int{}, skels: map[string]skelMin{}}
}

// Reset drops every fragment (after a template or configuration change).
func (c *FragmentCache) Reset() {
	c.mu.Lock()
	clear(c.objs)
	c.mu.Unlock()
	c.skelMu.Lock()
	clear(c.skels)
	c.skelMu.Unlock()
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
		n += o.len()
	}
	return n
}

// sub numbers a fragment name. Numbers are never reused, so a fragment
// stored under one cannot be mistaken for another's.
func (c *FragmentCache) sub(k fragKey) int {
	c.subMu.Lock()
	defer c.subMu.Unlock()
	id, ok := c.subs[k]
	if !ok {
		id = len(c.subs)
		c.subs[k] = id
	}
	return id
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
	// Once is set by a build that keeps nothing for the next: the
	// fragments that a build shows on one page only (see Named.Once) are
	// rendered but not cached, since the cache would only hold them until
	// the build ends. At 10,000 entries they are half of its bytes.
	Once bool

	prepared bool      // Prepare was called
	gen      uint64    // what that Prepare numbered its objects
	lists    *listObjs // objects of lists of entries, once prepared
}

// listObjs holds the objects of the entries of lists, by list: the pages
// of one build show the same lists (the timeline's entries, its months,
// a record's), each looked up once rather than once per page.
type listObjs struct {
	mu sync.Mutex
	m  map[listKey][]*fragObj
}

// Prepare prepares the cache for rendering with f.FPs, making room for
// their objects and dropping those whose fingerprint changed: lookups then
// take no cache-wide lock. Neither
// f.FPs nor the cache's set of objects may change until rendering ends.
func (f *Fragments) Prepare() {
	if f == nil || f.Cache == nil {
		return
	}
	f.gen = f.Cache.prepare(f.FPs)
	f.prepared = true
	f.lists = &listObjs{m: map[listKey][]*fragObj{}}
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
		p.render = func() (Parts, error) {
			b, err := render()
			if err != nil {
				return nil, err
			}
			m, err := f.Minify(path, b.Bytes())
			return Parts{m}, err
		}
		p.minified = true
	}
}

// NewAssembledPage is NewPage for a page that minifies itself when f
// minifies (see Fragments), so Minified leaves it alone.
func NewAssembledPage(path string, deps []string, f *Fragments, render func() (Parts, error)) Page {
	return Page{Path: path, Deps: deps, render: render, minified: f.minifies()}
}

// Named is one fragment name of every object, for a page that gets it
// for many objects: the name is looked up once, not once per object.
type Named struct {
	f    *Fragments
	sub  int    // from FragmentCache.sub; -1 without a cache
	path string // minify as this file, when f minifies ("": do not)
}

// Named returns fragment sub, for Get.
func (f *Fragments) Named(sub string) Named { return f.named(fragKey{sub: sub}, "") }

// MinifiedNamed returns fragment sub minified as the file at path would
// minify it (when f minifies), for Get.
func (f *Fragments) MinifiedNamed(sub, path string) Named {
	if !f.minifies() {
		return f.Named(sub)
	}
	return f.named(fragKey{sub, true}, path)
}

func (f *Fragments) named(k fragKey, path string) Named {
	n := Named{f: f, sub: -1, path: path}
	if f != nil && f.Cache != nil {
		n.sub = f.Cache.sub(k)
	}
	return n
}

// Once is n for a fragment that a full build shows on one page only
// (timeline.json's entries, the calendar's events, the cards of the
// timeline's periods): when f.Once is set, it is not cached. A template
// that shows it on more pages costs renders, not correctness.
func (n Named) Once() Named {
	if n.f != nil && n.f.Once {
		n.sub = -1
	}
	return n
}

// Get is f.Get(key, sub, render) for the fragment n names (minified when
// n says so).
func (n Named) Get(key string, render func() (string, error)) (string, error) {
	b, err := n.Bytes(key, func() ([]byte, error) {
		s, err := render()
		return []byte(s), err
	})
	return string(b), err
}

// Bytes is Get for a fragment rendered as bytes, which the caller may
// keep but must not change: they are the cache's. Pages assembled from
// fragments this way hold them as pieces (see Parts), copying none.
func (n Named) Bytes(key string, render func() ([]byte, error)) ([]byte, error) {
	return n.bytes(n.obj(key), render)
}

// bytes is Bytes for the object o of the key (nil: not cached).
func (n Named) bytes(o *fragObj, render func() ([]byte, error)) ([]byte, error) {
	if o != nil {
		if b, ok := o.find(n.sub); ok {
			return b, nil
		}
	}
	b, err := render()
	if err != nil {
		return nil, err
	}
	if n.path != "" {
		if b, err = n.f.Minify(n.path, b); err != nil {
			return nil, err
		}
	}
	if o != nil && n.f.Cache.take(len(b)) {
		o.store(n.sub, b)
	}
	return b, nil
}

// List is the fragment n names of each of a list of entries.
type List struct {
	n       Named
	entries []*model.Entry
	objs    []*fragObj // by entry; nil: look each up
}

// List returns fragment n of each of entries, for Bytes. The list must
// not change until rendering ends, as lists of the model do not.
func (n Named) List(entries []*model.Entry) List {
	l := List{n: n, entries: entries}
	f := n.f
	if n.sub < 0 || !f.prepared || len(entries) == 0 {
		return l
	}
	k := listKey{&entries[0], len(entries)}
	f.lists.mu.Lock()
	objs, ok := f.lists.m[k]
	f.lists.mu.Unlock()
	if !ok {
		objs = make([]*fragObj, len(entries))
		for i, e := range entries {
			objs[i] = n.obj(e.Key())
		}
		// A build that renders each page once (Once) would keep the
		// objects of every page's list, used again by its embed only:
		// tens of megabytes at 100,000 entries, growing to the end.
		if !f.Once {
			f.lists.mu.Lock()
			f.lists.m[k] = objs
			f.lists.mu.Unlock()
		}
	}
	l.objs = objs
	return l
}

// Bytes is n.Bytes(entries[i].Key(), render).
func (l List) Bytes(i int, render func() ([]byte, error)) ([]byte, error) {
	if l.objs == nil {
		return l.n.Bytes(l.entries[i].Key(), render)
	}
	return l.n.bytes(l.objs[i], render)
}

// obj returns where the fragments of key are cached, or nil when they are
// not.
func (n Named) obj(key string) *fragObj {
	f := n.f
	if n.sub < 0 {
		return nil
	}
	c := f.Cache
	if f.prepared {
		// The set of objects does not change while f renders, and the
		// objects of f.FPs carry f's generation.
		if o := c.objs[key]; o != nil && o.gen == f.gen {
			return o
		}
		return nil
	}
	fp, ok := f.FPs[key]
	if !ok {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.live(key, fp)
}

// SpliceParts replaces the first occurrence of placeholder in doc by
// with (as Named.Bytes returns them), without copying any of them: the
// result shares their bytes (see Parts).
func SpliceParts(doc, placeholder []byte, with ...[]byte) (Parts, bool) {
	i := bytes.Index(doc, placeholder)
	if i < 0 {
		return nil, false
	}
	parts := make(Parts, 0, len(with)+2)
	parts = append(parts, doc[:i])
	parts = append(parts, with...)
	return append(parts, doc[i+len(placeholder):]), true
}

// SpliceBytes is SpliceParts copied together into one slice.
func SpliceBytes(doc, placeholder []byte, with ...[]byte) ([]byte, bool) {
	parts, ok := SpliceParts(doc, placeholder, with...)
	return parts.Bytes(), ok
}

// skeleton collects the fragments of one page rendered with markers.
type skeleton struct {
	off   bool       // render fragments in place (the fallback)
	cards [][][]byte // minified cards, in page order, by marker
	ld    [][]byte   // the minified JSON-LD item list, when the page has one
}

// cardMarker stands for a run of cards in a skeleton; the minifier keeps
// it as is.
const cardMarker = "<li data-dateline-card></li>"

// assemble puts the fragments into the minified skeleton, sharing the
// bytes of both (see Parts). It fails when the markers are not exactly where the
// fragments go (a template that shows a card in an odd place, say); the
// caller then renders the page whole.
func (sk *skeleton) assemble(m []byte) (Parts, bool) {
	type insert struct {
		at, n int // the marker replaced
		parts [][]byte
	}
	var ins []insert
	n := 1 // parts, with the page's end
	if sk.ld != nil {
		i := bytes.Index(m, ldItemsEncoded)
		if i < 0 || bytes.Contains(m[i+len(ldItemsEncoded):], ldItemsEncoded) {
			return nil, false
		}
		// The parts are JSON from json.Marshal (see spliceItems), which
		// holds neither marker: "<" is escaped, and the item list's key
		// never occurs in an item. So the page holds exactly the markers
		// of the skeleton.
		ins = append(ins, insert{i, len(ldItemsEncoded), sk.ld})
		n += 1 + len(sk.ld)
	}
	if len(sk.cards) > 0 {
		marker := []byte(cardMarker)
		if bytes.Count(m, marker) != len(sk.cards) {
			return nil, false
		}
		off := 0
		for _, run := range sk.cards {
			i := off + bytes.Index(m[off:], marker)
			ins = append(ins, insert{i, len(marker), run})
			off = i + len(marker)
			n += 1 + len(run)
		}
		slices.SortFunc(ins, func(a, b insert) int { return a.at - b.at })
	}
	parts := make(Parts, 0, n)
	prev := 0
	for _, x := range ins {
		parts = append(parts, m[prev:x.at])
		parts = append(parts, x.parts...)
		prev = x.at + x.n
	}
	return append(parts, m[prev:]), true
}

// page renders a page with template tmpl and data, whose view shares sk.
// When f minifies, the page is minified, assembled from its minified
// fragments when it has any.
func (r *Renderer) page(f *Fragments, path, tmpl string, data any, sk *skeleton) (Parts, error) {
	if !f.minifies() {
		b, err := r.execute(tmpl, data)
		return Parts{b}, err
	}
	// The page as executed is only read by the minifier, so its buffer
	// is reused for the next page.
	buf := r.getBuf()
	defer r.putBuf(buf)
	if err := r.executeTo(buf, tmpl, data); err != nil {
		return nil, err
	}
	if sk.cards == nil && sk.ld == nil {
		m, err := minifyOwned(f, path, buf.Bytes())
		return Parts{m}, err
	}
	m, err := f.minifySkeleton(path, buf.Bytes())
	if err != nil {
		return nil, err
	}
	if out, ok := sk.assemble(m); ok {
		return out, nil
	}
	sk.off, sk.cards, sk.ld = true, nil, nil
	buf.Reset()
	if err := r.executeTo(buf, tmpl, data); err != nil {
		return nil, err
	}
	m, err = minifyOwned(f, path, buf.Bytes())
	return Parts{m}, err
}

// minifySkeleton is minifyOwned for the skeleton of the page at path,
// whose bytes the caller only reads: the same skeleton as last time is
// not minified again. A build that keeps nothing for the next (Once)
// renders each page once, and keeps no skeleton: at 10,000 entries they
// were tens of megabytes held until the build ended.
func (f *Fragments) minifySkeleton(path string, b []byte) ([]byte, error) {
	c := f.Cache
	if c == nil || f.Once {
		return minifyOwned(f, path, b)
	}
	sum := sha256.Sum256(b)
	c.skelMu.Lock()
	s, ok := c.skels[path]
	c.skelMu.Unlock()
	if ok && s.sum == sum {
		return s.min, nil
	}
	m, err := minifyOwned(f, path, b)
	if err != nil {
		return nil, err
	}
	c.skelMu.Lock()
	c.skels[path] = skelMin{sum, m}
	c.skelMu.Unlock()
	return m, nil
}

// minifyOwned is f.Minify(path, b) returning bytes that do not share b's
// memory, which the caller reuses.
func minifyOwned(f *Fragments, path string, b []byte) ([]byte, error) {
	m, err := f.Minify(path, b)
	if err == nil && len(m) > 0 && len(b) > 0 && &m[0] == &b[0] {
		m = bytes.Clone(m)
	}
	return m, err
}

// Get returns fragment sub of the model object key, rendering it with
// render unless the cache holds it for the object's current fingerprint.
// Errors are not cached.
func (f *Fragments) Get(key, sub string, render func() (string, error)) (string, error) {
	return f.Named(sub).Get(key, render)
}
