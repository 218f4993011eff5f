package annotate

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"dateline/internal/ingest"
	"dateline/internal/timex"
)

// mergeEvents makes one draft per event: a draft joins an earlier one of
// the same source when both report the same event (sameEvent), and its
// evidence is added to it.
func mergeEvents(drafts []Draft, names *matcher) []Draft {
	type info struct {
		lead  string
		words map[string]bool
	}
	var out []Draft
	var infos []info
	for _, d := range drafts {
		var all strings.Builder
		for _, ev := range d.Evidence {
			all.WriteString(ev.Quote + "\n")
		}
		in := info{words: contentWords(all.String())}
		if a := names.match(all.String()).Actors; len(a) > 0 {
			in.lead = a[0]
		}
		merged := false
		for j := range out {
			if out[j].Date == d.Date && in.lead != "" && infos[j].lead == in.lead && shareWord(infos[j].words, in.words) {
				out[j].Evidence = append(out[j].Evidence, d.Evidence...)
				for w := range in.words {
					infos[j].words[w] = true
				}
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, d)
			infos = append(infos, in)
		}
	}
	return out
}

// sameEvent's test, spelled out: two sentences report the same event when
// they give the same date, name the same actor first (who acted) and share
// a content word (what was done: "launched", "campaign"). Proper names do
// not count as content words, since the actors already do, nor do words
// of reporting and of time.
func shareWord(a, b map[string]bool) bool {
	for w := range b {
		if a[w] {
			return true
		}
	}
	return false
}

// contentWords returns the stems of the lower-case words of four letters
// or more in s, without function words, verbs of saying and time words.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(c rune) bool { return !unicode.IsLetter(c) && c != '-' }) {
		w = strings.Trim(w, "-")
		if len(w) < 4 || !unicode.IsLower([]rune(w)[0]) || stopWords[w] {
			continue
		}
		out[stem(w)] = true
	}
	return out
}

// stem strips a common inflection: "strikes", "launched", "meeting".
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`about above according added adding after again against also although among amid another around because been before being between both could during each even every first from further have having here into just last later least less many more most much must next noted only other over said same says since some still such than that their them then there these they this those though through today told tells under until very were what when where which while whom whose will with within without would yesterday tomorrow week weeks month months year years time times hours statement reported reports`) {
		m[w] = true
	}
	return m
}()

// titleEvidence picks the evidence a merged draft is titled from: the one
// that names its lead actor first, most likely as the subject ("The United
// States and Israel launched ..." rather than "It was the first
// conversation ... since the United States ...").
func titleEvidence(d Draft, names *matcher) Evidence {
	if len(d.Actors) == 0 || names == nil || len(d.Evidence) == 1 {
		return d.Evidence[0]
	}
	best, at := 0, -1
	for k, ev := range d.Evidence {
		for _, h := range pick(find(names.names, strings.ReplaceAll(ev.Quote, "’", "'"))) {
			if h.id == d.Actors[0] {
				if at < 0 || h.start < at {
					best, at = k, h.start
				}
				break
			}
		}
	}
	return d.Evidence[best]
}

// An expression anchored to an event: "two days after U.S. President
// Donald Trump sent bombers to strike Iran's nuclear sites". TIMEX3 tags
// only the duration; the event is the phrase after "after" or "before", up
// to the end of its clause.
var eventAnchorRe = lazyRe(`^\s+(after|before)\s+((?:\p{Lu}\.|[^,;:.!?]|\.\S){3,160})`)

// anchoredItem is a sentence dated by a duration from an event.
type anchoredItem struct {
	it     item
	days   int
	months int
	sign   int
	event  string
}

// eventAnchored reads the expressions of sentence s that count a whole
// number of days, weeks, months or years from an event.
func eventAnchored(text string, s ingest.Span, si, para int, in []timex.Timex) []anchoredItem {
	var out []anchoredItem
	for _, x := range in {
		if x.Type != timex.Duration || x.End > s.End {
			continue
		}
		// The event may run past the sentence as split: "two days after
		// U.S. President Donald Trump sent ..." is cut after "U.S.".
		m := eventAnchorRe().FindStringSubmatchIndex(text[x.End:min(len(text), max(s.End, x.End+200))])
		if m == nil {
			continue
		}
		n, unit, ok := durationParts(x.Value)
		if !ok {
			continue
		}
		a := anchoredItem{sign: 1, event: text[x.End+m[4] : x.End+m[5]]}
		if text[x.End+m[2]:x.End+m[3]] == "before" {
			a.sign = -1
		}
		switch unit {
		case 'D':
			a.days = n
		case 'W':
			a.days = 7 * n
		case 'M':
			a.months = n
		case 'Y':
			a.months = 12 * n
		}
		a.it = item{sent: s, para: para, index: si, textStart: x.Start, dateText: collapse(text[x.Start:min(s.End, x.End+m[5])])}
		out = append(out, a)
	}
	return out
}

var durRe = lazyRe(`^P(\d+)([DWMY])$`)

// durationParts reads "P2D", "P3W", "P1M", "P2Y".
func durationParts(v string) (int, byte, bool) {
	m := durRe().FindStringSubmatch(v)
	if m == nil {
		return 0, 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, m[2][0], err == nil && n > 0
}

// resolveEvent dates an anchored expression from the item that dates its
// event elsewhere in the source: the one whose neighbourhood (some ten
// words either side of its date) shares the most content words and
// registry records with the event phrase, at least one content word
// among them ("strikes"). The event's own day is moved by the duration;
// an event dated less precisely than a day, or not found, leaves the
// expression undated.
func resolveEvent(text string, a anchoredItem, items []item, names *matcher) (Reading, bool) {
	words := contentWords(a.event)
	recs := recordSet(names, a.event)
	best, bestScore := -1, 0
	for i, it := range items {
		if it.own.Date == "" || it.index == a.it.index {
			continue
		}
		lo, hi := max(it.sent.Start, it.exprStart-window), min(it.sent.End, it.exprEnd+window)
		near := text[lo:hi]
		shared := 0
		for w := range contentWords(near) {
			if words[w] {
				shared++
			}
		}
		if shared == 0 {
			continue
		}
		score := shared
		for r := range recordSet(names, near) {
			if recs[r] {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return Reading{}, false
	}
	day, q, ok := strings.Cut(items[best].own.Date, "?")
	t, err := time.Parse("2006-01-02", day)
	if err != nil || q != "" || !ok && strings.ContainsAny(day, "/~%") {
		return Reading{}, false
	}
	t = t.AddDate(0, a.sign*a.months, a.sign*a.days)
	v := t.Format("2006-01-02")
	if ok {
		v += "?"
	}
	return Reading{Date: v, Relative: true}, true
}

// window is how far, in bytes, the neighbourhood of a date reaches.
const window = 60

func recordSet(names *matcher, s string) map[string]bool {
	out := map[string]bool{}
	m := names.match(s)
	for _, l := range [][]string{m.Actors, m.Places} {
		for _, id := range l {
			out[id] = true
		}
	}
	return out
}
