package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline"
	"dateline/internal/render"
)

// copySite copies the repository's example site (site.toml and content/)
// into a temporary directory.
func copySite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	root := os.DirFS("../..")
	for _, top := range []string{"site.toml", "content"} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			dst := filepath.Join(dir, filepath.FromSlash(p))
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// patience bounds every wait for an event. It only ends a test that has
// already failed (the event never came), so it is minutes, not seconds: a
// loaded machine must slow the tests down, never fail them.
const patience = 3 * time.Minute

// syncBuffer is a goroutine-safe bytes.Buffer for the server's output.
// lines, if set, receives a signal for every newline written.
type syncBuffer struct {
	mu    sync.Mutex
	b     strings.Builder
	lines chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lines != nil {
		for range strings.Count(string(p), "\n") {
			select {
			case s.lines <- struct{}{}:
			default:
			}
		}
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	*Server
	dir            string
	stdout, stderr *syncBuffer
}

func start(t testing.TB, dir string, mod func(*Options)) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{dir: dir, stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	opt := Options{Src: dir, Addr: "127.0.0.1:0", Theme: dateline.Theme(), Stdout: ts.stdout, Stderr: ts.stderr, Debounce: 20 * time.Millisecond}
	if mod != nil {
		mod(&opt)
	}
	s, err := Start(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = s
	t.Cleanup(func() {
		cancel()
		s.Wait()
		if t.Failed() {
			t.Logf("server stdout:\n%s\nserver stderr:\n%s", ts.stdout, ts.stderr)
		}
	})
	return ts
}

func (ts *testServer) get(t testing.TB, p string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(ts.URL() + strings.TrimPrefix(p, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (ts *testServer) write(t testing.TB, rel, content string) {
	t.Helper()
	p := filepath.Join(ts.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (ts *testServer) read(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(ts.dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sseClient reads the event stream.
type sseClient struct {
	events chan sseEvent
	resp   *http.Response
}

type sseEvent struct {
	name string
	data event
}

func (ts *testServer) subscribe(t testing.TB) *sseClient {
	t.Helper()
	resp, err := http.Get(ts.URL() + "_dateline/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	c := &sseClient{events: make(chan sseEvent, 100), resp: resp}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = line[7:]
			case strings.HasPrefix(line, "data: "):
				var ev event
				if err := json.Unmarshal([]byte(line[6:]), &ev); err == nil {
					c.events <- sseEvent{name, ev}
				}
			}
		}
	}()
	if ev := c.next(t); ev.name != "hello" {
		t.Fatalf("first event %q, want hello", ev.name)
	}
	return c
}

func (c *sseClient) next(t testing.TB) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(patience):
		t.Fatalf("no event within %s", patience)
	}
	return sseEvent{}
}

// until waits for a rebuild event that satisfies ok, failing on a timeout.
func (c *sseClient) until(t testing.TB, what string, ok func(event) bool) event {
	t.Helper()
	deadline := time.After(patience)
	for {
		select {
		case ev, open := <-c.events:
			if !open {
				t.Fatalf("event stream closed waiting for %s", what)
			}
			if ev.name == "rebuild" && ok(ev.data) {
				return ev.data
			}
		case <-deadline:
			t.Fatalf("no rebuild event with %s within %s", what, patience)
		}
	}
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

const entryRel = "content/entries/2025/2025-06-23-putin-meets-araghchi.md"
const entryPage = "entries/2025-06-23-putin-meets-araghchi/index.html"

func retitle(src, title string) string {
	i := strings.Index(src, "title = ")
	j := strings.Index(src[i:], "\n")
	return src[:i] + fmt.Sprintf("title = %q", title) + src[i+j:]
}

func TestFirstLineIsURL(t *testing.T) {
	dir := copySite(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // stops the server when the test fails early
	out := &syncBuffer{lines: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Src: dir, Addr: "127.0.0.1:0", Theme: dateline.Theme(), Stdout: out, Stderr: io.Discard})
	}()
	select {
	case <-out.lines:
	case err := <-done:
		t.Fatalf("Run returned before printing a line: %v", err)
	case <-time.After(patience):
		t.Fatalf("no line within %s", patience)
	}
	first, _, _ := strings.Cut(out.String(), "\n")
	if !strings.HasPrefix(first, "http://127.0.0.1:") || !strings.HasSuffix(first, "/") || strings.HasSuffix(first, ":0/") {
		t.Errorf("first line %q, want http://127.0.0.1:PORT/", first)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(patience):
		t.Fatalf("Run did not return within %s of cancel", patience)
	}
}

// TestEditorSaves edits files the ways editors save them and checks the
// events and the served pages.
func TestEditorSaves(t *testing.T) {
	ts := start(t, copySite(t), nil)
	c := ts.subscribe(t)
	orig := ts.read(t, entryRel)

	t.Run("direct write (VS Code)", func(t *testing.T) {
		ts.write(t, entryRel, retitle(orig, "Direct write title"))
		c.until(t, "the entry page", func(e event) bool { return has(e.Written, entryPage) })
		if _, body := ts.get(t, entryPage); !strings.Contains(body, "Direct write title") {
			t.Error("page not updated")
		}
	})
	t.Run("vim: probe file, backup rename, new file", func(t *testing.T) {
		p := filepath.Join(ts.dir, filepath.FromSlash(entryRel))
		dir := filepath.Dir(p)
		ts.write(t, filepath.ToSlash(filepath.Join(filepath.Dir(entryRel), "4913")), "")
		os.Remove(filepath.Join(dir, "4913"))
		os.Rename(p, p+"~")
		os.WriteFile(p, []byte(retitle(orig, "Vim title")), 0o644)
		os.Remove(p + "~")
		c.until(t, "the entry page", func(e event) bool { return has(e.Written, entryPage) })
		if _, body := ts.get(t, entryPage); !strings.Contains(body, "Vim title") {
			t.Error("page not updated")
		}
	})
	t.Run("JetBrains: temp file, old file, renames", func(t *testing.T) {
		p := filepath.Join(ts.dir, filepath.FromSlash(entryRel))
		os.WriteFile(p+"___jb_tmp___", []byte(retitle(orig, "JetBrains title")), 0o644)
		os.Rename(p, p+"___jb_old___")
		os.Rename(p+"___jb_tmp___", p)
		os.Remove(p + "___jb_old___")
		c.until(t, "the entry page", func(e event) bool { return has(e.Written, entryPage) })
		if _, body := ts.get(t, entryPage); !strings.Contains(body, "JetBrains title") {
			t.Error("page not updated")
		}
	})
	t.Run("chmod only", func(t *testing.T) {
		os.Chmod(filepath.Join(ts.dir, filepath.FromSlash(entryRel)), 0o600)
		// A window for an event that must not come: a slow machine can
		// only make this check weaker, never fail it. (A save after the
		// chmod would share its batch and hide the event.)
		select {
		case ev := <-c.events:
			t.Errorf("chmod caused an event: %+v", ev)
		case <-time.After(300 * time.Millisecond):
		}
	})
	t.Run("rename and delete", func(t *testing.T) {
		src := filepath.Join(ts.dir, "content/entries/2026/2026-khamenei-killed.md")
		dst := filepath.Join(ts.dir, "content/entries/2026/2026-khamenei-killed-renamed.md")
		if err := os.Rename(src, dst); err != nil {
			t.Fatal(err)
		}
		ev := c.until(t, "the rename", func(e event) bool {
			return has(e.Removed, "entries/2026-khamenei-killed/index.html") || len(e.Problems) > 0
		})
		if len(ev.Problems) > 0 {
			// Other entries link to the old id: the build fails, the old site stays.
			if resp, _ := ts.get(t, "entries/2026-khamenei-killed/"); resp.StatusCode != 200 {
				t.Errorf("last good page gone during a failed build: %d", resp.StatusCode)
			}
			os.Rename(dst, src)
			c.until(t, "the fix", func(e event) bool { return len(e.Problems) == 0 })
		}
	})
	t.Run("new sub-directory with files already in it", func(t *testing.T) {
		tmp := filepath.Join(ts.dir, "content", "staging")
		os.MkdirAll(filepath.Join(tmp, "inner"), 0o755)
		os.WriteFile(filepath.Join(tmp, "inner", "2025-staged-entry.md"), []byte(retitle(strings.Replace(orig, "\nrelated", "\nxrelated", 1), "Staged entry")), 0o644)
		os.WriteFile(filepath.Join(tmp, "inner", "2025-staged-entry.md"), []byte(retitle(orig, "Staged entry")), 0o644)
		// Moved in as a whole, as `git checkout` or a file manager does.
		if err := os.Rename(tmp, filepath.Join(ts.dir, "content", "entries", "staged")); err != nil {
			t.Fatal(err)
		}
		c.until(t, "the staged entry", func(e event) bool { return has(e.Written, "entries/2025-staged-entry/index.html") })
		// A file created inside the moved-in directory is seen too.
		ts.write(t, "content/entries/staged/inner/2025-staged-two.md", retitle(orig, "Staged two"))
		c.until(t, "the second staged entry", func(e event) bool { return has(e.Written, "entries/2025-staged-two/index.html") })
		if _, body := ts.get(t, "entries/2025-staged-two/"); !strings.Contains(body, "Staged two") {
			t.Error("second staged entry not served")
		}
	})
}

// TestBurstIsCoalesced saves 200 files at once, as a `git checkout` does:
// that is one rebuild, or a few. The quiet period is long here so that the
// count does not depend on how fast a loaded machine writes the files: it
// takes a pause of a whole second between two writes to split the burst.
func TestBurstIsCoalesced(t *testing.T) {
	ts := start(t, copySite(t), func(o *Options) { o.Debounce = time.Second; o.MaxWait = patience })
	c := ts.subscribe(t)
	orig := ts.read(t, entryRel)
	for i := range 200 {
		ts.write(t, fmt.Sprintf("content/entries/burst/burst-%03d.md", i), retitle(orig, fmt.Sprintf("Burst %d", i)))
	}
	rebuilds := 0
	c.until(t, "the last burst entry", func(e event) bool {
		rebuilds++
		return has(e.Written, "entries/burst-199/index.html")
	})
	if rebuilds > 5 {
		t.Errorf("200 files caused %d rebuilds, want a few", rebuilds)
	}
	files := ts.Files()
	for i := range 200 {
		if _, ok := files[fmt.Sprintf("entries/burst-%03d/index.html", i)]; !ok {
			t.Fatalf("burst entry %d missing", i)
		}
	}
}

// TestBrokenBuild checks that a save that breaks the build keeps the last
// good site, reports positioned problems, and clears when fixed.
func TestBrokenBuild(t *testing.T) {
	ts := start(t, copySite(t), nil)
	c := ts.subscribe(t)
	orig := ts.read(t, entryRel)
	_, good := ts.get(t, entryPage)

	ts.write(t, entryRel, strings.Replace(orig, `date = "`, `date = "2025-13-01`, 1))
	ev := c.until(t, "problems", func(e event) bool { return len(e.Problems) > 0 })
	want := filepath.Join(ts.dir, entryRel) + ":3:"
	if !strings.HasPrefix(ev.Problems[0], want) {
		t.Errorf("problem %q, want it to start with %q", ev.Problems[0], want)
	}
	if !strings.Contains(ts.stderr.String(), "invalid date") {
		t.Errorf("terminal lacks the problem: %s", ts.stderr.String())
	}
	if _, body := ts.get(t, entryPage); body != good {
		t.Error("the last good page is not served while the build is broken")
	}
	// A page opened now learns of the problems on connecting.
	c2 := ts.subscribe(t)
	_ = c2

	// A template error.
	ts.write(t, entryRel, orig)
	c.until(t, "the fix", func(e event) bool { return len(e.Problems) == 0 })
	ts.write(t, "templates/entry.html", "{{template \"top\" .}}{{.Entry.Title}{{template \"bottom\" .}}")
	ev = c.until(t, "template problem", func(e event) bool { return len(e.Problems) > 0 })
	if !strings.Contains(ev.Problems[0], "templates/entry.html:1:1: ") {
		t.Errorf("template problem %q lacks its position", ev.Problems[0])
	}
	os.Remove(filepath.Join(ts.dir, "templates/entry.html"))
	ev = c.until(t, "the template fix", func(e event) bool { return len(e.Problems) == 0 })
	_ = ev
}

func TestHelloCarriesProblems(t *testing.T) {
	ts := start(t, copySite(t), nil)
	c := ts.subscribe(t)
	ts.write(t, "content/actors.toml", "[broken\n")
	c.until(t, "problems", func(e event) bool { return len(e.Problems) > 0 })
	resp, err := http.Get(ts.URL() + "_dateline/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "data: ") {
			if !strings.Contains(line, "actors.toml:") {
				t.Errorf("hello lacks the problems: %s", line)
			}
			return
		}
	}
}

func TestPollingFallback(t *testing.T) {
	ts := start(t, copySite(t), func(o *Options) { o.ForcePoll = true; o.PollInterval = 50 * time.Millisecond })
	if !strings.Contains(ts.stderr.String(), "falling back to rescanning") {
		t.Errorf("no warning about polling: %q", ts.stderr.String())
	}
	c := ts.subscribe(t)
	ts.write(t, entryRel, retitle(ts.read(t, entryRel), "Polled title"))
	c.until(t, "the entry page", func(e event) bool { return has(e.Written, entryPage) })
}

func TestSafety(t *testing.T) {
	dir := copySite(t)
	// A symlink inside the site directory pointing outside is not served:
	// only the built files are.
	os.Symlink("/etc", filepath.Join(dir, "etc"))
	ts := start(t, dir, nil)
	addr := strings.TrimSuffix(strings.TrimPrefix(ts.URL(), "http://"), "/")

	raw := func(target, host string) (int, string) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, target := range []string{
		"/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "/entries/..%2f..%2fetc/passwd",
		"/..%5c..%5cetc%5cpasswd", "/entries\\..\\..\\etc\\passwd", "/index.html%00.css", "/./index.html",
		"/etc/passwd", "/static/etc/passwd", "/etc/hostname",
		"//etc/passwd", "/%2f%2fetc/passwd", "/..;/etc/passwd", "/entries/%252e%252e/%252e%252e/etc/passwd",
		"/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/.%2e/.%2e/etc/passwd", "/entries/..", "/entries/../../",
		// Only the built site is served, never the files it is built from.
		"/site.toml", "/content/actors.toml", "/" + entryRel, "/templates/", "/content/",
	} {
		code, body := raw(target, addr)
		if code == 200 || strings.Contains(body, "root:") || strings.Contains(body, "+++") || strings.Contains(body, "base_url") {
			t.Errorf("%s: status %d", target, code)
		}
	}
	port := strings.Split(addr, ":")[1]
	for host, want := range map[string]int{
		addr: 200, "localhost:" + port: 200, "[::1]:" + port: 200, "LocalHost:" + port: 200,
		"evil.example:" + port: 403, "127.0.0.1.nip.io:" + port: 403, "localhost": 403,
		// DNS rebinding: a name the attacker controls, resolving to 127.0.0.1.
		"localhost.:" + port: 403, "localhost.evil.example:" + port: 403, "127.0.0.1:1": 403,
		"2130706433:" + port: 403, "0x7f.1:" + port: 403, "[::ffff:127.0.0.1]:" + port: 403, "": 403,
	} {
		for _, target := range []string{"/", "/_dateline/events", "/_dateline/live.js", "/timeline.json"} {
			if target == "/_dateline/events" && want == 200 {
				continue // a stream that does not end; subscribe tests it
			}
			if code, _ := raw(target, host); code != want {
				t.Errorf("Host %q, %s: status %d, want %d", host, target, code, want)
			}
		}
	}
	// A request in absolute form names its host in the target, which Go
	// takes over the Host header: the check must see that one.
	for target, want := range map[string]int{
		"http://evil.example:" + port + "/":       403,
		"http://" + addr + "/":                    200,
		"http://evil.example:" + port + "/app.js": 403,
	} {
		if code, _ := raw(target, addr); code != want {
			t.Errorf("GET %s with Host %s: status %d, want %d", target, addr, code, want)
		}
	}

	types := map[string]string{
		"/":                              "text/html; charset=utf-8",
		"/style.css":                     "text/css; charset=utf-8",
		"/app.js":                        "text/javascript; charset=utf-8",
		"/timeline.json":                 "application/json",
		"/_dateline/live.js":             "text/javascript; charset=utf-8",
		"/entries/2026-khamenei-killed/": "text/html; charset=utf-8",
	}
	files := ts.Files()
	for p, ct := range map[string]string{"feed.xml": "application/atom+xml", "calendar.ics": "text/calendar; charset=utf-8", "sitemap.xml": "application/xml"} {
		if _, ok := files[p]; ok {
			types["/"+p] = ct
		}
	}
	for p, want := range types {
		resp, _ := ts.get(t, p)
		if got := resp.Header.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", p, got, want)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: headers %v", p, resp.Header)
		}
	}
	// ETag and 304.
	resp, body := ts.get(t, "/")
	etag := resp.Header.Get("ETag")
	if etag == "" || !strings.Contains(body, `<script src="/_dateline/live.js"`) {
		t.Fatalf("no ETag or no live script: %q", etag)
	}
	req, _ := http.NewRequest("GET", ts.URL(), nil)
	req.Header.Set("If-None-Match", etag)
	r2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", r2.StatusCode)
	}
	// 404 page.
	resp, body = ts.get(t, "/no/such/page/")
	if resp.StatusCode != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("404: status %d", resp.StatusCode)
	}
}

