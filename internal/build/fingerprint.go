package build

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"

	"dateline/internal/content"
	"dateline/internal/model"
	"dateline/internal/render"
	"dateline/internal/search"
)

// Fingerprints.
//
// A page's Deps name the model objects whose data it shows. A page also
// shows, through those objects, a little of their neighbours: an entry card
// on an actor page names the entry's other actors and its thread, an entry
// page the titles of the entries before and after it. So each fingerprint
// covers an object's own data plus what is shown of the objects it links
// to; lists of linked objects are covered by id, their data by their own
// keys when the page lists them in its deps. An entry has two keys: its
// Key for what lists show of it, render.PageKey for its own page, which
// adds the titles and dates of the entries it names.

type fp struct{ h maphash.Hash }

func (f *fp) str(s string) {
	f.h.WriteString(s)
	f.h.WriteByte(0)
}

func (f *fp) int(i int) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(i))
	f.h.Write(b[:])
}

func (f *fp) u64(u uint64) { f.int(int(u)) }

func (f *fp) flag(v bool) {
	if v {
		f.h.WriteByte(1)
	} else {
		f.h.WriteByte(0)
	}
}

// strs hashes a list of strings, its length first so that lists cannot
// run into each other.
func (f *fp) strs(list []string) {
	f.int(len(list))
	for _, x := range list {
		f.str(x)
	}
}

// entries hashes which entries a list holds, in order.
func (f *fp) entries(list []*model.Entry) {
	f.int(len(list))
	for _, e := range list {
		f.str(e.ID)
	}
}

func (f *fp) float(p *float64) {
	f.flag(p != nil)
	if p != nil {
		f.u64(math.Float64bits(*p))
	}
}

// fingerprinter hashes the objects of one timeline. It keeps the hashes of
// what objects show of each other (a record's own data on an entry's card,
// a source's on an entry page), so that after a model.Patch, which changes
// neither records nor sources' own data, only what the patch touched is
// hashed again (see again).
type fingerprinter struct {
	seed   maphash.Seed
	cache  *model.Cache
	t      *model.Timeline
	own    map[*model.Record]uint64
	srcOwn map[*model.Source]uint64
	dates  []string // each entry's date, formatted, by position
	// threads holds each thread's position, which gives its colour.
	threads map[*model.Record]int
	// The timeline's years and months, when it has pages for them: an
	// entry's page links to where the timeline lists it.
	periods []*render.Period
}

func (x *fingerprinter) newFP() *fp {
	f := &fp{}
	f.h.SetSeed(x.seed)
	return f
}

// all hashes every model object of x.t by key ("entry:x", ...).
func (x *fingerprinter) all() map[string]uint64 {
	t := x.t
	out := make(map[string]uint64, len(t.Entries)+len(t.Sources)+64)

	x.own = map[*model.Record]uint64{}
	x.placeThreads()
	for _, kind := range content.RegistryKinds() {
		for i, r := range t.Records(kind) {
			out[r.Key()] = x.record(r, i)
			out[search.NamesKey(r)] = x.names(r)
		}
	}

	x.srcOwn = map[*model.Source]uint64{}
	for _, s := range t.Sources {
		out[s.Key()] = x.source(s)
	}
	out[render.RestKey] = x.rest(out)
	out[render.SourceListKey] = x.sourceList()
	out[render.ListKey] = x.list()

	// Each entry's date is written into its own fingerprint and its
	// neighbours': format it once.
	x.dates = make([]string, len(t.Entries))
	for i, e := range t.Entries {
		x.dates[i] = e.Date.String()
	}
	x.periods = render.Periods(t, t.Config.PageSize)
	for _, y := range x.periods {
		out[y.Key()] = x.period(y)
		for _, m := range y.Months {
			out[m.Key()] = x.period(m)
		}
	}
	for _, e := range t.Entries {
		x.entryKeys(out, e)
	}
	out[render.EntriesKey] = x.allEntries(out)
	order := x.newFP()
	order.entries(t.Entries)
	out[search.OrderKey] = order.h.Sum64()
	return out
}

// allEntries hashes every entry, in order, as lists show it, from its
// fingerprint in fps (see render.EntriesKey).
func (x *fingerprinter) allEntries(fps map[string]uint64) uint64 {
	f := x.newFP()
	f.int(len(x.t.Entries))
	for _, e := range x.t.Entries {
		f.str(e.ID)
		f.u64(fps[e.Key()])
	}
	return f.h.Sum64()
}

