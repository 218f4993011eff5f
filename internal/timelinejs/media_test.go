package timelinejs_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/export"
	"dateline/internal/timelinejs"
)

// A timeline with media, exported to TimelineJS and imported back, keeps
// every entry's media: its address (a local image by its published one),
// caption, credit and alt text.
func TestRoundTripKeepsMedia(t *testing.T) {
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 900, 600)))
	entry := func(title, date, media string) []byte {
		return []byte("+++\ntitle = \"" + title + "\"\ndate = \"" + date + "\"\n\n[[evidence]]\nsource = \"report\"\nquote = \"" + title + "\"\n" + media + "+++\nSummary of " + title + ".\n")
	}
	fsys := fstest.MapFS{
		"site.toml":                 {Data: []byte("title = \"Media\"\ndescription = \"A timeline with pictures.\"\nbase_url = \"https://news.example/\"\n")},
		"content/sources/report.md": {Data: []byte("+++\ntitle = \"Report\"\noutlet = \"Wire\"\npublished = \"2026-03-10\"\n+++\nStrikes hit the port. Talks began in Geneva. A statement followed.\n")},
		"content/entries/a.md":      {Data: entry("Strikes hit the port", "2026-03-01", "\n[[media]]\nfile = \"port.png\"\nalt = \"Smoke over the port's cranes\"\ncaption = \"The port after the strikes\"\ncredit = \"Photo: Wire\"\nsource = \"report\"\n")},
		"content/entries/b.md":      {Data: entry("Talks began in Geneva", "2026-03-05", "\n[[media]]\nurl = \"https://youtu.be/dQw4w9WgXcQ\"\ncaption = \"Opening remarks\"\ncredit = \"UN Web TV\"\n")},
		"content/entries/c.md":      {Data: entry("A statement followed", "2026-03-09", "")},
		"content/media/port.png":    {Data: img.Bytes()},
	}
	site, err := build.Build(fsys, dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("%v\n%v", err, site.Problems)
	}
	data, err := export.TimelineJS(site.Timeline, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := timelinejs.Parse("timelinejs.json", data)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	port := site.Timeline.Entry("a").Media[0]
	if m := doc.Timeline.Events[0].Media; m == nil || m.URL != "https://news.example/"+port.Local.Path || m.Thumbnail != "https://news.example/"+port.Sizes[0].Path || m.Alt != port.Alt || m.Link != "https://news.example/sources/report/" {
		t.Errorf("exported media %+v", m)
	}
	got, res := importInto(t, doc)
	if res.Description != "A timeline with pictures." {
		t.Errorf("description %q: the title slide's text", res.Description)
	}
	for _, want := range site.Timeline.Entries {
		e := got.Entry(want.ID)
		if e == nil {
			t.Fatalf("%s not imported", want.ID)
		}
		if len(e.Media) != len(want.Media) {
			t.Errorf("%s: %d media, want %d", want.ID, len(e.Media), len(want.Media))
			continue
		}
		for i, w := range want.Media {
			m := e.Media[i]
			url := w.Remote.URL
			if w.IsLocal() {
				url = "https://news.example/" + w.Local.Path
			}
			if m.Remote.URL != url || m.Caption != w.Caption || m.Credit != w.Credit || m.Alt != w.Alt || m.Kind != w.Kind {
				t.Errorf("%s: media %+v, want %s %+v", want.ID, m, url, w)
			}
			if m.Source == nil || !strings.HasPrefix(m.Source.ID, "stub-") {
				t.Errorf("%s: media source %v, want its stub", want.ID, m.Source)
			}
		}
	}
}

func TestImportMedia(t *testing.T) {
	const doc = `{"title": {"text": {"headline": "Geneva", "text": "<p>How the <b>talks</b> went.</p>"}},
"events": [
 {"start_date": {"year": "2026", "month": "3", "day": "1"}, "text": {"headline": "Protocol-relative"},
  "media": {"url": "//www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": "<i>Opening</i>", "credit": "UN"}},
 {"start_date": {"year": "2026", "month": "3", "day": "2"}, "text": {"headline": "Relative image"},
  "media": {"url": "img/venue.jpg", "caption": "The venue"}},
 {"start_date": {"year": "2026", "month": "3", "day": "3"}, "text": {"headline": "A quote as media"},
  "media": {"url": "<blockquote><p>We will return to the table.</p></blockquote>", "credit": "The envoy"}},
 {"start_date": {"year": "2026", "month": "3", "day": "4"}, "text": {"headline": "A script"},
  "media": {"url": "javascript:alert(1)"}},
 {"start_date": {"year": "2026", "month": "3", "day": "5"}, "text": {"headline": "An image without words"},
  "media": {"url": "https://img.example/x.png"}}
]}`
	for _, base := range []string{"", "https://news.example/geneva/timeline.json"} {
		d, errs := timelinejs.Parse("t.json", []byte(doc))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		res, errs := timelinejs.Import(d, timelinejs.Site{Base: base})
		if len(errs.Errors()) > 0 {
			t.Fatal(errs)
		}
		if res.Description != "How the talks went." {
			t.Errorf("description %q", res.Description)
		}
		files := map[string]string{}
		for _, f := range res.Files {
			files[f.Path] = string(f.Data)
		}
		entry := func(title string) string {
			for p, data := range files {
				if strings.HasPrefix(p, "content/entries/") && strings.Contains(data, "title = \""+title+"\"") {
					return data
				}
			}
			t.Fatalf("no entry %q in %v", title, files)
			return ""
		}
		if e := entry("Protocol-relative"); !strings.Contains(e, "[[media]]\nurl = \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"\ncaption = \"Opening\"\ncredit = \"UN\"\nsource = \"stub-") {
			t.Errorf("protocol-relative media:\n%s", e)
		}
		rel := entry("Relative image")
		if base == "" {
			if strings.Contains(rel, "[[media]]") || !strings.Contains(strings.Join(res.Notes, "\n"), `slide 2: media "img/venue.jpg" is a relative address`) {
				t.Errorf("relative media without a base:\n%s\nnotes %q", rel, res.Notes)
			}
		} else if !strings.Contains(rel, "url = \"https://news.example/geneva/img/venue.jpg\"\ncaption = \"The venue\"\nalt = \"The venue\"\n") {
			t.Errorf("relative media against %s:\n%s", base, rel)
		}
		if q := entry("A quote as media"); strings.Contains(q, "[[media]]") || !strings.Contains(q, "> We will return to the table.\n>\n> — The envoy") {
			t.Errorf("blockquote media:\n%s", q)
		}
		if s := entry("A script"); strings.Contains(s, "[[media]]") || strings.Contains(s, "javascript") {
			t.Errorf("javascript media:\n%s", s)
		}
		if e := entry("An image without words"); !strings.Contains(e, "alt = \"Image from the slide “An image without words”\"") {
			t.Errorf("alt text of a bare image:\n%s", e)
		}
		// And the result builds, media checked as any.
		fsys := fstest.MapFS{"site.toml": {Data: []byte(siteTOML)}}
		for p, data := range files {
			fsys[p] = &fstest.MapFile{Data: []byte(data)}
		}
		if _, problems := build.Load(fsys, build.Options{}); len(problems.Errors()) > 0 {
			t.Errorf("the import does not load: %v", problems)
		}
	}
}
