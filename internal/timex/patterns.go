package timex

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// rule is one pattern of the pattern stage. fn turns a match into zero or
// more candidates via t.add; it may reject a match by adding nothing.
type rule struct {
	name string
	re   func() *scanner // compiled on first use
	fn   func(t *tagger, m *match)
}

// match wraps a regexp submatch with named-group accessors.
type match struct {
	src string
	idx []int
	r   *rule
}

// span returns the byte range of a named group, -1, -1 when it did not
// take part in the match.
func (m *match) span(name string) (int, int) {
	i := m.r.re().anchored().SubexpIndex(name)
	if i < 0 || m.idx[2*i] < 0 {
		return -1, -1
	}
	return m.idx[2*i], m.idx[2*i+1]
}

func (m *match) has(name string) bool {
	s, _ := m.span(name)
	return s >= 0
}

func (m *match) g(name string) string {
	s, e := m.span(name)
	if s < 0 {
		return ""
	}
	return m.src[s:e]
}

func (m *match) start() int { return m.idx[0] }
func (m *match) end() int   { return m.idx[1] }

// expand replaces {NAME} placeholders with lexical fragments.
func expand(p string) string {
	r := strings.NewReplacer(
		"{MF}", reMonthFull, "{MA}", reMonthAny, "{D}", reDay, "{DO}", reDayOrd,
		"{Y}", reYear, "{BC}", reBC, "{WD}", reWeekday, "{SEASON}", reSeason,
		"{NUM}", reNum, "{NUMW}", reNumWord, "{UNIT}", reUnit, "{ORD}", reOrdWord,
		"{POD}", rePartOfDay, "{TZ}", reTZ,
	)
	return r.Replace(p)
}

const reTZ = `(?:UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|IRST|IDT|IST|JST|KST|AEST|AEDT)`

func mk(name, pattern string, fn func(t *tagger, m *match)) rule {
	return rule{name: name, re: sync.OnceValue(func() *scanner { return newScanner(expand(pattern)) }), fn: fn}
}

// rules is built on first use (building it at package init cost every
// dateline process 0.3 ms at start, tagging or not); it is never modified.
var rules = sync.OnceValue(buildRules)

// rulesTIMEX2 adds the TIMEX2-only rules.
var rulesTIMEX2 = sync.OnceValue(func() []rule {
	return append(append([]rule(nil), rules()...), timex2Rules()...)
})

// findCandidates runs the rules over the text. Go's regexp engine is
// linear but not fast, so the text is cut into sentence-sized chunks (no
// pattern spans a sentence end) and a rule only runs on chunks containing
// one of its trigger words (ruleNeeds).
func (t *tagger) findCandidates() {
	all := rules()
	if t.opt.TIMEX2 {
		all = rulesTIMEX2()
	}
	ti := triggers()
	present := make([]bool, len(ti.words))
	for _, ch := range chunks(t.text) {
		sub := t.text[ch[0]:ch[1]]
		lower := strings.ToLower(sub)
		for i, w := range ti.words {
			if w == "#" {
				present[i] = strings.ContainsAny(sub, "0123456789")
			} else {
				present[i] = strings.Contains(lower, w)
			}
		}
		for i := range all {
			r := &all[i]
			if !ti.triggered(r.name, present) {
				continue
			}
			for _, idx := range r.re().findAll(sub) {
				for k := range idx {
					if idx[k] >= 0 {
						idx[k] += ch[0]
					}
				}
				r.fn(t, &match{src: t.text, idx: idx, r: r})
			}
		}
	}
}

