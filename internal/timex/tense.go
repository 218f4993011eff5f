package timex

import (
	"strings"
)

const futureCues = `(?i)\b(?:will|won['’]t|shall|going\s+to|(?:planned|scheduled|set|expected|due|intended|ready|agreed|promised|vowed|decided|hoped|wanted|prepared|poised)\s+to|as\s+soon\s+as|plans?\s+to|planning\s+to|scheduled\s+(?:to|for)|(?:is|are)\s+set\s+to|expected\s+to|intends?\s+to|due\s+to\s+(?:be|meet|visit|arrive|hold|start|begin)|upcoming|next(?:\s+to)?|(?:re)?scheduled|planned|slated|postponed|expected|adjourned)\b|['’]ll\b`

// isPastWord reports whether the word w (as written) is a past cue: a
// past form or participle ("was", "rose", "taken"), or a lower-case word
// of four letters or more ending in -ed ("launched"; not "United"). A
// switch per word costs a sentence far less than a regexp alternation of
// some hundred words.
func isPastWord(w string) bool {
	if len(w) >= 4 && w[0] >= 'a' && w[0] <= 'z' && strings.HasSuffix(w, "ed") {
		return true
	}
	switch strings.ToLower(w) {
	case "was", "were", "had", "did", "said", "told", "ago", "last",
		"yesterday", "been", "came", "went", "met", "held", "took", "gave",
		"made", "began", "fell", "led", "won", "lost", "left", "sent", "saw",
		"spoke", "wrote", "struck", "fought", "became", "ran", "rose", "grew",
		"sold", "bought", "paid", "found", "got", "kept", "brought", "thought",
		"felt", "heard", "knew", "stood", "spent", "built", "sought", "caught",
		"drove", "broke", "chose", "threw", "flew", "drew", "shot", "fled",
		"meant", "withdrew", "arose", "sank", "shook", "forgot", "overcame",
		"underwent", "oversaw", "wore", "hid", "laid", "stuck", "hung", "sat",
		"swore", "tore", "risen", "fallen", "grown", "taken", "shown", "seen",
		"done", "gone", "begun", "written", "spoken", "chosen", "driven",
		"broken", "beaten", "forgotten", "stolen", "thrown", "flown", "drawn",
		"withdrawn", "shaken":
		return true
	}
	return false
}

// pastCues finds the past cues of a sentence as findAll would, in pairs of
// offsets: the past words, and "says it was" (a report of a past).
func pastCues(sent string) [][]int {
	var out [][]int
	for i := 0; i < len(sent); {
		if !isLetter(sent[i]) {
			i++
			continue
		}
		j := i
		for j < len(sent) && isLetter(sent[j]) {
			j++
		}
		w := sent[i:j]
		switch {
		case isPastWord(w) && (i == 0 || !isWordByte(sent[i-1])) && (j == len(sent) || !isWordByte(sent[j])) && !attributive(sent, i, w):
			out = append(out, []int{i, j})
		case strings.EqualFold(w, "says"):
			if m := saysItWasRe().FindStringIndex(sent[i:]); m != nil {
				out = append(out, []int{i, i + m[1]})
				j = i + m[1]
			}
		}
		i = j
	}
	return out
}

// attributive reports whether the -ed word w at i follows a determiner
// ("a still unspecified date", "the required approval"): an adjective,
// no verb.
func attributive(sent string, i int, w string) bool {
	if !strings.HasSuffix(w, "ed") {
		return false
	}
	switch strings.ToLower(prevWord(sent, i)) {
	case "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "still":
		return true
	}
	return false
}

var saysItWasRe = lazyRe(`^(?i:says\s+it\s+was)\b`)

// Tense cues. A future cue is a modal, a going-to/plan construction or a
// verb of scheduling ("expected in December", "postponed until Tuesday"); a
// past cue is a past-tense auxiliary, a common irregular past form or a
// regular -ed form. The cue nearest to the expression wins, so that "Iran
// said it will retaliate on Monday" looks forward and "Putin, who will
// travel, met him on Monday" looks back.
var (
	futureCueRe = lazyScanner(futureCues)
)

// participleAfterAux reports whether the word at i follows a form of "be"
// or "have", making it a participle whose tense comes from the auxiliary
// ("when the case is heard in May" is no past).
func participleAfterAux(text string, i int) bool {
	switch strings.ToLower(prevWord(text, i)) {
	case "be", "being", "have", "has", "is", "are", "am", "was", "were", "been":
		return true
	}
	return false
}

