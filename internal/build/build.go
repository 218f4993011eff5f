// Package build is Dateline's pipeline. Data flows one way, each stage a
// package that imports only the ones before it:
//
//	config   site.toml                      -> config.Config
//	content  fs.FS                          -> documents (front matter, bodies, positions)
//	model    documents                      -> resolved, verified timeline
//	render   timeline + templates + locale  -> pages in memory (in pieces)
//	search   timeline                       -> the search and filter index, as pages
//	export   timeline + pages               -> feeds, TimelineJS, calendar, sitemaps
//	output   pages + static + media         -> minified files, swapped in atomically
//
// Every stage up to render works on an fs.FS and returns values; only output
// (and serve) touch the disk. Incremental (incremental.go) is the same
// pipeline for the dev server, redoing after each save only what the save
// can have changed. Problems are collected as a diag.List at every
// stage, so one run reports all of them.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dateline/internal/check"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/export"
	"dateline/internal/locale"
	"dateline/internal/model"
	"dateline/internal/output"
	"dateline/internal/render"
	"dateline/internal/search"
)

// Options configure a build.
type Options struct {
	Drafts  bool   // include draft entries
	BaseURL string // overrides site.toml's base_url when set
}

// Site is the result of running the pipeline in memory.
type Site struct {
	Config   config.Config
	Timeline *model.Timeline
	Pages    []render.Page
	Files    output.Files // every output file, minified
	Problems diag.List    // warnings (and errors, when Err is set)
}

// Load reads and resolves a site without rendering it: config, content,
// model. It is what `dateline check` runs.
func Load(fsys fs.FS, opt Options) (*model.Timeline, diag.List) {
	_, t, problems := load(content.Confine(fsys), opt)
	return t, problems
}

// load is Load that also returns the documents, for checks that look at
// what was written as well as what it resolved to. fsys must be confined
// (see content.Confine).
func load(fsys fs.FS, opt Options) (*content.Site, *model.Timeline, diag.List) {
	cfg, problems := loadConfig(fsys, opt)
	site, errs := content.Load(fsys)
	problems.Append(errs)
	t, errs := model.Build(cfg, site, model.Options{Drafts: opt.Drafts})
	problems.Append(errs)
	problems.Sort()
	return site, t, problems
}

// loadConfig reads site.toml with the options' base URL over its own, as
// both Load and the incremental builder do.
func loadConfig(fsys fs.FS, opt Options) (config.Config, diag.List) {
	cfg, problems := config.Load(fsys)
	if opt.BaseURL != "" {
		if err := cfg.SetBaseURL(opt.BaseURL); err != nil {
			problems.Add(diag.Pos{Path: "--base-url"}, "%v", err)
			return cfg, problems
		}
	}
	if len(problems.Errors()) == 0 && !render.PublishesOEmbed(cfg) {
		pos := diag.Pos{Path: "--base-url"}
		if opt.BaseURL == "" {
			src, _ := fs.ReadFile(fsys, config.File)
			pos = config.KeyPos(src, "base_url")
		}
		problems.Warn(pos, "base_url %q is a path, not an absolute URL: the oEmbed responses (embed/.../oembed.json), the links announcing them and the sitemap are left out, since a site that embeds a timeline could not use them; set base_url to the address the site is published at, such as \"https://example.org/\"", cfg.BaseURL)
	}
	return cfg, problems
}

// Build runs the whole pipeline in memory. theme supplies the built-in
// templates/ and static/, which the site's own directories override file by
// file. When the content has errors, Build stops before rendering and
// returns them in Site.Problems and as the error.
func Build(fsys, theme fs.FS, opt Options) (*Site, error) {
	rd, err := prepare(fsys, theme, opt)
	s := &Site{Config: rd.t.Config, Timeline: rd.t, Problems: rd.problems}
	if err != nil {
		return s, err
	}
	s.Pages = sitePages(rd.r, rd.t, buildFragments(rd.t, rd.m), nil)
	files, err := render.All(s.Pages)
	if err != nil {
		return s, positioned(&s.Problems, err, "")
	}
	var mu sync.Mutex
	_, errs := makeMedia(rd.fsys, mediaJobs(rd.t), func(name string, data []byte) error {
		mu.Lock()
		files[name] = data
		mu.Unlock()
		return nil
	}, nil)
	if len(errs) > 0 {
		s.Problems.Append(errs)
		s.Problems.Sort()
		return s, s.Problems
	}
	maps.Copy(files, rd.static) // static files over pages of the same path
	s.Files = files
	return s, nil
}

