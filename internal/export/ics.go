package export

import (
	"fmt"
	neturl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/internal/edtf"
	"dateline/internal/locale"
	"dateline/internal/model"
	"dateline/internal/render"
)

// calendar is the timeline as an iCalendar file (RFC 5545, /calendar.ics),
// each event a fragment of f, stamped with the timeline's FeedUpdated.
//
// Which entries become events:
//   - a day-precise date, or a closed interval of day-precise dates, is an
//     all-day event: DTSTART;VALUE=DATE is the first day and DTEND the day
//     after the last (DTEND is exclusive), so "9–10 March 2026" spans two
//     days;
//   - a date with a time of day is a timed event (UTC when the offset is
//     known, floating local time otherwise), as is an interval whose ends
//     both have times in the same frame;
//   - entries known only to the month or year, with unspecified digits, or
//     with an open or unknown end are left out: a calendar can only show
//     them as an event lasting the whole month or year, which would state a
//     duration the sources do not support. So are dates outside the years
//     0001-9999, which an iCalendar DATE (four digits, AD) cannot write.
//     The calendar's description says how many were left out, for each
//     reason, and where to find them.
//
// Uncertain and approximate dates are included; the description of each
// event begins with the honest date ("21–22 June 2025?").
//
// DTSTAMP is the same derived instant for every event (see FeedUpdated), so
// rebuilding unchanged content gives a byte-identical file. Lines end in
// CRLF and are folded at 75 octets without splitting a UTF-8 sequence.
//
// The events are passed to emit as they are rendered, after the header
// (see render.NewStreamedPage).
func calendar(t *model.Timeline, sum render.Summaries, loc *locale.Locale, f *render.Fragments, updated time.Time, emit func([]byte) error) error {
	c := t.Config
	var w icsWriter
	stamp := updated.Format("20060102T150405Z")
	host := "dateline.invalid"
	if u, err := neturl.Parse(c.BaseURL); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	events := 0
	for _, e := range t.Entries {
		if calendarDate(e.Date) {
			events++
		}
	}
	desc := c.Description
	era := 0 // left out for their years alone
	for _, e := range t.Entries {
		if !e.Date.InCommonEra() {
			era++
		}
	}
	if left := len(t.Entries) - events - era; left > 0 {
		desc = strings.TrimSpace(desc + " " + loc.Text("cal_left_open", left, "URL", c.Absolute("")))
	}
	if era > 0 {
		desc = strings.TrimSpace(desc + " " + loc.Text("cal_left_era", era, "URL", c.Absolute("")))
	}

	w.line("BEGIN", "VCALENDAR")
	w.line("VERSION", "2.0")
	w.line("PRODID", "-//Dateline//Dateline timeline//EN")
	w.line("CALSCALE", "GREGORIAN")
	w.line("NAME", text(c.Title))
	w.line("X-WR-CALNAME", text(c.Title))
	if desc != "" {
		w.line("DESCRIPTION", text(desc))
		w.line("X-WR-CALDESC", text(desc))
	}
	if isAbsolute(c) {
		w.line("URL;VALUE=URI", c.Absolute(""))
	}
	if err := emit([]byte(w.b.String())); err != nil {
		return err
	}
	// The events are looked up as the timeline's entries, which other
	// pages of the build look up too.
	sub := "ics\x00" + stamp + "\x00" + host
	list := f.Named(sub).Once().List(t.Entries)
	for i, e := range t.Entries {
		if !calendarDate(e.Date) {
			continue
		}
		ev, err := list.Bytes(i, func() ([]byte, error) {
			return []byte(vevent(t, sum, loc, e, stamp, host)), nil
		})
		if err == nil {
			err = emit(ev)
		}
		if err != nil {
			return err
		}
	}
	return emit([]byte("END:VCALENDAR\r\n"))
}