func TestNonLoopbackWarns(t *testing.T) {
	ts := start(t, copySite(t), func(o *Options) { o.Addr = "0.0.0.0:0" })
	if !strings.Contains(ts.stderr.String(), "not a loopback address") {
		t.Errorf("no warning: %q", ts.stderr.String())
	}
}

func TestInject(t *testing.T) {
	const tag = `<script src="/_dateline/live.js" data-etag="&#34;e&#34;"></script>`
	tests := []struct {
		page []string
		want string
	}{
		{[]string{"<p>x</body></html>"}, "<p>x" + tag + "</body></html>"},
		{[]string{"<p>", "card", "</BODY></HTML>"}, "<p>card" + tag + "</BODY></HTML>"},
		{[]string{"<p></body>", "<p></body>", "tail"}, "<p></body><p>" + tag + "</body>tail"},
		{[]string{"<p>no body", "end"}, "<p>no bodyend" + tag},
		{nil, tag},
	}
	for _, tt := range tests {
		var page render.Parts
		for _, s := range tt.page {
			page = append(page, []byte(s))
		}
		before := string(page.Bytes())
		if got := string(inject(page, `"e"`).Bytes()); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.page, got, tt.want)
		}
		if string(page.Bytes()) != before {
			t.Errorf("inject changed its page %q", tt.page)
		}
	}
}

