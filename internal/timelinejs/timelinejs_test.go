package timelinejs_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/diag"
	"dateline/internal/edtf"
	"dateline/internal/export"
	"dateline/internal/markdown"
	"dateline/internal/model"
	"dateline/internal/timelinejs"
)

const siteTOML = "title = \"Imported\"\nbase_url = \"https://news.example/\"\n"

// importInto imports doc into an empty site and loads the result as the
// build would.
func importInto(t *testing.T, doc *timelinejs.Doc) (*model.Timeline, *timelinejs.Result) {
	t.Helper()
	res, errs := timelinejs.Import(doc, timelinejs.Site{})
	if len(errs.Errors()) > 0 {
		t.Fatalf("import: %v", errs)
	}
	fsys := fstest.MapFS{"site.toml": {Data: []byte(siteTOML)}}
	for _, f := range res.Files {
		prev := fsys[f.Path]
		data := f.Data
		if f.Append && prev != nil {
			data = append(append([]byte{}, prev.Data...), data...)
		}
		fsys[f.Path] = &fstest.MapFile{Data: data}
	}
	tl, problems := build.Load(fsys, build.Options{})
	if len(problems.Errors()) > 0 {
		for _, f := range res.Files {
			t.Logf("--- %s\n%s", f.Path, f.Data)
		}
		t.Fatalf("the imported site does not load: %v", problems)
	}
	return tl, res
}

