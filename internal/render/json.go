package render

import (
	"bytes"
	"fmt"

	"dateline/internal/edtf"
	"dateline/internal/model"
)

// The JSON shapes below are a public format (/timeline.json), so they are
// declared explicitly instead of marshalling model types.

type jsonDate struct {
	EDTF        string `json:"edtf"`
	Display     string `json:"display"`
	Lower       string `json:"lower,omitempty"` // first day covered, YYYY-MM-DD
	Upper       string `json:"upper,omitempty"` // last day covered
	Precision   string `json:"precision"`
	Uncertain   bool   `json:"uncertain,omitempty"`
	Approximate bool   `json:"approximate,omitempty"`
}

// dateJSON is a date as timeline.json gives it, displayed in the site's
// language as its pages display it.
func (r *Renderer) dateJSON(d edtf.Date) *jsonDate {
	if d.IsZero() {
		return nil
	}
	j := &jsonDate{EDTF: d.String(), Display: r.loc.Date(d), Precision: d.Precision().String(), Uncertain: d.Uncertain(), Approximate: d.Approximate()}
	if lo := d.Lower(); !lo.IsZero() {
		j.Lower = lo.Format("2006-01-02")
	}
	if hi := d.Upper(); !hi.IsZero() {
		j.Upper = hi.Format("2006-01-02")
	}
	return j
}

type jsonEvidence struct {
	Source   string    `json:"source"`
	Quote    string    `json:"quote"`
	Passage  string    `json:"passage"` // the quote exactly as it stands in the source
	Start    int       `json:"start"`   // byte offsets of the passage in the source text
	End      int       `json:"end"`
	DateText string    `json:"date_text,omitempty"`
	Date     *jsonDate `json:"date,omitempty"`
	URL      string    `json:"url"`
}

type jsonEntry struct {
	ID           string         `json:"id"`
	Title        string         `json:"title"`
	Date         *jsonDate      `json:"date"`
	Summary      string         `json:"summary"`
	Actors       []string       `json:"actors"`
	Places       []string       `json:"places"`
	Topics       []string       `json:"topics"`
	Thread       string         `json:"thread,omitempty"`
	Related      []string       `json:"related"`
	Draft        bool           `json:"draft,omitempty"`
	Disagreement bool           `json:"date_disagreement,omitempty"`
	Evidence     []jsonEvidence `json:"evidence"`
	Media        []jsonMedia    `json:"media,omitempty"`
	URL          string         `json:"url"`
}

type jsonSource struct {
	ID             string    `json:"id"`
	Title          string    `json:"title"`
	Outlet         string    `json:"outlet"`
	Published      *jsonDate `json:"published,omitempty"`
	URL            string    `json:"url,omitempty"`
	Authors        []string  `json:"authors,omitempty"`
	Language       string    `json:"language,omitempty"`
	TranslatedFrom string    `json:"translated_from,omitempty"`
	Retrieved      string    `json:"retrieved,omitempty"`
	RawSHA256      string    `json:"raw_sha256,omitempty"`
	Text           string    `json:"text"`
	Entries        []string  `json:"entries"`
	Page           string    `json:"page"`
}

type jsonRecord struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Kind        string   `json:"kind,omitempty"`
	Description string   `json:"description,omitempty"`
	Wikidata    string   `json:"wikidata,omitempty"`
	Country     string   `json:"country,omitempty"`
	Lat         *float64 `json:"lat,omitempty"`
	Lon         *float64 `json:"lon,omitempty"`
	Entries     []string `json:"entries"`
	URL         string   `json:"url"`
}

