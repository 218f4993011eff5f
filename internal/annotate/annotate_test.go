package annotate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/model"
	"dateline/internal/quote"
	"dateline/internal/timex"
)

func TestToEDTF(t *testing.T) {
	tests := []struct {
		x        timex.Timex
		inferred bool
		want     string // "" when there is no reading
	}{
		{timex.Timex{Type: "DATE", Value: "2025-06-23"}, false, "2025-06-23"},
		{timex.Timex{Type: "DATE", Value: "2025-06-23", Anchor: "2025-06-23"}, false, "2025-06-23"},
		{timex.Timex{Type: "DATE", Value: "2025-06-23", Anchor: "2025-06-23"}, true, "2025-06-23?"},
		{timex.Timex{Type: "DATE", Value: "2020-01"}, true, "2020-01"}, // absolute: the document date does not matter
		{timex.Timex{Type: "DATE", Value: "2015"}, false, "2015"},
		{timex.Timex{Type: "TIME", Value: "2025-06-22TNI", Anchor: "2025-06-23"}, true, "2025-06-22?"},
		{timex.Timex{Type: "TIME", Value: "2003-03-20T05:34"}, false, "2003-03-20T05:34"},
		{timex.Timex{Type: "TIME", Value: "2003-03-20T05:34", Anchor: "2003-03-20"}, true, "2003-03-20T05:34"},
		{timex.Timex{Type: "DATE", Value: "2025-W25"}, false, "2025-06-16/2025-06-22"},
		{timex.Timex{Type: "DATE", Value: "2025-W25", Anchor: "2025-06-23"}, true, "2025-06-16?/2025-06-22?"},
		{timex.Timex{Type: "DATE", Value: "2026-W01"}, false, "2025-12-29/2026-01-04"},
		{timex.Timex{Type: "DATE", Value: "2025-W25-WE"}, false, "2025-06-21/2025-06-22"},
		{timex.Timex{Type: "DATE", Value: "2025-W54"}, false, ""},
		{timex.Timex{Type: "DATE", Value: "2025-SU"}, false, "2025-06~/2025-08~"},
		{timex.Timex{Type: "DATE", Value: "2025-WI"}, false, "2025-12~/2026-02~"},
		{timex.Timex{Type: "DATE", Value: "2025-Q2"}, false, "2025-04/2025-06"},
		{timex.Timex{Type: "DATE", Value: "2025-H2"}, false, "2025-07/2025-12"},
		{timex.Timex{Type: "DATE", Value: "196"}, false, "196X"},
		{timex.Timex{Type: "DATE", Value: "19"}, false, "19XX"},
		{timex.Timex{Type: "DATE", Value: "2024", Mod: "LATE", Anchor: "2025-06-23"}, false, "2024-09~/2024-12~"},
		{timex.Timex{Type: "DATE", Value: "2024", Mod: "LATE", Anchor: "2025-06-23"}, true, "2024-09%/2024-12%"},
		{timex.Timex{Type: "DATE", Value: "2024", Mod: "EARLY"}, false, "2024-01~/2024-04~"},
		{timex.Timex{Type: "DATE", Value: "2026-02", Mod: "MID"}, false, "2026-02-11~/2026-02-20~"},
		{timex.Timex{Type: "DATE", Value: "2024-02", Mod: "END"}, false, "2024-02-21~/2024-02-29~"},
		{timex.Timex{Type: "DATE", Value: "2025-06-13", Mod: "APPROX"}, false, "2025-06-13~"},
		{timex.Timex{Type: "DATE", Value: "2025-06-13", Mod: "BEFORE"}, false, "../2025-06-13"},
		{timex.Timex{Type: "DATE", Value: "2025-06", Mod: "AFTER"}, false, "2025-06/.."},
		{timex.Timex{Type: "DATE", Value: "2025-06-25", Text: "two days after", Anchor: "2025-06-23"}, false, ""},
		{timex.Timex{Type: "DURATION", Value: "P1W"}, false, ""},
		{timex.Timex{Type: "SET", Value: "P1D"}, false, ""},
		{timex.Timex{Type: "DATE", Value: "PAST_REF"}, false, ""},
		{timex.Timex{Type: "DATE", Value: "XXXX-03-10"}, false, ""},
		{timex.Timex{Type: "DATE", Value: "BC0490"}, false, ""},
	}
	for _, tt := range tests {
		r, ok := ToEDTF(tt.x, tt.inferred)
		if got := r.Date; got != tt.want || ok != (tt.want != "") {
			t.Errorf("ToEDTF(%+v, inferred=%v) = %q, %v; want %q", tt.x, tt.inferred, got, ok, tt.want)
		}
	}
}