// chunks splits text at line breaks and at sentence ends (". " before an
// upper-case letter or a quote), keeping the period with the left part so
// that "146 B.C." stays whole.
func chunks(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		cut := -1
		switch {
		case c == '\n':
			cut = i + 1
		case (c == '.' || c == '?' || c == '!' || c == ';') && i+2 < len(text) && text[i+1] == ' ' && (text[i+2] >= 'A' && text[i+2] <= 'Z' || text[i+2] == '"'):
			cut = i + 1
		}
		if cut > start {
			out = append(out, [2]int{start, cut})
			start = cut
		}
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// triggerIndex numbers the distinct words of ruleNeeds, so that a chunk is
// searched for each word once rather than once per rule that needs it.
type triggerIndex struct {
	words []string
	needs map[string][][]int // rule name: groups of word numbers
}

var triggers = sync.OnceValue(func() triggerIndex {
	ti := triggerIndex{needs: map[string][][]int{}}
	num := map[string]int{}
	for name, groups := range ruleNeeds {
		var gs [][]int
		for _, g := range groups {
			var ns []int
			for _, w := range g {
				n, ok := num[w]
				if !ok {
					n = len(ti.words)
					num[w] = n
					ti.words = append(ti.words, w)
				}
				ns = append(ns, n)
			}
			gs = append(gs, ns)
		}
		ti.needs[name] = gs
	}
	return ti
})

// triggered reports whether a chunk can contain a match of the rule: every
// group of its needs has a word present ("#" stands for any digit).
func (ti triggerIndex) triggered(name string, present []bool) bool {
	for _, group := range ti.needs[name] {
		ok := false
		for _, n := range group {
			if present[n] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

var (
	needDigit   = []string{"#"}
	needMonth   = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	needUnit    = []string{"sec", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarters", "year", "decade", "centur", "millenni", "moment"}
	needSeason  = []string{"spring", "summer", "autumn", "fall", "winter"}
	needDayWord = []string{"day"} // every weekday name ends in "day"
	needPOD     = []string{"morning", "afternoon", "evening", "night", "dawn", "dusk", "daybreak", "sunrise", "sunset"}
)

// ruleNeeds lists, per rule, groups of trigger substrings (lower case); a
// chunk must contain one word of each group. Rules without an entry always
// run.
var ruleNeeds = map[string][][]string{
	"month-day": {needMonth, needDigit}, "day-month": {needMonth, needDigit},
	"month-day-list": {needMonth, needDigit}, "day-list-month": {needMonth, needDigit},
	"month-year": {needMonth, needDigit}, "month-of-year": {needMonth, {"year"}}, "month-deictic-year": {needMonth, {"year"}},
	"month-anaphoric": {needMonth}, "month-ordinal": {needMonth}, "month": {needMonth}, "ordinal-day": {needDigit},
	"iso": {needDigit}, "numeric-date": {needDigit}, "year": {needDigit}, "year-bc": {needDigit},
	"year-ad": {needDigit}, "year-range-short": {needDigit}, "year-range-bc": {needDigit},
	"year-short": {needDigit}, "year-apostrophe": {needDigit}, "decade": {needDigit},
	"decade-short": {needDigit}, "decade-words": {{"ties"}}, "century": {{"centur"}}, "season": {needSeason},
	"year-season": {needSeason, needDigit}, "quarter-half": {{"quarter", "half"}},
	"quarter-q": {{"q"}, needDigit}, "quarter-bare": {{"quarter", "period"}}, "year-words": {{"eighteen", "nineteen", "two thousand"}}, "year-ago-adj": {{"year-ago", "year-earlier"}}, "current-year": {{"current"}}, "the-year": {{"year"}}, "year-ended": {{"year"}, {"ended", "ending"}}, "holiday": {{"christmas", "new year", "easter", "halloween", "boxing", "valentine", "thanksgiving", "election"}},
	"weekday": {needDayWord}, "weekday-rel": {needDayWord}, "weekday-anaphoric": {needDayWord}, "set-weekdays": {needDayWord},
	"deictic-unit": {needUnit}, "anaphoric-unit": {append(append([]string{}, needUnit...), append(needPOD, needSeason...)...)},
	"day-before-after": {needUnit}, "later-that": {{"later", "earlier"}}, "mod-the-unit": {needUnit},
	"unit-end": {needUnit}, "deictic-day": {{"yesterday", "today", "tomorrow", "tonight", "last night"}},
	"offset": {needUnit}, "offset-bare": {needUnit}, "duration": {needUnit}, "duration-det": {needUnit},
	"age": {{"age"}}, "duration-hyphen": {needUnit, {"-"}}, "duration-long": {{"-long"}},
	"duration-bare": {needUnit}, "set-every": {{"every", "each"}}, "set-rate": {needDigit, needUnit},
	"set-per": {{"per "}}, "set-times": {{"once", "twice", "thrice", "times"}},
	"set-adverb": {{"ly", "everyday"}}, "ref-adj": {{"recent", "current"}}, "present-ref": {{"now", "present", "current", "these days", "modern", "to date", "time being"}},
	"past-ref": {{"recent", "lately", "past"}}, "future-ref": {{"future", "coming", "soon", " term"}},
	"clock-ampm": {needDigit, {"am", "pm", "a.m", "p.m"}}, "clock-24": {{":"}}, "clock-military": {needDigit, {"h"}},
	"clock-oclock": {{"clock", "morning", "afternoon", "evening", "night"}}, "noon": {{"noon", "midday", "midnight"}}, "part-of-day": {needPOD},
	"t2-past-adj": {{"former", "recent", "previously"}}, "t2-future-adj": {{"future"}},
	"t2-this-time": {{"time", "period"}}, "t2-current": {{"current"}}, "t2-at-the-time": {{"the time"}}, "t2-vague-time": {{" time"}}, "t2-night": {{"night", "daytime"}},
}

// modRe recognises a modifier immediately left of a date: "early", "the
// end of", "around", "mid-". It is matched against the text ending where the
// candidate starts.
var modRe = lazyRe(`(?i)(?:\b(?:(?:the\s+)?(?:very\s+)?(?P<pos1>start|beginning|end|middle|close|outset|latter\s+part|early\s+part|later\s+part|first\s+part|last\s+part|final\s+part|early\s+stages?|late\s+stages?|rest|remainder|spring|summer|autumn|fall|winter)\s+of|(?:the\s+)?(?P<pos2>early|late|mid|middle)(?:\s+in)?|(?P<later>later|earlier)\s+(?:in|on|during)|(?P<approx>around|about|approximately|circa|ca\.|c\.|roughly|sometime\s+(?:in|around|during)|some\s+time\s+in))\s+|\b(?P<mid>mid)\s*-\s*)$`)

// leftModifier extends c to the left over a modifier and sets Mod.
func (t *tagger) leftModifier(c *cand) {
	lo := c.s - 60
	if lo < 0 {
		lo = 0
	}
	if c.s == 0 || t.text[c.s-1] != ' ' && t.text[c.s-1] != '-' && t.text[c.s-1] != '\n' && t.text[c.s-1] != '\t' {
		return // every modifier ends in a space or a hyphen
	}
	idx := modRe().FindStringSubmatchIndex(t.text[lo:c.s])
	if idx == nil {
		return
	}
	g := func(name string) string {
		i := modRe().SubexpIndex(name)
		if idx[2*i] < 0 {
			return ""
		}
		return strings.ToLower(t.text[lo+idx[2*i] : lo+idx[2*i+1]])
	}
	mod := ""
	switch w := strings.Join(strings.Fields(g("pos1")), " "); w {
	case "":
	case "start", "beginning", "outset", "early part", "first part", "early stage", "early stages":
		mod = "START"
	case "end", "close", "latter part", "later part", "last part", "final part", "late stage", "late stages":
		mod = "END"
	case "middle":
		mod = "MID"
	case "spring", "summer", "autumn", "fall", "winter":
		// "the summer of 1944" is a season, handled by the season rule.
		return
	}
	switch g("pos2") {
	case "early":
		mod = "EARLY"
	case "late":
		mod = "LATE"
	case "mid", "middle":
		mod = "MID"
	}
	if g("mid") != "" {
		mod = "MID"
	}
	if g("approx") != "" {
		if possessive(t.text, c.e) {
			return // "ways to get around Wednesday's ruling" hedges no date
		}
		mod = "APPROX"
	}
	if c.mod == "" {
		c.mod = mod
	}
	c.s = lo + idx[0]
}

// add records a candidate covering [s,e).
func (t *tagger) add(m *match, c cand) {
	if c.s < 0 || c.e > len(t.text) || c.s >= c.e {
		return
	}
	if (c.typ == Date || c.typ == Time) && c.k != kClock && !isRefValue(c.val) {
		t.leftModifier(&c)
	}
	t.cands = append(t.cands, c)
}

func isRefValue(v string) bool {
	return strings.HasSuffix(v, "_REF")
}

// atoi parses a decimal number, 0 on failure.
func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimRight(strings.TrimSpace(s), "stndrh"))
	return n
}

// prevWord returns the word before byte offset i (letters only).
func prevWord(s string, i int) string {
	j := i
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	k := j
	for k > 0 && isLetter(s[k-1]) {
		k--
	}
	return s[k:j]
}

// nextWord returns the word after byte offset i (letters and hyphens),
// skipping spaces and tabs.
func nextWord(s string, i int) string {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	k := j
	for k < len(s) && (isLetter(s[k]) || s[k] == '-') {
		k++
	}
	return s[j:k]
}

func isLetter(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isUpperWord(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// countNouns are words that show a preceding four-digit number is a count,
// not a year ("1500 men").
var countNouns = map[string]bool{
	"men": true, "troops": true, "soldiers": true, "people": true, "civilians": true,
	"casualties": true, "dead": true, "killed": true, "wounded": true, "prisoners": true,
	"ships": true, "vessels": true, "tanks": true, "aircraft": true, "planes": true,
	"guns": true, "km": true, "kilometres": true, "kilometers": true, "miles": true,
	"metres": true, "meters": true, "feet": true, "ft": true, "tons": true, "tonnes": true,
	"pounds": true, "dollars": true, "rifles": true, "horses": true, "cannons": true,
	"vehicles": true, "deaths": true, "votes": true, "members": true, "workers": true,
	"refugees": true, "fighters": true, "rebels": true, "officers": true, "sailors": true,
	"marines": true, "strong": true, "cavalry": true, "infantry": true, "militia": true,
	"guerrillas": true, "mm": true, "cm": true, "kg": true, "hours": true, "hrs": true,
	"warriors": true, "hoplites": true, "cavalrymen": true, "sq": true, "square": true,
	"inhabitants": true, "residents": true, "students": true, "children": true, "women": true,
	"others": true, "victims": true, "persons": true, "individuals": true, "families": true,
	"houses": true, "homes": true, "villages": true, "towns": true, "miners": true,
}

// yearOK decides whether the four-digit number at [s,e) is a year.
func yearOK(text string, s, e int) bool {
	if s > 0 {
		switch text[s-1] {
		case '$', '#', '£', '/', ':', '+', '-', '.', ',':
			if text[s-1] == '-' && s >= 5 && yearLike(text[s-5:s-1]) {
				break // "1917-1918"
			}
			if s > 1 && isDigit(text[s-2]) {
				return false
			}
			if text[s-1] == '$' || text[s-1] == '#' || text[s-1] == '+' {
				return false
			}
		}
		if strings.HasSuffix(text[:s], "€") || strings.HasSuffix(text[:s], "£") {
			return false
		}
	}
	if e < len(text) {
		switch text[e] {
		case '%':
			return false
		case ',', '.':
			if e+1 < len(text) && isDigit(text[e+1]) {
				return false
			}
		}
		if strings.HasPrefix(text[e:], " per cent") || strings.HasPrefix(text[e:], " percent") {
			return false
		}
	}
	if countNouns[strings.ToLower(nextWord(text, e))] {
		return false
	}
	switch strings.ToLower(prevWord(text, s)) {
	case "no", "number", "division", "route", "highway", "flight", "room", "page", "pp", "p", "hill", "height", "elevation", "altitude", "some", "nearly", "over", "resolution", "article", "law", "decree", "order", "code", "regiment", "squadron", "unit", "type", "model":
		// "some 1500" is a count; "over 1200 men" likewise.
		return false
	}
	return true
}

// yearLike reports whether s is a four-digit year.
func yearLike(s string) bool {
	return len(s) == 4 && (s[0] == '1' || s[0] == '2' && s[1] == '0') && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3])
}

// yearSpec builds a year-level spec.
func yearSpec(y int, bc bool) dspec {
	if bc {
		return dspec{y: 1 - y, hasY: true}
	}
	return dspec{y: y, hasY: true}
}

func isBC(s string) bool { return strings.TrimSpace(s) != "" }

// dayOK checks that a day-of-month is not the start of a bigger number
// ("May 1,500").
func dayOK(text string, e int, d int) bool {
	if d < 1 || d > 31 {
		return false
	}
	if e+1 < len(text) && (text[e] == ',' || text[e] == '.') && isDigit(text[e+1]) {
		// "June 13, 2025" has a space after the comma; "1,500" does not.
		return false
	}
	return true
}

// anaphoricYear handles "of that year", "of the following year".
func anaphoricYear(s string) (int, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch s {
	case "":
		return 0, false
	case "that", "the same", "this same", "that same", "the", "this":
		return 0, true
	case "the following", "the next", "the subsequent":
		return 1, true
	case "the previous", "the preceding", "the prior":
		return -1, true
	}
	return 0, false
}

func buildRules() []rule {
	var rs []rule
	add := func(r rule) { rs = append(rs, r) }

	// --- Absolute and partial calendar dates -------------------------

	// "September 1, 1939", "Saturday, June 24, 1950", "Jun. 13",
	// "July 25 of that year", "June 20 of 1792".
	add(mk("month-day", `\b(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MA})\s+(?P<day>{D})\b(?:(?:,\s*|\s+)(?P<year>{Y})\b(?P<bc>\s*{BC})?|\s+of\s+(?P<year2>{Y})\b|\s+of\s+(?P<ana>(?i:that|the\s+same|this\s+same|that\s+same|the\s+following|the\s+next|the\s+previous))\s+year\b)?`,
		func(t *tagger, m *match) {
			mon := monthNum(m.g("mon"))
			d := atoi(m.g("day"))
			_, de := m.span("day")
			if mon == 0 || !dayOK(t.text, de, d) {
				return
			}
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{m: mon, d: d}}
			if y := m.g("year"); y != "" {
				c.spec.y, c.spec.hasY = atoi(y), true
				if isBC(m.g("bc")) {
					c.spec.y = 1 - c.spec.y
				}
			} else if y := m.g("year2"); y != "" {
				c.spec.y, c.spec.hasY = atoi(y), true
			} else if off, ok := anaphoricYear(m.g("ana")); ok {
				c.spec.yFromRef, c.spec.yRel = true, off
			}
			t.add(m, c)
		}))

	// "9 September 1914", "the 19th of October 1950", "2 May, 1777".
	add(mk("day-month", `\b(?P<the>(?i:the)\s+)?(?P<day>{D})(?:\s+(?i:of|day\s+of))?\s+(?P<mon>{MA})\b(?:,?\s*(?P<year>{Y})\b(?P<bc>\s*{BC})?|\s+of\s+(?P<ana>(?i:that|the\s+same|the\s+following|the\s+next|the\s+previous))\s+year\b)?`,
		func(t *tagger, m *match) {
			mon := monthNum(m.g("mon"))
			d := atoi(m.g("day"))
			if mon == 0 || d < 1 || d > 31 {
				return
			}
			// A bare abbreviation must be a real one ("Mar", not "March"
			// cut short): the regexp guarantees that via \b.
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{m: mon, d: d}}
			if s, _ := m.span("day"); s > 0 && (t.text[s-1] == '.' || t.text[s-1] == ',') && s > 1 && isDigit(t.text[s-2]) {
				return
			}
			if y := m.g("year"); y != "" {
				c.spec.y, c.spec.hasY = atoi(y), true
				if isBC(m.g("bc")) {
					c.spec.y = 1 - c.spec.y
				}
			} else if off, ok := anaphoricYear(m.g("ana")); ok {
				c.spec.yFromRef, c.spec.yRel = true, off
			}
			t.add(m, c)
		}))

	// A day as an ordinal word, as transcripts spell it: "March eighth".
	add(mk("month-ordinal", `\b(?P<mon>{MF})\s+(?P<day>{ORD})\b(?:,?\s+(?P<year>{Y})\b)?`,
		func(t *tagger, m *match) {
			d := parseOrdinal(m.g("day"))
			if d < 1 || d > 31 || strings.HasPrefix(t.text[m.end():], "-") {
				return
			}
			switch strings.ToLower(nextWord(t.text, m.end())) {
			case "quarter", "half", "time", "round", "day", "week", "month", "year", "place":
				return // "the March second round"
			}
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{m: monthNum(m.g("mon")), d: d}}
			if y := m.g("year"); y != "" {
				c.spec.y, c.spec.hasY = atoi(y), true
			}
			t.add(m, c)
		}))
	// Coordinated days: "March 5 and 9, 1918", "March 9–10".
	add(mk("month-day-list", `\b(?P<mon>{MA})\s+(?P<d1>{D})(?P<rest>(?:\s*(?:,|and|or|to|through|[-–—])\s*(?:and\s+)?{D}\b)+)(?:,?\s+(?P<year>{Y})\b)?`,
		func(t *tagger, m *match) {
			mon := monthNum(m.g("mon"))
			if mon == 0 {
				return
			}
			var y int
			hasY := false
			if ys := m.g("year"); ys != "" {
				y, hasY = atoi(ys), true
			}
			_, d1e := m.span("d1")
			days := dayListRe().FindAllStringIndex(m.g("rest"), -1)
			rs, _ := m.span("rest")
			if len(days) == 0 || !dayOK(t.text, d1e, atoi(m.g("d1"))) {
				return
			}
			sp := dspec{m: mon, d: atoi(m.g("d1")), y: y, hasY: hasY}
			t.add(m, cand{s: m.start(), e: d1e, typ: Date, k: kDate, spec: sp})
			for i, d := range days {
				ds, de := rs+d[0], rs+d[1]
				day := atoi(t.text[ds:de])
				if day < 1 || day > 31 {
					return
				}
				e := de
				if i == len(days)-1 && hasY {
					e = m.end()
				}
				sp.d = day
				t.add(m, cand{s: ds, e: e, typ: Date, k: kDate, spec: sp})
			}
		}))

	// "6, 12 and 14 July", "9–10 March 2026", "15, 22 and the 24 February".
	add(mk("day-list-month", `\b(?P<d1>{D})(?P<rest>(?:\s*(?:,|and|or|to|[-–—])\s*(?:and\s+)?(?:the\s+)?{D}\b)+)\s+(?:of\s+)?(?P<mon>{MA})\b(?:,?\s+(?P<year>{Y})\b)?`,
		func(t *tagger, m *match) {
			mon := monthNum(m.g("mon"))
			if mon == 0 {
				return
			}
			var y int
			hasY := false
			if ys := m.g("year"); ys != "" {
				y, hasY = atoi(ys), true
			}
			d1s, d1e := m.span("d1")
			if d1s > 1 && (t.text[d1s-1] == ',' || t.text[d1s-1] == '.') && isDigit(t.text[d1s-2]) {
				return
			}
			rs, _ := m.span("rest")
			days := dayListRe().FindAllStringIndex(m.g("rest"), -1)
			sp := dspec{m: mon, y: y, hasY: hasY}
			sp.d = atoi(m.g("d1"))
			if sp.d < 1 || sp.d > 31 || len(days) == 0 {
				return
			}
			t.add(m, cand{s: d1s, e: d1e, typ: Date, k: kDate, spec: sp})
			for i, d := range days {
				ds, de := rs+d[0], rs+d[1]
				sp.d = atoi(t.text[ds:de])
				if sp.d < 1 || sp.d > 31 {
					return
				}
				if i == len(days)-1 {
					de = m.end()
					if the := theBefore(t.text, ds); the >= 0 {
						ds = the
					}
				}
				t.add(m, cand{s: ds, e: de, typ: Date, k: kDate, spec: sp})
			}
		}))

	// "November 1939", "February of 1940", "January, 1918", "April 480 BC".
	add(mk("month-year", `\b(?P<mon>{MA})(?:,|\s+of)?\s+(?:(?P<year>{Y})\b(?P<bc>\s*{BC})?|(?P<byear>\d{1,4})\s*{BC})`,
		func(t *tagger, m *match) {
			mon := monthNum(m.g("mon"))
			if mon == 0 {
				return
			}
			var sp dspec
			if y := m.g("year"); y != "" {
				ys, ye := m.span("year")
				if !yearOK(t.text, ys, ye) && m.g("bc") == "" {
					return
				}
				sp = yearSpec(atoi(y), isBC(m.g("bc")))
			} else {
				sp = yearSpec(atoi(m.g("byear")), true)
			}
			sp.m = mon
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: sp})
		}))

	// "August of that year", "November of the same year".
	add(mk("month-of-year", `\b(?P<mon>{MF})\s+of\s+(?P<ana>(?i:that|the\s+same|this\s+same|that\s+same|the\s+following|the\s+next|the\s+previous))\s+year\b`,
		func(t *tagger, m *match) {
			off, _ := anaphoricYear(m.g("ana"))
			sp := dspec{m: monthNum(m.g("mon")), yFromRef: true, yRel: off}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: sp})
		}))

	// "January this year", "June of last year", "April next year": a
	// month of a year counted from the DCT.
	add(mk("month-deictic-year", `\b(?P<mon>{MF})\s+(?:of\s+)?(?P<rel>(?i:this|last|next))\s+year\b`,
		func(t *tagger, m *match) {
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: gYear, deictic: true}
			c.off = map[string]int{"this": 0, "last": -1, "next": 1}[strings.ToLower(m.g("rel"))]
			c.spec.m = monthNum(m.g("mon"))
			t.add(m, c)
		}))
	// "the previous April", "the following March".
	add(mk("month-anaphoric", `\b(?i:the)\s+(?P<rel>(?i:previous|preceding|following|next|same))\s+(?P<mon>{MF})\b`,
		func(t *tagger, m *match) {
			sp := dspec{m: monthNum(m.g("mon")), yFromRef: true}
			switch strings.ToLower(m.g("rel")) {
			case "previous", "preceding":
				sp.monthDir = -1
			case "following", "next":
				sp.monthDir = 1
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: sp})
		}))

	// A month on its own: "in April".
	add(mk("month", `\b(?P<mon>{MF})\b`,
		func(t *tagger, m *match) {
			pw := prevWord(t.text, m.start())
			nw := nextWord(t.text, m.end())
			if isUpperWord(pw) && !monthLeftOK[strings.ToLower(pw)] {
				// "Theresa May", "Operation August Storm".
				if !sentenceStart(t.text, m.start()-len(pw)-1) {
					return
				}
			}
			if pre := t.text[:m.start()]; strings.HasSuffix(pre, "'s ") || strings.HasSuffix(pre, "’s ") {
				return // "Women's March"
			}
			if m.g("mon") == "May" && strings.ToLower(pw) == "" && isLowerWord(nw) && sentenceStart(t.text, m.start()) {
				// Sentence-initial modal: "May God ...", "May they ...".
				return
			}
			if m.g("mon") == "March" {
				switch strings.ToLower(nw) {
				case "to", "on", "of", "through", "across", "from", "against", "into", "towards":
					return // the noun: "the March to the Sea"
				}
				switch strings.ToLower(pw) {
				case "his", "her", "their", "its", "our", "long", "forced", "annual":
					return // "the annual March for Life"
				}
			}
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{m: monthNum(m.g("mon"))}}
			if !t.opt.TIMEX2 {
				// "last February", "next May", "this September": the
				// determiner belongs to the expression in TimeML.
				switch strings.ToLower(pw) {
				case "last", "next", "this":
					j := m.start()
					for j > 0 && (t.text[j-1] == ' ' || t.text[j-1] == '\t') {
						j--
					}
					c.s = j - len(pw)
					c.monthRel = map[string]int{"last": -1, "next": 1, "this": 0}[strings.ToLower(pw)]
					if c.monthRel == 0 {
						c.monthRel = 2 // the anchor's year
					}
				}
			}
			t.add(m, c)
		}))

	// "the 20th", "the 13th," (day of the reference month).
	add(mk("ordinal-day", `\b(?i:the)\s+(?P<day>{DO})\b`,
		func(t *tagger, m *match) {
			d := atoi(m.g("day"))
			if d < 1 || d > 31 {
				return
			}
			rest := t.text[m.end():]
			nw := nextWord(t.text, m.end())
			if strings.HasPrefix(rest, " ") && nw != "" && !ordinalDayNext[nw] {
				return // "the 20th Division", "the 13th anniversary"
			}
			if strings.HasPrefix(rest, "-") {
				return
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{d: d}})
		}))

	// ISO dates and times: "2025-06-13", "2003-03-20T05:34".
	add(mk("iso", `\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<hh>[0-2]\d):(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b`,
		func(t *tagger, m *match) {
			sp := dspec{y: atoi(m.g("y")), hasY: true, m: atoi(m.g("m")), d: atoi(m.g("d"))}
			if sp.m < 1 || sp.m > 12 || sp.d < 1 || sp.d > 31 {
				return
			}
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: sp}
			if m.has("hh") {
				c.typ, c.clock, c.hh, c.mi = Time, true, atoi(m.g("hh")), atoi(m.g("mi"))
			}
			t.add(m, c)
		}))

	// Numeric dates: "13/06/2025", "6/13/2025", "13.06.2025". Day-first
	// unless that is impossible, as in most of the English-speaking world
	// outside the US; "6/13" is read month-first because 13 cannot be a month.
	add(mk("numeric-date", `\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P<sep2>[/.])(?P<y>\d{4}|\d{2})\b`,
		func(t *tagger, m *match) {
			if m.g("sep") != m.g("sep2") {
				return
			}
			a, b, y := atoi(m.g("a")), atoi(m.g("b")), atoi(m.g("y"))
			if len(m.g("y")) == 2 {
				if m.g("sep") == "." {
					return // "1.5.10" is more likely a version or section number
				}
				y += 2000
				if y > 2050 {
					y -= 100
				}
			}
			d, mo := a, b
			if mo > 12 && d <= 12 {
				d, mo = b, a
			}
			if mo < 1 || mo > 12 || d < 1 || d > 31 {
				return
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{y: y, hasY: true, m: mo, d: d}})
		}))

	// Years: "1944", "490 BC", "AD 79", "the year 1950".
	add(mk("year", `\b(?P<pre>(?i:the\s+years?)\s+)?(?P<year>{Y})\b(?P<bc>\s*{BC})?(?P<ad>\s*(?:AD|A\.D\.|CE)\b)?`,
		func(t *tagger, m *match) {
			ys, ye := m.span("year")
			bc := isBC(m.g("bc"))
			if !bc && !yearOK(t.text, ys, ye) {
				return
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: yearSpec(atoi(m.g("year")), bc)})
		}))
	add(mk("year-bc", `\b(?P<year>\d{1,4})\s*(?P<bc>{BC})`,
		func(t *tagger, m *match) {
			ys, _ := m.span("year")
			if ys > 1 && (t.text[ys-1] == ',' || t.text[ys-1] == '.') && isDigit(t.text[ys-2]) {
				return
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: yearSpec(atoi(m.g("year")), true)})
		}))
	add(mk("year-ad", `\b(?:(?:AD|A\.D\.)\s*(?P<y1>\d{1,4})\b|(?P<y2>\d{1,4})\s*(?:AD|A\.D\.|CE)\b)`,
		func(t *tagger, m *match) {
			y := atoi(m.g("y1") + m.g("y2"))
			if y < 1 {
				return
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: yearSpec(y, false)})
		}))
	// Ranges with a shortened second year: "1916-17".
	add(mk("year-range-short", `\b(?P<y1>{Y})\s*(?P<sep>[-–/])\s*(?P<y2>\d{2})\b`,
		func(t *tagger, m *match) {
			y1 := atoi(m.g("y1"))
			yy := atoi(m.g("y2"))
			if m.g("sep") == "-" && yy >= 1 && yy <= 12 && yy <= y1%100 {
				// "2003-04" is more likely ISO year-month.
				t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{y: y1, hasY: true, m: yy}})
				return
			}
			y2 := y1/100*100 + yy
			if y2 <= y1 {
				y2 += 100
			}
			s1, e1 := m.span("y1")
			s2, e2 := m.span("y2")
			t.add(m, cand{s: s1, e: e1, typ: Date, k: kDate, spec: yearSpec(y1, false), prio: 1})
			t.add(m, cand{s: s2, e: e2, typ: Date, k: kDate, spec: yearSpec(y2, false), prio: 1})
		}))
	// BC ranges: "499–493 BC" makes both ends BC.
	add(mk("year-range-bc", `\b(?P<y1>\d{2,4})\s*(?:[-–]|\s(?:to|and)\s)\s*(?P<y2>\d{2,4})\s*(?P<bc>{BC})`,
		func(t *tagger, m *match) {
			s1, e1 := m.span("y1")
			s2, _ := m.span("y2")
			t.add(m, cand{s: s1, e: e1, typ: Date, k: kDate, spec: yearSpec(atoi(m.g("y1")), true), prio: 1})
			t.add(m, cand{s: s2, e: m.end(), typ: Date, k: kDate, spec: yearSpec(atoi(m.g("y2")), true), prio: 1})
		}))
	// Three-digit years after a preposition: "in 490", "by 479". Their era
	// follows the reference time (BC in a BC narrative), see normalise.go.
	add(mk("year-short", `\b(?P<pre>(?i:in|by|from|since|until|till|during|before|after|around|circa|ca\.|c\.|year))\s+(?P<year>[1-9]\d{2})\b`,
		func(t *tagger, m *match) {
			ys, ye := m.span("year")
			rest := t.text[ye:]
			nw := nextWord(t.text, ye)
			if ye < len(t.text) && !(rest[0] == ',' || rest[0] == '.' || rest[0] == ';' || rest[0] == ')' || rest[0] == ' ' && (nw == "and" || nw == "to" || nw == "when" || nw == "the")) {
				return
			}
			if (strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, ".")) && len(rest) > 1 && isDigit(rest[1]) {
				return // "443.6 million"
			}
			if strings.EqualFold(m.g("pre"), "from") && strings.ContainsAny(t.text[max(0, m.start()-40):m.start()], "0123456789") {
				return // "to about 450 stores from 360": a change of count
			}
			sp := yearSpec(atoi(m.g("year")), false)
			sp.eraFromRef = true
			t.add(m, cand{s: ys, e: ye, typ: Date, k: kDate, spec: sp, prio: -1})
		}))
	// "'99", "'89" (century from the reference time).
	add(mk("year-apostrophe", `(?:^|[\s(])(?P<y>['’](?P<yy>\d{2}))\b`,
		func(t *tagger, m *match) {
			s, e := m.span("y")
			if e < len(t.text) && t.text[e] == 's' {
				return
			}
			t.add(m, cand{s: s, e: e, typ: Date, k: kDate, spec: dspec{twoDigit: atoi(m.g("yy")) + 1}})
		}))

	// Decades: "the 1960s", "1930s", "the 470s BC", "the '60s".
	add(mk("decade", `\b(?P<the>(?i:the)\s+)?(?P<dec>\d{2,3}0)['’]?s\b(?P<bc>\s*{BC})?`,
		func(t *tagger, m *match) {
			dec := m.g("dec")
			n := atoi(dec) / 10
			bc := isBC(m.g("bc"))
			if len(dec) < 4 && !bc {
				return // "the 90s" is an age or temperature as often as a decade
			}
			v := fmt.Sprintf("%03d", n)
			if bc {
				v = "BC" + v
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: v})
		}))
	add(mk("decade-short", `\b(?P<the>(?i:the)\s+)['’](?P<dd>\d)0s\b`,
		func(t *tagger, m *match) {
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: dspec{twoDigit: atoi(m.g("dd"))*10 + 1, decade: true}})
		}))
	// Decades in words: "the nineties", "the early eighties".
	add(mk("decade-words", `\b(?i:the)\s+(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?P<dec>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b`,
		func(t *tagger, m *match) {
			d := map[string]int{"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}[strings.ToLower(m.g("dec"))]
			mod := map[string]string{"early": "EARLY", "mid": "MID", "late": "LATE"}[strings.ToLower(m.g("mod"))]
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, mod: mod, spec: dspec{twoDigit: d*10 + 1, decade: true}})
		}))
	// Centuries: "the 19th century", "eighteenth-century", "the 4th century BC".
	add(mk("century", `\b(?P<the>(?i:the)\s+)?(?P<ord>{ORD})[\s-]+(?i:century)\b(?P<bc>\s*{BC})?`,
		func(t *tagger, m *match) {
			n := parseOrdinal(m.g("ord"))
			if n < 1 || n > 30 {
				return
			}
			v := fmt.Sprintf("%02d", n-1)
			if isBC(m.g("bc")) {
				v = "BC" + v
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: v})
		}))

	// Seasons: "the summer of 1944", "summer 1918", "autumn of 481 BC",
	// "the winter", "1982 summer".
	add(mk("season", `\b(?P<the>(?i:the)\s+)?(?P<season>{SEASON})\b(?:(?:\s+of|,)?\s+(?P<year>{Y})\b(?P<bc>\s*{BC})?|\s+(?:of\s+)?(?P<byear>\d{1,4})\s*{BC}|\s+of\s+(?P<ana>(?i:that|the\s+same|the\s+following|the\s+next|the\s+previous))\s+year\b)?`,
		func(t *tagger, m *match) {
			season := seasonCodes[strings.ToLower(m.g("season"))]
			sp := dspec{season: season}
			switch {
			case m.has("year"):
				sp = yearSpec(atoi(m.g("year")), isBC(m.g("bc")))
				sp.season = season
			case m.has("byear"):
				sp = yearSpec(atoi(m.g("byear")), true)
				sp.season = season
			case m.has("ana"):
				sp.yFromRef = true
				sp.yRel, _ = anaphoricYear(m.g("ana"))
			default:
				rest := t.text[m.end():]
				if strings.HasPrefix(strings.TrimLeft(rest, " "), "of ") {
					return // "the fall of Saigon", "the winter of discontent"
				}
				pw := strings.ToLower(prevWord(t.text, m.start()))
				if !t.opt.TIMEX2 && !m.has("the") && (pw == "last" || pw == "this" || pw == "next") {
					// "last fall", "this summer": one expression in
					// TimeML, the season before, of or after the DCT.
					j := m.start()
					for j > 0 && (t.text[j-1] == ' ' || t.text[j-1] == '\t') {
						j--
					}
					c := cand{s: j - len(pw), e: m.end(), typ: Date, k: kDate, spec: sp}
					c.monthRel = map[string]int{"last": -1, "next": 1, "this": 2}[pw]
					t.add(m, c)
					return
				}
				if strings.EqualFold(m.g("season"), "fall") && !m.has("the") && pw != "in" {
					return // the verb
				}
				if strings.EqualFold(m.g("season"), "spring") && isLetter(byte(firstByte(rest, 1))) && strings.HasPrefix(rest, " ") && isLowerWord(nextWord(t.text, m.end())) && countNouns[nextWord(t.text, m.end())] {
					return
				}
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: sp})
		}))
	add(mk("year-season", `\b(?P<year>{Y})\s+(?P<season>{SEASON})\b`,
		func(t *tagger, m *match) {
			sp := yearSpec(atoi(m.g("year")), false)
			sp.season = seasonCodes[strings.ToLower(m.g("season"))]
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: sp})
		}))

	// Quarters and halves: "the second half of 2008", "Q2 2025".
	add(mk("quarter-half", `\b(?P<the>(?i:the)\s+)?(?P<which>(?i:first|second|third|fourth|last|latter|final|1st|2nd|3rd|4th))\s+(?P<unit>(?i:quarter|half))\s+of\s+(?:(?P<year>{Y})\b|(?P<rel>(?i:the|that|this|last|next))\s+year\b)`,
		func(t *tagger, m *match) {
			which := strings.ToLower(m.g("which"))
			n := map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[which]
			unit := strings.ToLower(m.g("unit"))
			if which == "last" || which == "latter" || which == "final" {
				n = 4
				if unit == "half" {
					n = 2
				}
			}
			if unit == "half" && n > 2 || n == 0 {
				return
			}
			var sp dspec
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kDate}
			switch rel := strings.ToLower(m.g("rel")); rel {
			case "":
				sp = yearSpec(atoi(m.g("year")), false)
			case "the", "that":
				sp.yFromRef = true
			default:
				// "the first half of last year": deictic year.
				c.k, c.unit, c.deictic = kRel, gYear, true
				c.off = map[string]int{"this": 0, "last": -1, "next": 1}[rel]
			}
			if unit == "half" {
				sp.half = n
			} else {
				sp.q = n
			}
			c.spec = sp
			t.add(m, c)
		}))
	// Financial quarters without a year: "the third quarter", "its
	// fourth-quarter loss", "the fiscal first quarter", "the year-ago
	// quarter", "the latest quarter", "the same period".
	add(mk("quarter-bare", `\b(?:(?P<dy>(?i:this|last|next))\s+year['’]s\s+)?(?P<the>(?i:the|its|their|this)\s+)?(?:(?P<year>{Y})[\s-]+)?(?:(?P<rel>(?i:comparable\s+)?(?i:year-ago|year-earlier|latest|current|previous|prior|preceding|same|recent|just-ended|just\s+ended))[\s-]+)?(?:(?i:fiscal)[\s-]+)?(?:(?P<which>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+)?(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|period))\b`,
		func(t *tagger, m *match) {
			which := strings.ToLower(m.g("which"))
			rel := strings.ToLower(strings.Join(strings.Fields(m.g("rel")), " "))
			rel = strings.TrimPrefix(rel, "comparable ")
			unit := strings.ToLower(m.g("unit"))
			if strings.EqualFold(strings.TrimSpace(nextWord(t.text, m.end())), "of") {
				return // "the third quarter of 1989", "a quarter of the vote"
			}
			if strings.HasPrefix(t.text[m.end():], "-") {
				return // "the quarter-to-quarter comparison", "a quarter-century low"
			}
			ago := rel == "year-ago" || rel == "year-earlier"
			year := 0
			if m.has("year") {
				ys, ye := m.span("year")
				if !m.has("the") || ago || !yearOK(t.text, ys, ye) {
					return
				}
				year = atoi(m.g("year"))
			}
			if which == "" && (!m.has("the") || unit == "period" && rel == "" && year == 0) {
				return // "quarter", "the period": no time of their own
			}
			s := m.start()
			if th := strings.ToLower(strings.TrimSpace(m.g("the"))); th == "its" || th == "their" {
				// "its third-quarter loss": the possessive is no part.
				_, s = m.span("the")
			}
			c := cand{s: s, e: m.end(), typ: Date}
			if which != "" {
				c.k = kDate
				c.spec.q = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[which]
				if ago {
					c.spec.yAgo, c.aside = 1, true
				}
				if year != 0 {
					// "the 1988 third quarter"
					c.spec.y, c.spec.hasY = year, true
				}
				if dy := strings.ToLower(m.g("dy")); dy != "" {
					// "next year's first quarter": a quarter of a year
					// counted from the DCT.
					if year != 0 || ago || m.has("the") {
						return
					}
					c.k, c.unit, c.deictic = kRel, gYear, true
					c.off = map[string]int{"this": 0, "last": -1, "next": 1}[dy]
				}
				t.add(m, c)
				return
			}
			if m.has("dy") {
				return
			}
			// The quarter the text is about: the last one it named, else
			// the one the DCT's reports cover (the quarter before it).
			c.k, c.unit, c.quarter = kRel, gQuarter, true
			switch rel {
			case "current":
				c.off = 0
			case "previous", "prior", "preceding":
				c.off = -1
			case "latest", "recent", "just-ended", "just ended":
				// The quarter just reported, whichever quarter the
				// text last named.
				c.deictic = true
			default:
				c.off = 0
			}
			if ago {
				c.off, c.aside = -4, true
			}
			if year != 0 {
				// "the 1988 quarter", "the 1989 period": the quarter the
				// text is about, in the year it names; a comparison, so
				// the story stays in its quarter.
				c.qYear, c.aside = year, true
			}
			t.add(m, c)
		}))
	// Years in words, as broadcast transcripts spell them: "nineteen
	// ninety-four", "the year two thousand".
	add(mk("year-words", `\b(?:(?P<c>(?i:eighteen|nineteen))[\s-]+(?P<r>(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))|(?P<the>(?i:the\s+year\s+))(?P<k>(?i:two\s+thousand)))\b`,
		func(t *tagger, m *match) {
			y := 2000
			if m.has("c") {
				y = map[string]int{"eighteen": 1800, "nineteen": 1900}[strings.ToLower(m.g("c"))]
				r := strings.ToLower(strings.Join(strings.FieldsFunc(m.g("r"), func(r rune) bool { return r == ' ' || r == '-' }), " "))
				n := 0
				for _, w := range strings.Fields(r) {
					v, ok := parseNum(w)
					if !ok {
						return
					}
					n += int(v)
				}
				y += n
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: yearSpec(y, false)})
		}))
	// "the current fiscal year", "the current year": the DCT's year.
	add(mk("current-year", `\b(?i:the\s+current\s+(?:fiscal\s+|calendar\s+)?year)\b`,
		func(t *tagger, m *match) {
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: gYear, deictic: true})
		}))
	// "the fiscal year ended Sept. 30", "the year ending in June": TimeML
	// tags the accounting year as a one-year DURATION whose end the date
	// gives, not as a date of its own.
	add(mk("year-ended", `\b(?i:the|its|their)\s+(?:(?i:fiscal|full|calendar|financial)\s+)?(?i:year)\b\s+(?i:ended|ending|that\s+ended|which\s+ended)\b`,
		func(t *tagger, m *match) {
			e := m.start() + strings.Index(strings.ToLower(m.src[m.start():m.end()]), "year") + len("year")
			t.add(m, cand{s: m.start(), e: e, typ: Duration, k: kFixed, val: "P1Y"})
		}))
	// "For the year, volume was flat", "sales for the full year": in news
	// the year of writing, as "this year" (the story's year in a told
	// history). Not "the year ended Sept. 30" (year-ended), "the year
	// before" or "the year of the dragon"; TIMEX2 leaves it untagged.
	add(mk("the-year", `\b(?i:the)\s+(?:(?i:full|fiscal|calendar|financial)\s+)?(?i:year)\b`,
		func(t *tagger, m *match) {
			if t.opt.TIMEX2 {
				return
			}
			rest := t.text[m.end():]
			if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "’") {
				return // "the year-ago quarter", "the year's" belongs to others
			}
			switch strings.ToLower(nextWord(t.text, m.end())) {
			case "ended", "ending", "that", "which", "when", "before", "after", "earlier", "later", "ago", "to", "in", "since", "two", "nineteen", "eighteen":
				return
			case "of":
				if w := nextWord(t.text, m.end()+len(" of")); w != "" {
					return // "the year of the dragon"; "a high for the year of $42" stays
				}
			}
			if len(rest) > 1 && rest[0] == ' ' && isDigit(rest[1]) {
				return // "the year 1990"
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: gYear, deictic: true, prio: -1})
		}))
	// "year-ago results", "year-earlier net income": the year before.
	add(mk("year-ago-adj", `\b(?i:year-ago|year-earlier)\b`,
		func(t *tagger, m *match) {
			if t.opt.TIMEX2 {
				return
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: gYear, off: -1, deictic: true, aside: true, aYear: true, prio: -1})
		}))
	add(mk("quarter-q", `\b(?:Q(?P<q1>[1-4])\s+(?P<y1>{Y})|(?P<y2>{Y})\s+Q(?P<q2>[1-4]))\b`,
		func(t *tagger, m *match) {
			sp := yearSpec(atoi(m.g("y1")+m.g("y2")), false)
			sp.q = atoi(m.g("q1") + m.g("q2"))
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kDate, spec: sp})
		}))

	// Holidays with fixed or computable dates.
	add(mk("holiday", `\b(?P<rel>(?i:last|next|this)\s+)?(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year['’]s\s+(?:Day|Eve)|Easter(?:\s+Sunday)?|Halloween|Boxing\s+Day|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Election\s+Day|(?i:the\s+new\s+year))\b(?:,?\s+(?P<year>{Y})\b)?`,
		func(t *tagger, m *match) {
			h := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(m.g("h"), "’", "'")), " "))
			sp := dspec{}
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kDate}
			if m.has("rel") && !t.opt.TIMEX2 {
				// "last Thanksgiving": as "last February".
				c.monthRel = map[string]int{"last": -1, "next": 1, "this": 2}[strings.ToLower(strings.TrimSpace(m.g("rel")))]
			} else if m.has("rel") {
				c.s, _ = m.span("h")
			}
			switch h {
			case "christmas", "christmas day":
				sp.m, sp.d = 12, 25
			case "christmas eve":
				sp.m, sp.d = 12, 24
			case "new year's day":
				sp.m, sp.d = 1, 1
			case "new year's eve":
				sp.m, sp.d = 12, 31
			case "halloween":
				sp.m, sp.d = 10, 31
			case "boxing day":
				sp.m, sp.d = 12, 26
			case "valentine's day":
				sp.m, sp.d = 2, 14
			case "easter", "easter sunday":
				sp.holiday = "easter"
			case "thanksgiving", "thanksgiving day":
				// The United States' (fourth Thursday of November).
				sp.m, sp.holiday = 11, "thanksgiving"
			case "election day":
				// The United States' (the Tuesday after the first
				// Monday of November).
				sp.m, sp.holiday = 11, "election"
			case "the new year":
				sp.m, sp.d, sp.holiday = 1, 1, "newyear"
			}
			if y := m.g("year"); y != "" {
				sp.y, sp.hasY = atoi(y), true
			}
			c.spec = sp
			t.add(m, c)
		}))

	// --- Weekdays ----------------------------------------------------

	// "Monday", "on Tuesday", "Saturday's strikes" (span without 's),
	// "Sunday night".
	add(mk("weekday", `\b(?P<wd>{WD})\b(?:['’]s\b)?(?:\s+(?P<pod>(?i:morning|afternoon|evening|night|dawn)))?`,
		func(t *tagger, m *match) {
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kWeekday, wd: weekdayNames[strings.ToLower(m.g("wd"))]}
			if m.has("pod") {
				c.pod = partOfDayCodes[strings.ToLower(m.g("pod"))]
				c.typ = Time
			} else {
				_, c.e = m.span("wd")
			}
			t.add(m, c)
		}))
	add(mk("weekday-rel", `\b(?P<rel>(?i:this\s+coming|this|last|next|past|coming))\s+(?P<wd>{WD})\b(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?`,
		func(t *tagger, m *match) {
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kWeekday, wd: weekdayNames[strings.ToLower(m.g("wd"))]}
			switch strings.ToLower(strings.Join(strings.Fields(m.g("rel")), " ")) {
			case "last", "past":
				c.dir = -1
			case "next", "coming", "this coming":
				c.dir = 1
			case "this":
				c.dir = 2
			}
			if m.has("pod") {
				c.pod = partOfDayCodes[strings.ToLower(m.g("pod"))]
				c.typ = Time
			}
			t.add(m, c)
		}))

	// "the previous Friday", "the following Monday": from the date the
	// text last named.
	add(mk("weekday-anaphoric", `\b(?i:the)\s+(?P<rel>(?i:previous|preceding|following|next))\s+(?P<wd>{WD})\b`,
		func(t *tagger, m *match) {
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kWeekday, wd: weekdayNames[strings.ToLower(m.g("wd"))], anaph: true, dir: 1}
			if r := strings.ToLower(m.g("rel")); r == "previous" || r == "preceding" {
				c.dir = -1
			}
			t.add(m, c)
		}))

	// --- Relative expressions ---------------------------------------

	// Deictic: "last week", "next month", "this year", "late last year",
	// "this spring".
	add(mk("deictic-unit", `\b(?P<rel>(?i:this|last|next|past|coming|current))\s+(?P<unit>(?i:week|weekend|month|year|decade|century|quarter|spring|summer|autumn|fall|winter))\b`,
		func(t *tagger, m *match) {
			rel := strings.ToLower(m.g("rel"))
			s := m.start()
			if strings.EqualFold(prevWord(t.text, m.start()), "the") {
				if t.opt.TIMEX2 || !theLastUnit(rel, m.g("unit")) {
					return // "the last year" is a duration, handled below
				}
				s = strings.LastIndex(strings.ToLower(t.text[:m.start()]), "the")
			}
			off := map[string]int{"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
			unitw := strings.ToLower(m.g("unit"))
			c := cand{s: s, e: m.end(), typ: Date, k: kRel, off: off, deictic: true}
			setUnit(&c, unitw)
			if (rel == "past" || rel == "coming") && c.unit != gWeekend && s == m.start() {
				// "past week" without "the" is still usually a duration.
				c = cand{s: m.start(), e: m.end(), typ: Duration, k: kFixed, val: durValue(1, true, c.unit)}
			}
			t.add(m, c)
		}))
	// Anaphoric: "the next day", "the following week", "the previous year",
	// "the same day", "that month", "that same day", "the next morning".
	add(mk("anaphoric-unit", `\b(?P<det>(?i:the|that|this))\s+(?P<rel>(?i:next|following|previous|preceding|prior|same|subsequent)\s+)?(?P<rel2>(?i:same)\s+)?(?P<unit>(?i:day|week|weekend|month|year|decade|century|morning|afternoon|evening|night|spring|summer|autumn|winter))\b`,
		func(t *tagger, m *match) {
			det := strings.ToLower(m.g("det"))
			rel := strings.ToLower(strings.TrimSpace(m.g("rel") + m.g("rel2")))
			unitw := strings.ToLower(m.g("unit"))
			if det == "the" && rel == "" {
				if unitw == "weekend" && t.opt.Anchor != AnchorNarrative {
					// "over the weekend": the one beside the time of
					// writing, which of the two by tense.
					t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: gWeekend, deictic: true, tensed: true})
				}
				return // "the day", "the year": too vague on their own
			}
			if rel == "" && det == "this" && t.opt.Anchor != AnchorNarrative {
				// "this week" is deictic in news.
				c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel, deictic: true}
				setUnit(&c, unitw)
				t.add(m, c)
				return
			}
			off := 0
			switch rel {
			case "next", "following", "subsequent":
				off = 1
			case "previous", "preceding", "prior":
				off = -1
			}
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel, off: off}
			setUnit(&c, unitw)
			if det == "this" && rel == "" {
				c.deictic = true
			}
			t.add(m, c)
		}))
	// "the day before", "the day after the battle", "the day following".
	add(mk("day-before-after", `\b(?P<the>(?i:the))\s+(?P<unit>(?i:day|night|morning|week|month|year))\s+(?P<rel>(?i:before|after|following))\b`,
		func(t *tagger, m *match) {
			off := 1
			if strings.EqualFold(m.g("rel"), "before") {
				off = -1
			}
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel, off: off}
			setUnit(&c, strings.ToLower(m.g("unit")))
			t.add(m, c)
		}))
	// "later that year", "earlier this month", "Later in the summer".
	add(mk("later-that", `\b(?P<adv>(?i:later|earlier))\s+(?:(?i:in|on|during)\s+)?(?P<det>(?i:that\s+same|that|the\s+same|this|the))\s+(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night|spring|summer|autumn|winter))\b`,
		func(t *tagger, m *match) {
			det := strings.ToLower(strings.Join(strings.Fields(m.g("det")), " "))
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel}
			setUnit(&c, strings.ToLower(m.g("unit")))
			if det == "this" {
				c.deictic = true
			}
			t.add(m, c)
		}))
	// "the end of the month", "the beginning of the year", "late in the year".
	add(mk("mod-the-unit", `\b(?P<mod>(?i:(?:the\s+)?(?:very\s+)?(?:start|beginning|end|middle|close|latter\s+part|early\s+part|rest|remainder)\s+of|(?:early|late|later|earlier)\s+in))\s+(?P<det>(?i:the|that))\s+(?P<unit>(?i:day|week|month|year|decade|century))\b`,
		func(t *tagger, m *match) {
			ds, _ := m.span("det")
			c := cand{s: ds, e: m.end(), typ: Date, k: kRel}
			setUnit(&c, strings.ToLower(m.g("unit")))
			t.add(m, c)
		}))
	add(mk("unit-end", `\b(?P<unit>(?i:month|year|week))['’]s\s+(?P<p>(?i:end|start|beginning))\b`,
		func(t *tagger, m *match) {
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel, mod: "END"}
			if !strings.EqualFold(m.g("p"), "end") {
				c.mod = "START"
			}
			setUnit(&c, strings.ToLower(m.g("unit")))
			t.add(m, c)
		}))
	// "yesterday", "today", "tomorrow", "tonight", "last night",
	// "yesterday morning".
	add(mk("deictic-day", `\b(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|last\s+night))\b(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?`,
		func(t *tagger, m *match) {
			w := strings.ToLower(strings.Join(strings.Fields(m.g("w")), " "))
			c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: gDay, deictic: true}
			switch w {
			case "the day before yesterday":
				c.off = -2
			case "the day after tomorrow":
				c.off = 2
			case "yesterday":
				c.off = -1
			case "tomorrow":
				c.off = 1
			case "tonight":
				c.pod = "NI"
			case "last night":
				c.off, c.pod = -1, "NI"
			case "today":
				if t.opt.Anchor == AnchorNarrative || !t.opt.HasDCT {
					// A history text's "today" is the time of writing.
					t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: "PRESENT_REF"})
					return
				}
				c.today = true
			}
			if m.has("pod") {
				c.pod = partOfDayCodes[strings.ToLower(m.g("pod"))]
			}
			if c.pod != "" {
				c.typ = Time
			}
			t.add(m, c)
		}))

	// "two days later", "three years earlier", "15 months ago",
	// "a few weeks later", "two days after", "about a year after".
	add(mk("offset", `\b(?P<mod>(?i:(?:more|less)\s+than|over|under|nearly|almost|about|around|approximately|roughly|some|just|only|barely|a\s+mere|mere|at\s+least)\s+)?(?P<num>{NUM})\s+(?:(?i:more|full|long|short|whole)\s+)?(?P<unit>{UNIT})\s+(?P<dir>(?i:later|earlier|ago|before|after|afterwards?|previously|prior|hence|from\s+now|back))\b`,
		func(t *tagger, m *match) {
			t.addOffset(m, m.g("num"), m.g("unit"), m.g("dir"), m.g("mod"))
		}))
	add(mk("offset-bare", `\b(?P<unit>(?i:days|weeks|months|years|hours|minutes|moments))\s+(?P<dir>(?i:later|earlier|ago|afterwards?|after|before))\b`,
		func(t *tagger, m *match) {
			pw := strings.ToLower(prevWord(t.text, m.start()))
			if _, ok := parseNum(pw); ok || pw == "few" || pw == "several" || pw == "many" || pw == "some" {
				return // handled by the numbered rule
			}
			t.addOffset(m, "several", m.g("unit"), m.g("dir"), "")
		}))

	// --- Durations --------------------------------------------------

	// "three years", "for 15 days", "several months", "over two and half
	// years", "the next six months", "ten brutal months", "18 years old".
	add(mk("duration", `\b(?P<pre>(?i:(?:a\s+little\s+)?(?:more|less|fewer)\s+than|over|under|nearly|almost|about|around|approximately|roughly|some|at\s+least|at\s+most|up\s+to|just|only|barely|close\s+to|upwards\s+of|well\s+over|a\s+mere|another|an?\s+additional|an?\s+further|the\s+(?:(?:next|past|last|first|final|coming|following|previous|remaining|preceding|initial|subsequent|intervening|same|entire|whole)\s+)?)\s*)?(?P<num>{NUM})\s+(?P<adj>[a-z]+\s+)?(?P<unit>{UNIT})\b(?P<age>\s+(?i:old|of\s+age))?(?P<long>[- ]long\b)?`,
		func(t *tagger, m *match) {
			t.addDuration(m)
		}))
	// "the past year", "the first hour", "the following days", "the
	// intervening years": a determiner instead of a count.
	add(mk("duration-det", `\b(?P<the>(?i:the))\s+(?P<det>(?i:past|last|first|final|coming|entire|whole|next|following|previous|preceding|intervening|early|later|remaining|ensuing|subsequent|initial|opening|closing))\s+(?P<unit>(?i:seconds?|minutes?|hours?|days|weeks?|fortnight|months?|years?|decades?|century|centuries))\b`,
		func(t *tagger, m *match) {
			unitw := strings.ToLower(m.g("unit"))
			plural := strings.HasSuffix(unitw, "s")
			det := strings.ToLower(m.g("det"))
			if !plural && !t.opt.TIMEX2 && theLastUnit(det, unitw) {
				return // a date in TimeML (deictic-unit)
			}
			if !plural {
				switch det {
				case "past", "last", "first", "final", "coming", "entire", "whole", "initial", "opening", "closing":
				default:
					return // "the next month" is a date
				}
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Duration, k: kFixed, val: durValue(1, !plural, unitOf(unitw))})
		}))
	// Ages: "at age seventy-nine", "aged 22".
	add(mk("age", `\b(?i:at\s+(?:the\s+)?age\s+(?:of\s+)?|aged\s+)(?P<num>\d{1,3}|{NUMW})\b`,
		func(t *tagger, m *match) {
			n, ok := parseNum(m.g("num"))
			if !ok || !t.opt.TIMEX2 {
				return // TimeML does not tag ages
			}
			s, e := m.span("num")
			t.add(m, cand{s: s, e: e, typ: Duration, k: kFixed, val: durValue(n, true, gYear)})
		}))
	// "ten-day", "46-day", "three-year", "eight-hour", "18-year-old".
	add(mk("duration-hyphen", `\b(?P<num>\d+(?:\.\d+)?|{NUMW})-(?P<unit>(?i:second|minute|hour|day|week|month|year|decade|century))(?:-(?P<tail>(?i:long|old)))?\b`,
		func(t *tagger, m *match) {
			n, ok := parseNum(m.g("num"))
			if !ok || n <= 0 {
				return
			}
			if !t.opt.TIMEX2 && strings.EqualFold(m.g("tail"), "old") {
				return // TimeML does not tag ages ("a 6-year-old boy")
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Duration, k: kFixed, val: durValue(n, true, unitOf(m.g("unit")))})
		}))
	add(mk("duration-long", `\b(?P<unit>(?i:day|week|month|year|decade|hour)(?P<pl>s)?)-long\b`,
		func(t *tagger, m *match) {
			t.add(m, cand{s: m.start(), e: m.end(), typ: Duration, k: kFixed, val: durValue(1, !m.has("pl"), unitOf(m.g("unit")))})
		}))
	// Bare plurals after a preposition or verb of duration: "for weeks",
	// "within days", "lasted months".
	add(mk("duration-bare", `\b(?P<pre>(?i:for|within|after|over|took|take|takes|lasted|last|lasting|spent|than|only|just|mere|in))\s+(?P<unit>(?i:days|weeks|months|years|decades|hours|minutes))\b`,
		func(t *tagger, m *match) {
			s, e := m.span("unit")
			nw := strings.ToLower(nextWord(t.text, e))
			if nw == "of" && strings.EqualFold(m.g("pre"), "in") {
				return
			}
			t.add(m, cand{s: s, e: e, typ: Duration, k: kFixed, val: durValue(0, false, unitOf(m.g("unit")))})
		}))

	// --- Sets -------------------------------------------------------

	add(mk("set-every", `\b(?P<q>(?i:every|each))\s+(?:(?P<n>(?i:other)|{NUM})\s+)?(?P<unit>(?i:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|morning|afternoon|evening|spring|summer|autumn|winter)s?|{WD}|{MF})\b`,
		func(t *tagger, m *match) {
			t.addSet(m, m.g("n"), m.g("unit"))
		}))
	// "30 a day": a rate after a count.
	add(mk("set-rate", `\b\d[\d,.]*\s+(?P<a>(?i:a|an))\s+(?P<unit>(?i:day|week|month|year))\b`,
		func(t *tagger, m *match) {
			s, _ := m.span("a")
			t.add(m, cand{s: s, e: m.end(), typ: Set, k: kFixed, val: durValue(1, true, unitOf(m.g("unit")))})
		}))
	add(mk("set-per", `\b(?i:per)\s+(?P<unit>(?i:second|minute|hour|day|night|week|month|year))\b`,
		func(t *tagger, m *match) {
			t.addSet(m, "", m.g("unit"))
		}))
	add(mk("set-times", `\b(?P<n>(?i:once|twice|thrice|\d+\s+times|{NUMW}\s+times))\s+(?i:a|an|per|each|every)\s+(?P<unit>(?i:day|week|month|year|hour))\b`,
		func(t *tagger, m *match) {
			t.addSet(m, "", m.g("unit"))
		}))
	add(mk("set-adverb", `\b(?P<w>(?i:daily|weekly|monthly|annually|yearly|nightly|hourly|everyday|fortnightly|quarterly|biannually|biweekly))\b`,
		func(t *tagger, m *match) {
			v := map[string]string{"daily": "P1D", "everyday": "P1D", "weekly": "P1W", "monthly": "P1M",
				"annually": "P1Y", "yearly": "P1Y", "nightly": "TNI", "hourly": "PT1H", "fortnightly": "P2W",
				"biweekly": "P2W", "quarterly": "P3M", "biannually": "P6M"}[strings.ToLower(m.g("w"))]
			if !t.opt.TIMEX2 && v == "P3M" {
				return // "quarterly profits": a kind of report in TimeML, no set
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Set, k: kFixed, val: v})
		}))
	add(mk("set-weekdays", `\b(?P<on>(?i:on)\s+)?(?P<wd>{WD})s\b`,
		func(t *tagger, m *match) {
			s, _ := m.span("wd")
			wd := weekdayNames[strings.ToLower(m.g("wd"))]
			t.add(m, cand{s: s, e: m.end(), typ: Set, k: kFixed, val: fmt.Sprintf("XXXX-WXX-%d", wd)})
		}))

	// --- References to past, present and future ---------------------

	// "recent" and "current" as adjectives are PAST_REF and PRESENT_REF
	// in TimeML as in TIMEX2 ("the recent closing", "his current wife").
	add(mk("ref-adj", `\b(?P<w>(?i:recent|current))\b`,
		func(t *tagger, m *match) {
			if t.opt.TIMEX2 {
				return // the TIMEX2 rules tag them
			}
			v := "PAST_REF"
			if strings.EqualFold(m.g("w"), "current") {
				v = "PRESENT_REF"
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: v, prio: -1})
		}))
	add(mk("present-ref", `\b(?P<w>(?i:right\s+now|now|nowadays|at\s+present|presently|currently|these\s+days|present[- ]day|modern[- ]day|to\s+date|the\s+present\s+day|the\s+present|the\s+time\s+being))\b`,
		func(t *tagger, m *match) {
			w := strings.ToLower(m.g("w"))
			if w == "presently" && t.opt.Anchor == AnchorNarrative {
				return // "soon" in older prose
			}
			s := m.start()
			if w == "to date" {
				if nw := nextWord(t.text, m.end()); nw != "" && !strings.EqualFold(nw, "and") {
					return
				}
				s += 3 // TIMEX2 marks only "date"
			}
			t.add(m, cand{s: s, e: m.end(), typ: Date, k: kFixed, val: "PRESENT_REF"})
		}))
	add(mk("past-ref", `\b(?P<w>(?i:recently|lately|the\s+past|recent\s+(?:days|weeks|months|years|times)|in\s+the\s+past))\b`,
		func(t *tagger, m *match) {
			s := m.start()
			w := strings.ToLower(m.g("w"))
			if strings.HasPrefix(w, "in ") {
				s += 3
			}
			if strings.HasSuffix(w, "past") {
				if nw := strings.ToLower(nextWord(t.text, m.end())); unitOf(nw) != gNone {
					return
				}
			}
			t.add(m, cand{s: s, e: m.end(), typ: Date, k: kFixed, val: "PAST_REF"})
		}))
	// "the near term", "the short term": the time ahead, in TimeML a
	// FUTURE_REF like "the future".
	add(mk("future-ref", `\b(?P<w>(?i:the\s+(?:near\s+)?future|(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)|the\s+(?:near|short|long)\s+term|in\s+future|soon))\b`,
		func(t *tagger, m *match) {
			s := m.start()
			w := strings.ToLower(m.g("w"))
			if w == "soon" {
				return
			}
			if strings.HasPrefix(w, "in ") {
				s += 3
			}
			v := "FUTURE_REF"
			if strings.Contains(w, "coming") {
				fields := strings.Fields(w)
				t.add(m, cand{s: s, e: m.end(), typ: Duration, k: kFixed, val: durValue(0, false, unitOf(fields[len(fields)-1]))})
				return
			}
			t.add(m, cand{s: s, e: m.end(), typ: Date, k: kFixed, val: v})
		}))

	// --- Times of day -----------------------------------------------

	// "5:34 AM", "9:34 p.m.", "11 a.m.", "5:30PM".
	add(mk("clock-ampm", `\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))(?:\s+(?P<tz>{TZ})\b)?`,
		func(t *tagger, m *match) {
			_, ae := m.span("ap")
			if !m.has("tz") && ae < len(t.text) && isLetter(t.text[ae]) {
				return
			}
			h := atoi(m.g("h"))
			ap := strings.ToLower(m.g("ap"))
			if ap[0] == 'p' && h < 12 {
				h += 12
			}
			if ap[0] == 'a' && h == 12 {
				h = 0
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Time, k: kClock, clock: true, hh: h, mi: atoi(m.g("mi"))})
		}))
	// "10:57", "19:00", "03:00hrs".
	add(mk("clock-24", `\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?P<hrs>\s*(?i:hrs|hours|h)\b)?(?:\s+(?P<tz>{TZ})\b)?`,
		func(t *tagger, m *match) {
			s, e := m.start(), m.end()
			if s > 0 && (isDigit(t.text[s-1]) || t.text[s-1] == ':') {
				return
			}
			if e < len(t.text) && (t.text[e] == ':' || isDigit(t.text[e])) {
				return
			}
			t.add(m, cand{s: s, e: e, typ: Time, k: kClock, clock: true, hh: atoi(m.g("h")), mi: atoi(m.g("mi"))})
		}))
	add(mk("clock-military", `\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?i:hrs|hours|h)\b`,
		func(t *tagger, m *match) {
			t.add(m, cand{s: m.start(), e: m.end(), typ: Time, k: kClock, clock: true, hh: atoi(m.g("h")), mi: atoi(m.g("mi"))})
		}))
	// "ten o'clock", "4 in the morning", "nine o'clock at night".
	add(mk("clock-oclock", `\b(?P<h>1[0-2]|[1-9]|{NUMW})\s+(?:(?P<oc>o['’]clock)(?:\s+(?:in\s+the|at)\s+(?P<pod>(?i:morning|afternoon|evening|night)))?|(?:in\s+the|at)\s+(?P<pod2>(?i:morning|afternoon|evening|night)))\b`,
		func(t *tagger, m *match) {
			n, ok := parseNum(m.g("h"))
			if !ok || n < 1 || n > 12 {
				return
			}
			h := int(n)
			switch strings.ToLower(m.g("pod") + m.g("pod2")) {
			case "morning":
				h %= 12
			case "afternoon", "evening":
				h = h%12 + 12
			case "night":
				if h >= 6 && h < 12 {
					h += 12
				}
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Time, k: kClock, clock: true, hh: h})
		}))
	add(mk("noon", `\b(?P<w>(?i:noon|midday|midnight))\b`,
		func(t *tagger, m *match) {
			if strings.EqualFold(prevWord(t.text, m.start()), "high") {
				return // "High Noon", "high noon comes today": the idiom
			}
			h := 12
			if strings.EqualFold(m.g("w"), "midnight") {
				h = 24
			}
			t.add(m, cand{s: m.start(), e: m.end(), typ: Time, k: kClock, clock: true, hh: h})
		}))
	// Parts of day: "dawn", "that afternoon", "one night", "this morning".
	// Bare "dawn" must be lower case: "Operation Dawn" is a name.
	add(mk("part-of-day", `\b(?P<det>(?i:this|that|one|the\s+same|that\s+same)\s+)?(?P<pod>dawn|dusk|daybreak|nightfall|(?i:morning|afternoon|evening|night))\b`,
		func(t *tagger, m *match) {
			det := strings.ToLower(strings.TrimSpace(m.g("det")))
			podw := strings.ToLower(m.g("pod"))
			pod := partOfDayCodes[podw]
			switch podw {
			case "nightfall", "sunset":
				pod = "EV"
			case "sunrise":
				pod = "MO"
			}
			if det == "" {
				switch podw {
				case "morning", "afternoon", "evening", "night":
					return // bare: only in TIMEX2 mode (timex2Rules)
				}
			}
			c := cand{s: m.start(), e: m.end(), typ: Time, k: kRel, unit: gDay, pod: pod, prio: 1}
			if det == "this" {
				c.deictic = true
			}
			if det == "one" {
				c.vague = true
			}
			t.add(m, c)
		}))

	return rs
}

