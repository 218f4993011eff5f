package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"dateline/internal/build"
	"dateline/internal/content"
)

// watcher turns file-system events into batches of changed site paths.
//
// inotify watches directories, not trees, so every directory below the
// watched ones gets its own watch, and a new directory is watched as soon
// as it appears and then read in full, for the files written into it before
// its watch landed. Editors save in odd ways (write a temporary file and
// rename it over the original, rename the original to a backup first,
// probe with a file named 4913): every event just names a path, and the
// builder, running after the burst is over, looks at what is really there.
//
// When the kernel's watch limit is reached or its event queue overflows,
// events may have been lost: the watcher says so and falls back to
// rescanning the site periodically (comparing sizes and times; the builder
// then compares content hashes).
type watcher struct {
	s    *Server
	fsw  *fsnotify.Watcher
	quit chan struct{}
	once sync.Once

	mu      sync.Mutex
	polling bool
	dirs    map[string]bool // watched directories (absolute)

	// first is the polling baseline, taken by Start before the first
	// build: taken by run instead, it could already hold a save made
	// after Start returned, and polling lost that save.
	first map[string]stat
}

func newWatcher(s *Server) (*watcher, error) {
	w := &watcher{s: s, quit: make(chan struct{}), dirs: map[string]bool{}}
	if s.opt.ForcePoll {
		w.fallback("polling was requested")
		return w, nil
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		w.fallback(fmt.Sprintf("cannot watch files (%v)", err))
		return w, nil
	}
	w.fsw = fsw
	if err := w.add(s.abs); err != nil {
		return w, nil // reported by add
	}
	for _, name := range build.Roots()[1:] { // the directories below site.toml
		w.addTree(filepath.Join(s.abs, name))
	}
	return w, nil
}

func (w *watcher) close() {
	w.once.Do(func() {
		close(w.quit)
		if w.fsw != nil {
			w.fsw.Close()
		}
	})
}

// add watches one directory. Running out of watches switches to polling.
func (w *watcher) add(dir string) error {
	if w.fsw == nil {
		return nil
	}
	w.mu.Lock()
	if w.dirs[dir] {
		w.mu.Unlock()
		return nil
	}
	w.mu.Unlock()
	err := w.fsw.Add(dir)
	switch {
	case err == nil:
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE):
		w.fallback(fmt.Sprintf("the inotify watch limit is reached (%v; raise fs.inotify.max_user_watches)", err))
	case errors.Is(err, fs.ErrNotExist):
		// Gone again already: its removal is an event of the parent.
	default:
		fmt.Fprintf(w.s.opt.Stderr, "watch %s: %v\n", dir, err)
	}
	return err
}

// addTree watches dir and every directory below it, and returns the files
// found there.
func (w *watcher) addTree(dir string) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && content.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			w.add(p)
		} else {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// forget drops the watches of a directory that was removed or renamed, and
// of everything below it.
func (w *watcher) forget(dir string) {
	w.mu.Lock()
	var gone []string
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			gone = append(gone, d)
			delete(w.dirs, d)
		}
	}
	w.mu.Unlock()
	for _, d := range gone {
		_ = w.fsw.Remove(d) // usually gone with the directory already
	}
}

// fallback switches to periodic rescanning.
func (w *watcher) fallback(why string) {
	w.mu.Lock()
	was := w.polling
	w.polling = true
	w.mu.Unlock()
	if !was {
		fmt.Fprintf(w.s.opt.Stderr, "warning: %s; falling back to rescanning the site every %s\n", why, w.pollInterval())
	}
}

func (w *watcher) pollInterval() time.Duration {
	if w.s.opt.PollInterval > 0 {
		return w.s.opt.PollInterval
	}
	return time.Second
}

// rel turns an absolute path into a site path, reporting whether it is part
// of what a site is made of.
func (w *watcher) rel(abs string) (string, bool) {
	r, err := filepath.Rel(w.s.abs, abs)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	for _, name := range build.Roots() {
		if top == name {
			for part := range strings.SplitSeq(r, "/") {
				if content.Ignored(part) {
					return "", false
				}
			}
			return r, true
		}
	}
	return "", false
}

func (w *watcher) debounce() (quiet, maxWait time.Duration) {
	quiet, maxWait = w.s.opt.Debounce, w.s.opt.MaxWait
	if quiet <= 0 {
		quiet = 10 * time.Millisecond
	}
	if maxWait <= 0 {
		maxWait = 300 * time.Millisecond
	}
	return quiet, maxWait
}

// run turns events into batches: a batch is sent when no event came for
// the quiet period, or when the burst has lasted maxWait.
func (w *watcher) run() {
	quiet, maxWait := w.debounce()
	var events chan fsnotify.Event
	var errs chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	}
	batch := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	poll := time.NewTicker(w.pollInterval())
	defer poll.Stop()
	snap := w.first
	flush := func() {
		if len(batch) == 0 {
			return
		}
		paths := make([]string, 0, len(batch))
		for p := range batch {
			paths = append(paths, p)
		}
		clear(batch)
		first = time.Time{}
		w.s.changed(paths)
	}
	for {
		select {
		case <-w.quit:
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			for _, p := range w.handle(ev) {
				batch[p] = true
			}
			if len(batch) == 0 {
				continue
			}
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			wait := min(quiet, maxWait-now.Sub(first))
			timer.Reset(max(wait, 0))
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.fallback("the file-system event queue overflowed, so changes may have been missed")
				batch[""] = true // a full rescan now
				flush()
				continue
			}
			fmt.Fprintf(w.s.opt.Stderr, "watch: %v\n", err)
		case <-timer.C:
			flush()
		case <-poll.C:
			w.mu.Lock()
			polling := w.polling
			w.mu.Unlock()
			if !polling {
				continue
			}
			next := w.snapshot()
			var paths []string
			for p, st := range next {
				if old, ok := snap[p]; !ok || old != st {
					paths = append(paths, p)
				}
			}
			for p := range snap {
				if _, ok := next[p]; !ok {
					paths = append(paths, p)
				}
			}
			snap = next
			if len(paths) > 0 {
				w.s.changed(paths)
			}
		}
	}
}

// handle interprets one event and returns the site paths it touches.
func (w *watcher) handle(ev fsnotify.Event) []string {
	if ev.Op == fsnotify.Chmod {
		return nil // touch, chmod: nothing a build reads changed
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return nil
	}
	out := []string{rel}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// A new directory (or one moved in): watch it, and pick up
			// the files already written into it.
			for _, f := range w.addTree(ev.Name) {
				if r, ok := w.rel(f); ok {
					out = append(out, r)
				}
			}
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	return out
}

// stat is what polling compares.
type stat struct {
	size int64
	mod  time.Time
}

// snapshot records size and time of every file of the site, for polling.
func (w *watcher) snapshot() map[string]stat {
	w.mu.Lock()
	polling := w.polling
	w.mu.Unlock()
	out := map[string]stat{}
	if !polling {
		return out
	}
	for _, name := range build.Roots() {
		root := filepath.Join(w.s.abs, name)
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if r, ok := w.rel(p); ok {
				if info, err := d.Info(); err == nil {
					out[r] = stat{info.Size(), info.ModTime()}
				}
			}
			return nil
		})
	}
	return out
}
