package search_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/search"
)

// miniSite has n entries citing one source, with words chosen so that each
// way of matching has something to find: names in two spellings, stems,
// diacritics, and records of every kind.
func miniSite(n int) fstest.MapFS {
	src := "Araghchi met Putin in Moscow. The strikes hit Natanz. Striking talks followed in Zürich. Nebenzia spoke.\n"
	fsys := fstest.MapFS{
		"site.toml":                  {Data: []byte("title = \"Mini\"\nbase_url = \"/\"\nlanguage = \"en\"\n")},
		"content/sources/report.md":  {Data: []byte("+++\ntitle = \"Envoy report from Vienna\"\noutlet = \"unknown\"\npublished = \"2025-06-23\"\n+++\n" + src)},
		"content/actors.toml":        {Data: []byte("[araghchi]\nname = \"Abbas Araghchi\"\naliases = [\"Araqchi\"]\n\n[putin]\nname = \"Vladimir Putin\"\n")},
		"content/places.toml":        {Data: []byte("[moscow]\nname = \"Moscow\"\n\n[natanz]\nname = \"Natanz\"\n")},
		"content/topics.toml":        {Data: []byte("[talks]\nname = \"Talks\"\n")},
		"content/threads.toml":       {Data: []byte("[war]\nname = \"The June war\"\n")},
		"content/entries/.gitignore": {Data: nil},
	}
	quotes := []string{"Araghchi met Putin in Moscow", "The strikes hit Natanz", "Striking talks followed in Zürich", "Nebenzia spoke"}
	for i := range n {
		actors := []string{`"putin"`, `"araghchi"`, `"putin", "araghchi"`}[i%3]
		places := []string{`"moscow"`, `"natanz"`}[i%2]
		thread := ""
		if i%4 == 0 {
			thread = "thread = \"war\"\n"
		}
		entry := fmt.Sprintf(`+++
title = "Event %d of the word%d kind"
date = "%d-%02d-%02d"
actors = [%s]
places = [%s]
topics = ["talks"]
%s
[[evidence]]
source = "report"
quote = %q
+++
Summary number %d, about item%d.
`, i, i%7, 2020+i%5, 1+i%12, 1+i%28, actors, places, thread, quotes[i%len(quotes)], i, i)
		fsys[fmt.Sprintf("content/entries/e%03d.md", i)] = &fstest.MapFile{Data: []byte(entry)}
	}
	delete(fsys, "content/entries/.gitignore")
	return fsys
}

// client finds a query word in the built files as static/search.js does:
// the manifest names the shard, the shard's rows give the positions.
type client struct {
	t     *testing.T
	files map[string][]byte
	m     struct {
		N      int       `json:"n"`
		Chunk  int       `json:"chunk"`
		Shards []*string `json:"shards"`
		Dates  [][2]int  `json:"dates"`
	}
}

func newClient(t *testing.T, files map[string][]byte) *client {
	c := &client{t: t, files: files}
	if err := json.Unmarshal(files["search/index.json"], &c.m); err != nil {
		t.Fatalf("search/index.json: %v", err)
	}
	return c
}

func (c *client) file(name string) string {
	b, ok := c.files["search/"+name]
	if !ok {
		c.t.Fatalf("search/%s is missing", name)
	}
	return string(b)
}

func positions(s string) []int {
	var out []int
	last := 0
	for _, d := range strings.Split(strings.TrimSpace(s), ",") {
		if d == "" {
			continue
		}
		v, _ := strconv.ParseInt(d, 36, 64)
		last += int(v)
		out = append(out, last)
	}
	return out
}

// rows returns the rows with key, or starting with it, across shards.
func (c *client) rows(key string, prefix bool) [][]string {
	start := -1
	for i, s := range c.m.Shards {
		if s != nil && *s <= key {
			start = i
		}
	}
	var out [][]string
	for i := start; i >= 0 && i < len(c.m.Shards); i++ {
		if c.m.Shards[i] == nil {
			continue
		}
		if i > start && !(prefix && strings.HasPrefix(*c.m.Shards[i], key)) {
			break
		}
		for _, line := range strings.Split(strings.TrimSuffix(c.file("t/"+strconv.Itoa(i)+".txt"), "\n"), "\n") {
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				c.t.Fatalf("shard %d: line %q", i, line)
			}
			if f[0] == key || prefix && strings.HasPrefix(f[0], key) {
				out = append(out, f)
			}
		}
	}
	return out
}

func (c *client) word(w string) []int {
	var p []int
	add := func(rows [][]string) {
		for _, r := range rows {
			p = append(p, positions(r[2])...)
		}
	}
	add(c.rows(w, len([]rune(w)) >= 3))
	if v := search.Variant(w); v != "" {
		add(c.rows("~"+v, false))
	}
	slices.Sort(p)
	return slices.Compact(p)
}

