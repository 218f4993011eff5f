package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"dateline/internal/edtf"
	"dateline/internal/model"
)

// JSON-LD: schema.org descriptions of pages for search engines and archive
// tools, written into <script type="application/ld+json">. Only what the
// data supports is stated: dates keep their precision (ISO 8601 reduced
// precision, "2025-06"), a source's datePublished is given only when the
// date was stated rather than inferred, and an unknown outlet is omitted.

type ld = map[string]any

// JSONLD is the page's schema.org description as a script body, or "" when
// the page has none. json.Marshal escapes <, > and & (and U+2028/9), so the
// text cannot end the script element early.
func (v view) JSONLD() template.JS {
	var doc ld
	var entries []*model.Entry // of a collection
	switch {
	case v.Entry != nil:
		doc = v.ldEvent(v.Entry, true)
	case v.Source != nil:
		doc = v.ldArticle(v.Source)
	case v.Record != nil:
		doc = v.ldRecordPage(v.Record, v.Shown)
		entries = v.Shown
	case v.Template == "timeline":
		// An overview lists its latest entries only: a page never
		// describes more entries than it shows.
		doc = v.ldCollection(v.Config.Title, v.Config.Description, "", v.Shown, nil)
		entries = v.Shown
	case v.Period != nil && v.Shown != nil:
		doc = v.ldCollection(v.Period.Label+" · "+v.Config.Title, v.Description, v.Absolute(v.Path), v.Shown, nil)
		entries = v.Shown
	default:
		return ""
	}
	doc["@context"] = "https://schema.org"
	b, err := marshalKeeping(doc, ldItemsEncoded)
	if err != nil {
		return ""
	}
	if b, err = v.spliceItems(b, entries); err != nil {
		return ""
	}
	return template.JS(b)
}

// ldDates sets startDate/endDate with the precision the data has.
func ldDates(m ld, d edtf.Date) {
	if s := d.Datetime(); s != "" {
		m["startDate"] = s
	}
	if e := d.DatetimeEnd(); e != "" && e != d.Datetime() {
		m["endDate"] = e
	}
}

// latestEnd is the date of the entry that ends last (the first of them),
// of a non-empty list: the first with an open or unknown end, else the
// first with the latest upper bound.
func latestEnd(entries []*model.Entry) edtf.Date {
	last := entries[0].Date
	if last.OpenEnd || last.UnknownEnd {
		return last
	}
	upper := last.Upper()
	for _, e := range entries[1:] {
		d := e.Date
		if d.OpenEnd || d.UnknownEnd {
			return d // nothing ends later
		}
		if u := d.Upper(); u.After(upper) {
			last, upper = d, u
		}
	}
	return last
}

// coverage is the ISO 8601-2 (EDTF) form of the span of entries from
// first to the latest-ending last, as schema.org's temporalCoverage takes
// it: "2025-06-13/2026-03-10", "2026-02-28/..".
func coverage(first, last edtf.Date) string {
	start := "../"
	if !first.Lower().IsZero() {
		start = first.Start.String() + "/"
	}
	switch {
	case last.OpenEnd || last.UnknownEnd:
		return start + ".."
	case last.Interval:
		return start + last.End.String()
	}
	return start + last.Start.String()
}

