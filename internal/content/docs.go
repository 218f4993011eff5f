package content

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"dateline/internal/diag"
)

type sourceFront struct {
	Title          string      `toml:"title"`
	Outlet         string      `toml:"outlet"`
	Published      stringField `toml:"published"`
	URL            string      `toml:"url"`
	Authors        []string    `toml:"authors"`
	Language       string      `toml:"language"`
	TranslatedFrom string      `toml:"translated_from"`
	Retrieved      stringField `toml:"retrieved"`
	RawSHA256      string      `toml:"raw_sha256"`
}

// ParseSource parses one content/sources/ID.md file. When the file is
// unusable (no front matter or broken TOML) it returns a Broken source.
func ParseSource(p string, src []byte) (*Source, diag.List) {
	var errs diag.List
	id := idFromPath(p, &errs)
	d, ok := split(p, src, &errs)
	if !ok {
		return &Source{ID: id, Path: p, Broken: true}, errs
	}
	var f sourceFront
	pos, ok := decode(d, &f, "source front matter", diag.TOMLKeys(&f), maxFrontTables, &errs)
	if !ok {
		return &Source{ID: id, Path: p, Broken: true}, errs
	}
	f.Published.check(&errs, pos.value("published"), "published")
	f.Retrieved.check(&errs, pos.value("retrieved"), "retrieved")
	s := &Source{
		ID: id, Path: p,
		Title:          val(pos, "title", f.Title),
		Outlet:         val(pos, "outlet", f.Outlet),
		Published:      val(pos, "published", f.Published.s),
		URL:            val(pos, "url", f.URL),
		Authors:        vals(pos, "authors", f.Authors),
		Language:       val(pos, "language", f.Language),
		TranslatedFrom: val(pos, "translated_from", f.TranslatedFrom),
		Retrieved:      val(pos, "retrieved", f.Retrieved.s),
		RawSHA256:      val(pos, "raw_sha256", f.RawSHA256),
		Body:           d.body,
		BodyLine:       d.bodyLine,
	}
	require(&errs, p, 1, "source", s.Title, "title")
	require(&errs, p, 1, "source", s.Outlet, "outlet")
	if f.Published.bad == "" {
		require(&errs, p, 1, "source", s.Published, "published")
	}
	return s, errs
}

type evidenceFront struct {
	Source   string      `toml:"source"`
	Quote    string      `toml:"quote"`
	Prefix   string      `toml:"prefix"`
	Suffix   string      `toml:"suffix"`
	DateText string      `toml:"date_text"`
	Date     stringField `toml:"date"`
}

type entryFront struct {
	Title    string          `toml:"title"`
	Date     stringField     `toml:"date"`
	Actors   []string        `toml:"actors"`
	Places   []string        `toml:"places"`
	Topics   []string        `toml:"topics"`
	Thread   string          `toml:"thread"`
	Related  []string        `toml:"related"`
	Draft    bool            `toml:"draft"`
	Evidence []evidenceFront `toml:"evidence"`
	Media    []mediaFront    `toml:"media"`
}

// ParseEntry parses one content/entries/**/ID.md file. When the file is
// unusable it returns a Broken entry.
func ParseEntry(p string, src []byte) (*Entry, diag.List) {
	var errs diag.List
	id := idFromPath(p, &errs)
	d, ok := split(p, src, &errs)
	if !ok {
		return &Entry{ID: id, Path: p, Broken: true}, errs
	}
	var f entryFront
	pos, ok := decode(d, &f, "entry front matter", diag.TOMLKeys(&f), maxEntryTables, &errs)
	if !ok {
		return &Entry{ID: id, Path: p, Broken: true}, errs
	}
	f.Date.check(&errs, pos.value("date"), "date")
	e := &Entry{
		ID: id, Path: p,
		Title:    val(pos, "title", f.Title),
		Date:     val(pos, "date", f.Date.s),
		Actors:   vals(pos, "actors", f.Actors),
		Places:   vals(pos, "places", f.Places),
		Topics:   vals(pos, "topics", f.Topics),
		Thread:   val(pos, "thread", f.Thread),
		Related:  vals(pos, "related", f.Related),
		Draft:    f.Draft,
		Body:     d.body,
		BodyLine: d.bodyLine,
	}
	require(&errs, p, 1, "entry", e.Title, "title")
	if f.Date.bad == "" {
		require(&errs, p, 1, "entry", e.Date, "date")
	}
	if len(f.Evidence) == 0 {
		errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "entry has no [[evidence]]: every entry needs at least one verified quote from a source")
	}
	if len(f.Evidence) > MaxEvidence {
		errs.Add(pos.key(fmt.Sprintf("evidence.%d", MaxEvidence)), "entry has %d [[evidence]] tables; the limit is %d: split the event into several entries", len(f.Evidence), MaxEvidence)
		f.Evidence = f.Evidence[:MaxEvidence]
	}
	for i, ef := range f.Evidence {
		k := fmt.Sprintf("evidence.%d", i)
		ev := Evidence{
			Pos:      pos.key(k),
			Source:   val(pos, k+".source", ef.Source),
			Quote:    val(pos, k+".quote", ef.Quote),
			Prefix:   val(pos, k+".prefix", ef.Prefix),
			Suffix:   val(pos, k+".suffix", ef.Suffix),
			DateText: val(pos, k+".date_text", ef.DateText),
			Date:     val(pos, k+".date", ef.Date.s),
		}
		ef.Date.check(&errs, ev.Date.Pos, "date")
		for _, req := range []struct {
			v   Value
			key string
		}{{ev.Source, "source"}, {ev.Quote, "quote"}} {
			if req.v.Text == "" {
				errs.Add(ev.Pos, "[[evidence]] is missing required key %q", req.key)
			}
		}
		e.Evidence = append(e.Evidence, ev)
	}
	e.Media = parseMedia(f.Media, pos, &errs)
	return e, errs
}

