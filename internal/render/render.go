// Package render turns a model.Timeline into the pages of the site, in
// memory: HTML from html/template, plus the data files (timeline.json and
// the exports). It does no I/O of its own; templates come in as an fs.FS.
//
// Every page is a value that knows its output path, the model objects it
// shows (its dependencies, for incremental rebuilds) and how to render
// itself, so callers can render all pages or only some.
package render

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"dateline/internal/diag"
	"dateline/internal/locale"
	"dateline/internal/markdown"
	"dateline/internal/model"
)

// Page is one output file.
type Page struct {
	// Path is the output path relative to the site root, with slashes,
	// e.g. "entries/x/index.html".
	Path string
	// Deps names the model objects whose data the page shows, as
	// "kind:id" keys ("entry:x", "source:y", "actor:z"); "*" means
	// anything of the timeline (timeline-wide pages), EntriesKey what
	// lists show of every entry, DepPageSet the set of the site's page
	// paths. Serve re-renders a page when one of its deps changed. What
	// an entry's fingerprint covers of the objects it links to (their
	// own data: a record's name, a source's title) need not be named
	// besides the entry.
	Deps []string
	// Template names the template a page is rendered with ("" for data
	// files), so a template change re-renders exactly its pages.
	Template string

	render   func() (Parts, error)
	stream   func(emit func([]byte) error) error // see NewStreamedPage
	minified bool                                // render's output is minified already (see Fragments)
	embed    *Embeddable                         // what an embed page embeds
}

// DepPageSet is the dep of a page that shows only which pages the site has
// (their paths), such as the sitemap.
const DepPageSet = "pages"

// Embeddable returns what the page embeds, when it is an embed page.
func (p Page) Embeddable() (Embeddable, bool) {
	if p.embed == nil {
		return Embeddable{}, false
	}
	return *p.embed, true
}

// NewPage makes a page from a function that renders it; data files and
// exports outside this package are pages too.
func NewPage(path, template string, deps []string, render func() ([]byte, error)) Page {
	return Page{Path: path, Template: template, Deps: deps, render: func() (Parts, error) {
		b, err := render()
		return Parts{b}, err
	}}
}

// Render produces the page's bytes.
func (p Page) Render() ([]byte, error) {
	parts, err := p.render()
	return parts.Bytes(), err
}

// Parts produces the page's bytes in pieces (see Parts).
func (p Page) Parts() (Parts, error) { return p.render() }

// Stream writes the page to w: a streamed page (see NewStreamedPage)
// piece by piece as it renders them, any other once rendered.
func (p Page) Stream(w io.Writer) error {
	if p.stream != nil {
		return p.stream(func(b []byte) error {
			_, err := w.Write(b)
			return err
		})
	}
	parts, err := p.render()
	if err != nil {
		return err
	}
	_, err = parts.WriteTo(w)
	return err
}

// NewStreamedPage is NewAssembledPage for a page that can be written
// while it is rendered: stream passes the page's pieces to emit in order;
// when it fails, what it emitted is not a page. The exports that hold every entry once are hundreds of
// megabytes at 100,000 entries, which a build (Stream) thus never holds;
// Parts collects the pieces.
func NewStreamedPage(path string, deps []string, f *Fragments, stream func(emit func([]byte) error) error) Page {
	return Page{Path: path, Deps: deps, minified: f.minifies(), stream: stream, render: func() (Parts, error) {
		var parts Parts
		err := stream(func(b []byte) error {
			parts = append(parts, b)
			return nil
		})
		return parts, err
	}}
}

// Renderer renders timelines with one parsed template set. It is safe for
// concurrent use.
type Renderer struct {
	loc  *locale.Locale
	tmpl *template.Template
	md   *markdown.Renderer
	defs map[string]definition // every template as parsed, for PagesChanged
	srcs map[string]string     // template sources by file name, for error positions
	memo memo                  // rendered summaries of the current timeline
	bufs sync.Pool             // *bytes.Buffer for pages that are minified (see page)
	// The root cards are rendered with, which pages replace by theirs.
	rootMark      string
	rootMarkBytes []byte
	// Whether a card template may read the page's template (Template),
	// by card template: the cards of one that cannot are the same on
	// every page that lists them, so each is rendered once.
	cardsByPage map[string]bool
}

// New parses the templates (*.html) found at the root of fsys, for a
// site in English.
func New(templates fs.FS) (*Renderer, error) { return NewIn(templates, locale.English()) }

