package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestZZTry(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/seeds/*.txt")
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		r, err := Ingest(raw, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range r.Report(filepath.Base(f)) {
			fmt.Println(l)
		}
		r2 := *r
		if r2.Published == "" {
			r2.Published = "XXXX"
		}
		b, _ := r2.File()
		os.WriteFile("/tmp/ingtry/"+r.ID+".md", b, 0o644)
	}
}
