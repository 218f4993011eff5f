package render

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"dateline/internal/edtf"
	"dateline/internal/locale"
	"dateline/internal/model"
)

// The time axis: an overview of a list of entries over time, drawn at build
// time as inline SVG above the list (templates/partials.html "axis"), so it
// works without JavaScript; static/axis.js adds zoom, pan and brushing.
//
// It is an aggregate, never a mark per entry: entries whose date falls in
// one bin (a day, week, month, year or run of years, whichever gives a
// readable number of bins for the list's span) are counted in its bar, the
// uncertain or approximate ones apart, hatched; entries whose date is
// wider than a bin (or open-ended) are drawn as spans from their lower to
// their upper bound below the bars, grouped by the bins they cover;
// threads are bands above. Its size is bounded by maxBins, maxSpans and
// maxBandRows whatever the number of entries, so pages stay within the
// page budget (README, "Pages that scale").

const (
	maxBins     = 200 // bars: months up to about 16 years
	maxSpans    = 40  // span groups, after coarsening (see spanGroups)
	maxSpanRows = 5
	maxBandRows = 3

	// Geometry, in CSS pixels; x positions are percentages of the width.
	bandH, bandGap = 8, 3
	barsH          = 56
	spanH, spanGap = 5, 3
	tickH          = 18
)

// unit is a kind of bin: days, weeks, months or years, step at a time.
type unit struct {
	kind byte // 'd', 'w', 'm', 'y'
	step int64
}

// The units an axis may use, finest first.
var units = []unit{{'d', 1}, {'w', 1}, {'m', 1}, {'m', 3}, {'y', 1}, {'y', 2}, {'y', 5}, {'y', 10}, {'y', 20}, {'y', 50}, {'y', 100}}

// dayOf is the day number (days since 1970-01-01) of a calendar date.
func dayOf(y int64, m time.Month, d int) int64 {
	return floorDiv(time.Date(int(y), m, d, 0, 0, 0, 0, time.UTC).Unix(), 86400)
}

// dayNumber is the day number of a bound, on the day as written (see
// edtf.Date.Lower).
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return dayOf(int64(y), m, d)
}

