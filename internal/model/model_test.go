package model

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/edtf"
)

// The mini-site every test starts from. Tests copy it and change files.
var baseSite = map[string]string{
	"site.toml": "title = \"Mini\"\n",
	// Line 6 is the first body line.
	"content/sources/moscow.md": `+++
title = "Putin assures Iran"
outlet = "unknown"
published = "2025-06-23?"
+++
Moscow: Russian President Vladimir Putin on Monday assured Tehran of support hours after the US strikes at Iranian nuclear sites at dawn on Sunday.

Putin met Iranian Foreign Minister Abbas Araghchi, who came to Moscow on Sunday night.

“This is an absolutely unprovoked aggression against Iran,” Putin said of the Israel–Iran conflict.

The talks lasted an hour. Officials said the talks lasted an hour. Then they ate.
`,
	"content/sources/tass.md": `+++
title = "Putin tells Araqchi"
outlet = "TASS"
published = "2025-06-23"
+++
Before Saturday’s U.S. strikes, Araqchi had said Iran would defend itself.
Two days after the strikes, Putin met Araqchi in Moscow.
`,
	"content/actors.toml": `[putin]
name = "Vladimir Putin"
aliases = ["Putin"]
kind = "person"

[araghchi]
name = "Abbas Araghchi"
aliases = ["Araghchi", "Araqchi"]
kind = "person"

[united-states]
name = "United States"
aliases = ["US", "U.S."]
kind = "state"
`,
	"content/places.toml": `[moscow]
name = "Moscow"
lat = 55.75
lon = 37.62

[iran]
name = "Iran"
`,
	"content/topics.toml": `[diplomacy]
name = "Diplomacy"

[nuclear]
name = "Nuclear programme"
`,
	"content/threads.toml": `[june-war]
name = "June 2025 war"

[unused]
name = "Not yet"
`,
	"content/entries/2025/strikes.md": `+++
title = "US strikes nuclear sites"
date = "2025-06-21?/2025-06-22?"
actors = ["US"]
places = ["iran"]
topics = ["nuclear"]
thread = "june-war"
related = ["meeting"]

[[evidence]]
source = "moscow"
quote = "the US strikes at Iranian nuclear sites at dawn on Sunday"
date_text = "at dawn on Sunday"
date = "2025-06-22?"

[[evidence]]
source = "tass"
quote = "Before Saturday's U.S. strikes"
date_text = "Saturday’s"
date = "2025-06-21?"
+++
The [United States](actor:united-states) struck; see [the meeting](entry:meeting).
`,
	"content/entries/2025/meeting.md": `+++
title = "Putin meets Araghchi"
date = "2025-06-23"
actors = ["Putin", "araqchi", "ARAGHCHI", "Abbas Araghchi"]
places = ["moscow"]
topics = ["diplomacy"]
thread = "june-war"

[[evidence]]
source = "moscow"
quote = "Putin met Iranian Foreign Minister Abbas Araghchi"

[[evidence]]
source = "tass"
quote = "Putin met Araqchi in Moscow"
date_text = "Two days after the strikes"
+++
[Putin](actor:putin) met the [foreign minister](actor:Araqchi) in (place:moscow).
`,
	"content/entries/2025/june.md": `+++
title = "Something in June"
date = "2025-06"

[[evidence]]
source = "moscow"
quote = "Then they ate."
+++
`,
	"content/entries/2025/year.md": `+++
title = "Something in 2025"
date = "2025"
thread = "june-war"

[[evidence]]
source = "tass"
quote = "Iran would defend itself"
+++
`,
	"content/entries/2025/a-same-day.md": `+++
title = "Same day, earlier id"
date = "2025-06-23"

[[evidence]]
source = "moscow"
quote = "on Monday assured Tehran"
+++
`,
	"content/entries/2025/draft.md": `+++
title = "A draft"
date = "2025-06-24"
draft = true

[[evidence]]
source = "moscow"
quote = "The talks lasted an hour. Officials"
+++
`,
}

