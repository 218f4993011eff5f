package serve

import (
	"fmt"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/serve/sitegen"
)

// BenchmarkIncrementalRebuild measures one incremental rebuild after an
// edit of one entry's body, on generated sites of 1,000 and 10,000 entries
// held in memory (no watcher, no disk):
//
//	go test ./internal/serve -run '^$' -bench IncrementalRebuild -benchtime 20x
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
			k := 0
			var rendered int
			for b.Loop() {
				k++
				site[p] = &fstest.MapFile{Data: sitegen.Entry(i, n, fmt.Sprintf(" Edit %d.", k))}
				res := inc.Update(p)
				if res.Err != nil {
					b.Fatal(res.Err)
				}
				rendered = res.Rendered
			}
			b.ReportMetric(float64(rendered), "pages/op")
		})
	}
}