// timex2Rules are only active with Options.TIMEX2: words that the TIMEX2
// guidelines mark but TIMEX3 does not.
var timex2Rules = sync.OnceValue(func() []rule {
	return []rule{
		mk("t2-past-adj", `\b(?P<w>(?i:former|formerly|recent|previously))\b`,
			func(t *tagger, m *match) {
				if strings.EqualFold(m.g("w"), "previously") {
					return
				}
				if pw := strings.ToLower(prevWord(t.text, m.start())); pw == "the" && strings.EqualFold(m.g("w"), "former") {
					if nw := strings.ToLower(nextWord(t.text, m.end())); nw == "" || formerPronounNext[nw] {
						return // "the former" as a pronoun: "the former an option"
					}
				}
				t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: "PAST_REF"})
			}),
		mk("t2-future-adj", `\b(?i:future)\b`,
			func(t *tagger, m *match) {
				t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: "FUTURE_REF"})
			}),
		// "this period", "that time", "the same time": the current reference
		// time, whatever its granularity.
		mk("t2-this-time", `\b(?P<det>(?i:this|that|the\s+same))\s+(?P<n>(?i:time|period))\b`,
			func(t *tagger, m *match) {
				if strings.EqualFold(m.g("det"), "this") && strings.EqualFold(m.g("n"), "time") && !strings.EqualFold(prevWord(t.text, m.start()), "at") && !strings.EqualFold(prevWord(t.text, m.start()), "by") && !strings.EqualFold(prevWord(t.text, m.start()), "during") {
					return // "This time, Trà could travel": an occasion, not a time
				}
				t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: gNone, prio: -1})
			}),
		// "at the time", "by the time he left office": the reference
		// time of the story, which TIMEX2 tags (as "the time") and TimeML
		// leaves alone.
		mk("t2-at-the-time", `\b(?i:at|by)\s+(?P<x>(?i:the\s+time))\b`,
			func(t *tagger, m *match) {
				s, e := m.span("x")
				t.add(m, cand{s: s, e: e, typ: Date, k: kRel, unit: gNone, prio: -1})
			}),
		// "a short time", "a very short period of time", "a long time",
		// "for some time": durations of no stated length, which TIMEX2
		// tags ("some time later" is an offset, "some time in 1941" a
		// date).
		mk("t2-vague-time", `\b(?P<x>(?i:an?\s+(?:(?:very|relatively|fairly|rather)\s+)?(?P<len>short|long|brief)\s+(?:(?:period|amount|span)\s+of\s+)?time|some\s+time))\b`,
			func(t *tagger, m *match) {
				switch strings.ToLower(nextWord(t.text, m.end())) {
				case "in", "on", "during", "around", "ago", "later", "earlier", "before", "after", "between", "since", "to", "that", "when":
					return
				}
				val := "PXM"
				if strings.EqualFold(m.g("len"), "long") {
					val = "PXY"
				}
				t.add(m, cand{s: m.start(), e: m.end(), typ: Duration, k: kFixed, val: val})
			}),
		mk("t2-current", `\b(?i:current)\b`,
			func(t *tagger, m *match) {
				t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: "PRESENT_REF"})
			}),
		mk("t2-night", `\b(?P<pod>(?i:night-time|nighttime|nights|night|daytime))\b`,
			func(t *tagger, m *match) {
				pod := "NI"
				if strings.EqualFold(m.g("pod"), "daytime") {
					pod = "DT"
				}
				t.add(m, cand{s: m.start(), e: m.end(), typ: Time, k: kRel, unit: gDay, pod: pod, bare: true, prio: -1})
			}),
	}
})

