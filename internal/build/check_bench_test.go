package build_test

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/render"
)

// benchSite is the site the start-path benchmarks load: DATELINE_BENCH_SRC,
// by default the 10,000-entry bench corpus; without one they are skipped.
func benchSite(b *testing.B) string {
	src := os.Getenv("DATELINE_BENCH_SRC")
	if src == "" {
		src = "/tmp/dateline-bench/corpus-10000/dateline"
	}
	if _, err := os.Stat(src); err != nil {
		b.Skipf("no site at %s (set DATELINE_BENCH_SRC): %v", src, err)
	}
	return src
}

// BenchmarkCheck times `dateline check` without the process: loading,
// parsing and the model of the site in DATELINE_BENCH_SRC (by default the
// 10,000-entry bench corpus), which every command and the dev server's
// first page wait for.
//
//	go test ./internal/build -run '^$' -bench Check -benchtime 5x -cpuprofile /tmp/check.prof
func BenchmarkCheck(b *testing.B) {
	src := benchSite(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, problems := build.Check(src, build.Options{}); problems.Err() != nil {
			b.Fatal(problems.Err())
		}
	}
}

// BenchmarkFirstListing times what the dev server waits for before it can
// render a page asked for: its first build up to the listing of the
// site's pages (see Incremental.OnListed), on the same site, with every
// file parsed and with the documents a previous run saved (Restore).
func BenchmarkFirstListing(b *testing.B) {
	src := benchSite(b)
	var saved bytes.Buffer
	prev := build.NewIncremental(os.DirFS(src), dateline.Theme(), build.Options{})
	if res := prev.Rescan(); res.Err != nil {
		b.Fatal(res.Err)
	}
	if err := prev.Inputs("bench").Encode(&saved); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d documents saved in %d bytes", prev.Inputs("bench").Len(), saved.Len())
	for _, restore := range []bool{false, true} {
		b.Run(map[bool]string{false: "parsed", true: "restored"}[restore], func(b *testing.B) {
			cpu0, _ := cpuTime()
			for b.Loop() {
				inc := build.NewIncremental(os.DirFS(src), dateline.Theme(), build.Options{})
				if restore {
					if _, err := inc.Restore(bytes.NewReader(saved.Bytes()), "bench"); err != nil {
						b.Fatal(err)
					}
				}
				// The listing is the end of what is timed: the callback
				// stops the build there.
				stop := errors.New("listed")
				func() {
					defer func() {
						if r := recover(); r != stop {
							panic(r)
						}
					}()
					inc.OnListed(func([]render.Page) { panic(stop) })
					res := inc.Rescan()
					b.Fatalf("the pages were never listed: %v", res.Err)
				}()
			}
			if cpu1, ok := cpuTime(); ok {
				b.ReportMetric(float64(cpu1-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			}
		})
	}
}