// ready is a site loaded and checked, with what renders it.
type ready struct {
	fsys     fs.FS // the site, confined
	t        *model.Timeline
	r        *render.Renderer
	m        *output.Minifier
	static   output.Files // minified
	problems diag.List
}

// prepare loads a site, its templates and its static files: everything
// before rendering. It returns the problems of all three at once.
func prepare(fsys, theme fs.FS, opt Options) (*ready, error) {
	fsys = content.Confine(fsys)
	_, t, problems := load(fsys, opt)
	// Static files are read before the content can stop the build, so one
	// run reports the problems of both.
	static, errs := readStatic(fsys, theme)
	rd := &ready{fsys: fsys, t: t, m: output.NewMinifier(), static: static}
	if len(errs) > 0 {
		problems.Append(errs)
		problems.Sort()
	}
	rd.problems = problems
	if err := problems.Err(); err != nil {
		return rd, err
	}
	// A template or a static file at fault is a problem of the site too,
	// and one run reports both. Pages come out of rendering minified (see
	// render.Fragments), as the incremental builder renders them; static
	// files are minified here.
	loc, lerrs := locale.New(t.Config.Language, t.Config.Numerals, fsys)
	rd.problems.Append(lerrs)
	rd.problems.Sort()
	if err := lerrs.Err(); err != nil {
		return rd, rd.problems
	}
	r, rerr := render.NewIn(themed(fsys, theme, "templates"), loc)
	if rerr != nil {
		rerr = positioned(&rd.problems, rerr, "")
	}
	if err := Minify(rd.m, rd.static); err != nil {
		if err = positioned(&rd.problems, err, "static"); rerr == nil || len(diag.Of(rerr)) > 0 {
			rerr = err
		}
	}
	rd.r = r
	return rd, rerr
}

// positioned adds the problems err carries (a template or a static file at
// fault; see diag.Of) to l, with paths below dir, and returns l as the
// error. An error that carries none is returned as it is.
func positioned(l *diag.List, err error, dir string) error {
	errs := diag.Of(err)
	if len(errs) == 0 {
		return err
	}
	Rebase(errs, dir)
	l.Append(errs)
	l.Sort()
	return *l
}

// SitePages lists every page of the site: the renderer's own and the
// exports. Build and the incremental builder (incremental.go) both call it,
// so the dev server can never serve a different set of files than a build
// writes.
func SitePages(r *render.Renderer, t *model.Timeline) []render.Page {
	return sitePages(r, t, nil, nil)
}

// buildFragments caches fragments for the length of one build. Within a
// build an entry's card (at one page depth), JSON-LD item or calendar event
// is the same on every page that shows it, so each is rendered once instead
// of once per page; the keys only have to tell entries apart, so they need
// no fingerprints, and the output cannot differ from rendering every one.
func buildFragments(t *model.Timeline, m *output.Minifier) *render.Fragments {
	keys := make(map[string]uint64, len(t.Entries))
	for _, e := range t.Entries {
		keys[e.Key()] = 0
	}
	f := &render.Fragments{Cache: render.NewFragmentCache(), FPs: keys, Minify: m.Minify}
	f.Prepare()
	return f
}

// sitePages is SitePages rendering entry fragments through f (nil renders
// each one): Build and the incremental builder assemble the timeline-wide
// outputs the same way, the latter from the fragments of its last builds.
func sitePages(r *render.Renderer, t *model.Timeline, f *render.Fragments, sc *search.Cache) []render.Page {
	ps := r.PagesWith(t, f)
	sum := r.Summaries(t)
	ps = append(ps, search.PagesCached(t, sc, sum)...)
	return append(ps, export.PagesIn(t, ps, f, r.Locale(), sum)...)
}

