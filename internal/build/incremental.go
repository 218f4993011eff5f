package build

// The incremental builder behind `dateline serve`. It keeps everything a
// build computes and, told which input files changed, redoes only what
// those files can affect, while producing exactly the files Build would
// (incremental_test.go checks this across random edit sequences):
//
//   - Parsing: every input file is cached by path with its content hash;
//     only files whose bytes changed are parsed again.
//   - Model: when only entries changed, and only in their wording (title,
//     summary, quotes) or their date (see model.Patch), the last timeline
//     is patched in place, and the pages, their deps and the fingerprints
//     of everything the patch did not touch are kept: the work is that of
//     the edit, not of the site. A date that moves an entry in the
//     timeline moves it between the pages of lists: the pages are listed
//     again from the patched timeline, without resolving the site again.
//     An edit of sources alone (their text, title, dates, ...) is patched
//     in place too (model.PatchSources): the quotes citing them are found
//     again in the new text; so is an edit of registries alone that keeps
//     every reference naming the record it named (model.PatchRecords).
//     A change of templates or static files alone keeps the timeline as
//     it is: a static file is minified again and no page rendered; a
//     template lists the pages again and renders those that use it.
//     Any other change rebuilds the model from the cached documents
//     (model.Build resolves aliases, verifies quotes and links everything);
//     model.Cache keeps its expensive pure parts (prepared source texts,
//     quote searches, Markdown references, the last order of the entries)
//     from one build to the next.
//   - Pages: every model object gets a fingerprint, a hash of everything a
//     page can show about it (see fingerprint.go); an entry gets two, what
//     lists show of it and what its own page shows (see render.PageKey). Comparing fingerprints with
//     the last good build gives the changed keys; a page is rendered again
//     only when one of its Deps changed, when its template (or a template it
//     invokes) changed, when site.toml changed, or when it is new. Every
//     other page would render to the same bytes, because a page's output is
//     a function of its template and of the data its deps name. A page
//     whose only dep is render.DepPageSet (the sitemap) is rendered again
//     only when the set of page paths changed. Pages are rendered as soon
//     as they are found to need it, the timeline-wide ones first.
//   - Fragments: the pages that show many entries (the timeline and its
//     embed, record pages, timeline.json, TimelineJS, the calendar, the
//     feeds) are assembled from per-entry fragments, rendered and minified
//     once per entry fingerprint and kept in a render.FragmentCache from
//     one build to the next (reset when templates or site.toml change,
//     swept of stale entries after each build). Build assembles the same
//     pages the same way, rendering every fragment, so both give the same
//     bytes (see render.Fragments).
//   - Output: rendered pages come out minified and are compared with the
//     previous bytes; only files that differ are reported as written.
//
// A failed build (content problems, a template error) leaves the last good
// output in place and is compared against on the next attempt, so fixing the
// error re-renders whatever changed since that good build.

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/locale"
	"dateline/internal/media"
	"dateline/internal/model"
	"dateline/internal/output"
	"dateline/internal/render"
	"dateline/internal/search"
)

// Incremental rebuilds one site again and again. It is not safe for
// concurrent use: one goroutine calls Update; the Files of each Result are
// never modified afterwards and may be read by any number of goroutines.
type Incremental struct {
	dir, theme fs.FS
	fsys       fs.FS // dir, confined afresh for each update (see content.Confine)
	opt        Options
	seed       maphash.Seed
	minifier   *output.Minifier
	cache      *model.Cache
	frags      *render.FragmentCache // entry fragments of the last builds
	words      *search.Cache         // entries' words, for the search index
	// What the fragments were rendered with: failed builds render too.
	fragsCfg      config.Config
	fragsRenderer *render.Renderer

	inputs map[string]*input // tracked input files by site path
	// The documents Restore took, by path, with their hashes (see
	// Inputs.Changed).
	restored map[string][32]byte
	// The source and entry paths among inputs, sorted; nil when a path
	// was added or removed since.
	sources, entries []string

	// What changed since the last good build and has not been rebuilt yet.
	configDirty, templatesDirty, staticDirty bool
	changedPaths                             map[string]bool
	// What the last good build read at the paths changed since; nil for
	// a path that was not tracked then.
	before map[string]*input

	good *generation // the last successful build; nil before the first

	listed func([]render.Page) // see OnListed
}

// OnListed has f called with every page of the site as soon as a build
// that lists them (a first build, or one that rebuilds the model) has its
// timeline and templates, before it hashes fingerprints or renders, from
// the goroutine that calls Update. The pages are not the build's: they
// render with fragments of their own, to the bytes Build gives, and may be
// rendered at once, concurrently with the build, but not changed: the dev
// server renders on its own a page asked for before the first build ends.
func (b *Incremental) OnListed(f func([]render.Page)) { b.listed = f }

