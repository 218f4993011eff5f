package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/diag"
	"dateline/internal/output"
	"dateline/internal/search"
)

// miniSite is a complete small site: 3 sources, 5 published entries and a
// draft, every registry, and Markdown cross references of every kind.
var miniSite = map[string]string{
	"site.toml": `title = "Mini timeline"
description = "A test site."
base_url = "https://example.org/mini/"
language = "en-GB"
copyright = "© Test"
`,
	"content/sources/moscow-report.md": `+++
title = "Putin assures Iran of support"
outlet = "unknown"
published = "2025-06-23?"
language = "en"
+++
Moscow: Russian President Vladimir Putin on Monday assured Tehran of support hours after the US strikes at Iranian nuclear sites at dawn on Sunday.

Putin met Iranian Foreign Minister Abbas Araghchi, who came to Moscow on Sunday night.

“This is an absolutely unprovoked aggression against Iran,” Putin said.
`,
	"content/sources/tass-brief.md": `+++
title = "Putin tells Araqchi"
outlet = "TASS"
published = "2025-06-23"
url = "https://tass.example/123"
authors = ["A. Reporter"]
+++
Before Saturday’s U.S. strikes, Araqchi had said Iran would defend itself.

Two days after the strikes, Putin met Araqchi in Moscow.
`,
	"content/sources/march-calls.md": `+++
title = "Putin speaks with Pezeshkian"
outlet = "unknown"
published = "2026-03-10"
+++
Putin on Tuesday spoke by phone with Iranian President Masoud Pezeshkian. The two leaders had also spoken earlier this month.

The call came a day after Putin spoke with Trump.
`,
	"content/actors.toml": `[putin]
name = "Vladimir Putin"
aliases = ["Putin"]
kind = "person"
description = "President of Russia."
wikidata = "Q7747"

[araghchi]
name = "Abbas Araghchi"
aliases = ["Araghchi", "Araqchi"]
kind = "person"

[pezeshkian]
name = "Masoud Pezeshkian"
kind = "person"

[united-states]
name = "United States"
aliases = ["US", "U.S."]
kind = "state"
`,
	"content/places.toml": `[moscow]
name = "Moscow"
kind = "city"
country = "RU"
lat = 55.75
lon = 37.62

[iran]
name = "Iran"
kind = "state"
`,
	"content/topics.toml": `[diplomacy]
name = "Diplomacy"

[nuclear-programme]
name = "Nuclear programme"
`,
	"content/threads.toml": `[june-war]
name = "June 2025 war"
description = "Twelve days of strikes."

[march-calls]
name = "March 2026 calls"
`,
	"content/entries/2025/2025-06-22-us-strikes.md": `+++
title = "US strikes Iran’s nuclear sites"
date = "2025-06-21?/2025-06-22?"
actors = ["US"]
places = ["iran"]
topics = ["nuclear-programme"]
thread = "june-war"
related = ["2025-06-23-putin-meets-araghchi"]

[[evidence]]
source = "moscow-report"
quote = "the US strikes at Iranian nuclear sites at dawn on Sunday"
date_text = "at dawn on Sunday"
date = "2025-06-22?"

[[evidence]]
source = "tass-brief"
quote = "Before Saturday's U.S. strikes"
date_text = "Saturday’s"
date = "2025-06-21?"
+++
The [United States](actor:united-states) struck; the sources disagree on the day. See [the report](source:tass-brief).
`,
	"content/entries/2025/2025-06-23-putin-meets-araghchi.md": `+++
title = "Putin meets Araghchi in Moscow"
date = "2025-06-23"
actors = ["Putin", "Araqchi"]
places = ["moscow"]
topics = ["diplomacy"]
thread = "june-war"

[[evidence]]
source = "moscow-report"
quote = "Putin met Iranian Foreign Minister Abbas Araghchi"

[[evidence]]
source = "tass-brief"
quote = "Putin met Araqchi in Moscow"
date_text = "Two days after the strikes"
+++
[Putin](actor:putin) met [Araghchi](actor:araghchi) in [Moscow](place:moscow) after [the strikes](entry:2025-06-22-us-strikes), part of [the war](thread:june-war) ([topic](topic:diplomacy)).
`,
	"content/entries/2025/2025-putin-condemns-aggression.md": `+++
title = "Putin calls the strikes unprovoked aggression"
date = "2025-06~"
actors = ["putin"]
topics = ["nuclear-programme"]

[[evidence]]
source = "moscow-report"
quote = "This is an absolutely unprovoked aggression against Iran"
+++
Putin condemned the strikes.
`,
	"content/entries/2026/2026-03-10-putin-pezeshkian-call.md": `+++
title = "Putin and Pezeshkian speak by phone"
date = "2026-03-10T14:30+03:00"
actors = ["putin", "pezeshkian"]
thread = "march-calls"

[[evidence]]
source = "march-calls"
quote = "Putin on Tuesday spoke by phone with Iranian President Masoud Pezeshkian"
date_text = "on Tuesday"
+++
A call.
`,
	"content/entries/2026/2026-03-earlier-call.md": `+++
title = "An earlier call"
date = "2026-03-XX"
actors = ["putin", "pezeshkian"]
thread = "march-calls"

[[evidence]]
source = "march-calls"
quote = "had also spoken earlier this month"
date_text = "earlier this month"
+++
Undated within March.
`,
	"content/entries/2026/draft-idea.md": `+++
title = "Not ready"
date = "2026-03-09"
draft = true

[[evidence]]
source = "march-calls"
quote = "Putin spoke with Trump"
+++
Draft.
`,
}

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// themeStatic lists the built-in theme's static files, which every build
// copies to the output root.
func themeStatic(t testing.TB) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(dateline.Theme(), "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, strings.TrimPrefix(p, "static/"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// exportPath reports whether p is one of the further outputs DESIGN.md §5
// lists (embeds, feeds, calendar, sitemap, TimelineJS).
func exportPath(p string) bool {
	switch p {
	case "timelinejs.json", "feed.xml", "feed.json", "calendar.ics", "sitemap.xml":
		return true
	}
	return strings.HasPrefix(p, "embed/") || strings.HasSuffix(p, "/timelinejs.json") ||
		strings.HasPrefix(p, search.Dir) && p != search.Dir+"index.html" // the search index
}

func TestBuildMiniSite(t *testing.T) {
	t.Parallel()
	s, err := build.Build(mapFS(miniSite), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if len(s.Problems) > 0 {
		t.Errorf("problems: %v", s.Problems)
	}

	entries := []string{"2025-06-22-us-strikes", "2025-06-23-putin-meets-araghchi", "2025-putin-condemns-aggression", "2026-03-10-putin-pezeshkian-call", "2026-03-earlier-call"}
	want := []string{"index.html", "404.html", "timeline.json", "search/index.html",
		"sources/index.html", "entries/index.html", "actors/index.html", "places/index.html", "topics/index.html", "threads/index.html"}
	want = append(want, themeStatic(t)...)
	for _, id := range entries {
		want = append(want, "entries/"+id+"/index.html")
	}
	for _, dir := range []string{
		"sources/moscow-report", "sources/tass-brief", "sources/march-calls",
		"actors/putin", "actors/araghchi", "actors/pezeshkian", "actors/united-states",
		"places/moscow", "places/iran", "topics/diplomacy", "topics/nuclear-programme",
		"threads/june-war", "threads/march-calls",
	} {
		want = append(want, dir+"/index.html")
	}
	slices.Sort(want)
	var core, extra []string
	for p := range s.Files {
		if exportPath(p) {
			extra = append(extra, p)
		} else {
			core = append(core, p)
		}
	}
	slices.Sort(core)
	if !slices.Equal(core, want) {
		t.Errorf("output paths:\n  got  %q\n  want %q", core, want)
	}
	t.Logf("%d pages and exports besides: %d", len(core), len(extra))
	if _, ok := s.Files["entries/draft-idea/index.html"]; ok {
		t.Error("the draft entry was published")
	}
	// /entries/ lists every published entry, by date.
	index := string(s.Files["entries/index.html"])
	last := -1
	for _, e := range s.Timeline.Entries { // in timeline order
		id := e.ID
		i := strings.Index(index, `href="../entries/`+id+`/"`)
		if i < 0 {
			t.Errorf("/entries/ does not list %s", id)
		}
		if i < last {
			t.Errorf("/entries/ lists %s out of date order", id)
		}
		last = i
	}
	if strings.Contains(index, "draft-idea") {
		t.Error("/entries/ lists the draft")
	}

	if problems := checkSite(s.Files, s.Config.BaseURL); len(problems) > 0 {
		t.Errorf("site check:\n%s", strings.Join(problems, "\n"))
	}

	// The 404 page is served at any missing URL: no relative links.
	for _, el := range parseHTML(s.Files["404.html"]) {
		for _, attr := range []string{"href", "src"} {
			if ref, ok := el.attr(attr); ok && !strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "#") && !strings.HasPrefix(ref, "https://") {
				t.Errorf("404.html: relative <%s %s=%q>", el.name, attr, ref)
			}
		}
	}

	// Minified: no indentation or blank lines survive in HTML.
	for p, b := range s.Files {
		if strings.HasSuffix(p, ".html") && (strings.Contains(string(b), "\n\n") || strings.Contains(string(b), "\n ")) {
			t.Errorf("%s is not minified", p)
		}
	}

	// The entry page shows what the reader needs.
	page := string(s.Files["entries/2025-06-22-us-strikes/index.html"])
	for _, want := range []string{
		"The sources disagree on the date",
		`href="../../sources/moscow-report/#q-2025-06-22-us-strikes-1"`,
		`href="../../actors/united-states/"`,
		"“at dawn on Sunday”",
		"(outlet not stated)", // the moscow report names no outlet
		"TASS",
		`rel="next" href="../../entries/2025-06-23-putin-meets-araghchi/"`,
		`<time datetime="2025-06-21">21–22 June 2025?</time>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("entry page lacks %q", want)
		}
	}
	src := string(s.Files["sources/tass-brief/index.html"])
	if !strings.Contains(src, `id="q-2025-06-22-us-strikes-2"`) || !strings.Contains(src, `<mark`) {
		t.Error("source page does not highlight the cited passage")
	}
	if !strings.Contains(string(s.Files["actors/araghchi/index.html"]), "Araqchi") {
		t.Error("actor page does not show the aliases")
	}
}

// jsonTimeline is the part of /timeline.json the round trip checks.
type jsonTimeline struct {
	Title   string `json:"title"`
	BaseURL string `json:"base_url"`
	Entries []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Date  struct {
			EDTF, Display, Lower, Upper, Precision string
		} `json:"date"`
		Actors       []string `json:"actors"`
		Places       []string `json:"places"`
		Topics       []string `json:"topics"`
		Thread       string   `json:"thread"`
		Related      []string `json:"related"`
		Disagreement bool     `json:"date_disagreement"`
		URL          string   `json:"url"`
		Evidence     []struct {
			Source, Quote, Passage string
			Start, End             int
			URL                    string
		} `json:"evidence"`
	} `json:"entries"`
	Sources []struct {
		ID, Text string
		Entries  []string
	} `json:"sources"`
	Actors []struct {
		ID      string
		Aliases []string
		Entries []string
	} `json:"actors"`
}

func TestTimelineJSON(t *testing.T) {
	t.Parallel()
	s, err := build.Build(mapFS(miniSite), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data := s.Files["timeline.json"]
	var j jsonTimeline
	if err := json.Unmarshal(data, &j); err != nil {
		t.Fatalf("timeline.json: %v", err)
	}
	// Generic round trip: decode, encode, decode gives the same value.
	var a, b any
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	re, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(re, &b); err != nil || !reflect.DeepEqual(a, b) {
		t.Fatalf("timeline.json does not round-trip: %v", err)
	}

	if j.Title != "Mini timeline" || j.BaseURL != "https://example.org/mini/" {
		t.Errorf("title, base_url = %q, %q", j.Title, j.BaseURL)
	}
	tl := s.Timeline
	if len(j.Entries) != len(tl.Entries) {
		t.Fatalf("%d entries in JSON, %d in the model", len(j.Entries), len(tl.Entries))
	}
	texts := map[string]string{}
	for _, src := range j.Sources {
		texts[src.ID] = src.Text
	}
	for i, e := range tl.Entries {
		je := j.Entries[i]
		ids := func(n int, id func(int) string) []string {
			out := []string{}
			for k := range n {
				out = append(out, id(k))
			}
			return out
		}
		if je.ID != e.ID || je.Title != e.Title || je.Date.EDTF != e.Date.String() || je.Date.Display != e.Date.Display() ||
			je.Date.Lower != e.Date.Lower().Format("2006-01-02") || je.Disagreement != e.Disagreement() ||
			je.URL != "https://example.org/mini/entries/"+e.ID+"/" {
			t.Errorf("entry %d: JSON %+v does not match the model's %s", i, je, e.ID)
		}
		if !slices.Equal(je.Actors, ids(len(e.Actors), func(k int) string { return e.Actors[k].ID })) ||
			!slices.Equal(je.Places, ids(len(e.Places), func(k int) string { return e.Places[k].ID })) ||
			!slices.Equal(je.Related, ids(len(e.Related), func(k int) string { return e.Related[k].ID })) {
			t.Errorf("entry %s: references %v %v %v", e.ID, je.Actors, je.Places, je.Related)
		}
		if len(je.Evidence) != len(e.Evidence) {
			t.Fatalf("entry %s: %d pieces of evidence in JSON", e.ID, len(je.Evidence))
		}
		for k, ev := range je.Evidence {
			text := texts[ev.Source]
			if ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End || text[ev.Start:ev.End] != ev.Passage || ev.Passage != e.Evidence[k].Passage() {
				t.Errorf("entry %s evidence %d: offsets %d..%d do not give the passage %q", e.ID, k, ev.Start, ev.End, ev.Passage)
			}
			if !strings.HasSuffix(ev.URL, "/sources/"+ev.Source+"/#"+e.Evidence[k].Anchor()) {
				t.Errorf("evidence URL %q", ev.URL)
			}
		}
	}
	if j.Entries[0].ID != "2025-putin-condemns-aggression" || j.Entries[0].Date.Precision != "month" {
		t.Errorf("first entry %+v", j.Entries[0])
	}
	for _, a := range j.Actors {
		if a.ID == "araghchi" && (!slices.Equal(a.Aliases, []string{"Araghchi", "Araqchi"}) || !slices.Equal(a.Entries, []string{"2025-06-23-putin-meets-araghchi"})) {
			t.Errorf("araghchi = %+v", a)
		}
	}
}

func TestBuildDraftsAndBaseURL(t *testing.T) {
	t.Parallel()
	s, err := build.Build(mapFS(miniSite), dateline.Theme(), build.Options{Drafts: true, BaseURL: "/preview"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Files["entries/draft-idea/index.html"] == nil {
		t.Error("--drafts did not publish the draft")
	}
	if s.Config.BaseURL != "/preview/" {
		t.Errorf("base URL %q", s.Config.BaseURL)
	}
	if problems := checkSite(s.Files, s.Config.BaseURL); len(problems) > 0 {
		t.Errorf("site check:\n%s", strings.Join(problems, "\n"))
	}
	if _, err := build.Build(mapFS(miniSite), dateline.Theme(), build.Options{BaseURL: "ftp://x"}); err == nil {
		t.Error("a bad --base-url was accepted")
	}
}

func TestBuildStopsOnContentErrors(t *testing.T) {
	t.Parallel()
	files := maps.Clone(miniSite)
	files["content/entries/2026/2026-03-earlier-call.md"] = strings.Replace(files["content/entries/2026/2026-03-earlier-call.md"], `actors = ["putin", "pezeshkian"]`, `actors = ["putin", "pezeshkain"]`, 1)
	s, err := build.Build(mapFS(files), dateline.Theme(), build.Options{})
	if err == nil {
		t.Fatal("build succeeded with a dangling actor")
	}
	if s.Files != nil {
		t.Error("a failed build produced files")
	}
	want := `content/entries/2026/2026-03-earlier-call.md:4:20: unknown actor "pezeshkain" (did you mean "pezeshkian"?)`
	if got := err.Error(); got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestSiteTemplatesOverrideTheme(t *testing.T) {
	t.Parallel()
	files := maps.Clone(miniSite)
	files["templates/404.html"] = `{{template "top" .}}<h1>Lost</h1><p>Custom.</p>{{template "bottom" .}}`
	files["static/extra.txt"] = "kept as is\n"
	files["static/.secret~"] = "editor backup"
	s, err := build.Build(mapFS(files), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(s.Files["404.html"]), "Custom.") {
		t.Error("the site's template did not override the theme's")
	}
	if !strings.Contains(string(s.Files["index.html"]), "Mini timeline") {
		t.Error("the theme's other templates were lost")
	}
	if string(s.Files["extra.txt"]) != "kept as is\n" || s.Files["style.css"] == nil {
		t.Error("static files not merged")
	}
	if s.Files[".secret~"] != nil {
		t.Error("editor files were published")
	}

	// A broken template is an error naming the file.
	files["templates/entry.html"] = `{{template "top" .}}{{.Nope}`
	if _, err := build.Build(mapFS(files), dateline.Theme(), build.Options{}); err == nil || !strings.Contains(err.Error(), "templates/entry.html") {
		t.Errorf("broken template: %v", err)
	}
}

func TestLayers(t *testing.T) {
	t.Parallel()
	top := fstest.MapFS{"a.txt": {Data: []byte("top")}, "dir/x.txt": {Data: []byte("x")}}
	bottom := fstest.MapFS{"a.txt": {Data: []byte("bottom")}, "b.txt": {Data: []byte("b")}, "dir/y.txt": {Data: []byte("y")}}
	l := build.Layers{top, bottom}
	if err := fstest.TestFS(l, "a.txt", "b.txt", "dir/x.txt", "dir/y.txt"); err != nil {
		t.Fatal(err)
	}
	if b, _ := fs.ReadFile(l, "a.txt"); string(b) != "top" {
		t.Errorf("a.txt = %q: the first layer must win", b)
	}
	if _, err := l.Open("../a.txt"); err == nil {
		t.Error("invalid path opened")
	}
	if _, err := l.Open("missing"); err == nil {
		t.Error("missing file opened")
	}
}

// hashTree hashes every file below dir (see output.HashTree).
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	h, err := output.HashTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRunKeepsOutputOnFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeSite(t, src, miniSite)
	sum, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("first build: %v %v", err, problems)
	}
	if sum.Entries != 5 || sum.Sources != 3 || sum.Pages == 0 || sum.Files < sum.Pages || sum.Out != out {
		t.Errorf("summary %+v", sum)
	}
	before := hashTree(t, out)
	if len(before) != sum.Files {
		t.Errorf("%d files on disk, summary says %d", len(before), sum.Files)
	}

	broken := strings.Replace(miniSite["content/entries/2025/2025-06-23-putin-meets-araghchi.md"], `date = "2025-06-23"`, `date = "2025-06-31"`, 1)
	writeSite(t, src, map[string]string{"content/entries/2025/2025-06-23-putin-meets-araghchi.md": broken})
	_, problems, err = build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil)
	if err == nil || len(problems.Errors()) != 1 {
		t.Fatalf("broken build: %v %v", err, problems)
	}
	if p := problems[0].Pos.Path; p != filepath.Join(src, "content/entries/2025/2025-06-23-putin-meets-araghchi.md") {
		t.Errorf("problem path %q is not relative to the working directory", p)
	}
	if after := hashTree(t, out); !maps.Equal(before, after) {
		t.Error("a failed build changed the previous output")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("left-over files next to the output: %v", ents)
	}
}

// A symbolic link that leads outside the site is refused with its
// position, in content/ and static/ alike, and publishes nothing; links
// inside the site are followed.
func TestRunRefusesLinksOutside(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeSite(t, src, miniSite)
	secret := filepath.Join(dir, "secret.txt")
	writeSite(t, dir, map[string]string{"secret.txt": "root:x:0:0:root:/root:/bin/bash"})
	link := func(target, name string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	link("../content/actors.toml", "static/actors.txt") // inside: followed
	if _, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil); err != nil {
		t.Fatalf("a link inside the site: %v %v", err, problems)
	}
	if b, err := os.ReadFile(filepath.Join(out, "actors.txt")); err != nil || !strings.Contains(string(b), "name") {
		t.Errorf("the link inside the site was not followed: %q %v", b, err)
	}
	before := hashTree(t, out)

	link(secret, "static/passwd.txt")
	link("../../../secret.txt", "content/sources/leak.md")
	_, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil)
	if err == nil {
		t.Fatal("a build through links outside the site succeeded")
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	want := []string{
		filepath.Join(src, "content/sources/leak.md") + `:1:1: symbolic link to "../../../secret.txt" leads outside the site; copy the file into the site instead`,
		filepath.Join(src, "static/passwd.txt") + `:1:1: symbolic link to "` + secret + `" leads outside the site; copy the file into the site instead`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if after := hashTree(t, out); !maps.Equal(before, after) {
		t.Error("a refused build changed the previous output")
	}
}

// An interrupted build stops, leaves the previous output as it was and
// removes its fresh directory; what a killed build left is removed by the
// next one.
func TestRunInterrupted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeSite(t, src, miniSite)
	if _, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil); err != nil {
		t.Fatalf("first build: %v %v", err, problems)
	}
	before := hashTree(t, out)
	// A build killed with SIGKILL leaves its fresh directory, naming a
	// process that no longer runs.
	stale := filepath.Join(dir, ".public.new-123")
	writeSite(t, stale, map[string]string{"index.html": "half", ".dateline-build": "2147483646"})

	writeSite(t, src, map[string]string{"content/entries/2025/2025-06-23-putin-meets-araghchi.md": strings.Replace(miniSite["content/entries/2025/2025-06-23-putin-meets-araghchi.md"], "Putin", "Vladimir Putin", 1)})
	// Interrupted before the first page (as Ctrl-C during a long build
	// is, at whatever page it comes).
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	progress := &build.Progress{}
	_, _, err := build.Run(ctx, src, out, dateline.Theme(), build.Options{}, progress)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted build: %v", err)
	}
	if done, total := progress.Done.Load(), progress.Total.Load(); total == 0 || done >= total {
		t.Errorf("the interrupted build went on: %d of %d files", done, total)
	}
	if after := hashTree(t, out); !maps.Equal(before, after) {
		t.Error("an interrupted build changed the output")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("left beside the output: %v", names)
	}
}

// A template or a static file at fault is a problem positioned in the site,
// path:line:col, from Build and from the dev server's incremental builder
// alike, so that `build` prints it as it prints content errors.
func TestTemplateAndStaticErrorsArePositioned(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, src, want string
	}{
		{"template", "templates/entry.html", "{{template \"top\" .}}\n<h1>{{.Entry.Nope}}</h1>{{template \"bottom\" .}}",
			`templates/entry.html:2:13: executing "entry.html" at <.Entry.Nope>: can't evaluate field Nope`},
		{"template parse", "templates/record.html", "{{template \"top\" .}}\n\n{{if}}{{template \"bottom\" .}}",
			`templates/record.html:3:1: missing value for if`},
		{"static JS", "static/js/x.js", "var a = 1;\nvar é = (;\n",
			`static/js/x.js:2:10: cannot minify: unexpected ; in expression`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(miniSite)
			files[tt.file] = tt.src
			s, err := build.Build(mapFS(files), dateline.Theme(), build.Options{})
			if err == nil {
				t.Fatal("build succeeded")
			}
			check := func(from string, l diag.List) {
				t.Helper()
				if errs := l.Errors(); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.want) {
					t.Errorf("%s: problems\n  %v\nwant one starting\n  %s", from, errs, tt.want)
				}
			}
			check("Build", s.Problems)
			if err.Error() != s.Problems.Errors().Error() {
				t.Errorf("error %q is not the problems", err)
			}
			res := build.NewIncremental(mapFS(files), dateline.Theme(), build.Options{}).Update()
			if res.Err == nil {
				t.Fatal("incremental build succeeded")
			}
			check("Incremental", res.Problems)
			// The streaming build, with paths below the site directory.
			dir := t.TempDir()
			writeSite(t, dir, files)
			_, problems, err := build.Run(context.Background(), dir, filepath.Join(dir, "public"), dateline.Theme(), build.Options{}, nil)
			if err == nil {
				t.Fatal("Run succeeded")
			}
			if errs := problems.Errors(); len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), filepath.Join(dir, tt.want)) {
				t.Errorf("Run: problems\n  %v\nwant one starting\n  %s", errs, filepath.Join(dir, tt.want))
			}
		})
	}
}

