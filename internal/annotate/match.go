package annotate

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"dateline/internal/model"
)

// Matches are the registry records a text names, by kind, as ids in order
// of first mention.
type Matches struct {
	Actors, Places, Topics []string
}

type hit struct {
	start, end int
	kind, id   string
}

// MatchRecords finds the actors, places and topics that text names by
// their registry name or one of their aliases. A name written with a
// capital is matched with that case ("US" is not "us"); a lower-case alias
// ("airstrikes") in any case. Matches are whole words, and apostrophes are
// folded (’ and ' match). Where names overlap, the longest wins: "Israel
// Defense Forces" names the IDF, not the place Israel. Topics are themes
// rather than names, so they are matched on their own and may overlap
// names of the other kinds.
func MatchRecords(t *model.Timeline, text string) Matches {
	if t == nil {
		return Matches{}
	}
	text = strings.ReplaceAll(text, "’", "'")
	names := pick(find(t, text, "actor", "place"))
	topics := pick(find(t, text, "topic"))
	var m Matches
	for _, h := range append(names, topics...) {
		switch h.kind {
		case "actor":
			m.Actors = appendNew(m.Actors, h.id)
		case "place":
			m.Places = appendNew(m.Places, h.id)
		case "topic":
			m.Topics = appendNew(m.Topics, h.id)
		}
	}
	return m
}

func appendNew(list []string, id string) []string {
	if slices.Contains(list, id) {
		return list
	}
	return append(list, id)
}

// find lists every occurrence of every name and alias of the given kinds.
func find(t *model.Timeline, text string, kinds ...string) []hit {
	var hits []hit
	for _, kind := range kinds {
		for _, r := range t.Records(kind) {
			for _, name := range append([]string{r.Name}, r.Aliases...) {
				for _, sp := range findName(text, name) {
					hits = append(hits, hit{sp[0], sp[1], kind, r.ID})
				}
			}
		}
	}
	return hits
}

// findName returns the byte spans of name in text as a whole word.
func findName(text, name string) [][2]int {
	name = strings.TrimSpace(strings.ReplaceAll(name, "’", "'"))
	if name == "" {
		return nil
	}
	flags := ""
	if !strings.ContainsFunc(name, unicode.IsUpper) {
		flags = "(?i)"
	}
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re, err := regexp.Compile(flags + `(?:^|[^\p{L}\p{N}])(` + strings.Join(words, `\s+`) + `)(?:$|[^\p{L}\p{N}])`)
	if err != nil {
		return nil
	}
	var out [][2]int
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, [2]int{m[2], m[3]})
	}
	return out
}

// pick keeps the longest of overlapping hits; hits with exactly the same
// span (Iran the state and Iran the place) are all kept.
func pick(hits []hit) []hit {
	slices.SortStableFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(b.end-b.start, a.end-a.start), cmp.Compare(a.start, b.start))
	})
	var kept []hit
	for _, h := range hits {
		ok := true
		for _, k := range kept {
			if h.start < k.end && k.start < h.end && (h.start != k.start || h.end != k.end) {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, h)
		}
	}
	slices.SortStableFunc(kept, func(a, b hit) int { return cmp.Compare(a.start, b.start) })
	return kept
}