// StaticFile returns the static file at the output path name (from the
// site's static/ over the theme's), as it is, not minified.
func (b *Incremental) StaticFile(name string) ([]byte, bool) {
	data, err := fs.ReadFile(themed(content.Confine(b.dir), b.theme, "static"), name)
	return data, err == nil
}

// input is one tracked file of the site and what parsing it gave.
type input struct {
	hash    [32]byte
	source  *content.Source
	entry   *content.Entry
	records []*content.Record
	errs    diag.List
}

// generation is everything a successful build produced.
type generation struct {
	cfg      config.Config
	renderer *render.Renderer
	problems diag.List // the warnings
	// The timeline and its pages, for model.Patch and the next build to
	// reuse; t is nil once patching it has begun (see rebuild).
	t     *model.Timeline
	pages []render.Page
	frags *render.Fragments // what pages render fragments with
	deps  *depIndex         // of pages; nil until a patch needs it
	// How many patched builds reused pages. The pages carry memos of
	// rendered summaries meant for one build (see render.Renderer and
	// markdown.NewMemo), which grow with every patch: after maxPatches,
	// a full build lists pages, and memos, afresh.
	patches int
	fpr     *fingerprinter
	fps     map[string]uint64 // model key -> fingerprint
	// Each page's output path, in the order listed; index maps a path to
	// its position, built when a lookup needs it.
	paths []string
	index map[string]int
	// The pages a static file of the same path hides: Build lays static
	// files over pages, and a page comes back into view when its static
	// file goes.
	shadowed map[string]render.Parts
	static   map[string]staticFile // output path -> static file
	files    Files                 // the whole site: pages, then static over them
}

// page returns the page at path, which was listed at position i when the
// page set did not change.
func (g *generation) page(i int, path string) (*render.Page, bool) {
	if i >= 0 && i < len(g.paths) && g.paths[i] == path {
		return &g.pages[i], true
	}
	if g.index == nil {
		g.index = make(map[string]int, len(g.paths))
		for j, p := range g.paths {
			g.index[p] = j
		}
	}
	j, ok := g.index[path]
	if !ok {
		return nil, false
	}
	return &g.pages[j], true
}

type staticFile struct {
	raw  [32]byte // hash of the source bytes
	data []byte   // minified
}

// Files is a site's output by path, each file in pieces (see
// render.Parts).
type Files map[string]render.Parts

// Flat returns the files with each one's content in one slice.
func (f Files) Flat() output.Files {
	out := make(output.Files, len(f))
	for p, data := range f {
		out[p] = data.Bytes()
	}
	return out
}

// Result describes one Update.
type Result struct {
	// Files is the whole site after the update: the new output when the
	// build succeeded, the last good output when it failed (nil when no
	// build ever succeeded). It is never modified.
	Files Files
	// Written lists the output paths whose content is new or changed,
	// Removed those that are gone; both sorted. Empty when Err is set.
	Written, Removed []string
	// Inputs lists the site files whose content changed (sorted).
	Inputs []string
	// Rendered counts the pages rendered again.
	Rendered int
	// Problems holds every problem of the build, errors and warnings,
	// sorted, with paths relative to the site.
	Problems diag.List
	// Err is set when the build failed: content errors (then Problems has
	// them) or a template error.
	Err     error
	Elapsed time.Duration
	Full    bool // a first build or a rescan of every file
	// Patched is set when the last good timeline was patched (see
	// model.Patch) rather than built again.
	Patched bool
	// Media lists the local media files of the site by output path, made
	// on request by MediaFile: a preview does not resize every image up
	// front. Nil when the build failed.
	Media map[string]MediaRef
}

// NewIncremental returns a builder for the site in fsys. theme supplies the
// built-in templates and static files, as for Build. Nothing is read until
// the first Update.
func NewIncremental(fsys, theme fs.FS, opt Options) *Incremental {
	return &Incremental{
		dir: fsys, theme: theme, opt: opt,
		seed:         maphash.MakeSeed(),
		minifier:     output.NewMinifier(),
		cache:        model.NewCache(),
		frags:        render.NewFragmentCache(),
		words:        search.NewCache(),
		inputs:       map[string]*input{},
		changedPaths: map[string]bool{},
		before:       map[string]*input{},
	}
}

// Rescan reads every file of the site again, as after a lost file-system
// event, and rebuilds whatever changed. The first Update is always one.
func (b *Incremental) Rescan() Result {
	start := time.Now()
	b.fsys = content.Confine(b.dir)
	seen := map[string]bool{}
	for _, root := range Roots() {
		b.walk(root, seen)
	}
	for p := range b.inputs {
		if !seen[p] {
			b.forget(p)
		}
	}
	// Directories are not tracked: a rescan can always have changed them.
	b.templatesDirty, b.staticDirty = true, true
	res := b.withMedia(b.rebuild(start))
	res.Full = true
	return res
}