func TestDocDateOf(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		published string
		want      DocDate
	}{
		{"2026-03-10", DocDate{Time: day("2026-03-10"), Known: true, Value: "2026-03-10"}},
		{"2025-06-23?", DocDate{Time: day("2025-06-23"), Known: true, Inferred: true, Value: "2025-06-23?"}},
		{"2026-03-10?/..", DocDate{Time: day("2026-03-10"), Known: true, Inferred: true, Value: "2026-03-10?/.."}},
		{"2026-03-09/2026-03-10", DocDate{Time: day("2026-03-09"), Known: true, Inferred: true, Value: "2026-03-09/2026-03-10"}},
		{"2026-03-09T14:30+03:00", DocDate{Time: day("2026-03-09"), Known: true, Value: "2026-03-09T14:30+03:00"}},
		{"2025-06-24?/2026-02-27?", DocDate{}}, // eight months: no day to count from
		{"2026-03", DocDate{}},
		{"../2026-03-10", DocDate{}},
		{"", DocDate{}},
	}
	for _, tt := range tests {
		if got := DocDateOf(tt.published); got != tt.want {
			t.Errorf("DocDateOf(%q) = %+v, want %+v", tt.published, got, tt.want)
		}
	}
	if _, err := ParseDocDate("2026-03"); err == nil {
		t.Error("ParseDocDate accepts a month")
	}
	if d, err := ParseDocDate("2025-06-23?"); err != nil || !d.Known || !d.Inferred {
		t.Errorf("ParseDocDate(2025-06-23?) = %+v, %v", d, err)
	}
}

// TestJSON checks the exact output format of `annotate --json` and that
// offsets count code points, not bytes, when non-ASCII text comes first.
func TestJSON(t *testing.T) {
	text := "Путин — «Россия» said on March 10, 2026 that talks would go on."
	dd, _ := ParseDocDate("2026-03-11")
	exprs := Exprs(text, dd, Mode{})
	if len(exprs) != 1 {
		t.Fatalf("Exprs = %+v, want one expression", exprs)
	}
	x := exprs[0]
	runes := []rune(text)
	if x.Start != 25 || x.End != 39 || string(runes[x.Start:x.End]) != x.Text || x.Text != "March 10, 2026" {
		t.Errorf("expression %+v: want code points 25-39 holding %q", x, "March 10, 2026")
	}
	got := string(JSON(exprs))
	want := "[\n  {\"start\":25,\"end\":39,\"text\":\"March 10, 2026\",\"type\":\"DATE\",\"value\":\"2026-03-10\"}\n]\n"
	if got != want {
		t.Errorf("JSON =\n%s\nwant\n%s", got, want)
	}
	var decoded []map[string]any
	if err := json.Unmarshal([]byte(got), &decoded); err != nil || len(decoded) != 1 || len(decoded[0]) != 5 {
		t.Errorf("JSON does not decode to one object with five keys: %v %v", decoded, err)
	}
	if got := string(JSON(Exprs("No dates here & <none>.", DocDate{}, Mode{}))); got != "[]\n" {
		t.Errorf("JSON of nothing = %q, want %q", got, "[]\n")
	}
	if got := string(JSON([]Expr{{Text: "<a> & b", Type: "DATE", Value: "2026"}})); !strings.Contains(got, `"<a> & b"`) {
		t.Errorf("JSON escapes HTML characters: %s", got)
	}
}

