package build_test

import (
	"testing"
	"testing/fstest"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/model"
	"dateline/internal/serve/sitegen"
)

func BenchmarkModel(b *testing.B) {
	fs := fstest.MapFS{}
	for p, d := range sitegen.Generate(10000) {
		fs[p] = &fstest.MapFile{Data: d}
	}
	site, _ := content.Load(fs)
	cfg, _ := config.Load(fs)
	for b.Loop() {
		model.Build(cfg, site, model.Options{})
	}
}