// Update rebuilds after the files at the given site paths (slash-separated,
// relative to the site root) changed. A path may name a file or a directory,
// and may no longer exist: what is gone is forgotten, a directory is read
// in full. Paths outside what a site is made of are ignored.
func (b *Incremental) Update(paths ...string) Result {
	start := time.Now()
	if b.good == nil {
		return b.Rescan()
	}
	b.fsys = content.Confine(b.dir)
	for _, p := range paths {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if p == "." || p == "" {
			return b.Rescan()
		}
		if !fs.ValidPath(p) {
			continue
		}
		info, err := fs.Stat(b.fsys, p)
		switch {
		case err != nil:
			b.forget(p)
			for q := range b.inputs {
				if strings.HasPrefix(q, p+"/") {
					b.forget(q)
				}
			}
			b.markArea(p) // a deleted directory
		case info.IsDir():
			seen := map[string]bool{}
			b.walk(p, seen)
			for q := range b.inputs {
				if strings.HasPrefix(q, p+"/") && !seen[q] {
					b.forget(q)
				}
			}
			b.markArea(p)
		default:
			b.refresh(p)
		}
		if p == media.Dir || strings.HasPrefix(p, media.Dir+"/") {
			// What entries show of a media file (its size, the hash
			// in its names) is read with the model.
			b.configDirty, b.changedPaths[p] = true, true
		}
	}
	return b.withMedia(b.rebuild(start))
}

// markArea flags templates and static output as dirty when p is (or
// contains) one of their directories; they are not tracked file by file.
func (b *Incremental) markArea(p string) {
	for _, dir := range []string{"templates", "static", locale.Dir} {
		if p == dir || strings.HasPrefix(p, dir+"/") {
			b.markDirty(kind(dir+"/"), p)
		}
	}
}

// messagesChanged reports whether a file of the site's messages (i18n/)
// changed, which every page template shows.
func (b *Incremental) messagesChanged() bool {
	for p := range b.changedPaths {
		if p == locale.Dir || strings.HasPrefix(p, locale.Dir+"/") {
			return true
		}
	}
	return false
}

// markDirty notes that p, below templates/ or static/ (area), changed.
func (b *Incremental) markDirty(area, p string) {
	switch area {
	case "templates":
		b.templatesDirty = true
	case "static":
		b.staticDirty = true
	}
	b.changedPaths[p] = true
}

// walk refreshes every file below root, reading and parsing them on
// every processor.
func (b *Incremental) walk(root string, seen map[string]bool) {
	var paths []string
	_ = fs.WalkDir(b.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != root {
				paths = append(paths, p) // report the read error in place
			}
			return nil
		}
		if !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	for i, l := range parallel(paths, b.load) {
		seen[paths[i]] = b.settle(paths[i], l)
	}
}

// parallel returns f of each of xs, computed on every processor.
func parallel[X, Y any](xs []X, f func(X) Y) []Y {
	out := make([]Y, len(xs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(xs)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(xs); i = int(next.Add(1)) - 1 {
				out[i] = f(xs[i])
			}
		})
	}
	wg.Wait()
	return out
}

// kind classifies a site path: "config", "source", "entry", "registry",
// "templates", "static" or "" for files that are not part of a site. It
// mirrors what content.Load and Build read.
func kind(p string) string {
	switch {
	case p == config.File:
		return "config"
	case strings.HasPrefix(p, "templates/"), strings.HasPrefix(p, locale.Dir+"/"):
		return "templates"
	case strings.HasPrefix(p, "static/"):
		return "static"
	}
	if registryKind(p) != "" {
		return "registry"
	}
	for _, d := range []struct{ dir, kind string }{{content.SourcesDir, "source"}, {content.EntriesDir, "entry"}} {
		rest, ok := strings.CutPrefix(p, d.dir+"/")
		if !ok || !strings.HasSuffix(p, ".md") {
			continue
		}
		// content.Load skips editor files and hidden directories below
		// the document directory, at any depth.
		for part := range strings.SplitSeq(rest, "/") {
			if content.Ignored(part) {
				return ""
			}
		}
		return d.kind
	}
	return ""
}

// registryKind returns the kind of record the registry file p holds, or ""
// when p is no registry.
func registryKind(p string) string {
	for _, k := range content.RegistryKinds() {
		if p == content.RegistryFile(k) {
			return k
		}
	}
	return ""
}

// refresh re-reads one file and parses it again if its bytes changed. It
// reports whether the file is tracked.
func (b *Incremental) refresh(p string) bool { return b.settle(p, b.load(p)) }

// loaded is what reading one site file gave.
type loaded struct {
	kind string
	gone bool   // the file no longer exists
	same bool   // its bytes did not change
	in   *input // what it holds now, otherwise
}