// NewIn parses the templates (*.html) found at the root of fsys, for a
// site in the language of loc.
func NewIn(templates fs.FS, loc *locale.Locale) (*Renderer, error) {
	r := &Renderer{loc: loc, md: markdown.New(), srcs: map[string]string{}}
	r.memo.loc = loc
	// The placeholder root of cards (see cards) cannot be guessed, so no
	// text of the site can contain it.
	var nonce [12]byte
	rand.Read(nonce[:])
	r.rootMark = "dl-" + hex.EncodeToString(nonce[:]) + "-root/"
	r.rootMarkBytes = []byte(r.rootMark)
	t := template.New("").Funcs(funcs).Funcs(loc.Funcs()).Funcs(template.FuncMap{
		// outlet never shows an unknown outlet as if it were a name.
		"outlet": func(s string) string {
			if !model.OutletStated(s) {
				return loc.Text("outlet_not_stated")
			}
			return s
		},
	})
	names, err := fs.Glob(templates, "*.html")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no templates (*.html) found")
	}
	for _, n := range names {
		src, err := fs.ReadFile(templates, n)
		if err != nil {
			return nil, err
		}
		r.srcs[n] = string(src)
		if _, err := t.New(n).Parse(string(src)); err != nil {
			return nil, r.templateError(n, err)
		}
	}
	for _, need := range []string{"timeline.html", "period.html", "entry.html", "source.html", "record.html", "index.html", "404.html"} {
		if t.Lookup(need) == nil {
			return nil, r.templateError(need, fmt.Errorf("template is missing: the site's templates/ or the built-in theme must define it"))
		}
	}
	r.defs = definitions(t)
	// Cards are rendered on their own (see view.Cards), through a wrapper
	// that invokes them as a page does, in HTML text context.
	r.cardsByPage = map[string]bool{}
	for _, name := range cardTemplates {
		if t.Lookup(name) == nil {
			continue
		}
		r.cardsByPage[name] = r.reaches(name, func(n string) bool { return strings.Contains(r.defs[n].text, "Template") })
		if _, err := t.New(cardWrapper(name)).Parse(`{{template "` + name + `" .}}`); err != nil {
			return nil, r.templateError(name, err)
		}
	}
	r.tmpl = t
	return r, nil
}

// cardTemplates are the entry cards pages list entries with.
var cardTemplates = []string{"entry-card", "embed-card"}

func cardWrapper(name string) string { return "dateline-card:" + name }

// funcs are the few helpers templates cannot express themselves.
var funcs = template.FuncMap{
	// pair lets a template pass the view along with an item to a
	// sub-template, and more when it says more (the second pager of a
	// page, whose landmark needs a name of its own).
	"pair": func(v, x any, more ...any) []any { return append([]any{v, x}, more...) },
	"inc":  func(i int) int { return i + 1 },
	"deref": func(f *float64) float64 {
		if f == nil {
			return 0
		}
		return *f
	},
	"upper": strings.ToUpper,
	// dayFrom and dayTo are an entry's bounds for its card's data-from
	// and data-to (see DayFrom).
	"dayFrom": DayFrom,
	"dayTo":   DayTo,
	"lower":   strings.ToLower,
}

// Locale is the language the renderer writes pages in.
func (r *Renderer) Locale() *locale.Locale { return r.loc }

// TemplateError is a template that failed to parse or execute. Err carries
// html/template's own position ("template: entry.html:12: ..."); Problem
// turns it into a position in the site (see errors.go).
type TemplateError struct {
	Name string
	Err  error
	Page string // the page being rendered, if any
	pos  diag.Pos
	msg  string
}

func (e *TemplateError) Error() string { return e.Problem().Error() }

func (e *TemplateError) Unwrap() error { return e.Err }

// Once tells r that it renders each page of the site once, as a build
// does: what a page works out from its own list of entries (its year and
// month groups) is not kept for the next, since only its embed would use
// it again. Every list page of a site kept its groups until the build
// ended: at 100,000 entries about 4 KB a page, growing as the record
// pages were written. Lists of whole records and the timeline (axes,
// periods, eras) are still kept: each is used by many pages. Call it
// before rendering.
func (r *Renderer) Once() { r.memo.once = true }

