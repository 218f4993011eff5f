package serve

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/serve/sitegen"
)

// The benchmarks of the dev server edit generated sites of 1,000 and
// 10,000 entries (DATELINE_BENCH_ENTRIES=10000 picks sizes), once per
// kind of edit a maintainer makes:
//
//	go test ./internal/serve -run '^$' -bench IncrementalRebuild -benchtime 20x
//	go test ./internal/serve -run '^$' -bench SaveToEvent -benchtime 20x
//
// IncrementalRebuild times build.Incremental.Update on a site held in
// memory (no watcher, no disk); SaveToEvent is what a maintainer waits
// for: from writing the file to the rebuild event on /_dateline/events,
// the watcher's debounce included. Each reports the median and 90th
// percentile, and how many pages were rendered again.

// benchEdit is one kind of edit: change makes it for the k-th time
// (k = 1, 2, ...), each time a real change, and returns the files it
// writes (nil content deletes the file).
type benchEdit struct {
	name   string
	change func(k int) map[string][]byte
}

// benchEdits are the edits of the generated site of n entries.
func benchEdits(n int, site func(string) []byte) []benchEdit {
	i := n / 2
	p := sitegen.EntryPath(i, n)
	dateLine := regexp.MustCompile(`(?m)^date = "\d{4}`)
	one := func(path string, data []byte) map[string][]byte { return map[string][]byte{path: data} }
	// toggle alternates a file between its generated content and an edit.
	toggle := func(path string, edit func([]byte) []byte) func(int) map[string][]byte {
		orig := bytes.Clone(site(path))
		return func(k int) map[string][]byte {
			if k%2 == 0 {
				return one(path, orig)
			}
			return one(path, edit(bytes.Clone(orig)))
		}
	}
	theme := func(name string) []byte {
		data, err := fs.ReadFile(dateline.Theme(), name)
		if err != nil {
			panic(err)
		}
		return data
	}
	entryTmpl, css := theme("templates/entry.html"), theme("static/style.css")
	// Entries deleted one by one: none that another entry names as
	// related (entry j+1 does when it is a multiple of 5).
	deletable := func(k int) int {
		j := n/3 + 2*k
		for (j+1)%5 == 0 {
			j++
		}
		return j
	}
	return []benchEdit{
		{"summary", func(k int) map[string][]byte { return one(p, sitegen.Entry(i, n, fmt.Sprintf(" Edit %d.", k))) }},
		{"title", func(k int) map[string][]byte {
			return one(p, bytes.Replace(sitegen.Entry(i, n, ""), []byte("happens\""), []byte(fmt.Sprintf("happens (%d)\"", k)), 1))
		}},
		// The same day, certain or not: the entry keeps its place.
		{"date", toggle(p, func(f []byte) []byte { return bytes.Replace(f, []byte("\"\nactors"), []byte("?\"\nactors"), 1) })},
		// A year earlier and back: to another year and month page.
		{"move", toggle(p, func(f []byte) []byte {
			return dateLine.ReplaceAllFunc(f, func(d []byte) []byte {
				y, _ := strconv.Atoi(string(d[8:12]))
				return []byte(fmt.Sprintf("date = \"%d%s", y-1, d[12:]))
			})
		})},
		{"add", func(k int) map[string][]byte {
			f := bytes.Replace(sitegen.Entry(i, n, ""), []byte("happens\""), []byte(fmt.Sprintf("happens, added %d\"", k)), 1)
			return one(fmt.Sprintf("%s/added-%d.md", filepath.ToSlash(filepath.Dir(p)), k), f)
		}},
		{"delete", func(k int) map[string][]byte { return one(sitegen.EntryPath(deletable(k), n), nil) }},
		// Actor 100's name, shown on its entries' cards and pages.
		{"registry", toggle("content/actors.toml", func(f []byte) []byte {
			return bytes.Replace(f, []byte(`name = "Actor 100"`), []byte(`name = "Actor 100, renamed"`), 1)
		})},
		// An alias no entry uses (actor-3's; entries name it by its id).
		{"alias", toggle("content/actors.toml", func(f []byte) []byte {
			return bytes.Replace(f, []byte(`aliases = ["A3"]`), []byte(`aliases = ["A3, renamed"]`), 1)
		})},
		// A paragraph no entry quotes, in the source that entry i and
		// 19 others cite.
		{"source", toggle(fmt.Sprintf("content/sources/report-%d.md", i/20), func(f []byte) []byte {
			return append(f, "An appended paragraph of archived text.\n"...)
		})},
		// A visible change of the template of every entry page.
		{"template", func(k int) map[string][]byte {
			return one("templates/entry.html", bytes.Replace(entryTmpl, []byte("</h1>"), []byte(fmt.Sprintf(" <small>%d</small></h1>", k)), 1))
		}},
		{"css", func(k int) map[string][]byte {
			return one("static/style.css", fmt.Appendf(bytes.Clone(css), "\n/* edit %d */ .x%d { color: red; }\n", k, k))
		}},
	}
}