// load reads and parses the file at p, changing nothing: files are loaded
// in parallel, then settled one by one.
func (b *Incremental) load(p string) loaded {
	k := kind(p)
	if k == "" || k == "templates" || k == "static" {
		return loaded{kind: k}
	}
	data, err := fs.ReadFile(b.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return loaded{kind: k, gone: true}
	}
	if err != nil {
		// As content.Load does: the file is part of the site but unreadable.
		in := &input{errs: diag.List{content.ReadProblem(p, err)}}
		switch k {
		case "source":
			in.source = content.BrokenSource(p)
		case "entry":
			in.entry = content.BrokenEntry(p)
		case "registry":
			in.records = content.BrokenRegistry(registryKind(p), p)
		}
		return loaded{kind: k, in: in}
	}
	h := sha256.Sum256(data)
	if old, ok := b.inputs[p]; ok && old.hash == h {
		return loaded{kind: k, same: true} // an unreadable file has no hash, so it never matches
	}
	in := &input{hash: h}
	switch k {
	case "source":
		in.source, in.errs = content.ParseSource(p, data)
	case "entry":
		in.entry, in.errs = content.ParseEntry(p, data)
	case "registry":
		in.records, in.errs = content.ParseRegistry(p, registryKind(p), data)
	}
	return loaded{kind: k, in: in}
}

// settle records what load found at p. It reports whether the file is
// tracked.
func (b *Incremental) settle(p string, l loaded) bool {
	switch l.kind {
	case "":
		return false
	case "templates", "static":
		b.markDirty(l.kind, p)
		return false
	}
	if l.gone {
		b.forget(p)
		return false
	}
	if l.same {
		return true
	}
	if l.kind == "config" {
		b.configDirty = true
	}
	b.track(p, l.in)
	return true
}

// track sets the input at p.
func (b *Incremental) track(p string, in *input) {
	old, ok := b.inputs[p]
	if !ok {
		b.sources, b.entries = nil, nil // a new path
	}
	b.remember(p, old)
	b.inputs[p] = in
	b.changedPaths[p] = true
}

// remember notes the input at p as the last good build read it, unless
// p changed before; old is nil if there was none.
func (b *Incremental) remember(p string, old *input) {
	if _, ok := b.before[p]; ok {
		return
	}
	b.before[p] = old
}

func (b *Incremental) forget(p string) {
	switch k := kind(p); k {
	case "templates", "static":
		b.markDirty(k, p)
	case "config":
		b.configDirty = true
	}
	if old, ok := b.inputs[p]; ok {
		b.remember(p, old)
		delete(b.inputs, p)
		b.changedPaths[p] = true
		b.sources, b.entries = nil, nil
	}
}

// site assembles the documents as content.Load would read them, with its
// problems in the same order.
func (b *Incremental) site() (*content.Site, diag.List) {
	var errs diag.List
	site := &content.Site{Records: map[string][]*content.Record{}}
	if b.sources == nil || b.entries == nil {
		b.sources, b.entries = []string{}, []string{}
		for p := range b.inputs {
			switch kind(p) {
			case "source":
				b.sources = append(b.sources, p)
			case "entry":
				b.entries = append(b.entries, p)
			}
		}
		sort.Strings(b.sources)
		sort.Strings(b.entries)
	}
	for _, p := range b.sources {
		in := b.inputs[p]
		errs.Append(in.errs)
		if in.source != nil {
			site.Sources = append(site.Sources, in.source)
		}
	}
	for _, p := range b.entries {
		in := b.inputs[p]
		errs.Append(in.errs)
		if in.entry != nil {
			site.Entries = append(site.Entries, in.entry)
		}
	}
	var merrs diag.List
	site.Media, merrs = content.LoadMedia(b.fsys, site.Entries)
	errs.Append(merrs)
	for _, k := range content.RegistryKinds() {
		in, ok := b.inputs[content.RegistryFile(k)]
		if !ok {
			continue
		}
		errs.Append(in.errs)
		if in.hash != ([32]byte{}) || in.records != nil {
			site.Records[k] = in.records
		}
	}
	return site, errs
}