// miniSite is a small site: registries, and sources given by the test.
func miniSite(t *testing.T, sources map[string]string) *model.Timeline {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"content/actors.toml": {Data: []byte(`[putin]
name = "Vladimir Putin"
aliases = ["Putin"]
[araghchi]
name = "Abbas Araghchi"
aliases = ["Araghchi", "Araqchi"]
[united-states]
name = "United States"
aliases = ["US", "U.S."]
[idf]
name = "Israel Defense Forces"
aliases = ["IDF"]
[israel]
name = "Israel"
`)},
		"content/places.toml": {Data: []byte(`[moscow]
name = "Moscow"
[israel]
name = "Israel"
[iran]
name = "Iran"
`)},
		"content/topics.toml": {Data: []byte(`[military-strikes]
name = "Military strikes"
aliases = ["airstrikes"]
`)},
	}
	for id, body := range sources {
		fsys["content/sources/"+id+".md"] = &fstest.MapFile{Data: []byte(body)}
	}
	cfg, errs := config.Load(fsys)
	site, e := content.Load(fsys)
	errs.Append(e)
	tl, e := model.Build(cfg, site, model.Options{Drafts: true})
	errs.Append(e)
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	return tl
}

func TestMatchRecords(t *testing.T) {
	tl := miniSite(t, nil)
	tests := []struct {
		text                   string
		actors, places, topics []string
	}{
		{"Putin met Araqchi in Moscow.", []string{"putin", "araghchi"}, []string{"moscow"}, nil},
		{"The Israel Defense Forces said Israel launched AIRSTRIKES.", []string{"idf", "israel"}, []string{"israel"}, []string{"military-strikes"}},
		{"The Israel Defense Forces said so.", []string{"idf"}, nil, nil},
		{"Let us talk; the U.S. and US officials agreed.", []string{"united-states"}, nil, nil},
		{"Iranian officials and Putinism.", nil, nil, nil},
		{"Iran’s foreign minister", nil, []string{"iran"}, nil},
	}
	for _, tt := range tests {
		m := MatchRecords(tl, tt.text)
		if !slices.Equal(m.Actors, tt.actors) || !slices.Equal(m.Places, tt.places) || !slices.Equal(m.Topics, tt.topics) {
			t.Errorf("MatchRecords(%q) = %q %q %q; want %q %q %q", tt.text, m.Actors, m.Places, m.Topics, tt.actors, tt.places, tt.topics)
		}
	}
	if m := MatchRecords(nil, "Putin"); m.Actors != nil {
		t.Errorf("MatchRecords without a site = %+v", m)
	}
}