// presentPerfectAux reports whether the "has" or "have" ending at e is
// followed by a participle (an -ed or irregular past form) or "been".
func presentPerfectAux(text string, e int) bool {
	w := strings.ToLower(text[e-min(e, 4) : e])
	if !strings.HasSuffix(w, "has") && !strings.HasSuffix(w, "have") {
		return false
	}
	n := nextWord(text, e)
	return n != "" && isPastWord(n)
}

// presentPerfect reports whether the participle at i follows "have" or
// "has": "has fallen since March" speaks from the present about a past.
func presentPerfect(text string, i int) bool {
	switch strings.ToLower(prevWord(text, i)) {
	case "have", "has":
		return true
	}
	return false
}

// sentenceAround returns the byte range of the sentence containing [s,e).
func sentenceAround(text string, s, e int) (int, int) {
	lo := s
	for lo > 0 {
		ch := text[lo-1]
		if ch == '\n' {
			break
		}
		if (ch == '.' || ch == '!' || ch == '?') && lo < len(text) && (text[lo] == ' ' || text[lo] == '\n') && !abbrevBefore(text, lo-1) {
			break
		}
		lo--
	}
	hi := e
	for hi < len(text) {
		ch := text[hi]
		if ch == '\n' {
			break
		}
		if (ch == '.' || ch == '!' || ch == '?') && (hi+1 == len(text) || text[hi+1] == ' ' || text[hi+1] == '\n') && !abbrevBefore(text, hi) {
			break
		}
		hi++
	}
	return lo, hi
}

// abbrevBefore reports whether the period at i ends an abbreviation such as
// "U.S." or "Mr." rather than a sentence.
func abbrevBefore(text string, i int) bool {
	if text[i] != '.' {
		return false
	}
	j := i
	for j > 0 && isLetter(text[j-1]) {
		j--
	}
	w := text[j:i]
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true // initials, "U.S."
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "st", "jr", "sr", "prof", "rep", "sen", "gov", "no", "vs", "ca", "c", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "m":
		return true
	}
	return false
}

// tenseAt returns -1 (past), +1 (future) or 0 (no cue) for the sentence
// around a candidate being resolved, using the cue nearest to it. Read
// against the DCT, "would" looks forward ("said it would resume talks on
// Monday") and a present-tense verb nearer than any other cue keeps a date
// from the past; in a told history "would" is the story's own
// future-in-the-past and no cue.
func (t *tagger) tenseAt(c *cand) int {
	if t.narr {
		return t.nearestCue(c.s, c.e, futureCueRe(), nil, true)
	}
	if d := t.nearestCue(c.s, c.e, newsFutureCueRe(), presentCueRe(), true); d != 2 {
		return d
	}
	return 0 // a present tense points neither way
}

var newsFutureCueRe = lazyScanner(`(?i)\bwould\b|` + futureCues)

// presentOrFuture reports whether the cue nearest to [s,e) is a future or a
// present-tense one ("says", "is", "has").
func (t *tagger) presentOrFuture(s, e int) bool {
	return t.nearestCue(s, e, futureCueRe(), presentCueRe(), false) > 0
}

// presentCueRe finds present-tense verbs and auxiliaries; "has" and "have"
// count, since the present perfect speaks from the present.
var presentCueRe = lazyScanner(`(?i)\b(?:is|are|am|has|have|says|say|does|remains|continues|insists|believes|wants|needs|plans|hopes)\b`)

