package serve

import (
	"bytes"
	"fmt"
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
// "summary" rewords the entry's summary, which patches the timeline (see
// model.Patch); "date" changes its date, which builds the model again.
func BenchmarkIncrementalRebuild(b *testing.B) {
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
			edits := []struct {
				name    string
				patched bool
				file    func(k int) []byte
			}{
				{"summary", true, func(k int) []byte { return sitegen.Entry(i, n, fmt.Sprintf(" Edit %d.", k)) }},
				{"date", false, func(k int) []byte {
					// The same day, certain or not: the entry keeps its
					// place, but its date changed.
					f := sitegen.Entry(i, n, "")
					if k%2 == 1 {
						f = bytes.Replace(f, []byte("\"\nactors"), []byte("?\"\nactors"), 1)
					}
					return f
				}},
			}
			k := 0
			for _, edit := range edits {
				b.Run(edit.name, func(b *testing.B) {
					var rendered int
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
					}
					b.ReportMetric(float64(rendered), "pages/op")
				})
			}
		})
	}
}