// mini returns the base site with some files replaced (or removed, when the
// new content is "").
func mini(changes map[string]string) fstest.MapFS {
	files := maps.Clone(baseSite)
	maps.Copy(files, changes)
	fsys := fstest.MapFS{}
	for name, data := range files {
		if data != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	return fsys
}

// load runs the stages before the model, then the model itself.
func load(t *testing.T, fsys fstest.MapFS, opt Options) (*Timeline, diag.List) {
	t.Helper()
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		t.Fatalf("config: %v", errs)
	}
	site, errs := content.Load(fsys)
	if len(errs) > 0 {
		t.Fatalf("content: %v", errs)
	}
	return Build(cfg, site, opt)
}

// mustLoad loads a site that must have no problems at all.
func mustLoad(t *testing.T, fsys fstest.MapFS, opt Options) *Timeline {
	t.Helper()
	tl, errs := load(t, fsys, opt)
	if len(errs) > 0 {
		t.Fatalf("unexpected problems:\n%v", errs)
	}
	return tl
}

func problems(l diag.List) []string {
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	return out
}

func entryIDs(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func recordIDs(rs []*Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func TestBaseSiteIsClean(t *testing.T) {
	tl := mustLoad(t, mini(nil), Options{})
	if len(tl.Entries) != 5 || len(tl.Sources) != 2 || len(tl.Actors) != 3 || len(tl.Places) != 2 || len(tl.Topics) != 2 || len(tl.Threads) != 2 {
		t.Fatalf("sizes: %d entries, %d sources, %d actors, %d places, %d topics, %d threads",
			len(tl.Entries), len(tl.Sources), len(tl.Actors), len(tl.Places), len(tl.Topics), len(tl.Threads))
	}
	if tl.Config.Title != "Mini" {
		t.Errorf("config title %q", tl.Config.Title)
	}
}

func TestAliases(t *testing.T) {
	tl := mustLoad(t, mini(nil), Options{})
	araghchi := tl.Record("actor", "araghchi")
	for _, ref := range []string{"araghchi", "Araghchi", "Araqchi", "ARAQCHI", "araqchi", "Abbas Araghchi", "abbas  araghchi"} {
		if got := tl.Resolve("actor", ref); got != araghchi {
			t.Errorf("Resolve(actor, %q) = %v, want araghchi", ref, got)
		}
	}
	for _, ref := range []string{"Araghchi’s", "Araghch", "putin"} {
		if got := tl.Resolve("actor", ref); got == araghchi {
			t.Errorf("Resolve(actor, %q) resolved to araghchi", ref)
		}
	}
	if got := tl.Resolve("place", "Araghchi"); got != nil {
		t.Errorf("an actor alias resolved as a place: %v", got)
	}
	if got := tl.Resolve("actor", "U.S."); got == nil || got.ID != "united-states" {
		t.Errorf("Resolve(actor, U.S.) = %v", got)
	}
	// Four spellings of one actor in an entry make one reference.
	m := tl.Entry("meeting")
	if got := recordIDs(m.Actors); !slices.Equal(got, []string{"putin", "araghchi"}) {
		t.Errorf("meeting actors = %q", got)
	}
	if !slices.Equal(araghchi.Aliases, []string{"Araghchi", "Araqchi"}) {
		t.Errorf("aliases = %q", araghchi.Aliases)
	}
}

func TestAliasCollision(t *testing.T) {
	_, errs := load(t, mini(map[string]string{
		"content/actors.toml": baseSite["content/actors.toml"] + `
[araqchi-cousin]
name = "Another Araqchi"
aliases = ["araqchi", "Cousin"]

[cousin]
name = "Cousin"
`,
	}), Options{})
	want := []string{
		`content/actors.toml:18:12: alias "araqchi" of actor "araqchi-cousin" collides with actor "araghchi" (declared at content/actors.toml:8:24): an alias must name one record`,
		`content/actors.toml:20:1: id "cousin" of actor "cousin" collides with actor "araqchi-cousin" (declared at content/actors.toml:18:23): an alias must name one record`,
	}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
}

func TestAmbiguousNameIsNoReference(t *testing.T) {
	// Two records with the same name: the name is no reference, ids still are.
	tl, errs := load(t, mini(map[string]string{
		"content/topics.toml": "[a]\nname = \"Same\"\n[b]\nname = \"Same\"\n[diplomacy]\nname = \"D\"\n[nuclear]\nname = \"N\"\n",
	}), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if tl.Resolve("topic", "Same") != nil || tl.Resolve("topic", "a") == nil {
		t.Error("an ambiguous name resolved, or an id did not")
	}
}

func TestDuplicateIDs(t *testing.T) {
	_, errs := load(t, mini(map[string]string{
		"content/entries/2026/meeting.md": baseSite["content/entries/2025/meeting.md"],
	}), Options{})
	want := []string{`content/entries/2026/meeting.md:1:1: duplicate entry id "meeting" (also content/entries/2025/meeting.md): entry ids are file names and must be unique across sub-folders`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
}

func TestUnknownReferences(t *testing.T) {
	entry := `+++
title = "Dangling"
date = "2025-06-23"
actors = ["putin", "putn", "nobody-at-all"]
places = ["moskow"]
topics = ["diplomacy", "weather"]
thread = "july-war"
related = ["meeting", "nowhere", "dangling"]

[[evidence]]
source = "moscow"
quote = "Putin met Iranian Foreign Minister"

[[evidence]]
source = "reuters"
quote = "anything"
+++
See [x](actor:nobody) and
also [the war](thread:june-war), [y](entry:nothing), [z](source:none),
[a](place:atlantis) and [t](topic:weather).
[Putin](actors:putin) and [x](javascript:alert(1)).
`
	tl, errs := load(t, mini(map[string]string{"content/entries/2025/dangling.md": entry}), Options{})
	const p = "content/entries/2025/dangling.md"
	want := []string{
		p + `:4:20: unknown actor "putn" (did you mean "putin"?)`,
		p + `:4:28: unknown actor "nobody-at-all" (add it to content/actors.toml)`,
		p + `:5:11: unknown place "moskow" (did you mean "moscow"?)`,
		p + `:6:24: unknown topic "weather" (add it to content/topics.toml)`,
		p + `:7:10: unknown thread "july-war" (did you mean "june-war"?)`,
		p + `:8:23: unknown related entry "nowhere"`,
		p + `:8:34: entry "dangling" lists itself as related`,
		p + `:15:10: unknown source "reuters" (sources are the files in content/sources/)`,
		p + `:18:9: unknown actor "nobody" (add it to content/actors.toml)`,
		p + `:19:38: link to unknown entry "nothing"`,
		p + `:19:58: link to unknown source "none"`,
		p + `:20:5: unknown place "atlantis" (add it to content/places.toml)`,
		p + `:20:29: unknown topic "weather" (add it to content/topics.toml)`,
		p + `:21:9: unknown link kind "actors" (did you mean "actor"?)`,
	}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %s\n  want %s", strings.Join(got, "\n       "), strings.Join(want, "\n       "))
	}
	// What did resolve is still there.
	d := tl.Entry("dangling")
	if d == nil || !slices.Equal(recordIDs(d.Actors), []string{"putin"}) || len(d.Evidence) != 1 || !slices.Equal(entryIDs(d.Related), []string{"meeting"}) {
		t.Errorf("dangling = %+v", d)
	}
}

func TestBodyLinkPosition(t *testing.T) {
	// The link destination is on body line 3, after multi-byte text.
	entry := "+++\ntitle = \"T\"\ndate = \"2025\"\n\n[[evidence]]\nsource = \"tass\"\nquote = \"Araqchi had said\"\n+++\n" +
		"Intro paragraph.\n\n“Quoted” — [x](actor:nobody)\n"
	_, errs := load(t, mini(map[string]string{"content/entries/x.md": entry}), Options{})
	want := []string{`content/entries/x.md:11:16: unknown actor "nobody" (add it to content/actors.toml)`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
	lines := strings.Split(entry, "\n")
	if col := len([]rune(lines[10][:strings.Index(lines[10], "actor:")])) + 1; col != 16 {
		t.Fatalf("test is wrong: destination is at column %d", col)
	}
}

func TestMisquote(t *testing.T) {
	entry := strings.Replace(baseSite["content/entries/2025/meeting.md"],
		`quote = "Putin met Iranian Foreign Minister Abbas Araghchi"`,
		`quote = "Putin met Iranian Foreign Minister Abbas Araqchi in the Kremlin"`, 1)
	_, errs := load(t, mini(map[string]string{"content/entries/2025/meeting.md": entry}), Options{})
	want := []string{`content/entries/2025/meeting.md:11:9: quote not found in source "moscow"; closest passage (content/sources/moscow.md:8): "Putin met Iranian Foreign Minister Abbas"`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}

	// A quote with nothing like it in the source gets no hint.
	entry = strings.Replace(baseSite["content/entries/2025/meeting.md"],
		`quote = "Putin met Iranian Foreign Minister Abbas Araghchi"`, `quote = "zebras quantum xylophone"`, 1)
	_, errs = load(t, mini(map[string]string{"content/entries/2025/meeting.md": entry}), Options{})
	want = []string{`content/entries/2025/meeting.md:11:9: quote not found in source "moscow"`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}

	// Whitespace alone is no quote.
	entry = strings.Replace(baseSite["content/entries/2025/meeting.md"],
		`quote = "Putin met Iranian Foreign Minister Abbas Araghchi"`, `quote = " \t "`, 1)
	_, errs = load(t, mini(map[string]string{"content/entries/2025/meeting.md": entry}), Options{})
	want = []string{`content/entries/2025/meeting.md:11:9: quote is empty after normalisation`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
}

func TestAmbiguousQuote(t *testing.T) {
	entry := func(extra string) string {
		return "+++\ntitle = \"Talks\"\ndate = \"2025-06-23\"\n\n[[evidence]]\nsource = \"moscow\"\nquote = \"talks lasted an hour\"\n" + extra + "+++\n"
	}
	_, errs := load(t, mini(map[string]string{"content/entries/talks.md": entry("")}), Options{})
	want := []string{`content/entries/talks.md:7:9: quote occurs 2 times in source "moscow" (content/sources/moscow.md lines 12, 12): add prefix or suffix (the words just before or after it) to say which one`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}

	// Many occurrences: the first ten lines, and a count.
	many := "+++\ntitle = \"Many\"\noutlet = \"O\"\npublished = \"2025\"\n+++\n" + strings.Repeat("Talks went on.\n", 50_000)
	_, errs = load(t, mini(map[string]string{"content/sources/moscow.md": many, "content/entries/talks.md": strings.Replace(entry(""), "talks lasted an hour", "Talks", 1)}), Options{})
	want = []string{`content/entries/talks.md:7:9: quote occurs 50000 times in source "moscow" (content/sources/moscow.md lines 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, and 49990 more): add prefix or suffix (the words just before or after it) to say which one`}
	if got := problems(errs.Errors()); !slices.Contains(got, want[0]) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}

	// A prefix picks the second occurrence; a suffix the first.
	src := baseSite["content/sources/moscow.md"]
	body := src[strings.Index(src, "+++\nMoscow")+4:]
	for _, tt := range []struct {
		extra string
		at    int
	}{
		{"prefix = \"Officials said the \"\n", strings.Index(body, "talks lasted an hour. Then")},
		{"prefix = \"said the\"\n", strings.Index(body, "talks lasted an hour. Then")},
		{"prefix = \"The\"\n", strings.Index(body, "talks lasted an hour. Officials")},
		{"suffix = \". Officials\"\n", strings.Index(body, "talks lasted an hour. Officials")},
		{"suffix = \". Then\"\n", strings.Index(body, "talks lasted an hour. Then")},
	} {
		tl := mustLoad(t, mini(map[string]string{"content/entries/talks.md": entry(tt.extra)}), Options{})
		ev := tl.Entry("talks").Evidence[0]
		if ev.Span.Start != tt.at || ev.Passage() != "talks lasted an hour" {
			t.Errorf("%s: span %v (%q), want start %d", tt.extra, ev.Span, ev.Passage(), tt.at)
		}
	}

	// A prefix that matches neither occurrence.
	_, errs = load(t, mini(map[string]string{"content/entries/talks.md": entry("prefix = \"Nobody said \"\n")}), Options{})
	want = []string{`content/entries/talks.md:7:9: quote occurs in source "moscow" but not with the given prefix/suffix`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
}

func TestQuoteNormalisation(t *testing.T) {
	// Straight quotes for curly, a hyphen for an en dash, and line breaks
	// and runs of spaces for single spaces are all the same passage.
	entry := "+++\ntitle = \"Aggression\"\ndate = \"2025-06-23\"\n\n[[evidence]]\nsource = \"moscow\"\n" +
		"quote = \"\"\"\"This is an   absolutely\nunprovoked aggression against Iran,\" Putin said of the Israel-Iran conflict\"\"\"\n+++\n"
	tl := mustLoad(t, mini(map[string]string{"content/entries/aggression.md": entry}), Options{})
	ev := tl.Entry("aggression").Evidence[0]
	if want := "“This is an absolutely unprovoked aggression against Iran,” Putin said of the Israel–Iran conflict"; ev.Passage() != want {
		t.Errorf("passage = %q, want %q", ev.Passage(), want)
	}
	// The curly apostrophe in the source matched the straight one in
	// strikes.md, and date_text too.
	if p := tl.Entry("strikes").Evidence[1].Passage(); p != "Before Saturday’s U.S. strikes" {
		t.Errorf("strikes passage = %q", p)
	}
}

func TestDateTextMustOccur(t *testing.T) {
	entry := strings.Replace(baseSite["content/entries/2025/strikes.md"], `date_text = "at dawn on Sunday"`, `date_text = "at dusk on Sunday"`, 1)
	_, errs := load(t, mini(map[string]string{"content/entries/2025/strikes.md": entry}), Options{})
	want := []string{`content/entries/2025/strikes.md:13:13: date_text "at dusk on Sunday" does not occur in source "moscow"`}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
}

func TestBadDates(t *testing.T) {
	entry := strings.Replace(baseSite["content/entries/2025/strikes.md"], `date = "2025-06-21?/2025-06-22?"`, `date = "2025-13-01"`, 1)
	entry = strings.Replace(entry, `date = "2025-06-21?"`, `date = "21 June 2025"`, 1)
	source := strings.Replace(baseSite["content/sources/tass.md"], `published = "2025-06-23"`, `published = "2025-06-23T25:00"`, 1)
	_, errs := load(t, mini(map[string]string{"content/entries/2025/strikes.md": entry, "content/sources/tass.md": source}), Options{})
	got := problems(errs)
	prefixes := []string{
		`content/entries/2025/strikes.md:3:14: invalid date "2025-13-01": `,
		`content/entries/2025/strikes.md:20:11: invalid evidence date "21 June 2025": `,
		`content/sources/tass.md:4:25: invalid published date "2025-06-23T25:00": `,
	}
	if len(got) != len(prefixes) {
		t.Fatalf("problems: %q", got)
	}
	for i, p := range prefixes {
		if !strings.HasPrefix(got[i], p) || !strings.Contains(got[i], "use the EDTF profile") {
			t.Errorf("problem %d = %q, want prefix %q", i, got[i], p)
		}
	}
	if !strings.Contains(got[0], "month") {
		t.Errorf("month error does not say so: %q", got[0])
	}
}

func TestSourceMetadataChecks(t *testing.T) {
	source := strings.Replace(baseSite["content/sources/tass.md"], `outlet = "TASS"`,
		"outlet = \"TASS\"\nurl = \"javascript:alert(1)\"\nraw_sha256 = \"ABC\"", 1)
	tl, errs := load(t, mini(map[string]string{"content/sources/tass.md": source}), Options{})
	want := []string{
		`content/sources/tass.md:4:7: url "javascript:alert(1)" must be an absolute http or https URL`,
		`content/sources/tass.md:5:14: raw_sha256 must be 64 lower-case hex digits`,
	}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
	if tl.Source("tass").URL != "" {
		t.Error("unsafe URL kept")
	}
}

func TestDrafts(t *testing.T) {
	withLinks := strings.Replace(baseSite["content/entries/2025/meeting.md"], `thread = "june-war"`, "thread = \"june-war\"\nrelated = [\"draft\"]", 1) +
		"Later: [the draft](entry:draft).\n"
	fsys := mini(map[string]string{"content/entries/2025/meeting.md": withLinks})

	tl, errs := load(t, fsys, Options{})
	want := []string{
		`content/entries/2025/meeting.md:8:12: warning: related entry "draft" is a draft and is left out (build with --drafts to include it)`,
		`content/entries/2025/meeting.md:20:20: warning: link to draft entry "draft" is shown as plain text (build with --drafts to include it)`,
	}
	if got := problems(errs); !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %q\n  want %q", got, want)
	}
	if errs.Err() != nil {
		t.Errorf("warnings made an error: %v", errs.Err())
	}
	if tl.Entry("draft") != nil || slices.Contains(entryIDs(tl.Entries), "draft") {
		t.Error("draft entry included without Drafts")
	}
	for _, c := range tl.Source("moscow").Citations {
		if c.Entry.ID == "draft" {
			t.Error("draft entry cited on the source page")
		}
	}

	tl = mustLoad(t, fsys, Options{Drafts: true})
	d := tl.Entry("draft")
	if d == nil || !d.Draft || !slices.Contains(entryIDs(tl.Entry("meeting").Related), "draft") {
		t.Fatalf("draft entry missing with Drafts: %+v", d)
	}
	if got := entryIDs(d.Related); !slices.Equal(got, []string{"meeting"}) {
		t.Errorf("draft related = %q", got)
	}
}

func TestTimelineOrderAndLinks(t *testing.T) {
	tl := mustLoad(t, mini(nil), Options{})
	// Lower bound first ("2025" and "2025-06" start before 21 June); at the
	// same lower bound finer precision first; then id.
	order := []string{"year", "june", "strikes", "a-same-day", "meeting"}
	if got := entryIDs(tl.Entries); !slices.Equal(got, order) {
		t.Fatalf("timeline order = %q, want %q", got, order)
	}
	for i, e := range tl.Entries {
		if e.Index != i {
			t.Errorf("%s.Index = %d, want %d", e.ID, e.Index, i)
		}
		var prev, next *Entry
		if i > 0 {
			prev = tl.Entries[i-1]
		}
		if i+1 < len(tl.Entries) {
			next = tl.Entries[i+1]
		}
		if e.Prev != prev || e.Next != next {
			t.Errorf("%s: prev/next = %v/%v", e.ID, e.Prev, e.Next)
		}
	}

	// Related links are symmetric, each once, in timeline order.
	if got := entryIDs(tl.Entry("meeting").Related); !slices.Equal(got, []string{"strikes"}) {
		t.Errorf("meeting related = %q (strikes names it, so it must name strikes)", got)
	}
	if got := entryIDs(tl.Entry("strikes").Related); !slices.Equal(got, []string{"meeting"}) {
		t.Errorf("strikes related = %q", got)
	}

	// Back references, in timeline order.
	for _, tt := range []struct {
		kind, id string
		entries  []string
	}{
		{"actor", "putin", []string{"meeting"}},
		{"actor", "araghchi", []string{"meeting"}},
		{"actor", "united-states", []string{"strikes"}},
		{"place", "moscow", []string{"meeting"}},
		{"place", "iran", []string{"strikes"}},
		{"topic", "nuclear", []string{"strikes"}},
		{"thread", "june-war", []string{"year", "strikes", "meeting"}},
		{"thread", "unused", nil},
	} {
		if got := entryIDs(tl.Record(tt.kind, tt.id).Entries); !slices.Equal(got, tt.entries) {
			t.Errorf("%s %s entries = %q, want %q", tt.kind, tt.id, got, tt.entries)
		}
	}
	moscow := tl.Source("moscow")
	if got := entryIDs(moscow.Entries); !slices.Equal(got, []string{"june", "strikes", "a-same-day", "meeting"}) {
		t.Errorf("moscow cited by %q", got)
	}
	// Citations are in text order.
	var starts []int
	for _, c := range moscow.Citations {
		starts = append(starts, c.Span.Start)
		if c.Source != moscow || moscow.Text[c.Span.Start:c.Span.End] != c.Passage() {
			t.Errorf("citation %+v", c)
		}
	}
	if len(starts) != 4 || !slices.IsSorted(starts) {
		t.Errorf("citation starts = %v", starts)
	}
	if a := tl.Entry("meeting").Evidence[1]; a.Index != 1 || a.Anchor() != "q-meeting-2" {
		t.Errorf("evidence index/anchor = %d %q", a.Index, a.Anchor())
	}
	if got := tl.Entry("meeting").Sources(); len(got) != 2 || got[0].ID != "moscow" || got[1].ID != "tass" {
		t.Errorf("meeting sources = %v", got)
	}

	// Registries: by name, except threads by the start of their era.
	if got := recordIDs(tl.Actors); !slices.Equal(got, []string{"araghchi", "united-states", "putin"}) {
		t.Errorf("actors = %q", got)
	}
	if got := recordIDs(tl.Threads); !slices.Equal(got, []string{"june-war", "unused"}) {
		t.Errorf("threads = %q", got)
	}
	first, last := tl.Record("thread", "june-war").Span()
	if first.ID != "year" || last.ID != "year" {
		// "2025" ends on 31 December, later than every June entry.
		t.Errorf("june-war span = %s..%s", first.ID, last.ID)
	}
	// Sources by publication date, then id.
	if got := []string{tl.Sources[0].ID, tl.Sources[1].ID}; !slices.Equal(got, []string{"moscow", "tass"}) {
		t.Errorf("sources = %q", got)
	}
}

func TestDisagreement(t *testing.T) {
	tl := mustLoad(t, mini(nil), Options{})
	if !tl.Entry("strikes").Disagreement() {
		t.Error("strikes: Sunday vs Saturday is a disagreement")
	}
	if tl.Entry("meeting").Disagreement() {
		t.Error("meeting: evidence without dates is no disagreement")
	}
	mk := func(dates ...string) *Entry {
		e := &Entry{}
		for _, d := range dates {
			ev := &Evidence{}
			if d != "" {
				ev.Date = edtf.MustParse(d)
			}
			e.Evidence = append(e.Evidence, ev)
		}
		return e
	}
	for _, tt := range []struct {
		dates []string
		want  bool
	}{
		{nil, false},
		{[]string{"2025-06-22"}, false},
		{[]string{"2025-06-22", "2025-06-22"}, false},
		{[]string{"2025-06-22", "", "2025-06-22"}, false},
		{[]string{"", "2025-06-22", "", "2025-06-21"}, true},
		{[]string{"2025-06-22", "2025-06-22?"}, false},
		{[]string{"2025-06-22~", "2025-06-22"}, false},
		{[]string{"2025-06", "2025-06-22"}, false},
		{[]string{"2025-06-21/2025-06-22", "2025-06-22"}, false},
		{[]string{"2025-06-22", "2025-06", "2025-07"}, true},
		{[]string{"2025-06-22?", "2025-06-21"}, true},
	} {
		if got := mk(tt.dates...).Disagreement(); got != tt.want {
			t.Errorf("Disagreement(%q) = %v, want %v", tt.dates, got, tt.want)
		}
	}
}

func TestProblemsAreSortedAndComplete(t *testing.T) {
	// Many problems in several files: all reported, in path/line order.
	bad := "+++\ntitle = \"Bad\"\ndate = \"2025-02-30\"\nactors = [\"nobody\"]\n\n[[evidence]]\nsource = \"tass\"\nquote = \"not there at all, no\"\n+++\n[n](place:nowhere)\n"
	_, errs := load(t, mini(map[string]string{
		"content/entries/b.md": bad,
		"content/entries/a.md": strings.Replace(bad, "Bad", "Also bad", 1),
	}), Options{})
	got := problems(errs)
	if len(got) != 8 {
		t.Fatalf("want 4 problems per file, got %q", got)
	}
	var pos []diag.Pos
	for _, p := range errs {
		pos = append(pos, p.Pos)
	}
	if !slices.IsSortedFunc(pos, func(a, b diag.Pos) int {
		return strings.Compare(a.Path, b.Path)*100 + (a.Line-b.Line)*10 + min(max(a.Col-b.Col, -1), 1)
	}) {
		t.Errorf("problems not sorted: %q", got)
	}
	for _, p := range errs {
		if p.Pos.Line < 1 || p.Pos.Col < 1 {
			t.Errorf("problem without line:col: %q", p.Error())
		}
	}
}

// A document or record that does not parse is reported once, at its own
// file: references to it are not reported again as references to nothing,
// while a reference to something that does not exist at all still is.
func TestBrokenIsReportedOnce(t *testing.T) {
	dangling := `+++
title = "Dangling"
date = "2025-06-23"
places = ["moscow", "atlantis"]

[[evidence]]
source = "moscow"
quote = "Putin met Iranian Foreign Minister"
+++
`
	tests := []struct {
		name    string
		changes map[string]string
		want    []string
	}{
		{
			name:    "entry with invalid TOML",
			changes: map[string]string{"content/entries/2025/meeting.md": "+++\ntitle = \n+++\n"},
			want:    []string{"content/entries/2025/meeting.md:2:9: invalid TOML: expected value but found '\\n' instead"},
		},
		{
			name:    "entry without front matter",
			changes: map[string]string{"content/entries/2025/meeting.md": "Putin met Araghchi.\n"},
			want:    []string{`content/entries/2025/meeting.md:1:1: missing front matter: the file must start with a line "+++"`},
		},
		{
			name:    "source with invalid TOML",
			changes: map[string]string{"content/sources/tass.md": "+++\ntitle = \"T\"\noutlet = TASS\n+++\nText.\n"},
			want:    []string{"content/sources/tass.md:3:10: invalid TOML: expected value but found \"TASS\" instead"},
		},
		{
			name: "place with a quoted lat",
			changes: map[string]string{
				"content/places.toml":              "[moscow]\nname = \"Moscow\"\nlat = \"55.75\"\nlon = 37.62\n\n[iran]\nname = \"Iran\"\n",
				"content/entries/2025/dangling.md": dangling,
			},
			want: []string{
				`content/entries/2025/dangling.md:4:21: unknown place "atlantis" (add it to content/places.toml)`,
				"content/places.toml:3:7: lat must be a number, not a string",
			},
		},
		{
			name: "actors file with invalid TOML, referred to by alias",
			changes: map[string]string{
				"content/actors.toml": "[putin]\nname = \"Vladimir Putin\"\naliases = [\"Putin\"\n\n[araghchi]\nname = \"Abbas Araghchi\"\n\n[united-states]\nname = \"United States\"\n",
			},
			want: []string{"content/actors.toml:5:2: invalid TOML: expected a comma (',') or array terminator (']'), but got '['"},
		},
		{
			name: "actor with a bad value, referred to by alias",
			changes: map[string]string{
				"content/actors.toml": "[putin]\nname = \"Vladimir Putin\"\naliases = [\"Putin\"]\nkind = 1\n\n[araghchi]\nname = \"Abbas Araghchi\"\naliases = [\"Araghchi\", \"Araqchi\"]\n\n[united-states]\nname = \"United States\"\naliases = [\"US\"]\n",
			},
			want: []string{"content/actors.toml:4:8: kind must be a quoted string, not an integer"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := mini(tt.changes)
			cfg, _ := config.Load(fsys)
			site, errs := content.Load(fsys)
			_, more := Build(cfg, site, Options{})
			errs.Append(more)
			errs.Sort()
			if got := problems(errs); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n  got  %s\n  want %s", strings.Join(got, "\n       "), strings.Join(tt.want, "\n       "))
			}
		})
	}
}

// unreadable is a file system in which one file is listed but cannot be
// read, as a link leading outside the site is (see content.Confine).
type unreadable struct {
	fstest.MapFS
	bad string
}

func (u unreadable) Open(name string) (fs.File, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.Open(name)
}

func (u unreadable) ReadFile(name string) ([]byte, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.ReadFile(name)
}

// A file that cannot be read is reported once too.
func TestUnreadableIsReportedOnce(t *testing.T) {
	for _, bad := range []string{"content/entries/2025/meeting.md", "content/sources/tass.md", "content/actors.toml"} {
		fsys := unreadable{mini(nil), bad}
		cfg, _ := config.Load(fsys)
		site, errs := content.Load(fsys)
		_, more := Build(cfg, site, Options{})
		errs.Append(more)
		if got := problems(errs); len(got) != 1 || got[0] != bad+":1:1: permission denied" {
			t.Errorf("%s: problems\n  %s", bad, strings.Join(got, "\n  "))
		}
	}
}