// TestRoundTrip exports the example site to TimelineJS, imports the file
// into an empty site and compares every entry: title, date (EDTF-equal)
// and text.
func TestRoundTrip(t *testing.T) {
	site, err := build.Build(os.DirFS("../.."), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New()
	data, err := export.TimelineJS(site.Timeline, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := timelinejs.Parse("timelinejs.json", data)
	if len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	got, res := importInto(t, doc)
	if len(got.Entries) != len(site.Timeline.Entries) {
		t.Fatalf("%d entries imported, %d exported", len(got.Entries), len(site.Timeline.Entries))
	}
	for _, want := range site.Timeline.Entries {
		e := got.Entry(want.ID)
		if e == nil {
			t.Errorf("entry %s not imported (ids come from unique_id)", want.ID)
			continue
		}
		if e.Title != want.Title {
			t.Errorf("%s: title %q, want %q", want.ID, e.Title, want.Title)
		}
		if !e.Date.Equal(want.Date) {
			t.Errorf("%s: date %s, want %s", want.ID, e.Date, want.Date)
		}
		if g, w := md.Plain([]byte(e.Body)), md.Plain([]byte(want.Body)); g != w {
			t.Errorf("%s: text\n got %q\nwant %q", want.ID, g, w)
		}
		if len(want.Topics) > 0 && (len(e.Topics) == 0 || e.Topics[0].Name != want.Topics[0].Name) {
			t.Errorf("%s: topic (group) not carried over", want.ID)
		}
	}
	if res.Stubs != 0 || res.Sources != 1 {
		t.Errorf("sources: %d timeline, %d stubs; want the timeline itself only", res.Sources, res.Stubs)
	}
	if len(res.Threads) != 3 {
		t.Errorf("threads from eras: %v", res.Threads)
	}
}

const sheet = `Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background
,,,,,,,,,The Geneva talks,<p>How the talks went.</p>,,,,,title,,
2026,3,1,,2026,3,31,,,Talks period,,,,,,era,,
2026,3,9,14:30,,,,,,Delegations meet in Geneva,"<p>The delegations met <b>behind closed doors</b>; see <a href=""https://news.example/geneva"">the report</a>.</p><script>alert(1)</script>",https://news.example/photo.jpg,AP / Jane Doe,The venue,,,Diplomacy,#334455
2026,3,,,,,,,c. March 2026,A second round is announced,<p>*Not* a list: 1. item</p>,,,,,,Diplomacy,
1998,,,,,,,,,Earlier talks,Talks took place in 1998.,,,,,,History,
`

func TestImportCSV(t *testing.T) {
	doc, errs := timelinejs.ParseCSV("sheet.csv", []byte(sheet))
	if len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	tl, res := importInto(t, doc)
	if len(tl.Entries) != 3 {
		t.Fatalf("%d entries, want 3", len(tl.Entries))
	}
	byTitle := map[string]*model.Entry{}
	for _, e := range tl.Entries {
		byTitle[e.Title] = e
	}
	meet := byTitle["Delegations meet in Geneva"]
	if meet == nil || meet.Date.String() != "2026-03-09T14:30" {
		t.Fatalf("timed entry: %+v", meet)
	}
	if strings.Contains(meet.Body, "alert") || strings.Contains(meet.Body, "<") {
		t.Errorf("script or HTML passed through: %q", meet.Body)
	}
	if !strings.Contains(meet.Body, "**behind closed doors**") || !strings.Contains(meet.Body, "[the report](https://news.example/geneva)") {
		t.Errorf("emphasis or link lost: %q", meet.Body)
	}
	// A slide with media gets a stub source that says it is one.
	src := meet.Evidence[0].Source
	if src.URL != "https://news.example/photo.jpg" || src.Outlet != "unknown" || !strings.Contains(src.Text, "This is a stub") || !strings.Contains(src.Text, "AP / Jane Doe") {
		t.Errorf("stub source: %+v", src)
	}
	if !src.Published.Interval || !src.Published.UnknownEnd {
		t.Errorf("a stub's publication date is unknown after the event, got %s", src.Published)
	}
	if meet.Thread == nil || meet.Thread.Name != "Talks period" {
		t.Errorf("the era containing the entry is its thread: %v", meet.Thread)
	}
	// "c. March 2026" is an approximate month; the display is kept.
	second := byTitle["A second round is announced"]
	if second == nil || second.Date.String() != "2026-03~" {
		t.Fatalf("approximate month: %+v", second)
	}
	// Markdown-looking text stays text.
	if p := markdown.New().Plain([]byte(second.Body)); !strings.HasPrefix(p, "*Not* a list: 1. item") {
		t.Errorf("text changed meaning: %q", p)
	}
	old := byTitle["Earlier talks"]
	if old == nil || old.Date.String() != "1998" || old.Evidence[0].Source.URL != "" {
		t.Errorf("year-only entry: %+v", old)
	}
	if len(res.Topics) != 2 || res.Stubs != 1 || res.Sources != 1 {
		t.Errorf("result: %+v", res)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "background") {
		t.Errorf("notes: %v", res.Notes)
	}
}

// Bad input is reported at the value's line and column.
func TestPositionedErrors(t *testing.T) {
	cases := []struct {
		name, path, src, want string
	}{
		{"month", "t.json", "{\"events\": [\n  {\"start_date\": {\"year\": 2026, \"month\": 13},\n   \"text\": {\"headline\": \"x\"}}]}", "t.json:2:42: month 13 is out of range"},
		{"day", "t.json", "{\"events\": [{\"start_date\": {\"year\": \"2026\", \"month\": \"2\",\n \"day\": \"30\"}}]}", "t.json:2:9: day 30 does not exist in February 2026"},
		{"year", "t.json", "{\"events\": [{\"start_date\": {\"year\": \"MMXX\"}}]}", "t.json:1:37: year: \"MMXX\" is not a whole number"},
		{"order", "t.json", "{\"events\": [{\"start_date\": {\"year\": 2026},\n\"end_date\": {\"year\": 2025}}]}", "t.json:2:13: interval ends"},
		{"missing", "t.json", "{\"events\": [{\"text\": {\"headline\": \"x\"}}]}", "t.json:1:13: slide 1 has no start_date"},
		{"syntax", "t.json", "{\"events\": [\n{\"start_date\": }]}", "t.json:2:16: invalid JSON"},
		{"time", "s.csv", "Year,Month,Day,Time,Headline\n2026,3,9,25:00,x\n", "s.csv:2:10: invalid time \"25:00\""},
		{"quote", "s.csv", "Year,Headline\n2026,\"unclosed\n", "s.csv:2:"},
		{"type", "s.csv", "Year,Headline,Type\n2026,x,chapter\n", "s.csv:2:8: unknown Type \"chapter\""},
		{"deep", "t.json", "{\"events\":\n " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "}", "t.json:2:33: JSON nests 33 deep here; the limit is 32"},
		{"deep objects", "t.json", strings.Repeat(`{"a":`, 40), "t.json:1:161: JSON nests 33 deep here"},
		{"brackets in strings", "t.json", `{"events": [{"start_date": {"year": 2026}, "text": {"headline": "` + strings.Repeat("[", 100) + `\"{"}}]}`, "no error"},
		{"latin-1 json", "t.json", "{\"events\": [{\"text\": {\"headline\": \"T\xe9h\xe9ran\"}}]}", "t.json:1:37: invalid UTF-8 (byte 0xE9)"},
		{"latin-1 csv", "s.csv", "Year,Headline\n2026,T\xe9h\xe9ran\n", "s.csv:2:7: invalid UTF-8 (byte 0xE9)"},
		{"too big", "t.json", "{\"events\": []}" + strings.Repeat(" ", timelinejs.MaxFileBytes), "t.json:1:1: file is 64.0 MiB; the limit is 64 MiB"},
		{"far year", "t.json", "{\"events\": [{\"start_date\": {\"year\": -1000000000000}}]}", "t.json:1:37: year -1000000000000 is beyond the eleven digits"},
		{"far month", "t.json", "{\"events\": [{\"start_date\": {\"year\": 20000, \"month\": 1}}]}", "t.json:1:53: a year beyond four digits (20000) is dated to the year only"},
		{"BC day", "t.json", "{\"events\": [{\"start_date\": {\"year\": -4, \"month\": 2, \"day\": 29}}]}", "t.json:1:60: day 29 does not exist in February 4 BC"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var doc *timelinejs.Doc
			var errs diag.List
			if strings.HasSuffix(c.path, ".csv") {
				doc, errs = timelinejs.ParseCSV(c.path, []byte(c.src))
			} else {
				doc, errs = timelinejs.Parse(c.path, []byte(c.src))
			}
			if len(errs.Errors()) == 0 {
				_, errs = timelinejs.Import(doc, timelinejs.Site{})
			}
			if c.want == "no error" && len(errs.Errors()) == 0 {
				return
			}
			for _, p := range errs.Errors() {
				if strings.HasPrefix(p.Error(), c.want) {
					return
				}
			}
			t.Errorf("want an error starting %q, got %v", c.want, errs)
		})
	}
}

// A display_date that is Dateline's own display of a qualified reading of
// the parts gives back that reading. (Where two readings display alike,
// e.g. "2024-10/2025-06-23?" and "2024-10?/2025-06-23?", the one with
// fewer qualifiers wins; the "edtf" extension settles it, see
// TestRoundTrip.)
func TestDisplayDateReadings(t *testing.T) {
	for _, src := range []string{
		"2025-06-21?/2025-06-22?", "2026-01~", "2026%", "2026-03-XX", "201X", "2026-02-28/..",
		"2026-02-28/", "../2026-02-28", "2026-03-09T14:30+03:00", "2025-06-21?/2025-06-22", "2024-10/2025-06-23?",
		"-0299", "-0043-03-15", "0000", "-0331/-0322?", "Y17000", "Y-13799999999~",
	} {
		d := edtf.MustParse(src)
		tl := &model.Timeline{}
		tl.Entries = []*model.Entry{{ID: "x", Title: "X", Date: d, Body: "Text."}}
		data, err := export.TimelineJS(tl, nil)
		if err != nil {
			t.Fatal(err)
		}
		doc, errs := timelinejs.Parse("x.json", data)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		// As a TimelineJS editor would save it: without Dateline's
		// "edtf" extension, so the display_date alone must be read.
		for i := range doc.Timeline.Events {
			doc.Timeline.Events[i].EDTF = ""
		}
		res, errs := timelinejs.Import(doc, timelinejs.Site{})
		if len(errs.Errors()) > 0 {
			t.Fatalf("%s: %v", src, errs)
		}
		var entry string
		for _, f := range res.Files {
			if strings.HasPrefix(f.Path, "content/entries/") {
				entry = string(f.Data)
			}
		}
		if !strings.Contains(entry, "date = \""+d.String()+"\"\n") {
			t.Errorf("%s came back as:\n%s", src, entry)
		}
		if strings.Contains(entry, "Date as given") {
			t.Errorf("%s: the display was matched, yet kept in the body", src)
		}
	}
}

func TestMarkdownFromHTML(t *testing.T) {
	md := markdown.New()
	cases := []struct{ in, plain string }{
		{`<p>One <em>two</em></p><p>Three &amp; four</p>`, "One two Three & four"},
		{`<a href="javascript:alert(1)">click</a> <a href="/rel">rel</a>`, "click rel"},
		{`<ul><li>a</li><li># not a heading</li></ul>`, "a # not a heading"},
		{`<style>p{}</style><iframe src="https://x.example/"></iframe>kept`, "kept"},
		{`x <b></b>y`, "x y"},
		{`<p class="dateline-meta"><a href="https://e.example/">Evidence</a></p><p>body</p>`, "body"},
		{`a < b &lt;c&gt; [d](e) \f`, "a < b <c> [d](e) \\f"},
	}
	for _, c := range cases {
		got := timelinejs.Markdown(c.in)
		if p := md.Plain([]byte(got)); p != c.plain {
			t.Errorf("Markdown(%q) = %q, reads %q, want %q", c.in, got, p, c.plain)
		}
		h, _ := md.Render([]byte(got), nil)
		if strings.Contains(string(h), "javascript:") || strings.Contains(string(h), "<iframe") || strings.Contains(string(h), `href="/rel"`) {
			t.Errorf("unsafe output for %q: %s", c.in, h)
		}
	}
}

// FuzzImportTime fails when one input takes more than a second to parse
// and import: no file may hang `dateline import`. It only runs with -fuzz;
// its seeds, hostile shapes at sizes that pass quickly, run with go test.
func FuzzImportTime(f *testing.F) {
	f.Add([]byte(`{"events": [{"start_date": {"year": 2026}, "text": {"headline": "x", "text": "<p>a</p>"}}]}`))
	f.Add([]byte(`{"events":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "}"))
	f.Add([]byte(`{"events": [{"start_date": {"year": 2026}, "text": {"headline": "x", "text": "` + strings.Repeat("<b><i>", 500) + `"}}]}`))
	f.Add([]byte(`{"events": [{"start_date": {"year": 2026}, "text": {"headline": "x", "text": "` + strings.Repeat("<ul><li>", 200) + `"}}]}`))
	f.Add([]byte("Year,Headline,Text\n2026,x," + strings.Repeat("<blockquote>", 300) + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		doc, errs := timelinejs.Parse("t.json", data)
		if len(errs.Errors()) > 0 {
			doc, errs = timelinejs.ParseCSV("t.csv", data)
		}
		if len(errs.Errors()) == 0 {
			timelinejs.Import(doc, timelinejs.Site{})
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("%d-byte input took %v", len(data), d)
		}
	})
}

// TimelineJS numbers years before AD 1 as its readers do ("year": "-300" is
// shown as 300 BCE), and reaches back to the Big Bang on its cosmological
// scale; such slides are imported, not refused, as the dates EDTF writes
// (-0299, with ISO 8601's year 0), and exported back in TimelineJS's terms.
func TestYearsBeforeADOne(t *testing.T) {
	src := `{"title": {"text": {"headline": "Deep time"}}, "events": [
  {"start_date": {"year": "-300"}, "text": {"headline": "Euclid writes the Elements"}},
  {"start_date": {"year": -44, "month": 3, "day": 15}, "text": {"headline": "Caesar is killed"}},
  {"start_date": {"year": "-13800000000"}, "text": {"headline": "The Big Bang"}},
  {"start_date": {"year": "0"}, "text": {"headline": "Year zero"}},
  {"start_date": {"year": "1969", "month": "7", "day": "20"}, "text": {"headline": "Moon landing"}}
], "scale": "cosmological"}`
	doc, errs := timelinejs.Parse("deep.json", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tl, _ := importInto(t, doc)
	want := map[string][2]string{ // headline: EDTF, display
		"Euclid writes the Elements": {"-0299", "300 BC"},
		"Caesar is killed":           {"-0043-03-15", "15 March 44 BC"},
		"The Big Bang":               {"Y-13799999999", "13,800,000,000 BC"},
		"Year zero":                  {"0000", "1 BC"},
		"Moon landing":               {"1969-07-20", "20 July 1969"},
	}
	var order []string
	for _, e := range tl.Entries {
		order = append(order, e.Title)
		w, ok := want[e.Title]
		if !ok {
			t.Errorf("unexpected entry %q", e.Title)
			continue
		}
		if e.Date.String() != w[0] || e.Date.Display() != w[1] {
			t.Errorf("%s: %s (%s), want %s (%s)", e.Title, e.Date, e.Date.Display(), w[0], w[1])
		}
	}
	if got := strings.Join(order, ", "); got != "The Big Bang, Euclid writes the Elements, Caesar is killed, Year zero, Moon landing" {
		t.Errorf("timeline order: %s", got)
	}

	// Back to TimelineJS: its years, its scale.
	data, err := export.TimelineJS(tl, nil)
	if err != nil {
		t.Fatal(err)
	}
	back, errs := timelinejs.Parse("back.json", data)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if back.Timeline.Scale != "cosmological" {
		t.Errorf("scale %q: the Big Bang needs the cosmological one", back.Timeline.Scale)
	}
	years := map[string]string{}
	for _, s := range back.Timeline.Events {
		years[timelinejs.PlainText(s.Text.Headline)] = string(s.StartDate.Year)
	}
	for headline, y := range map[string]string{"Euclid writes the Elements": "-300", "Caesar is killed": "-44", "The Big Bang": "-13800000000", "Year zero": "-1", "Moon landing": "1969"} {
		if years[headline] != y {
			t.Errorf("%s: exported year %q, want %q", headline, years[headline], y)
		}
	}
}