// rebuild runs the pipeline over the cached documents and renders what
// changed since the last good build.
func (b *Incremental) rebuild(start time.Time) Result {
	res := Result{Inputs: slices.Sorted(maps.Keys(b.changedPaths))}
	old := b.good
	if old == nil {
		old = &generation{static: map[string]staticFile{}, files: Files{}}
	}
	staticChecked := false
	fail := func(err error) Result {
		if b.good != nil {
			res.Files = b.good.files
		}
		_, contentFailed := err.(diag.List)
		if !contentFailed {
			err = positioned(&res.Problems, err, "")
		}
		if !staticChecked {
			// As Build, a failed build reports the static files'
			// problems too.
			if errs := b.staticProblems(old.static, contentFailed); len(errs) > 0 {
				res.Problems.Append(errs)
				res.Problems.Sort()
				err = res.Problems
			}
		}
		res.Err = err
		res.Elapsed = time.Since(start)
		return res
	}

	var w *work
	edits, sources, records := b.patchable()
	if records != nil {
		if p, ok := model.PatchRecords(old.t, records, b.entryDocs(), model.Options{Drafts: b.opt.Drafts, Cache: b.cache}); ok {
			t := old.t
			old.t = nil // as for entries, below
			res.Problems, res.Patched = old.problems, true
			// Summaries link records by their names: the renderer's
			// memo of them goes.
			w = b.patched(old, t, p.Entries, nil, p.Records, true)
		}
	}
	if sources != nil {
		if p, ok := model.PatchSources(old.t, sources, model.Options{Drafts: b.opt.Drafts, Cache: b.cache}); ok {
			t := old.t
			old.t = nil // as for entries, below
			res.Problems, res.Patched = old.problems, true
			srcs := make([]*model.Source, len(sources))
			for i, ed := range sources {
				srcs[i] = t.Source(ed.New.ID)
			}
			w = b.patched(old, t, p.Entries, srcs, nil, false)
		}
	}
	if edits != nil {
		if p, ok := model.Patch(old.t, edits, model.Options{Drafts: b.opt.Drafts, Cache: b.cache}); ok {
			// The last good timeline is this build's now: should this
			// build fail, the next must start over.
			t := old.t
			old.t = nil
			res.Problems, res.Patched = old.problems, true
			redated := false
			for _, ed := range edits {
				redated = redated || ed.Old.Date.Text != ed.New.Date.Text
			}
			if p.Moved {
				// Entries moved between the pages of lists, and
				// perhaps to periods that had none: the pages are
				// listed again, from the patched timeline.
				old.renderer.Redated()
				var err error
				if w, err = b.list(&res, old, &generation{t: t, patches: old.patches + 1}); err != nil {
					return fail(err)
				}
			} else {
				w = b.patched(old, t, p.Entries, nil, nil, redated)
			}
		}
	}
	if w == nil && b.good != nil && b.good.t != nil && !b.contentChanged() {
		// Only templates or static files changed: the timeline is the
		// last good build's, unchanged.
		res.Problems = old.problems
		if b.templatesDirty {
			var err error
			if w, err = b.list(&res, old, &generation{t: old.t, patches: old.patches}); err != nil {
				return fail(err)
			}
		} else {
			g := *old
			w = &work{g: &g, batch: render.NewBatch(0)}
		}
	}
	if w == nil {
		var err error
		if w, err = b.full(&res, old); err != nil {
			return fail(err)
		}
	}
	g := w.g
	out, err := w.batch.Wait() // minified as they render
	if err != nil {
		return fail(err)
	}
	res.Rendered = w.rendered

	// Static files: re-walked when something below static/ changed; a
	// file is minified again only when its bytes did.
	g.static = old.static
	staticSame := !b.staticDirty && b.good != nil
	if !staticSame {
		g.static, err = b.staticFiles(old.static)
		staticChecked = true
		if errs, ok := err.(diag.List); ok {
			res.Problems.Append(errs)
		}
		if err != nil {
			return fail(err)
		}
	}

	// The site: pages, with static files over them as Build lays them.
	g.shadowed = old.shadowed
	if staticSame {
		// Only the pages rendered or gone can differ from the last site.
		g.files = maps.Clone(old.files)
		copied := false
		shadow := func(p string, data render.Parts, ok bool) {
			if !copied {
				g.shadowed, copied = maps.Clone(old.shadowed), true
			}
			if ok {
				g.shadowed[p] = data
			} else {
				delete(g.shadowed, p)
			}
		}
		for _, p := range w.gone {
			if _, ok := g.static[p]; ok {
				shadow(p, nil, false)
				continue
			}
			delete(g.files, p)
			res.Removed = append(res.Removed, p)
		}
		for p, data := range out {
			if _, ok := g.static[p]; ok {
				shadow(p, data, true)
				continue
			}
			if prev, ok := old.files[p]; !ok || !prev.Equal(data) {
				res.Written = append(res.Written, p)
			}
			g.files[p] = data
		}
	} else {
		g.files = make(Files, len(g.paths)+len(g.static))
		for _, p := range g.paths {
			// A page not rendered again is as it was in the last
			// build: in its files, unless a static file hid it.
			if data, ok := out[p]; ok {
				g.files[p] = data
			} else if data, ok := old.shadowed[p]; ok {
				g.files[p] = data
			} else {
				g.files[p] = old.files[p]
			}
		}
		g.shadowed = map[string]render.Parts{}
		for p, f := range g.static {
			if data, ok := g.files[p]; ok {
				g.shadowed[p] = data
			}
			g.files[p] = render.Parts{f.data}
		}
		for p, data := range g.files {
			if prev, ok := old.files[p]; !ok || !prev.Equal(data) {
				res.Written = append(res.Written, p)
			}
		}
		for p := range old.files {
			if _, ok := g.files[p]; !ok {
				res.Removed = append(res.Removed, p)
			}
		}
	}
	sort.Strings(res.Written)
	sort.Strings(res.Removed)

	if !res.Patched {
		// A patch keeps every key, and Prepare replaced the objects
		// whose fingerprint changed: there is nothing to sweep.
		b.frags.Sweep(g.fps)
	}
	g.problems = res.Problems
	b.good = g
	b.configDirty, b.templatesDirty, b.staticDirty = false, false, false
	clear(b.changedPaths)
	clear(b.before)
	res.Files = g.files
	res.Elapsed = time.Since(start)
	return res
}

