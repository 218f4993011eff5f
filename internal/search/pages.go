package search

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"dateline/internal/content"
	"dateline/internal/edtf"
	"dateline/internal/model"
	"dateline/internal/render"
)

// Dir is where the index files go in the output.
const Dir = "search/"

// OrderKey is the fingerprint key of the order of the entries, which the
// files listing a record's entries by position depend on (see Pages):
// adding, removing or moving an entry changes every position after it.
// The files of one position or one chunk of positions name their entries
// in their deps instead, so only those whose entries changed render again.
const OrderKey = "search:order"

// ChunkSize is the number of entries whose dates one date file holds.
const ChunkSize = 256

// Pages lists the index files of t:
//
//	search/index.json        manifest: the first key of each shard, the date span of each chunk
//	search/t/N.txt           shard N of the text index: key TAB forms TAB positions
//	search/d/P.json          the entry at position P: id, title, date, passages
//	search/c/N.txt           the date bounds of the entries of chunk N
//	search/f/KIND.json       the records of a kind: id, name, entry count
//	search/f/KIND/ID.txt     the positions of a record's entries
//
// Positions are written as differences from the one before, in base 36.
// The set of files depends on the entries and records, not on their text,
// so rewording an entry (model.Patch) renders the same files again.
func Pages(t *model.Timeline) []render.Page { return PagesCached(t, nil, render.NewSummaries(t)) }

// PagesCached is Pages reading entries' words through c (see Cache), which
// may be nil, and their summaries from sum.
func PagesCached(t *model.Timeline, c *Cache, sum render.Summaries) []render.Page {
	ps, _ := pages(t, c, sum)
	return ps
}

// pages is PagesCached with the memo its index files read the index from.
func pages(t *model.Timeline, c *Cache, sum render.Summaries) ([]render.Page, *memo) {
	m := &memo{t: t, cache: c, sum: sum, readers: 1 + ShardCount(len(t.Entries))}
	var ps []render.Page
	page := func(path string, deps []string, f func() ([]byte, error)) {
		ps = append(ps, render.NewAssembledPage(Dir+path, deps, nil, func() (render.Parts, error) {
			b, err := f()
			return render.Parts{b}, err
		}))
	}
	// The text index reads every entry's texts, which what lists show of
	// it covers (render.EntriesKey) but for its records' aliases.
	text := []string{render.EntriesKey, namesKind + ":*"}
	page("index.json", text, func() ([]byte, error) {
		defer m.release()
		return m.get().manifest(t)
	})
	for i := range ShardCount(len(t.Entries)) {
		page("t/"+strconv.Itoa(i)+".txt", text, func() ([]byte, error) {
			defer m.release()
			return m.get().shard(i), nil
		})
	}
	for i, e := range t.Entries {
		// The entry's passages hold its records' names and aliases,
		// which its Key does not cover.
		// The entry at a position is named by the path: an entry that
		// moves changes the deps of the paths it leaves and takes, not
		// of every path after them.
		deps := []string{e.Key()}
		for _, r := range entryRecords(e) {
			deps = append(deps, NamesKey(r))
		}
		page("d/"+strconv.Itoa(i)+".json", deps, func() ([]byte, error) { return doc(e, sum) })
	}
	for k := 0; k*ChunkSize < len(t.Entries); k++ {
		list := t.Entries[k*ChunkSize : min(len(t.Entries), (k+1)*ChunkSize)]
		deps := make([]string, 0, len(list))
		for _, e := range list {
			deps = append(deps, render.BriefKey(e)) // its date, by its id
		}
		page("c/"+strconv.Itoa(k)+".txt", deps, func() ([]byte, error) { return dates(list), nil })
	}
	for _, kind := range content.RegistryKinds() {
		recs := t.Records(kind)
		page("f/"+kind+".json", []string{kind + ":*"}, func() ([]byte, error) { return records(recs) })
		for _, r := range recs {
			page("f/"+kind+"/"+r.ID+".txt", []string{r.Key(), OrderKey}, func() ([]byte, error) {
				p := make([]int, len(r.Entries))
				for i, e := range r.Entries {
					p[i] = e.Index
				}
				return appendPositions(nil, p), nil
			})
		}
	}
	return ps, m
}