func dateOf(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// index is the bin of day number day.
func (u unit) index(day int64) int64 {
	switch u.kind {
	case 'd':
		return floorDiv(day, u.step)
	case 'w': // weeks start on Monday; day 0 was a Thursday
		return floorDiv(day+3, 7)
	}
	t := dateOf(day)
	if u.kind == 'm' {
		return floorDiv(int64(t.Year())*12+int64(t.Month())-1, u.step)
	}
	return floorDiv(int64(t.Year()), u.step)
}

// start is the first day number of bin i.
func (u unit) start(i int64) int64 {
	switch u.kind {
	case 'd':
		return i * u.step
	case 'w':
		return i*7 - 3
	case 'm':
		m := i * u.step
		return dayOf(floorDiv(m, 12), time.Month(m-floorDiv(m, 12)*12+1), 1)
	}
	return dayOf(i*u.step, time.January, 1)
}

// bins is how many bins of u the days lo..hi (inclusive) fall in.
func (u unit) bins(lo, hi int64) int64 { return u.index(hi) - u.index(lo) + 1 }

// label names bin i for readers in the page's language: "13 June 2025",
// "week of 9 June 2025", "June 2025", "April–June 2025", "2025",
// "2010–2019" (each an EDTF date, written as the site writes dates).
func (u unit) label(loc *locale.Locale, i int64) string {
	t := dateOf(u.start(i))
	switch {
	case u.kind == 'd':
		return dateText(loc, edtfDay(t))
	case u.kind == 'w':
		return loc.Text("axis_week", "Date", dateText(loc, edtfDay(t)))
	case u.kind == 'm' && u.step == 1:
		return dateText(loc, edtfMonth(t))
	case u.kind == 'm':
		return dateText(loc, edtfMonth(t)+"/"+edtfMonth(dateOf(u.start(i+1)-1)))
	case u.step == 1:
		return dateText(loc, edtf.FormatYear(t.Year()))
	}
	return dateText(loc, edtf.FormatYear(t.Year())+"/"+edtf.FormatYear(t.Year()+int(u.step)-1))
}

// noun is what a bin of u is called in the text alternative's header.
func (u unit) noun(loc *locale.Locale) string {
	switch {
	case u.kind == 'd':
		return loc.Text("axis_unit_day")
	case u.kind == 'w':
		return loc.Text("axis_unit_week")
	case u.kind == 'm' && u.step == 1:
		return loc.Text("axis_unit_month")
	case u.kind == 'm':
		return loc.Text("axis_unit_quarter")
	case u.step == 1:
		return loc.Text("axis_unit_year")
	}
	return loc.Text("axis_unit_years")
}

func edtfMonth(t time.Time) string {
	return fmt.Sprintf("%s-%02d", edtf.FormatYear(t.Year()), int(t.Month()))
}
func edtfDay(t time.Time) string { return fmt.Sprintf("%s-%02d", edtfMonth(t), t.Day()) }

// dateText writes an EDTF date of the axis as the site writes dates.
func dateText(loc *locale.Locale, s string) string {
	d, err := edtf.Parse(s)
	if err != nil {
		return s
	}
	return loc.Date(d)
}

// isoDay is a day number as ISO 8601 (YYYY-MM-DD, with a sign and four
// digits at least for years outside 0000-9999), as axis.js and the filter
// parameters read it.
func isoDay(day int64) string {
	t := dateOf(day)
	return fmt.Sprintf("%s-%02d-%02d", edtf.FormatYear(t.Year()), int(t.Month()), t.Day())
}

// DayFrom and DayTo are the inclusive bounds of d as ISO days, for an
// entry card's data-from and data-to; "" for an open or unknown end.
func DayFrom(d edtf.Date) string {
	if lo := d.Lower(); !lo.IsZero() {
		return isoDay(dayNumber(lo))
	}
	return ""
}

func DayTo(d edtf.Date) string {
	if hi := d.Upper(); !hi.IsZero() {
		return isoDay(dayNumber(hi))
	}
	return ""
}

// axisData is the axis of one list of entries, independent of the page
// it is drawn on (memo.axisOf keeps it).
type axisData struct {
	unit   unit
	lo, hi int64 // domain: the first day of the first bin, the day after the last bin
	bars   []axisBin
	spans  []axisBin
	spanU  unit // the unit spans are snapped to
	bands  []axisBand
	more   int // threads without a band
	rows   int // span rows
	count  int
	ticks  []AxisTick
	maxN   int
}

// axisBin is a bar (first == last bin) or a span group: n entries, the
// first of which is at position first of the list.
type axisBin struct {
	from, to int64 // bins of the axis's unit (a bar) or of spanU (a span)
	kind     string
	n, first int
	q        int // of a bar: entries with an uncertain or approximate date
	row      int
}

type axisBand struct {
	thread *model.Record
	lo, hi int64 // day numbers, clipped to the domain
	row    int
}

// axisOf places entries (in timeline order) on an axis; nil when no entry
// has a known bound.
func axisOf(entries []*model.Entry) *axisData {
	a := domainOf(entries)
	if a == nil {
		return nil
	}
	type bounds struct{ lo, hi int64 }
	bs := make([]bounds, len(entries))
	for i, e := range entries {
		bs[i].lo, bs[i].hi = dayBounds(e)
	}
	u := a.unit

	// Bars: entries whose date lies within one bin.
	var spanned []int
	for i, e := range entries {
		b := bs[i]
		if b.lo == minDay || b.hi == maxDay || u.index(b.lo) != u.index(b.hi) {
			spanned = append(spanned, i)
			continue
		}
		k := u.index(b.lo)
		// Entries come by lower bound, so bins mostly come in order; a
		// bin seen before is found by search.
		j := len(a.bars) - 1
		if j < 0 || a.bars[j].from != k {
			var found bool
			j, found = slices.BinarySearchFunc(a.bars, k, func(x axisBin, k int64) int { return cmp.Compare(x.from, k) })
			if !found {
				a.bars = slices.Insert(a.bars, j, axisBin{from: k, to: k, first: i})
			}
		}
		a.bars[j].n++
		if e.Date.Uncertain() || e.Date.Approximate() {
			a.bars[j].q++
		}
		a.maxN = max(a.maxN, a.bars[j].n)
	}

	// Spans, grouped by the bins they cover, coarser until few enough.
	for ui := slices.Index(units, u); ui < len(units); ui++ {
		a.spanU = units[ui]
		a.spans = a.spans[:0]
		groups := map[[2]int64]map[string]int{}
		for _, i := range spanned {
			b, d := bs[i], entries[i].Date
			kind := spanKind(d, b.lo == minDay || b.hi == maxDay)
			if b.lo == minDay {
				b.lo = a.lo
			}
			if b.hi == maxDay {
				b.hi = max(b.lo, a.hi-1)
			}
			from, to := a.spanU.index(b.lo), a.spanU.index(b.hi)
			key := [2]int64{from, to}
			if groups[key] == nil {
				groups[key] = map[string]int{}
			}
			if j, ok := groups[key][kind]; ok {
				a.spans[j].n++
				continue
			}
			groups[key][kind] = len(a.spans)
			a.spans = append(a.spans, axisBin{from: from, to: to, kind: kind, n: 1, first: i})
		}
		if len(a.spans) <= maxSpans {
			break
		}
	}
	slices.SortStableFunc(a.spans, func(x, y axisBin) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(y.to, x.to))
	})
	a.rows = packRows(len(a.spans), maxSpanRows, func(i int) (int64, int64) { return a.spans[i].from, a.spans[i].to },
		func(i, row int) { a.spans[i].row = row })

	a.bandsOf(entries)
	a.ticks = ticks(a.lo, a.hi)
	return a
}

