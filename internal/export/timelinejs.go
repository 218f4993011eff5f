package export

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"dateline/internal/config"
	"dateline/internal/edtf"
	"dateline/internal/locale"
	"dateline/internal/media"
	"dateline/internal/model"
	"dateline/internal/render"
	"dateline/internal/timelinejs"
)

// TimelineJS encodes the timeline, or one thread of it (thread != nil), in
// the TimelineJS3 JSON format:
//
//   - start_date/end_date carry only the parts the data has: a year for
//     year precision, a month for month precision, hour and minute for a
//     time of day; an open or unknown start uses the known end as the
//     start, since TimelineJS requires one;
//   - display_date is the honest display ("21–22 June 2025?", "c. January
//     2026", "since 28 February 2026") whenever TimelineJS's own formatting
//     of the parts would lose something: qualifiers, ranges, unspecified
//     digits, open ends, time zones;
//   - text.headline is the title and text.text the summary as HTML with
//     absolute links, followed by a paragraph (class "dateline-meta")
//     naming the sources and linking the entry's evidence;
//   - unique_id is the entry id and group the name of its first topic;
//   - eras are the threads (for the whole timeline), spanning their entries;
//   - the title slide introduces the timeline or thread.
//
// The JSON is compact (the build minifies JSON anyway).
func TimelineJS(t *model.Timeline, thread *model.Record) ([]byte, error) {
	var parts render.Parts
	err := timelineJS(t, render.NewSummaries(t), locale.Of(t.Config.Language, t.Config.Numerals), thread, nil, nil, func(b []byte) error {
		parts = append(parts, b)
		return nil
	})
	return parts.Bytes(), err
}

// timelineJS is TimelineJS of the whole timeline, a thread or a year
// (year != nil), with each entry's event a fragment of f, passed to emit
// in order with the rest of the document (see render.NewStreamedPage): at
// 100,000 entries the whole timeline's events are hundreds of megabytes,
// which are not held at once.
func timelineJS(t *model.Timeline, sum render.Summaries, loc *locale.Locale, thread *model.Record, year *render.Period, f *render.Fragments, emit func([]byte) error) error {
	c := t.Config
	esc := template.HTMLEscapeString
	entries := t.Entries
	title := &timelinejs.Slide{Text: &timelinejs.Text{
		Headline: esc(c.Title),
		Text: paragraphs(c.Description, fmt.Sprintf("%s <a href=\"%s\">%s</a>",
			esc(loc.Text("tljs_intro", "Entries", loc.Text("n_entries", len(t.Entries)), "Sources", loc.Text("n_archived_sources", len(t.Sources)))),
			esc(c.Absolute("")), esc(loc.Text("tljs_link")))),
	}}
	switch {
	case thread != nil:
		entries = thread.Entries
		title.Text = &timelinejs.Text{
			Headline: esc(thread.Name),
			Text:     paragraphs(thread.Description, string(loc.HTML("tljs_thread", "Entries", loc.Text("n_entries", len(entries)), "Site", link(url(c, thread), c.Title)))),
		}
	case year != nil:
		entries = year.Entries
		title.Text = &timelinejs.Text{
			Headline: esc(year.Label),
			Text:     paragraphs("", string(loc.HTML("tljs_year", "Entries", loc.Text("n_entries", len(entries)), "Site", link(c.Absolute(year.Path), c.Title)))),
		}
	}
	out := timelinejs.Timeline{Title: title, Events: []timelinejs.Slide{}, Scale: "human", Language: c.Language}
	for _, e := range entries {
		for _, p := range []edtf.Point{e.Date.Start, e.Date.End} {
			if p.Precision != 0 && timelinejs.Cosmological(p.Year) {
				out.Scale = "cosmological" // beyond what a JavaScript Date holds
			}
		}
	}
	if thread == nil && year == nil {
		for _, th := range t.Threads {
			if era, ok := threadEra(th); ok {
				out.Eras = append(out.Eras, era)
			}
		}
	}
	doc, err := render.MarshalJSON(out)
	if err == nil && f != nil && f.Minify != nil {
		doc, err = f.Minify("timelinejs.json", doc)
	}
	if err != nil {
		return err
	}
	// The title slide comes first and has no "events" key, and a quote
	// inside a string is escaped: the first match is the events array.
	open := []byte(`"events":[`)
	at := bytes.Index(doc, open)
	if at < 0 {
		return fmt.Errorf("timelinejs: events not found")
	}
	if err := emit(doc[: at+len(open) : at+len(open)]); err != nil {
		return err
	}
	list := f.MinifiedNamed("timelinejs", "timelinejs.json").List(entries)
	err = render.EmitJoined(emit, list, len(entries), func(i int) ([]byte, error) {
		return render.MarshalJSON(slide(t, sum, loc, entries[i]))
	})
	if err != nil {
		return err
	}
	return emit(doc[at+len(open):])
}

