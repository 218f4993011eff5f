package annotate

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"dateline/internal/edtf"
	"dateline/internal/timex"
)

var (
	dayRe      = lazyRe(`^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})|T(?:MO|AF|EV|NI|MI|DT))?$`)
	monthRe    = lazyRe(`^\d{4}-\d{2}$`)
	yearRe     = lazyRe(`^\d{4}$`)
	weekRe     = lazyRe(`^(\d{4})-W(\d{2})(-WE)?$`)
	seasonRe   = lazyRe(`^(\d{4})-(SP|SU|FA|AU|WI)$`)
	quarterRe  = lazyRe(`^(\d{4})-Q([1-4])$`)
	halfRe     = lazyRe(`^(\d{4})-H([12])$`)
	decadeRe   = lazyRe(`^\d{3}$`)
	centuryRe  = lazyRe(`^\d{2}$`)
	danglingRe = lazyRe(`(?i)\b(?:after|before|since|until|till|following|prior to|ahead of)$`)
)

// Reading is a temporal expression read as a date in the EDTF profile.
type Reading struct {
	Date     string // the EDTF value
	Relative bool   // resolved against the document date or an earlier date
}

// ToEDTF converts a TIMEX3 date or time to the EDTF profile, as honestly as
// the profile allows:
//
//   - days, months and years stay as they are; a time of day is kept when
//     the value gives a clock time and dropped for parts of the day
//     ("2025-06-22TNI" is 2025-06-22);
//   - weeks become Monday-to-Sunday intervals (a weekend Saturday and
//     Sunday), quarters and halves month intervals, seasons approximate
//     month intervals ("2025-SU" is 2025-06~/2025-08~), decades and
//     centuries unspecified digits (196X, 19XX);
//   - EARLY/START, MID and LATE/END narrow a year to four months and a
//     month to ten days or so, approximately ("late last year" is
//     2024-09~/2024-12~); APPROX marks the date approximate; BEFORE and
//     AFTER give an open interval;
//   - when inferred is set (the document date is itself inferred), every
//     value resolved relative to another date is marked uncertain "?".
//
// Durations, sets, references (PAST_REF), values with unknown digits and
// BC years have no place in the profile: ok is false. So has an expression
// that ends in a preposition ("two days after"): its anchor is the event
// that follows ("… after the strikes"), whose date the text does not give
// there, so no date read from it can be trusted.
func ToEDTF(x timex.Timex, inferred bool) (Reading, bool) {
	if x.Type != timex.Date && x.Type != timex.Time || danglingRe().MatchString(x.Text) {
		return Reading{}, false
	}
	v := x.Value
	var lo, hi string
	approx := false
	switch {
	case dayRe().MatchString(v):
		g := dayRe().FindStringSubmatch(v)
		lo = g[1]
		if g[2] != "" {
			lo += "T" + g[2]
		}
	case monthRe().MatchString(v), yearRe().MatchString(v):
		lo = v
	case weekRe().MatchString(v):
		g := weekRe().FindStringSubmatch(v)
		y, w := atoi(g[1]), atoi(g[2])
		mon := isoWeekMonday(y, w)
		if mon.IsZero() {
			return Reading{}, false
		}
		first, last := mon, mon.AddDate(0, 0, 6)
		if g[3] != "" {
			first = mon.AddDate(0, 0, 5)
		}
		lo, hi = first.Format("2006-01-02"), last.Format("2006-01-02")
	case seasonRe().MatchString(v):
		g := seasonRe().FindStringSubmatch(v)
		y := atoi(g[1])
		switch g[2] {
		case "SP":
			lo, hi = fmt.Sprintf("%04d-03", y), fmt.Sprintf("%04d-05", y)
		case "SU":
			lo, hi = fmt.Sprintf("%04d-06", y), fmt.Sprintf("%04d-08", y)
		case "FA", "AU":
			lo, hi = fmt.Sprintf("%04d-09", y), fmt.Sprintf("%04d-11", y)
		case "WI":
			lo, hi = fmt.Sprintf("%04d-12", y), fmt.Sprintf("%04d-02", y+1)
		}
		approx = true
	case quarterRe().MatchString(v):
		g := quarterRe().FindStringSubmatch(v)
		q := atoi(g[2])
		lo, hi = fmt.Sprintf("%s-%02d", g[1], 3*q-2), fmt.Sprintf("%s-%02d", g[1], 3*q)
	case halfRe().MatchString(v):
		g := halfRe().FindStringSubmatch(v)
		h := atoi(g[2])
		lo, hi = fmt.Sprintf("%s-%02d", g[1], 6*h-5), fmt.Sprintf("%s-%02d", g[1], 6*h)
	case decadeRe().MatchString(v):
		lo = v + "X"
	case centuryRe().MatchString(v):
		lo = v + "XX"
	default:
		return Reading{}, false
	}
	open := ""
	switch x.Mod {
	case "EARLY", "START", "MID", "LATE", "END":
		if hi == "" {
			if l, h, ok := part(lo, x.Mod); ok {
				lo, hi = l, h
			}
		}
		approx = true
	case "APPROX":
		approx = true
	case "BEFORE":
		open = "before"
	case "AFTER":
		open = "after"
	}
	q := ""
	relative := x.Anchor != ""
	switch u := relative && inferred; {
	case approx && u:
		q = "%"
	case approx:
		q = "~"
	case u:
		q = "?"
	}
	qual := func(s string) string {
		if strings.Contains(s, "T") {
			return s // a qualifier cannot follow a time of day
		}
		return s + q
	}
	var s string
	switch {
	case open == "before":
		s = "../" + qual(lo)
	case open == "after":
		if hi != "" {
			lo = hi
		}
		s = qual(lo) + "/.."
	case hi != "":
		s = qual(lo) + "/" + qual(hi)
	default:
		s = qual(lo)
	}
	if _, err := edtf.Parse(s); err != nil {
		return Reading{}, false
	}
	return Reading{Date: s, Relative: relative}, true
}

