// Package model turns a site's documents into the resolved timeline: ids
// and aliases are resolved to records, dates are parsed, every quote is
// verified against its source, and every link is made in both directions
// (an entry knows its actors, an actor knows its entries). What cannot be
// resolved is reported, positioned, in one list. A timeline is read only,
// except by Patch, with which the dev server applies an edit of a few
// entries without resolving the whole site again.
package model

import (
	"fmt"
	"strings"

	"dateline/internal/config"
	"dateline/internal/edtf"
	"dateline/internal/quote"
)

// Record is an actor, place, topic or thread.
type Record struct {
	key         string // Kind:ID, set by Build
	Kind        string // "actor", "place", "topic" or "thread"
	ID          string
	Name        string
	Aliases     []string
	Type        string // the record's own kind: person, state, city, ...
	Description string
	Wikidata    string
	Country     string
	Lat, Lon    *float64
	Path        string

	// Entries refer to the record, in timeline order.
	Entries []*Entry
	last    *Entry // of Entries, the one that ends last (see Span)
}

// Span returns the dates covered by a record's entries: the era of a thread.
// The pages of a site ask for it hundreds of thousands of times, so Build
// and Patch keep it (see settle) instead of walking the entries each time.
func (r *Record) Span() (first, last *Entry) {
	if len(r.Entries) == 0 {
		return nil, nil
	}
	if r.last == nil { // a record made by hand, not by Build
		return r.Entries[0], lastOf(r.Entries)
	}
	return r.Entries[0], r.last
}

// settle keeps the entry of r that ends last, for Span: called whenever
// r's entries or their dates change.
func (r *Record) settle() { r.last = lastOf(r.Entries) }

// lastOf returns the entry that ends last (the first of those, in order).
func lastOf(entries []*Entry) *Entry {
	var last *Entry
	for _, e := range entries {
		if last == nil || after(e.Date, last.Date) {
			last = e
		}
	}
	return last
}

// after reports whether a ends later than b.
func after(a, b edtf.Date) bool {
	ua, ub := a.Upper(), b.Upper()
	if a.OpenEnd || a.UnknownEnd {
		return !(b.OpenEnd || b.UnknownEnd)
	}
	return ua.After(ub)
}

// Source is an archived article.
type Source struct {
	key            string // "source:"+ID, set by Build
	ID             string
	Title          string
	Outlet         string
	Published      edtf.Date
	URL            string
	Authors        []string
	Language       string
	TranslatedFrom string
	Retrieved      string
	RawSHA256      string
	Text           string // the body as archived
	Path           string
	BodyLine       int // file line where Text starts, for positioned messages

	// Citations are the verified quotes from this source, ordered by their
	// position in Text.
	Citations []*Evidence
	// Entries cite this source, in timeline order, each once.
	Entries []*Entry
}

// OutletStated reports whether a source's outlet names one: "unknown" is
// what a source says when its text does not, never a name.
func OutletStated(outlet string) bool {
	return outlet != "" && !strings.EqualFold(outlet, "unknown")
}

// Evidence is a verified quote: its Span locates it in the source text.
type Evidence struct {
	Entry    *Entry
	Source   *Source
	Quote    string
	Prefix   string
	Suffix   string
	DateText string
	// Date is what the source's wording resolves to; zero when not given.
	Date  edtf.Date
	Span  quote.Span
	Index int // position within the entry, from 0
}

// Passage is the quote exactly as it stands in the source.
func (e *Evidence) Passage() string { return e.Source.Text[e.Span.Start:e.Span.End] }

// Anchor is the fragment id of the highlighted passage on the source page.
func (e *Evidence) Anchor() string { return fmt.Sprintf("q-%s-%d", e.Entry.ID, e.Index+1) }