// work is a build under way: the generation it makes, and its pages
// rendering.
type work struct {
	g        *generation
	batch    *render.Batch
	rendered int      // pages added to batch
	gone     []string // pages no longer part of the site
}

// full builds the model from the documents, lists every page and starts
// rendering those that can have changed since old, the last good build.
func (b *Incremental) full(res *Result, old *generation) (*work, error) {
	// Config and content, exactly as Load does them.
	cfg, problems := loadConfig(b.fsys, b.opt)
	site, errs := b.site()
	problems.Append(errs)
	t, errs := model.Build(cfg, site, model.Options{Drafts: b.opt.Drafts, Cache: b.cache})
	problems.Append(errs)
	problems.Sort()
	res.Problems = problems
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return b.list(res, old, &generation{t: t})
}

// list lists every page of g.t, the timeline of a build, and starts
// rendering those that can have changed since old, the last good build.
// Problems with the site's messages go into res.
func (b *Incremental) list(res *Result, old, g *generation) (*work, error) {
	t := g.t
	g.cfg, g.fpr = t.Config, &fingerprinter{seed: b.seed, cache: b.cache, t: t}

	// Templates: parsed again only when a file below templates/ changed.
	g.renderer = old.renderer
	// The site's messages (i18n/) count as templates; the language is
	// the configuration's.
	if g.renderer == nil || b.templatesDirty || b.configDirty {
		loc, errs := locale.New(t.Config.Language, t.Config.Numerals, b.fsys)
		res.Problems.Append(errs)
		if err := errs.Err(); err != nil {
			res.Problems.Sort()
			return nil, res.Problems
		}
		r, err := render.NewIn(themed(b.fsys, b.theme, "templates"), loc)
		if err != nil {
			return nil, err
		}
		g.renderer = r
	}
	var templateChanged func(string) bool
	if old.renderer == nil || b.messagesChanged() {
		templateChanged = func(string) bool { return true }
	} else {
		templateChanged = g.renderer.TemplatesChanged(old.renderer)
	}

	// Fingerprints are hashed while the pages are listed (both only read
	// the timeline); rendering needs them, listing does not.
	fpsDone := make(chan map[string]uint64, 1)
	go func() { fpsDone <- g.fpr.all() }()
	if b.listed != nil {
		// Whoever waits for the listing (the dev server's first
		// request) gets pages of their own, listed from the timeline
		// as Build lists them, with fragments of their own: it need
		// not wait for the fingerprints and the fragment cache, which
		// only this build's renders need, and renders the bytes Build
		// would.
		b.listed(sitePages(g.renderer, t, buildFragments(t, b.minifier), nil))
	}
	everything := b.good == nil || g.cfg != old.cfg

	// Fragments (see render.Fragments) are a function of an object's
	// fingerprint, the templates and the configuration.
	// The cache may hold fragments of a failed build, so it is compared
	// with what filled it rather than with the last good build.
	if b.fragsRenderer == nil || g.renderer != b.fragsRenderer || g.cfg != b.fragsCfg {
		b.frags.Reset()
		b.fragsRenderer, b.fragsCfg = g.renderer, g.cfg
	}
	g.frags = &render.Fragments{Cache: b.frags, Minify: b.minifier.Minify}
	pages := sitePages(g.renderer, t, g.frags, b.words)
	g.pages = pages

	// Which model keys changed since the last good build.
	g.fps = <-fpsDone
	g.frags.FPs = g.fps
	g.frags.Prepare() // no fragment lookup locks the whole cache
	ch := newChanges()
	for k, v := range g.fps {
		if ov, ok := old.fps[k]; !ok || ov != v {
			ch.note(k)
		}
	}
	for k := range old.fps {
		if _, ok := g.fps[k]; !ok {
			ch.note(k)
		}
	}

	// Pages to render again, rendered as soon as they are found: the
	// timeline-wide ones first, as they take longest, so the two cores
	// finish together.
	w := &work{g: g, batch: render.NewBatch(len(pages))}
	g.paths = make([]string, len(pages))
	// When every page is where it was in the last listing, the set of
	// pages is the same; otherwise it is compared as a set below.
	samePlaces := len(pages) == len(old.paths)
	var onPageSet []*render.Page // pages that show the set of pages
	for _, wide := range []bool{true, false} {
		for i := range pages {
			p := &pages[i]
			if render.Wide(p.Deps) != wide {
				continue
			}
			g.paths[i] = p.Path
			prev, existed := old.page(i, p.Path)
			samePlaces = samePlaces && existed && old.paths[i] == p.Path
			switch {
			// A page whose deps changed shows other objects: a page of a
			// list whose entries moved.
			case everything || !existed || prev.Template != p.Template || templateChanged(p.Template) || ch.affect(p.Deps) || !slices.Equal(prev.Deps, p.Deps):
				w.batch.Add(p)
				w.rendered++
			case slices.Contains(p.Deps, render.DepPageSet):
				onPageSet = append(onPageSet, p)
			}
		}
	}
	if !samePlaces {
		now := make(map[string]bool, len(pages))
		for _, p := range g.paths {
			now[p] = true
		}
		for _, p := range old.paths {
			if !now[p] {
				w.gone = append(w.gone, p)
				now[p] = true // listed once
			}
		}
		pageSetChanged := len(w.gone) > 0
		for _, p := range g.paths {
			if _, ok := old.page(-1, p); !ok {
				pageSetChanged = true
				break
			}
		}
		if pageSetChanged {
			for _, p := range onPageSet {
				w.batch.Add(p)
				w.rendered++
			}
		}
	}
	return w, nil
}