// With a path for base_url, an oEmbed response would frame src="/embed/...",
// which no other site can use: the responses, the links announcing them and
// the sitemap are left out, and build and check say so, at base_url.
func TestOEmbedNeedsAnAbsoluteBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, siteTOML string
		opt            build.Options
		warning        string // "" when oEmbed is published
	}{
		{"absolute", "title = \"T\"\nbase_url = \"https://example.org/news/\"\n", build.Options{}, ""},
		{"path", "title = \"T\"\n\nbase_url = \"/\"\n", build.Options{}, `site.toml:3:1: warning: base_url "/" is a path, not an absolute URL`},
		{"none", "title = \"T\"\n", build.Options{}, `site.toml:1:1: warning: base_url "/" is a path, not an absolute URL`},
		{"path flag", "title = \"T\"\nbase_url = \"https://example.org/\"\n", build.Options{BaseURL: "/preview/"}, `--base-url: warning: base_url "/preview/" is a path, not an absolute URL`},
		{"absolute flag", "title = \"T\"\n", build.Options{BaseURL: "http://localhost:8080/"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(miniSite)
			files["site.toml"] = tt.siteTOML
			s, err := build.Build(mapFS(files), dateline.Theme(), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range s.Problems {
				got = append(got, p.Error())
			}
			if tt.warning == "" && len(got) > 0 || tt.warning != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.warning)) {
				t.Errorf("problems %q, want %q", got, tt.warning)
			}
			oembeds, links := 0, 0
			for name, b := range s.Files {
				if strings.HasSuffix(name, "/oembed.json") {
					oembeds++
				}
				if strings.HasSuffix(name, ".html") {
					links += bytes.Count(b, []byte("application/json+oembed")) + bytes.Count(b, []byte("oembed.json"))
				}
			}
			_, sitemap := s.Files["sitemap.xml"]
			if published := tt.warning == ""; published != (oembeds > 0) || published != (links > 0) || published != sitemap {
				t.Errorf("%d oembed.json files, %d references to them in pages, sitemap %v; want them published: %v", oembeds, links, sitemap, published)
			}
			if tt.opt.BaseURL != "" {
				return
			}
			// check reports it too.
			dir := t.TempDir()
			writeSite(t, dir, files)
			_, problems := build.Check(dir, build.Options{})
			if n := len(problems.Warnings()); tt.warning == "" && n > 0 || tt.warning != "" && (n != 1 || !strings.Contains(problems.Warnings()[0].Error(), tt.warning)) {
				t.Errorf("check: %v", problems)
			}
		})
	}
}

// A template and a static file at fault are both reported in one run.
func TestTemplateAndStaticErrorsTogether(t *testing.T) {
	t.Parallel()
	files := maps.Clone(miniSite)
	files["templates/record.html"] = "{{template \"top\" .}}\n\n{{if}}{{template \"bottom\" .}}"
	files["static/js/x.js"] = "var a = 1;\nvar é = (;\n"
	s, err := build.Build(mapFS(files), dateline.Theme(), build.Options{})
	if err == nil {
		t.Fatal("build succeeded")
	}
	var got []string
	for _, p := range s.Problems.Errors() {
		got = append(got, p.Error())
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], "static/js/x.js:2:10: ") || !strings.HasPrefix(got[1], "templates/record.html:3:1: ") {
		t.Errorf("problems %q", got)
	}
}