// vevent is the VEVENT of an entry that calendarTimes accepts.
func vevent(t *model.Timeline, sum render.Summaries, loc *locale.Locale, e *model.Entry, stamp, host string) string {
	c := t.Config
	var w icsWriter
	ct, _ := calendarTimes(e.Date)
	w.line("BEGIN", "VEVENT")
	w.line("UID", e.ID+"@"+host)
	w.line("DTSTAMP", stamp)
	if ct.allDay {
		w.line("DTSTART;VALUE=DATE", ct.start)
		w.line("DTEND;VALUE=DATE", ct.end)
	} else {
		w.line("DTSTART", ct.start)
		if ct.end != "" {
			w.line("DTEND", ct.end)
		}
	}
	w.line("SUMMARY", text(e.Title))
	var d strings.Builder
	// The date as the site shows it, and what its qualifiers mean in
	// words, since a calendar can only hold the days it may fall on.
	d.WriteString(loc.Text("cal_date", "Date", loc.Date(e.Date)))
	switch {
	case e.Date.Uncertain() && e.Date.Approximate():
		d.WriteString(" (" + loc.Text("axis_kind_uncertain_approximate") + ")")
	case e.Date.Uncertain():
		d.WriteString(" (" + loc.Text("axis_kind_uncertain") + ")")
	case e.Date.Approximate():
		d.WriteString(" (" + loc.Text("axis_kind_approximate") + ")")
	}
	d.WriteString("\n\n" + sum.Plain(e.Body) + "\n\n" + loc.Text("feed_sources"))
	for _, s := range e.Sources() {
		d.WriteString("\n- " + s.Title + " " + url(c, s))
	}
	d.WriteString("\n\n" + loc.Text("cal_evidence", "URL", url(c, e)+"#evidence"))
	w.line("DESCRIPTION", text(d.String()))
	if isAbsolute(c) {
		w.line("URL;VALUE=URI", url(c, e))
	}
	if len(e.Places) > 0 {
		var names []string
		for _, p := range e.Places {
			names = append(names, p.Name)
		}
		w.line("LOCATION", text(strings.Join(names, ", ")))
		if p := e.Places[0]; len(e.Places) == 1 && p.Lat != nil && p.Lon != nil {
			w.line("GEO", fmt.Sprintf("%.6f;%.6f", *p.Lat, *p.Lon))
		}
	}
	if len(e.Topics) > 0 {
		var cats []string
		for _, tp := range e.Topics {
			cats = append(cats, text(tp.Name))
		}
		w.line("CATEGORIES", strings.Join(cats, ","))
	}
	w.line("END", "VEVENT")
	return w.b.String()
}

// icsTimes are the DTSTART/DTEND values of an event.
type icsTimes struct {
	allDay     bool
	start, end string
}

// calendarTimes maps a date to event times; ok is false for dates a
// calendar cannot show honestly (see calendar).
func calendarTimes(d edtf.Date) (icsTimes, bool) {
	if !calendarDate(d) {
		return icsTimes{}, false
	}
	s, e := d.Start, d.End
	if s.HasTime && e.HasTime && (s.Offset == nil) == (e.Offset == nil) {
		ct := icsTimes{start: icsDateTime(s)}
		if d.Interval && !d.Lower().Equal(d.Upper()) {
			ct.end = icsDateTime(e)
		}
		return ct, true
	}
	first := time.Date(s.Year, time.Month(s.Month), s.Day, 0, 0, 0, 0, time.UTC)
	last := time.Date(e.Year, time.Month(e.Month), e.Day, 0, 0, 0, 0, time.UTC)
	return icsTimes{allDay: true, start: first.Format("20060102"), end: last.AddDate(0, 0, 1).Format("20060102")}, true
}

// calendarDate reports whether calendarTimes accepts d, without formatting
// its times.
func calendarDate(d edtf.Date) bool {
	if d.IsZero() || d.OpenStart || d.UnknownStart || d.OpenEnd || d.UnknownEnd || !d.InCommonEra() {
		return false
	}
	for _, p := range []edtf.Point{d.Start, d.End} {
		if p.Precision < edtf.Day || p.Unspecified != "" {
			return false
		}
	}
	return true
}

// icsDateTime is a DATE-TIME value: UTC ("Z") when the offset is known,
// floating local time when it is not.
func icsDateTime(p edtf.Point) string {
	if p.Offset == nil {
		return fmt.Sprintf("%04d%02d%02dT%02d%02d%02d", p.Year, p.Month, p.Day, p.Hour, p.Minute, p.Second)
	}
	at := time.Date(p.Year, time.Month(p.Month), p.Day, p.Hour, p.Minute, p.Second, 0, time.FixedZone("", *p.Offset))
	return at.UTC().Format("20060102T150405Z")
}

// text escapes a TEXT value (RFC 5545 3.3.11).
func text(s string) string {
	// A lone CR is a control character like any other (see
	// render.StripControls), as in every other export.
	return textEscaper.Replace(render.StripControls(s))
}

// textEscaper is built once: building it takes a table per call, which
// was a fifth of the calendar's allocations. A Replacer is read only.
var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)

// icsWriter writes content lines, folded and CRLF-terminated.
type icsWriter struct{ b strings.Builder }

// line writes "NAME:value", folding it so no line exceeds 75 octets: a
// continuation line starts with a space, and a fold never falls inside a
// UTF-8 sequence.
func (w *icsWriter) line(name, value string) {
	// Every value passes here; a newline is escaped by text, and a raw
	// one is no value's (see render.StripControls).
	s := name + ":" + strings.ReplaceAll(render.StripControls(value), "\n", "")
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.b.WriteString(s + "\r\n")
}
