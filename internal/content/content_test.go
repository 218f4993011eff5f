package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/internal/diag"
)

// problems renders a list the way the CLI prints it, one per line.
func problems(l diag.List) []string {
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	return out
}

func checkProblems(t *testing.T, got diag.List, want []string) {
	t.Helper()
	if g := problems(got); !slices.Equal(g, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", g, want)
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		front     string
		body      string
		bodyLine  int
		wantError string // "" means the split succeeds
	}{
		{"simple", "+++\na = 1\n+++\nbody\n", "a = 1\n", "body\n", 4, ""},
		{"empty front and body", "+++\n+++\n", "", "", 3, ""},
		{"no newline after closing", "+++\na = 1\n+++", "a = 1\n", "", 4, ""},
		{"crlf", "+++\r\na = 1\r\n+++\r\nline 1\r\nline 2\r\n", "a = 1\n", "line 1\nline 2\n", 4, ""},
		{"bom", "\ufeff+++\na = 1\n+++\nbody", "a = 1\n", "body", 4, ""},
		{"trailing blanks on delimiters", "+++  \na = 1\n+++\t \nbody", "a = 1\n", "body", 4, ""},
		{"body keeps later +++", "+++\n+++\nx\n+++\ny", "", "x\n+++\ny", 3, ""},
		{"multi-line front", "+++\na = 1\nb = 2\n\nc = 3\n+++\n\nbody", "a = 1\nb = 2\n\nc = 3\n", "\nbody", 7, ""},
		{"no front matter", "title = \"x\"\n", "", "", 0, `x.md:1:1: missing front matter: the file must start with a line "+++"`},
		{"yaml delimiters", "---\ntitle: x\n---\n", "", "", 0, `x.md:1:1: missing front matter: the file must start with a line "+++"`},
		{"empty file", "", "", "", 0, `x.md:1:1: missing front matter: the file must start with a line "+++"`},
		{"opening only", "+++", "", "", 0, `x.md:1:1: front matter is not closed: add a line "+++" after it`},
		{"not closed", "+++\ntitle = \"x\"\nbody\n", "", "", 0, `x.md:1:1: front matter is not closed: add a line "+++" after it`},
		{"closing indented is not a delimiter", "+++\na = 1\n +++\n", "", "", 0, `x.md:1:1: front matter is not closed: add a line "+++" after it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			d, ok := split("x.md", []byte(tt.src), &errs)
			if tt.wantError != "" {
				if ok {
					t.Fatalf("split succeeded, want error %q", tt.wantError)
				}
				checkProblems(t, errs, []string{tt.wantError})
				return
			}
			if !ok || len(errs) > 0 {
				t.Fatalf("split failed: %v", errs)
			}
			if d.front != tt.front || d.body != tt.body || d.bodyLine != tt.bodyLine || d.frontLine != 2 {
				t.Errorf("split = front %q body %q bodyLine %d frontLine %d; want %q %q %d 2",
					d.front, d.body, d.bodyLine, d.frontLine, tt.front, tt.body, tt.bodyLine)
			}
		})
	}
}

const goodEntry = `+++
title = "Putin meets Araghchi"
date = "2025-06-23"
actors = ["putin", "Araqchi"]
places = ["moscow"]
topics = ["diplomacy"]
thread = "june-war"
related = ["2025-06-22-strikes"]

[[evidence]]
source = "src-a"
quote = "Putin met Iranian Foreign Minister"
date_text = "on Monday"
date = "2025-06-23?"

[[evidence]]
source = "src-b"
quote = "the meeting"
prefix = "before "
suffix = " began"
+++
[Putin](actor:putin) met the foreign minister.
`

func TestParseEntryValues(t *testing.T) {
	e, errs := ParseEntry("content/entries/2025/2025-06-23-meeting.md", []byte(goodEntry))
	if len(errs) > 0 {
		t.Fatalf("unexpected problems: %v", errs)
	}
	const p = "content/entries/2025/2025-06-23-meeting.md"
	at := func(line, col int) diag.Pos { return diag.Pos{Path: p, Line: line, Col: col} }
	checks := []struct {
		what string
		got  Value
		text string
		pos  diag.Pos
	}{
		{"title", e.Title, "Putin meets Araghchi", at(2, 9)},
		{"date", e.Date, "2025-06-23", at(3, 8)},
		{"actors[0]", e.Actors[0], "putin", at(4, 11)},
		{"actors[1]", e.Actors[1], "Araqchi", at(4, 20)},
		{"places[0]", e.Places[0], "moscow", at(5, 11)},
		{"thread", e.Thread, "june-war", at(7, 10)},
		{"related[0]", e.Related[0], "2025-06-22-strikes", at(8, 12)},
		{"evidence[0].source", e.Evidence[0].Source, "src-a", at(11, 10)},
		{"evidence[0].quote", e.Evidence[0].Quote, "Putin met Iranian Foreign Minister", at(12, 9)},
		{"evidence[0].date_text", e.Evidence[0].DateText, "on Monday", at(13, 13)},
		{"evidence[0].date", e.Evidence[0].Date, "2025-06-23?", at(14, 8)},
		{"evidence[1].source", e.Evidence[1].Source, "src-b", at(17, 10)},
		{"evidence[1].quote", e.Evidence[1].Quote, "the meeting", at(18, 9)},
		{"evidence[1].prefix", e.Evidence[1].Prefix, "before ", at(19, 10)},
		{"evidence[1].suffix", e.Evidence[1].Suffix, " began", at(20, 10)},
	}
	for _, c := range checks {
		if c.got.Text != c.text || c.got.Pos != c.pos {
			t.Errorf("%s = %q at %v, want %q at %v", c.what, c.got.Text, c.got.Pos, c.text, c.pos)
		}
	}
	if e.ID != "2025-06-23-meeting" || e.Path != p {
		t.Errorf("id, path = %q, %q", e.ID, e.Path)
	}
	if got := []diag.Pos{e.Evidence[0].Pos, e.Evidence[1].Pos}; got[0] != at(10, 1) || got[1] != at(16, 1) {
		t.Errorf("evidence headers at %v, want 10:1 and 16:1", got)
	}
	if e.Body != "[Putin](actor:putin) met the foreign minister.\n" || e.BodyLine != 22 {
		t.Errorf("body %q at line %d", e.Body, e.BodyLine)
	}
	if e.Draft {
		t.Error("draft set")
	}
}

func TestParseEntryPositionsInMultiLineArrays(t *testing.T) {
	src := "+++\ntitle = \"T\"\ndate = \"2026\"\nactors = [\n  \"a\", # first\n\t'b',\n  \"c\\\"d\",  \"e\"\n]\ntopics = [ [\"nested\"] ]\n" +
		"[[evidence]]\nsource = \"s\"\nquote = \"\"\"multi\nline\"\"\"\n\n  [[evidence]]\n  source = 's2'   # literal\n  \"quote\" = \"q\"\n+++\n"
	// topics is an array of arrays: a type error, so decode the rest
	// without it.
	src = strings.Replace(src, "topics = [ [\"nested\"] ]\n", "", 1)
	e, errs := ParseEntry("e.md", []byte(src))
	if len(errs) > 0 {
		t.Fatalf("unexpected problems: %v", errs)
	}
	want := []struct {
		v    Value
		text string
		line int
		col  int
	}{
		{e.Actors[0], "a", 5, 3},
		{e.Actors[1], "b", 6, 2},
		{e.Actors[2], `c"d`, 7, 3},
		{e.Actors[3], "e", 7, 12},
		{e.Evidence[0].Quote, "multi\nline", 11, 9},
		{e.Evidence[1].Source, "s2", 15, 12},
		{e.Evidence[1].Quote, "q", 16, 13},
	}
	for i, w := range want {
		if w.v.Text != w.text || w.v.Pos.Line != w.line || w.v.Pos.Col != w.col {
			t.Errorf("value %d = %q at %d:%d, want %q at %d:%d", i, w.v.Text, w.v.Pos.Line, w.v.Pos.Col, w.text, w.line, w.col)
		}
	}
	if e.Evidence[1].Pos.Line != 14 || e.Evidence[1].Pos.Col != 3 {
		t.Errorf("second [[evidence]] header at %v, want 14:3", e.Evidence[1].Pos)
	}
}

func TestParseEntryProblems(t *testing.T) {
	const p = "content/entries/x.md"
	ev := "\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			"unknown key with suggestion",
			"+++\ntitle = \"T\"\ndate = \"2026\"\nactor = [\"putin\"]\n" + ev + "+++\n",
			[]string{p + `:4:1: unknown key "actor" in entry front matter (did you mean "actors"?)`},
		},
		{
			"unknown key without suggestion",
			"+++\ntitle = \"T\"\ndate = \"2026\"\n  colour = \"red\"\n" + ev + "+++\n",
			[]string{p + `:4:3: unknown key "colour" in entry front matter`},
		},
		{
			"unknown keys in the second evidence table",
			"+++\ntitle = \"T\"\ndate = \"2026\"\n" + ev + "qoute = \"x\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\ndatetext = \"x\"\n  qoute = \"y\"\n+++\n",
			[]string{
				p + `:8:1: unknown key "qoute" in entry front matter (did you mean "quote"?)`,
				p + `:13:1: unknown key "datetext" in entry front matter (did you mean "date_text"?)`,
				p + `:14:3: unknown key "qoute" in entry front matter (did you mean "quote"?)`,
			},
		},
		{
			"top-level key written inside evidence",
			"+++\ntitle = \"T\"\ndate = \"2026\"\n" + ev + "thread = \"war\"\n+++\n",
			[]string{p + `:8:1: key "thread" is inside the evidence table above it: move it before the first table header`},
		},
		{
			"missing required keys",
			"+++\nactors = []\n+++\n",
			[]string{
				p + `:1:1: entry is missing required key "title"`,
				p + `:1:1: entry is missing required key "date"`,
				p + `:1:1: entry has no [[evidence]]: every entry needs at least one verified quote from a source`,
			},
		},
		{
			"blank title is missing",
			"+++\ntitle = \"  \"\ndate = \"2026\"\n" + ev + "+++\n",
			[]string{p + `:1:1: entry is missing required key "title"`},
		},
		{
			"evidence without source and quote",
			"+++\ntitle = \"T\"\ndate = \"2026\"\n\n[[evidence]]\ndate_text = \"x\"\n+++\n",
			[]string{
				p + `:5:1: [[evidence]] is missing required key "source"`,
				p + `:5:1: [[evidence]] is missing required key "quote"`,
			},
		},
		{
			"toml date literal",
			"+++\ntitle = \"T\"\ndate = 2025-06-22\n" + ev + "+++\n",
			[]string{p + `:3:8: date must be a quoted string, e.g. date = "2025-06-22"`},
		},
		{
			"toml local date-time literal in evidence",
			"+++\ntitle = \"T\"\ndate = \"2026\"\n" + ev + "date = 2026-03-09T14:30:00\n+++\n",
			[]string{p + `:8:8: date must be a quoted string, e.g. date = "2026-03-09T14:30"`},
		},
		{
			"toml offset date-time literal",
			"+++\ntitle = \"T\"\ndate = 2026-03-09T14:30:05+03:00\n" + ev + "+++\n",
			[]string{p + `:3:8: date must be a quoted string, e.g. date = "2026-03-09T14:30:05+03:00"`},
		},
		{
			"number for a date",
			"+++\ntitle = \"T\"\ndate = 2026\n" + ev + "+++\n",
			[]string{p + `:3:8: date must be a quoted string, e.g. date = "2026"`},
		},
		{
			"string where an array belongs",
			"+++\ntitle = \"T\"\ndate = \"2026\"\nactors = \"putin\"\n" + ev + "+++\n",
			[]string{p + `:4:10: actors must be an array such as ["a", "b"], not a string`},
		},
		{
			"string for draft",
			"+++\ntitle = \"T\"\ndate = \"2026\"\ndraft = \"yes\"\n" + ev + "+++\n",
			[]string{p + `:4:9: draft must be true or false, not a string`},
		},
		{
			"single-bracket evidence table",
			"+++\ntitle = \"T\"\ndate = \"2026\"\n[evidence]\nsource = \"s\"\nquote = \"q\"\n+++\n",
			[]string{p + `:4:1: evidence must be an array of tables: write [[evidence]], with double brackets`},
		},
		{
			"syntax error: unterminated string",
			"+++\ntitle = \"T\"\ndate = \"2026\nactors = []\n+++\n",
			[]string{p + `:3:13: invalid TOML: strings cannot contain newlines`},
		},
		{
			"syntax error: missing value",
			"+++\ntitle = \"T\"\n\ndate =\n+++\n",
			[]string{p + `:4:7: invalid TOML: expected value but found '\n' instead`},
		},
		{
			"syntax error: duplicate key",
			"+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n",
			[]string{p + `:3:1: invalid TOML: Key 'title' has already been defined.`},
		},
		{
			"no front matter",
			"# Heading\n",
			[]string{p + `:1:1: missing front matter: the file must start with a line "+++"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseEntry(p, []byte(tt.src))
			checkProblems(t, errs, tt.want)
		})
	}
}

func TestParseEntryDraftAndID(t *testing.T) {
	src := "+++\ntitle = \"T\"\ndate = \"2026\"\ndraft = true\n\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n+++\n"
	e, errs := ParseEntry("content/entries/2026/Bad Name.md", []byte(src))
	checkProblems(t, errs, []string{`content/entries/2026/Bad Name.md:1:1: file name "Bad Name.md" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "bad-name.md")`})
	if e == nil || !e.Draft || e.ID != "Bad Name" {
		t.Fatalf("entry = %+v", e)
	}
}

func TestParseSource(t *testing.T) {
	const p = "content/sources/moscow-report.md"
	src := "+++\ntitle = \"Putin assures Iran\"\noutlet = \"unknown\"\npublished = \"2025-06-23?\"\nauthors = [\"A. Writer\", \"B. Writer\"]\n" +
		"language = \"en\"\nurl = \"https://example.org/a\"\nraw_sha256 = \"00\"\n+++\nMoscow: text.\n\nSecond paragraph.\n"
	s, errs := ParseSource(p, []byte(src))
	if len(errs) > 0 {
		t.Fatalf("unexpected problems: %v", errs)
	}
	if s.ID != "moscow-report" || s.Title.Text != "Putin assures Iran" || s.Outlet.Text != "unknown" ||
		s.Published.Text != "2025-06-23?" || s.Published.Pos != (diag.Pos{Path: p, Line: 4, Col: 13}) ||
		len(s.Authors) != 2 || s.Authors[1].Text != "B. Writer" || s.Authors[1].Pos != (diag.Pos{Path: p, Line: 5, Col: 25}) ||
		s.URL.Text != "https://example.org/a" || s.Language.Text != "en" || s.RawSHA256.Text != "00" {
		t.Errorf("source = %+v", s)
	}
	if s.Body != "Moscow: text.\n\nSecond paragraph.\n" || s.BodyLine != 10 {
		t.Errorf("body %q at line %d", s.Body, s.BodyLine)
	}

	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"missing keys", "+++\n+++\ntext", []string{
			p + `:1:1: source is missing required key "title"`,
			p + `:1:1: source is missing required key "outlet"`,
			p + `:1:1: source is missing required key "published"`,
		}},
		{"unknown key", "+++\ntitle = \"T\"\noutlet = \"O\"\npublished = \"2025\"\nauthor = \"X\"\n+++\n", []string{
			p + `:5:1: unknown key "author" in source front matter (did you mean "authors"?)`,
		}},
		{"date literals", "+++\ntitle = \"T\"\noutlet = \"O\"\npublished = 2025-06-23\nretrieved = 2026-03-11\n+++\n", []string{
			p + `:4:13: published must be a quoted string, e.g. published = "2025-06-23"`,
			p + `:5:13: retrieved must be a quoted string, e.g. retrieved = "2026-03-11"`,
		}},
		{"authors as string", "+++\ntitle = \"T\"\noutlet = \"O\"\npublished = \"2025\"\nauthors = \"X\"\n+++\n", []string{
			p + `:5:11: authors must be an array such as ["a", "b"], not a string`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseSource(p, []byte(tt.src))
			checkProblems(t, errs, tt.want)
		})
	}
}

func TestParseRegistry(t *testing.T) {
	const p = "content/places.toml"
	src := `# Places.
[tehran]
name = "Tehran"
aliases = ["Teheran"]
kind = "city"
country = "IR"
lat = 35.69
lon = 51.39

[moscow]
name = "Moscow"
lat = 55.75
lon = 37.62

["Bad_Id"]
name = "Bad"

[nolon]
name = "Lat only"
lat = 10.0

[far]
name = "Far"
lat = 95.0
lon = 0.0

[nameless]
kind = "city"

[typo]
name = "Typo"
alias = ["x"]
`
	recs, errs := ParseRegistry(p, "place", []byte(src))
	errs.Sort()
	checkProblems(t, errs, []string{
		p + `:15:1: place id "Bad_Id" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "bad-id")`,
		p + `:18:1: place "nolon" must give both lat and lon, or neither`,
		p + `:24:7: place "far" has coordinates out of range`,
		p + `:27:1: place "nameless" is missing required key "name"`,
		p + `:32:1: unknown key "alias" in place record (did you mean "aliases"?)`,
	})
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	if want := []string{"tehran", "moscow", "Bad_Id", "nolon", "far", "nameless", "typo"}; !slices.Equal(ids, want) {
		t.Errorf("ids in file order = %q, want %q", ids, want)
	}
	r := recs[0]
	if r.Kind != "place" || r.Name.Text != "Tehran" || r.Type.Text != "city" || r.Country.Text != "IR" ||
		r.Lat == nil || *r.Lat != 35.69 || r.Lon == nil || *r.Lon != 51.39 || r.Path != p ||
		r.Pos != (diag.Pos{Path: p, Line: 2, Col: 1}) ||
		len(r.Aliases) != 1 || r.Aliases[0] != (Value{"Teheran", diag.Pos{Path: p, Line: 4, Col: 12}}) {
		t.Errorf("tehran = %+v", r)
	}
	if recs[3].Lat == nil || recs[3].Lon != nil {
		t.Errorf("nolon coordinates = %v, %v", recs[3].Lat, recs[3].Lon)
	}

	// Syntax errors are positioned in the file itself (line 1 is line 1).
	_, errs = ParseRegistry("content/actors.toml", "actor", []byte("[putin]\nname = \"Putin\"\n[putin]\nname = \"Again\"\n"))
	checkProblems(t, errs, []string{`content/actors.toml:3:1: invalid TOML: Key 'putin' has already been defined.`})
	// Dotted keys define a record too; it must not get lost.
	recs, errs = ParseRegistry("content/topics.toml", "topic", []byte("a.name = \"A\"\n\n[b]\nname = \"B\"\n"))
	if len(errs) > 0 || len(recs) != 2 || recs[0].ID != "b" || recs[1].ID != "a" || recs[1].Name.Text != "A" {
		t.Errorf("dotted keys: %v %v", recs, errs)
	}
	// A top-level value is not a record.
	_, errs = ParseRegistry("content/actors.toml", "actor", []byte("name = \"x\"\n"))
	if len(errs) != 1 || errs[0].Pos.Line != 1 {
		t.Errorf("top-level value: %v", errs)
	}
}

func TestLoad(t *testing.T) {
	entry := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\ndate = \"2026\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n+++\n")}
	}
	fsys := fstest.MapFS{
		"content/sources/s.md":              {Data: []byte("+++\ntitle = \"S\"\noutlet = \"O\"\npublished = \"2026\"\n+++\nq\n")},
		"content/sources/notes.txt":         {Data: []byte("not a source")},
		"content/entries/b.md":              entry("B"),
		"content/entries/2025/a.md":         entry("A"),
		"content/entries/2025/.hidden.md":   entry("hidden"),
		"content/entries/2025/#a.md#":       entry("autosave"),
		"content/entries/2025/c.md~":        entry("backup"),
		"content/entries/.drafts/d.md":      entry("hidden dir"),
		"content/entries/2026/broken.md":    {Data: []byte("no front matter")},
		"content/actors.toml":               {Data: []byte("[putin]\nname = \"Putin\"\n")},
		"content/topics.toml":               {Data: []byte("[a]\nnmae = \"x\"\n")},
		"content/entries/2026/z-last.md":    entry("Z"),
		"content/entries/2025/sub/deep.md":  entry("Deep"),
		"content/entries/2025/sub/.swp.swp": entry("swap"),
	}
	site, errs := Load(fsys)
	errs.Sort()
	checkProblems(t, errs, []string{
		`content/entries/2026/broken.md:1:1: missing front matter: the file must start with a line "+++"`,
		`content/topics.toml:1:1: topic "a" is missing required key "name"`,
		`content/topics.toml:2:1: unknown key "nmae" in topic record (did you mean "name"?)`,
	})
	var paths []string
	for _, e := range site.Entries {
		p := e.Path
		if e.Broken {
			p += " (broken)"
		}
		paths = append(paths, p)
	}
	// The broken entry is kept, marked, so that references to it are not
	// reported as references to nothing.
	want := []string{"content/entries/2025/a.md", "content/entries/2025/sub/deep.md", "content/entries/2026/broken.md (broken)", "content/entries/2026/z-last.md", "content/entries/b.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("entries = %q, want %q", paths, want)
	}
	if len(site.Sources) != 1 || site.Sources[0].ID != "s" {
		t.Errorf("sources = %v", site.Sources)
	}
	if len(site.Records["actor"]) != 1 || len(site.Records["place"]) != 0 || len(site.Records["topic"]) != 1 {
		t.Errorf("records = %v", site.Records)
	}

	// A site without content at all is not an error here.
	if site, errs := Load(fstest.MapFS{}); len(errs) > 0 || len(site.Entries) > 0 {
		t.Errorf("empty site: %v %v", site, errs)
	}
}

func TestSlugs(t *testing.T) {
	for _, tt := range []struct {
		in   string
		slug bool
		fix  string
	}{
		{"putin", true, "putin"},
		{"2025-06-22-us-strikes", true, "2025-06-22-us-strikes"},
		{"a1-b2", true, "a1-b2"},
		{"", false, ""},
		{"-a", false, "a"},
		{"a-", false, "a"},
		{"a--b", false, "a-b"},
		{"A", false, "a"},
		{"Iran’s war", false, "irans-war"},
		{"a_b", false, "a-b"},
		{"café", false, "caf"},
	} {
		if got := IsSlug(tt.in); got != tt.slug {
			t.Errorf("IsSlug(%q) = %v", tt.in, got)
		}
		if got := Slugify(tt.in); got != tt.fix || (got != "" && !IsSlug(got)) {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.fix)
		}
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "dir/a.md": false, ".a.md": true, "dir/.git": true, "a.md~": true,
		"#a.md#": true, "a.md.swp": true, ".a.md.swx": true, "a.tmp": true, "a.md___jb_tmp___": true,
		"a.md.swo": true, "a.css.bak": true, "4913": true, "5036": true, "2025": false, "4914": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

// One bad value breaks its record only; a file that does not parse still
// names its records. Both are kept, marked Broken, so that references to
// them are not reported as references to nothing.
func TestParseRegistryBroken(t *testing.T) {
	const p = "content/places.toml"
	tests := []struct {
		name, src string
		problems  []string
		broken    []string // ids of broken records, with their aliases
		good      []string
	}{
		{
			name: "string lat",
			src:  "[moscow]\nname = \"Moscow\"\naliases = [\"Moskva\"]\nlat = \"55.75\"\nlon = 37.62\n\n[kyiv]\nname = \"Kyiv\"\n",
			problems: []string{
				p + `:4:7: lat must be a number, not a string`,
			},
			broken: []string{"moscow Moskva"},
			good:   []string{"kyiv"},
		},
		{
			name:     "wrong type for aliases",
			src:      "[moscow]\nname = \"Moscow\"\naliases = \"Moskva\"\n[kyiv]\nname = \"Kyiv\"\nnmae = 1\n",
			problems: []string{p + `:3:11: aliases must be an array such as ["a", "b"], not a string`, p + `:6:1: unknown key "nmae" in place record (did you mean "name"?)`},
			broken:   []string{"moscow"},
			good:     []string{"kyiv"},
		},
		{
			name:     "syntax",
			src:      "[moscow]\nname = \"Moscow\n[kyiv]\nname = \"Kyiv\"\n",
			problems: []string{p + `:2:15: invalid TOML: strings cannot contain newlines`},
			broken:   []string{""}, // the whole file
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs := ParseRegistry(p, "place", []byte(tt.src))
			errs.Sort()
			var got []string
			for _, p := range errs {
				got = append(got, p.Error())
			}
			if !slices.Equal(got, tt.problems) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
			var broken, good []string
			for _, r := range recs {
				if !r.Broken {
					good = append(good, r.ID)
					continue
				}
				s := r.ID
				for _, a := range r.Aliases {
					s += " " + a.Text
				}
				broken = append(broken, s)
				if r.Pos.Path != p || r.Pos.Line < 1 || r.Pos.Col < 1 {
					t.Errorf("broken record %q at %v", r.ID, r.Pos)
				}
			}
			if !slices.Equal(broken, tt.broken) || !slices.Equal(good, tt.good) {
				t.Errorf("broken %q, good %q; want %q, %q", broken, good, tt.broken, tt.good)
			}
		})
	}
}