// Redated tells r that entries of the timeline it renders have new dates,
// patched in place (see model.Patch): what r derived from the dates (the
// year and month groups, eras, spans) is derived again. No page may be
// rendering.
func (r *Renderer) Redated() { r.memo.forget() }

// Pages lists every page of the site for t, in a stable order.
func (r *Renderer) Pages(t *model.Timeline) []Page { return r.PagesWith(t, nil) }

// PagesWith is Pages rendering entry fragments through f (see Fragments).
func (r *Renderer) PagesWith(t *model.Timeline, f *Fragments) []Page {
	nrec := len(t.Actors) + len(t.Places) + len(t.Topics) + len(t.Threads)
	ps := make([]Page, 0, 2*len(t.Entries)+len(t.Sources)+2*nrec+16) // with the embeds
	add := func(path, tmpl string, deps []string, data func() view) {
		ps = append(ps, Page{Path: path, Template: tmpl, Deps: deps, minified: f.minifies(), render: func() (Parts, error) {
			v := data()
			v.frags, v.skel = f, &skeleton{}
			return r.page(f, path, tmpl, v, v.skel)
		}})
	}
	size := t.Config.PageSize
	// The front page shows the entries (their cards, their dates on the
	// axis and in the years' counts), the number of sources, the threads'
	// eras and bands, and the records in its filters.
	add("index.html", "timeline.html", []string{EntriesKey, SourceListKey, "actor:*", "place:*", "topic:*", "thread:*"}, func() view { return r.timelineView(t) })
	add("404.html", "404.html", nil, func() view { return r.notFoundView(t) })
	if r.tmpl.Lookup(searchTemplate) != nil {
		add(searchPath+"index.html", searchTemplate, nil, func() view { return r.searchView(t) })
	}
	periodPages(r.memo.periodsOf(t, size), size, func(p *Period, n int) {
		deps := []string{p.Key()}
		if p.Months == nil {
			shown, _ := paginate(p.Entries, size, n, p.Path)
			deps = listDeps(p.Key(), shown)
		}
		add(pagePath(p.Path, n)+"index.html", "period.html", deps, func() view { return r.periodView(t, p, n) })
	})
	for _, e := range t.Entries {
		em := entryEmbed(e)
		add("entries/"+e.ID+"/index.html", "entry.html", em.Deps, func() view {
			v := r.entryView(t, e)
			v.embed = &em
			return v
		})
	}
	for _, s := range t.Sources {
		deps := []string{s.Key()} // its citations, which name the entries
		for _, e := range s.Entries {
			deps = append(deps, BriefKey(e))
		}
		add("sources/"+s.ID+"/index.html", "source.html", deps, func() view { return r.sourceView(t, s) })
	}
	for n := range pageNumbers(len(t.Sources), indexPageSize(t)) {
		add(pagePath("sources/", n)+"index.html", "index.html", []string{"source:*"}, func() view { return r.sourcesIndex(t, n) })
	}
	for n := range pageNumbers(len(t.Entries), indexPageSize(t)) {
		shown, _ := paginate(t.Entries, indexPageSize(t), n, "")
		add(pagePath("entries/", n)+"index.html", "index.html", listDeps(ListKey, shown), func() view { return r.entriesIndex(t, n) })
	}
	for _, kind := range kinds {
		for _, rec := range t.Records(kind.Kind) {
			em := recordEmbed(rec)
			for n := range pageNumbers(len(rec.Entries), size) {
				shown, _ := paginate(rec.Entries, size, n, "")
				add(pagePath(SitePath(rec), n)+"index.html", "record.html", listDeps(rec.Key(), shown), func() view {
					v := r.recordView(t, rec, n)
					v.embed = &em
					return v
				})
			}
		}
		// An index shows its records' own data and counts, which their
		// keys cover, and the threads' eras on the index of threads.
		for n := range pageNumbers(len(t.Records(kind.Kind)), indexPageSize(t)) {
			add(pagePath(kind.Dir+"/", n)+"index.html", "index.html", []string{kind.Kind + ":*"}, func() view { return r.recordsIndex(t, kind, n) })
		}
	}
	ps = r.appendEmbedPages(ps, t, f)
	ps = append(ps, NewStreamedPage("timeline.json", []string{"*", "source:*", "actor:*", "place:*", "topic:*", "thread:*"}, f, func(emit func([]byte) error) error {
		return r.timelineJSON(t, f, emit)
	}))
	f.Minified(ps)
	return ps
}

