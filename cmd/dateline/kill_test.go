package main

import (
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"dateline/internal/output"
	"dateline/internal/serve/sitegen"
)

// TestKilledBuildKeepsOutput kills `dateline build` with SIGKILL while it
// writes a large site, which no handler can intercept, and checks that the
// previous public/ is byte for byte what it was and the site's own files are
// untouched. (`dateline serve` keeps the built site in memory and writes
// nothing, so a build is the only writer to kill.) It builds the binary and
// a site of 400 entries, so it runs under DATELINE_LONG=1 (as CI does).
func TestKilledBuildKeepsOutput(t *testing.T) {
	if os.Getenv("DATELINE_LONG") != "1" {
		t.Skip("builds the binary and a large site: set DATELINE_LONG=1 to run it")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "dateline")
	if out, err := exec.Command(goTool(), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(dir, "site")
	const n = 400
	if err := sitegen.Generate(n).Write(site); err != nil {
		t.Fatal(err)
	}
	build := func() *exec.Cmd {
		cmd := exec.Command(bin, "build")
		cmd.Dir = site
		return cmd
	}
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	public := filepath.Join(site, "public")
	before, err := output.HashTree(public)
	if err != nil {
		t.Fatal(err)
	}
	// An edit, so that a build that got to the end would show.
	entry := filepath.Join(site, filepath.FromSlash(sitegen.EntryPath(7, n)))
	if err := os.WriteFile(entry, sitegen.Entry(7, n, " Edited before the killed build."), 0o644); err != nil {
		t.Fatal(err)
	}
	sources := siteHashes(t, site)

	// The build writes into a fresh .public.new-* directory beside public/
	// and swaps it in at the end: kill it once it has begun writing there.
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(site); err != nil {
		t.Fatal(err)
	}
	cmd := build()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	tmp := ""
	deadline := time.After(3 * time.Minute) // a failure bound only
	for tmp == "" || !writing(w, tmp) {
		select {
		case ev := <-w.Events:
			if base := filepath.Base(ev.Name); ev.Has(fsnotify.Create) && strings.HasPrefix(base, ".public.new-") && tmp == "" {
				tmp = ev.Name
				// Watch inside it: the first thing made there is writing begun.
				if err := w.Add(tmp); err != nil {
					t.Fatalf("watch %s: %v", tmp, err)
				}
			}
		case err := <-w.Errors:
			t.Fatalf("watch: %v", err)
		case err := <-exited:
			t.Fatalf("the build ended (%v) before it was seen writing: the site is too small to kill it mid-write", err)
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("the build did not begin writing within 3 minutes")
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = <-exited
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the build was not killed mid-write (it ended with %v)", err)
	}

	after, err := output.HashTree(public)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(before, after) {
		t.Errorf("public/ changed under a killed build: %d files before, %d after", len(before), len(after))
	}
	if got := siteHashes(t, site); !maps.Equal(got, sources) {
		t.Errorf("the site's own files changed under a killed build")
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("the killed build's %s is gone (%v): was it killed mid-write?", filepath.Base(tmp), err)
	}

	// The next build completes and publishes the edit.
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("the build after the kill: %v\n%s", err, out)
	}
	page, err := os.ReadFile(filepath.Join(public, "entries", strings.TrimSuffix(filepath.Base(entry), ".md"), "index.html"))
	if err != nil || !strings.Contains(string(page), "Edited before the killed build.") {
		t.Errorf("the build after the kill did not publish the edit (%v)", err)
	}
}

// writing reports, without waiting, whether something was made inside
// dir: an event already queued for it, or an entry already there.
func writing(w *fsnotify.Watcher, dir string) bool {
	for {
		select {
		case ev := <-w.Events:
			if filepath.Dir(ev.Name) == dir {
				return true
			}
		default:
			entries, err := os.ReadDir(dir)
			return err == nil && len(entries) > 0
		}
	}
}

// siteHashes hashes the site's own files: everything but its output.
func siteHashes(t *testing.T, site string) map[string][32]byte {
	t.Helper()
	all, err := output.HashTree(site)
	if err != nil {
		t.Fatal(err)
	}
	maps.DeleteFunc(all, func(p string, _ [32]byte) bool {
		return strings.HasPrefix(p, "public/") || strings.HasPrefix(p, ".public.")
	})
	return all
}

// goTool is the go command on the PATH, as the tests are run by it.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "go"
}
