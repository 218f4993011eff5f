package render

import (
	"html/template"
	"sync"

	"dateline/internal/edtf"
	"dateline/internal/locale"
	"dateline/internal/model"
)

// memo keeps rendered entry summaries for one timeline. A summary appears on
// every card of the entry (the timeline, its year, its records' pages and
// their embeds), and goldmark is the most expensive step of rendering, so
// each is rendered once, with the placeholder root of cards (see
// Renderer.cards): its HTML depends only on the timeline (which references
// resolve). It also keeps what several pages derive
// from the dates of one list of entries. A different timeline resets the
// memo, so it never serves stale HTML and never grows beyond one site; so
// does a patch that gives entries new dates (see Renderer.Redated).
type memo struct {
	loc *locale.Locale // the labels' language, for the renderer's life
	// once is set for a renderer that renders each page once (see
	// Renderer.Once): the groups of a page's list are not kept.
	once   bool
	mu     sync.Mutex
	t      *model.Timeline
	html   map[string]memoHTML // by summary source
	groups map[listKey][]yearGroup
	ends   map[listKey]edtf.Date // latestEnd of a list
	eras   map[struct{}][]era    // of t
	// Periods(t, size) by size.
	periods map[int][]*Period
	axes    map[listKey]*axisData
}

// listKey identifies a list of entries of the timeline (t.Entries, a
// record's): where its elements are. Lists of the model do not change, so
// the same elements are the same list; model.Patch changes no list either.
type listKey struct {
	first **model.Entry
	n     int
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
		m.html = map[string]memoHTML{}
		m.groups = map[listKey][]yearGroup{}
		m.ends = map[listKey]edtf.Date{}
		m.eras = map[struct{}][]era{}
		m.periods = map[int][]*Period{}
		m.axes = map[listKey]*axisData{}
	}
}

// forget starts over at the next lookup.
func (m *memo) forget() {
	m.mu.Lock()
	m.t = nil
	m.mu.Unlock()
}

// memoize returns the value under k in the table of m that table names,
// for timeline t, computing it with f the first time. f runs unlocked, so
// pages rendering at once may both compute a value; they compute the same.
func memoize[K comparable, V any](m *memo, t *model.Timeline, table func() map[K]V, k K, f func() V) V {
	m.mu.Lock()
	m.reset(t)
	v, ok := table()[k]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = f()
	m.mu.Lock()
	if m.t == t { // not reset meanwhile
		table()[k] = v
	}
	m.mu.Unlock()
	return v
}

// get returns the HTML of the summary src, rendering it with render the
// first time.
func (m *memo) get(t *model.Timeline, src string, render func() (template.HTML, error)) (template.HTML, error) {
	r := memoize(m, t, func() map[string]memoHTML { return m.html }, src, func() memoHTML {
		h, err := render()
		return memoHTML{h, err}
	})
	return r.h, r.err
}

// groupsOf returns groups(entries) of t. A list shows on a page and on its
// embed, both rendered after an edit of one of its entries; the groups
// are read only.
func (m *memo) groupsOf(t *model.Timeline, entries []*model.Entry) []yearGroup {
	if len(entries) == 0 {
		return nil
	}
	if m.once {
		return groups(entries, m.loc)
	}
	return memoize(m, t, func() map[listKey][]yearGroup { return m.groups }, listKey{&entries[0], len(entries)},
		func() []yearGroup { return groups(entries, m.loc) })
}

// erasOf returns eras(t). The timeline, every thread page and the threads
// index show them, and placing them takes a pass over every thread's
// entries.
func (m *memo) erasOf(t *model.Timeline) []era {
	return memoize(m, t, func() map[struct{}][]era { return m.eras }, struct{}{}, func() []era { return eras(t) })
}

// latestEndOf returns latestEnd(entries) of t, which a list's page (its
// JSON-LD coverage) and its embed (its span) both state.
func (m *memo) latestEndOf(t *model.Timeline, entries []*model.Entry) edtf.Date {
	return memoize(m, t, func() map[listKey]edtf.Date { return m.ends }, listKey{&entries[0], len(entries)},
		func() edtf.Date { return latestEnd(entries) })
}

// periodsOf returns Periods(t, size): every paginated page of the timeline
// looks its period up.
func (m *memo) periodsOf(t *model.Timeline, size int) []*Period {
	return memoize(m, t, func() map[int][]*Period { return m.periods }, size, func() []*Period { return PeriodsIn(t, size, m.loc) })
}

// axisOf returns axisOf(entries) of t: a list's axis is drawn on each of
// its pages.
func (m *memo) axisOf(t *model.Timeline, entries []*model.Entry) *axisData {
	return memoize(m, t, func() map[listKey]*axisData { return m.axes }, listKey{&entries[0], len(entries)},
		func() *axisData { return axisOf(entries) })
}
