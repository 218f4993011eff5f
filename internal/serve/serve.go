// Package serve is `dateline serve`: it builds a site in memory, serves it
// over HTTP, watches the site's files and rebuilds incrementally on every
// save (see build.Incremental), and tells open pages over Server-Sent
// Events which files changed, so they reload, swap a stylesheet, or show
// the build's problems in an overlay.
//
// The site is served from memory, from the file set of the last good
// build: nothing is written to disk, no request can reach a file outside
// the site (there is no directory to escape from, and no symlink to
// follow), and a broken save never replaces a good page. The live-reload
// script is injected into HTML responses only here, so `dateline build`
// output never contains it.
package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"dateline/internal/build"
	"dateline/internal/diag"
	"dateline/internal/output"
	"dateline/internal/render"
)

// DefaultAddr is where serve listens unless told otherwise.
const DefaultAddr = "127.0.0.1:1313"

// Options configure a server.
type Options struct {
	Src    string // site directory
	Addr   string // host:port; DefaultAddr when empty
	Drafts bool
	Theme  fs.FS // the built-in theme (templates/ and static/)
	Open   bool  // open the site in a browser once it is up

	Stdout, Stderr io.Writer

	// Debounce is how long the watcher waits for a burst of events to end
	// (10 ms when zero: an editor's save, temporary file and rename
	// included, takes a few milliseconds, and every one of them delays the
	// reload); MaxWait bounds that wait for a burst that never ends
	// (300 ms when zero).
	Debounce, MaxWait time.Duration
	// PollInterval is the period of the rescanning fallback (1 s when
	// zero). ForcePoll starts in that mode, as when inotify is exhausted.
	PollInterval time.Duration
	ForcePoll    bool
	// Cache is a directory where a run keeps the site's parsed documents
	// for the next one, whose first build then parses only the files
	// that changed in between ("" keeps nothing). Key names the program
	// that parsed them: documents saved under another key are not used.
	Cache, Key string
	// Early makes Start return, and the server answer, while the first
	// build runs: a page asked for before it ends is rendered on its own
	// as soon as the site is loaded (see serveEarly). `dateline serve`
	// sets it; a caller that wants the first build done on return leaves
	// it off.
	Early bool

	listed func() // for tests: called once the first build's pages are listed
}

// Server is a running dev server.
type Server struct {
	opt      Options
	abs      string // absolute site directory
	builder  *build.Incremental
	ln       net.Listener
	http     *http.Server
	loopback bool
	hosts    map[string]bool // accepted Host headers when on loopback

	mu    sync.RWMutex
	state *state
	subs  map[chan []byte]struct{}

	done    chan struct{} // closed on shutdown
	stopped chan struct{} // closed when everything has stopped
	kick    chan struct{} // a batch of changes is waiting
	pending pendingSet

	// While the first build runs (Options.Early): ready is closed when it
	// has been applied, listed when its pages are known, as listing.
	ready, listed chan struct{}
	listing       map[string]*render.Page

	saving   sync.WaitGroup // writes the parsed documents for the next run
	restored int            // documents the last run saved, taken by this one
}

// state is what the server serves: the last good files, and the problems
// of the last build when it failed.
type state struct {
	gen      uint64
	files    map[string]*file
	problems []string                  // non-empty while the site is broken
	media    map[string]build.MediaRef // made on request
}

// file is one output file; its ETag is computed on first request.
type file struct {
	data render.Parts
	once sync.Once
	etag string
}