// The day numbers standing for an open or unknown end.
const minDay, maxDay = -1 << 62, 1 << 62

// dayBounds returns the day numbers of e's bounds, minDay and maxDay for
// an open or unknown one.
func dayBounds(e *model.Entry) (lo, hi int64) {
	lo, hi = minDay, maxDay
	if t := e.Date.Lower(); !t.IsZero() {
		lo = dayNumber(t)
	}
	if t := e.Date.Upper(); !t.IsZero() {
		hi = dayNumber(t)
	}
	return lo, hi
}

// domainOf returns the axis of entries with only its count, unit and
// domain set; nil when no entry has a known bound.
func domainOf(entries []*model.Entry) *axisData {
	var lo, hi int64
	known := false
	for _, e := range entries {
		// The axis spans the entries' lower bounds, by which the list is
		// ordered and grouped: a month's page shows that month, even if
		// an entry in it runs for a year. Spans beyond are cut at the
		// edge. Of a date without a lower bound, its upper one counts.
		d, up := dayBounds(e)
		if d == minDay {
			d = up
		}
		if d != maxDay {
			if !known || d < lo {
				lo = d
			}
			if !known || d > hi {
				hi = d
			}
			known = true
		}
	}
	if !known {
		return nil
	}
	a := &axisData{count: len(entries)}
	a.unit = units[len(units)-1]
	for _, u := range units {
		if u.bins(lo, hi) <= unitBins(u) {
			a.unit = u
			break
		}
	}
	a.lo, a.hi = a.unit.start(a.unit.index(lo)), a.unit.start(a.unit.index(hi)+1)
	return a
}

// Band is a thread's band as the time axis of a list draws it: its days,
// clipped to the axis, and its row.
type Band struct {
	Thread *model.Record
	Lo, Hi int64
	Row    int
}

// AxisBands returns the bands the time axis of entries draws, in order,
// and how many threads it leaves without one. Besides the entries' dates,
// they are all an axis shows of the timeline, so a page's fingerprint
// covers them rather than every thread's era.
func AxisBands(entries []*model.Entry) (bands []Band, more int) {
	a := domainOf(entries)
	if a == nil {
		return nil, 0
	}
	a.bandsOf(entries)
	for _, b := range a.bands {
		bands = append(bands, Band{Thread: b.thread, Lo: b.lo, Hi: b.hi, Row: b.row})
	}
	return bands, a.more
}

// unitBins is the most bins an axis of u may have: months up to about 16
// years (bars a few pixels wide), fewer of the others so that bars stay
// wide enough to see.
func unitBins(u unit) int64 {
	switch u.kind {
	case 'd':
		return 62 // a month or two, day by day
	case 'w':
		return 60 // a year or so, week by week
	case 'y':
		return maxBins / 2 // bars over centuries need not be thin
	}
	return maxBins
}