// EntriesKey names, in deps and fingerprints, what lists show of every
// entry of the timeline, in order: the exports that hold every entry
// depend on it rather than on "*", so that an edit that changes no
// entry's card (a source's text that no quote moves in) leaves them.
const EntriesKey = "timeline:entries"

// SourceListKey names, in deps and fingerprints, the sources in order,
// each with what entries show of it (not its text): what the exports
// show of the sources besides the entries citing them.
const SourceListKey = "timeline:sources"

// Wide reports whether a page with these deps shows the whole timeline:
// builds render such pages one at a time, and first.
func Wide(deps []string) bool {
	return len(deps) > 0 && (deps[0] == "*" || deps[0] == EntriesKey)
}

// ListKey names, in deps and fingerprints, what every page of a list of
// all the timeline's entries (the entries index, the timeline's embed)
// shows of the whole list: how many entries it holds and the span they
// cover (see ListSpan). Each page depends on the entries it shows besides;
// an edit that moves entries from one page to another changes the deps of
// both, which renders them again.
const ListKey = "timeline:list"

// ListSpan is what a list's pages state of the dates its entries cover:
// the date of the first and the latest end.
func ListSpan(entries []*model.Entry) string {
	if len(entries) == 0 {
		return ""
	}
	return entries[0].Date.String() + "/" + latestEnd(entries).String()
}

// PageKey names, in deps and fingerprints, what an entry's own page (and
// its embed) shows: the entry as lists show it (its Key), plus the titles
// and dates of the entries it names, its neighbours and related entries.
// Lists depend on the entry's Key alone, so retitling an entry renders its
// neighbours' pages again but not the lists they are on.
func PageKey(e *model.Entry) string { return "entry-page:" + e.ID }

// entryDeps is what an entry page shows. Of its records and sources the
// page shows only their own data (names, titles, a thread's colour), which
// the entry's fingerprint covers, not their lists of entries: depending on
// them would render every entry page of an actor again whenever the actor
// gains an entry.
func entryDeps(e *model.Entry) []string { return []string{PageKey(e)} }

// EmbedKey names, in deps and fingerprints, what an embedded list's card
// shows of an entry (embed.html's "embed-card"): not its records, whose
// renaming so leaves the embeds of lists.
func EmbedKey(e *model.Entry) string { return "entry-embed:" + e.ID }

// BriefKey names, in deps and fingerprints, an entry's id, title and
// date: what a source's page shows of the entries citing it.
func BriefKey(e *model.Entry) string { return "entry-brief:" + e.ID }

// listDeps is what a page listing entries shows: the object key, whose
// own data it shows, and every entry as lists show it.
func listDeps(key string, entries []*model.Entry) []string {
	deps := make([]string, 0, 1+len(entries))
	deps = append(deps, key)
	for _, e := range entries {
		deps = append(deps, e.Key())
	}
	return deps
}

// cards renders the card template name for each of entries on the page of
// v, as {{range entries}}{{template name (pair self .)}}{{end}} would: each
// card once per distinct entry (fingerprint) when v's fragments are
// cached, whatever the page's depth, and once per page template too when
// the card template may read it (see cardsByPage). While a page is
// rendered as a skeleton, the cards are kept aside, minified, and one
// marker takes their place.
//
// A card links relative to its page (v.Root + path), so that the site
// works from any directory; it is rendered once with a placeholder root,
// which each page replaces by its own.
func (r *Renderer) cards(v view, name string, self any, entries []*model.Entry) (template.HTML, error) {
	if len(entries) == 0 {
		return "", nil
	}
	if r.tmpl.Lookup(cardWrapper(name)) == nil {
		return "", fmt.Errorf("no template %q", name)
	}
	sub := "card\x00" + name
	if r.cardsByPage[name] {
		sub += "\x00" + v.Template
	}
	sk := v.skel
	if sk != nil && (sk.off || !v.frags.minifies()) {
		sk = nil
	}
	// While a page is a skeleton, its cards are minified as they are
	// rendered, without keeping them as they were before.
	frag := v.frags.Named(sub)
	if sk != nil {
		frag = v.frags.named(fragKey{sub, true}, "")
	}
	if v.Template == "period" && r.cardsByPage[name] {
		frag = frag.Once() // an entry is on one page of its period
	}
	cv, cself := v, withRoot(self, r.rootMark)
	cv.Root = r.rootMark
	root := []byte(v.Root)
	var out [][]byte
	size := 0
	list := frag.List(entries)
	for i, e := range entries {
		b, err := list.Bytes(i, func() ([]byte, error) { return r.card(cv, name, cself, e, sk != nil) })
		if err != nil {
			return "", err
		}
		// The card's pieces between placeholders, with the page's root
		// between them.
		for {
			k := bytes.Index(b, r.rootMarkBytes)
			if k < 0 {
				out = append(out, b)
				size += len(b)
				break
			}
			out = append(out, b[:k:k], root)
			size += k + len(root)
			b = b[k+len(r.rootMarkBytes):]
		}
	}
	if sk != nil {
		sk.cards = append(sk.cards, out)
		return cardMarker, nil
	}
	var b strings.Builder
	b.Grow(size)
	for _, c := range out {
		b.Write(c)
	}
	return template.HTML(b.String()), nil
}