func TestDrafts(t *testing.T) {
	const id = "report"
	body := "Moscow, March 10 (IANS) Putin met Araghchi in Moscow on Monday. The talks went well.\n\n" +
		"Israel and Iran traded airstrikes on Sunday and Monday. Israel struck again on Monday.\n\n" +
		"The IDF said it was ready. Nothing happened.\n\n" +
		"Putin hosted Araqchi two days after the strikes.\n\n" +
		"Iran in January 2020 launched missiles. It is over.\n\n" +
		"Iran in January 2020 launched missiles. It is over.\n"
	src := "+++\ntitle = \"R\"\noutlet = \"IANS\"\npublished = \"2025-06-23?\"\n+++\n" + body
	tl := miniSite(t, map[string]string{id: src})
	dd := DocDateOf("2025-06-23?")
	drafts, skips := Drafts(Source{ID: id, Text: tl.Source(id).Text, Date: dd}, tl)

	type want struct {
		id, date string
		quotes   []string
		dateText []string
		actors   []string
		places   []string
		prefix   bool
	}
	wants := []want{
		{"2025-06-23-putin-met-araghchi-moscow", "2025-06-23?", []string{"Putin met Araghchi in Moscow on Monday."}, []string{"on Monday"}, []string{"putin", "araghchi"}, []string{"moscow"}, false},
		{"2025-06-22-israel-iran-traded-airstrikes", "2025-06-22?/2025-06-23?",
			[]string{"Israel and Iran traded airstrikes on Sunday and Monday."}, []string{"on Sunday and Monday"}, []string{"israel"}, []string{"israel", "iran"}, false},
		{"2025-06-23-israel-struck-again", "2025-06-23?", []string{"Israel struck again on Monday."}, []string{"on Monday"}, []string{"israel"}, []string{"israel"}, false},
		{"2020-01-iran-launched-missiles", "2020-01", []string{"Iran in January 2020 launched missiles."}, []string{"in January 2020"}, nil, []string{"iran"}, true},
		{"2020-01-iran-launched-missiles-2", "2020-01", []string{"Iran in January 2020 launched missiles."}, []string{"in January 2020"}, nil, []string{"iran"}, true},
	}
	if len(drafts) != len(wants) {
		for _, d := range drafts {
			t.Logf("%s %s %q", d.ID, d.Date, d.Evidence[0].Quote)
		}
		t.Fatalf("%d drafts, want %d", len(drafts), len(wants))
	}
	text := quote.Prepare(tl.Source(id).Text)
	for i, w := range wants {
		d := drafts[i]
		var quotes, dateTexts []string
		for _, ev := range d.Evidence {
			quotes = append(quotes, ev.Quote)
			dateTexts = append(dateTexts, ev.DateText)
			if ev.Source != id || ev.Date != d.Date {
				t.Errorf("draft %s: evidence source %q date %q", d.ID, ev.Source, ev.Date)
			}
			if spans, err := text.Find(ev.Quote, ev.Prefix, ev.Suffix); err != nil || len(spans) != 1 {
				t.Errorf("draft %s: quote %q found %d times (%v)", d.ID, ev.Quote, len(spans), err)
			}
		}
		if d.ID != w.id || d.Date != w.date || !slices.Equal(quotes, w.quotes) || !slices.Equal(dateTexts, w.dateText) ||
			!slices.Equal(d.Actors, w.actors) || !slices.Equal(d.Places, w.places) || (d.Evidence[0].Prefix != "") != w.prefix {
			t.Errorf("draft %d = %s %s %q %q %q %q prefix %q;\nwant %s %s %q %q %q %q prefix %v", i,
				d.ID, d.Date, quotes, dateTexts, d.Actors, d.Places, d.Evidence[0].Prefix,
				w.id, w.date, w.quotes, w.dateText, w.actors, w.places, w.prefix)
		}
	}
	// "two days after the strikes" counts from an event: in TIMEX3 it is
	// the duration "two days", and no sentence here dates strikes to the
	// day ("airstrikes on Sunday and Monday" is two days, "struck" another
	// word), so it is not drafted.
	for _, d := range drafts {
		for _, ev := range d.Evidence {
			if strings.HasPrefix(ev.DateText, "two days") {
				t.Errorf("draft %s dated by %q", d.ID, ev.DateText)
			}
		}
	}
	_ = skips
}

// TestDraftsCluster checks that adjacent sentences of a paragraph that
// give the same date make one draft with two pieces of evidence.
func TestDraftsCluster(t *testing.T) {
	body := "Putin met Araghchi on Monday. On Monday they also signed a deal. Then they left.\n"
	tl := miniSite(t, map[string]string{"s": "+++\ntitle = \"S\"\noutlet = \"unknown\"\npublished = \"2025-06-23\"\n+++\n" + body})
	drafts, _ := Drafts(Source{ID: "s", Text: body, Date: DocDateOf("2025-06-23")}, tl)
	if len(drafts) != 1 || len(drafts[0].Evidence) != 2 || drafts[0].Date != "2025-06-23" {
		t.Fatalf("drafts = %+v, want one with two pieces of evidence dated 2025-06-23", drafts)
	}
}

func TestDraftFileParses(t *testing.T) {
	d := Draft{
		ID: "2025-06-23-x", Title: `A "quoted" title`, Date: "2025-06-23?",
		Actors: []string{"putin"}, Places: []string{"moscow"},
		Evidence: []Evidence{{Source: "s", Quote: `He said "yes"`, Prefix: "x", DateText: "on Monday", Date: "2025-06-23?"}},
		Body:     "Drafted.\n",
	}
	e, errs := content.ParseEntry("content/entries/drafts/"+d.ID+".md", d.File())
	if len(errs) > 0 {
		t.Fatalf("%v\n%s", errs, d.File())
	}
	if !e.Draft || e.Title.Text != d.Title || e.Date.Text != d.Date || len(e.Evidence) != 1 ||
		e.Evidence[0].Quote.Text != `He said "yes"` || e.Evidence[0].Prefix.Text != "x" || e.Evidence[0].DateText.Text != "on Monday" || e.Body != d.Body {
		t.Errorf("round trip lost something:\n%s", d.File())
	}
}

