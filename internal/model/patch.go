package model

import (
	"cmp"
	"slices"

	"dateline/internal/content"
)

// Edit is a new version of one entry document.
type Edit struct {
	Old, New *content.Entry
}

// Patched is what Patch changed.
type Patched struct {
	Entries []*Entry // the edited entries
	// Records are the records PatchRecords changed; Entries are then
	// the entries naming them.
	Records []*Record
	// Moved is set when an edited entry changed its place in the
	// timeline: the order of the entries, and of the lists of entries
	// that hold it, changed.
	Moved bool
}

// Patch applies edits to t, which Build made from the documents the edits
// start from, so that t becomes what Build would make of the edited
// documents. It handles the edits a maintainer makes most, rewording an
// entry (its title, summary, quotes and their dates) and correcting its
// date, which may move it in the timeline. Patch declines, and leaves t as
// it was, when an edit changes anything else (the entry's id, draft
// status, records, thread or related entries, which sources it cites in
// what order) or when an edited entry has a problem; then Build starts
// over, and reports the problems. opt must be the Options t was built
// with.
//
// The dev server patches instead of building again because Build is
// linear in the size of the site and an edit of one entry should not be.
// Patch modifies t and the entries, sources and evidence it holds; the
// caller must be their only user.
func Patch(t *Timeline, edits []Edit, opt Options) (Patched, bool) {
	if opt.Cache == nil {
		opt.Cache = NewCache()
	}
	b := &builder{t: t, drafts: map[string]bool{}, cache: opt.Cache}
	tx := texts{}
	news := make([]*Entry, len(edits))
	olds := make([]*Entry, len(edits))
	for i, ed := range edits {
		old := t.entries[ed.Old.ID]
		// Media needs the files content read, which Patch is not given.
		if old == nil || old.Path != ed.Old.Path || !sameShape(ed.Old, ed.New) || slices.Contains(olds, old) ||
			len(ed.Old.Media)+len(ed.New.Media) > 0 {
			return Patched{}, false
		}
		n := b.entry(ed.New, tx)
		for _, v := range ed.New.Related {
			if r := t.entries[v.Text]; r == nil || r == old {
				return Patched{}, false // a problem Build reports
			}
		}
		b.bodyRefs(ed.New)
		if len(b.errs) > 0 || len(n.Evidence) != len(old.Evidence) {
			return Patched{}, false
		}
		olds[i], news[i] = old, n
	}
	// The timeline keeps its order when every entry whose date changed
	// still sorts after the entry before it and before the entry after it.
	// An edited entry is compared as its new version, which has its id.
	edited := map[*Entry]*Entry{}
	for i, e := range olds {
		edited[e] = news[i]
	}
	now := func(e *Entry) *Entry {
		if n, ok := edited[e]; ok {
			return n
		}
		return e
	}
	before := func(x, y *Entry) bool {
		return x == nil || y == nil || timelineOrder(now(x), now(y)) < 0
	}
	moved := false
	for _, e := range olds {
		moved = moved || !before(e.Prev, e) || !before(e, e.Next)
	}

	// Nothing can fail from here on.
	t.edits++
	touched := map[*Source]bool{}
	for i, e := range olds {
		n := news[i]
		e.Title, e.Body, e.Date = n.Title, n.Body, n.Date
		// The same sources, in the same order (sameShape): each new
		// piece of evidence takes the old one's place in its source.
		gone := map[*Evidence]bool{}
		for _, ev := range e.Evidence {
			gone[ev] = true
			touched[ev.Source] = true
		}
		for _, ev := range e.Evidence {
			s := ev.Source
			s.Citations = slices.DeleteFunc(s.Citations, func(c *Evidence) bool { return gone[c] })
		}
		for _, ev := range n.Evidence {
			ev.Entry = e
			ev.Source.Citations = append(ev.Source.Citations, ev)
		}
		e.Evidence = n.Evidence
	}
	if moved {
		reorder(t, olds, opt.Cache)
	}
	// A new date can end a record's span, or stop ending it.
	for _, e := range olds {
		for _, group := range [][]*Record{e.Actors, e.Places, e.Topics, {e.Thread}} {
			for _, r := range group {
				if r != nil {
					r.settle()
				}
			}
		}
	}
	// As link orders them: by position in the text, then as they were
	// added, which is timeline order.
	for s := range touched {
		slices.SortFunc(s.Citations, func(x, y *Evidence) int {
			return cmp.Or(textOrder(x, y), cmp.Compare(x.Entry.Index, y.Entry.Index), cmp.Compare(x.Index, y.Index))
		})
	}
	return Patched{Entries: olds, Moved: moved}, true
}

// SourceEdit is a new version of one source document.
type SourceEdit struct {
	Old, New *content.Source
}