// sourceList hashes the sources in order with what entries show of each
// (see render.SourceListKey); source must have filled srcOwn.
func (x *fingerprinter) sourceList() uint64 {
	f := x.newFP()
	f.int(len(x.t.Sources))
	for _, s := range x.t.Sources {
		f.str(s.ID)
		f.u64(x.srcOwn[s])
	}
	return f.h.Sum64()
}

// period hashes what the pages of a year or month show besides their
// entries' cards: which entries it holds, its months and its neighbours.
func (x *fingerprinter) period(p *render.Period) uint64 {
	f := x.newFP()
	f.str(p.Path)
	f.str(p.Label)
	x.datedEntries(f, p.Entries) // and its time axis
	x.bands(f, p.Entries)
	f.int(len(p.Months))
	for _, m := range p.Months {
		f.str(m.Path)
		f.str(m.Label)
		f.int(len(m.Entries))
	}
	for _, n := range []*render.Period{p.Year, p.Prev, p.Next} {
		if n != nil {
			f.str(n.Path)
			f.str(n.Label)
		} else {
			f.str("")
		}
	}
	return f.h.Sum64()
}

// placeThreads notes each thread's position, which gives its colour.
func (x *fingerprinter) placeThreads() {
	x.threads = make(map[*model.Record]int, len(x.t.Threads))
	for i, th := range x.t.Threads {
		x.threads[th] = i
	}
}

// bands hashes the bands of threads the time axis of entries draws: each
// thread's name, colour, entry count and dates, which change with every
// entry of the thread, on the pages whose axis shows its band, not on
// every page with an axis.
func (x *fingerprinter) bands(f *fp, entries []*model.Entry) {
	bands, more := render.AxisBands(entries)
	f.int(len(bands))
	f.int(more)
	for _, b := range bands {
		th := b.Thread
		first, last := th.Span()
		f.str(th.ID)
		f.str(th.Name)
		f.int(x.threads[th])
		f.int(len(th.Entries))
		f.str(x.dateOf(first))
		f.str(x.dateOf(last))
		f.int(int(b.Lo))
		f.int(int(b.Hi))
		f.int(b.Row)
	}
}

// record hashes a record, at position i of its kind, noting what entry
// cards show of it in own.
func (x *fingerprinter) record(r *model.Record, i int) uint64 {
	f := x.newFP()
	f.str(r.Kind)
	f.str(r.ID)
	f.str(r.Name)
	f.str(r.Type)
	f.str(r.Description)
	f.str(r.Wikidata)
	f.str(r.Country)
	f.float(r.Lat)
	f.float(r.Lon)
	f.str(r.Path)
	if r.Kind == "thread" {
		f.int(i) // its colour, on every entry in it
	}
	x.own[r] = f.h.Sum64()
	// Aliases are shown on the record's own pages, the index of its
	// kind and timeline.json, not with the entries naming it.
	f.strs(r.Aliases)
	// The rest is shown only on pages that list the record itself in
	// their deps: its era, its entries and their count, and its time axis
	// (the dates of all its entries, and the bands of their threads),
	// which every one of its pages draws.
	x.datedEntries(f, r.Entries)
	x.bands(f, r.Entries)
	f.str(render.ListSpan(r.Entries)) // its pages and embed state it
	return f.h.Sum64()
}

// names hashes what search shows of a record with its entries.
func (x *fingerprinter) names(r *model.Record) uint64 {
	f := x.newFP()
	f.str(r.Name)
	f.strs(r.Aliases)
	return f.h.Sum64()
}

// list hashes what every page of a list of the timeline's entries shows
// of the whole list (see render.ListKey).
func (x *fingerprinter) list() uint64 {
	f := x.newFP()
	f.int(len(x.t.Entries))
	f.str(render.ListSpan(x.t.Entries))
	return f.h.Sum64()
}

// datedEntries hashes which entries a list holds, in order, with their
// dates: what a time axis of the list shows.
func (x *fingerprinter) datedEntries(f *fp, list []*model.Entry) {
	f.entries(list)
	for _, e := range list {
		f.str(x.dateOf(e))
	}
}