func TestHeadline(t *testing.T) {
	names := newMatcher(miniSite(t, nil))
	tests := []struct{ quote, dateText, want string }{
		{"Russian President Vladimir Putin on Tuesday reaffirmed his country’s position.", "on Tuesday", "Vladimir Putin reaffirmed his country’s position"},
		{"On March 9, Putin also held a phone call with Araghchi.", "On March 9", "Putin held a phone call with Araghchi"},
		{"Notably, Israel launched airstrikes in 2015, with the US watching.", "in 2015", "Israel launched airstrikes"},
		{"According to officials, Putin met Araghchi on Monday.", "on Monday", "Putin met Araghchi"},
		{"“We will help,” Putin told Araqchi on Monday.", "on Monday", "Putin told Araqchi: “We will help”"},
		{"A spokesman for the Kremlin, Putin, told reporters on Monday that talks went on.", "on Monday", "Putin told reporters that talks went on"},
		{"Araghchi, the foreign minister of Iran, said on Monday that Iran would respond.", "on Monday", "Araghchi said that Iran would respond"},
		{"Before Saturday’s US strikes, Moscow had warned of war.", "Before Saturday", "Moscow had warned of war"},
		{"The United States and Israel launched a campaign against Iran on February 28.", "on February 28", "The United States and Israel launched a campaign against Iran"},
		{"On Monday.", "On Monday", "Untitled draft"},
	}
	for _, tt := range tests {
		if got := headline(tt.quote, tt.dateText, names); got != tt.want {
			t.Errorf("headline(%q, %q) = %q, want %q", tt.quote, tt.dateText, got, tt.want)
		}
	}
}

// TestDraftsOneEvent checks that sentences reporting one event on one
// date make one draft wherever they stand, and that the same date with
// another actor first, or nothing else in common, stays apart.
func TestDraftsOneEvent(t *testing.T) {
	body := "Putin hosted Araghchi in Moscow on Monday.\n\nThe IDF struck Iran on Monday.\n\n" +
		"Putin said on Monday that he had hosted Araghchi to discuss the war.\n\nPutin flew home on Monday.\n"
	tl := miniSite(t, map[string]string{"s": "+++\ntitle = \"S\"\noutlet = \"unknown\"\npublished = \"2025-06-23\"\n+++\n" + body})
	drafts, _ := Drafts(Source{ID: "s", Text: body, Date: DocDateOf("2025-06-23")}, tl)
	var got []string
	for _, d := range drafts {
		got = append(got, fmt.Sprintf("%s %d", d.Title, len(d.Evidence)))
	}
	want := []string{"Putin hosted Araghchi in Moscow 2", "The IDF struck Iran 1", "Putin flew home 1"}
	if !slices.Equal(got, want) {
		t.Errorf("drafts = %q, want %q", got, want)
	}
}

// TestDraftsEventAnchored checks that "two days after the strikes" is
// dated from the day another sentence gives the strikes, and stays
// undated when none does.
func TestDraftsEventAnchored(t *testing.T) {
	for _, tt := range []struct{ body, date string }{
		{"US bombers struck Iran’s nuclear sites on Saturday.\n\nAraghchi flew to Moscow two days after the strikes on the nuclear sites.\n", "2025-06-23"},
		{"Araghchi flew to Moscow three weeks before the vote on sanctions.\n\nThe sanctions vote was on Saturday.\n", "2025-05-31"},
		{"Araghchi flew to Moscow two days after the strikes.\n\nThe talks went on on Saturday.\n", ""},
	} {
		tl := miniSite(t, map[string]string{"s": "+++\ntitle = \"S\"\noutlet = \"unknown\"\npublished = \"2025-06-23\"\n+++\n" + tt.body})
		drafts, skips := Drafts(Source{ID: "s", Text: tt.body, Date: DocDateOf("2025-06-23")}, tl)
		got := ""
		for _, d := range drafts {
			for _, ev := range d.Evidence {
				if strings.Contains(ev.Quote, "Araghchi flew") {
					got = ev.Date
				}
			}
		}
		if got != tt.date {
			t.Errorf("%q: dated %q, want %q (skips %v)", tt.body, got, tt.date, skips)
		}
	}
}