// formerPronounNext are words after which "the former" is a pronoun.
var formerPronounNext = map[string]bool{
	"a": true, "an": true, "the": true, "was": true, "were": true, "is": true, "are": true,
	"had": true, "has": true, "and": true, "or": true, "would": true, "could": true,
}

// ordinalDayNext lists words that may follow a bare "the 20th" used as a
// day of the month.
var ordinalDayNext = map[string]bool{
	"and": true, "to": true, "was": true, "were": true, "when": true, "in": true, "at": true,
	"on": true, "but": true, "had": true, "saw": true, "as": true, "until": true, "or": true,
	"the": true, "of": false,
}

var dayListRe = lazyRe(`(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b`)

// monthLeftOK lists capitalised words that may precede a bare month.
var monthLeftOK = map[string]bool{
	"in": true, "by": true, "from": true, "until": true, "till": true, "on": true, "during": true,
	"since": true, "early": true, "late": true, "mid": true, "before": true, "after": true,
	"through": true, "throughout": true, "last": true, "next": true, "this": true, "that": true,
	"around": true, "about": true, "of": true, "and": true, "between": true, "then": true,
	"to": true, "as": true, "also": true, "but": true, "for": true, "at": true, "": true,
	"when": true, "later": true, "earlier": true, "that's": true, "or": true,
}

