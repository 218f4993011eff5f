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
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"dateline/internal/model"
	"dateline/internal/render"
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
func Texts(e *model.Entry, sum render.Summaries) []string {
	out := []string{e.Title}
	if s := sum.Plain(e.Body); s != "" {
		out = append(out, s)
	}
	for _, ev := range e.Evidence {
		out = append(out, ev.Quote)
	}
	for _, s := range e.Sources() {
		out = append(out, s.Title)
	}
	for _, r := range entryRecords(e) {
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
	ix := newIndexer(t, nil, render.NewSummaries(t))
	return ix.index(len(t.Entries))
}

// Cache keeps the words of entries from one index to the next, by the
// texts they were read from: after an edit that rebuilds the model, an
// entry whose texts did not change is not read again. It is safe for
// concurrent use.
type Cache struct {
	mu    sync.Mutex
	m     map[string]tokens // textKey -> words
	stems map[string]string // word -> stem, of the words of m
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]tokens{}, stems: map[string]string{}} }

// textKey is everything Texts and the id make an entry's words of.
func textKey(e *model.Entry) string {
	var b strings.Builder
	w := func(s string) {
		b.WriteString(s)
		b.WriteByte(0)
	}
	w(e.ID)
	w(e.Title)
	w(e.Body)
	for _, ev := range e.Evidence {
		w(ev.Quote)
	}
	for _, s := range e.Sources() {
		w(s.Title)
	}
	b.WriteString(names(e))
	return b.String()
}

// indexer holds what an Index is made of, so that an edit of a few
// entries updates it (see reindex) rather than reading every entry again:
// the words of each entry, and for each word, stem and variant the
// positions of the entries that have it.
type indexer struct {
	st  Stemmer
	sum render.Summaries
	// tokens are the words of each entry, by position, which reindex
	// takes out of the postings; nil in an indexer that is never updated
	// (see newIndexer), where at 100,000 entries they were a third of the
	// build's memory while the index was made.
	tokens   []tokens
	words    map[string][]int          // folded word -> positions, ascending
	variants map[string][]int          // variant key -> positions
	names    map[string]map[string]int // variant key -> word with it -> entries having it
	stems    map[string][]string       // stem -> its words, sorted
	stemOf   map[string]string
	rows     map[string]row // by key
	lo, hi   []int
	// The rows of the last index, sorted, and the keys whose row changed
	// since (see reindex); sorted is nil before the first index.
	sorted []row
	dirty  map[string]bool
}

// tokens are the distinct words and name variants of one entry.
type tokens struct {
	words    []string
	variants [][2]string // variant key, word
}

// newIndexer reads every entry of t, taking the words of those whose
// texts c holds from it, and leaves c with the words of t's entries alone.
// Only an indexer with a cache can be updated (reindex): without one
// (a build, which makes one index), the words of each entry are read into
// the postings and not kept.
func newIndexer(t *model.Timeline, c *Cache, sum render.Summaries) *indexer {
	ix := &indexer{
		st: NewStemmer(t.Config.Language), sum: sum,
		words: map[string][]int{}, variants: map[string][]int{}, names: map[string]map[string]int{},
		stems: map[string][]string{}, stemOf: map[string]string{}, rows: map[string]row{}, dirty: map[string]bool{},
		lo: make([]int, len(t.Entries)), hi: make([]int, len(t.Entries)),
	}
	var next map[string]tokens
	if c != nil {
		ix.tokens = make([]tokens, len(t.Entries))
		c.mu.Lock()
		defer c.mu.Unlock()
		next = make(map[string]tokens, len(t.Entries))
		ix.stemOf = maps.Clone(c.stems)
	}
	for i, e := range t.Entries {
		if c == nil {
			ix.add(i, e, nil, false)
			continue
		}
		k := textKey(e)
		tk, ok := c.m[k]
		if !ok {
			tk = ix.read(e)
		}
		next[k] = tk
		ix.add(i, e, &tk, false)
	}
	for w := range ix.words {
		s := ix.stem(w)
		ix.stems[s] = append(ix.stems[s], w)
	}
	for s, ws := range ix.stems {
		slices.Sort(ws)
		ix.rowsOf(s)
	}
	if c != nil {
		c.m = next
		c.stems = make(map[string]string, len(ix.words))
		for w := range ix.words {
			c.stems[w] = ix.stemOf[w]
		}
	}
	for v := range ix.variants {
		ix.variantRow(v)
	}
	return ix
}