// NamesKey is the fingerprint key of a record's name and aliases, which
// search shows with the entries naming the record.
func NamesKey(r *model.Record) string { return namesKind + ":" + r.Key() }

// namesKind is the kind of NamesKey keys.
const namesKind = "names"

// entryRecords are the records whose names Texts shows with e.
func entryRecords(e *model.Entry) []*model.Record {
	recs := slices.Concat(e.Actors, e.Places, e.Topics)
	if e.Thread != nil {
		recs = append(recs, e.Thread)
	}
	return recs
}

// memo builds the index once for all the files that show it, and again
// when the entries it was built from changed: the dev server renders the
// same pages again after model.Patch reworded entries in place, and then
// only the entries whose text changed are read again (see
// indexer.reindex). What an index is built from is kept (the strings and
// evidence themselves, so that nothing can be compared equal by reusing
// their memory).
type memo struct {
	t     *model.Timeline
	mu    sync.Mutex
	x     *Index
	ix    *indexer // what x was made of, kept when there is a cache
	edits uint64   // t.Edits() when x was made
	cache *Cache
	sum   render.Summaries
	from  []snapshot
	// readers is the number of files that read the index, left those of
	// them not made since it was (see release).
	readers, left int
}

// release tells m that one of the files that read the index was made.
// A build (which gives no cache) makes each of them once, while it holds
// every page, and so m, until it ends: once the last is made, the index
// is dropped, which at 100,000 entries was about 90 MB. A file made again
// after that builds the index again.
func (m *memo) release() {
	if m.cache != nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.left--; m.left == 0 {
		m.x, m.from = nil, nil
	}
}

type snapshot struct {
	e           *model.Entry
	title, body string
	date        edtf.Date
	ev          []*model.Evidence
	names       string // of its records, which model.PatchRecords changes
}

func snap(e *model.Entry) snapshot {
	return snapshot{e, e.Title, e.Body, e.Date, e.Evidence, names(e)}
}

// names returns the names and aliases of e's records, as Texts shows them.
func names(e *model.Entry) string {
	var b strings.Builder
	for _, r := range entryRecords(e) {
		b.WriteString(r.Name)
		for _, a := range r.Aliases {
			b.WriteByte(0)
			b.WriteString(a)
		}
		b.WriteByte(1)
	}
	return b.String()
}

func (m *memo) get() *Index {
	m.mu.Lock()
	defer m.mu.Unlock()
	// Every file of the index asks: the timeline is compared with what
	// the index was made of once per patch, not once per file.
	if m.x != nil && m.edits == m.t.Edits() {
		return m.x
	}
	m.edits = m.t.Edits()
	// Reindexing copies the postings of every word of each changed entry,
	// some of which hold most entries: past a few entries (a renamed
	// record names thousands), reading every entry again through the
	// cache costs less.
	if changed, ok := m.changed(); ok && m.x != nil && (len(changed) == 0 || m.ix != nil && len(changed) <= max(8, len(m.t.Entries)/100)) {
		if len(changed) > 0 {
			m.ix.reindex(m.t, changed)
			m.x = m.ix.index(len(m.t.Entries))
			for _, i := range changed {
				m.from[i] = snap(m.t.Entries[i])
			}
		}
		return m.x
	}
	ix := newIndexer(m.t, m.cache, m.sum)
	m.x = ix.index(len(m.t.Entries))
	m.left = m.readers
	// Only the dev server (which gives a cache) updates an index; a build
	// makes one and drops what it was made of, which at 100,000 entries is
	// every entry's words and postings.
	m.ix = nil
	if m.cache != nil {
		m.ix = ix
	}
	m.from = make([]snapshot, len(m.t.Entries))
	for i, e := range m.t.Entries {
		m.from[i] = snap(e)
	}
	return m.x
}