type recordFront struct {
	Name        string   `toml:"name"`
	Aliases     []string `toml:"aliases"`
	Kind        string   `toml:"kind"`
	Description string   `toml:"description"`
	Wikidata    string   `toml:"wikidata"`
	Country     string   `toml:"country"`
	Lat         *float64 `toml:"lat"`
	Lon         *float64 `toml:"lon"`
}

// ParseRegistry parses a registry file (content/actors.toml, ...): one table
// per record, keyed by id, returned in file order.
func ParseRegistry(p, kind string, src []byte) ([]*Record, diag.List) {
	var errs diag.List
	d := doc{path: p, front: strings.TrimPrefix(string(src), "\ufeff"), frontLine: 1}
	if tooBig(&errs, p, int64(len(src))) || !diag.CheckUTF8(&errs, p, src) || !diag.CheckTOML(&errs, d.path, d.front, d.frontLine, MaxRecords) {
		return []*Record{brokenRecord(kind, "", p, locate(p, "", 1))}, errs
	}
	pos := locate(d.path, d.front, d.frontLine)
	// Each record is decoded on its own, so that one bad value (a quoted
	// lat) breaks one record, not the registry and every reference to it.
	var prims map[string]toml.Primitive
	md, err := toml.Decode(d.front, &prims)
	if err != nil {
		decodeError(d, pos, err, &errs)
		// Which records, and which aliases, the file meant to declare is
		// unknown: one Broken record without an id stands for them all.
		return []*Record{brokenRecord(kind, "", p, pos)}, errs
	}
	f := make(map[string]recordFront, len(prims))
	broken := map[string]bool{}
	for id, prim := range prims {
		var rf recordFront
		if err := md.PrimitiveDecode(prim, &rf); err != nil {
			decodeError(d, pos, err, &errs)
			broken[id] = true
			// Keep what names it, so that references by alias are
			// recognised too.
			var names struct {
				Name    string   `toml:"name"`
				Aliases []string `toml:"aliases"`
			}
			if md.PrimitiveDecode(prim, &names) == nil {
				rf = recordFront{Name: names.Name, Aliases: names.Aliases}
			} else {
				rf = recordFront{}
			}
		}
		f[id] = rf
	}
	undecoded(md, pos, kind+" record", diag.TOMLKeys(&recordFront{}), broken, &errs)
	// Records in file order; any the position scan could not place
	// (dotted keys such as a.name = "x") follow, sorted, rather than vanish.
	var ids []string
	done := map[string]bool{}
	for _, id := range pos.order {
		if _, isRecord := f[id]; isRecord && !done[id] {
			done[id] = true
			ids = append(ids, id)
		}
	}
	var rest []string
	for id := range f {
		if !done[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	ids = append(ids, rest...)
	var out []*Record
	for _, id := range ids {
		rf := f[id]
		hdr := pos.key(id)
		if broken[id] {
			r := brokenRecord(kind, id, p, pos)
			r.Name, r.Aliases = val(pos, id+".name", rf.Name), vals(pos, id+".aliases", rf.Aliases)
			out = append(out, r)
			continue
		}
		if !IsSlug(id) {
			errs.Add(hdr, "%s id %q is not a valid id: use lower-case letters, digits and single hyphens (e.g. %q)", kind, id, Slugify(id))
		}
		r := &Record{
			Kind: kind, ID: id, Path: p, Pos: hdr,
			Name:        val(pos, id+".name", rf.Name),
			Aliases:     vals(pos, id+".aliases", rf.Aliases),
			Type:        val(pos, id+".kind", rf.Kind),
			Description: val(pos, id+".description", rf.Description),
			Wikidata:    val(pos, id+".wikidata", rf.Wikidata),
			Country:     val(pos, id+".country", rf.Country),
			Lat:         rf.Lat,
			Lon:         rf.Lon,
		}
		if rf.Name == "" {
			errs.Add(hdr, "%s %q is missing required key \"name\"", kind, id)
		}
		if (rf.Lat == nil) != (rf.Lon == nil) {
			errs.Add(hdr, "%s %q must give both lat and lon, or neither", kind, id)
		}
		if rf.Lat != nil && rf.Lon != nil && (*rf.Lat < -90 || *rf.Lat > 90 || *rf.Lon < -180 || *rf.Lon > 180) {
			errs.Add(pos.value(id+".lat"), "%s %q has coordinates out of range", kind, id)
		}
		out = append(out, r)
	}
	return out, errs
}

// brokenRecord returns a Broken record whose values are positioned, empty.
func brokenRecord(kind, id, p string, pos *positions) *Record {
	r := &Record{Kind: kind, ID: id, Path: p, Pos: diag.Pos{Path: p, Line: 1, Col: 1}, Broken: true}
	if id != "" {
		r.Pos = pos.key(id)
	}
	for _, f := range []struct {
		v   *Value
		key string
	}{{&r.Name, "name"}, {&r.Type, "kind"}, {&r.Description, "description"}, {&r.Wikidata, "wikidata"}, {&r.Country, "country"}} {
		*f.v = val(pos, id+"."+f.key, "")
	}
	return r
}