type jsonTimeline struct {
	Title       string       `json:"title"`
	Description string       `json:"description,omitempty"`
	BaseURL     string       `json:"base_url"`
	Language    string       `json:"language"`
	Entries     any          `json:"entries"` // a placeholder, see timelineJSON
	Sources     any          `json:"sources"` // a placeholder too
	Actors      []jsonRecord `json:"actors"`
	Places      []jsonRecord `json:"places"`
	Topics      []jsonRecord `json:"topics"`
	Threads     []jsonRecord `json:"threads"`
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func entryID(e *model.Entry) string   { return e.ID }
func recordID(r *model.Record) string { return r.ID }

// TimelineJSON encodes the whole resolved model, compactly (the build
// minifies JSON anyway).
func (r *Renderer) TimelineJSON(t *model.Timeline) ([]byte, error) {
	var parts Parts
	err := r.timelineJSON(t, nil, func(b []byte) error {
		parts = append(parts, b)
		return nil
	})
	return parts.Bytes(), err
}

// The entries and the sources of timeline.json are written one by one
// in place of these placeholders: at 100,000 entries (20,000 sources with
// their text) the document is hundreds of megabytes, and encoding it
// whole took several times that while it was written.
const (
	entriesPlaceholder = "\x00dateline-entries"
	sourcesPlaceholder = "\x00dateline-sources"
)

var (
	entriesEncoded = []byte(`"entries":"\u0000dateline-entries"`)
	sourcesEncoded = []byte(`"sources":"\u0000dateline-sources"`)
)

// timelineJSON is TimelineJSON with each entry's and each source's object
// a fragment, passed to emit in order with the rest of the document (see
// NewStreamedPage).
func (r *Renderer) timelineJSON(t *model.Timeline, f *Fragments, emit func([]byte) error) error {
	out := jsonTimeline{
		Title: t.Config.Title, Description: t.Config.Description,
		BaseURL: t.Config.BaseURL, Language: t.Config.Language,
		Entries: entriesPlaceholder, Sources: sourcesPlaceholder,
	}
	frag := f.MinifiedNamed("timeline.json", "timeline.json").Once()
	// The rest of the document (the records) is a fragment of its own,
	// under RestKey.
	doc, err := frag.Bytes(RestKey, func() ([]byte, error) { return r.timelineRest(t, out) })
	if err != nil {
		return err
	}
	at := bytes.Index(doc, entriesEncoded)
	as := bytes.Index(doc, sourcesEncoded)
	if at < 0 || as < at {
		return fmt.Errorf("timeline.json: placeholders not found")
	}
	if err := emit(doc[:at:at]); err != nil {
		return err
	}
	err = emitList(emit, `"entries":[`, frag.List(t.Entries), len(t.Entries), func(i int) ([]byte, error) {
		return MarshalJSON(r.entryJSON(t, t.Entries[i]))
	})
	if err != nil {
		return err
	}
	if err := emit(doc[at+len(entriesEncoded) : as : as]); err != nil {
		return err
	}
	// Sources are few next to entries, and shown once: a list of their
	// objects would be looked up for nothing.
	err = emitList(emit, `"sources":[`, sourceList{frag, t.Sources}, len(t.Sources), func(i int) ([]byte, error) {
		return MarshalJSON(r.sourceJSON(t, t.Sources[i]))
	})
	if err != nil {
		return err
	}
	return emit(doc[as+len(sourcesEncoded):])
}

// FragmentList is the fragments of a list of objects, by index (see
// List).
type FragmentList interface {
	Bytes(i int, render func() ([]byte, error)) ([]byte, error)
}

// sourceList is the fragment n names of each of sources.
type sourceList struct {
	n       Named
	sources []*model.Source
}

func (l sourceList) Bytes(i int, render func() ([]byte, error)) ([]byte, error) {
	return l.n.Bytes(l.sources[i].Key(), render)
}

// emitList emits a JSON array after its key (open, as `"key":[`), of
// the n fragments of l (see EmitJoined).
func emitList(emit func([]byte) error, open string, l FragmentList, n int, render func(i int) ([]byte, error)) error {
	if err := emit([]byte(open)); err != nil {
		return err
	}
	if err := EmitJoined(emit, l, n, render); err != nil {
		return err
	}
	return emit([]byte("]"))
}

// EmitJoined emits the n fragments of l, each rendered by render(i) when
// not cached, with commas between them: the items of a JSON array, one
// at a time.
func EmitJoined(emit func([]byte) error, l FragmentList, n int, render func(i int) ([]byte, error)) error {
	comma := []byte(",")
	for i := range n {
		b, err := l.Bytes(i, func() ([]byte, error) { return render(i) })
		if err == nil && i > 0 {
			err = emit(comma)
		}
		if err == nil {
			err = emit(b)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// entryJSON is one entry of timeline.json.
func (r *Renderer) entryJSON(t *model.Timeline, e *model.Entry) jsonEntry {
	md := func(src string) string { return r.plain(t, src) }
	je := jsonEntry{
		ID: e.ID, Title: e.Title, Date: r.dateJSON(e.Date), Summary: md(e.Body),
		Actors: ids(e.Actors, recordID), Places: ids(e.Places, recordID),
		Topics: ids(e.Topics, recordID), Related: ids(e.Related, entryID),
		Draft: e.Draft, Disagreement: e.Disagreement(),
		URL: t.Config.Absolute(SitePath(e)), Evidence: []jsonEvidence{},
	}
	if e.Thread != nil {
		je.Thread = e.Thread.ID
	}
	for _, ev := range e.Evidence {
		je.Evidence = append(je.Evidence, jsonEvidence{
			Source: ev.Source.ID, Quote: ev.Quote, Passage: ev.Source.Text[ev.Span.Start:ev.Span.End],
			Start: ev.Span.Start, End: ev.Span.End, DateText: ev.DateText, Date: r.dateJSON(ev.Date),
			URL: t.Config.Absolute(SitePath(ev.Source)) + "#" + ev.Anchor(),
		})
	}
	je.Media = mediaJSON(t, e)
	return je
}

// RestKey is the fingerprint key of what timeline.json shows besides its
// entries: every source and record, in order. The owner of a fragment
// cache gives it a fingerprint covering theirs.
const RestKey = "timeline-rest:json"

// timelineRest encodes out with t's records.
func (r *Renderer) timelineRest(t *model.Timeline, out jsonTimeline) ([]byte, error) {
	records := func(rs []*model.Record) []jsonRecord {
		out := []jsonRecord{}
		for _, r := range rs {
			out = append(out, jsonRecord{
				ID: r.ID, Name: r.Name, Aliases: append([]string{}, r.Aliases...), Kind: r.Type,
				Description: r.Description, Wikidata: r.Wikidata, Country: r.Country,
				Lat: r.Lat, Lon: r.Lon, Entries: ids(r.Entries, entryID), URL: t.Config.Absolute(SitePath(r)),
			})
		}
		return out
	}
	out.Actors, out.Places, out.Topics, out.Threads = records(t.Actors), records(t.Places), records(t.Topics), records(t.Threads)
	return marshalKeeping(out, entriesEncoded, sourcesEncoded)
}

// sourceJSON is one source of timeline.json.
func (r *Renderer) sourceJSON(t *model.Timeline, s *model.Source) jsonSource {
	return jsonSource{
		ID: s.ID, Title: s.Title, Outlet: s.Outlet, Published: r.dateJSON(s.Published),
		URL: s.URL, Authors: s.Authors, Language: s.Language, TranslatedFrom: s.TranslatedFrom,
		Retrieved: s.Retrieved, RawSHA256: s.RawSHA256, Text: s.Text,
		Entries: ids(s.Entries, entryID), Page: t.Config.Absolute(SitePath(s)),
	}
}