func slide(t *model.Timeline, sum render.Summaries, loc *locale.Locale, e *model.Entry) timelinejs.Slide {
	c := t.Config
	esc := template.HTMLEscapeString
	s := timelinejs.Slide{UniqueID: e.ID, EDTF: e.Date.String()}
	s.StartDate, s.EndDate = tlDates(e.Date)
	if NeedsDisplay(e.Date) {
		s.DisplayDate = loc.Date(e.Date)
	}
	if len(e.Topics) > 0 {
		s.Group = e.Topics[0].Name
	}
	var srcs []string
	for _, src := range e.Sources() {
		name := src.Title
		if o := src.Outlet; model.OutletStated(o) {
			name = o + ", “" + src.Title + "”"
		}
		srcs = append(srcs, fmt.Sprintf(`<a href="%s">%s</a>`, esc(url(c, src)), esc(name)))
	}
	meta := fmt.Sprintf(`<p class="dateline-meta">%s</p>`, loc.HTML("tljs_meta",
		"Evidence", link(url(c, e)+"#evidence", loc.Text("evidence")), "Sources", loc.Text("n_sources", len(srcs)), "List", template.HTML(strings.Join(srcs, "; "))))
	s.Text = &timelinejs.Text{Headline: esc(e.Title), Text: summaryHTML(t, sum, e) + meta}
	s.Media = tlMedia(c, e)
	return s
}

// tlMedia is an entry's first media as TimelineJS shows it (a slide has
// one): a local file by its absolute address, a thumbnail from its
// smallest size, and the caption and credit as HTML.
func tlMedia(c config.Config, e *model.Entry) *timelinejs.Media {
	if len(e.Media) == 0 {
		return nil
	}
	m := e.Media[0]
	esc := template.HTMLEscapeString
	tm := &timelinejs.Media{Caption: esc(m.Caption), Credit: esc(m.Credit), Alt: m.Alt, URL: m.Remote.URL}
	if m.IsLocal() {
		tm.URL = c.Absolute(m.Local.Path)
		if m.Kind == media.Image {
			tm.Thumbnail = c.Absolute(m.Thumb().Path)
		}
	}
	if m.Source != nil {
		tm.Link = url(c, m.Source)
	}
	return tm
}

// NeedsDisplay reports whether TimelineJS's own rendering of a date's parts
// would misstate it, so that display_date must carry the honest form. Years
// outside 0001-9999 are written out too: TimelineJS labels a year before
// AD 1 "BCE" in English only, and shows the far years as it scales them.
func NeedsDisplay(d edtf.Date) bool {
	return d.Interval || d.Uncertain() || d.Approximate() ||
		d.Start.Unspecified != "" || d.Start.HasTime && d.Start.Offset != nil || !d.InCommonEra()
}

// tlDates maps an EDTF date to TimelineJS start and end dates.
func tlDates(d edtf.Date) (start, end *timelinejs.Date) {
	hasStart := d.Interval && !d.OpenStart && !d.UnknownStart || !d.Interval
	hasEnd := d.Interval && !d.OpenEnd && !d.UnknownEnd
	switch {
	case hasStart && hasEnd:
		return tlDate(d.Start), tlDate(d.End)
	case hasStart:
		return tlDate(d.Start), nil
	case hasEnd:
		return tlDate(d.End), nil
	}
	return nil, nil
}

// tlDate writes the parts of p that the data has, the year as TimelineJS
// numbers it (-0299, 300 BC, is its -300: see timelinejs.YearOf).
func tlDate(p edtf.Point) *timelinejs.Date {
	td := &timelinejs.Date{Year: timelinejs.PartOf(timelinejs.YearOf(p.Year))}
	if p.Precision >= edtf.Month {
		td.Month = timelinejs.PartOf(p.Month)
	}
	if p.Precision >= edtf.Day {
		td.Day = timelinejs.PartOf(p.Day)
	}
	if p.HasTime {
		td.Hour = timelinejs.PartOf(p.Hour)
		td.Minute = timelinejs.PartOf(p.Minute)
		if p.Second != 0 {
			td.Second = timelinejs.PartOf(p.Second)
		}
	}
	return td
}

// threadEra spans a thread from the start of its first entry to the end of
// its last-ending one.
func threadEra(th *model.Record) (timelinejs.Era, bool) {
	first, last := th.Span()
	if first == nil {
		return timelinejs.Era{}, false
	}
	start, _ := tlDates(first.Date)
	s, e := tlDates(last.Date)
	if e == nil {
		e = s
	}
	if start == nil || e == nil {
		return timelinejs.Era{}, false
	}
	return timelinejs.Era{StartDate: start, EndDate: e, Text: &timelinejs.Text{Headline: template.HTMLEscapeString(th.Name)}}, true
}

func paragraphs(texts ...string) string {
	var b strings.Builder
	for i, s := range texts {
		if s == "" {
			continue
		}
		if i == 0 {
			b.WriteString("<p>" + template.HTMLEscapeString(s) + "</p>")
			continue
		}
		// What Dateline adds is marked as its slides' meta paragraphs
		// are, so that an import tells it from the description.
		b.WriteString(`<p class="dateline-meta">` + s + "</p>")
	}
	return b.String()
}

// link is an HTML link to href, for a message's argument.
func link(href, text string) template.HTML {
	esc := template.HTMLEscapeString
	return template.HTML(`<a href="` + esc(href) + `">` + esc(text) + `</a>`)
}