// spanKind is what a span shows: why the entry is not a point.
func spanKind(d edtf.Date, open bool) string {
	switch {
	case d.Uncertain() && d.Approximate():
		return "uncertain, approximate"
	case d.Uncertain():
		return "uncertain"
	case d.Approximate():
		return "approximate"
	case open:
		return "open-ended"
	}
	return "range"
}

// packRows assigns n intervals (sorted by start) to at most rows rows,
// greedily, so that intervals in a row do not overlap; those that fit
// nowhere go to the row that frees up first. It returns the rows used.
func packRows(n, rows int, span func(int) (int64, int64), set func(i, row int)) int {
	var ends []int64
	for i := range n {
		lo, hi := span(i)
		row := -1
		for r, end := range ends {
			if end < lo {
				row = r
				break
			}
		}
		if row < 0 && len(ends) < rows {
			row = len(ends)
			ends = append(ends, 0)
		}
		if row < 0 {
			row = 0
			for r, end := range ends {
				if end < ends[row] {
					row = r
				}
			}
		}
		ends[row] = max(ends[row], hi)
		set(i, row)
	}
	return len(ends)
}

// bandsOf places the threads of entries as bands over their whole span,
// clipped to the axis.
func (a *axisData) bandsOf(entries []*model.Entry) {
	seen := map[*model.Record]bool{}
	for _, e := range entries {
		th := e.Thread
		if th == nil || seen[th] {
			continue
		}
		seen[th] = true
		first, last := th.Span()
		lo, hi := a.lo, a.hi-1
		if t := first.Date.Lower(); !t.IsZero() {
			lo = max(lo, dayNumber(t))
		}
		if t := last.Date.Upper(); !t.IsZero() {
			hi = min(hi, dayNumber(t))
		} else if t := last.Date.Lower(); !t.IsZero() {
			hi = min(hi, max(dayNumber(t), lo))
		}
		a.bands = append(a.bands, axisBand{thread: th, lo: lo, hi: max(hi, lo)})
	}
	slices.SortStableFunc(a.bands, func(x, y axisBand) int { return cmp.Compare(x.lo, y.lo) })
	rows := make([]int64, 0, maxBandRows)
	kept := a.bands[:0]
	for _, b := range a.bands {
		row := slices.IndexFunc(rows, func(end int64) bool { return end < b.lo })
		if row < 0 && len(rows) < maxBandRows {
			row = len(rows)
			rows = append(rows, 0)
		}
		if row < 0 {
			a.more++
			continue
		}
		rows[row] = b.hi
		b.row = row
		kept = append(kept, b)
	}
	a.bands = kept
}

// AxisTick is a labelled line across the axis.
type AxisTick struct {
	X    string
	Text string
	day  int64
	form byte // 'y' a year, 'M' a month with its year, 'm' a month, 'd' a day
}

// ticks labels the axis lo..hi (day numbers, hi exclusive) at the finest
// of day, week, month or year steps that gives at most eight labels.
func ticks(lo, hi int64) []AxisTick {
	steps := []unit{{'d', 1}, {'d', 2}, {'w', 1}, {'m', 1}, {'m', 3}, {'m', 6}, {'y', 1}, {'y', 2}, {'y', 5}, {'y', 10}, {'y', 20}, {'y', 50}, {'y', 100}, {'y', 1000}, {'y', 10000}}
	var u unit
	for _, u = range steps {
		if u.bins(lo, hi-1) <= 8 {
			break
		}
	}
	var out []AxisTick
	for i := u.index(lo); u.start(i) < hi; i++ {
		d := u.start(i)
		if d < lo || d-lo > (hi-lo)*95/100 { // a label at the right edge would be cut
			continue
		}
		t := dateOf(d)
		form := byte('d')
		switch {
		case u.kind == 'y':
			form = 'y'
		case u.kind == 'm' && (t.Month() == time.January || len(out) == 0):
			form = 'M'
		case u.kind == 'm':
			form = 'm'
		}
		out = append(out, AxisTick{X: pct(d-lo, hi-lo), day: d, form: form})
	}
	return out
}

func pct(x, of int64) string {
	return strconv.FormatFloat(float64(x)/float64(of)*100, 'f', 3, 64) + "%"
}