// PatchSources applies edits of source documents to t, as Patch applies
// edits of entries: a source's text, title, outlet, dates or any other of
// its fields. Every quote citing an edited source is found again in the
// new text; the entries citing it keep their place, and are returned as
// Patched.Entries, with new evidence. PatchSources declines, leaving t as
// it was, when a source's id or path changed, when a quote is no longer
// found exactly once (or its date_text not at all), when media credit the
// source (their player reads the source with the files content read) or
// when the new version has a problem; then Build starts over.
func PatchSources(t *Timeline, edits []SourceEdit, opt Options) (Patched, bool) {
	if opt.Cache == nil {
		opt.Cache = NewCache()
	}
	b := &builder{t: t, cache: opt.Cache}
	news := make([]*Source, len(edits))
	olds := make([]*Source, len(edits))
	// The new evidence of each citing entry, by position.
	evidence := map[*Entry][]*Evidence{}
	for i, ed := range edits {
		old := t.sources[ed.Old.ID]
		if old == nil || ed.New.Broken || ed.Old.Broken || old.Path != ed.Old.Path || ed.New.ID != ed.Old.ID || ed.New.Path != ed.Old.Path || slices.Contains(olds, old) {
			return Patched{}, false
		}
		n := b.source(ed.New)
		if len(b.errs) > 0 {
			return Patched{}, false
		}
		text := b.cache.text(n.Text)
		for _, ev := range old.Citations {
			spans, err := b.cache.find(text, ev.Quote, ev.Prefix, ev.Suffix)
			if err != nil || len(spans) != 1 || ev.DateText != "" && b.cache.count(text, ev.DateText) == 0 {
				return Patched{}, false
			}
			list, ok := evidence[ev.Entry]
			if !ok {
				list = slices.Clone(ev.Entry.Evidence)
				evidence[ev.Entry] = list
			}
			nev := *ev
			nev.Span = spans[0]
			list[ev.Index] = &nev
		}
		olds[i], news[i] = old, n
	}
	for _, e := range t.Entries {
		for _, m := range e.Media {
			if m.Source != nil && slices.Contains(olds, m.Source) {
				return Patched{}, false
			}
		}
	}

	// Nothing can fail from here on.
	t.edits++
	for i, s := range olds {
		n := news[i]
		// Entries and evidence point at s: it takes the new version's
		// data and keeps its lists, which are the same entries'.
		n.Citations, n.Entries = s.Citations, s.Entries
		*s = *n
	}
	var entries []*Entry
	for e, list := range evidence {
		e.Evidence = list
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(x, y *Entry) int { return cmp.Compare(x.Index, y.Index) })
	for _, s := range olds {
		for i, ev := range s.Citations {
			s.Citations[i] = ev.Entry.Evidence[ev.Index]
		}
		slices.SortFunc(s.Citations, func(x, y *Evidence) int {
			return cmp.Or(textOrder(x, y), cmp.Compare(x.Entry.Index, y.Entry.Index), cmp.Compare(x.Index, y.Index))
		})
	}
	slices.SortFunc(t.Sources, sourceOrder)
	return Patched{Entries: entries}, true
}

// RecordEdit is a new version of the registry file of a kind of record.
type RecordEdit struct {
	Kind     string
	Old, New []*content.Record
}