func isLowerWord(w string) bool { return w != "" && w[0] >= 'a' && w[0] <= 'z' }

func firstByte(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// sentenceStart reports whether position i starts a sentence (only spaces,
// quotes or brackets between it and a sentence end or the text start).
func sentenceStart(s string, i int) bool {
	j := i - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '"' || s[j] == '(' || s[j] == '\'' || s[j] == '\t') {
		j--
	}
	if j < 0 {
		return true
	}
	switch s[j] {
	case '.', '!', '?', '\n', ':', ';':
		return true
	}
	return strings.HasSuffix(s[:j+1], "“")
}

// theBefore returns the start of a "the " directly before i, or -1.
func theBefore(s string, i int) int {
	if i >= 4 && strings.EqualFold(s[i-4:i], "the ") && (i == 4 || !isLetter(s[i-5])) {
		return i - 4
	}
	return -1
}

// setUnit sets the unit of a relative candidate from a word; parts of day
// and seasons become day/season offsets with a part-of-day or season code.
func setUnit(c *cand, w string) {
	if pod, ok := partOfDayCodes[w]; ok {
		c.unit, c.pod, c.typ = gDay, pod, Time
		return
	}
	if code, ok := seasonCodes[w]; ok {
		c.unit, c.spec.season = gSeason, code
		return
	}
	if w == "weekend" {
		c.unit = gWeekend
		return
	}
	c.unit = unitOf(w)
}

