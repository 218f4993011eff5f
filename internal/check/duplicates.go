package check

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/edtf"
	"dateline/internal/model"
)

// minTitleSimilarity is the token Jaccard similarity from which two titles
// read as the same headline.
const minTitleSimilarity = 0.5

// duplicates warns about pairs of entries that look like one event told
// twice: their dates overlap, they share an actor (or neither names one),
// and their titles are similar or they quote the same passage.
func duplicates(t *model.Timeline, byID map[string]*content.Entry) diag.List {
	var w diag.List
	words := make(map[*model.Entry]map[string]bool, len(t.Entries))
	for _, e := range t.Entries {
		words[e] = titleWords(e.Title)
	}
	for i, a := range t.Entries {
		last, bounded := day(a.Date, edtf.Date.Upper)
		for _, b := range t.Entries[i+1:] {
			// Entries come in timeline order, by first day: once one
			// starts after a ends, none of the rest can overlap it.
			// Without this stop, a large import took minutes to check.
			if first, ok := day(b.Date, edtf.Date.Lower); bounded && ok && first > last {
				break
			}
			if a.Date.IsZero() || b.Date.IsZero() || !a.Date.Overlaps(b.Date) || !shareActor(a, b) {
				continue
			}
			sim := jaccard(words[a], words[b])
			passage := samePassage(a, b)
			if sim < minTitleSimilarity && passage == "" {
				continue
			}
			first, second := a, b
			if second.Path < first.Path {
				first, second = second, first
			}
			var why []string
			why = append(why, fmt.Sprintf("dates %s and %s overlap", first.Date, second.Date))
			if shared := sharedActors(a, b); len(shared) > 0 {
				why = append(why, "both name "+strings.Join(shared, ", "))
			}
			if sim >= minTitleSimilarity {
				why = append(why, fmt.Sprintf("titles are %.0f%% alike", 100*sim))
			}
			if passage != "" {
				why = append(why, "both quote "+passage)
			}
			var at diag.Pos
			if ce := byID[second.ID]; ce != nil {
				at = ce.Title.Pos
			}
			w.Warn(at, "entry %q may duplicate %q (%s): %s", second.ID, first.ID, first.Path, strings.Join(why, "; "))
		}
	}
	return w
}

// day returns the calendar day of a bound of d as written (Lower and Upper
// keep the date's own offset) as a sortable number, and false when d has
// no such bound (no date, an open or unknown end).
func day(d edtf.Date, bound func(edtf.Date) time.Time) (int, bool) {
	if d.IsZero() {
		return 0, false
	}
	t := bound(d)
	if t.IsZero() {
		return 0, false
	}
	y, m, dd := t.Date()
	return y*10000 + int(m)*100 + dd, true
}

func shareActor(a, b *model.Entry) bool {
	return len(a.Actors) == 0 && len(b.Actors) == 0 || len(sharedActors(a, b)) > 0
}

func sharedActors(a, b *model.Entry) []string {
	var out []string
	for _, r := range a.Actors {
		if slices.Contains(b.Actors, r) {
			out = append(out, r.ID)
		}
	}
	return out
}

// samePassage describes a passage of one source that both entries quote
// (overlapping spans), or returns "".
func samePassage(a, b *model.Entry) string {
	for _, x := range a.Evidence {
		for _, y := range b.Evidence {
			if x.Source == y.Source && x.Span.Start < y.Span.End && y.Span.Start < x.Span.End {
				return fmt.Sprintf("the same passage of source %q", x.Source.ID)
			}
		}
	}
	return ""
}

// titleStop are words that make titles look alike without saying anything.
var titleStop = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "to": true, "for": true,
	"and": true, "at": true, "by": true, "with": true, "from": true, "as": true, "is": true,
	"are": true, "was": true, "were": true, "be": true, "its": true, "his": true, "her": true,
	"their": true, "that": true, "this": true, "it": true, "after": true, "before": true,
	"says": true, "said": true,
}

// titleWords are the content words of a title, lower-cased, possessives
// and plurals folded ("strikes" and "strike" are one word).
func titleWords(title string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		w = strings.Trim(w, "'’")
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		if w != "" && !titleStop[w] {
			out[w] = true
		}
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
