package render

import (
	"html/template"
	"sync"

	"dateline/internal/edtf"
	"dateline/internal/model"
)

// memo keeps rendered entry summaries for one timeline. A summary appears on
// the entry's own page, the timeline, every record page that lists the
// entry and their embeds, and goldmark is the most expensive step of
// rendering, so each summary is rendered once per page depth: its HTML
// depends only on the timeline (which references resolve) and on the
// page's Root (relative links). A different timeline resets the memo, so it
// never serves stale HTML and never grows beyond one site.
type memo struct {
	mu     sync.Mutex
	t      *model.Timeline
	html   map[memoKey]memoHTML
	plain  map[string]string
	groups map[listKey][]yearGroup
	ends   map[listKey]edtf.Date // latestEnd of a list
	eras   []era                 // of t, when erasOK
	erasOK bool
}

// listKey identifies a list of entries of the timeline (t.Entries, a
// record's): where its elements are. Lists of the model do not change, so
// the same elements are the same list. model.Patch changes neither lists
// nor dates, so what the memo derives from them (groups, eras, ends) holds
// for a patched timeline too.
type listKey struct {
	first **model.Entry
	n     int
}

type memoKey struct {
	root, src string
	blank     bool // links open outside the page (see view.EmbedMarkdown)
}

type memoHTML struct {
	h   template.HTML
	err error
}

// reset starts over when t is not the timeline the memo holds. The caller
// holds mu.
func (m *memo) reset(t *model.Timeline) {
	if m.t != t || m.html == nil {
		m.t = t
		m.html = map[memoKey]memoHTML{}
		m.plain = map[string]string{}
		m.groups = map[listKey][]yearGroup{}
		m.ends = map[listKey]edtf.Date{}
		m.eras, m.erasOK = nil, false
	}
}

// forget starts over at the next lookup.
func (m *memo) forget() {
	m.mu.Lock()
	m.t = nil
	m.mu.Unlock()
}

// summary returns the HTML of src on a page at root, rendering it with
// render the first time.
func (m *memo) summary(t *model.Timeline, root, src string, render func() (template.HTML, error)) (template.HTML, error) {
	return m.get(t, memoKey{root: root, src: src}, render)
}

// get returns the HTML memoized under k, rendering it with render the
// first time.
func (m *memo) get(t *model.Timeline, k memoKey, render func() (template.HTML, error)) (template.HTML, error) {
	m.mu.Lock()
	m.reset(t)
	r, ok := m.html[k]
	m.mu.Unlock()
	if ok {
		return r.h, r.err
	}
	h, err := render()
	m.mu.Lock()
	if m.t == t {
		m.html[k] = memoHTML{h, err}
	}
	m.mu.Unlock()
	return h, err
}

// text returns the plain text of src, computing it with plain the first
// time.
func (m *memo) text(t *model.Timeline, src string, plain func() string) string {
	m.mu.Lock()
	m.reset(t)
	s, ok := m.plain[src]
	m.mu.Unlock()
	if ok {
		return s
	}
	s = plain()
	m.mu.Lock()
	if m.t == t {
		m.plain[src] = s
	}
	m.mu.Unlock()
	return s
}

// groupsOf returns groups(entries) of t. A list shows on a page and on its
// embed, both rendered after an edit of one of its entries; the groups
// are read only.
func (m *memo) groupsOf(t *model.Timeline, entries []*model.Entry) []yearGroup {
	if len(entries) == 0 {
		return nil
	}
	k := listKey{&entries[0], len(entries)}
	m.mu.Lock()
	m.reset(t)
	g, ok := m.groups[k]
	m.mu.Unlock()
	if ok {
		return g
	}
	g = groups(entries)
	m.mu.Lock()
	if m.t == t {
		m.groups[k] = g
	}
	m.mu.Unlock()
	return g
}

// erasOf returns eras(t). The timeline, every thread page and the threads
// index show them, and placing them takes a pass over every thread's
// entries.
func (m *memo) erasOf(t *model.Timeline) []era {
	m.mu.Lock()
	m.reset(t)
	e, ok := m.eras, m.erasOK
	m.mu.Unlock()
	if ok {
		return e
	}
	e = eras(t)
	m.mu.Lock()
	if m.t == t {
		m.eras, m.erasOK = e, true
	}
	m.mu.Unlock()
	return e
}

// latestEndOf returns latestEnd(entries) of t, which a list's page (its
// JSON-LD coverage) and its embed (its span) both state.
func (m *memo) latestEndOf(t *model.Timeline, entries []*model.Entry) edtf.Date {
	k := listKey{&entries[0], len(entries)}
	m.mu.Lock()
	m.reset(t)
	d, ok := m.ends[k]
	m.mu.Unlock()
	if ok {
		return d
	}
	d = latestEnd(entries)
	m.mu.Lock()
	if m.t == t {
		m.ends[k] = d
	}
	m.mu.Unlock()
	return d
}