// benchSizes are the site sizes to benchmark.
func benchSizes(b *testing.B) []int {
	env := os.Getenv("DATELINE_BENCH_ENTRIES")
	if env == "" {
		return []int{1000, 10000}
	}
	var out []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 10 {
			b.Fatalf("DATELINE_BENCH_ENTRIES=%q: want sizes of at least 10 entries, comma-separated", env)
		}
		out = append(out, n)
	}
	return out
}

// report states the median and 90th percentile of took, in ms.
func report(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "ms-median")
	b.ReportMetric(ms(took[len(took)*9/10]), "ms-p90")
}

func BenchmarkIncrementalRebuild(b *testing.B) {
	for _, n := range benchSizes(b) {
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
			// The first build dominates a -cpuprofile of this benchmark;
			// DATELINE_BENCH_PROFILE names a file for a profile of the
			// edits alone.
			if path := os.Getenv("DATELINE_BENCH_PROFILE"); path != "" {
				f, err := os.Create(path)
				if err != nil {
					b.Fatal(err)
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					b.Fatal(err)
				}
				defer func() {
					pprof.StopCPUProfile()
					f.Close()
				}()
			}
			for _, edit := range benchEdits(n, func(p string) []byte { return site[p].Data }) {
				k := 0
				b.Run(edit.name, func(b *testing.B) {
					var rendered int
					var took []time.Duration
					for b.Loop() {
						k++
						var paths []string
						for p, data := range edit.change(k) {
							if data == nil {
								delete(site, p)
							} else {
								site[p] = &fstest.MapFile{Data: data}
							}
							paths = append(paths, p)
						}
						res := inc.Update(paths...)
						if res.Err != nil {
							b.Fatal(res.Err)
						}
						if len(res.Written)+len(res.Removed) == 0 {
							b.Fatalf("%s: no file written", res.Describe())
						}
						rendered = res.Rendered
						took = append(took, res.Elapsed)
					}
					report(b, took)
					b.ReportMetric(float64(rendered), "pages/op")
				})
			}
		})
	}
}

// BenchmarkSaveToEvent measures the dev server as a maintainer meets it:
// the site on disk, the file written as an editor writes it, and the
// time until the browsers are told to reload.
func BenchmarkSaveToEvent(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			files := sitegen.Generate(n)
			dir := b.TempDir()
			if err := files.Write(dir); err != nil {
				b.Fatal(err)
			}
			ts := start(b, dir, func(o *Options) { o.Debounce = 0 }) // the default, as `dateline serve` runs
			c := ts.subscribe(b)
			runtime.GC()
			for _, edit := range benchEdits(n, func(p string) []byte { return files[p] }) {
				k := 0
				b.Run(edit.name, func(b *testing.B) {
					var took []time.Duration
					for b.Loop() {
						k++
						begin := time.Now()
						for p, data := range edit.change(k) {
							if data == nil {
								if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
									b.Fatal(err)
								}
								continue
							}
							ts.write(b, p, string(data))
						}
						ev := c.until(b, "the edit", func(event) bool { return true })
						took = append(took, time.Since(begin))
						if len(ev.Problems) > 0 {
							b.Fatalf("the edit broke the site: %v", ev.Problems)
						}
					}
					report(b, took)
				})
			}
		})
	}
}
