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

// name is one registry name or alias, compiled for matching.
type name struct {
	re       *regexp.Regexp
	kind, id string
}

// matcher holds a registry's names compiled once, for all the drafts of a
// source.
type matcher struct {
	names, topics []name
}

func newMatcher(t *model.Timeline) *matcher {
	if t == nil {
		return nil
	}
	return &matcher{names: compileNames(t, "actor", "place"), topics: compileNames(t, "topic")}
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
	return newMatcher(t).match(text)
}

func (mt *matcher) match(text string) Matches {
	if mt == nil {
		return Matches{}
	}
	text = strings.ReplaceAll(text, "’", "'")
	names := pick(find(mt.names, text))
	topics := pick(find(mt.topics, text))
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

// compileNames compiles every name and alias of the records of the given
// kinds.
func compileNames(t *model.Timeline, kinds ...string) []name {
	var out []name
	for _, kind := range kinds {
		for _, r := range t.Records(kind) {
			for _, n := range append([]string{r.Name}, r.Aliases...) {
				if re := compileName(n); re != nil {
					out = append(out, name{re, kind, r.ID})
				}
			}
		}
	}
	return out
}

// compileName returns a pattern whose first group matches n in a text as
// a whole word, or nil when n is blank.
func compileName(n string) *regexp.Regexp {
	n = strings.TrimSpace(strings.ReplaceAll(n, "’", "'"))
	if n == "" {
		return nil
	}
	flags := ""
	if !strings.ContainsFunc(n, unicode.IsUpper) {
		flags = "(?i)"
	}
	words := strings.Fields(n)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re, err := regexp.Compile(flags + `(?:^|[^\p{L}\p{N}])(` + strings.Join(words, `\s+`) + `)(?:$|[^\p{L}\p{N}])`)
	if err != nil {
		return nil
	}
	return re
}

// find lists every occurrence of every name in text.
func find(names []name, text string) []hit {
	var hits []hit
	for _, n := range names {
		for _, m := range n.re.FindAllStringSubmatchIndex(text, -1) {
			hits = append(hits, hit{m[2], m[3], n.kind, n.id})
		}
	}
	return hits
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
