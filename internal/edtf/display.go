package edtf

import (
	"fmt"
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
func (d Date) Display() string {
	hs, he := d.hasStart(), d.hasEnd()
	switch {
	case d.IsZero():
		return ""
	case !d.Interval:
		return d.Start.qualified()
	case hs && he:
		return rangeText(d.Start, d.End)
	case hs && d.OpenEnd:
		return "since " + d.Start.qualified()
	case hs:
		return "from " + d.Start.qualified() + " (end unknown)"
	case he && d.OpenStart:
		return "until " + d.End.qualified()
	case he:
		return "until " + d.End.qualified() + " (start unknown)"
	}
	return ""
}

// qualified is the point's text with its own qualifiers.
func (p Point) qualified() string {
	return qualify(p.text(), p)
}

func qualify(s string, p Point) string {
	if p.Approximate {
		s = "c. " + s
	}
	if p.Uncertain {
		s += "?"
	}
	return s
}

// text is the unqualified English form of the point.
func (p Point) text() string {
	if p.Unspecified != "" {
		return p.unspecifiedText()
	}
	s := strings.Join(p.words(), " ")
	if p.HasTime {
		s += ", " + p.clock() + zoneName(p.Offset)
	}
	return s
}

// words are the calendar components, most specific first: [day] [month] year.
func (p Point) words() []string {
	var w []string
	if p.Precision >= Day {
		w = append(w, strconv.Itoa(p.Day))
	}
	if p.Precision >= Month {
		w = append(w, monthName(p.Month))
	}
	return append(w, YearText(p.Year))
}

// YearText is a year for readers. EDTF numbers years as ISO 8601 does,
// with a year 0: 0000 is 1 BC and -0299 is 300 BC, so a year y < 1 is
// 1-y BC. Years beyond four digits are grouped by thousands ("17,000").
func YearText(y int) string {
	if y < 1 {
		return grouped(1-y) + " BC"
	}
	return grouped(y)
}

// grouped writes n with thousands separators when it has more than four
// digits; "2026" stays as it is.
func grouped(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (p Point) unspecifiedText() string {
	switch {
	case p.yearSpan() == 10 && p.Year > 0:
		return fmt.Sprintf("the %ds", p.Year)
	case p.yearSpan() > 1:
		// "the 2000s" would usually be read as one decade; "000X" holds
		// 1 BC.
		return fmt.Sprintf("the years %s–%s", YearText(p.Year), YearText(p.Year+p.yearSpan()-1))
	case p.Precision == Month:
		return fmt.Sprintf("a day in %s %s", monthName(p.Month), YearText(p.Year))
	case strings.HasSuffix(p.Unspecified, "-XX-XX"):
		return fmt.Sprintf("a day in %s", YearText(p.Year))
	}
	return fmt.Sprintf("a month in %s", YearText(p.Year))
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
func rangeText(s, e Point) string {
	sameQ := s.Uncertain == e.Uncertain && s.Approximate == e.Approximate
	st, et := s.text(), e.text()
	switch {
	case sameQ && st == et:
		return qualify(st, s)
	case sameQ && sameDayTimes(s, e):
		return qualify(strings.Join(s.words(), " ")+", "+s.clock()+"–"+e.clock()+zoneName(s.Offset), s)
	case !s.plain() || !e.plain() || st == et || (!sameQ && s.Approximate):
		return s.qualified() + " – " + e.qualified()
	}

	sw, ew := s.words(), e.words()
	shared := sharedWords(s, e)
	head := strings.Join(sw[:len(sw)-shared], " ")
	if sameQ && shared == 0 && (s.Uncertain || s.Approximate) {
		// With nothing shared, a single trailing "?" would read the same as
		// one on the end alone: mark both ends.
		return s.qualified() + " – " + e.qualified()
	}
	if sameQ {
		sep := " – "
		if len(sw)-shared == 1 && s.Precision == e.Precision {
			sep = "–" // "9–10 March", "June–August", "2024–2025"
		}
		return qualify(head+sep+strings.Join(ew, " "), s)
	}

	// Differing qualifiers: each end marks its own, and the end's "?" goes
	// before the words it shares with the start so it does not read as
	// applying to the whole range.
	if s.Uncertain {
		head += "?"
	}
	own := strings.Join(ew[:len(ew)-shared], " ")
	if e.Uncertain {
		own += "?"
	}
	if shared > 0 {
		own += " " + strings.Join(ew[len(ew)-shared:], " ")
	}
	if e.Approximate {
		own = "c. " + own
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