func TestIndexFiles(t *testing.T) {
	const n = 300 // several shards and two date chunks
	s, err := build.Build(miniSite(n), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	x := search.Build(s.Timeline)
	c := newClient(t, s.Files)

	// The files are those Pages promises, each small.
	if c.m.N != n || len(c.m.Shards) != search.ShardCount(n) || len(c.m.Dates) != (n+search.ChunkSize-1)/search.ChunkSize {
		t.Fatalf("manifest: %d entries, %d shards, %d date chunks", c.m.N, len(c.m.Shards), len(c.m.Dates))
	}
	if len(c.m.Shards) < 2 {
		t.Fatalf("%d entries make one shard", n)
	}
	var starts []string
	for i, st := range c.m.Shards {
		if st != nil {
			starts = append(starts, *st)
		}
		c.file("t/" + strconv.Itoa(i) + ".txt")
	}
	if !slices.IsSorted(starts) || starts[0] != "" {
		t.Errorf("shard starts not sorted from \"\": %q", starts)
	}
	for i := range n {
		var d search.Doc
		if err := json.Unmarshal([]byte(c.file("d/"+strconv.Itoa(i)+".json")), &d); err != nil || d.ID != s.Timeline.Entries[i].ID {
			t.Errorf("d/%d.json: %v, id %q, want %q", i, err, d.ID, s.Timeline.Entries[i].ID)
		}
	}
	for _, kind := range []string{"actor", "place", "topic", "thread"} {
		var recs [][3]any
		if err := json.Unmarshal([]byte(c.file("f/"+kind+".json")), &recs); err != nil || len(recs) == 0 {
			t.Errorf("f/%s.json: %v, %d records", kind, err, len(recs))
		}
		for _, r := range s.Timeline.Records(kind) {
			var want []int
			for _, e := range r.Entries {
				want = append(want, e.Index)
			}
			if got := positions(c.file("f/" + kind + "/" + r.ID + ".txt")); !slices.Equal(got, want) {
				t.Errorf("f/%s/%s.txt: %v, want %v", kind, r.ID, got, want)
			}
		}
	}
	for name, data := range s.Files {
		if strings.HasPrefix(name, search.Dir) && len(data) > 64<<10 {
			t.Errorf("%s is %d bytes", name, len(data))
		}
	}

	// Without JavaScript the page points to the pages that list entries,
	// and hides the form that could not work; every page links to it.
	page := string(s.Files["search/index.html"])
	for _, want := range []string{"<noscript>", `href="../actors/"`, `href="../places/"`, `href="../topics/"`, `href="../threads/"`, `href="../entries/"`, `src="../search.js"`} {
		if !strings.Contains(page, want) {
			t.Errorf("search/index.html lacks %s", want)
		}
	}
	if form, _, _ := strings.Cut(page[strings.Index(page, "<form"):], ">"); !strings.Contains(form, "hidden") {
		t.Errorf("the search form is shown without JavaScript: %s>", form)
	}
	if !strings.Contains(string(s.Files["index.html"]), `href="search/"`) {
		t.Error("the timeline does not link to the search page")
	}

	// A word found through the files is what the reference finds, and
	// what the words of the entries say.
	has := func(word string) []int {
		var out []int
		for i, e := range s.Timeline.Entries {
			var text []string
			for _, ev := range e.Evidence {
				text = append(text, ev.Quote)
			}
			if strings.Contains(strings.ToLower(e.Title+" "+e.Body+" "+strings.Join(text, " ")), word) {
				out = append(out, i)
			}
		}
		return out
	}
	for _, c2 := range []struct {
		q    string
		want []int
	}{
		{"Araqchi", union(has("araghchi"), recordEntries(s, "actor", "araghchi"))},   // an alias, and a variant of the name
		{"Araghtchi", union(has("araghchi"), recordEntries(s, "actor", "araghchi"))}, // a variant only
		{"strike", union(has("strike"), has("striking"))},                            // stems
		{"zurich", has("zürich")}, // diacritics
		{"Nebenzya", has("nebenzia")},
		{"item299", []int{indexOf(s, "e299")}},
		{"item29", union(has("item29."), has("item29"))}, // a prefix: item29 and item290 to item299
	} {
		v, _ := url.ParseQuery("q=" + url.QueryEscape(c2.q))
		q, err := search.ParseQuery(v)
		if err != nil {
			t.Fatal(err)
		}
		ref := x.Match(s.Timeline, q)
		if !slices.Equal(ref, c2.want) {
			t.Errorf("%s: the reference finds %v, want %v", c2.q, ref, c2.want)
		}
		if got := c.word(q.Words[0]); !slices.Equal(got, ref) {
			t.Errorf("%s: the files give %v, the reference %v", c2.q, got, ref)
		}
	}
}

func union(a, b []int) []int {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

func recordEntries(s *build.Site, kind, id string) []int {
	var out []int
	for _, r := range s.Timeline.Records(kind) {
		if r.ID == id {
			for _, e := range r.Entries {
				out = append(out, e.Index)
			}
		}
	}
	return out
}

func indexOf(s *build.Site, id string) int {
	for i, e := range s.Timeline.Entries {
		if e.ID == id {
			return i
		}
	}
	return -1
}
