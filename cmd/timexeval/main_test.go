package main

import (
	"os"
	"path/filepath"
	"testing"

	"dateline/internal/annotate"
	"dateline/internal/timex"
)

// corpus loads a training corpus of ../shared/corpora; it skips when the
// corpora are absent, unless DATELINE_CORPUS_REQUIRED=1.
func corpus(tb testing.TB, name string) []timex.Doc {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpora", name))
	if err == nil {
		_, err = os.Stat(dir)
	}
	if err != nil {
		if os.Getenv("DATELINE_CORPUS_REQUIRED") == "1" {
			tb.Fatalf("corpus %s not found: %v", name, err)
		}
		tb.Skipf("corpus %s not found: %v", name, err)
	}
	docs, err := timex.LoadCorpus(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// TestHeldAside guards the scores of `annotate --json` (auto anchoring) on
// the documents of each training corpus held aside from development
// (timex.Split). The floors sit about a point below the measured figures.
func TestHeldAside(t *testing.T) {
	for _, c := range []struct {
		corpus                        string
		strict, relaxed, value, valF1 float64
	}{
		{"wikiwars-train", minWWStrict, minWWRelaxed, minWWValue, minWWValueF1},
		{"tbaq-train", minNewsStrict, minNewsRelaxed, minNewsValue, minNewsValueF1},
	} {
		t.Run(c.corpus, func(t *testing.T) {
			_, held := timex.Split(corpus(t, c.corpus))
			r := Score(held, timex.AnchorAuto)
			tot := r.Total
			t.Logf("%d documents: strict F1 %.1f, relaxed F1 %.1f, value accuracy %.1f, value F1 %.1f",
				len(held), 100*tot.StrictF1(), 100*tot.RelaxedF1(), 100*tot.ValueAcc(), 100*tot.ValueF1())
			for _, m := range []struct {
				name      string
				got, want float64
			}{
				{"strict F1", tot.StrictF1(), c.strict},
				{"relaxed F1", tot.RelaxedF1(), c.relaxed},
				{"value accuracy", tot.ValueAcc(), c.value},
				{"value F1", tot.ValueF1(), c.valF1},
			} {
				if m.got < m.want {
					t.Errorf("%s = %.1f, below the guarded %.1f", m.name, 100*m.got, 100*m.want)
				}
			}
		})
	}
}

// Guarded levels on the held-aside documents.
const (
	minWWStrict    = 0.90
	minWWRelaxed   = 0.95
	minWWValue     = 0.93
	minWWValueF1   = 0.88
	minNewsStrict  = 0.865
	minNewsRelaxed = 0.93
	minNewsValue   = 0.86
	minNewsValueF1 = 0.81
)

// BenchmarkAnnotateJSON measures what `annotate --json` does per file:
// tagging and rendering. With -cpu 1, MB/s is the throughput of one core.
func BenchmarkAnnotateJSON(b *testing.B) {
	for _, name := range []string{"wikiwars-train", "tbaq-train"} {
		b.Run(name, func(b *testing.B) {
			docs := corpus(b, name)
			size := 0
			for _, d := range docs {
				size += len(d.Text)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			cpu := cpuTime()
			for range b.N {
				for _, d := range docs {
					dd, _ := annotate.ParseDocDate(d.DCT.Format("2006-01-02"))
					annotate.JSON(annotate.Exprs(d.Text, dd, annotate.Mode{TIMEX2: d.TIMEX2}))
				}
			}
			if cpu := cpuTime() - cpu; cpu > 0 {
				// With -cpu 1 this is the throughput of one core however
				// busy the machine is.
				b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
			}
		})
	}
}