// A link to a file outside the site, made while the server runs, is
// reported at its path and never served.
func TestLinkOutsideNotServed(t *testing.T) {
	dir := copySite(t)
	secret := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir, nil)
	c := ts.subscribe(t)
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "static", "passwd.txt")); err != nil {
		t.Fatal(err)
	}
	ev := c.until(t, "the link refused", func(e event) bool { return len(e.Problems) > 0 })
	want := filepath.Join(dir, "static", "passwd.txt") + ":1:1: symbolic link to "
	if !strings.HasPrefix(ev.Problems[0], want) {
		t.Errorf("problem %q, want it to start with %q", ev.Problems[0], want)
	}
	for _, p := range []string{"passwd.txt", "static/passwd.txt"} {
		if resp, body := ts.get(t, p); resp.StatusCode == 200 || strings.Contains(body, "root:") {
			t.Errorf("/%s: status %d", p, resp.StatusCode)
		}
	}
	os.Remove(filepath.Join(dir, "static", "passwd.txt"))
	c.until(t, "the link gone", func(e event) bool { return len(e.Problems) == 0 })
}

// With Early, pages asked for while the first build runs are rendered on
// their own, as the build renders them, and static files served as they
// are; what is neither waits for the build.
func TestEarlyPages(t *testing.T) {
	gate := make(chan struct{})
	ts := start(t, copySite(t), func(o *Options) {
		o.Early = true
		o.listed = func() { <-gate } // the build waits while the test asks
	})
	early := map[string]string{}
	for _, p := range []string{"", entryPage, "actors/putin/"} {
		resp, body := ts.get(t, p)
		if resp.StatusCode != 200 || !strings.Contains(body, "/_dateline/live.js") {
			t.Fatalf("/%s while building: status %d", p, resp.StatusCode)
		}
		early[p] = body
	}
	if resp, body := ts.get(t, "style.css"); resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "css") || len(body) == 0 {
		t.Errorf("style.css while building: status %d, %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	select {
	case <-ts.ready:
		t.Fatal("the first build ended while it was held")
	default:
	}
	missing := make(chan int)
	go func() {
		resp, err := http.Get(ts.URL() + "no/such/page/")
		if err != nil {
			missing <- 0
			return
		}
		resp.Body.Close()
		missing <- resp.StatusCode
	}()
	close(gate)
	if code := <-missing; code != 404 {
		t.Errorf("a missing page asked for while building: status %d, want 404 once built", code)
	}
	<-ts.ready
	for p, body := range early {
		if _, built := ts.get(t, p); built != body {
			t.Errorf("/%s rendered early differs from the built page", p)
		}
	}
}

