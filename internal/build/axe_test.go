package build_test

// A small runner of axe-core (npm axe-core@4, installed by .ci/run) in
// headless Chromium, for accessibility checks of built pages. It is
// test-only and self-contained so that other browser tests of this
// package can use it: e2eBrowser starts the browser, serveFiles serves a
// build (and /_npm/), runAxe checks one page.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// e2eBrowser starts a headless Chromium for one test and returns it with
// the npm directory. It skips the test unless DATELINE_E2E=1, and then
// fails it when Chromium or one of the npm files named is missing.
func e2eBrowser(t *testing.T, npmFiles ...string) (context.Context, string) {
	t.Helper()
	if os.Getenv("DATELINE_E2E") != "1" {
		t.Skip("browser test: set DATELINE_E2E=1 to run it")
	}
	var chrome string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chrome = p
			break
		}
	}
	if chrome == "" {
		t.Fatal("DATELINE_E2E=1 but no Chromium found (apt-get install chromium)")
	}
	npm := os.Getenv("DATELINE_NPM_DIR")
	if npm == "" {
		npm = filepath.Join("..", "..", ".ci", "node")
	}
	for _, f := range npmFiles {
		if _, err := os.Stat(filepath.Join(npm, "node_modules", filepath.FromSlash(f))); err != nil {
			t.Fatalf("DATELINE_E2E=1 but npm file %s not found under %s/node_modules (set DATELINE_NPM_DIR; .ci/run installs it)", f, npm)
		}
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1000, 800))
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx, npm
}

// serveFiles serves built files as a static server does (a directory by
// its index.html), and the npm packages under /_npm/.
func serveFiles(t *testing.T, files map[string][]byte, npm string) *httptest.Server {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	mux := http.NewServeMux()
	mux.Handle("/_npm/", http.StripPrefix("/_npm/", http.FileServer(http.Dir(filepath.Join(npm, "node_modules")))))
	mux.Handle("/", http.FileServer(http.FS(fsys)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

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
