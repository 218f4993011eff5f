package build_test

// A small runner of axe-core (npm axe-core@4, installed by .ci/run) in
// headless Chromium, for accessibility checks of built pages: runAxe
// checks one page of a site that browsertest.Serve serves with /_npm/.

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeFile is what runAxe loads into the page.
const axeFile = "axe-core/axe.min.js"

// axeViolation is one rule a page breaks, with the elements that break it.
type axeViolation struct {
	ID    string   `json:"id"`
	Help  string   `json:"help"`
	Nodes []string `json:"nodes"`
}

func (v axeViolation) String() string {
	return v.ID + " (" + v.Help + "): " + strings.Join(v.Nodes, "; ")
}

// runAxe opens url (of srv, which serves /_npm/) and returns axe-core's
// violations of the page: WCAG 2.x A and AA and best practices.
func runAxe(t *testing.T, ctx context.Context, srv *httptest.Server, url string) []axeViolation {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	await := func(p *runtime.EvaluateParams) { yes := true; p.AwaitPromise = &yes }
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`new Promise(function (resolve, reject) {
  var s = document.createElement("script");
  s.src = "`+srv.URL+`/_npm/`+axeFile+`";
  s.onerror = function () { reject(new Error("axe-core did not load")); };
  s.onload = function () {
    axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(function (r) {
      resolve(r.violations.map(function (v) {
        return {id: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(" ") + ": " + n.failureSummary; })};
      }));
    }, reject);
  };
  document.head.appendChild(s);
})`, await))
	if err != nil {
		t.Fatalf("axe on %s: %v", url, err)
	}
	return out
}
