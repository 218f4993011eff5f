package edtf

import (
	"fmt"
	"strings"
)

// String returns the canonical EDTF form: Parse(s).String() == s for every
// canonical s. Non-canonical input differs only in "+00:00" (written "Z")
// and ":00" seconds (omitted). The zero Date gives "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if !d.Interval {
		return d.Start.String()
	}
	return endString(d.Start, d.OpenStart, d.UnknownStart) + "/" + endString(d.End, d.OpenEnd, d.UnknownEnd)
}

func endString(p Point, open, unknown bool) string {
	switch {
	case open:
		return ".."
	case unknown:
		return ""
	}
	return p.String()
}

// String returns the point in canonical EDTF, qualifier included.
func (p Point) String() string {
	var b strings.Builder
	b.WriteString(p.dateString())
	if p.HasTime {
		b.WriteString("T" + p.clock())
		if p.Offset != nil {
			b.WriteString(zoneSuffix(*p.Offset))
		}
	}
	switch {
	case p.Uncertain && p.Approximate:
		b.WriteByte('%')
	case p.Uncertain:
		b.WriteByte('?')
	case p.Approximate:
		b.WriteByte('~')
	}
	return b.String()
}

// dateString is the calendar part without time or qualifier.
func (p Point) dateString() string {
	switch {
	case p.Unspecified != "":
		return p.Unspecified
	case p.Precision == Year:
		return yearString(p.Year)
	case p.Precision == Month:
		return fmt.Sprintf("%s-%02d", yearString(p.Year), p.Month)
	}
	return fmt.Sprintf("%s-%02d-%02d", yearString(p.Year), p.Month, p.Day)
}

// FormatYear writes a year as EDTF does: "2026", "-0299", "Y17000".
func FormatYear(y int) string { return yearString(y) }

// yearString writes a year as EDTF does: four digits, a "-" before a
// negative one ("-0299"), and "Y" before one of more than four digits
// ("Y17000", "Y-170000000").
func yearString(y int) string {
	switch {
	case y > 9999 || y < -9999:
		return fmt.Sprintf("Y%d", y)
	case y < 0:
		return fmt.Sprintf("-%04d", -y)
	}
	return fmt.Sprintf("%04d", y)
}

// InCommonEra reports whether the point's year is within 0001-9999, the
// years that ISO 8601 without agreement, RFC 3339, iCalendar and HTML can
// write. The exports leave the other dates out (see internal/export).
func (p Point) InCommonEra() bool { return p.Year >= 1 && p.Year <= 9999 }

// InCommonEra reports whether every known end of d lies within 0001-9999
// (see Point.InCommonEra).
func (d Date) InCommonEra() bool {
	return (!d.hasStart() || d.Start.InCommonEra()) && (!d.hasEnd() || d.End.InCommonEra())
}

// clock is HH:MM, with :SS only when it carries information.
func (p Point) clock() string {
	if p.Second != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", p.Hour, p.Minute, p.Second)
	}
	return fmt.Sprintf("%02d:%02d", p.Hour, p.Minute)
}

func zoneSuffix(off int) string {
	if off == 0 {
		return "Z"
	}
	return offsetString(off)
}

// Datetime is the value for an HTML <time datetime> attribute. Qualifiers
// cannot be expressed there and are dropped; unspecified digits fall back to
// the known part ("2026-03-XX" gives "2026-03"). When nothing valid remains
// ("201X", year 0000) it is "", and the caller should omit the attribute;
// so it is for years outside 0001-9999, which HTML and the formats that
// take this value (schema.org) cannot carry.
// An interval gives its start, or its end when the start is open or unknown.
func (d Date) Datetime() string {
	switch {
	case d.hasStart():
		return d.Start.datetime()
	case d.hasEnd():
		return d.End.datetime()
	}
	return ""
}

// DatetimeEnd is the Datetime of the end of a closed interval, and "" for
// anything else.
func (d Date) DatetimeEnd() string {
	if !d.Interval || !d.hasStart() || !d.hasEnd() {
		return ""
	}
	return d.End.datetime()
}

func (p Point) datetime() string {
	// HTML date strings need a year above zero.
	if !p.InCommonEra() || p.yearSpan() > 1 {
		return ""
	}
	s := fmt.Sprintf("%04d", p.Year)
	if p.Precision >= Month {
		s += fmt.Sprintf("-%02d", p.Month)
	}
	if p.Precision >= Day {
		s += fmt.Sprintf("-%02d", p.Day)
	}
	if p.HasTime {
		s += "T" + p.clock()
		if p.Offset != nil {
			s += zoneSuffix(*p.Offset)
		}
	}
	return s
}