// contentChanged reports whether anything but templates and static files
// changed since the last good build.
func (b *Incremental) contentChanged() bool {
	if b.configDirty {
		return true
	}
	for p := range b.changedPaths {
		if k := kind(p); k != "templates" && k != "static" {
			return true
		}
	}
	return false
}

// maxPatches bounds the patched builds in a row (see generation.patches).
const maxPatches = 200

// patchable returns the edits that took the entries, the sources or the
// registries changed since the last good build from their version then to
// their version now, when those (of one kind) are all that changed and
// model.Patch (model.PatchSources, model.PatchRecords) may apply them;
// otherwise nil.
func (b *Incremental) patchable() ([]model.Edit, []model.SourceEdit, []model.RecordEdit) {
	if b.good == nil || b.good.t == nil || b.good.patches >= maxPatches || b.configDirty || b.templatesDirty || b.staticDirty || len(b.changedPaths) == 0 {
		return nil, nil, nil
	}
	var edits []model.Edit
	var sources []model.SourceEdit
	var records []model.RecordEdit
	for p := range b.changedPaths {
		before, now := b.before[p], b.inputs[p]
		if before == nil || now == nil || len(now.errs) > 0 {
			return nil, nil, nil // a new, deleted or broken file
		}
		switch {
		case before.entry != nil && now.entry != nil:
			edits = append(edits, model.Edit{Old: before.entry, New: now.entry})
		case before.source != nil && now.source != nil:
			sources = append(sources, model.SourceEdit{Old: before.source, New: now.source})
		case kind(p) == "registry":
			records = append(records, model.RecordEdit{Kind: registryKind(p), Old: before.records, New: now.records})
		default:
			return nil, nil, nil
		}
		// Problems of the last good build at p (warnings) would have
		// to be found again.
		for _, pr := range b.good.problems {
			if pr.Pos.Path == p {
				return nil, nil, nil
			}
		}
	}
	if (edits != nil) && (sources != nil || records != nil) || sources != nil && records != nil {
		return nil, nil, nil
	}
	return edits, sources, records
}

// entryDocs returns every entry document of the site.
func (b *Incremental) entryDocs() []*content.Entry {
	var out []*content.Entry
	for _, in := range b.inputs {
		if in.entry != nil {
			out = append(out, in.entry)
		}
	}
	return out
}

// patched starts rendering after model.Patch changed the entries of t,
// the last good build's timeline, in place: everything else is as it was,
// so the pages are those of the last good build, and which of them to
// render again is looked up by the keys whose fingerprint changed.
func (b *Incremental) patched(old *generation, t *model.Timeline, changed []*model.Entry, sources []*model.Source, records []*model.Record, redated bool) *work {
	g := &generation{
		cfg: old.cfg, renderer: old.renderer, t: t, fpr: old.fpr,
		pages: old.pages, frags: old.frags, deps: old.deps, patches: old.patches + 1,
		paths: old.paths, index: old.index,
	}
	g.fps = maps.Clone(old.fps)
	ch := newChanges()
	for _, k := range g.fpr.again(g.fps, changed, sources, records) {
		if g.fps[k] != old.fps[k] {
			ch.note(k)
		}
	}
	g.frags.FPs = g.fps
	g.frags.Prepare()
	if redated {
		g.renderer.Redated()
	}
	if g.deps == nil {
		g.deps = newDepIndex(g.pages)
	}
	todo := g.deps.pages(ch)
	w := &work{g: g, batch: render.NewBatch(len(todo)), rendered: len(todo)}
	for _, i := range todo {
		w.batch.Add(&g.pages[i])
	}
	return w
}