func (v view) ldEvent(e *model.Entry, full bool) ld {
	m := ld{
		"@type": "Event",
		"name":  e.Title,
		"url":   v.Absolute(e),
	}
	ldDates(m, e.Date)
	if full {
		// A list names its entries; each entry's page describes it. (A
		// page listing a hundred entries would otherwise carry every
		// summary twice.)
		m["description"] = strings.TrimSpace(v.r.entryDescription(v.Site, e))
	}
	if len(e.Places) > 0 {
		var places []ld
		for _, p := range e.Places {
			if full {
				places = append(places, v.ldThing(p, false))
			} else { // the place's page describes it
				places = append(places, ld{"@type": ldType(p), "name": p.Name, "url": v.Absolute(p)})
			}
		}
		m["location"] = places
	}
	if !full {
		return m
	}
	m["mainEntityOfPage"] = v.Absolute(e)
	var about []ld
	for _, a := range e.Actors {
		about = append(about, v.ldThing(a, false))
	}
	if len(about) > 0 {
		m["about"] = about
	}
	var keywords []string
	for _, t := range e.Topics {
		keywords = append(keywords, t.Name)
	}
	if len(keywords) > 0 {
		m["keywords"] = strings.Join(keywords, ", ")
	}
	if e.Thread != nil {
		m["superEvent"] = ld{"@type": "Event", "name": e.Thread.Name, "url": v.Absolute(e.Thread)}
	}
	var refs []ld
	for _, s := range e.Sources() {
		refs = append(refs, ld{"@type": "NewsArticle", "headline": s.Title, "url": v.Absolute(s)})
	}
	if len(refs) > 0 {
		m["subjectOf"] = refs
	}
	return m
}

// ldType maps a record's own kind to a schema.org type.
func ldType(r *model.Record) string {
	t := strings.ToLower(r.Type)
	switch r.Kind {
	case "actor":
		switch t {
		case "person":
			return "Person"
		case "state", "country":
			return "Country"
		}
		return "Organization"
	case "place":
		switch t {
		case "country", "state":
			return "Country"
		case "city", "town", "village":
			return "City"
		}
		return "Place"
	case "topic":
		return "DefinedTerm"
	}
	return "Event" // threads are periods of events
}

