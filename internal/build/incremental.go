package build

// The incremental builder behind `dateline serve`. It keeps everything a
// build computes and, told which input files changed, redoes only what
// those files can affect, while producing exactly the files Build would
// (incremental_test.go checks this across random edit sequences):
//
//   - Parsing: every input file is cached by path with its content hash;
//     only files whose bytes changed are parsed again.
//   - Model: rebuilt from the cached documents on every change (model.Build
//     is what resolves aliases, verifies quotes and links everything, and a
//     partial model would have to re-derive all of that); model.Cache keeps
//     its expensive pure parts (prepared source texts, quote searches,
//     Markdown references, the last order of the entries) from one build
//     to the next.
//   - Pages: every model object gets a fingerprint, a hash of everything a
//     page can show about it (see fingerprints). Comparing fingerprints with
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
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/model"
	"dateline/internal/output"
	"dateline/internal/render"
)

// Incremental rebuilds one site again and again. It is not safe for
// concurrent use: one goroutine calls Update; the Files of each Result are
// never modified afterwards and may be read by any number of goroutines.
type Incremental struct {
	fsys, theme fs.FS
	opt         Options
	seed        maphash.Seed
	minifier    *output.Minifier
	cache       *model.Cache
	frags       *render.FragmentCache // entry fragments of the last builds
	// What the fragments were rendered with: failed builds render too.
	fragsCfg      config.Config
	fragsRenderer *render.Renderer

	inputs map[string]*input // tracked input files by site path
	// The source and entry paths among inputs, sorted; nil when a path
	// was added or removed since.
	sources, entries []string

	// What changed since the last good build and has not been rebuilt yet.
	configDirty, templatesDirty, staticDirty bool
	changedPaths                             map[string]bool

	good *generation // the last successful build; nil before the first
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
	fps      map[string]uint64 // model key -> fingerprint
	// Each page's output path and template, in the order listed; index
	// maps a path to its position, built when a lookup needs it.
	paths, templates []string
	index            map[string]int
	pageOut          map[string][]byte     // output path -> minified page
	static           map[string]staticFile // output path -> static file
	files            output.Files          // the whole site: pages, then static over them
}

// page returns the template of the page at path, which was listed at
// position i when the page set did not change.
func (g *generation) page(i int, path string) (template string, ok bool) {
	if i >= 0 && i < len(g.paths) && g.paths[i] == path {
		return g.templates[i], true
	}
	if g.index == nil {
		g.index = make(map[string]int, len(g.paths))
		for j, p := range g.paths {
			g.index[p] = j
		}
	}
	j, ok := g.index[path]
	if !ok {
		return "", false
	}
	return g.templates[j], true
}

type staticFile struct {
	raw  [32]byte // hash of the source bytes
	data []byte   // minified
}

// Result describes one Update.
type Result struct {
	// Files is the whole site after the update: the new output when the
	// build succeeded, the last good output when it failed (nil when no
	// build ever succeeded). It is never modified.
	Files output.Files
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
}

// NewIncremental returns a builder for the site in fsys. theme supplies the
// built-in templates and static files, as for Build. Nothing is read until
// the first Update.
func NewIncremental(fsys, theme fs.FS, opt Options) *Incremental {
	return &Incremental{
		fsys: fsys, theme: theme, opt: opt,
		seed:         maphash.MakeSeed(),
		minifier:     output.NewMinifier(),
		cache:        model.NewCache(),
		frags:        render.NewFragmentCache(),
		inputs:       map[string]*input{},
		changedPaths: map[string]bool{},
	}
}

// Rescan reads every file of the site again, as after a lost file-system
// event, and rebuilds whatever changed. The first Update is always one.
func (b *Incremental) Rescan() Result {
	start := time.Now()
	seen := map[string]bool{}
	for _, root := range []string{config.File, "content", "templates", "static"} {
		b.walk(root, seen)
	}
	for p := range b.inputs {
		if !seen[p] {
			b.forget(p)
		}
	}
	// Directories are not tracked: a rescan can always have changed them.
	b.templatesDirty, b.staticDirty = true, true
	res := b.rebuild(start)
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
	}
	return b.rebuild(start)
}

// markArea flags templates and static output as dirty when p is (or
// contains) one of their directories; they are not tracked file by file.
func (b *Incremental) markArea(p string) {
	for _, dir := range []string{"templates", "static"} {
		if p == dir || strings.HasPrefix(p, dir+"/") {
			b.markDirty(dir)
			b.changedPaths[p] = true
		}
	}
}