// addOffset records "N units later/earlier/ago".
func (t *tagger) addOffset(m *match, num, unitw, dir, mod string) {
	n, exact := parseNum(num)
	u := unitOf(unitw)
	if strings.HasPrefix(strings.ToLower(unitw), "moment") {
		u, exact = gMinute, false
	}
	if u == gNone {
		return
	}
	c := cand{s: m.start(), e: m.end(), typ: Date, k: kRel, unit: u}
	dir = strings.ToLower(dir)
	later := false
	switch {
	case t.opt.TIMEX2:
	case dir == "later" || dir == "afterwards" || dir == "afterward":
		// TIMEX3 tags "twelve days" in "twelve days later" as a
		// duration, but the story still moves on twelve days.
		later = true
	case dir != "ago" && dir != "earlier" && dir != "from now" && dir != "hence" && dir != "back":
		// TIMEX3 tags "two days" in "two days after the vote" as a
		// duration; the anchoring event is not part of the expression.
		t.addOffsetDuration(m, num, unitw, mod, nil)
		return
	}
	sign := 1
	switch dir {
	case "earlier", "ago", "before", "previously", "prior", "back":
		sign = -1
	}
	if dir == "ago" || dir == "from now" || dir == "hence" {
		c.deictic = true
	}
	if u == gFortnight {
		u, n = gWeek, n*2
		c.unit = u
	}
	if u == gDecade || u == gCentury || u == gMillennium {
		mult := map[gran]float64{gDecade: 10, gCentury: 100, gMillennium: 1000}[u]
		c.unit, n = gYear, n*mult
	}
	if !exact || n != float64(int(n)) {
		c.vague = true
	}
	c.off = sign * int(n)
	if c.vague {
		c.off = sign
	}
	if u >= gHour {
		c.typ = Time
	}
	switch strings.ToLower(strings.Join(strings.Fields(mod), " ")) {
	case "about", "around", "approximately", "roughly", "some":
		c.mod = "APPROX"
	}
	if later {
		t.addOffsetDuration(m, num, unitw, mod, &c)
		return
	}
	c.aYear = u == gYear && n == 1 && exact && sign < 0
	if c.aYear && c.deictic && !t.opt.TIMEX2 {
		// "net of $1 million a year ago": a comparison, as "year-ago";
		// the "a year earlier" that follows compares with the same year.
		c.aside = true
	}
	t.add(m, c)
}