// A run keeps the parsed documents for the next, which then parses only
// the files changed in between and serves what a run without them
// serves; a damaged cache is said and parsed around.
func TestParsedDocumentsKeptBetweenRuns(t *testing.T) {
	dir, cache := copySite(t), t.TempDir()
	run := func() (*testServer, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		ts := &testServer{dir: dir, stdout: &syncBuffer{}, stderr: &syncBuffer{}}
		s, err := Start(ctx, Options{Src: dir, Addr: "127.0.0.1:0", Theme: dateline.Theme(), Stdout: ts.stdout, Stderr: ts.stderr, Cache: cache, Key: "k"})
		if err != nil {
			t.Fatal(err)
		}
		ts.Server = s
		return ts, func() { cancel(); s.Wait() }
	}
	first, stop := run()
	if first.restored != 0 {
		t.Errorf("the first run restored %d documents from an empty cache", first.restored)
	}
	stop()
	saved, _ := filepath.Glob(filepath.Join(cache, "serve", "*.gob"))
	if len(saved) != 1 {
		t.Fatalf("the first run saved %v, want one file", saved)
	}

	// A run on the same files leaves the saved documents as they are.
	before, err := os.Stat(saved[0])
	if err != nil {
		t.Fatal(err)
	}
	same, stop := run()
	if same.restored == 0 {
		t.Fatalf("the second run restored nothing; stderr: %s", same.stderr)
	}
	stop()
	if after, err := os.Stat(saved[0]); err != nil || !os.SameFile(before, after) {
		t.Errorf("a run on unchanged files wrote the cache again (%v)", err)
	}

	first.write(t, entryRel, first.read(t, entryRel)+"\nEdited between runs.\n")
	next, stop := run()
	defer stop()
	if next.restored == 0 {
		t.Fatalf("the next run restored nothing; stderr: %s", next.stderr)
	}
	fresh := start(t, dir, nil)
	for _, p := range []string{"/", "/entries/2025-06-23-putin-meets-araghchi/", "/actors/putin/"} {
		_, got := next.get(t, p)
		_, want := fresh.get(t, p)
		if got != want {
			t.Errorf("%s: the run with the cache serves other bytes than one without", p)
		}
		if p != "/" && !strings.Contains(got, "Edited between runs.") {
			t.Errorf("%s: the edit made between runs is not shown", p)
		}
	}

	if err := os.WriteFile(saved[0], []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged, stop := run()
	defer stop()
	if damaged.restored != 0 || !strings.Contains(damaged.stderr.String(), "cache: ") {
		t.Errorf("a damaged cache: restored %d, stderr %q", damaged.restored, damaged.stderr)
	}
	if resp, _ := damaged.get(t, "/"); resp.StatusCode != 200 {
		t.Errorf("with a damaged cache, / answers %d", resp.StatusCode)
	}
}
