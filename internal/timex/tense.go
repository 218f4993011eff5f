package timex

import (
	"regexp"
	"strings"
)

// Tense cues. A future cue is a modal or a going-to/plan construction; a
// past cue is a past-tense auxiliary, a common irregular past form or a
// regular -ed form. The cue nearest to the expression wins, so that "Iran
// said it will retaliate on Monday" looks forward and "Putin, who will
// travel, met him on Monday" looks back.
var (
	futureCueRe = lazyRe(`(?i)\b(?:will|won['’]t|shall|going\s+to|plans?\s+to|planning\s+to|scheduled\s+(?:to|for)|(?:is|are)\s+set\s+to|expected\s+to|intends?\s+to|due\s+to\s+(?:be|meet|visit|arrive|hold|start|begin)|upcoming|next)\b|['’]ll\b`)
	pastCueRe   = lazyRe(`(?i)\b(?:was|were|had|did|said|told|says\s+it\s+was|ago|last|yesterday|been|came|went|met|held|took|gave|made|began|fell|led|won|lost|left|sent|saw|spoke|wrote|struck|fought|became|ran|\w{2,}ed)\b`)
)

// participleAfterAux reports whether the word at i follows "be", "being",
// "have" or "has", making it a participle whose tense comes from an
// auxiliary further left.
func participleAfterAux(text string, i int) bool {
	switch strings.ToLower(prevWord(text, i)) {
	case "be", "being", "have", "has":
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
// around [s,e), using the cue nearest to the expression.
func tenseAt(text string, s, e int) int {
	lo, hi := sentenceAround(text, s, e)
	sent := text[lo:hi]
	best, bestDist := 0, 1<<30
	consider := func(re *regexp.Regexp, dir int) {
		for _, m := range re.FindAllStringIndex(sent, -1) {
			ms, me := lo+m[0], lo+m[1]
			if dir < 0 && participleAfterAux(text, ms) {
				continue // "will be held": the auxiliary carries the tense
			}
			if ms < e && s < me {
				continue // the expression itself ("last week")
			}
			d := s - me
			if ms >= e {
				d = ms - e
			}
			if d < bestDist {
				best, bestDist = dir, d
			}
		}
	}
	consider(futureCueRe(), 1)
	consider(pastCueRe(), -1)
	return best
}
