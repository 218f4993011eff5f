// Package browsertest starts headless Chromium for Dateline's browser tests
// and serves them a built site, as net/http/httptest serves handlers. It is
// imported only by tests.
//
// Browser tests run only with DATELINE_E2E=1 (as .ci/run sets), and a
// missing browser or npm package then fails them. Without it they are
// skipped even where Chromium is installed, so that the default
// `go test ./...` stays quick. Benchmarks, which run only when asked for
// with -bench, need just an installed Chromium.
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium returns the path of the installed Chromium, skipping or failing
// t as the package doc says.
func Chromium(t testing.TB) string {
	t.Helper()
	_, bench := t.(*testing.B)
	required := os.Getenv("DATELINE_E2E") == "1"
	if !required && !bench {
		t.Skip("browser test: set DATELINE_E2E=1 to run it")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if required {
		t.Fatal("DATELINE_E2E=1 but no Chromium found (apt-get install chromium)")
	}
	t.Skip("no Chromium found")
	return ""
}

// NPM returns the directory holding the node_modules that .ci/run
// installs (DATELINE_NPM_DIR, or .ci/node of the module), failing t when
// one of files, paths under node_modules, is missing. Like Chromium, it
// skips t without DATELINE_E2E=1.
func NPM(t testing.TB, files ...string) string {
	t.Helper()
	Chromium(t)
	dir := os.Getenv("DATELINE_NPM_DIR")
	if dir == "" {
		dir = filepath.Join(moduleRoot(t), ".ci", "node")
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", filepath.FromSlash(f))); err != nil {
			t.Fatalf("npm file %s not found under %s/node_modules (set DATELINE_NPM_DIR; .ci/run installs it)", f, dir)
		}
	}
	return dir
}

// moduleRoot is the directory of go.mod above the test's directory.
func moduleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = up
	}
}

// Allocator starts a headless Chromium of 1000×800 pixels for t, with
// extra options after the defaults (a later option wins), and returns its
// allocator context: chromedp.NewContext on it opens a tab. The browser
// ends with t.
func Allocator(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 800),
	}, extra...)
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	return ctx
}

// New starts a browser for t (see Allocator) and returns its first tab.
func New(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(Allocator(t, extra...))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// Limit bounds every browser step. It only ends a test that has failed
// already (a page that never shows what is waited for), so it is generous:
// a loaded machine must not fail a test.
const Limit = 3 * time.Minute

// Do runs browser actions, failing t with what on error.
func Do(t testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, Limit)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Run runs one browser action that yields a value, failing t with what
// on error.
func Run[T any](t testing.TB, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, Limit)
	defer cancel()
	v, err := chromedp.Run(c, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// Eval evaluates a JavaScript expression in the tab.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, Limit)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// Serve serves files (output paths to bytes) as a static server does, a
// directory by its index.html, on 127.0.0.1 until t ends. When npm is not
// empty, its node_modules are served under /_npm/.
func Serve(t testing.TB, files map[string][]byte, npm string) *httptest.Server {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	mux := http.NewServeMux()
	if npm != "" {
		mux.Handle("/_npm/", http.StripPrefix("/_npm/", http.FileServer(http.Dir(filepath.Join(npm, "node_modules")))))
	}
	mux.Handle("/", http.FileServer(http.FS(fsys)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