// ldThing describes a record by its type, names and identifiers. Its
// aliases are stated on its own page (withAliases), which the url leads
// to, not on every entry page naming it: renaming an alias would
// otherwise change thousands of pages.
func (v view) ldThing(r *model.Record, withAliases bool) ld {
	m := ld{"@type": ldType(r), "name": r.Name, "url": v.Absolute(r)}
	var alt []string
	for _, a := range r.Aliases {
		if withAliases && a != r.Name && !containsFold(alt, a) {
			alt = append(alt, a)
		}
	}
	if len(alt) > 0 {
		m["alternateName"] = alt
	}
	if r.Description != "" {
		m["description"] = r.Description
	}
	if r.Wikidata != "" {
		m["sameAs"] = "https://www.wikidata.org/wiki/" + r.Wikidata
	}
	if r.Lat != nil && r.Lon != nil {
		m["geo"] = ld{"@type": "GeoCoordinates", "latitude": *r.Lat, "longitude": *r.Lon}
	}
	return m
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// ldRecordPage: an actor or place page describes the actor or place; a
// topic or thread page is a collection of its entries about it.
func (v view) ldRecordPage(r *model.Record, shown []*model.Entry) ld {
	switch r.Kind {
	case "actor", "place":
		m := v.ldThing(r, true)
		m["mainEntityOfPage"] = v.Absolute(r)
		return m
	}
	return v.ldCollection(r.Name, r.Description, v.Absolute(v.Path), shown, v.ldThing(r, true))
}

// ldCollection is a CollectionPage whose main entity is the ItemList of
// its entries as Events, covering the span of those entries. The items are
// JSON fragments (see ldItems), spliced in when the document is encoded.
func (v view) ldCollection(name, desc, url string, entries []*model.Entry, about ld) ld {
	if url == "" {
		url = v.Absolute("")
	}
	m := ld{
		"@type": "CollectionPage",
		"name":  name,
		"url":   url,
		"mainEntity": ld{
			"@type":           "ItemList",
			"itemListOrder":   "https://schema.org/ItemListOrderAscending",
			"numberOfItems":   len(entries),
			"itemListElement": ldItemsPlaceholder,
		},
	}
	if desc != "" {
		m["description"] = desc
	}
	if lang := v.Config.Language; lang != "" {
		m["inLanguage"] = lang
	}
	if len(entries) > 0 {
		c := coverage(entries[0].Date, v.r.memo.latestEndOf(v.Site, entries))
		m["temporalCoverage"] = c
	}
	if about != nil {
		m["about"] = about
	}
	return m
}

// ldItemsPlaceholder stands for the item list while a collection is
// encoded; encoded it reads "\u0000…", which no value of the document can
// produce next to the key (a quote inside a string is escaped).
const ldItemsPlaceholder = "\x00dateline-items"

var ldItemsEncoded = []byte(`"itemListElement":"\u0000dateline-items"`)

// spliceItems replaces the placeholder of an encoded collection by its
// ListItems, each encoded as json.Marshal would, from fragments. While the
// page is rendered as a skeleton (see Fragments), the placeholder stays
// and the minified list is kept aside for it.
func (v view) spliceItems(doc []byte, entries []*model.Entry) ([]byte, error) {
	if !bytes.Contains(doc, ldItemsEncoded) {
		return doc, nil
	}
	sk := v.skel
	if sk == nil || sk.off || !v.frags.minifies() {
		sk = nil
	}
	parts := make([][]byte, 0, 3*len(entries)+2)
	parts = append(parts, []byte(`"itemListElement":[`))
	frag := v.frags.Named("ld-event")
	if sk != nil {
		frag = v.frags.MinifiedNamed("ld-event", "ld.json")
	}
	// Keys in sorted order, as json.Marshal writes a map. The items'
	// ends are written into one buffer, not allocated one by one.
	open := []byte(`,{"@type":"ListItem","item":`)
	ends := make([]byte, 0, len(entries)*len(`,"position":10000}`))
	list := frag.List(entries)
	for k, e := range entries {
		b, err := list.Bytes(k, func() ([]byte, error) {
			return MarshalJSON(v.ldEvent(e, false))
		})
		if err != nil {
			return nil, err
		}
		start := len(ends)
		ends = append(ends, `,"position":`...)
		ends = strconv.AppendInt(ends, int64(k+1), 10)
		ends = append(ends, '}')
		o := open
		if k == 0 {
			o = o[1:]
		}
		parts = append(parts, o, b, ends[start:len(ends):len(ends)])
	}
	parts = append(parts, []byte("]"))
	if sk != nil {
		sk.ld = parts
		return doc, nil
	}
	out, _ := SpliceBytes(doc, ldItemsEncoded, parts...)
	return out, nil
}

// ldArticle describes an archived source as the NewsArticle it archives.
// datePublished is stated only for a plain date: an inferred one (qualified
// or a range) is not presented as the publisher's.
func (v view) ldArticle(s *model.Source) ld {
	m := ld{
		"@type":            "NewsArticle",
		"headline":         s.Title,
		"archivedAt":       v.Absolute(s),
		"mainEntityOfPage": v.Absolute(s),
	}
	if s.URL != "" {
		m["url"] = s.URL
	}
	if PublishedStated(s.Published) {
		m["datePublished"] = s.Published.Datetime()
	}
	if model.OutletStated(s.Outlet) {
		m["publisher"] = ld{"@type": "Organization", "name": s.Outlet}
	}
	var authors []ld
	for _, a := range s.Authors {
		authors = append(authors, ld{"@type": "Person", "name": a})
	}
	if len(authors) > 0 {
		m["author"] = authors
	}
	if s.Language != "" {
		m["inLanguage"] = s.Language
	}
	var about []ld
	for _, e := range s.Entries {
		about = append(about, ld{"@type": "Event", "name": e.Title, "url": v.Absolute(e)})
	}
	if len(about) > 0 {
		m["about"] = about
	}
	return m
}

// PublishedStated reports whether a publication date is stated as a plain
// date (not inferred: no qualifier, no range, no unspecified digits).
func PublishedStated(d edtf.Date) bool {
	return !d.IsZero() && !d.Interval && !d.Uncertain() && !d.Approximate() &&
		d.Start.Unspecified == "" && d.Datetime() != ""
}