// part narrows a year or a month to its early, middle or late part.
func part(v, mod string) (string, string, bool) {
	switch {
	case yearRe().MatchString(v):
		switch mod {
		case "EARLY", "START":
			return v + "-01", v + "-04", true
		case "MID":
			return v + "-05", v + "-08", true
		default:
			return v + "-09", v + "-12", true
		}
	case monthRe().MatchString(v):
		y, m := atoi(v[:4]), atoi(v[5:])
		last := edtf.DaysIn(y, m)
		switch mod {
		case "EARLY", "START":
			return v + "-01", v + "-10", true
		case "MID":
			return v + "-11", v + "-20", true
		default:
			return v + "-21", fmt.Sprintf("%s-%02d", v, last), true
		}
	}
	return "", "", false
}

// Join joins two readings into the interval from the start of a to the end
// of b ("on Sunday and Monday"), or fails when b does not end after a
// starts.
func Join(a, b Reading) (Reading, bool) {
	lo, _, _ := strings.Cut(a.Date, "/")
	hi := b.Date
	if _, after, ok := strings.Cut(b.Date, "/"); ok {
		hi = after
	}
	if lo == ".." || hi == ".." {
		return Reading{}, false
	}
	s := lo + "/" + hi
	if _, err := edtf.Parse(s); err != nil {
		return Reading{}, false
	}
	return Reading{Date: s, Relative: a.Relative || b.Relative}, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// isoWeekMonday returns the Monday of ISO week w of year y, or the zero
// time when the year has no such week.
func isoWeekMonday(y, w int) time.Time {
	if w < 1 || w > 53 {
		return time.Time{}
	}
	jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)
	mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
	if yy, ww := mon.ISOWeek(); yy != y || ww != w {
		return time.Time{}
	}
	return mon
}

// unreadable says why ToEDTF gives no date for a date or time expression.
func unreadable(x timex.Timex) string {
	switch {
	case danglingRe().MatchString(x.Text):
		return "it counts from the event that follows, which the wording does not date"
	case strings.HasSuffix(x.Value, "_REF"):
		return "it refers to the past, present or future, not to a date"
	case strings.HasPrefix(x.Value, "XXXX"):
		return "the year is unknown: give a document date (--dct)"
	case strings.HasPrefix(x.Value, "BC"):
		return "years before the common era are outside the date profile"
	}
	return "the value " + x.Value + " has no form in the date profile"
}

// lazyRe compiles a pattern the first time it is used, so that a process
// that never drafts does not pay for it at start.
func lazyRe(p string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(p) })
}
