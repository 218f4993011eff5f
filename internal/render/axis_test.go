package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline"
	"dateline/internal/config"
	"dateline/internal/edtf"
	"dateline/internal/locale"
	"dateline/internal/model"
)

// timeline makes a timeline of entries with the given dates (already in
// timeline order), the ones named in threaded in thread "war".
func timeline(size int, dates []string, threaded ...int) *model.Timeline {
	t := &model.Timeline{Config: config.Config{Title: "T", PageSize: size, Language: "en"}}
	war := &model.Record{Kind: "thread", ID: "war", Name: "The war"}
	t.Threads = []*model.Record{war}
	for i, d := range dates {
		e := &model.Entry{ID: fmt.Sprintf("e%06d", i), Title: d, Date: edtf.MustParse(d), Index: i}
		t.Entries = append(t.Entries, e)
	}
	for _, i := range threaded {
		t.Entries[i].Thread = war
		war.Entries = append(war.Entries, t.Entries[i])
	}
	return t
}

func TestAxisUnits(t *testing.T) {
	for _, c := range []struct {
		dates      []string
		unit, from string
		to         string
	}{
		{[]string{"2025-06-03", "2025-06-29"}, "Day", "2025-06-03", "2025-06-29"},
		{[]string{"2025-01-10", "2025-11-20"}, "Week", "2025-01-06", "2025-11-23"},
		{[]string{"2015", "2026-03-10"}, "Month", "2015-01-01", "2026-03-31"},
		{[]string{"1700", "2026-03-10"}, "Years", "1700-01-01", "2029-12-31"},
		{[]string{"-0299", "2026"}, "Years", "-0300-01-01", "2049-12-31"},
	} {
		a := axisOf(timeline(100, c.dates).Entries)
		u := a.unit.noun(locale.English())
		if u != c.unit || isoDay(a.lo) != c.from || isoDay(a.hi-1) != c.to {
			t.Errorf("%v: %s axis %s to %s, want %s axis %s to %s", c.dates, u, isoDay(a.lo), isoDay(a.hi-1), c.unit, c.from, c.to)
		}
	}
}

// TestAxisMarks: dates within one bin are counted in its bar (the
// uncertain and approximate ones apart); wider or open dates are spans
// from their lower to their upper bound, never points.
func TestAxisMarks(t *testing.T) {
	tl := timeline(100, []string{
		"2025-06", // a month: a span on a day axis
		"2025-06-01",
		"2025-06-01?",
		"2025-06-02~",
		"2025-06-02/2025-06-05", // a range: a span
		"2025-06-10",
		"2025-06-20/..", // open: a span to the end of the axis
		"2025-06-30",
	}, 1, 5)
	v := view{Site: tl, Config: tl.Config, Template: "timeline", r: &Renderer{loc: locale.English()}}
	a := v.Axis()
	if a.Unit != "Day" {
		t.Fatalf("unit %s, want Day", a.Unit)
	}
	var bars, spans []string
	for _, b := range a.Bars {
		bars = append(bars, fmt.Sprintf("%s %d/%d %s", b.From, b.N, b.Q, b.Href))
	}
	for _, s := range a.Spans {
		spans = append(spans, fmt.Sprintf("%s..%s %d %s", s.From, s.To, s.N, s.Class))
	}
	wantBars := []string{
		"2025-06-01 2/1 #e-e000001",
		"2025-06-02 1/1 #e-e000003",
		"2025-06-10 1/0 #e-e000005",
		"2025-06-30 1/0 #e-e000007",
	}
	wantSpans := []string{
		"2025-06-01..2025-06-30 1 span-range",
		"2025-06-02..2025-06-05 1 span-range",
		"2025-06-20..2025-06-30 1 span-open-ended",
	}
	if fmt.Sprint(bars) != fmt.Sprint(wantBars) {
		t.Errorf("bars:\n%q\nwant\n%q", bars, wantBars)
	}
	if fmt.Sprint(spans) != fmt.Sprint(wantSpans) {
		t.Errorf("spans:\n%q\nwant\n%q", spans, wantSpans)
	}
	if len(a.Bands) != 1 || a.Bands[0].From != "2025-06-01" || a.Bands[0].To != "2025-06-10" || a.Bands[0].Href != "threads/war/" {
		t.Errorf("bands: %+v, want the war from 1 to 10 June", a.Bands)
	}
	if !a.Complete {
		t.Error("a timeline on one page: the axis should say it lists every entry")
	}
}