// Entry is one dated event.
type Entry struct {
	key      string // "entry:"+ID, set by Build
	ID       string
	Title    string
	Date     edtf.Date
	Actors   []*Record
	Places   []*Record
	Topics   []*Record
	Thread   *Record
	Related  []*Entry // as written, then entries that name this one, deduplicated
	Draft    bool
	Evidence []*Evidence
	Media    []*Media
	Body     string // Markdown summary
	Path     string

	Prev, Next *Entry // chronological neighbours
	Index      int    // position in the timeline
}

// Sources returns the distinct sources the entry cites, in evidence order.
func (e *Entry) Sources() []*Source {
	var out []*Source
	seen := map[*Source]bool{}
	for _, ev := range e.Evidence {
		if !seen[ev.Source] {
			seen[ev.Source] = true
			out = append(out, ev.Source)
		}
	}
	return out
}

// Disagreement reports whether the entry's sources date the event in ways
// that cannot both be right: two pieces of evidence whose dates share no
// day. Certainty and precision alone are no disagreement: "10 March?"
// agrees with "10 March", and "June" with "22 June".
func (e *Entry) Disagreement() bool {
	for i, a := range e.Evidence {
		if a.Date.IsZero() {
			continue
		}
		for _, b := range e.Evidence[i+1:] {
			if !b.Date.IsZero() && !a.Date.Overlaps(b.Date) {
				return true
			}
		}
	}
	return false
}

// Timeline is the whole resolved site. Only Patch modifies it after Build.
type Timeline struct {
	Config  config.Config
	Entries []*Entry  // timeline order
	Sources []*Source // by publication date, then id
	Actors  []*Record // by name
	Places  []*Record
	Topics  []*Record
	Threads []*Record // by the start of their era

	entries map[string]*Entry
	sources map[string]*Source
	records map[string]map[string]*Record // kind -> id -> record
	aliases map[string]map[string]*Record // kind -> folded id/alias/name -> record

	edits uint64 // see Edits
}

// Edits counts the times Patch changed t: what was derived from t when it
// counted as many is still current.
func (t *Timeline) Edits() uint64 { return t.edits }

// Resolve finds a record of a kind by id, alias or name, as entries may
// refer to it; nil if there is none.
func (t *Timeline) Resolve(kind, ref string) *Record { return t.aliases[kind][Fold(ref)] }

// Object is an entry, a source or a record: what page deps and
// fingerprints name by Key.
type Object interface{ Key() string }

// Linked returns what a cross reference in a summary (see markdown.Refs)
// links to: an *Entry, a *Source or a *Record, or nil when it names none.
func (t *Timeline) Linked(kind, id string) Object {
	switch kind {
	case "entry":
		if e := t.entries[id]; e != nil {
			return e
		}
	case "source":
		if s := t.sources[id]; s != nil {
			return s
		}
	default:
		if r := t.Resolve(kind, id); r != nil {
			return r
		}
	}
	return nil
}

// Entry returns the entry with the given id, or nil.
func (t *Timeline) Entry(id string) *Entry { return t.entries[id] }

// Source returns the source with the given id, or nil.
func (t *Timeline) Source(id string) *Source { return t.sources[id] }

// Record returns the record of a kind ("actor", ...) with the given id, or nil.
func (t *Timeline) Record(kind, id string) *Record { return t.records[kind][id] }

// Records returns the records of one kind in display order.
func (t *Timeline) Records(kind string) []*Record {
	switch kind {
	case "actor":
		return t.Actors
	case "place":
		return t.Places
	case "topic":
		return t.Topics
	case "thread":
		return t.Threads
	}
	return nil
}

// Key names the record in page deps and fingerprints: "actor:x".
func (r *Record) Key() string {
	if r.key != "" {
		return r.key
	}
	return r.Kind + ":" + r.ID
}

// Key names the source in page deps and fingerprints: "source:x".
func (s *Source) Key() string {
	if s.key != "" {
		return s.key
	}
	return "source:" + s.ID
}

// Key names the entry in page deps and fingerprints: "entry:x".
func (e *Entry) Key() string {
	if e.key != "" {
		return e.key
	}
	return "entry:" + e.ID
}