func (f *file) ETag() string {
	f.once.Do(func() {
		h := sha256.New()
		f.data.WriteTo(h)
		f.etag = `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
	})
	return f.etag
}

// Start builds the site, starts listening and watching, and returns. The
// server stops when ctx is cancelled; Wait waits for that.
func Start(ctx context.Context, opt Options) (*Server, error) {
	if opt.Addr == "" {
		opt.Addr = DefaultAddr
	}
	if opt.Src == "" {
		opt.Src = "."
	}
	if opt.Stdout == nil {
		opt.Stdout = io.Discard
	}
	if opt.Stderr == nil {
		opt.Stderr = io.Discard
	}
	abs, err := filepath.Abs(opt.Src)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(abs); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("site directory %s: not a directory", opt.Src)
	}
	s := &Server{
		opt: opt, abs: abs,
		builder: build.NewIncremental(os.DirFS(abs), opt.Theme, build.Options{Drafts: opt.Drafts}),
		subs:    map[chan []byte]struct{}{},
		done:    make(chan struct{}),
		stopped: make(chan struct{}),
		kick:    make(chan struct{}, 1),
		state:   &state{files: map[string]*file{}},
		ready:   make(chan struct{}),
		listed:  make(chan struct{}),
	}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return nil, err
	}
	s.ln = ln
	s.loopback, s.hosts = hostsFor(ln.Addr().(*net.TCPAddr), opt.Addr)
	if !s.loopback {
		fmt.Fprintf(opt.Stderr, "warning: serving on %s, which is not a loopback address: anyone who can reach this machine can read the site, and the Host-header check against DNS rebinding is off\n", ln.Addr())
	}

	// Watch first, then build: a save in between is an event, not lost.
	w, err := newWatcher(s)
	if err != nil {
		ln.Close()
		return nil, err
	}
	w.first = w.snapshot()
	s.restored = s.restore()
	first := func() {
		res := s.builder.Rescan()
		s.apply(res)
		close(s.ready)
		if res.Err == nil && s.opt.Cache != "" {
			// Taken here, between builds; written while the next runs.
			if in := s.builder.Inputs(s.opt.Key); in.Changed() {
				s.saving.Go(func() { s.save(in) })
			}
		}
	}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	if opt.Early {
		s.builder.OnListed(func(pages []render.Page) {
			m := make(map[string]*render.Page, len(pages))
			for i := range pages {
				m[pages[i].Path] = &pages[i]
			}
			s.listing = m
			close(s.listed)
			s.builder.OnListed(nil) // only the first build's are needed
			if opt.listed != nil {
				opt.listed()
			}
		})
		wg.Go(func() {
			first()
			s.rebuildLoop() // changes saved meanwhile are waiting
		})
	} else {
		first() // before the first request
		wg.Go(func() { s.rebuildLoop() })
	}
	wg.Go(func() { w.run() })
	wg.Go(func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(opt.Stderr, "serve: %v\n", err)
		}
	})
	go func() {
		<-ctx.Done()
		close(s.done)
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = s.http.Shutdown(sctx)
		w.close()
		wg.Wait()
		s.saving.Wait()
		close(s.stopped)
	}()
	if opt.Open {
		openBrowser(s.URL(), opt.Stderr)
	}
	return s, nil
}

// Run starts a server, prints its URL as the first line of stdout, and
// serves until ctx is cancelled.
func Run(ctx context.Context, opt Options) error {
	// The URL must be the first line: the build summary goes after it.
	out := opt.Stdout
	if out == nil {
		out = os.Stdout
	}
	lw := &lineGate{w: out, held: &bytes.Buffer{}}
	opt.Stdout = lw
	s, err := Start(ctx, opt)
	if err != nil {
		return err
	}
	lw.open(s.URL() + "\n")
	s.Wait()
	return nil
}

// lineGate holds output back until the URL line is written.
type lineGate struct {
	mu   sync.Mutex
	w    io.Writer
	held *bytes.Buffer
}

func (g *lineGate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.held != nil {
		return g.held.Write(p)
	}
	return g.w.Write(p)
}

func (g *lineGate) open(first string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	io.WriteString(g.w, first)
	g.w.Write(g.held.Bytes())
	g.held = nil
}

// URL is the address the site is served at, ending in "/".
func (s *Server) URL() string {
	a := s.ln.Addr().(*net.TCPAddr)
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(a.Port)) + "/"
}

// Wait blocks until the server has shut down.
func (s *Server) Wait() { <-s.stopped }

// hostsFor works out whether the listener is on loopback only, and then
// which Host headers name it: a page from another origin that resolves its
// own name to 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
func hostsFor(a *net.TCPAddr, requested string) (bool, map[string]bool) {
	host, _, _ := net.SplitHostPort(requested)
	loop := a.IP.IsLoopback() || host == "localhost"
	port := fmt.Sprint(a.Port)
	hosts := map[string]bool{}
	for _, h := range []string{"localhost", "127.0.0.1", "[::1]"} {
		hosts[h+":"+port] = true
		if port == "80" {
			hosts[h] = true
		}
	}
	return loop, hosts
}

func openBrowser(url string, stderr io.Writer) {
	for _, name := range []string{"xdg-open", "open"} {
		if runtime.GOOS == "windows" {
			break
		}
		if p, err := exec.LookPath(name); err == nil {
			cmd := exec.Command(p, url)
			if err := cmd.Start(); err == nil {
				go cmd.Wait()
				return
			}
		}
	}
	fmt.Fprintf(stderr, "could not open a browser; visit %s\n", url)
}

// pendingSet collects changed paths between rebuilds.
type pendingSet struct {
	mu    sync.Mutex
	paths map[string]bool
	full  bool
}

// changed queues paths (site-relative; "" asks for a full rescan) and wakes
// the rebuild loop.
func (s *Server) changed(paths []string) {
	s.pending.mu.Lock()
	if s.pending.paths == nil {
		s.pending.paths = map[string]bool{}
	}
	for _, p := range paths {
		if p == "" {
			s.pending.full = true
		} else {
			s.pending.paths[p] = true
		}
	}
	s.pending.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *Server) rebuildLoop() {
	for {
		select {
		case <-s.done:
			return
		case <-s.kick:
		}
		s.pending.mu.Lock()
		paths, full := s.pending.paths, s.pending.full
		s.pending.paths, s.pending.full = nil, false
		s.pending.mu.Unlock()
		var res build.Result
		if full {
			res = s.builder.Rescan()
		} else if len(paths) > 0 {
			list := make([]string, 0, len(paths))
			for p := range paths {
				list = append(list, p)
			}
			res = s.builder.Update(list...)
		} else {
			continue
		}
		if !res.Full && len(res.Inputs) == 0 && res.Err == nil {
			continue // only editor litter or unchanged bytes
		}
		s.apply(res)
	}
}

// apply publishes a build result: new files, problems, an event, and one
// line on the terminal.
func (s *Server) apply(res build.Result) {
	problems := s.problemLines(res)
	// The terminal first: whoever sees the browsers told has it there.
	if res.Err != nil {
		for _, p := range problems {
			fmt.Fprintln(s.opt.Stderr, p)
		}
	} else if res.Full {
		for _, p := range res.Problems.Warnings() {
			fmt.Fprintln(s.opt.Stderr, p.Error())
		}
	}
	fmt.Fprintln(s.opt.Stdout, res.Describe())

	s.mu.Lock()
	old := s.state
	st := &state{gen: old.gen + 1, files: old.files, problems: nil, media: old.media}
	if res.Err == nil {
		st.files = nextFiles(old.files, res)
		st.media = res.Media
	} else {
		st.problems = problems
	}
	s.state = st
	ev := event{Gen: st.gen, Problems: st.problems}
	if res.Err == nil {
		ev.Written, ev.Removed = res.Written, res.Removed
	}
	msg := sse("rebuild", ev)
	for ch := range s.subs {
		select {
		case ch <- msg:
		default: // a stalled client reconnects and catches up via hello
			delete(s.subs, ch)
			close(ch)
		}
	}
	s.mu.Unlock()
}

// nextFiles is the file set to serve after a successful build. Files that
// were not written again keep their *file (and its ETag). An incremental
// result differs from the files served only in its Written and Removed
// paths, so the set is copied and patched; a full build is laid out anew.
func nextFiles(old map[string]*file, res build.Result) map[string]*file {
	if !res.Full && len(old) > 0 {
		files := maps.Clone(old)
		for _, p := range res.Removed {
			delete(files, p)
		}
		for _, p := range res.Written {
			files[p] = &file{data: res.Files[p]}
		}
		if len(files) == len(res.Files) {
			return files
		}
	}
	files := make(map[string]*file, len(res.Files))
	written := map[string]bool{}
	for _, p := range res.Written {
		written[p] = true
	}
	for p, data := range res.Files {
		if f, ok := old[p]; ok && !written[p] {
			files[p] = f
		} else {
			files[p] = &file{data: data}
		}
	}
	return files
}

// problemLines formats a failed build's problems as path:line:col: message,
// with paths as the user named the site directory.
func (s *Server) problemLines(res build.Result) []string {
	if res.Err == nil {
		return nil
	}
	var l diag.List
	for _, p := range res.Problems.Errors() {
		c := *p
		l = append(l, &c)
	}
	build.Rebase(l, s.opt.Src)
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	if len(out) == 0 {
		// A template or render error: "page: templates/x.html:3: ...".
		msg := res.Err.Error()
		if page, rest, ok := strings.Cut(msg, ": templates/"); ok && !strings.Contains(page, " ") {
			msg = "templates/" + rest + " (rendering " + page + ")"
		}
		if strings.HasPrefix(msg, "templates/") && s.opt.Src != "." && s.opt.Src != "" {
			msg = filepath.Join(s.opt.Src, msg)
		}
		out = []string{msg}
	}
	return out
}

// event is the data of a "rebuild" or "hello" event.
type event struct {
	Gen      uint64   `json:"gen"`
	Written  []string `json:"written,omitempty"`
	Removed  []string `json:"removed,omitempty"`
	Problems []string `json:"problems,omitempty"`
}

func sse(name string, ev event) []byte {
	data, _ := json.Marshal(ev)
	return []byte(fmt.Sprintf("id: %d\nevent: %s\ndata: %s\n\n", ev.Gen, name, data))
}

//go:embed live.js
var liveJS []byte

// ServeHTTP serves the site, the live-reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	if s.loopback && !s.hosts[strings.ToLower(r.Host)] {
		http.Error(w, "dateline serve: unexpected Host header "+r.Host+" (only localhost, 127.0.0.1 and [::1] are served, against DNS rebinding)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	switch name {
	case "_dateline/events":
		s.events(w, r)
		return
	case "_dateline/live.js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(liveJS))
		return
	}
	if strings.HasPrefix(name, "_dateline/") {
		http.NotFound(w, r)
		return
	}
	select {
	case <-s.ready:
	default:
		if s.serveEarly(w, r, name) {
			return
		}
	}
	s.mu.RLock()
	st := s.state
	s.mu.RUnlock()
	if len(st.files) == 0 {
		s.brokenPage(w, st)
		return
	}
	f, ok := st.files[name]
	if !ok && !strings.HasSuffix(name, "index.html") {
		if _, dir := st.files[name+"/index.html"]; dir {
			u := *r.URL
			u.Path += "/"
			http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
	}
	if ref, isMedia := st.media[name]; !ok && isMedia {
		if data, err := s.builder.MediaFile(ref); err == nil {
			f, ok = &file{data: render.Parts{data}}, true
		}
	}
	if !ok {
		nf, has := st.files["404.html"]
		if !has {
			http.NotFound(w, r)
			return
		}
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			inject(nf.data, nf.ETag()).WriteTo(w)
		}
		return
	}
	serveFile(w, r, name, f)
}

// serveFile answers with the file at name, a page with the reload script.
func serveFile(w http.ResponseWriter, r *http.Request, name string, f *file) {
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.ETag())
	body := f.data
	if strings.HasSuffix(name, ".html") {
		body = inject(body, f.ETag())
	}
	http.ServeContent(w, r, name, time.Time{}, body.Reader())
}

// serveEarly answers a request that comes while the first build runs
// (Options.Early). Once the site is loaded and its pages listed, a page is
// rendered on its own, as the build will render it, and a static file is
// served as it is (the build minifies it); anything else, or a request
// before the listing, waits for the build. It reports whether it answered.
// The page carries the reload script, so it is reloaded once the build is
// done if it changed.
func (s *Server) serveEarly(w http.ResponseWriter, r *http.Request, name string) bool {
	select {
	case <-s.ready:
		return false
	case <-r.Context().Done():
		return true
	case <-s.listed:
	}
	var data render.Parts
	if p, ok := s.listing[name]; ok {
		if parts, err := p.Parts(); err == nil {
			data = parts
		}
	} else if b, ok := s.builder.StaticFile(name); ok {
		data = render.Parts{b}
	}
	if data == nil {
		// Neither a page nor a static file, or a page the build will
		// report as broken: the build answers.
		select {
		case <-s.ready:
		case <-r.Context().Done():
			return true
		}
		return false
	}
	serveFile(w, r, name, &file{data: data})
	return true
}

// sitePath maps a request to an output path, refusing anything that could
// name a file outside the site or that means different things to different
// layers: dot segments, encoded dots, slashes or backslashes, backslashes,
// NUL and invalid UTF-8.
func sitePath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	for _, bad := range []string{"%2e", "%2f", "%5c", "%00", "\\"} {
		if strings.Contains(raw, bad) {
			return "", false
		}
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || !utf8.ValidString(p) {
		return "", false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if strings.Contains(name, "//") || !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// contentType names the media type of an output file.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		if path.Base(name) == "feed.xml" {
			return "application/atom+xml"
		}
		return "application/xml"
	case ".ics":
		return "text/calendar; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".pdf":
		return "application/pdf"
	}
	return "application/octet-stream"
}

// inject adds the live-reload script before the last </body>, or at the
// end of a page that has none. The page's ETag lets the script tell, after
// a reconnection, whether it missed a change to itself. Only the piece
// holding </body> is copied: pieces end where fragments do, so a tag is
// never split between two.
func inject(page render.Parts, etag string) render.Parts {
	tag := []byte(`<script src="/_dateline/live.js" data-etag="` + html.EscapeString(etag) + `"></script>`)
	out := make(render.Parts, 0, len(page)+2)
	for k := len(page) - 1; k >= 0; k-- {
		if i := lastIndexFold(page[k], "</body>"); i >= 0 {
			out = append(out, page[:k]...)
			out = append(out, page[k][:i], tag, page[k][i:])
			return append(out, page[k+1:]...)
		}
	}
	return append(append(out, page...), tag)
}

// lastIndexFold is bytes.LastIndex for an ASCII needle, ignoring case.
func lastIndexFold(b []byte, needle string) int {
	for i := len(b) - len(needle); i >= 0; i-- {
		if b[i] == needle[0] && bytes.EqualFold(b[i:i+len(needle)], []byte(needle)) {
			return i
		}
	}
	return -1
}

// brokenPage stands in for every page while no build has ever succeeded:
// the overlay shows the problems, and the first good build reloads it.
func (s *Server) brokenPage(w http.ResponseWriter, st *state) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusServiceUnavailable)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · Dateline</title></head><body><h1>The site has not built yet</h1><ul>")
	for _, p := range st.problems {
		b.WriteString("<li>" + html.EscapeString(p) + "</li>")
	}
	b.WriteString("</ul></body></html>")
	inject(render.Parts{[]byte(b.String())}, "").WriteTo(w)
}

// events streams rebuilds to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	ch := make(chan []byte, 16)
	s.mu.Lock()
	st := s.state
	s.subs[ch] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if _, ok := s.subs[ch]; ok {
			delete(s.subs, ch)
			close(ch)
		}
		s.mu.Unlock()
	}()
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "retry: 300\n\n")
	w.Write(sse("hello", event{Gen: st.gen, Problems: st.problems}))
	fl.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case msg, ok := <-ch:
			if !ok {
				return
			}
			if _, err := w.Write(msg); err != nil {
				return
			}
			fl.Flush()
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// Files returns a copy of the files currently served, for tests.
func (s *Server) Files() output.Files {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := output.Files{}
	for p, f := range s.state.files {
		out[p] = f.data.Bytes()
	}
	return out
}
