// Package edtf implements the news profile of the Extended Date/Time Format
// (ISO 8601-2, level 1) that Dateline uses for every date in its content.
//
// The profile is deliberately small, because every form it accepts has to be
// sorted, bounded and displayed honestly:
//
//	2026-03-10  2026-03  2026                  day, month, year (years 0000-9999)
//	-0299-05-12  -0299  Y17000  Y-170000000     negative years; "Y" before more
//	                                            than four digits (year only)
//	2026-03-09/2026-03-10  2025-06/2025-07-02   intervals, mixed precision allowed
//	2026-02-28/..  ../2026-02-28                open end / open start
//	2026-02-28/    /2026-02-28                  unknown end / unknown start
//	2026-03-10?  2026-01~  2026%                uncertain, approximate, both
//	2026-03-XX  2026-XX  2026-XX-XX  201X  20XX unspecified digits
//	2026-03-09T14:30+03:00  2026-03-09T14:30:05Z  2026-03-09T14:30
//	                                            time of day, with or without offset
//
// Qualifiers apply to a whole date (or to one end of an interval) and are
// written last. Everything else, including lower-case "x", basic format
// (20260310) and seasons, is rejected with a *SyntaxError
// whose Offset points at the offending byte, so callers can report
// path:line:col.
//
// Years are numbered as in ISO 8601 and EDTF, with a year zero: 0000 is
// 1 BC, -0001 is 2 BC and -0299 is 300 BC (the proleptic Gregorian
// calendar throughout). Display says "300 BC" (see YearText); a negative
// year takes a month and day, a "Y" year does not; unspecified digits
// ("201X") are for years 0000-9999 only. Years run to eleven digits, which
// is as far as any timeline needs and keeps every bound a time.Time.
//
// Two views of time coexist here. Bounds, containment, overlap and timeline
// order work on calendar days as written in the source: a report dated
// "9 March, 23:30 -05:00" belongs to 9 March even though it was already
// 10 March in UTC. Exact instants matter only within a day: they order two
// times on the same written day, and an interval's ends may not run
// backwards when both are in the same frame (both with an offset, or both
// floating).
package edtf

import (
	"fmt"
	"time"
)

// Precision says how much of a date is known. Coarser precisions compare
// lower, so "finer first" is a descending sort.
type Precision uint8

const (
	Year Precision = iota + 1
	Month
	Day
	Minute // the date has a time of day
)

func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	case Minute:
		return "time"
	}
	return fmt.Sprintf("Precision(%d)", uint8(p))
}

// Point is a single date, or one end of an interval.
type Point struct {
	Year, Month, Day     int // Month and Day are 0 when not given
	Hour, Minute, Second int
	HasTime              bool
	// Offset is in seconds east of UTC; nil means a floating local time
	// (or no time at all).
	Offset      *int
	Precision   Precision
	Uncertain   bool
	Approximate bool
	// Unspecified is the X pattern as written ("2026-03-XX", "201X"); the
	// numeric fields then hold the earliest value the pattern allows and
	// Precision is that of the last fully known part.
	Unspecified string
}

// Date is a parsed value of the profile: a single date or an interval.
type Date struct {
	Start, End               Point // for a single date End == Start
	Interval                 bool
	OpenStart, OpenEnd       bool // ".." end
	UnknownStart, UnknownEnd bool // empty end
}

// SyntaxError describes why a string is not in the profile. Offset is the
// 0-based byte offset of the offending byte (len(input) when the input ended
// too early).
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

// MustParse is Parse for literals in tests and fixtures; it panics on error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(fmt.Sprintf("edtf.MustParse(%q): %v", s, err))
	}
	return d
}

// IsZero reports whether d is the zero Date, i.e. no date at all.
func (d Date) IsZero() bool {
	return d.Equal(Date{})
}

// hasStart reports whether d has a known start point.
func (d Date) hasStart() bool {
	return !d.IsZero() && !d.OpenStart && !d.UnknownStart
}

// hasEnd reports whether d has a known end point.
func (d Date) hasEnd() bool {
	return !d.IsZero() && !d.OpenEnd && !d.UnknownEnd
}

// Precision is the precision of the start, or of the end when the start is
// open or unknown, since that is the date a reader sees first.
func (d Date) Precision() Precision {
	if !d.hasStart() && d.hasEnd() {
		return d.End.Precision
	}
	return d.Start.Precision
}

// Uncertain reports whether any known end is marked "?" (or "%").
func (d Date) Uncertain() bool {
	return (d.hasStart() && d.Start.Uncertain) || (d.hasEnd() && d.End.Uncertain)
}

// Approximate reports whether any known end is marked "~" (or "%").
func (d Date) Approximate() bool {
	return (d.hasStart() && d.Start.Approximate) || (d.hasEnd() && d.End.Approximate)
}

// Equal reports whether d and o are the same value. It exists because Point
// holds the offset by pointer, so == compares identity, not value.
func (d Date) Equal(o Date) bool {
	return d.Interval == o.Interval &&
		d.OpenStart == o.OpenStart && d.OpenEnd == o.OpenEnd &&
		d.UnknownStart == o.UnknownStart && d.UnknownEnd == o.UnknownEnd &&
		d.Start.equal(o.Start) && d.End.equal(o.End)
}

func (p Point) equal(q Point) bool {
	po, qo := p.Offset, q.Offset
	p.Offset, q.Offset = nil, nil
	if p != q || (po == nil) != (qo == nil) {
		return false
	}
	return po == nil || *po == *qo
}

// MarshalText encodes d as its canonical EDTF string, so TOML and JSON carry
// dates as the text an editor writes.
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText parses an EDTF string. Empty text yields the zero Date, so
// that a marshalled zero value round-trips; callers that require a date
// check IsZero.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// yearSpan is how many years a point's year field covers: 10 for "201X",
// 100 for "20XX", otherwise 1.
func (p Point) yearSpan() int {
	if len(p.Unspecified) != 4 {
		return 1
	}
	switch {
	case p.Unspecified[2] == 'X':
		return 100
	case p.Unspecified[3] == 'X':
		return 10
	}
	return 1
}

func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// DaysIn is the number of days in month m of year y, in the proleptic
// Gregorian calendar, as ISO 8601 has it.
func DaysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func monthName(m int) string {
	return time.Month(m).String()
}