func (b *Incremental) markDirty(area string) {
	switch area {
	case "templates":
		b.templatesDirty = true
	case "static":
		b.staticDirty = true
	}
}

// walk refreshes every file below root.
func (b *Incremental) walk(root string, seen map[string]bool) {
	_ = fs.WalkDir(b.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != root {
				seen[p] = b.refresh(p) // report the read error in place
			}
			return nil
		}
		if !d.IsDir() {
			seen[p] = b.refresh(p)
		}
		return nil
	})
}

// kind classifies a site path: "config", "source", "entry", "registry",
// "templates", "static" or "" for files that are not part of a site. It
// mirrors what content.Load and Build read.
func kind(p string) string {
	switch {
	case p == config.File:
		return "config"
	case strings.HasPrefix(p, "templates/"):
		return "templates"
	case strings.HasPrefix(p, "static/"):
		return "static"
	}
	for _, k := range content.RegistryKinds() {
		if p == content.RegistryFile(k) {
			return "registry"
		}
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

// refresh re-reads one file and parses it again if its bytes changed. It
// reports whether the file is tracked.
func (b *Incremental) refresh(p string) bool {
	k := kind(p)
	switch k {
	case "":
		return false
	case "templates", "static":
		b.markDirty(k)
		b.changedPaths[p] = true
		return false
	}
	data, err := fs.ReadFile(b.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		b.forget(p)
		return false
	}
	if err != nil {
		// As content.Load does: the file is part of the site but unreadable.
		in := &input{errs: diag.List{{Pos: diag.Pos{Path: p}, Msg: err.Error()}}}
		b.track(p, in)
		if k == "config" {
			b.configDirty = true
		}
		return true
	}
	h := sha256.Sum256(data)
	if old, ok := b.inputs[p]; ok && old.hash == h {
		return true // an unreadable file has no hash, so it never matches
	}
	in := &input{hash: h}
	switch k {
	case "config":
		b.configDirty = true
	case "source":
		in.source, in.errs = content.ParseSource(p, data)
	case "entry":
		in.entry, in.errs = content.ParseEntry(p, data)
	case "registry":
		for _, rk := range content.RegistryKinds() {
			if content.RegistryFile(rk) == p {
				in.records, in.errs = content.ParseRegistry(p, rk, data)
			}
		}
	}
	b.track(p, in)
	return true
}

// track sets the input at p.
func (b *Incremental) track(p string, in *input) {
	if _, ok := b.inputs[p]; !ok {
		b.sources, b.entries = nil, nil // a new path
	}
	b.inputs[p] = in
	b.changedPaths[p] = true
}

func (b *Incremental) forget(p string) {
	switch k := kind(p); k {
	case "templates", "static":
		b.markDirty(k)
		b.changedPaths[p] = true
	case "config":
		b.configDirty = true
	}
	if _, ok := b.inputs[p]; ok {
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
	sources, entries := b.sources, b.entries
	for _, p := range sources {
		in := b.inputs[p]
		errs.Append(in.errs)
		if in.source != nil {
			site.Sources = append(site.Sources, in.source)
		}
	}
	for _, p := range entries {
		in := b.inputs[p]
		errs.Append(in.errs)
		if in.entry != nil {
			site.Entries = append(site.Entries, in.entry)
		}
	}
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
	fail := func(err error) Result {
		if b.good != nil {
			res.Files = b.good.files
		}
		res.Err = err
		res.Elapsed = time.Since(start)
		return res
	}

	// Config and content, exactly as Load does them.
	cfg, problems := config.Load(b.fsys)
	if b.opt.BaseURL != "" {
		if err := cfg.SetBaseURL(b.opt.BaseURL); err != nil {
			problems.Add(diag.Pos{Path: "--base-url"}, "%v", err)
		}
	}
	site, errs := b.site()
	problems.Append(errs)
	t, errs := model.Build(cfg, site, model.Options{Drafts: b.opt.Drafts, Cache: b.cache})
	problems.Append(errs)
	problems.Sort()
	res.Problems = problems
	if err := problems.Err(); err != nil {
		return fail(err)
	}

	g := &generation{cfg: t.Config}
	old := b.good
	if old == nil {
		old = &generation{pageOut: map[string][]byte{}, static: map[string]staticFile{}, files: output.Files{}}
	}

	// Templates: parsed again only when a file below templates/ changed.
	g.renderer = old.renderer
	if g.renderer == nil || b.templatesDirty {
		r, err := render.New(Layers{sub(b.fsys, "templates"), sub(b.theme, "templates")})
		if err != nil {
			return fail(err)
		}
		g.renderer = r
	}
	var templateChanged func(string) bool
	if old.renderer == nil {
		templateChanged = func(string) bool { return true }
	} else {
		templateChanged = g.renderer.TemplatesChanged(old.renderer)
	}

	// Fingerprints are hashed while the pages are listed (both only read
	// the timeline); rendering needs them, listing does not.
	fpsDone := make(chan map[string]uint64, 1)
	go func() { fpsDone <- b.fingerprints(t) }()
	everything := b.good == nil || g.cfg != old.cfg

	// Fragments (see render.Fragments) are a function of an object's
	// fingerprint, the templates and the configuration.
	// The cache may hold fragments of a failed build, so it is compared
	// with what filled it rather than with the last good build.
	if b.fragsRenderer == nil || g.renderer != b.fragsRenderer || g.cfg != b.fragsCfg {
		b.frags.Reset()
		b.fragsRenderer, b.fragsCfg = g.renderer, g.cfg
	}
	frags := &render.Fragments{Cache: b.frags, Minify: b.minifier.Minify}
	pages := sitePages(g.renderer, t, frags)

	// Which model keys changed since the last good build.
	g.fps = <-fpsDone
	frags.FPs = g.fps
	frags.Prepare() // no fragment lookup locks the whole cache
	changed := map[string]bool{}
	kindChanged := map[string]bool{}
	note := func(key string) {
		changed[key] = true
		k, _, _ := strings.Cut(key, ":")
		kindChanged[k] = true
	}
	for k, v := range g.fps {
		if ov, ok := old.fps[k]; !ok || ov != v {
			note(k)
		}
	}
	for k := range old.fps {
		if _, ok := g.fps[k]; !ok {
			note(k)
		}
	}
	anyChange := len(changed) > 0

	// Pages to render again, rendered as soon as they are found: the
	// timeline-wide ones first, as they take longest, so the two cores
	// finish together.
	g.paths, g.templates = make([]string, len(pages)), make([]string, len(pages))
	batch := render.NewBatch(len(pages))
	rendered := 0
	// When every page is where it was in the last listing, the set of
	// pages is the same; otherwise it is compared as a set below.
	samePlaces := len(pages) == len(old.paths)
	var onPageSet []*render.Page // pages that show the set of pages
	for _, wide := range []bool{true, false} {
		for i := range pages {
			p := &pages[i]
			if slices.Contains(p.Deps, "*") != wide {
				continue
			}
			g.paths[i], g.templates[i] = p.Path, p.Template
			prev, existed := old.page(i, p.Path)
			samePlaces = samePlaces && existed && old.paths[i] == p.Path
			switch {
			case everything || !existed || prev != p.Template || templateChanged(p.Template) || depsChanged(p.Deps, changed, kindChanged, anyChange):
				batch.Add(p)
				rendered++
			case slices.Contains(p.Deps, render.DepPageSet):
				onPageSet = append(onPageSet, p)
			}
		}
	}
	var gone []string // pages no longer part of the site
	if !samePlaces {
		now := make(map[string]bool, len(pages))
		for _, p := range g.paths {
			now[p] = true
		}
		for _, p := range old.paths {
			if !now[p] {
				gone = append(gone, p)
				now[p] = true // listed once
			}
		}
		pageSetChanged := len(gone) > 0
		for _, p := range g.paths {
			if _, ok := old.page(-1, p); !ok {
				pageSetChanged = true
				break
			}
		}
		if pageSetChanged {
			for _, p := range onPageSet {
				batch.Add(p)
				rendered++
			}
		}
	}
	out, err := batch.Wait() // minified as they render
	if err != nil {
		return fail(err)
	}
	res.Rendered = rendered
	g.pageOut = maps.Clone(old.pageOut)
	for _, p := range gone {
		delete(g.pageOut, p)
	}
	maps.Copy(g.pageOut, out)

	// Static files: re-walked when something below static/ changed; a
	// file is minified again only when its bytes did.
	g.static = old.static
	staticSame := !b.staticDirty && b.good != nil
	if !staticSame {
		g.static, err = b.staticFiles(old.static)
		if err != nil {
			return fail(err)
		}
	}

	// The site: pages, with static files over them as Build lays them.
	if staticSame {
		// Only the pages rendered or gone can differ from the last site.
		g.files = maps.Clone(old.files)
		for _, p := range gone {
			if _, ok := g.static[p]; !ok {
				delete(g.files, p)
				res.Removed = append(res.Removed, p)
			}
		}
		for p, data := range out {
			if _, ok := g.static[p]; ok {
				continue
			}
			if prev, ok := old.files[p]; !ok || !bytes.Equal(prev, data) {
				res.Written = append(res.Written, p)
			}
			g.files[p] = data
		}
	} else {
		g.files = make(output.Files, len(g.pageOut)+len(g.static))
		maps.Copy(g.files, g.pageOut)
		for p, f := range g.static {
			g.files[p] = f.data
		}
		for p, data := range g.files {
			if prev, ok := old.files[p]; !ok || !bytes.Equal(prev, data) {
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

	b.frags.Sweep(g.fps)
	b.good = g
	b.configDirty, b.templatesDirty, b.staticDirty = false, false, false
	clear(b.changedPaths)
	res.Files = g.files
	res.Elapsed = time.Since(start)
	return res
}

// depsChanged reports whether any of a page's deps changed. "*" names the
// whole timeline (such a page is rendered again after any change) and
// "kind:*" every object of a kind, including ones added or removed.
func depsChanged(deps []string, changed, kindChanged map[string]bool, anyChange bool) bool {
	for _, d := range deps {
		if d == "*" {
			if anyChange {
				return true
			}
			continue
		}
		if k, ok := strings.CutSuffix(d, ":*"); ok {
			if kindChanged[k] {
				return true
			}
			continue
		}
		if changed[d] {
			return true
		}
	}
	return false
}

// staticFiles collects the static layers as Build does, reusing the
// minified bytes of files that did not change.
func (b *Incremental) staticFiles(prev map[string]staticFile) (map[string]staticFile, error) {
	raw := output.Files{}
	if err := output.Static(Layers{sub(b.fsys, "static"), sub(b.theme, "static")}, content.Ignored, raw); err != nil {
		return nil, err
	}
	out := make(map[string]staticFile, len(raw))
	var errs []error
	for p, data := range raw {
		h := sha256.Sum256(data)
		if f, ok := prev[p]; ok && f.raw == h {
			out[p] = f
			continue
		}
		m, err := b.minifier.Minify(p, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[p] = staticFile{raw: h, data: m}
	}
	return out, errors.Join(errs...)
}

// Fingerprints.
//
// A page's Deps name the model objects whose data it shows. A page also
// shows, through those objects, a little of their neighbours: an entry card
// on an actor page names the entry's other actors and its thread, an entry
// page the titles of the entries before and after it. So each fingerprint
// covers an object's own data plus what is shown of the objects it links
// to; lists of linked objects are covered by id, their data by their own
// keys when the page lists them in its deps.

type fp struct{ h maphash.Hash }

func (f *fp) str(s string) {
	f.h.WriteString(s)
	f.h.WriteByte(0)
}

func (f *fp) int(i int) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(i))
	f.h.Write(b[:])
}

func (f *fp) u64(u uint64) { f.int(int(u)) }

func (f *fp) flag(v bool) {
	if v {
		f.h.WriteByte(1)
	} else {
		f.h.WriteByte(0)
	}
}

// strs hashes a list of strings, its length first so that lists cannot
// run into each other.
func (f *fp) strs(list []string) {
	f.int(len(list))
	for _, x := range list {
		f.str(x)
	}
}

// entries hashes which entries a list holds, in order.
func (f *fp) entries(list []*model.Entry) {
	f.int(len(list))
	for _, e := range list {
		f.str(e.ID)
	}
}

func (f *fp) float(p *float64) {
	f.flag(p != nil)
	if p != nil {
		f.u64(math.Float64bits(*p))
	}
}

func (b *Incremental) newFP() *fp {
	f := &fp{}
	f.h.SetSeed(b.seed)
	return f
}

// fingerprints hashes every model object of t by key ("entry:x", ...).
func (b *Incremental) fingerprints(t *model.Timeline) map[string]uint64 {
	out := make(map[string]uint64, len(t.Entries)+len(t.Sources)+64)

	// Threads are drawn as eras on one axis, coloured by their position:
	// a thread's era depends on every thread's span.
	eras := b.newFP()
	threadPos := map[*model.Record]int{}
	for i, th := range t.Threads {
		threadPos[th] = i
		first, last := th.Span()
		eras.str(th.ID)
		for _, e := range []*model.Entry{first, last} {
			if e != nil {
				eras.str(e.ID)
				eras.str(e.Date.String())
			}
		}
	}
	erasSum := eras.h.Sum64()

	own := map[*model.Record]uint64{}
	for _, kind := range content.RegistryKinds() {
		for _, r := range t.Records(kind) {
			f := b.newFP()
			f.str(r.Kind)
			f.str(r.ID)
			f.str(r.Name)
			f.strs(r.Aliases)
			f.str(r.Type)
			f.str(r.Description)
			f.str(r.Wikidata)
			f.str(r.Country)
			f.float(r.Lat)
			f.float(r.Lon)
			f.str(r.Path)
			if kind == "thread" {
				f.int(threadPos[r]) // its colour, on every entry in it
			}
			own[r] = f.h.Sum64()
			// The rest is shown only on pages that list the record
			// itself in their deps: its era, its entries and their count.
			if kind == "thread" {
				f.u64(erasSum)
			}
			f.entries(r.Entries)
			out[r.Key()] = f.h.Sum64()
		}
	}

	srcOwn := map[*model.Source]uint64{}
	for _, s := range t.Sources {
		f := b.newFP()
		f.str(s.ID)
		f.str(s.Title)
		f.str(s.Outlet)
		f.str(s.Published.String())
		f.str(s.URL)
		f.strs(s.Authors)
		f.str(s.Language)
		f.str(s.TranslatedFrom)
		f.str(s.Retrieved)
		f.str(s.RawSHA256)
		f.str(s.Path)
		srcOwn[s] = f.h.Sum64() // what entry pages show of a source they cite
		f.str(s.Text)
		f.int(s.BodyLine)
		f.entries(s.Entries)
		f.int(len(s.Citations))
		for _, c := range s.Citations {
			f.str(c.Entry.ID)
			f.int(c.Index)
			f.int(c.Span.Start)
			f.int(c.Span.End)
		}
		out[s.Key()] = f.h.Sum64()
	}

	// What timeline.json shows besides its entries: the sources and
	// records, in order.
	rest := b.newFP()
	for _, s := range t.Sources {
		rest.str(s.Key())
		rest.u64(out[s.Key()])
	}
	for _, kind := range content.RegistryKinds() {
		rs := t.Records(kind)
		rest.str(kind)
		rest.int(len(rs))
		for _, r := range rs {
			rest.str(r.Key())
			rest.u64(out[r.Key()])
		}
	}
	out[render.RestKey] = rest.h.Sum64()

	// Each entry's date is written into its own fingerprint and its
	// neighbours': format it once.
	dates := make([]string, len(t.Entries))
	for i, e := range t.Entries {
		dates[i] = e.Date.String()
	}
	dateOf := func(e *model.Entry) string {
		if i := e.Index; i >= 0 && i < len(dates) && t.Entries[i] == e {
			return dates[i]
		}
		return e.Date.String()
	}
	brief := func(f *fp, e *model.Entry) {
		if e == nil {
			f.str("")
			return
		}
		f.str(e.ID)
		f.str(e.Title)
		f.str(dateOf(e))
	}
	for _, e := range t.Entries {
		f := b.newFP()
		f.str(e.ID)
		f.str(e.Title)
		f.str(dateOf(e))
		f.flag(e.Draft)
		f.str(e.Body)
		f.str(e.Path)
		// How the summary's cross references resolve.
		for _, ref := range b.cache.Refs(e.Body) {
			f.str(ref.Kind)
			f.str(ref.ID)
			f.str(resolved(t, ref.Kind, ref.ID))
		}
		for _, group := range [][]*model.Record{e.Actors, e.Places, e.Topics} {
			f.int(len(group))
			for _, r := range group {
				f.str(r.ID)
				f.u64(own[r])
			}
		}
		if e.Thread != nil {
			f.str(e.Thread.ID)
			f.u64(own[e.Thread])
		} else {
			f.str("")
		}
		f.int(len(e.Related))
		for _, r := range e.Related {
			brief(f, r)
		}
		brief(f, e.Prev)
		brief(f, e.Next)
		f.int(len(e.Evidence))
		for _, ev := range e.Evidence {
			f.str(ev.Source.ID)
			f.u64(srcOwn[ev.Source])
			f.str(ev.Quote)
			f.str(ev.Prefix)
			f.str(ev.Suffix)
			f.str(ev.DateText)
			f.str(ev.Date.String())
			f.int(ev.Index)
			f.int(ev.Span.Start)
			f.int(ev.Span.End)
			f.str(ev.Passage())
		}
		out[e.Key()] = f.h.Sum64()
	}
	return out
}

// resolved is the key a cross reference in a summary links to, or "".
func resolved(t *model.Timeline, kind, id string) string {
	switch kind {
	case "entry":
		if e := t.Entry(id); e != nil {
			return e.Key()
		}
	case "source":
		if s := t.Source(id); s != nil {
			return s.Key()
		}
	default:
		if r := t.Resolve(kind, id); r != nil {
			return r.Key()
		}
	}
	return ""
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
