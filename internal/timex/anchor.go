package timex

import (
	"strings"
	"time"
)

// narrativeAt decides, in auto mode, whether the candidate c belongs to a
// history the text tells (anchored to the narrative's current date, ref)
// or speaks of the article's own time (anchored to the DCT). told is where
// the text last named a date of its own, -1 if it has not.
//
// An expression is read as narrative only when all of these hold:
//
//   - the text has named a date of its own, and that date lies more than
//     half a year from the DCT (close to it both readings mostly agree,
//     and the article's time is the safer guess);
//   - the sentence is not in the present or future tense ("Russia says
//     it will respond in March" speaks from the article's time);
//   - if the expression is deictic ("yesterday", "last week", "on
//     Monday"), it is not in reported speech (quotes, "said", "told"),
//     and no paragraph break or long stretch of text lies between it and
//     the told date: a background paragraph ("In 2015 Russia intervened;
//     in September it began air strikes") does not carry over to the
//     next one ("On Monday, Putin said ...").
//
// Without a DCT every expression is narrative: nothing else anchors it.
func (t *tagger) narrativeAt(c *cand, ref, dct point, told int) bool {
	switch t.opt.Anchor {
	case AnchorNews:
		return false
	case AnchorNarrative:
		return true
	}
	if !dct.ok {
		return true
	}
	if told < 0 || !ref.ok || !farApart(ref, dct) {
		return false
	}
	if t.presentOrFuture(c.s, c.e) {
		return false
	}
	if c.monthRel != 0 {
		return false // "last February", "this summer"
	}
	if c.deictic && c.k == kRel {
		// "yesterday", "last week", "this year", "two years ago" name
		// their distance from the time of writing.
		return false
	}
	if c.k == kWeekday {
		if ref.g < gDay || reported(t.text, c.s, c.e) {
			// A weekday names a day of a known week: the told date must
			// give one.
			return false
		}
		if !t.sameStory(told, c.s) {
			return false
		}
	}
	return true
}

// maxToldGap is how far (in bytes, about ten lines of prose) a deictic
// expression may stand from the told date and still belong to its story.
const maxToldGap = 800

// farApart reports whether the period p ends more than half a year before
// the DCT or starts more than half a year after it.
func farApart(p, dct point) bool {
	d := dct.time()
	lo, hi := p.bounds()
	return hi.Before(d.AddDate(0, -6, 0)) || lo.After(d.AddDate(0, 6, 0))
}

// bounds returns the first and last day of p.
func (p point) bounds() (time.Time, time.Time) {
	lo := p.time()
	var hi time.Time
	switch {
	case p.g >= gDay:
		hi = lo
	case p.g == gWeek || p.g == gWeekend:
		hi = lo.AddDate(0, 0, 6)
	case p.g == gMonth || p.g == gFortnight:
		hi = lo.AddDate(0, 1, -1)
	case p.g == gSeason || p.g == gQuarter:
		hi = lo.AddDate(0, 3, -1)
	case p.g == gHalf:
		hi = lo.AddDate(0, 6, -1)
	case p.g == gYear:
		hi = time.Date(lo.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		hi = lo.AddDate(10, 0, -1)
	}
	return lo, hi
}

// relative reports whether c's value depends on an anchor, so that the
// choice between the DCT and the narrative matters.
func (c *cand) relative() bool {
	switch c.k {
	case kRel, kWeekday, kClock:
		return true
	case kDate:
		return !c.spec.hasY
	}
	return c.today || c.of != nil
}

// sameStory reports whether no paragraph break or long stretch of text
// lies between the told date at told and the expression at s.
func (t *tagger) sameStory(told, s int) bool {
	gap := t.text[told:s]
	return !strings.Contains(gap, "\n\n") && len(gap) <= maxToldGap
}

// aside reports whether c, read against the DCT in auto mode, is an aside
// inside a told history ("on this day", "two years ago" in the middle of
// the story): it does not move the story's date, so the next "the
// following day" still continues the history.
func (t *tagger) aside(c *cand, ref, dct point, told int) bool {
	return t.opt.Anchor == AnchorAuto && !t.narr && c.relative() && dct.ok &&
		told >= 0 && ref.ok && farApart(ref, dct) && t.sameStory(told, c.s)
}
