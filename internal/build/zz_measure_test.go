package build_test

import (
	iofs "io/fs"
	"testing"
	"testing/fstest"
	"time"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/model"
	"dateline/internal/output"
	"dateline/internal/render"
	"dateline/internal/serve/sitegen"
)

func TestMeasure(t *testing.T) {
	for _, n := range []int{1000, 10000} {
		fs := fstest.MapFS{}
		for p, d := range sitegen.Generate(n) {
			fs[p] = &fstest.MapFile{Data: d}
		}
		st := time.Now()
		site, errs := content.Load(fs)
		t.Logf("n=%d content %v", n, time.Since(st))
		cfg, _ := config.Load(fs)
		st = time.Now()
		tl, errs2 := model.Build(cfg, site, model.Options{})
		t.Logf("model %v errs %d %d", time.Since(st), len(errs), len(errs2))
		if len(errs2) > 0 {
			t.Log(errs2[0])
		}
		st = time.Now()
		tl, _ = model.Build(cfg, site, model.Options{})
		t.Logf("model again %v", time.Since(st))
		sub, _ := iofs.Sub(dateline.Theme(), "templates"); r, _ := render.New(sub)
		pages := r.Pages(tl)
		m := output.NewMinifier()
		for _, p := range pages {
			if p.Path == "index.html" || p.Path == "timeline.json" || p.Path == "actors/actor-0/index.html" {
				st = time.Now()
				b, err := p.Render()
				d1 := time.Since(st)
				st = time.Now()
				mb, _ := m.Minify(p.Path, b)
				d2 := time.Since(st)
				st = time.Now()
				output.Hash(mb)
				t.Logf("%s render %v minify %v size %d->%d hash %v err %v", p.Path, d1, d2, len(b), len(mb), time.Since(st), err)
			}
		}
		st = time.Now()
		s, err := build.Build(fs, dateline.Theme(), build.Options{})
		t.Logf("full build %v files %d err %v", time.Since(st), len(s.Files), err)
	}
}