// changed returns the positions of the entries that changed since the
// index was made; ok is false when entries moved, came or went.
func (m *memo) changed() (pos []int, ok bool) {
	if len(m.from) != len(m.t.Entries) {
		return nil, false
	}
	for i, e := range m.t.Entries {
		s := m.from[i]
		if s.e != e {
			return nil, false
		}
		if s.title != e.Title || s.body != e.Body || !s.date.Equal(e.Date) || !slices.Equal(s.ev, e.Evidence) || s.names != names(e) {
			pos = append(pos, i)
		}
	}
	return pos, true
}

// manifest is search/index.json.
func (x *Index) manifest(t *model.Timeline) ([]byte, error) {
	type mf struct {
		Version int       `json:"v"`
		Entries int       `json:"n"`
		Chunk   int       `json:"chunk"`
		Shards  []*string `json:"shards"` // first key; null for an empty shard
		Dates   [][2]int  `json:"dates"`  // per chunk: the earliest lower bound, the latest upper
		Kinds   []string  `json:"kinds"`
	}
	out := mf{Version: 1, Entries: len(t.Entries), Chunk: ChunkSize, Kinds: content.RegistryKinds()}
	for i := range len(x.cuts) - 1 {
		if x.cuts[i] == x.cuts[i+1] {
			out.Shards = append(out.Shards, nil)
			continue
		}
		k := x.rows[x.cuts[i]].key
		if i == 0 {
			k = "" // every key sorts after it
		}
		out.Shards = append(out.Shards, &k)
	}
	for k := 0; k*ChunkSize < len(x.lo); k++ {
		end := min(len(x.lo), (k+1)*ChunkSize)
		out.Dates = append(out.Dates, [2]int{slices.Min(x.lo[k*ChunkSize : end]), slices.Max(x.hi[k*ChunkSize : end])})
	}
	return render.MarshalJSON(out)
}

// shard is search/t/i.txt.
func (x *Index) shard(i int) []byte {
	var b []byte
	for _, r := range x.rows[x.cuts[i]:x.cuts[i+1]] {
		b = r.append(b)
	}
	return b
}

func (r row) append(b []byte) []byte {
	b = append(b, r.key...)
	b = append(b, '\t')
	for i, f := range r.forms {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, f...)
	}
	b = append(b, '\t')
	b = appendPositions(b, r.post)
	return b
}

// size is the length of the row's line, for cutting shards.
func (r row) size() int {
	n := len(r.key) + 3 + len(r.forms)
	for _, f := range r.forms {
		n += len(f)
	}
	return n + 3*len(r.post)
}

// appendPositions writes ascending positions as differences in base 36,
// comma-separated, and a newline.
func appendPositions(b []byte, p []int) []byte {
	last := 0
	for i, v := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(v-last), 36)
		last = v
	}
	return append(b, '\n')
}

// Doc is what search/d/P.json holds of an entry: what the result list
// shows and highlights.
type Doc struct {
	ID       string   `json:"i"`
	Title    string   `json:"t"`
	Date     string   `json:"d"`
	Passages []string `json:"p"` // Texts but the title
}

func doc(e *model.Entry, sum render.Summaries) ([]byte, error) {
	return render.MarshalJSON(Doc{ID: e.ID, Title: e.Title, Date: e.Date.Display(), Passages: Texts(e, sum)[1:]})
}

// dates is search/c/N.txt: a line per entry, its lower bound and, when
// it differs, its upper bound.
func dates(list []*model.Entry) []byte {
	var b []byte
	for _, e := range list {
		lo, hi := Bounds(e)
		b = strconv.AppendInt(b, int64(lo), 10)
		if hi != lo {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(hi), 10)
		}
		b = append(b, '\n')
	}
	return b
}

// records is search/f/KIND.json: [id, name, entries] for each record with
// entries, by name, for the filter's choices.
func records(recs []*model.Record) ([]byte, error) {
	out := [][3]any{}
	for _, r := range recs {
		if len(r.Entries) > 0 {
			out = append(out, [3]any{r.ID, r.Name, len(r.Entries)})
		}
	}
	return render.MarshalJSON(out)
}