// addOffsetDuration adds the duration of "[more than] two days after": the
// number and unit, with a bound ("more than", "at least") but without a
// hedge ("about", "only"), as TimeML annotates it.
//
// With rel, the candidate still resolves as rel does and moves the
// reference time, but is output as the duration.
func (t *tagger) addOffsetDuration(m *match, num, unitw, mod string, rel *cand) {
	n, exact := parseNum(num)
	u := unitOf(unitw)
	if strings.HasPrefix(strings.ToLower(unitw), "moment") || u == gNone {
		return
	}
	_, ue := m.span("unit")
	if ue < 0 {
		return
	}
	s := m.start()
	c := cand{typ: Duration, k: kFixed}
	switch strings.ToLower(strings.Join(strings.Fields(mod), " ")) {
	case "more than", "over":
		c.mod = "MORE_THAN"
	case "less than", "under":
		c.mod = "LESS_THAN"
	case "at least":
		c.mod = "EQUAL_OR_MORE"
	default:
		if ns, _ := m.span("num"); ns >= 0 {
			s = ns
		} else {
			s = strings.Index(t.text[s:ue], strings.TrimSpace(unitw)) + s
		}
	}
	if u == gDecade || u == gCentury || u == gMillennium {
		n *= map[gran]float64{gDecade: 10, gCentury: 100, gMillennium: 1000}[u]
		u = gYear
	}
	if u == gFortnight {
		u, n = gWeek, n*2
	}
	c.s, c.e = s, ue
	c.val = durValue(n, exact && n == float64(int(n)), u)
	if rel != nil {
		r := *rel
		r.s, r.e, r.dur, r.mod, r.typ = c.s, c.e, c.val, c.mod, Duration
		c = r
	}
	t.add(m, c)
}

