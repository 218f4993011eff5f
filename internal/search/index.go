// Package search builds the site's search and filter index: files under
// search/ that static/search.js reads on a static host, fetching only the
// few a query needs. It comes after model in the pipeline and hands its
// files to the build as render.Pages, like package export.
//
// The text index maps words to the positions of the entries (in timeline
// order) whose text holds them. Its rows are sorted by key and cut into
// shards of about equal size; the manifest names the first key of each,
// so a query word costs one shard. A row is a folded word (see Fold) with
// the entries of every word of its stem (Snowball), so "strikes" finds
// "strike", and the words of the stem, for highlighting; a row "~"+Variant
// holds the entries of the names with that variant key, so "Araqchi"
// finds "Araghchi". The client also takes every row that starts with a
// query word, so a word being typed finds its longer forms.
//
// The filter index is, per record, the positions of its entries, and per
// chunk of positions the entries' date bounds; each entry's text for the
// result list is a file of its own.
package search

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"dateline/internal/markdown"
	"dateline/internal/model"
)

// Index is the search and filter index of one timeline.
type Index struct {
	rows []row // by key
	cuts []int // shard i is rows[cuts[i]:cuts[i+1]]
	lo   []int // each entry's date bounds as YYYYMMDD (see day), by position
	hi   []int
}

// row is one key of the text index.
type row struct {
	key   string
	forms []string // the words that match the key, when more than the key
	post  []int    // entry positions, ascending
}

// Texts returns what search finds an entry by, each passage on its own:
// the title, the summary as text, the quotes, the titles of the sources it
// cites and the names (with aliases) of its records.
func Texts(e *model.Entry, md *markdown.Renderer) []string {
	out := []string{e.Title}
	if s := md.Plain([]byte(e.Body)); s != "" {
		out = append(out, s)
	}
	for _, ev := range e.Evidence {
		out = append(out, ev.Quote)
	}
	for _, s := range e.Sources() {
		out = append(out, s.Title)
	}
	recs := slices.Concat(e.Actors, e.Places, e.Topics)
	if e.Thread != nil {
		recs = append(recs, e.Thread)
	}
	for _, r := range recs {
		names := []string{r.Name}
		for _, a := range r.Aliases {
			if !slices.Contains(names, a) {
				names = append(names, a)
			}
		}
		out = append(out, strings.Join(names, " · "))
	}
	return out
}

// Build indexes t.
func Build(t *model.Timeline) *Index {
	st := NewStemmer(t.Config.Language)
	md := markdown.New()
	words := map[string][]int{}    // folded word -> entries
	variants := map[string][]int{} // variant key -> entries
	names := map[string][]string{} // variant key -> the words with it
	add := func(m map[string][]int, k string, i int) {
		if p := m[k]; len(p) == 0 || p[len(p)-1] != i {
			m[k] = append(p, i)
		}
	}
	x := &Index{lo: make([]int, len(t.Entries)), hi: make([]int, len(t.Entries))}
	for i, e := range t.Entries {
		x.lo[i], x.hi[i] = Bounds(e)
		// The id too: pages show it (in permalinks and embed codes), and
		// a slug is words.
		for _, text := range append(Texts(e, md), e.ID) {
			for _, sp := range Words(text) {
				add(words, sp.Word, i)
				if v := Variant(sp.Word); v != "" && sp.Cap {
					if _, ok := variants[v]; !ok || !slices.Contains(names[v], sp.Word) {
						names[v] = append(names[v], sp.Word)
					}
					add(variants, v, i)
				}
			}
		}
	}
	stems := map[string][]string{}
	for w := range words {
		s := st.Stem(w)
		stems[s] = append(stems[s], w)
	}
	merged := map[string][]int{} // by stem
	for s, ws := range stems {
		slices.Sort(ws)
		var p []int
		for _, w := range ws {
			p = union(p, words[w])
		}
		merged[s] = p
	}
	for w := range words {
		r := row{key: w, post: merged[st.Stem(w)]}
		if f := stems[st.Stem(w)]; len(f) > 1 {
			r.forms = f
		}
		x.rows = append(x.rows, r)
	}
	for v, p := range variants {
		f := names[v]
		slices.Sort(f)
		x.rows = append(x.rows, row{key: variantMark + v, forms: f, post: p})
	}
	slices.SortFunc(x.rows, func(a, b row) int { return cmp.Compare(a.key, b.key) })
	x.cuts = cut(x.rows, ShardCount(len(t.Entries)))
	return x
}

// variantMark starts the keys of variant rows, which sort after words.
const variantMark = "~"

// union merges two ascending lists.
func union(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// ShardCount is the number of shards the text index of n entries is cut
// into. It depends on the number of entries alone, so that the set of
// files is known before the index is built and stays the same while
// entries are reworded (see model.Patch). About 64 entries a shard keeps a
// shard within tens of kilobytes.
func ShardCount(n int) int { return max(1, (n+63)/64) }

// cut returns the bounds of n shards of rows of about equal encoded size,
// each holding one row at least while rows last.
func cut(rows []row, n int) []int {
	total := 0
	for _, r := range rows {
		total += r.size()
	}
	cuts := make([]int, n+1)
	cuts[n] = len(rows)
	acc, j := 0, 0
	for i := 1; i < n; i++ {
		goal := total * i / n
		for j < len(rows) && acc < goal {
			acc += rows[j].size()
			j++
		}
		if j <= cuts[i-1] && j < len(rows) {
			acc += rows[j].size()
			j++
		}
		cuts[i] = j
	}
	return cuts
}

// Bounds returns an entry's date as the first and last day it may be, as
// numbers YYYYMMDD that order like the days (negative years included); an
// open or unknown end is unbounded.
func Bounds(e *model.Entry) (lo, hi int) {
	lo, hi = minDay, maxDay
	if l := e.Date.Lower(); !l.IsZero() {
		lo = day(l)
	}
	if u := e.Date.Upper(); !u.IsZero() {
		hi = day(u)
	}
	return lo, hi
}

// The bounds of open ends, beyond any day and within the integers a
// JavaScript number holds exactly.
const (
	minDay = -9_000_000_000_000_000
	maxDay = 9_000_000_000_000_000
)

func day(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}