// again updates fps, the fingerprints of x.t before model.Patch changed
// the entries given (or model.PatchSources the sources given, and the
// evidence of the entries given, or model.PatchRecords the records given,
// which the entries given name), to what all would now return. It returns
// the keys it hashed again.
func (x *fingerprinter) again(fps map[string]uint64, changed []*model.Entry, srcs []*model.Source, recs []*model.Record) []string {
	// What shows an entry's own data besides its pages: its neighbours'
	// and related entries' pages (their title and date), and the sources
	// it quotes (the passages it cites). A new date also moves the eras
	// of the threads.
	redated := false
	for _, e := range changed {
		if d := e.Date.String(); d != x.dateOf(e) {
			x.dates[e.Index] = d
			redated = true
		}
	}
	var keys []string
	// A thread's name is shown with its band on every axis that draws it.
	threads := slices.ContainsFunc(recs, func(r *model.Record) bool { return r.Kind == "thread" })
	if !redated && !threads {
		for _, r := range recs {
			fps[r.Key()] = x.record(r, slices.Index(x.t.Records(r.Kind), r))
			keys = append(keys, r.Key())
		}
	}
	for _, r := range recs {
		fps[search.NamesKey(r)] = x.names(r)
		keys = append(keys, search.NamesKey(r))
	}
	if redated || threads {
		// Every record's page draws the bands of the threads, and the
		// time axis of its entries; threads are ordered by their start.
		x.placeThreads()
		for _, kind := range content.RegistryKinds() {
			for i, r := range x.t.Records(kind) {
				fps[r.Key()] = x.record(r, i)
				keys = append(keys, r.Key())
			}
		}
		for _, y := range x.periods {
			for _, p := range append([]*render.Period{y}, y.Months...) {
				fps[p.Key()] = x.period(p)
				keys = append(keys, p.Key())
			}
		}
		// The span every page of the timeline's lists states.
		fps[render.ListKey] = x.list()
		keys = append(keys, render.ListKey)
	}
	entries := map[*model.Entry]bool{}
	sources := map[*model.Source]bool{}
	for _, s := range srcs {
		sources[s] = true
	}
	for _, e := range changed {
		entries[e] = true
		for _, n := range append([]*model.Entry{e.Prev, e.Next}, e.Related...) {
			if n != nil {
				entries[n] = true
			}
		}
		for _, ev := range e.Evidence {
			sources[ev.Source] = true
		}
	}
	keys = append(keys, render.RestKey, render.EntriesKey)
	// Sources first: entries show what srcOwn holds of them.
	for s := range sources {
		fps[s.Key()] = x.source(s)
		keys = append(keys, s.Key())
	}
	if len(srcs) > 0 {
		fps[render.SourceListKey] = x.sourceList()
		keys = append(keys, render.SourceListKey)
	}
	for e := range entries {
		keys = append(keys, x.entryKeys(fps, e)...)
	}
	fps[render.EntriesKey] = x.allEntries(fps)
	fps[render.RestKey] = x.rest(fps)
	return keys
}

// source hashes a source, noting what entry pages show of it in srcOwn.
func (x *fingerprinter) source(s *model.Source) uint64 {
	f := x.newFP()
	f.str(s.ID)
	f.str(s.Title)
	f.str(s.Outlet)
	f.str(s.Published.String())
	f.str(s.URL)
	f.strs(s.Authors)
	f.str(s.Language)
	f.str(s.TranslatedFrom)
	f.str(s.Retrieved)
	f.str(s.RawSHA256)
	f.str(s.Path)
	x.srcOwn[s] = f.h.Sum64() // what entry pages show of a source they cite
	f.str(s.Text)
	f.int(s.BodyLine)
	f.entries(s.Entries)
	f.int(len(s.Citations))
	for _, c := range s.Citations {
		f.str(c.Entry.ID)
		f.int(c.Index)
		f.int(c.Span.Start)
		f.int(c.Span.End)
	}
	return f.h.Sum64()
}

// rest hashes what timeline.json shows besides its entries: the sources
// and records, in order, from their fingerprints in fps.
func (x *fingerprinter) rest(fps map[string]uint64) uint64 {
	rest := x.newFP()
	for _, s := range x.t.Sources {
		rest.str(s.Key())
		rest.u64(fps[s.Key()])
	}
	for _, kind := range content.RegistryKinds() {
		rs := x.t.Records(kind)
		rest.str(kind)
		rest.int(len(rs))
		for _, r := range rs {
			rest.str(r.Key())
			rest.u64(fps[r.Key()])
		}
	}
	return rest.h.Sum64()
}