// durValue formats a duration: P3Y, PT2H, PXM; decades and centuries are
// expressed in years (P10Y), as in TIMEX3.
func durValue(n float64, exact bool, u gran) string {
	num := "X"
	if exact {
		num = strconv.FormatFloat(n, 'f', -1, 64)
	}
	switch u {
	case gSecond:
		return "PT" + num + "S"
	case gMinute:
		return "PT" + num + "M"
	case gHour:
		return "PT" + num + "H"
	case gDay:
		return "P" + num + "D"
	case gWeek, gWeekend:
		return "P" + num + "W"
	case gFortnight:
		if exact {
			return "P" + strconv.FormatFloat(2*n, 'f', -1, 64) + "W"
		}
		return "PXW"
	case gMonth:
		return "P" + num + "M"
	case gQuarter:
		return "P" + num + "Q" // TimeML's own unit: "the past two quarters" P2Q
	case gYear, gSeason, gHalf:
		return "P" + num + "Y"
	case gDecade:
		if exact {
			return "P" + strconv.FormatFloat(10*n, 'f', -1, 64) + "Y"
		}
		return "PXDE"
	case gCentury:
		if exact {
			return "P" + strconv.FormatFloat(100*n, 'f', -1, 64) + "Y"
		}
		return "PXCE"
	case gMillennium:
		if exact {
			return "P" + strconv.FormatFloat(1000*n, 'f', -1, 64) + "Y"
		}
		return "PXML"
	}
	return "PX"
}

// fractionOf reports whether "of" and a determiner follow e: "three
// quarters of the vote" is a share, "several quarters of losses" a time.
func fractionOf(text string, e int) bool {
	if !strings.EqualFold(nextWord(text, e), "of") {
		return false
	}
	j := e + strings.Index(strings.ToLower(text[e:]), "of") + len("of")
	w := strings.ToLower(nextWord(text, j))
	return slices.Contains([]string{"the", "a", "an", "its", "their", "his", "her", "our", "all", "those", "these", "this", "that"}, w)
}

// modals are the verbs after which "one day" means some day to come.
var modals = []string{"will", "would", "may", "might", "could", "can", "should", "shall", "must"}

// lnumIn reports whether the number word num is one of ws.
func lnumIn(num string, ws ...string) bool {
	return slices.Contains(ws, strings.ToLower(num))
}

// nonAdjectives may not stand between a number and a unit: "one or two
// days" is two expressions, "two of the days" none.
var nonAdjectives = map[string]bool{
	"of": true, "and": true, "or": true, "to": true, "in": true, "the": true, "a": true, "an": true,
	"per": true, "for": true, "on": true, "at": true, "by": true, "with": true, "from": true,
	"that": true, "this": true, "these": true, "those": true, "his": true, "her": true, "their": true,
	"its": true, "our": true, "was": true, "were": true, "is": true, "are": true, "had": true,
	"after": true, "before": true, "than": true, "times": true, "time": true, "every": true,
}

// addDuration records a counted duration.
func (t *tagger) addDuration(m *match) {
	if m.has("age") && !t.opt.TIMEX2 {
		return // "37 years old": TimeML does not tag ages
	}
	num := m.g("num")
	n, exact := parseNum(num)
	if !exact && n == 0 {
		switch strings.ToLower(strings.Join(strings.Fields(num), " ")) {
		case "a few", "a couple of", "a couple", "few", "several", "many", "some":
		default:
			return
		}
	}
	adj := strings.TrimSpace(m.g("adj"))
	if adj != "" {
		if nonAdjectives[strings.ToLower(adj)] {
			return
		}
		if unitOf(adj) != gNone {
			return
		}
		if n2, ok := parseNum(adj); ok {
			// "a thirty year truce", "a three hour speech": the count is
			// "thirty", and "a" belongs to the noun the duration
			// qualifies. A plural ("a thirty years") is no such phrase.
			lnum := strings.ToLower(num)
			unitw := strings.ToLower(m.g("unit"))
			if u := unitOf(unitw); (lnum == "a" || lnum == "an") && u != gNone && !strings.HasSuffix(unitw, "s") && n2 > 1 && !m.has("pre") {
				s, _ := m.span("adj")
				t.add(m, cand{s: s, e: m.end(), typ: Duration, k: kFixed, val: durValue(n2, true, u)})
			}
			return
		}
	}
	unitw := strings.ToLower(m.g("unit"))
	u := unitOf(unitw)
	if u == gNone {
		return
	}
	if u == gQuarter && (fractionOf(t.text, m.end()) || lnumIn(num, "some", "many", "all")) {
		return // "three quarters of the vote", "argued in some quarters"
	}
	if !t.opt.TIMEX2 && lnumIn(num, "a", "an") && slices.Contains([]string{"fiscal", "calendar", "financial"}, strings.ToLower(adj)) {
		return // "changed from a fiscal year to a calendar year": a kind of year
	}
	if !t.opt.TIMEX2 && lnumIn(num, "one") && u == gDay && adj == "" && slices.Contains(modals, strings.ToLower(prevWord(t.text, m.start()))) {
		// "Islam will one day be the second largest religion": some
		// day to come.
		t.add(m, cand{s: m.start(), e: m.end(), typ: Date, k: kFixed, val: "FUTURE_REF"})
		return
	}
	plural := strings.HasSuffix(unitw, "s") || strings.HasSuffix(unitw, "ies") || strings.HasSuffix(unitw, "ia")
	lnum := strings.ToLower(num)
	if (lnum == "a" || lnum == "an") && plural {
		return
	}
	if (lnum == "a" || lnum == "an") && adj == "" && (unitw == "second" || unitw == "night") {
		return // "a second attack", "a night raid"
	}
	if exact && n == 1 && plural && lnum != "1" {
		return
	}
	pre := strings.ToLower(strings.Join(strings.Fields(m.g("pre")), " "))
	attributive := false
	if pw := strings.ToLower(prevWord(t.text, m.start())); (pw == "a" || pw == "an") && pre == "" {
		attributive = true // "a thirty year truce", "a three hour speech"
	}
	if exact && n > 1 && !plural && !m.has("age") && !m.has("long") && !attributive {
		// "two day" is no duration, except the TIMEX2-style compounds
		// handled by the hyphen rule.
		if adj == "" && !strings.HasSuffix(unitw, "s") {
			next := firstByte(t.text, m.end())
			if next != '-' && next != '\'' {
				return
			}
		}
	}
	mod := ""
	switch pre {
	case "more than", "a little more than", "over", "upwards of", "well over":
		mod = "MORE_THAN"
	case "less than", "a little less than", "fewer than", "under", "nearly", "almost", "barely", "close to":
		mod = "LESS_THAN"
	case "at most", "up to":
		mod = "EQUAL_OR_LESS"
	case "at least":
		mod = "EQUAL_OR_MORE"
	case "about", "around", "approximately", "roughly", "some":
		mod = "APPROX"
	}
	s := m.start()
	if pre == "the" || (lnum == "a" || lnum == "an") && m.has("long") && strings.HasPrefix(m.g("long"), "-") {
		// "the Seven Years' War", "a month-long siege": the article
		// belongs to the noun phrase, not to the duration.
		s, _ = m.span("num")
		if lnum == "a" || lnum == "an" {
			s, _ = m.span("unit")
		}
	}
	if lnum == "some" && pre == "" {
		// "some days" is vague; "for some time" never reaches here.
		exact = false
	}
	if (lnum == "a" || lnum == "an") && pre == "" {
		// "a day" after "once"/"twice" belongs to the set rules.
		pw := strings.ToLower(prevWord(t.text, m.start()))
		if pw == "once" || pw == "twice" || pw == "thrice" || pw == "times" {
			return
		}
	}
	if u == gFortnight {
		u, n = gWeek, n*2
	}
	t.add(m, cand{s: s, e: m.end(), typ: Duration, k: kFixed, val: durValue(n, exact, u), mod: mod})
}

// addSet records a set ("every Monday", "per day", "twice a week").
func (t *tagger) addSet(m *match, n, unitw string) {
	unitw = strings.ToLower(unitw)
	if wd, ok := weekdayNames[strings.TrimSuffix(unitw, "s")]; ok {
		t.add(m, cand{s: m.start(), e: m.end(), typ: Set, k: kFixed, val: fmt.Sprintf("XXXX-WXX-%d", wd)})
		return
	}
	if mon := monthNum(unitw); mon > 0 && n == "" {
		// "each July"
		t.add(m, cand{s: m.start(), e: m.end(), typ: Set, k: kFixed, val: fmt.Sprintf("XXXX-%02d", mon)})
		return
	}
	if code, ok := seasonCodes[strings.TrimSuffix(unitw, "s")]; ok {
		t.add(m, cand{s: m.start(), e: m.end(), typ: Set, k: kFixed, val: "XXXX-" + code})
		return
	}
	if pod, ok := partOfDayCodes[strings.TrimSuffix(unitw, "s")]; ok {
		t.add(m, cand{s: m.start(), e: m.end(), typ: Set, k: kFixed, val: "T" + pod})
		return
	}
	count := 1.0
	if n != "" {
		if strings.EqualFold(n, "other") {
			count = 2
		} else if v, ok := parseNum(n); ok {
			count = v
		} else {
			t.add(m, cand{s: m.start(), e: m.end(), typ: Set, k: kFixed, val: durValue(0, false, unitOf(unitw))})
			return
		}
	}
	u := unitOf(strings.TrimSuffix(unitw, "s"))
	if strings.TrimSuffix(unitw, "s") == "weekend" {
		u = gWeekend
	}
	t.add(m, cand{s: m.start(), e: m.end(), typ: Set, k: kFixed, val: durValue(count, true, u)})
}

// lazyRe compiles a pattern the first time it is used. Compiling every
// rule at start-up cost a process 40-60 ms, most of it for rules a short
// text never triggers; sync.OnceValue keeps the result immutable and safe
// to share between goroutines.
func lazyRe(p string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(p) })
}

// theLastUnit reports whether "the REL UNIT" is "the past year", "the last
// week" and the like: TimeML annotates them as the previous calendar unit,
// a date (1997 for "the past year" in a 1998 article), where TIMEX2 makes
// them a duration ending at the reference time.
func theLastUnit(rel, unit string) bool {
	switch strings.ToLower(rel) {
	case "past", "last":
	default:
		return false
	}
	switch strings.ToLower(unit) {
	case "week", "month", "year":
		return true
	}
	return false // "the past decade" stays a duration in both
}

// halfInSmallerUnit rewrites a duration with a half ("P2.5Y", "PT5.5H") as
// TimeML writes it, in the next smaller unit: "2 1/2 years" is P2Y6M, "5
// 1/2 hours" PT5H30M. TIMEX2 (WikiWars) keeps P2.5Y.
func halfInSmallerUnit(v string) string {
	i := strings.Index(v, ".5")
	if !strings.HasPrefix(v, "P") || i < 0 || i+3 != len(v) {
		return v
	}
	head, unit := v[:i], v[i+2:]
	if head == "P" || head == "PT" || strings.HasSuffix(head, "T") {
		return v
	}
	t := strings.Contains(head, "T")
	zero := head == "P0" || head == "PT0" // "half a year": P6M
	switch {
	case unit == "Y" && zero:
		return "P6M"
	case unit == "Y":
		return head + "Y6M"
	case unit == "D" && zero:
		return "PT12H"
	case unit == "D" && !t:
		return head + "DT12H"
	case unit == "H" && zero:
		return "PT30M"
	case unit == "H" && t:
		return head + "H30M"
	case unit == "M" && zero && t:
		return "PT30S"
	case unit == "M" && t:
		return head + "M30S"
	}
	return v
}
