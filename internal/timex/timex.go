package timex

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Type is the TIMEX3 type of an expression.
type Type string

// The four TIMEX3 types.
const (
	Date     Type = "DATE"
	Time     Type = "TIME"
	Duration Type = "DURATION"
	Set      Type = "SET"
)

// Timex is one temporal expression found in a text.
type Timex struct {
	Start, End int // Unicode code-point offsets into the input text, End exclusive
	Text       string
	Type       Type
	// Value is the TIMEX3-style normalised value: "2025-06-23", "2025-06",
	// "2025", "2025-W25", "2025-SU", "2025-Q2", "2025-H2", "196" (decade),
	// "19" (century), "BC0490", "2003-03-20T05:34", "2025-06-22TNI",
	// "PAST_REF", "PRESENT_REF", "FUTURE_REF", durations "P2D", "PT3H",
	// "PXM", sets "P1D", "XXXX-WXX-1"; unknown digits are X.
	Value string
	// Mod is "EARLY", "MID", "LATE", "START", "END", "APPROX", "BEFORE",
	// "AFTER", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"
	// or "".
	Mod string
	// Anchor is, for relative expressions, the value they were resolved
	// against ("" for absolute ones).
	Anchor string
}

// Options controls anchoring and annotation conventions.
type Options struct {
	// DCT is the document creation time; it anchors deictic expressions
	// ("yesterday", "last week", "on Monday") when HasDCT is set.
	DCT    time.Time
	HasDCT bool
	// Anchor chooses what relative expressions resolve against: the DCT
	// (news), the narrative's current date (history), or, by default,
	// either, decided per expression (see narrativeAt).
	Anchor Anchor
	// TIMEX2 follows the TIMEX2 (ACE) guidelines where they differ from
	// TIMEX3: adjectives such as "former", "recent" and "future" are
	// tagged as PAST_REF/FUTURE_REF, and "the same time"/"that time" are
	// tagged as references to the current reference time.
	TIMEX2 bool
}

// Anchor says how relative expressions are anchored.
type Anchor uint8

const (
	// AnchorAuto decides per expression whether it speaks of the
	// article's own time or of a time the text is telling about.
	AnchorAuto Anchor = iota
	// AnchorNews anchors deictic expressions ("yesterday", "last week",
	// "on Monday") to the DCT and anaphoric ones ("the next day") to the
	// last date mentioned.
	AnchorNews
	// AnchorNarrative treats the text as a history narrative: every
	// relative expression is anchored to the narrative's current date, and
	// "today"/"now" are PRESENT_REF.
	AnchorNarrative
)

// ParseAnchor reads "auto", "news" or "narrative".
func ParseAnchor(s string) (Anchor, error) {
	switch s {
	case "auto", "":
		return AnchorAuto, nil
	case "news":
		return AnchorNews, nil
	case "narrative":
		return AnchorNarrative, nil
	}
	return 0, fmt.Errorf("unknown anchoring %q (want auto, news or narrative)", s)
}

func (a Anchor) String() string {
	return [...]string{"auto", "news", "narrative"}[a%3]
}

// Tag finds the temporal expressions in text. It is deterministic, never
// panics, and returns non-overlapping spans sorted by Start.
func Tag(text string, opt Options) []Timex {
	if text == "" {
		return nil
	}
	if !utf8.ValidString(text) {
		// Each invalid byte counts as one code point (U+FFFD) for the
		// caller, as in a Go range loop; repairing byte by byte keeps the
		// code-point offsets identical.
		text = toValidUTF8(text)
	}
	t := &tagger{text: text, opt: opt}
	t.findCandidates()
	t.selectCandidates()
	t.mergeAdjacent()
	out := t.resolve()
	if !opt.TIMEX2 {
		t.trimHedges(out)
	}
	return t.toRunes(out)
}

// toValidUTF8 replaces each invalid byte with U+FFFD, as the conversion to
// runes does; strings.ToValidUTF8 would fold a run of them into one and
// shift the offsets.
func toValidUTF8(s string) string { return string([]rune(s)) }

// tagger holds the state of one Tag call; nothing outlives the call.
type tagger struct {
	text  string
	opt   Options
	cands []cand
	// lastAbs is the last date written with its year, lastAbsEnd its end.
	lastAbs    point
	lastAbsEnd int
	// narr says whether the candidate being resolved is read as part of a
	// told history (see narrativeAt).
	narr bool
	// cues caches the tense cues found per sentence (cueMatches).
	cues map[cueKey][][]int
}

// selectCandidates keeps a non-overlapping subset, preferring longer spans,
// then higher priority, then earlier ones.
func (t *tagger) selectCandidates() {
	c := t.cands
	sort.SliceStable(c, func(i, j int) bool {
		li, lj := c[i].e-c[i].s, c[j].e-c[j].s
		if li != lj {
			return li > lj
		}
		if c[i].prio != c[j].prio {
			return c[i].prio > c[j].prio
		}
		return c[i].s < c[j].s
	})
	var kept []cand
	for _, x := range c {
		if x.s >= x.e {
			continue
		}
		ok := true
		for _, k := range kept {
			if x.s < k.e && k.s < x.e {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, x)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].s < kept[j].s })
	t.cands = kept
}

// toRunes converts byte offsets to code-point offsets.
func (t *tagger) toRunes(out []Timex) []Timex {
	if len(out) == 0 {
		return nil
	}
	// Offsets are increasing, so one pass suffices.
	pos, runes := 0, 0
	adv := func(b int) int {
		for pos < b && pos < len(t.text) {
			_, size := utf8.DecodeRuneInString(t.text[pos:])
			pos += size
			runes++
		}
		return runes
	}
	res := make([]Timex, 0, len(out))
	for _, x := range out {
		x.Text = t.text[x.Start:x.End]
		s := adv(x.Start)
		e := adv(x.End)
		x.Start, x.End = s, e
		res = append(res, x)
	}
	return res
}

// hedges are words TimeML leaves out of an expression's span, keeping
// their sense in mod: "about two weeks" is "two weeks" with mod APPROX.
var hedges = []string{"about ", "around ", "almost ", "over ", "just ", "only "}

// trimHedges moves each expression's start past a leading hedge word.
func (t *tagger) trimHedges(out []Timex) {
	for i := range out {
		x := &out[i]
		for _, h := range hedges {
			if x.End-x.Start > len(h) && strings.EqualFold(t.text[x.Start:x.Start+len(h)], h) {
				x.Start += len(h)
				for x.Start < x.End && t.text[x.Start] == ' ' {
					x.Start++
				}
				break
			}
		}
	}
}
