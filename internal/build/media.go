package build

import (
	"cmp"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/media"
	"dateline/internal/model"
)

// mediaJob is one local media file to publish: the original, copied, and
// for an image its smaller sizes.
type mediaJob struct {
	file, format string
	orig         media.Variant
	sizes        []media.Variant
}

// mediaJobs lists the local media of t, each file once, by output path.
func mediaJobs(t *model.Timeline) []mediaJob {
	seen := map[string]bool{}
	var jobs []mediaJob
	for _, e := range t.Entries {
		for _, m := range e.Media {
			if !m.IsLocal() || seen[m.Local.Path] {
				continue
			}
			seen[m.Local.Path] = true
			jobs = append(jobs, mediaJob{file: m.File, format: m.Format, orig: m.Local, sizes: m.Sizes})
		}
	}
	slices.SortFunc(jobs, func(a, b mediaJob) int { return cmp.Compare(a.orig.Path, b.orig.Path) })
	return jobs
}

// mediaCount is the number of output files of jobs.
func mediaCount(jobs []mediaJob) int {
	n := 0
	for _, j := range jobs {
		n += 1 + len(j.sizes)
	}
	return n
}

// makeMedia publishes jobs through emit, one worker per processor, each
// decoding one image at a time: a 24-megapixel photo is 100 MB of pixels.
// have, when set, reports an output file that already exists (a size the
// previous build made: its name holds the hash of the original and the
// recipe, so it is what resizing would make again); such sizes are not
// made again, and an image whose sizes all exist is not decoded at all.
// A file that cannot be read or decoded is a problem at its path.
func makeMedia(fsys fs.FS, jobs []mediaJob, emit func(name string, data []byte) error, have func(name string) bool) (made int, problems diag.List) {
	var mu sync.Mutex
	fail := func(p string, err error) {
		mu.Lock()
		problems = append(problems, content.ReadProblem(p, err))
		mu.Unlock()
	}
	var next, resized atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(jobs); i = int(next.Add(1)) - 1 {
				j := jobs[i]
				kept := have != nil && have(j.orig.Path)
				var todo []media.Variant
				for _, v := range j.sizes {
					if have == nil || !have(v.Path) {
						todo = append(todo, v)
					}
				}
				if kept && len(todo) == 0 {
					continue
				}
				data, err := fs.ReadFile(fsys, j.file)
				if err == nil && !kept {
					err = emit(j.orig.Path, data)
				}
				if err != nil {
					fail(j.file, err)
					continue
				}
				if err := media.Resize(data, j.format, todo, func(v media.Variant, b []byte) error { return emit(v.Path, b) }); err != nil {
					fail(j.file, fmt.Errorf("cannot make the smaller sizes of this image: %v", err))
					continue
				}
				resized.Add(int64(len(todo)))
			}
		})
	}
	wg.Wait()
	problems.Sort()
	return int(resized.Load()), problems
}

// MediaRef is one output file of a local media file, for the dev server.
type MediaRef struct {
	job  mediaJob
	size *media.Variant // nil: the original
}

// withMedia lists the media files of the last good build in res.
func (b *Incremental) withMedia(res Result) Result {
	if res.Err != nil || b.good == nil || b.good.t == nil {
		return res
	}
	for _, j := range mediaJobs(b.good.t) {
		if res.Media == nil {
			res.Media = map[string]MediaRef{}
		}
		res.Media[j.orig.Path] = MediaRef{job: j}
		for i := range j.sizes {
			res.Media[j.sizes[i].Path] = MediaRef{job: j, size: &j.sizes[i]}
		}
	}
	return res
}

// MediaFile makes one media file of the site as a build writes it. It
// reads only the site's files, so it may run while the builder updates.
func (b *Incremental) MediaFile(ref MediaRef) ([]byte, error) {
	data, err := fs.ReadFile(content.Confine(b.dir), ref.job.file)
	if err != nil || ref.size == nil {
		return data, err
	}
	var out []byte
	err = media.Resize(data, ref.job.format, []media.Variant{*ref.size}, func(_ media.Variant, b []byte) error {
		out = b
		return nil
	})
	return out, err
}
