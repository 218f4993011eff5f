package model

import (
	"sync"
	"sync/atomic"

	"dateline/internal/markdown"
	"dateline/internal/quote"
)

// Cache remembers the expensive, pure parts of Build between builds of the
// same site, which the dev server runs on every save: the prepared text of
// each source, the result of every quote search and the cross references
// of every Markdown body. Each result is a function of its key alone, so a
// cached build resolves exactly as an uncached one. Entries not used by a
// build are dropped at its end, which bounds the cache by the site.
//
// A Cache is safe for concurrent use, but Builds sharing one should not
// overlap: each sweeps what the other may still need.
type Cache struct {
	mu    sync.RWMutex // hits are looked up under the read lock
	md    *markdown.Renderer
	texts map[string]*cached[*quote.Text]
	finds map[findKey]*cached[findResult]
	all   map[findKey]*cached[int]
	refs  map[string]*cached[[]markdown.Ref]
	gen   uint64
	order map[string]int // entry id -> position in the last timeline
}

type cached[T any] struct {
	once sync.Once // computes v
	v    T
	gen  atomic.Uint64 // last build that used it
}

// get returns m[k], marking it used by this build, computing it with f
// the first time. The map's lock is held only to find or add the cell:
// f runs outside it, under the cell's own Once, so that a build's workers
// compute different keys in parallel and each key once.
func get[K comparable, T any](c *Cache, m map[K]*cached[T], k K, f func() T) T {
	c.mu.RLock()
	e, ok := m[k]
	gen := c.gen
	c.mu.RUnlock()
	if !ok {
		c.mu.Lock()
		if e, ok = m[k]; !ok {
			e = &cached[T]{}
			m[k] = e
		}
		gen = c.gen
		c.mu.Unlock()
	}
	e.gen.Store(gen)
	e.once.Do(func() { e.v = f() })
	return e.v
}

type findKey struct {
	text                  *quote.Text
	quote, prefix, suffix string
}

type findResult struct {
	spans []quote.Span
	err   error
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{
		md:    markdown.New(),
		texts: map[string]*cached[*quote.Text]{},
		finds: map[findKey]*cached[findResult]{},
		all:   map[findKey]*cached[int]{},
		refs:  map[string]*cached[[]markdown.Ref]{},
	}
}

// Refs returns the cross references of a Markdown body (see markdown.Refs).
// The slice is shared: callers must not modify it.
func (c *Cache) Refs(body string) []markdown.Ref {
	return get(c, c.refs, body, func() []markdown.Ref { return c.md.Refs([]byte(body)) })
}

// SeedRefs gives the cache the cross references of a body, as Refs
// computed them in an earlier process of the same program, so that this
// one need not parse the body again.
func (c *Cache) SeedRefs(body string, refs []markdown.Ref) {
	e := &cached[[]markdown.Ref]{v: refs}
	e.once.Do(func() {}) // spent: get finds the value computed, and keeps it
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.refs[body]; !ok {
		e.gen.Store(c.gen)
		c.refs[body] = e
	}
}

// presort puts entries in the order of the last build (new ones last), so
// that sorting them by date, a total order, has little left to do.
func (c *Cache) presort(entries []*Entry) {
	c.mu.Lock()
	order := c.order
	c.mu.Unlock()
	if len(order) == 0 {
		return
	}
	// Each entry goes to its last position (ids are unique), new ones
	// after them in the order they came: a stable sort by position,
	// without comparisons.
	slots := make([]*Entry, len(order))
	var rest []*Entry
	for _, e := range entries {
		if i, ok := order[e.ID]; ok && slots[i] == nil {
			slots[i] = e
		} else {
			rest = append(rest, e)
		}
	}
	n := 0
	for _, e := range slots {
		if e != nil {
			entries[n] = e
			n++
		}
	}
	copy(entries[n:], rest)
}

// remember records the order of a timeline's entries for the next presort.
func (c *Cache) remember(entries []*Entry) {
	order := make(map[string]int, len(entries))
	for i, e := range entries {
		order[e.ID] = i
	}
	c.mu.Lock()
	c.order = order
	c.mu.Unlock()
}

func (c *Cache) begin() {
	c.mu.Lock()
	c.gen++
	c.mu.Unlock()
}

// sweep drops what the build that just ended did not use.
func (c *Cache) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	sweepMap(c.texts, c.gen)
	sweepMap(c.finds, c.gen)
	sweepMap(c.all, c.gen)
	sweepMap(c.refs, c.gen)
}

func sweepMap[K comparable, T any](m map[K]*cached[T], gen uint64) {
	for k, e := range m {
		if e.gen.Load() != gen {
			delete(m, k)
		}
	}
}

func (c *Cache) text(src string) *quote.Text {
	return get(c, c.texts, src, func() *quote.Text { return quote.Prepare(src) })
}

func (c *Cache) find(t *quote.Text, q, prefix, suffix string) ([]quote.Span, error) {
	r := get(c, c.finds, findKey{t, q, prefix, suffix}, func() findResult {
		spans, err := t.Find(q, prefix, suffix)
		return findResult{spans, err}
	})
	return r.spans, r.err
}

func (c *Cache) count(t *quote.Text, q string) int {
	return get(c, c.all, findKey{text: t, quote: q}, func() int { return len(t.FindAll(q)) })
}