func (x *fingerprinter) dateOf(e *model.Entry) string {
	if i := e.Index; i >= 0 && i < len(x.dates) && x.t.Entries[i] == e {
		return x.dates[i]
	}
	return e.Date.String()
}

// entryKeys hashes e under each of its keys into fps, and returns them.
func (x *fingerprinter) entryKeys(fps map[string]uint64, e *model.Entry) []string {
	keys := []string{e.Key(), render.PageKey(e), render.EmbedKey(e), render.BriefKey(e)}
	fps[keys[0]], fps[keys[1]] = x.entry(e)
	fps[keys[2]] = x.embedCard(e)
	f := x.newFP()
	x.brief(f, e)
	fps[keys[3]] = f.h.Sum64()
	return keys
}

// embedCard hashes what an embedded list's card shows of e (see
// render.EmbedKey).
func (x *fingerprinter) embedCard(e *model.Entry) uint64 {
	f := x.newFP()
	x.brief(f, e)
	f.flag(e.Draft)
	f.str(e.Body)
	x.refs(f, e)
	if e.Thread != nil {
		f.str(e.Thread.ID)
		f.int(x.threads[e.Thread]) // its colour
	} else {
		f.str("")
	}
	f.int(len(e.Sources()))
	f.int(len(e.Evidence))
	x.media(f, e)
	return f.h.Sum64()
}

// refs hashes how the cross references of e's summary resolve.
func (x *fingerprinter) refs(f *fp, e *model.Entry) {
	for _, ref := range x.cache.Refs(e.Body) {
		f.str(ref.Kind)
		f.str(ref.ID)
		if o := x.t.Linked(ref.Kind, ref.ID); o != nil {
			f.str(o.Key())
		} else {
			f.str("")
		}
	}
}

// media hashes e's media.
func (x *fingerprinter) media(f *fp, e *model.Entry) {
	f.int(len(e.Media))
	for _, m := range e.Media {
		f.strs([]string{m.Kind, m.Caption, m.Credit, m.Alt, m.File, m.Local.Path, m.Remote.URL})
		if m.Source != nil {
			f.str(m.Source.ID)
			f.u64(x.srcOwn[m.Source])
		} else {
			f.str("")
		}
	}
}

func (x *fingerprinter) brief(f *fp, e *model.Entry) {
	if e == nil {
		f.str("")
		return
	}
	f.str(e.ID)
	f.str(e.Title)
	f.str(x.dateOf(e))
}

// entry hashes what lists show of an entry (its card, its JSON-LD item,
// its parts of the exports), under e.Key(), and what its own page shows,
// under render.PageKey(e): the same, plus the titles and dates of the
// entries the page names. Retitling an entry so renders its neighbours'
// pages again, but not every list they are on.
func (x *fingerprinter) entry(e *model.Entry) (card, page uint64) {
	f := x.newFP()
	f.str(e.ID)
	f.str(e.Title)
	f.str(x.dateOf(e))
	f.flag(e.Draft)
	f.str(e.Body)
	f.str(e.Path)
	x.refs(f, e) // how the summary's cross references resolve
	for _, group := range [][]*model.Record{e.Actors, e.Places, e.Topics} {
		f.int(len(group))
		for _, r := range group {
			f.str(r.ID)
			f.u64(x.own[r])
		}
	}
	if e.Thread != nil {
		f.str(e.Thread.ID)
		f.u64(x.own[e.Thread])
	} else {
		f.str("")
	}
	f.entries(e.Related) // timeline.json lists them
	f.int(len(e.Evidence))
	for _, ev := range e.Evidence {
		f.str(ev.Source.ID)
		f.u64(x.srcOwn[ev.Source])
		f.str(ev.Quote)
		f.str(ev.Prefix)
		f.str(ev.Suffix)
		f.str(ev.DateText)
		f.str(ev.Date.String())
		f.int(ev.Index)
		f.int(ev.Span.Start)
		f.int(ev.Span.End)
		f.str(ev.Passage())
	}
	x.media(f, e)
	card = f.h.Sum64()
	p := x.newFP()
	p.u64(card)
	p.int(len(e.Related))
	for _, r := range e.Related {
		x.brief(p, r)
	}
	x.brief(p, e.Prev)
	x.brief(p, e.Next)
	p.str(render.Listing(x.periods, x.t.Config.PageSize, e))
	return card, p.h.Sum64()
}