// Axis is an axis as a page draws it (templates/partials.html "axis").
type Axis struct {
	ID      string // unique on the page
	Unit    string // what a bar counts: "Month", "Week", ...
	From    string // the domain, as ISO days (inclusive)
	To      string
	Summary string // "30 entries, 2015–2026"
	Count   int
	Bars    []AxisMark
	Spans   []AxisMark
	Bands   []AxisMark
	Ticks   []AxisTick
	More    int // threads without a band
	// Complete: the page lists every entry the axis counts, so brushing
	// filters the whole list.
	Complete bool
	Height   int
	BarsTop  int // y of the top of the bars' area
	BarsBase int // y of the baseline
	HitH     int // the height of a bar's target: the bars' area
	SpansTop int
	TicksY   int
}

// AxisMark is a bar, a span or a band.
type AxisMark struct {
	X, W     string
	Y, H     int
	N        int
	Q, QH    int    // of a bar: its uncertain or approximate entries, and their part of H
	Label    string // for the mark's accessible name
	Period   string // for the text alternative
	Href     string
	From, To string // ISO days, inclusive
	Class    string
}

// axis draws the axis of entries for the page of v. list is the page on
// which the list shows entry i: "" when it is this page (every entry is
// listed here), else a site path.
func (v view) axis(id string, entries []*model.Entry, list func(i int) string) *Axis {
	if len(entries) == 0 {
		return nil
	}
	a := v.r.memo.axisOf(v.Site, entries)
	if a == nil {
		return nil
	}
	u, span := a.unit, a.hi-a.lo
	loc := v.r.loc
	out := &Axis{ID: id, Unit: u.noun(loc), From: isoDay(a.lo), To: isoDay(a.hi - 1), Count: a.count, More: a.more, Ticks: tickTexts(loc, a.ticks)}
	out.Complete = list(0) == ""
	href := func(i int, anchor string) string {
		if p := list(i); p != "" {
			return v.Root + p + "#" + anchor
		}
		return "#" + anchor
	}
	// A bar links to the heading of its period where the list shows its
	// first entry (the list's months and years are headed, see "groups");
	// finer bars to the first entry itself.
	anchor := func(i int) string {
		e := entries[i]
		_, _, yid, mid := whenOf(e.Date).labels(nil) // ids only
		switch {
		case u.kind == 'y' || u.kind == 'm' && u.step > 1:
			return yid
		case u.kind == 'm':
			return mid
		}
		return "e-" + e.ID
	}
	bandRows := 0
	for _, b := range a.bands {
		bandRows = max(bandRows, b.row+1)
	}
	out.BarsTop = bandRows*(bandH+bandGap) + 4
	out.BarsBase = out.BarsTop + barsH
	out.HitH = barsH
	out.SpansTop = out.BarsBase + spanGap
	out.TicksY = out.SpansTop + a.rows*(spanH+spanGap) + 14
	out.Height = out.TicksY + tickH - 12
	for _, b := range a.bands {
		th := b.thread
		first, last := th.Span()
		dates := loc.Date(first.Date)
		if last != first {
			dates = loc.Text("axis_range", "From", dates, "To", loc.Date(last.Date))
		}
		out.Bands = append(out.Bands, AxisMark{
			X: pct(b.lo-a.lo, span), W: pct(b.hi+1-b.lo, span), Y: b.row * (bandH + bandGap), H: bandH,
			N: len(th.Entries), Label: loc.Text("axis_band", len(th.Entries), "Name", th.Name, "Dates", dates),
			Period: th.Name, Href: v.URL(th), From: isoDay(b.lo), To: isoDay(b.hi), Class: eraClass(v.Site, th),
		})
	}
	for _, b := range a.bars {
		lo, hi := u.start(b.from), u.start(b.from+1)
		h := max(2, b.n*barsH/max(a.maxN, 1))
		qh := b.q * h / b.n
		if b.q > 0 {
			qh = max(qh, 2)
		}
		period := upperFirst(u.label(loc, b.from))
		label := loc.Text("axis_bar", b.n, "Period", period)
		if b.q > 0 {
			label += " " + loc.Text("axis_bar_q", "Count", loc.Num(b.q))
		}
		out.Bars = append(out.Bars, AxisMark{
			X: pct(lo-a.lo, span), W: pct(hi-lo, span), Y: out.BarsBase - h, H: h, N: b.n, Q: b.q, QH: qh,
			Label: label, Period: period,
			Href: href(b.first, anchor(b.first)), From: isoDay(lo), To: isoDay(hi - 1),
		})
	}
	su := a.spanU
	for _, s := range a.spans {
		lo, hi := max(su.start(s.from), a.lo), min(su.start(s.to+1), a.hi)
		period := upperFirst(su.label(loc, s.from))
		if s.to != s.from {
			period = loc.Text("axis_range", "From", period, "To", su.label(loc, s.to))
		}
		period = loc.Text("axis_span", "Period", period, "Kind", loc.Text("axis_kind_"+strings.ReplaceAll(strings.ReplaceAll(s.kind, ", ", "_"), "-", "_")))
		q := 0
		if s.kind != "range" && s.kind != "open-ended" {
			q = s.n
		}
		out.Spans = append(out.Spans, AxisMark{
			X: pct(lo-a.lo, span), W: pct(hi-lo, span), Y: out.SpansTop + s.row*(spanH+spanGap), H: spanH, N: s.n, Q: q,
			Label: loc.Text("axis_bar", s.n, "Period", period), Period: period,
			Href: href(s.first, "e-"+entries[s.first].ID), From: isoDay(lo), To: isoDay(hi - 1),
			Class: "span-" + strings.ReplaceAll(strings.ReplaceAll(s.kind, ", ", "-"), " ", "-"),
		})
	}
	out.Summary = loc.Text("axis_summary", a.count, "Span", spanText(loc, a))
	return out
}

