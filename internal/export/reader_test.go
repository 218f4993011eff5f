package export_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestReaderLayout checks, in a browser, what a reader of the example site
// sees: on a 375 px phone the first entry's title is within the first
// screen; card titles look like the links they are; and printing leaves out
// the embed code and the page-to-page links.
func TestReaderLayout(t *testing.T) {
	ctx, npm := e2e(t)
	srv := siteServer(t, exampleSite(t), npm, nil)
	ctx, cancel := wait(ctx, time.Minute)
	defer cancel()

	type phoneView struct {
		TitleBottom float64
		H1s         int
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 667), chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(".entry")); err != nil {
		t.Fatal(err)
	}
	phone, err := chromedp.Run(ctx, chromedp.Evaluate[phoneView](`({
		TitleBottom: document.querySelector(".entry .entry-title").getBoundingClientRect().bottom,
		H1s: document.querySelectorAll("h1").length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "phone-front")
	if phone.TitleBottom <= 0 || phone.TitleBottom > 667 {
		t.Errorf("at 375×667 the first entry's title ends %.0f px down; it must be within the first screen", phone.TitleBottom)
	}
	if phone.H1s != 1 {
		t.Errorf("the front page has %d h1 elements, want 1 (the site's title, said once)", phone.H1s)
	}

	type linkStyle struct{ Color, Text, Decoration string }
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	link, err := chromedp.Run(ctx, chromedp.Evaluate[linkStyle](`(() => {
		const a = getComputedStyle(document.querySelector(".entry-title a"));
		const p = getComputedStyle(document.querySelector(".entry-summary"));
		return {Color: a.color, Text: p.color, Decoration: a.textDecorationLine};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if link.Color == link.Text || link.Decoration != "underline" {
		t.Errorf("card title link: colour %s (text %s), decoration %q; want a link colour and an underline", link.Color, link.Text, link.Decoration)
	}

	printMedia := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	if err := chromedp.Do(ctx, printMedia, chromedp.Navigate(srv.URL+"/entries/2025-06-23-putin-meets-araghchi/"), chromedp.WaitReady(".entry-page")); err != nil {
		t.Fatal(err)
	}
	hidden, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[".embed-share", ".prevnext", ".site-header nav"].filter(s => {
		const e = document.querySelector(s);
		return e && getComputedStyle(e).display !== "none";
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(hidden) > 0 {
		t.Errorf("printed entry page still shows %q", hidden)
	}
}