// withRoot is the view of a card (a view or an embedView) with another
// root.
func withRoot(self any, root string) any {
	switch s := self.(type) {
	case view:
		s.Root = root
		return s
	case embedView:
		s.Root = root
		return s
	}
	return self
}

// card renders one entry card, minified when min is set.
func (r *Renderer) card(v view, name string, self any, e *model.Entry, min bool) ([]byte, error) {
	if !min {
		var b bytes.Buffer
		if err := r.tmpl.ExecuteTemplate(&b, cardWrapper(name), []any{self, e}); err != nil {
			return nil, r.templateError(name, err)
		}
		return b.Bytes(), nil
	}
	buf := r.getBuf()
	defer r.putBuf(buf)
	if err := r.tmpl.ExecuteTemplate(buf, cardWrapper(name), []any{self, e}); err != nil {
		return nil, r.templateError(name, err)
	}
	return minifyOwned(v.frags, "card.html", buf.Bytes())
}

// executeTo is execute into buf, which the caller owns.
func (r *Renderer) executeTo(buf *bytes.Buffer, name string, data any) error {
	if err := r.tmpl.ExecuteTemplate(buf, name, data); err != nil {
		return r.templateError(name, err)
	}
	return nil
}

// getBuf returns an empty buffer from the renderer's pool; putBuf returns
// it once nothing refers to its bytes any more.
func (r *Renderer) getBuf() *bytes.Buffer {
	if b, ok := r.bufs.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

func (r *Renderer) putBuf(b *bytes.Buffer) {
	if b.Cap() <= 4<<20 { // keep the pool from holding huge pages
		r.bufs.Put(b)
	}
}

func (r *Renderer) execute(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.executeTo(&buf, name, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// All renders pages concurrently and returns their bytes by path. The first
// error stops nothing but is returned together with the others' output.
func All(pages []Page) (map[string][]byte, error) {
	b := NewBatch(len(pages))
	for i := range pages {
		b.Add(&pages[i])
	}
	parts, err := b.Wait()
	out := make(map[string][]byte, len(parts))
	for p, data := range parts {
		out[p] = data.Bytes()
	}
	return out, err
}

// Batch renders pages concurrently as they are added, so a caller can
// start rendering while it is still deciding what else to render.
type Batch struct {
	work chan *Page
	wg   sync.WaitGroup
	mu   sync.Mutex
	out  map[string]Parts
	errs []error
}

// NewBatch starts a batch that expects about n pages; Add may block when
// more are queued.
func NewBatch(n int) *Batch {
	b := &Batch{work: make(chan *Page, max(n, 1)), out: make(map[string]Parts, n)}
	for range runtime.GOMAXPROCS(0) {
		b.wg.Go(func() {
			for p := range b.work {
				data, err := p.render()
				b.mu.Lock()
				if err != nil {
					b.errs = append(b.errs, OnPage(err, p.Path))
				} else {
					b.out[p.Path] = data
				}
				b.mu.Unlock()
			}
		})
	}
	return b
}

// Add queues a page; p must not change until Wait returns.
func (b *Batch) Add(p *Page) { b.work <- p }

// Wait waits for every page added and returns their output by path, as
// All does, in pieces. The batch cannot be used afterwards.
func (b *Batch) Wait() (map[string]Parts, error) {
	close(b.work)
	b.wg.Wait()
	if len(b.errs) > 0 {
		slices.SortFunc(b.errs, func(x, y error) int { return strings.Compare(x.Error(), y.Error()) })
		return b.out, b.errs[0]
	}
	return b.out, nil
}