// spanText is the domain of an axis for its caption: "2015–2026",
// "June 2025", "1–30 June 2025".
func spanText(loc *locale.Locale, a *axisData) string {
	lo, hi := dateOf(a.lo), dateOf(a.hi-1)
	switch {
	case lo.Year() != hi.Year():
		return dateText(loc, edtf.FormatYear(lo.Year())+"/"+edtf.FormatYear(hi.Year()))
	case lo.Month() != hi.Month():
		return dateText(loc, edtfMonth(lo)+"/"+edtfMonth(hi))
	}
	return dateText(loc, edtfDay(lo)+"/"+edtfDay(hi))
}

func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// Axis is the time axis of the page: of the whole timeline on the front
// page, of a period on its pages, of a record on its pages; nil on the
// others.
func (v view) Axis() *Axis {
	size := v.Config.PageSize
	switch {
	case v.Record != nil:
		rec := v.Record
		if len(rec.Entries) <= size {
			return v.axis("axis", rec.Entries, func(int) string { return "" })
		}
		return v.axis("axis", rec.Entries, func(i int) string { return pagePath(SitePath(rec), i/size+1) })
	case v.Period != nil:
		p := v.Period
		if p.Months == nil && len(p.Entries) <= size {
			return v.axis("axis", p.Entries, func(int) string { return "" })
		}
		return v.axis("axis", p.Entries, v.listing(p.Entries))
	case v.Template == "timeline":
		if v.Periods == nil {
			return v.axis("axis", v.Site.Entries, func(int) string { return "" })
		}
		return v.axis("axis", v.Site.Entries, v.listing(v.Site.Entries))
	}
	return nil
}

// listing is the page of the timeline that lists entries[i].
func (v view) listing(entries []*model.Entry) func(int) string {
	periods, size := v.r.memo.periodsOf(v.Site, v.Config.PageSize), v.Config.PageSize
	return func(i int) string {
		l := Listing(periods, size, entries[i])
		return l[:strings.IndexByte(l, '#')]
	}
}

// tickTexts writes the ticks in the page's language, months short.
func tickTexts(loc *locale.Locale, ticks []AxisTick) []AxisTick {
	out := slices.Clone(ticks)
	for i, tk := range out {
		t := dateOf(tk.day)
		month := loc.Text(fmt.Sprintf("month_short_%d", int(t.Month())))
		switch tk.form {
		case 'y':
			out[i].Text = loc.Year(t.Year())
		case 'M':
			out[i].Text = month + " " + loc.Year(t.Year())
		case 'm':
			out[i].Text = month
		default:
			out[i].Text = loc.Num(t.Day()) + " " + month
		}
	}
	return out
}
