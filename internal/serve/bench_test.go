package serve

import (
	"bytes"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/serve/sitegen"
)

// BenchmarkIncrementalRebuild measures one incremental rebuild after an
// edit of one entry, on generated sites of 1,000 and 10,000 entries held
// in memory (no watcher, no disk):
//
//	go test ./internal/serve -run '^$' -bench IncrementalRebuild -benchtime 20x
//
// "summary" rewords the entry's summary, "title" its title, and "date"
// makes its date uncertain or certain again, which all patch the timeline
// (see model.Patch); "move" gives it a date elsewhere in the timeline,
// which builds the model again.
func BenchmarkIncrementalRebuild(b *testing.B) {
	dateLine := regexp.MustCompile(`(?m)^date = "\d{4}`)
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			site := fstest.MapFS{}
			for p, data := range sitegen.Generate(n) {
				site[p] = &fstest.MapFile{Data: data}
			}
			inc := build.NewIncremental(site, dateline.Theme(), build.Options{})
			if res := inc.Update(); res.Err != nil {
				b.Fatal(res.Err)
			}
			i := n / 2
			p := sitegen.EntryPath(i, n)
			// Steady state: the first saves after the first build index
			// the pages' dependencies and settle the heap, which the
			// first build leaves with gigabytes of garbage at 10,000
			// entries. A server does both while the maintainer starts
			// editing; they are not counted against the rebuilds.
			for k := range 10 {
				site[p] = &fstest.MapFile{Data: sitegen.Entry(i, n, fmt.Sprintf(" Warm-up %d.", k))}
				if res := inc.Update(p); res.Err != nil {
					b.Fatal(res.Err)
				}
			}
			runtime.GC()
			edits := []struct {
				name    string
				patched bool
				file    func(k int) []byte
			}{
				{"summary", true, func(k int) []byte { return sitegen.Entry(i, n, fmt.Sprintf(" Edit %d.", k)) }},
				{"title", true, func(k int) []byte {
					return bytes.Replace(sitegen.Entry(i, n, ""), []byte("happens\""), []byte(fmt.Sprintf("happens (%d)\"", k)), 1)
				}},
				{"date", true, func(k int) []byte {
					// The same day, certain or not: the entry keeps its
					// place, but its date changed.
					f := sitegen.Entry(i, n, "")
					if k%2 == 1 {
						f = bytes.Replace(f, []byte("\"\nactors"), []byte("?\"\nactors"), 1)
					}
					return f
				}},
				{"move", false, func(k int) []byte {
					// A year earlier or back.
					f := sitegen.Entry(i, n, "")
					if k%2 == 1 {
						f = dateLine.ReplaceAllFunc(f, func(d []byte) []byte {
							y, _ := strconv.Atoi(string(d[8:12]))
							return []byte(fmt.Sprintf("date = \"%d%s", y-1, d[12:]))
						})
					}
					return f
				}},
			}
			k := 0
			for _, edit := range edits {
				b.Run(edit.name, func(b *testing.B) {
					var rendered int
					var took []float64
					for b.Loop() {
						k++
						site[p] = &fstest.MapFile{Data: edit.file(k)}
						res := inc.Update(p)
						if res.Err != nil {
							b.Fatal(res.Err)
						}
						if res.Patched != edit.patched || len(res.Written) == 0 {
							b.Fatalf("%s: patched %v, %d files written", res.Describe(), res.Patched, len(res.Written))
						}
						rendered = res.Rendered
						took = append(took, float64(res.Elapsed.Microseconds())/1000)
					}
					slices.Sort(took)
					b.ReportMetric(float64(rendered), "pages/op")
					b.ReportMetric(took[len(took)/2], "ms-median")
					b.ReportMetric(took[len(took)*9/10], "ms-p90")
				})
			}
		})
	}
}