// TestAxisLinksOffPage: on a timeline longer than a page, bars link to the
// year or month page that lists their period, at its heading.
func TestAxisLinksOffPage(t *testing.T) {
	var dates []string
	for m := 1; m <= 12; m++ {
		for d := 1; d <= 5; d++ {
			dates = append(dates, fmt.Sprintf("2024-%02d-%02d", m, d))
		}
	}
	dates = append(dates, "2025-03-01", "2026-07-04")
	tl := timeline(10, dates)
	v := view{Site: tl, Config: tl.Config, Template: "timeline", r: &Renderer{loc: locale.English()}}
	v.Periods = v.r.memo.periodsOf(tl, 10)
	a := v.Axis()
	got := map[string]string{}
	for _, b := range a.Bars {
		got[b.From] = b.Href
	}
	for from, want := range map[string]string{
		"2024-02-01": "2024/02/#m2024-02", // 2024 is split by month
		"2025-03-01": "2025/#m2025-03",    // 2025 fits on its page
		"2026-07-01": "2026/#m2026-07",
	} {
		if got[from] != want {
			t.Errorf("bar from %s links to %q, want %q", from, got[from], want)
		}
	}
	if a.Complete {
		t.Error("the overview front page lists 20 entries, not all: the axis says it lists all")
	}
}

// TestAxisSizeIsBounded: the axis of 100,000 entries over ten years, with
// every kind of date, stays small (it aggregates), so pages stay within
// the page budget (README, "Pages that scale").
func TestAxisSizeIsBounded(t *testing.T) {
	const n = 100_000
	dates := make([]string, 0, n)
	forms := []string{"%d-%02d-%02d", "%d-%02d-%02d?", "%d-%02d~", "%d-%02d-%02d/%d-%02d-28", "%d~"}
	for i := range n {
		y, m, d := 2016+i*10/n, 1+i%12, 1+i%28
		switch f := forms[i%len(forms)]; f {
		case "%d-%02d~":
			dates = append(dates, fmt.Sprintf(f, y, m))
		case "%d~":
			dates = append(dates, fmt.Sprintf(f, y))
		case "%d-%02d-%02d/%d-%02d-28":
			dates = append(dates, fmt.Sprintf(f, y, m, min(d, 27), y, min(m+i%3, 12)))
		default:
			dates = append(dates, fmt.Sprintf(f, y, m, d))
		}
	}
	// Timeline order: by lower bound.
	tl := timeline(100, dates)
	sortEntries(tl)
	r, err := New(mustSub(t, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	v := view{Site: tl, Config: tl.Config, Template: "timeline", r: r}
	v.Periods = r.memo.periodsOf(tl, 100)
	var b bytes.Buffer
	if err := r.tmpl.ExecuteTemplate(&b, "axis", v); err != nil {
		t.Fatal(err)
	}
	marks := len(regexp.MustCompile(`<a `).FindAll(b.Bytes(), -1))
	t.Logf("the axis of %d entries: %d bytes, %d links", n, b.Len(), marks)
	if b.Len() > 96<<10 {
		t.Errorf("the axis of %d entries is %d bytes, over 96 KB", n, b.Len())
	}
	if !strings.Contains(b.String(), `<table>`) || marks < 120 {
		t.Errorf("the axis has %d links and no table: it should count every month", marks)
	}
}

func sortEntries(tl *model.Timeline) {
	slices.SortFunc(tl.Entries, func(a, b *model.Entry) int { return edtf.Compare(a.Date, b.Date) })
	for i, e := range tl.Entries {
		e.Index = i
	}
}

func mustSub(t *testing.T, dir string) fs.FS {
	sub, err := fs.Sub(dateline.Theme(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}