func (ix *indexer) stem(w string) string {
	s, ok := ix.stemOf[w]
	if !ok {
		s = ix.st.Stem(w)
		ix.stemOf[w] = s
	}
	return s
}

// add reads the entry at position i into the postings. When shared, the
// postings may be held by an index made before, which must not change:
// they are copied. Otherwise entries come in timeline order, each after
// those added before it.
func (ix *indexer) add(i int, e *model.Entry, read *tokens, shared bool) {
	ix.lo[i], ix.hi[i] = Bounds(e)
	var tk tokens
	if read != nil {
		tk = *read
	} else {
		tk = ix.read(e)
	}
	if ix.tokens != nil {
		ix.tokens[i] = tk
	}
	put := func(p []int) []int {
		if shared {
			return insert(p, i)
		}
		return append(p, i)
	}
	for _, w := range tk.words {
		ix.words[w] = put(ix.words[w])
	}
	for k, vw := range tk.variants {
		v, w := vw[0], vw[1]
		// Two spellings of one name in an entry: its position once.
		if !slices.ContainsFunc(tk.variants[:k], func(x [2]string) bool { return x[0] == v }) {
			ix.variants[v] = put(ix.variants[v])
		}
		if ix.names[v] == nil {
			ix.names[v] = map[string]int{}
		}
		ix.names[v][w]++
	}
}

// read finds the words of e.
func (ix *indexer) read(e *model.Entry) tokens {
	var tk tokens
	seen := map[string]string{} // a word -> its copy
	seenV := map[[2]string]bool{}
	// The id too: pages show it (in permalinks and embed codes), and a
	// slug is words.
	for _, text := range append(Texts(e, ix.sum), e.ID) {
		for _, sp := range Words(text) {
			w, ok := seen[sp.Word]
			if !ok {
				// A word may share the memory of its text (see Fold),
				// which the index must not keep: one copy of each.
				w = strings.Clone(sp.Word)
				seen[w] = w
				tk.words = append(tk.words, w)
			}
			if !sp.Cap {
				continue // only names have variants
			}
			if v := Variant(w); v != "" && !seenV[[2]string{v, w}] {
				seenV[[2]string{v, w}] = true
				tk.variants = append(tk.variants, [2]string{v, w})
			}
		}
	}
	return tk
}

// remove takes the entry at position i out of the postings.
func (ix *indexer) remove(i int) {
	tk := ix.tokens[i]
	for _, w := range tk.words {
		if p := drop(ix.words[w], i); len(p) > 0 {
			ix.words[w] = p
		} else {
			delete(ix.words, w)
		}
	}
	for _, vw := range tk.variants {
		v, w := vw[0], vw[1]
		if p := drop(ix.variants[v], i); len(p) > 0 {
			ix.variants[v] = p
		} else {
			delete(ix.variants, v)
		}
		if ix.names[v][w]--; ix.names[v][w] == 0 {
			delete(ix.names[v], w)
		}
		if len(ix.names[v]) == 0 {
			delete(ix.names, v)
		}
	}
	ix.tokens[i] = tokens{}
}

// insert adds i to ascending positions, in a new slice: rows of earlier
// indexes share the old one.
func insert(p []int, i int) []int {
	k, found := slices.BinarySearch(p, i)
	if found {
		return p
	}
	if k == len(p) {
		return append(p[:len(p):len(p)], i)
	}
	return slices.Insert(slices.Clone(p), k, i)
}

