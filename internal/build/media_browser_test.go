package build_test

// A browser test of the click-to-load media card, in headless Chromium:
// before the click the page requests nothing from another host and holds
// no iframe; the click puts the provider's player in place, sandboxed;
// with JavaScript off the card is a plain link. Like the other browser
// tests (internal/export, internal/serve) it runs only with
// DATELINE_E2E=1, and then fails when Chromium is missing. Every host but
// the test server's is unresolvable in the browser, so the player's own
// requests fail offline instead of reaching YouTube.

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"dateline"
	"dateline/internal/browsertest"
	"dateline/internal/build"
)

func TestMediaFacadeInBrowser(t *testing.T) {
	// Every host but the test server's resolves to nothing: a request to a
	// third party fails instead of leaving the machine.
	actx := browsertest.Allocator(t, chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
	s, err := build.Build(mapFS(mediaSite(t)), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("%v\n%v", err, s.Problems)
	}
	srv := browsertest.Serve(t, s.Files, "")
	page := srv.URL + "/entries/2025-06-22-us-strikes/"
	// tab opens a fresh tab for one subtest.
	tab := func(t *testing.T) context.Context {
		ctx, cancel := chromedp.NewContext(actx)
		t.Cleanup(cancel)
		ctx, cancelT := context.WithTimeout(ctx, browsertest.Limit)
		t.Cleanup(cancelT)
		return ctx
	}

	t.Run("click to load", func(t *testing.T) {
		ctx := tab(t)
		var mu sync.Mutex
		var requests []string
		if err := chromedp.Listen(ctx, func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				mu.Lock()
				requests = append(requests, e.Request.URL)
				mu.Unlock()
			}
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			t.Fatal(err)
		}
		const button = chromedp.CSS("figure[data-media-src] button.media-load")
		if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(button)); err != nil {
			t.Fatal(err)
		}
		label, err := chromedp.Run(ctx, chromedp.Text(button))
		if err != nil {
			t.Fatal(err)
		}
		frames, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("iframe").length`))
		if err != nil {
			t.Fatal(err)
		}
		if label != "Play here" || frames != 0 {
			t.Errorf("before the click: button %q, %d iframes", label, frames)
		}
		mu.Lock()
		for _, u := range requests {
			if !strings.HasPrefix(u, srv.URL+"/") {
				t.Errorf("request to %s before any click", u)
			}
		}
		if len(requests) < 3 {
			t.Errorf("requests %q: the page, its style sheet and scripts at least", requests)
		}
		mu.Unlock()

		const player = chromedp.CSS("figure.media-loaded iframe.media-player")
		if err := chromedp.Do(ctx, chromedp.Click(button), chromedp.WaitReady(player)); err != nil {
			t.Fatal(err)
		}
		attrs, err := chromedp.Run(ctx, chromedp.Attributes(player))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"src":            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
			"sandbox":        "allow-scripts allow-same-origin allow-popups allow-presentation",
			"allow":          "autoplay; encrypted-media; picture-in-picture; fullscreen",
			"referrerpolicy": "strict-origin-when-cross-origin",
			"title":          "Footage of the strikes",
		}
		for k, v := range want {
			if attrs[k] != v {
				t.Errorf("iframe %s=%q, want %q", k, attrs[k], v)
			}
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		ctx := tab(t)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		const card = chromedp.CSS("figure.media-remote a.media-card")
		if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(card)); err != nil {
			t.Fatal(err)
		}
		href, err := chromedp.Run(ctx, chromedp.AttributeValue(card, "href"))
		if err != nil {
			t.Fatal(err)
		}
		if href.Value != "https://www.youtube.com/watch?v=dQw4w9WgXcQ" {
			t.Errorf("card link %+v", href)
		}
		for _, sel := range []string{"button.media-load", "iframe"} {
			nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(sel), chromedp.AtLeast(0)))
			if err != nil {
				t.Fatal(err)
			}
			if len(nodes) != 0 {
				t.Errorf("scripts off: %d %s", len(nodes), sel)
			}
		}
	})
}