// changes are the model keys whose fingerprint changed.
type changes struct {
	keys  map[string]bool
	kinds map[string]bool // "entry", "actor", ...: the kinds of keys
}

func newChanges() *changes {
	return &changes{keys: map[string]bool{}, kinds: map[string]bool{}}
}

func (c *changes) note(key string) {
	c.keys[key] = true
	k, _, _ := strings.Cut(key, ":")
	c.kinds[k] = true
}

// affect reports whether any of a page's deps changed. "*" names the
// whole timeline (such a page is rendered again after any change) and
// "kind:*" every object of a kind, including ones added or removed.
func (c *changes) affect(deps []string) bool {
	for _, d := range deps {
		if d == "*" {
			if len(c.keys) > 0 {
				return true
			}
			continue
		}
		if k, ok := strings.CutSuffix(d, ":*"); ok {
			if c.kinds[k] {
				return true
			}
			continue
		}
		if c.keys[d] {
			return true
		}
	}
	return false
}

// depIndex finds the pages that depend on changed keys without going
// through every page.
type depIndex struct {
	wide  []int            // pages with "*"
	kinds map[string][]int // "kind" -> pages with "kind:*"
	keys  map[string][]int // key -> pages with it
}

func newDepIndex(pages []render.Page) *depIndex {
	x := &depIndex{kinds: map[string][]int{}, keys: map[string][]int{}}
	for i, p := range pages {
		for _, d := range p.Deps {
			switch k, ok := strings.CutSuffix(d, ":*"); {
			case d == "*":
				x.wide = append(x.wide, i)
			case ok:
				x.kinds[k] = append(x.kinds[k], i)
			default:
				x.keys[d] = append(x.keys[d], i)
			}
		}
	}
	return x
}

// pages returns the positions of the pages that c affects, each once, the
// timeline-wide ones first (see full).
func (x *depIndex) pages(c *changes) []int {
	if len(c.keys) == 0 {
		return nil
	}
	seen := map[int]bool{}
	var out []int
	add := func(list []int) {
		for _, i := range list {
			if !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	add(x.wide)
	for k := range c.kinds {
		add(x.kinds[k])
	}
	for k := range c.keys {
		add(x.keys[k])
	}
	return out
}

// staticFiles collects the static layers as Build does, reusing the
// minified bytes of files that did not change.
func (b *Incremental) staticFiles(prev map[string]staticFile) (map[string]staticFile, error) {
	raw, errs := readStatic(b.fsys, b.theme)
	if len(errs) > 0 {
		return nil, errs
	}
	out := make(map[string]staticFile, len(raw))
	var failed []error
	for p, data := range raw {
		h := sha256.Sum256(data)
		if f, ok := prev[p]; ok && f.raw == h {
			out[p] = f
			continue
		}
		m, err := b.minifier.Minify(p, data)
		if err != nil {
			failed = append(failed, err)
			continue
		}
		out[p] = staticFile{raw: h, data: m}
	}
	err := errors.Join(failed...)
	if l := diag.Of(err); len(l) > 0 {
		Rebase(l, "static") // as Build reports them
		return out, l
	}
	return out, err
}

// staticProblems are the problems Build finds in the static files: those
// it cannot read, and, when the content loaded and all could be read,
// those it cannot minify (prev as for staticFiles).
func (b *Incremental) staticProblems(prev map[string]staticFile, contentFailed bool) diag.List {
	if contentFailed {
		_, errs := readStatic(b.fsys, b.theme)
		return errs
	}
	_, err := b.staticFiles(prev)
	return diag.Of(err)
}

// Describe summarises a result in one terminal line.
func (r Result) Describe() string {
	what := "no input changed"
	switch n := len(r.Inputs); {
	case r.Full:
		what = "full build"
	case n == 1:
		what = r.Inputs[0] + " changed"
	case n > 1:
		what = fmt.Sprintf("%s and %d more changed", r.Inputs[0], n-1)
	}
	if r.Err != nil {
		return fmt.Sprintf("%s: build failed; serving the last good site (%d ms)", what, r.Elapsed.Milliseconds())
	}
	return fmt.Sprintf("%s: %d pages re-rendered, %d files written, %d removed (%d ms)",
		what, r.Rendered, len(r.Written), len(r.Removed), r.Elapsed.Milliseconds())
}