// drop removes i from ascending positions, in a new slice.
func drop(p []int, i int) []int {
	k, found := slices.BinarySearch(p, i)
	if !found {
		return p
	}
	return slices.Delete(slices.Clone(p), k, k+1)
}

// rowsOf sets the rows of the words of stem s: each has the entries of
// every word of the stem.
func (ix *indexer) rowsOf(s string) {
	ws := ix.stems[s]
	var p []int
	for _, w := range ws {
		p = union(p, ix.words[w])
	}
	for _, w := range ws {
		r := row{key: w, post: p}
		if len(ws) > 1 {
			r.forms = ws
		}
		ix.rows[w] = r
		ix.dirty[w] = true
	}
}

// variantRow sets the row of variant key v, or drops it when no entry
// has v any more.
func (ix *indexer) variantRow(v string) {
	p, ok := ix.variants[v]
	ix.dirty[variantMark+v] = true
	if !ok {
		delete(ix.rows, variantMark+v)
		return
	}
	f := make([]string, 0, len(ix.names[v]))
	for w := range ix.names[v] {
		f = append(f, w)
	}
	slices.Sort(f)
	ix.rows[variantMark+v] = row{key: variantMark + v, forms: f, post: p}
}

// reindex reads the entries at the given positions again, which kept
// their places in the timeline, and updates the rows they change.
func (ix *indexer) reindex(t *model.Timeline, changed []int) {
	stems := map[string]bool{}
	vars := map[string]bool{}
	note := func(i int) {
		for _, w := range ix.tokens[i].words {
			stems[ix.stem(w)] = true
		}
		for _, vw := range ix.tokens[i].variants {
			vars[vw[0]] = true
		}
	}
	for _, i := range changed {
		note(i)
		ix.remove(i)
		ix.add(i, t.Entries[i], nil, true)
		note(i)
	}
	for s := range stems {
		// The words of the stem that some entry still has.
		for _, w := range ix.stems[s] {
			delete(ix.rows, w)
			ix.dirty[w] = true
		}
		var ws []string
		for _, w := range ix.stems[s] {
			if _, ok := ix.words[w]; ok {
				ws = append(ws, w)
			}
		}
		for _, i := range changed {
			for _, w := range ix.tokens[i].words {
				if ix.stem(w) == s && !slices.Contains(ws, w) {
					ws = append(ws, w)
				}
			}
		}
		if len(ws) == 0 {
			delete(ix.stems, s)
			continue
		}
		slices.Sort(ws)
		ix.stems[s] = ws
		ix.rowsOf(s)
	}
	for v := range vars {
		ix.variantRow(v)
	}
}

// index returns the Index of the rows, of n entries. After reindex, the
// last index's rows are merged with those that changed, not sorted again.
func (ix *indexer) index(n int) *Index {
	x := &Index{lo: slices.Clone(ix.lo), hi: slices.Clone(ix.hi), rows: make([]row, 0, len(ix.rows))}
	if ix.sorted == nil {
		for _, r := range ix.rows {
			x.rows = append(x.rows, r)
		}
		slices.SortFunc(x.rows, func(a, b row) int { return cmp.Compare(a.key, b.key) })
	} else {
		keys := slices.Sorted(maps.Keys(ix.dirty))
		old := ix.sorted
		for _, k := range keys {
			j, _ := slices.BinarySearchFunc(old, k, func(r row, k string) int { return cmp.Compare(r.key, k) })
			x.rows = append(x.rows, old[:j]...)
			old = old[j:]
			if len(old) > 0 && old[0].key == k {
				old = old[1:]
			}
			if r, ok := ix.rows[k]; ok {
				x.rows = append(x.rows, r)
			}
		}
		x.rows = append(x.rows, old...)
	}
	ix.sorted = x.rows
	clear(ix.dirty)
	x.cuts = cut(x.rows, ShardCount(n))
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
