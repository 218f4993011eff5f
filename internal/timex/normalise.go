package timex

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// point is a resolved calendar position at some granularity: the anchor
// currency of the normalisation stage.
type point struct {
	ok      bool
	y, m, d int // astronomical year; m, d zero when coarser
	g       gran
	season  string
	q, half int
}

func (p point) time() time.Time {
	m, d := p.m, p.d
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	return time.Date(p.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

func dayPoint(t time.Time) point {
	return point{ok: true, y: t.Year(), m: int(t.Month()), d: t.Day(), g: gDay}
}

// fmtYear renders an astronomical year: 1944 -> "1944", -489 -> "BC0490".
func fmtYear(y int) string {
	if y <= 0 {
		return fmt.Sprintf("BC%04d", 1-y)
	}
	return fmt.Sprintf("%04d", y)
}

// value renders a point at its own granularity.
func (p point) value() string {
	if !p.ok {
		return "XXXX-XX-XX"
	}
	y := fmtYear(p.y)
	switch p.g {
	case gYear:
		return y
	case gSeason:
		return y + "-" + p.season
	case gQuarter:
		return fmt.Sprintf("%s-Q%d", y, p.q)
	case gHalf:
		return fmt.Sprintf("%s-H%d", y, p.half)
	case gMonth:
		return fmt.Sprintf("%s-%02d", y, p.m)
	case gWeek, gWeekend:
		wy, w := p.time().ISOWeek()
		v := fmt.Sprintf("%s-W%02d", fmtYear(wy), w)
		if p.g == gWeekend {
			v += "-WE"
		}
		return v
	case gDay, gHour, gMinute, gSecond:
		return fmt.Sprintf("%s-%02d-%02d", y, p.m, p.d)
	}
	return y
}

// seasonMonth gives a representative month used to order seasons.
var seasonMonth = map[string]int{"SP": 4, "SU": 7, "FA": 10, "WI": 12}

// resolve is the normalisation and anchoring stage: it walks the selected
// candidates in order, keeping the reference time up to date.
func (t *tagger) resolve() []Timex {
	var dct, ref point
	if t.opt.HasDCT {
		dct = dayPoint(t.opt.DCT)
		if t.opt.Anchor != AnchorNarrative {
			// News: until the text names a date, "the same day" means
			// the day of publication.
			ref = dct
		}
	}
	// told is where the text last named a date of its own (-1: never);
	// auto anchoring reads it (narrativeAt).
	told := -1
	out := make([]Timex, 0, len(t.cands))
	for i := range t.cands {
		c := &t.cands[i]
		x := Timex{Start: c.s, End: c.e, Type: c.typ, Mod: c.mod}
		t.narr = false
		if c.relative() {
			t.narr = t.narrativeAt(c, ref, dct, told)
		}
		if c.today && t.narr {
			// A history text's "today" is the time of writing.
			x.Type, x.Value = Date, "PRESENT_REF"
			out = append(out, x)
			continue
		}
		var p point
		switch c.k {
		case kFixed:
			x.Value = c.val
			if !t.opt.TIMEX2 {
				x.Value = halfInSmallerUnit(x.Value)
			}
			if c.of != nil {
				var v string
				v, p, _ = t.resolveDate(c.of, ref, dct)
				if c.of.k == kFixed {
					v = c.of.val
				}
				x.Anchor = v
			}
		case kDate:
			x.Value, p, x.Anchor = t.resolveDate(c, ref, dct)
			if c.weekOf && p.ok && p.g == gDay {
				p.g = gWeek
				x.Value = p.value()
			}
		case kRel:
			x.Value, p, x.Anchor = t.resolveRel(c, ref, dct)
		case kWeekday:
			x.Value, p, x.Anchor = t.resolveWeekday(c, ref, dct)
		case kClock:
			if n := t.nextDayDate(i); n != nil {
				// "at 5:34 AM local time on March 20, 2003": the date
				// follows in the same sentence.
				v, q, _ := t.resolveDate(n, ref, dct)
				if q.ok && q.g == gDay {
					x.Value, x.Anchor = v, v
					break
				}
			}
			switch {
			case ref.ok && ref.g >= gDay:
				x.Value = point{ok: true, y: ref.y, m: ref.m, d: ref.d, g: gDay}.value()
				x.Anchor = x.Value
			case dct.ok && !t.narr && t.opt.Anchor != AnchorNarrative:
				// "at midday" in news, after a year or a month: the
				// day of writing is the better guess than none.
				x.Value = dct.value()
				x.Anchor = x.Value
			default:
				x.Value = "XXXX-XX-XX"
			}
		}
		if c.dayShift != 0 && p.ok && p.g == gDay {
			p = dayPoint(p.time().AddDate(0, 0, c.dayShift))
			x.Value = p.value()
		}
		if c.clock && p.ok || c.k == kClock {
			x.Type = Time
			if c.hh == 24 {
				x.Value += "T24:00"
			} else {
				x.Value += fmt.Sprintf("T%02d:%02d", c.hh, c.mi)
			}
		} else if c.pod != "" && c.k != kFixed {
			x.Type = Time
			if !strings.Contains(x.Value, "T") {
				x.Value += "T" + c.pod
			}
		}
		if c.dur != "" {
			x.Type, x.Value = Duration, c.dur
		}
		if p.ok && c.k == kDate && c.spec.hasY {
			t.lastAbs, t.lastAbsEnd = p, c.e
		}
		if p.ok && !c.aside && t.movesReference(c, p, ref) && !t.aside(c, ref, dct, told) {
			ref = p
			if c.k == kDate && c.spec.hasY && (p.g >= gMonth || t.framesSentence(c)) || t.narr {
				// A year named in passing ("since 1980", "the 1987
				// level") tells no story; one that frames its sentence
				// ("In 1988, ...") or a full date does.
				told = c.s
			}
		}
		out = append(out, x)
	}
	return out
}

// movesReference decides whether a resolved date becomes the new
// reference time. Narratives digress: "almost two decades earlier", "a
// campaign planned for 1976" or "declassified in 2005" mention a time
// without moving the story there. So a year-only mention replaces a finer
// reference only when it frames its sentence ("In 1941, ..."), and big
// relative jumps never move the reference.
func (t *tagger) movesReference(c *cand, p, ref point) bool {
	if !ref.ok {
		return true
	}
	if c.k == kRel && (c.unit == gYear || c.unit == gDecade || c.unit == gCentury) && (c.off > 1 || c.off < -1) {
		return false
	}
	if c.k == kDate && !c.spec.hasY && p.g == gSeason && p.y != ref.y {
		// "winter" after an autumn is next year's, but the story's year
		// does not change with it.
		return false
	}
	if p.g == gYear && ref.g > gYear && p.y != ref.y && c.k == kDate && !t.framesSentence(c) {
		return false
	}
	return true
}

// framesSentence reports whether c stands at the start of its sentence,
// possibly after a preposition ("In 1941,", "By early 1945"), or forms a
// heading line of its own.
func (t *tagger) framesSentence(c *cand) bool {
	lo, hi := sentenceAround(t.text, c.s, c.e)
	pre := strings.TrimSpace(t.text[lo:c.s])
	if hi-lo < 40 {
		return true // a heading such as "1917-1918"
	}
	if pre == "" {
		return true
	}
	return len(strings.Fields(pre)) <= 2 && framePrepRe().MatchString(pre)
}

var framePrepRe = lazyRe(`(?i)^(?:in|by|during|from|until|since|after|before|throughout|early|late|mid|later|at|on|the\s+year)(?:\s+(?:early|late|mid|the))?$`)

// nextDayDate returns the candidate after i if it is an explicit day-level
// date in the same sentence, close by.
func (t *tagger) nextDayDate(i int) *cand {
	if i+1 >= len(t.cands) {
		return nil
	}
	n := &t.cands[i+1]
	c := &t.cands[i]
	if n.k != kDate || n.spec.d == 0 || !n.spec.hasY || n.s-c.e > 40 {
		return nil
	}
	if _, hi := sentenceAround(t.text, c.s, c.e); hi < n.s {
		return nil
	}
	return n
}

// anchorFor picks the anchor of a relative expression: the DCT for deictic
// words in news, otherwise the reference time (falling back to the DCT).
func (t *tagger) anchorFor(deictic bool, ref, dct point) point {
	if deictic && !t.narr && dct.ok {
		return dct
	}
	if ref.ok {
		return ref
	}
	return dct
}

// resolveDate fills in a partial calendar spec.
func (t *tagger) resolveDate(c *cand, ref, dct point) (string, point, string) {
	sp := c.spec
	anchor := ""
	var y int
	switch {
	case sp.twoDigit > 0:
		a := ref
		if !a.ok {
			a = dct
		}
		base := 1900
		if a.ok {
			base = a.y / 100 * 100
		}
		y = base + sp.twoDigit - 1
		if sp.decade {
			if !t.narr && a.ok && y > a.y {
				y -= 100 // "the nineties" in 2026 news are the 1990s
			}
			return fmt.Sprintf("%03d", y/10), point{}, ""
		}
	case sp.hasY:
		y = sp.y
		if sp.eraFromRef && ref.ok && ref.y <= 0 {
			y = 1 - y
		}
	case sp.yFromRef:
		a := ref
		if !a.ok {
			a = dct
		}
		if !a.ok {
			return partialUnknown(sp), point{}, ""
		}
		y = a.y + sp.yRel
		anchor = a.value()
		if sp.monthDir != 0 && a.g >= gMonth && a.m > 0 {
			if sp.monthDir < 0 && sp.m >= a.m {
				y--
			}
			if sp.monthDir > 0 && sp.m <= a.m {
				y++
			}
		}
	case sp.m > 0 && sp.holiday == "" && t.rangeEnd(c) != nil:
		// "in August and September 1914", "26 June - 4 August 1952":
		// the year that closes a range or a pair is the first part's
		// too (the year before, if its month comes later).
		n := t.rangeEnd(c)
		y = n.spec.y
		if sp.m > n.spec.m {
			y--
		}
	case sp.m == 0 && sp.d > 0 && sp.season == "":
		// "the 20th": month and year of the reference time.
		a := ref
		if !a.ok || a.g < gMonth {
			a = t.anchorFor(false, ref, dct)
		}
		if !a.ok || a.g < gMonth {
			return fmt.Sprintf("XXXX-XX-%02d", sp.d), point{}, ""
		}
		p := point{ok: true, y: a.y, m: a.m, d: sp.d, g: gDay}
		return p.value(), p, a.value()
	default:
		// Month, day, season or holiday without a year.
		news := !t.narr && dct.ok
		a := ref
		if news || !a.ok {
			a = dct
		}
		if !a.ok {
			return partialUnknown(sp), point{}, ""
		}
		dir := t.tenseAt(c)
		if !t.narr {
			if d := prepDir(t.text, c.s); d != 0 {
				dir = d
			}
			if possessive(t.text, c.e) {
				dir = -1 // "December's figures", as for a weekday
			}
		}
		if c.monthRel == -1 || c.monthRel == 1 {
			dir = c.monthRel
		}
		if news && t.lastAbs.ok && t.lastAbs.y != dct.y {
			// "on March 20, 2003, after a deadline at 9:34 p.m., March
			// 19": a full date earlier in the same sentence anchors.
			if lo, _ := sentenceAround(t.text, c.s, c.e); t.lastAbsEnd > lo {
				a, dir = t.lastAbs, 0
			}
		}
		anchor = a.value()
		switch {
		case news && c.monthRel == 2:
			y = a.y // "this September"
		case news && c.monthRel != 0 && sp.season != "":
			// "last fall": the season before the one of the DCT.
			y = a.y + seasonStep(a, sp.season, c.monthRel)
		case news || sp.holiday == "newyear":
			y = orientYear(a, sp, dir)
		default:
			// A narrative moves forward: "December 7 ... January" is the
			// next January. Any other month stays in the reference year;
			// rolling over more eagerly picks the wrong year more often.
			y = a.y
			if sp.m == 1 && a.g >= gMonth && a.m == 12 {
				y++
			}
			if sp.season != "" && sp.m == 0 {
				y += seasonRollover(a, sp.season)
			}
		}
		if sp.q > 0 {
			// "the fourth quarter" in January's news is last year's,
			// unless the sentence looks forward.
			if a.g >= gMonth && a.m > 0 && sp.q > (a.m-1)/3+1 && dir <= 0 {
				y--
			}
			y -= sp.yAgo
		}
	}
	p := point{ok: true, y: y, m: sp.m, d: sp.d}
	switch {
	case sp.holiday == "easter":
		e := easter(y)
		p.m, p.d = int(e.Month()), e.Day()
		p.g = gDay
	case sp.holiday == "thanksgiving":
		p.d, p.g = nthWeekday(y, 11, time.Thursday, 4), gDay
	case sp.holiday == "election":
		p.d, p.g = nthWeekday(y, 11, time.Monday, 1)+1, gDay
	case sp.d > 0:
		p.g = gDay
	case sp.m > 0:
		p.g = gMonth
	case sp.season != "":
		p.g, p.season = gSeason, sp.season
	case sp.q > 0:
		p.g, p.q = gQuarter, sp.q
	case sp.half > 0:
		p.g, p.half = gHalf, sp.half
	default:
		p.g = gYear
	}
	if p.g == gDay && !validDay(p.y, p.m, p.d) {
		return fmt.Sprintf("%s-%02d-XX", fmtYear(p.y), p.m), point{}, anchor
	}
	return p.value(), p, anchor
}

// rangeEnd returns the candidate right after c when it is a month or day
// with its own year joined to c by "and", "to" or a dash.
func (t *tagger) rangeEnd(c *cand) *cand {
	i := sort.Search(len(t.cands), func(i int) bool { return t.cands[i].s >= c.e })
	if i == len(t.cands) {
		return nil
	}
	n := &t.cands[i]
	if n.k != kDate || !n.spec.hasY || n.spec.eraFromRef || n.spec.m == 0 || n.s-c.e > 6 {
		return nil
	}
	switch strings.TrimSpace(t.text[c.e:n.s]) {
	case "-", "–", "—", "and", "to", "or", "until", "through":
		return n
	}
	return nil
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// partialUnknown renders a spec without any anchor: "XXXX-06-13".
func partialUnknown(sp dspec) string {
	switch {
	case sp.d > 0 && sp.m > 0:
		return fmt.Sprintf("XXXX-%02d-%02d", sp.m, sp.d)
	case sp.m > 0:
		return fmt.Sprintf("XXXX-%02d", sp.m)
	case sp.season != "":
		return "XXXX-" + sp.season
	}
	return "XXXX"
}

// seasonRollover returns 1 when a bare winter mentioned after a summer or
// autumn is the coming one: a winter is labelled with the year of its
// January. (Rolling other seasons forward was tried and loses more than it
// wins: narratives often look back within the year.)
func seasonRollover(a point, season string) int {
	if season != "WI" {
		return 0
	}
	am := a.m
	if a.g == gSeason {
		am = seasonMonth[a.season]
		if a.season == "WI" {
			am = 1
		}
	} else if a.g < gMonth {
		return 0
	}
	if am >= 7 {
		return 1
	}
	return 0
}

// orientYear chooses the year of a month/day/season relative to the anchor:
// the latest one on or before it in past context, the next one on or after
// it in future context, the nearest otherwise. "The new year" always looks
// forward.
func orientYear(a point, sp dspec, dir int) int {
	m := sp.m
	if sp.season != "" {
		m = seasonMonth[sp.season]
	}
	if sp.holiday == "newyear" {
		if a.m >= 7 {
			return a.y + 1
		}
		return a.y
	}
	if m == 0 {
		return a.y
	}
	am := a.m
	if a.g < gMonth {
		return a.y
	}
	if m == am {
		return a.y // the anchor's own month
	}
	cmp := m - am // later (+) or earlier (-) in the year than the anchor
	if dir == -1 && (cmp+12)%12 == 1 {
		// The month after the anchor's is the coming one even in a
		// past-tense sentence ("agreed to be acquired in January",
		// written in December): news seldom reaches eleven months back
		// with a bare month.
		dir = 0
	}
	switch dir {
	case -1:
		if cmp > 0 {
			return a.y - 1
		}
		return a.y
	case 1:
		if cmp < 0 {
			return a.y + 1
		}
		return a.y
	}
	// Nearest: more than six months away means the other year.
	if cmp > 6 {
		return a.y - 1
	}
	if cmp < -6 {
		return a.y + 1
	}
	return a.y
}

// resolveRel resolves "n units from the anchor".
func (t *tagger) resolveRel(c *cand, ref, dct point) (string, point, string) {
	if c.bare {
		// A bare "night" names a part of some day, not a particular one.
		return "XXXX-XX-XX", point{}, ""
	}
	a := t.anchorFor(c.deictic, ref, dct)
	if !a.ok {
		return unknownRel(c), point{}, ""
	}
	anchor := a.value()
	if c.vague {
		return vagueRel(c, a), point{}, anchor
	}
	switch c.unit {
	case gDay, gHour, gMinute, gSecond:
		if a.g < gDay {
			if a.g >= gMonth {
				return fmt.Sprintf("%s-%02d-XX", fmtYear(a.y), a.m), point{}, anchor
			}
			return fmtYear(a.y) + "-XX-XX", point{}, anchor
		}
		if c.unit != gDay {
			// "six hours later": the same day, time unknown.
			p := a
			p.g = gDay
			return p.value() + "TXX", point{}, anchor
		}
		p := dayPoint(a.time().AddDate(0, 0, c.off))
		return p.value(), p, anchor
	case gWeek, gWeekend:
		if a.g < gDay && a.g != gWeek && a.g != gWeekend {
			return fmtYear(a.y) + "-WXX", point{}, anchor
		}
		off := c.off
		if c.tensed {
			if wd := a.time().Weekday(); wd != time.Saturday && wd != time.Sunday && t.tenseAt(c) <= 0 {
				off = -1
			}
		}
		p := dayPoint(a.time().AddDate(0, 0, 7*off))
		p.g = c.unit
		return p.value(), p, anchor
	case gFortnight:
		if a.g < gDay {
			return fmtYear(a.y) + "-WXX", point{}, anchor
		}
		p := dayPoint(a.time().AddDate(0, 0, 14*c.off))
		p.g = gWeek
		return p.value(), p, anchor
	case gMonth:
		if a.g < gMonth || a.g == gSeason || a.g == gQuarter || a.g == gHalf {
			return fmtYear(a.y) + "-XX", point{}, anchor
		}
		tm := time.Date(a.y, time.Month(a.m)+time.Month(c.off), 1, 0, 0, 0, 0, time.UTC)
		p := point{ok: true, y: tm.Year(), m: int(tm.Month()), g: gMonth}
		return p.value(), p, anchor
	case gQuarter:
		cur := 0 // the anchor's quarter, 0-based
		switch {
		case c.quarter && !c.deictic && ref.ok && ref.g == gQuarter:
			a, cur = ref, ref.q-1
			anchor = a.value()
		case c.quarter && dct.ok:
			a, cur = dct, (dct.m-1)/3
			anchor = a.value()
			if c.off == 0 && !strings.Contains(strings.ToLower(t.text[c.s:c.e]), "current") {
				cur-- // reports cover the quarter that has ended
			}
		case a.g == gQuarter:
			cur = a.q - 1
		case a.m == 0:
			return fmtYear(a.y) + "-QX", point{}, anchor
		default:
			cur = (a.m - 1) / 3
		}
		q := cur + c.off
		y := a.y + floorDiv(q, 4)
		q = floorMod(q, 4) + 1
		if c.qYear != 0 {
			y = c.qYear
		}
		p := point{ok: true, y: y, g: gQuarter, q: q}
		return p.value(), p, anchor
	case gYear:
		p := point{ok: true, y: a.y + c.off, g: gYear}
		if c.aYear && !t.opt.TIMEX2 && ref.ok && ref.g == gQuarter {
			// "a year earlier" beside a quarter is that quarter a year
			// before, as TimeML reads financial news.
			p = point{ok: true, y: ref.y + c.off, g: gQuarter, q: ref.q}
			c.aside = true // a comparison: the story stays in its quarter
			return p.value(), p, ref.value()
		}
		if c.spec.q > 0 {
			p.g, p.q = gQuarter, c.spec.q
		} else if c.spec.m > 0 {
			p.g, p.m = gMonth, c.spec.m
		} else if c.spec.half > 0 {
			p.g, p.half = gHalf, c.spec.half
		}
		return p.value(), p, anchor
	case gDecade:
		if a.y <= 0 {
			return fmt.Sprintf("BC%03d", (1-a.y)/10-c.off), point{}, anchor
		}
		return fmt.Sprintf("%03d", a.y/10+c.off), point{}, anchor
	case gCentury:
		if a.y <= 0 {
			return fmt.Sprintf("BC%02d", (-a.y)/100-c.off), point{}, anchor
		}
		return fmt.Sprintf("%02d", a.y/100+c.off), point{}, anchor
	case gSeason:
		code := c.spec.season
		y := a.y
		if a.g >= gMonth || a.g == gSeason {
			am := a.m
			if a.g == gSeason {
				am = seasonMonth[a.season]
			}
			sm := seasonMonth[code]
			switch {
			case c.off > 0 && sm <= am:
				y++
			case c.off < 0 && sm >= am:
				y--
			}
		} else {
			y += c.off
		}
		p := point{ok: true, y: y, g: gSeason, season: code}
		return p.value(), p, anchor
	case gNone:
		// "at that time": the reference time itself.
		return a.value(), point{}, anchor
	}
	return unknownRel(c), point{}, anchor
}

// vagueRel renders "a few days later"-style expressions: the anchor with the
// unknown part left as X.
func vagueRel(c *cand, a point) string {
	y := fmtYear(a.y)
	switch c.unit {
	case gDay:
		if a.g >= gMonth && a.m > 0 {
			return fmt.Sprintf("%s-%02d-XX", y, a.m)
		}
		return y + "-XX-XX"
	case gHour, gMinute, gSecond:
		if a.g >= gDay {
			return point{ok: true, y: a.y, m: a.m, d: a.d, g: gDay}.value() + "TXX"
		}
		return y + "-XX-XX"
	case gWeek, gWeekend, gFortnight:
		return y + "-WXX"
	case gMonth, gSeason, gQuarter:
		return y + "-XX"
	}
	if c.off > 0 {
		return "FUTURE_REF"
	}
	return "PAST_REF"
}

func unknownRel(c *cand) string {
	switch c.unit {
	case gYear:
		return "XXXX"
	case gMonth:
		return "XXXX-XX"
	case gWeek, gWeekend:
		return "XXXX-WXX"
	case gSeason:
		return "XXXX-" + c.spec.season
	}
	return "XXXX-XX-XX"
}

// resolveWeekday finds the day a weekday name refers to.
func (t *tagger) resolveWeekday(c *cand, ref, dct point) (string, point, string) {
	a := t.anchorFor(!c.anaph, ref, dct)
	if !a.ok || a.g < gDay {
		return fmt.Sprintf("XXXX-WXX-%d", c.wd), point{}, ""
	}
	at := a.time()
	awd := int(at.Weekday())
	if awd == 0 {
		awd = 7
	}
	back := (awd - c.wd + 7) % 7 // days back to the weekday, 0 if today
	fwd := (c.wd - awd + 7) % 7
	var delta int
	switch c.dir {
	case -1:
		delta = -back
		if back == 0 {
			delta = -7
		}
	case 1:
		delta = fwd
		if fwd == 0 {
			delta = 7
		}
	case 2:
		delta = c.wd - awd // same ISO week
	default:
		dir := t.tenseAt(c)
		if !t.narr && possessive(t.text, c.e) {
			// "Wednesday's ruling", "Friday's close": news names an
			// event by its day once it has happened.
			dir = -1
		}
		switch dir {
		case -1:
			delta = -back
		case 1:
			delta = fwd
		default:
			if back <= fwd {
				delta = -back
			} else {
				delta = fwd
			}
		}
	}
	p := dayPoint(at.AddDate(0, 0, delta))
	return p.value(), p, a.value()
}

// possessive reports whether the expression ending at e is followed by
// "'s".
func possessive(text string, e int) bool {
	r := text[e:]
	return strings.HasPrefix(r, "'s") || strings.HasPrefix(r, "’s")
}

// nthWeekday returns the day of month of the nth weekday wd of month m.
func nthWeekday(y, m int, wd time.Weekday, n int) int {
	first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Weekday()
	return 1 + (int(wd)-int(first)+7)%7 + 7*(n-1)
}

// easter computes Gregorian Easter Sunday (anonymous Gregorian algorithm).
func easter(y int) time.Time {
	a := floorMod(y, 19)
	b := floorDiv(y, 100)
	c := floorMod(y, 100)
	d := b / 4
	e := floorMod(b, 4)
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := floorMod(19*a+b-d-g+15, 30)
	i := c / 4
	k := c % 4
	l := floorMod(32+2*e+2*i-h-k, 7)
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := floorMod(h+l-7*m+114, 31) + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// --- merging adjacent candidates ------------------------------------

// podPrefixRe finds "the morning of", "early in the morning of", "dawn on"
// directly before a day-level date.
var podPrefixRe = lazyRe(`(?i)\b(?:early\s+(?:in\s+)?)?(?:the\s+)?(?:early\s+|late\s+)?(?P<pod>morning|afternoon|evening|night|dawn|dusk)(?:\s+hours)?\s+(?:of|on)\s+$`)

// dayLevel reports whether a candidate denotes a single day.
func dayLevel(c *cand) bool {
	switch c.k {
	case kDate:
		return c.spec.d > 0 || c.spec.holiday != ""
	case kWeekday:
		return true
	case kRel:
		return c.unit == gDay && !c.bare
	}
	return false
}

// mergeAdjacent joins a clock time with an adjacent date ("9:34 p.m., March
// 19", "May 8 1:00AM"), a part of day with the date it qualifies ("the
// morning of April 19", "dawn on Sunday"), and a weekday with the date
// that follows it ("Sunday dawn of 25 June 1950").
func (t *tagger) mergeAdjacent() {
	cs := t.cands
	var out []cand
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if i+1 < len(cs) {
			n := cs[i+1]
			gap := t.text[c.e:n.s]
			switch {
			case c.k == kClock && dayLevel(&n) && (gap == ", " || gap == " " || tzGapRe().MatchString(gap)):
				// "9:34 p.m., March 19", "5 p.m. EST Nov. 9".
				n.s, n.clock, n.hh, n.mi = c.s, true, c.hh, c.mi
				n.typ = Time
				if loc := tzSuffixRe().FindStringIndex(t.text[n.e:]); loc != nil {
					n.e += loc[1] // "9:34 p.m., March 19 EST"
				}
				cs[i+1] = n
				continue
			case dayLevel(&c) && n.k == kClock && !c.clock && (gap == ", " || gap == " " || gap == " at " || gap == ", at "):
				c.e, c.clock, c.hh, c.mi = n.e, true, n.hh, n.mi
				c.typ = Time
				out = append(out, c)
				i++
				continue
			case t.opt.TIMEX2 && c.typ == Duration && c.k == kFixed && n.typ == Date && gap == " of " && durOfRe().MatchString(t.text[c.s:c.e]):
				// "the first ten months of 1915", "the last week of
				// August": one TIMEX2; TIMEX3 tags the duration and the
				// date apart.
				c.e = n.e
				nn := n
				c.of = &nn
				out = append(out, c)
				i++
				continue
			case c.k == kRel && c.unit == gDay && gap == " " && (n.k == kDate && n.spec.d > 0 || n.k == kWeekday) && dayBeforeRe().MatchString(t.text[c.s:c.e]):
				// "the day before last Tuesday's hearing": the day is
				// counted from the date that follows.
				n.s, n.dayShift = c.s, c.off
				cs[i+1] = n
				continue
			case c.k == kWeekday && n.k == kDate && n.spec.d > 0 && (gap == " of " || gap == ", " || gap == " "):
				n.s = c.s
				if n.pod == "" {
					n.pod = c.pod
				}
				cs[i+1] = n
				continue
			}
		}
		if dayLevel(&c) && c.pod == "" {
			lo := c.s - 50
			if lo < 0 {
				lo = 0
			}
			if idx := podPrefixRe().FindStringSubmatchIndex(t.text[lo:c.s]); idx != nil {
				ns := lo + idx[0]
				// Drop earlier candidates swallowed by the prefix.
				for len(out) > 0 && out[len(out)-1].s >= ns {
					out = out[:len(out)-1]
				}
				if len(out) == 0 || out[len(out)-1].e <= ns {
					pw := strings.ToLower(t.text[lo+idx[2] : lo+idx[3]])
					c.s, c.pod = ns, partOfDayCodes[pw]
					c.typ = Time
				}
			}
		}
		if c.k == kDate && c.spec.hasY && c.spec.m == 0 && c.spec.season == "" && c.spec.q == 0 && c.spec.half == 0 {
			// "the winter of nineteen ninety-four": the season rule
			// reads only digits.
			lo := max(0, c.s-20)
			if loc := seasonOfRe().FindStringSubmatchIndex(t.text[lo:c.s]); loc != nil && (len(out) == 0 || out[len(out)-1].e <= lo+loc[0]) {
				c.s, c.spec.season = lo+loc[0], seasonCodes[strings.ToLower(t.text[lo+loc[2]:lo+loc[3]])]
			}
		}
		if c.k == kDate && c.spec.d > 0 && c.pod == "" && !c.clock && !t.opt.TIMEX2 {
			lo := max(0, c.s-20)
			if loc := weekOfRe().FindStringIndex(t.text[lo:c.s]); loc != nil && (len(out) == 0 || out[len(out)-1].e <= lo+loc[0]) {
				c.s, c.weekOf = lo+loc[0], true
			}
		}
		if dayLevel(&c) && c.pod == "" {
			if loc := podSuffixRe().FindStringSubmatchIndex(t.text[c.e:]); loc != nil {
				// "Christmas night", "June 5 evening".
				c.pod = partOfDayCodes[strings.ToLower(t.text[c.e+loc[2]:c.e+loc[3]])]
				c.e += loc[1]
				c.typ = Time
				for i+1 < len(cs) && cs[i+1].s < c.e {
					i++
				}
			}
		}
		out = append(out, c)
	}
	t.cands = out
}

var (
	durOfRe     = lazyRe(`(?i)^the\s+(?:first|last|final|opening|closing|remaining)\b`)
	tzSuffixRe  = lazyRe(`^\s+` + reTZ + `\b`)
	dayBeforeRe = lazyRe(`(?i)^the\s+day\s+(?:before|after)$`)
	seasonOfRe  = lazyRe(`(?i)\b(?:the\s+)?(spring|summer|autumn|fall|winter)\s+of\s+$`)
	weekOfRe    = lazyRe(`(?i)\bthe\s+week\s+of\s+$`)
	tzGapRe     = lazyRe(`^,?\s+` + reTZ + `,?\s+$`)
	podSuffixRe = lazyRe(`(?i)^\s+(morning|afternoon|evening|night)\b`)
)

// seasonStep returns the year offset of the season before (dir -1) or
// after (+1) the anchor's month: "last fall" in November is the previous
// year's, in December this year's.
func seasonStep(a point, season string, dir int) int {
	first := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
	am := a.m
	if am == 0 {
		return dir
	}
	switch {
	case dir < 0 && am < first+3:
		return -1
	case dir > 0 && am >= first:
		return 1
	}
	return 0
}