// nearestCue returns +1 for a future cue, -1 for a past one (pastCues)
// and +2 for a present one (present may be nil), whichever is nearest to
// [s,e) in its sentence; 0 when there is none. With perfect, the present perfect is a
// past cue ("shares have risen since March" looks back); without, its
// "has" is a present one (the article speaks from its own time).
func (t *tagger) nearestCue(s, e int, future, present *scanner, perfect bool) int {
	text := t.text
	lo, hi := sentenceAround(text, s, e)
	best, bestDist := 0, 1<<30
	consider := func(re *scanner, reDir int) {
		for _, m := range t.cueMatches(re, lo, hi) {
			dir := reDir
			ms, me := lo+m[0], lo+m[1]
			if dir < 0 && participleAfterAux(text, ms) && !(perfect && presentPerfect(text, ms)) {
				continue // "will be held": the auxiliary carries the tense
			}
			if dir == 2 && perfect && presentPerfectAux(text, me) {
				continue // "has risen": the participle is the cue
			}
			if ms < e && s < me {
				continue // the expression itself ("last week")
			}
			cue := strings.ToLower(text[ms:me])
			if dir < 0 && !t.narr && (cue == "was" || cue == "were") && planAfter(text, me) {
				// "were planning to drive on Saturday": in news a plan
				// reported in the past still lies ahead, like "would".
				continue
			}
			if dir > 0 && strings.HasPrefix(cue, "next") && strings.HasSuffix(cue, "to") {
				continue // "next to the embassy" is a place
			}
			if dir > 0 && ms >= e && strings.HasSuffix(cue, "to") {
				// "agreed to", "plans to" look forward to what follows
				// them: in "met on Monday and agreed to meet again" the
				// meeting on Monday is past.
				continue
			}
			if dir > 0 && afterHad(text, ms) {
				// "had been due to expire Friday", "had planned to
				// leave on Monday": a plan seen from a past already
				// over, so the date lies before the time of writing.
				dir = -1
			}
			d := s - me
			if ms >= e {
				d = ms - e
			}
			if (cue == "said" || cue == "told") && (ms < e && d > maxSaidGap || ms >= e && len(strings.Fields(text[me:hi])) <= 3) {
				// "would be traveling Thursday, officials said": a
				// verb of saying dates the report, not what it reports,
				// unless it stands just before the date ("said on
				// Thursday") or is the sentence's main verb after it
				// ("On Monday, the minister said talks would go on").
				d += 1 << 20
			}
			if d < bestDist {
				best, bestDist = dir, d
			}
		}
	}
	consider(future, 1)
	consider(nil, -1)
	if present != nil && (best != 0 || !perfect) {
		// For a direction, a present cue matters only by standing
		// nearer than another cue; tenseAt reads it as none.
		consider(present, 2)
	}
	return best
}

// cueKey names the matches of one cue scanner in one sentence.
type cueKey struct {
	re     *scanner
	lo, hi int
}

// cueMatches returns the matches of re (the past cues when nil) in the
// sentence [lo,hi), found once per Tag call: every expression of a
// sentence asks for the same cues.
func (t *tagger) cueMatches(re *scanner, lo, hi int) [][]int {
	k := cueKey{re, lo, hi}
	if m, ok := t.cues[k]; ok {
		return m
	}
	if t.cues == nil {
		t.cues = map[cueKey][][]int{}
	}
	var m [][]int
	if re == nil {
		m = pastCues(t.text[lo:hi])
	} else {
		m = re.findAll(t.text[lo:hi])
	}
	t.cues[k] = m
	return m
}

// planAfter reports whether the word after e begins a plan: "planning",
// "expected", "scheduled", "set", "due", "going", "supposed", "about" (to).
func planAfter(text string, e int) bool {
	switch strings.ToLower(nextWord(text, e)) {
	case "planning", "expected", "scheduled", "set", "due", "going", "supposed", "about", "preparing":
		return true
	}
	return false
}

// maxSaidGap is how close (in bytes) "said" must stand to a date for its
// tense to be the date's: "said on Thursday", "told reporters Thursday".
const maxSaidGap = 16

// reported reports whether [s,e) stands in reported speech: between
// quotation marks, or in a sentence with a verb of saying.
func reported(text string, s, e int) bool {
	lo, hi := sentenceAround(text, s, e)
	if saidRe().MatchString(text[lo:hi]) {
		return true
	}
	// An odd number of quotation marks before it in its paragraph.
	p := strings.LastIndex(text[:s], "\n")
	n := 0
	for _, r := range text[p+1 : s] {
		if r == '"' || r == '“' || r == '”' {
			n++
		}
	}
	return n%2 == 1
}

var saidRe = lazyRe(`(?i)\b(?:said|says|say|told|tells|announced|stated|added|according\s+to|declared|claimed)\b`)

// prepDir reads the direction a date looks in news from the words just
// before it, which beat the tense of the sentence: a deadline or a
// schedule ("payable Jan. 2", "until March 6", "extended to Nov. 6", "by
// May") looks forward, "since" back.
func prepDir(text string, s int) int {
	switch strings.ToLower(prevWord(text, s)) {
	case "until", "till", "through", "payable", "effective", "due", "by", "to", "starting", "scheduled", "expected", "expires", "expire", "record":
		return 1
	case "since":
		return -1
	}
	return 0
}

// afterHad reports whether the word at i follows "had" or "had been": a
// past perfect.
func afterHad(text string, i int) bool {
	w := strings.ToLower(prevWord(text, i))
	if w == "been" {
		j := strings.LastIndex(strings.ToLower(text[:i]), "been")
		w = strings.ToLower(prevWord(text, j))
	}
	return w == "had" || w == "hadn't"
}
