package edtf

import (
	"slices"
	"strconv"
	"strings"
)

// Display renders d in plain English for readers, never more precisely than
// the data: "10 March 2026", "9–10 March 2026", "c. January 2026",
// "21 June 2025?", "a day in March 2026", "since 28 February 2026".
//
// When both ends of an interval carry the same qualifier it is applied to
// the whole range ("c. 9–10 March 2026"). When they differ each end keeps
// its own ("21? – 22 June 2025"); if that would put an approximate start's
// "c." in front of a shared range, the ends are written out in full so the
// "c." cannot be read as applying to both.
func (d Date) Display() string { return d.DisplayIn(&English) }

// DisplayIn is Display in the language of w.
func (d Date) DisplayIn(w *Words) string {
	hs, he := d.hasStart(), d.hasEnd()
	switch {
	case d.IsZero():
		return ""
	case !d.Interval:
		return d.Start.qualified(w)
	case hs && he:
		return rangeText(w, d.Start, d.End)
	case hs && d.OpenEnd:
		return fill(w.Since, d.Start.qualified(w))
	case hs:
		return fill(w.FromUnknownEnd, d.Start.qualified(w))
	case he && d.OpenStart:
		return fill(w.Until, d.End.qualified(w))
	case he:
		return fill(w.UntilUnknownStart, d.End.qualified(w))
	}
	return ""
}

// qualified is the point's text with its own qualifiers.
func (p Point) qualified(w *Words) string {
	return qualify(w, p.text(w), p)
}

func qualify(w *Words, s string, p Point) string {
	if p.Approximate {
		s = fill(w.Approximate, s)
	}
	if p.Uncertain {
		s = fill(w.Uncertain, s)
	}
	return s
}

// text is the unqualified form of the point.
func (p Point) text(w *Words) string {
	if p.Unspecified != "" {
		return p.unspecifiedText(w)
	}
	s := strings.Join(p.words(w), " ")
	if p.HasTime {
		s += ", " + p.clock() + zoneName(p.Offset)
	}
	return s
}

// words are the calendar components in the order of w ([day] [month]
// year in "dmy").
func (p Point) words(w *Words) []string {
	var out []string
	if p.Precision >= Day {
		out = append(out, strconv.Itoa(p.Day))
	}
	if p.Precision >= Month {
		if p.Precision >= Day {
			out = append(out, w.monthOfDay(p.Month))
		} else {
			out = append(out, w.month(p.Month))
		}
	}
	out = append(out, w.year(p.Year))
	switch w.Order {
	case "ymd":
		slices.Reverse(out)
	case "mdy":
		if len(out) == 3 {
			out[0], out[1] = out[1], out[0]
		}
	}
	return out
}

// YearText is a year for readers. EDTF numbers years as ISO 8601 does,
// with a year 0: 0000 is 1 BC and -0299 is 300 BC, so a year y < 1 is
// 1-y BC. Years beyond four digits are grouped by thousands ("17,000").
func YearText(y int) string { return English.year(y) }

// YearIn is YearText in the language of w.
func YearIn(w *Words, y int) string { return w.year(y) }

func (w *Words) year(y int) string {
	if y < 1 {
		return fill(w.BC, grouped(1-y, w.Thousands))
	}
	return grouped(y, w.Thousands)
}

// MonthIn is the month m of year y as a heading ("March 2026").
func MonthIn(w *Words, m, y int) string {
	p := Point{Year: y, Month: m, Precision: Month}
	return strings.Join(p.words(w), " ")
}

// grouped writes n with thousands separators when it has more than four
// digits; "2026" stays as it is.
func grouped(n int, sep string) string {
	s := strconv.Itoa(n)
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (p Point) unspecifiedText(w *Words) string {
	switch {
	case p.yearSpan() == 10 && p.Year > 0:
		return fill(w.Decade, strconv.Itoa(p.Year))
	case p.yearSpan() > 1:
		// "the 2000s" would usually be read as one decade; "000X" holds
		// 1 BC.
		return fill(w.Years, w.year(p.Year), w.year(p.Year+p.yearSpan()-1))
	case p.Precision == Month:
		return fill(w.DayIn, MonthIn(w, p.Month, p.Year))
	case strings.HasSuffix(p.Unspecified, "-XX-XX"):
		return fill(w.DayIn, w.year(p.Year))
	}
	return fill(w.MonthIn, w.year(p.Year))
}

func zoneName(off *int) string {
	switch {
	case off == nil:
		return ""
	case *off == 0:
		return " UTC"
	}
	return " UTC" + offsetString(*off)
}

// plain reports whether the point is a bare calendar date, the only kind
// whose shared month and year can be factored out of a range.
func (p Point) plain() bool {
	return !p.HasTime && p.Unspecified == ""
}

// rangeText renders a closed interval.
func rangeText(w *Words, s, e Point) string {
	sameQ := s.Uncertain == e.Uncertain && s.Approximate == e.Approximate
	st, et := s.text(w), e.text(w)
	switch {
	case sameQ && st == et:
		return qualify(w, st, s)
	case sameQ && sameDayTimes(s, e):
		return qualify(w, strings.Join(s.words(w), " ")+", "+s.clock()+"–"+e.clock()+zoneName(s.Offset), s)
	case !s.plain() || !e.plain() || st == et || (!sameQ && s.Approximate) || w.Order != "dmy" && w.Order != "":
		return s.qualified(w) + " – " + e.qualified(w)
	}

	sw, ew := s.words(w), e.words(w)
	shared := sharedWords(s, e)
	head := strings.Join(sw[:len(sw)-shared], " ")
	if sameQ && shared == 0 && (s.Uncertain || s.Approximate) {
		// With nothing shared, a single trailing "?" would read the same as
		// one on the end alone: mark both ends.
		return s.qualified(w) + " – " + e.qualified(w)
	}
	if sameQ {
		sep := " – "
		if len(sw)-shared == 1 && s.Precision == e.Precision {
			sep = "–" // "9–10 March", "June–August", "2024–2025"
		}
		return qualify(w, head+sep+strings.Join(ew, " "), s)
	}

	// Differing qualifiers: each end marks its own, and the end's "?" goes
	// before the words it shares with the start so it does not read as
	// applying to the whole range.
	if s.Uncertain {
		head = fill(w.Uncertain, head)
	}
	own := strings.Join(ew[:len(ew)-shared], " ")
	if e.Uncertain {
		own = fill(w.Uncertain, own)
	}
	if shared > 0 {
		own += " " + strings.Join(ew[len(ew)-shared:], " ")
	}
	if e.Approximate {
		own = fill(w.Approximate, own)
	}
	return head + " – " + own
}

// sharedWords counts the trailing words (year, then month) that the start
// of a range can leave to the end: "9–10 March 2026" shares two.
func sharedWords(s, e Point) int {
	if s.Precision < Month || e.Precision < Month || s.Year != e.Year {
		return 0
	}
	if s.Precision == Day && e.Precision == Day && s.Month == e.Month {
		return 2
	}
	return 1
}

func sameDayTimes(s, e Point) bool {
	if !s.HasTime || !e.HasTime || s.Year != e.Year || s.Month != e.Month || s.Day != e.Day {
		return false
	}
	if s.Offset == nil || e.Offset == nil {
		return s.Offset == nil && e.Offset == nil
	}
	return *s.Offset == *e.Offset
}