// PatchRecords applies edits of registry files to t, as Patch applies
// edits of entries: a record's name, aliases, description or any other of
// its fields. entries are all the site's entry documents: each of their
// references to a record (in their lists and in their summaries' links)
// must name the record it named before, which PatchRecords checks.
// It declines, leaving t as it was, when records were added, removed,
// reordered in their file or broken, when a reference would name another
// record or none (an alias or a name taken away) or when the new records
// have a problem (an alias that collides); then Build starts over, and
// reports the problems. It returns the records whose data changed as
// Patched.Records, and the entries naming them as Patched.Entries.
func PatchRecords(t *Timeline, edits []RecordEdit, entries []*content.Entry, opt Options) (Patched, bool) {
	if opt.Cache == nil {
		opt.Cache = NewCache()
	}
	b := &builder{t: t, broken: map[string]map[string]bool{}, cache: opt.Cache}
	aliases := map[string]map[string]*Record{} // kind -> the new table, to t's records
	news := map[*Record]*Record{}              // t's record -> its new version
	for _, ed := range edits {
		if aliases[ed.Kind] != nil || len(ed.Old) != len(ed.New) || len(ed.New) != len(t.Records(ed.Kind)) {
			return Patched{}, false
		}
		for i, n := range ed.New {
			if n.Broken || ed.Old[i].Broken || n.ID != ed.Old[i].ID || t.records[ed.Kind][n.ID] == nil {
				return Patched{}, false
			}
		}
		ids, table, _ := b.registry(ed.Kind, ed.New)
		if len(b.errs) > 0 {
			return Patched{}, false
		}
		aliases[ed.Kind] = map[string]*Record{}
		for k, n := range table {
			aliases[ed.Kind][k] = t.records[ed.Kind][n.ID]
		}
		for id, n := range ids {
			news[t.records[ed.Kind][id]] = n
		}
	}
	same := func(kind, ref string) bool {
		table, ok := aliases[kind]
		return !ok || table[Fold(ref)] == t.aliases[kind][Fold(ref)]
	}
	for _, ce := range entries {
		if e := t.entries[ce.ID]; e == nil || e.Path != ce.Path {
			continue // left out: its references were not resolved
		}
		for _, l := range []struct {
			kind string
			vs   []content.Value
		}{{"actor", ce.Actors}, {"place", ce.Places}, {"topic", ce.Topics}, {"thread", []content.Value{ce.Thread}}} {
			for _, v := range l.vs {
				if v.Text != "" && !same(l.kind, v.Text) {
					return Patched{}, false
				}
			}
		}
		for _, ref := range b.cache.Refs(ce.Body) {
			if !same(ref.Kind, ref.ID) {
				return Patched{}, false
			}
		}
	}

	// Nothing can fail from here on.
	t.edits++
	var changed []*Record
	for r, n := range news {
		if r.Name == n.Name && r.Type == n.Type && r.Description == n.Description && r.Wikidata == n.Wikidata &&
			r.Country == n.Country && sameFloat(r.Lat, n.Lat) && sameFloat(r.Lon, n.Lon) && slices.Equal(r.Aliases, n.Aliases) {
			continue
		}
		r.Name, r.Type, r.Description, r.Wikidata = n.Name, n.Type, n.Description, n.Wikidata
		r.Country, r.Lat, r.Lon, r.Aliases = n.Country, n.Lat, n.Lon, n.Aliases
		changed = append(changed, r)
	}
	for kind, table := range aliases {
		t.aliases[kind] = table
		if kind != "thread" {
			slices.SortFunc(t.Records(kind), recordOrder)
		}
	}
	slices.SortFunc(changed, func(x, y *Record) int { return cmp.Compare(x.Key(), y.Key()) })
	var es []*Entry
	seen := map[*Entry]bool{}
	for _, r := range changed {
		for _, e := range r.Entries {
			if !seen[e] {
				seen[e] = true
				es = append(es, e)
			}
		}
	}
	slices.SortFunc(es, func(x, y *Entry) int { return cmp.Compare(x.Index, y.Index) })
	return Patched{Entries: es, Records: changed}, true
}

func sameFloat(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// reorder sorts the timeline again after the entries moved changed their
// dates, and every list that holds one of them, as link orders them. The
// other entries keep their order among themselves, so a list without a
// moved entry keeps its order too.
func reorder(t *Timeline, moved []*Entry, c *Cache) {
	slices.SortFunc(t.Entries, timelineOrder)
	c.remember(t.Entries)
	for i, e := range t.Entries {
		e.Index = i
		e.Prev, e.Next = nil, nil
		if i > 0 {
			e.Prev = t.Entries[i-1]
			t.Entries[i-1].Next = e
		}
	}
	byIndex := func(x, y *Entry) int { return cmp.Compare(x.Index, y.Index) }
	lists := map[*[]*Entry]bool{}
	for _, e := range moved {
		for _, group := range [][]*Record{e.Actors, e.Places, e.Topics, {e.Thread}} {
			for _, r := range group {
				if r != nil {
					lists[&r.Entries] = true
				}
			}
		}
		for _, ev := range e.Evidence {
			lists[&ev.Source.Entries] = true
		}
		lists[&e.Related] = true
		for _, r := range e.Related {
			lists[&r.Related] = true
		}
	}
	for l := range lists {
		slices.SortFunc(*l, byIndex)
	}
	// Threads are ordered by their first entry, as link orders them.
	if slices.ContainsFunc(moved, func(e *Entry) bool { return e.Thread != nil }) {
		first := func(r *Record) int {
			if len(r.Entries) == 0 {
				return len(t.Entries) // threads without entries last, as link puts them
			}
			return r.Entries[0].Index
		}
		slices.SortStableFunc(t.Threads, func(x, y *Record) int { return cmp.Compare(first(x), first(y)) })
	}
}

// sameShape reports whether two versions of an entry document differ at
// most in what Patch can apply: the title, the date, the body and the
// wording of the evidence, each piece still quoting the same source.
func sameShape(a, b *content.Entry) bool {
	if a.ID != b.ID || a.Path != b.Path || a.Draft != b.Draft ||
		a.Thread.Text != b.Thread.Text || len(a.Evidence) != len(b.Evidence) {
		return false
	}
	for _, l := range [][2][]content.Value{{a.Actors, b.Actors}, {a.Places, b.Places}, {a.Topics, b.Topics}, {a.Related, b.Related}} {
		if !slices.EqualFunc(l[0], l[1], func(x, y content.Value) bool { return x.Text == y.Text }) {
			return false
		}
	}
	for i := range a.Evidence {
		if a.Evidence[i].Source.Text != b.Evidence[i].Source.Text {
			return false
		}
	}
	return true
}
