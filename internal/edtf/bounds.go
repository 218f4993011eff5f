package edtf

import (
	"cmp"
	"fmt"
	"time"
)

// Lower is the inclusive lower bound: midnight UTC of the first day covered,
// or, when the start has a time of day, that exact instant. A time with an
// offset is returned in a fixed zone of that offset, so Lower().Date() is
// still the day as written; a floating time is returned as if it were UTC.
// An open or unknown start gives the zero time.
func (d Date) Lower() time.Time {
	if !d.hasStart() {
		return time.Time{}
	}
	return d.Start.lower()
}

// Upper is the inclusive upper bound, as a day label: midnight UTC of the
// last day covered (2026-03 gives 2026-03-31). When the end has a time of
// day it is that instant, so a single timed date has Upper == Lower. An
// open or unknown end gives the zero time.
func (d Date) Upper() time.Time {
	if !d.hasEnd() {
		return time.Time{}
	}
	return d.End.upper()
}

func (p Point) lower() time.Time {
	if p.HasTime {
		return time.Date(p.Year, time.Month(p.Month), p.Day, p.Hour, p.Minute, p.Second, 0, p.location())
	}
	return time.Date(p.Year, time.Month(max(p.Month, 1)), max(p.Day, 1), 0, 0, 0, 0, time.UTC)
}

func (p Point) upper() time.Time {
	switch {
	case p.HasTime:
		return p.lower()
	case p.Precision == Day:
		return time.Date(p.Year, time.Month(p.Month), p.Day, 0, 0, 0, 0, time.UTC)
	case p.Precision == Month:
		return time.Date(p.Year, time.Month(p.Month), DaysIn(p.Year, p.Month), 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year+p.yearSpan()-1, time.December, 31, 0, 0, 0, 0, time.UTC)
}

func (p Point) location() *time.Location {
	if p.Offset == nil || *p.Offset == 0 {
		return time.UTC
	}
	return time.FixedZone("UTC"+offsetString(*p.Offset), *p.Offset)
}

// offsetString formats a non-zero offset as ±HH:MM.
func offsetString(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
}

// dayKey orders calendar days; it is monotonic for any year, so it also
// works for times a caller passes to Contains.
type dayKey int64

func dayKeyOf(t time.Time) dayKey {
	y, m, d := t.Date()
	return dayKey(int64(y)*10000 + int64(m)*100 + int64(d))
}

// dayRange is the span of written calendar days d covers; has* are false for
// open or unknown ends, which are treated as unbounded because the data do
// not exclude any day there.
type dayRange struct {
	first, last       dayKey
	hasFirst, hasLast bool
}

func (d Date) days() dayRange {
	var r dayRange
	if d.hasStart() {
		r.first, r.hasFirst = dayKeyOf(d.Start.lower()), true
	}
	if d.hasEnd() {
		r.last, r.hasLast = dayKeyOf(d.End.upper()), true
	}
	return r
}

// Contains reports whether the calendar day of t (in t's own location) lies
// within the days d covers. Open and unknown ends do not limit it.
func (d Date) Contains(t time.Time) bool {
	if d.IsZero() {
		return false
	}
	r, k := d.days(), dayKeyOf(t)
	return (!r.hasFirst || r.first <= k) && (!r.hasLast || k <= r.last)
}

// Overlaps reports whether d and o share at least one calendar day, treating
// open and unknown ends as unbounded.
func (d Date) Overlaps(o Date) bool {
	if d.IsZero() || o.IsZero() {
		return false
	}
	a, b := d.days(), o.days()
	return (!a.hasFirst || !b.hasLast || a.first <= b.last) &&
		(!b.hasFirst || !a.hasLast || b.first <= a.last)
}

// Compare orders dates for the timeline. It returns -1, 0 or +1.
//
// The key is, in turn: the first day as written (open or unknown starts
// first); finer precision first, so a day precedes the month containing it,
// which precedes the year; the exact lower bound (times within a day); the
// last day covered (open or unknown ends last); the exact upper bound.
// Using the written day rather than the UTC instant keeps an entry inside
// the day, month and year its date names, so grouping by month never
// interleaves. Equal results are left to the caller's id tie-breaker.
func Compare(a, b Date) int {
	if a.IsZero() || b.IsZero() {
		return cmp.Compare(boolInt(!a.IsZero()), boolInt(!b.IsZero()))
	}
	ra, rb := a.days(), b.days()
	if c := cmpBound(ra.hasFirst, ra.first, rb.hasFirst, rb.first, -1); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Precision(), a.Precision()); c != 0 {
		return c
	}
	if a.hasStart() && b.hasStart() {
		if c := a.Start.lower().Compare(b.Start.lower()); c != 0 {
			return c
		}
	}
	if c := cmpBound(ra.hasLast, ra.last, rb.hasLast, rb.last, +1); c != 0 {
		return c
	}
	if a.hasEnd() && b.hasEnd() {
		return a.End.upper().Compare(b.End.upper())
	}
	return 0
}

// cmpBound compares two day bounds where a missing bound sorts at the side
// given by missing (-1 first, +1 last).
func cmpBound(hasA bool, a dayKey, hasB bool, b dayKey, missing int) int {
	switch {
	case hasA && hasB:
		return cmp.Compare(a, b)
	case hasA == hasB:
		return 0
	case !hasA:
		return missing
	}
	return -missing
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
