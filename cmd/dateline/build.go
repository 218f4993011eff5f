package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"dateline"
	"dateline/internal/build"
)

func buildCmd() command {
	c := command{name: "build", usage: "build  [--src DIR] [--out DIR] [--drafts] [--base-url URL] [--cpuprofile F] [--memprofile F]", brief: "render the site into a directory"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flags(e, "build", "dateline "+c.usage)
		src := fs.String("src", ".", "site `directory` (with site.toml)")
		out := fs.String("out", "public", "output `directory`; replaced only when the build succeeds")
		drafts := fs.Bool("drafts", false, "include entries marked draft")
		baseURL := fs.String("base-url", "", "override site.toml's base_url (`URL`)")
		cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (for go tool pprof)")
		memProfile := fs.String("memprofile", "", "write the heap profile of the build's highest live heap to `FILE` (for go tool pprof)")
		if err := parse(fs, args); err != nil {
			return err
		}
		if *cpuProfile != "" {
			f, err := os.Create(*cpuProfile)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
			defer pprof.StopCPUProfile()
		}
		if *memProfile != "" {
			peak := watchPeak()
			defer func() {
				prof, live, at := peak.end()
				if prof == nil {
					fmt.Fprintln(e.stderr, "memprofile: no collection ran; no profile written")
					return
				}
				if err := os.WriteFile(*memProfile, prof, 0o644); err != nil {
					fmt.Fprintf(e.stderr, "memprofile: %v\n", err)
					return
				}
				fmt.Fprintf(e.stderr, "memprofile: %s, at a live heap of %d MiB, %s into the build\n", *memProfile, live>>20, at.Round(time.Second))
			}()
		}
		if os.Getenv("GOGC") == "" {
			// A build allocates much and keeps little (the model, and the
			// pages in flight): collecting at half Go's default heap
			// growth lowers its peak memory by about a third (10,000
			// entries: 487 -> 333 MB) for a few percent more CPU.
			debug.SetGCPercent(50)
		}
		if os.Getenv("GOMEMLIMIT") == "" {
			// At 100,000 entries the model and the fragment cache are
			// about a gigabyte, and half again on top of that is more
			// than many machines have: near this soft limit the collector
			// runs more often instead. A bigger site than that goes past
			// it, at the cost of at most half the CPU (Go's cap on the
			// collector), never of a failed build.
			debug.SetMemoryLimit(memoryLimit)
		}
		progress := &build.Progress{}
		stop := showProgress(e.stderr, progress)
		sum, problems, err := build.Run(ctx, *src, *out, dateline.Theme(), build.Options{Drafts: *drafts, BaseURL: *baseURL}, progress)
		stop()
		if ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "build interrupted; %s left unchanged\n", *out)
			return errProblems
		}
		if len(problems) > 0 {
			printProblems(e.stderr, problems)
		}
		if err != nil {
			if len(problems.Errors()) > 0 {
				fmt.Fprintf(e.stderr, "build failed; %s left unchanged\n", *out)
				return errProblems
			}
			return fmt.Errorf("%v (%s left unchanged)", err, *out)
		}
		fmt.Fprintln(e.stdout, sum)
		return nil
	}
	return c
}

func checkCmd() command {
	c := command{name: "check", usage: "check  [--src DIR] [--drafts] [--strict]", brief: "report every content problem; exit 1 on errors"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flags(e, "check", "dateline "+c.usage)
		src := fs.String("src", ".", "site `directory` (with site.toml)")
		drafts := fs.Bool("drafts", false, "check draft entries as if published")
		strict := fs.Bool("strict", false, "treat warnings as errors")
		if err := parse(fs, args); err != nil {
			return err
		}
		t, problems := build.Check(*src, build.Options{Drafts: *drafts})
		printProblems(e.stderr, problems)
		if len(problems.Errors()) > 0 || *strict && len(problems) > 0 {
			return errProblems
		}
		fmt.Fprintf(e.stdout, "ok: %d entries, %d sources, %s\n", len(t.Entries), len(t.Sources), plural(len(problems.Warnings()), "warning"))
		return nil
	}
	return c
}

// progressDelay is how long a build runs before it shows its progress: a
// short build prints its summary line and nothing else.
const progressDelay = 2 * time.Second

// showProgress rewrites one line on w, a terminal, with the pages done
// out of the total, until the returned function is called, which erases
// it. Nothing is written when w is not a terminal (a pipe, a log file).
func showProgress(w io.Writer, p *build.Progress) (stop func()) {
	f, ok := w.(*os.File)
	if !ok {
		return func() {}
	}
	if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan bool)
	go func() {
		shown := false
		timer := time.NewTimer(progressDelay)
		defer timer.Stop()
		tick := (<-chan time.Time)(nil)
		for {
			select {
			case <-done:
				finished <- shown
				return
			case <-timer.C:
				t := time.NewTicker(200 * time.Millisecond)
				defer t.Stop()
				tick = t.C
			case <-tick:
				if total := p.Total.Load(); total > 0 {
					fmt.Fprintf(f, "\r\x1b[Kbuilding: %d of %d files", p.Done.Load(), total)
					shown = true
				}
			}
		}
	}()
	return func() {
		close(done)
		if <-finished {
			fmt.Fprint(f, "\r\x1b[K")
		}
	}
}

// memoryLimit is the build's soft memory limit, unless GOMEMLIMIT sets one.
const memoryLimit = 1792 << 20
