package build_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline"
	"dateline/internal/browsertest"
	"dateline/internal/build"
)

// TestRTLMirrors checks in Chromium that an Arabic page is laid out right
// to left: the timeline rail and its dots are on the right of the entries,
// quote bars on the right of quotes, and the earlier entry on the right of
// prev/next; and that the English page keeps them on the left.
func TestRTLMirrors(t *testing.T) {
	ctx, npm := browsertest.New(t), browsertest.NPM(t)
	type geometry struct {
		RailRight, RailLeft   float64 // border widths of the rail
		EntryInsetRight       float64 // the card's distance from the list's right edge
		EntryInsetLeft        float64
		QuoteRight, QuoteLeft float64 // border widths of a quote
		PrevX, NextX          float64 // where prev and next start
		Dir                   string
	}
	measure := func(lang string) geometry {
		s, err := build.Build(mapFS(languageSite(lang, "")), dateline.Theme(), build.Options{})
		if err != nil {
			t.Fatal(err)
		}
		srv := browsertest.Serve(t, s.Files, npm)
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		var g geometry
		if err := chromedp.Do(wctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		front, err := chromedp.Run(wctx, chromedp.Evaluate[geometry](`(function () {
  var ol = document.querySelector("ol.entries"), li = ol.querySelector("li.entry");
  var cs = getComputedStyle(ol), a = ol.getBoundingClientRect(), b = li.getBoundingClientRect();
  return {RailRight: parseFloat(cs.borderRightWidth), RailLeft: parseFloat(cs.borderLeftWidth),
    EntryInsetRight: a.right - b.right, EntryInsetLeft: b.left - a.left, Dir: getComputedStyle(document.body).direction};
})()`))
		if err != nil {
			t.Fatal(err)
		}
		g = front
		if err := chromedp.Do(wctx, chromedp.Navigate(srv.URL+"/entries/2025-06-23-putin-meets-araghchi/")); err != nil {
			t.Fatal(err)
		}
		entry, err := chromedp.Run(wctx, chromedp.Evaluate[geometry](`(function () {
  var q = getComputedStyle(document.querySelector(".evidence blockquote"));
  var p = document.querySelector('.prevnext a[rel="prev"]').getBoundingClientRect();
  var n = document.querySelector('.prevnext a[rel="next"]').getBoundingClientRect();
  return {QuoteRight: parseFloat(q.borderRightWidth), QuoteLeft: parseFloat(q.borderLeftWidth), PrevX: p.left, NextX: n.left};
})()`))
		if err != nil {
			t.Fatal(err)
		}
		g.QuoteRight, g.QuoteLeft, g.PrevX, g.NextX = entry.QuoteRight, entry.QuoteLeft, entry.PrevX, entry.NextX
		return g
	}

	ar := measure("ar")
	if ar.Dir != "rtl" || ar.RailRight != 2 || ar.RailLeft != 0 || ar.EntryInsetRight < 15 || ar.EntryInsetRight > 30 {
		t.Errorf("Arabic front page: the rail is not on the right: %+v", ar)
	}
	if ar.QuoteRight != 3 || ar.QuoteLeft != 0 || ar.PrevX <= ar.NextX {
		t.Errorf("Arabic entry page: quote bar or prev/next not mirrored: %+v", ar)
	}
	en := measure("en")
	if en.Dir != "ltr" || en.RailLeft != 2 || en.RailRight != 0 || en.EntryInsetLeft < 15 || en.EntryInsetLeft > 30 || en.QuoteLeft != 3 || en.PrevX >= en.NextX {
		t.Errorf("English pages are not left to right: %+v", en)
	}
}

// TestAxeArabic runs axe-core on the pages of an Arabic site: no
// violations.
func TestAxeArabic(t *testing.T) {
	ctx, npm := browsertest.New(t), browsertest.NPM(t, axeFile)
	s, err := build.Build(mapFS(languageSite("ar", "")), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, s.Files, npm)
	for _, page := range []string{"", "entries/2025-06-22-us-strikes/", "sources/moscow-report/", "actors/putin/", "actors/", "embed/"} {
		for _, v := range runAxe(t, ctx, srv, srv.URL+"/"+page) {
			t.Errorf("/%s: %s", page, v)
		}
	}
}