// Minify minifies every file in place.
func Minify(m *output.Minifier, files output.Files) error {
	var errs []error
	for name, data := range files {
		out, err := m.Minify(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files[name] = out
	}
	return errors.Join(errs...)
}

// fragmentBudget bounds the fragments a streaming build keeps. At 10,000
// entries they take about 75 MB, all kept; at 100,000 ten times that
// would be more than the rest of the build, so the fragments past the
// budget are rendered for every page that shows them. At 100,000 entries
// the rest of the build sits near the CLI's soft memory limit, and every
// megabyte the fragments leave is room the collector does not have to
// fight for.
const fragmentBudget = 128 << 20

// Summary describes a finished build in one line.
type Summary struct {
	Pages, Entries, Sources, Files int
	// Resized counts the image sizes made; the others were taken from the
	// output the build replaced.
	Resized int
	Elapsed time.Duration
	Out     string
}

func (s Summary) String() string {
	return fmt.Sprintf("built %d pages (%d entries, %d sources; %d files) in %s -> %s",
		s.Pages, s.Entries, s.Sources, s.Files, s.Elapsed.Round(time.Millisecond), s.Out)
}

// Progress counts the pages of a running build, for a progress line.
type Progress struct {
	Done, Total atomic.Int64
}

// Run builds the site in the directory src into out, streaming: pages are
// rendered by a pool of workers and written as they come into a fresh
// directory, which replaces out only when every page is written. Memory
// holds the model and the pages in flight, not the site. When ctx is done
// the build stops and out is left as it was. Problem paths are made
// relative to the working directory, so editors can jump to them.
func Run(ctx context.Context, src, out string, theme fs.FS, opt Options, progress *Progress) (Summary, diag.List, error) {
	start := time.Now()
	rd, err := prepare(os.DirFS(src), theme, opt)
	Rebase(rd.problems, src)
	if err != nil {
		return Summary{}, rd.problems, err
	}
	// One fragment cache for the build, shared by the pages and the
	// exports, so that a card or an event is rendered once however many
	// pages show it; what a build shows once is not kept (see
	// render.Fragments.Once).
	f := buildFragments(rd.t, rd.m)
	f.Once = true
	f.Cache.Limit(fragmentBudget)
	rd.r.Once()
	pages := sitePages(rd.r, rd.t, f, nil)
	// What a page depends on tells the dev server what to render again
	// after an edit; a build renders every page once. At 100,000 entries
	// the lists of every page's entries were about 80 MB, held until the
	// build ended. Only whether a page is wide is kept (see write).
	for i := range pages {
		if !render.Wide(pages[i].Deps) {
			pages[i].Deps = nil
		}
	}
	dir, err := output.Create(out)
	if err != nil {
		return Summary{}, rd.problems, err
	}
	if progress == nil {
		progress = &Progress{}
	}
	jobs := mediaJobs(rd.t)
	progress.Total.Store(int64(len(pages) + len(rd.static) + mediaCount(jobs)))
	files, err := write(ctx, dir, pages, rd.static, progress)
	resized := 0
	if err == nil {
		// Local media, with the sizes the output being replaced holds
		// already taken from it (see makeMedia).
		var errs diag.List
		resized, errs = makeMedia(rd.fsys, jobs, func(name string, data []byte) error {
			progress.Done.Add(1)
			return dir.Write(name, data)
		}, func(name string) bool {
			ok := dir.Reuse(name)
			if ok {
				progress.Done.Add(1)
			}
			return ok
		})
		files += mediaCount(jobs)
		if len(errs) > 0 {
			dir.Abort()
			Rebase(errs, src)
			rd.problems.Append(errs)
			rd.problems.Sort()
			return Summary{}, rd.problems, rd.problems
		}
	}
	if err == nil {
		err = ctx.Err() // interrupted after the last page
	}
	if err != nil {
		dir.Abort()
		// A template that fails on a page is a problem of the site.
		return Summary{}, rd.problems, positioned(&rd.problems, err, src)
	}
	if err := dir.Commit(); err != nil {
		return Summary{}, rd.problems, err
	}
	return Summary{
		Pages: len(pages), Entries: len(rd.t.Entries), Sources: len(rd.t.Sources),
		Files: files, Resized: resized, Elapsed: time.Since(start), Out: out,
	}, rd.problems, nil
}

// write renders the pages into dir through a pool of workers, one per
// processor, then writes the static files (over pages of the same path,
// as Build lays them). The pages that show every entry (the timeline,
// timeline.json, TimelineJS, the calendar: see render.Wide) are rendered
// one at a time by one of the workers, since those that are not streamed
// (see render.NewStreamedPage) are held whole while they are written. Each
// page is taken out of pages as it is handed to a worker, so that what it
// renders with is let go once it is written. It returns the number of
// files written, or the first error in path order.
func write(ctx context.Context, dir *output.Dir, pages []render.Page, static output.Files, progress *Progress) (int, error) {
	var mu sync.Mutex
	var errs []error
	var n atomic.Int64
	do := func(p render.Page) {
		err := dir.WriteFunc(p.Path, p.Stream)
		if err != nil {
			mu.Lock()
			errs = append(errs, fmt.Errorf("%s: %w", p.Path, err))
			mu.Unlock()
		}
		n.Add(1)
		progress.Done.Add(1)
	}
	next, wideLane := make(chan render.Page), make(chan render.Page)
	var wg sync.WaitGroup
	for i := range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			in, mine := next, wideLane
			if i > 0 {
				mine = nil // only the first worker takes wide pages
			}
			for in != nil || mine != nil {
				select {
				case p, ok := <-in:
					if !ok {
						in = nil
						continue
					}
					do(p)
				case p, ok := <-mine:
					if !ok {
						mine = nil
						continue
					}
					do(p)
				}
			}
		})
	}
	// The wide pages are fed on their own, from the start, while the
	// other pages keep the other workers busy: fed in page order, the
	// exports, which come last, were written by one worker while the
	// others had nothing left to do.
	var wides, others []int
	for i := range pages {
		if render.Wide(pages[i].Deps) {
			wides = append(wides, i)
		} else {
			others = append(others, i)
		}
	}
	feed := func(list []int, lane chan render.Page) {
		defer close(lane)
		for _, i := range list {
			if ctx.Err() != nil {
				return
			}
			p := pages[i]
			pages[i] = render.Page{}
			if _, ok := static[p.Path]; ok {
				progress.Done.Add(1)
				continue
			}
			select {
			case lane <- p:
			case <-ctx.Done():
			}
		}
	}
	go feed(wides, wideLane)
	feed(others, next)
	wg.Wait()
	for name, data := range static {
		if err := dir.Write(name, data); err != nil {
			errs = append(errs, err)
		}
		n.Add(1)
		progress.Done.Add(1)
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(x, y error) int { return strings.Compare(x.Error(), y.Error()) })
		return int(n.Load()), errs[0]
	}
	return int(n.Load()), nil
}

// readStatic reads the static files of a site (confined) laid over the
// theme's, with the problems of those it cannot read, at their site paths.
func readStatic(site, theme fs.FS) (output.Files, diag.List) {
	files := output.Files{}
	errs := output.Static(themed(site, theme, "static"), content.Ignored, files)
	Rebase(errs, "static")
	return files, errs
}

// Rebase prefixes every problem path with the site directory.
func Rebase(l diag.List, dir string) {
	if dir == "" || dir == "." {
		return
	}
	for _, p := range l {
		if !strings.HasPrefix(p.Pos.Path, "-") {
			p.Pos.Path = filepath.Join(dir, filepath.FromSlash(p.Pos.Path))
		}
	}
}

// Roots are what a site directory is made of: site.toml, then the
// directories below which every file is read. The rest (the output
// directory, .git, ...) is never read, and the dev server never watches it.
func Roots() []string { return []string{config.File, "content", "templates", "static"} }

// themed is the directory dir of the site (templates/, static/) laid over
// the same directory of the built-in theme.
func themed(site, theme fs.FS, dir string) Layers { return Layers{sub(site, dir), sub(theme, dir)} }

// sub returns the directory dir of fsys, or an empty file system when there
// is none.
func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return Layers{}
	}
	return s
}

// Layers is a read-only union of file systems: a name resolves in the first
// layer that has it, and directories list the union of their entries. The
// site's templates/ and static/ lie over the built-in theme this way.
type Layers []fs.FS

// Open opens name from the first layer that has it.
func (l Layers) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for _, f := range l {
		file, err := f.Open(name)
		if err == nil {
			info, serr := file.Stat()
			if serr == nil && info.IsDir() {
				file.Close()
				break // directories are merged by ReadDir
			}
			return file, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err // a file there that cannot be read hides nothing
		}
	}
	if entries, err := l.ReadDir(name); err == nil || name == "." {
		return &dir{name: name, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir merges the directory's entries across layers.
func (l Layers) ReadDir(name string) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	seen := map[string]bool{}
	found := false
	for _, f := range l {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// dir is a merged directory opened from Layers.
type dir struct {
	name    string
	entries []fs.DirEntry
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return dirInfo(path.Base(d.name)), nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *dir) Close() error { return nil }
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

type dirInfo string

func (d dirInfo) Name() string       { return string(d) }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }

// Check loads the site in the directory src and returns every problem,
// with paths relative to the working directory: the errors and warnings of
// Load, then the editorial warnings of package check (dates that disagree
// with their evidence, uncited sources, likely duplicates, unused records).
func Check(src string, opt Options) (*model.Timeline, diag.List) {
	fsys := content.Confine(os.DirFS(src))
	site, t, problems := load(fsys, opt)
	problems.Append(check.Warnings(t, site, check.Options{Drafts: opt.Drafts}))
	// The site's messages (i18n/), as a build reads them.
	_, errs := locale.New(t.Config.Language, t.Config.Numerals, fsys)
	problems.Append(errs)
	problems.Sort()
	Rebase(problems, src)
	return t, problems
}
