package render

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"dateline/internal/config"
	"dateline/internal/edtf"
	"dateline/internal/locale"
	"dateline/internal/markdown"
	"dateline/internal/model"
)

// kindInfo describes a registry for display and URLs.
type kindInfo struct {
	Kind     string // "actor"
	Dir      string // "actors"
	Title    string // "Actors"
	Singular string // "Actor"
}

// TitleID and SingularID are the messages that name the kind in the
// site's language ("kind_actors", "kind_actor").
func (k kindInfo) TitleID() string    { return "kind_" + k.Dir }
func (k kindInfo) SingularID() string { return "kind_" + k.Kind }

var kinds = [...]kindInfo{
	{"actor", "actors", "Actors", "Actor"},
	{"place", "places", "Places", "Place"},
	{"topic", "topics", "Topics", "Topic"},
	{"thread", "threads", "Threads", "Thread"},
}

func kindOf(kind string) kindInfo {
	for _, k := range kinds {
		if k.Kind == kind {
			return k
		}
	}
	return kindInfo{}
}

// view is what every template receives. Page-specific fields are set only
// on the pages that use them.
type view struct {
	Site        *model.Timeline
	Config      config.Config
	Root        string // relative path from the page to the site root: "", "../", "../../"
	Path        string // the page's own site path: "", "entries/x/"
	Title       string
	Description string
	Template    string
	Generator   string

	Entry   *model.Entry
	Source  *model.Source
	Record  *model.Record
	Kind    kindInfo
	Kinds   []kindInfo
	Groups  []yearGroup
	Eras    []era
	Records []*model.Record
	Sources []*model.Source

	// Of a paginated list: this page among its pages (nil when the list
	// fits on one), and the entries it shows.
	Pager   *Pager
	Shown   []*model.Entry
	Period  *Period   // of a year or month page
	Periods []*Period // of an overview front page: the years
	Latest  int       // of an overview front page: how many latest entries it shows

	r     *Renderer
	frags *Fragments  // how entry fragments are rendered; nil: every time
	skel  *skeleton   // where a page rendered as a skeleton keeps them
	embed *Embeddable // EmbedOf, when the page computed it already
}

// Cards renders entries with the card template name ("entry-card") as
// {{range entries}}{{template name (pair $v .)}}{{end}} would, each card
// once per distinct entry when the build caches fragments.
func (v view) Cards(name string, entries []*model.Entry) (template.HTML, error) {
	return v.r.cards(v, name, v, entries)
}

// URL returns the relative URL of a model object or a site path from the
// current page.
func (v view) URL(x any) string {
	return v.Root + SitePath(x)
}

// Absolute returns the absolute URL of a model object or site path, for
// canonical links and feeds.
func (v view) Absolute(x any) string { return v.Config.Absolute(SitePath(x)) }

// SitePath is the directory path of a model object within the site, e.g.
// "entries/x/"; a string is taken as a site path already.
func SitePath(x any) string {
	switch x := x.(type) {
	case *model.Entry:
		return "entries/" + x.ID + "/"
	case *model.Source:
		return "sources/" + x.ID + "/"
	case *model.Record:
		return kindOf(x.Kind).Dir + "/" + x.ID + "/"
	case kindInfo:
		return x.Dir + "/"
	case string:
		return x
	}
	panic(fmt.Sprintf("render: no URL for %T", x))
}

// Markdown renders an entry summary, resolving cross references relative to
// the current page.
func (v view) Markdown(src string) (template.HTML, error) {
	if v.Root != v.r.rootMark {
		// A page's own summary is shown once; memoizing it would keep
		// every summary of the site in memory once per page depth.
		return v.markdown(src)
	}
	return v.r.memo.get(v.Site, src, func() (template.HTML, error) { return v.markdown(src) })
}

func (v view) markdown(src string) (template.HTML, error) {
	return v.r.md.Render([]byte(src), resolver{v})
}

// Plain is the text of a Markdown summary, for descriptions.
func (v view) Plain(src string) string { return v.r.plain(v.Site, src) }

// plain is the text of a Markdown summary of t: the text of its HTML as
// cards show it (see summary), so it costs no parse of its own. The HTML
// is rendered once per summary for every page and export that shows it;
// each parse was a tenth of a build's CPU. References read the same linked
// or not, so the text is that of the summary rendered on its own.
func (r *Renderer) plain(t *model.Timeline, src string) string {
	h, err := r.summary(t, src)
	if err != nil {
		return ""
	}
	return markdown.TextContent(string(h))
}

// summary is the HTML of a Markdown summary of t with the placeholder
// root of cards, from the memo.
func (r *Renderer) summary(t *model.Timeline, src string) (template.HTML, error) {
	return view{Site: t, Config: t.Config, r: r, Root: r.rootMark}.Markdown(src)
}

type resolver struct{ v view }

func (r resolver) Resolve(kind, id string) (string, bool) {
	x := r.v.Site.Linked(kind, id)
	if x == nil {
		return "", false
	}
	return r.v.URL(x), true
}

// Cite names a source as a reader expects: its title, then its outlet, and
// never an unknown outlet as if it were a name.
func (v view) Cite(s *model.Source) string { return v.r.cite(s) }

func (r *Renderer) cite(s *model.Source) string {
	if !model.OutletStated(s.Outlet) {
		return r.loc.Text("cite_no_outlet", "Title", s.Title)
	}
	return r.loc.Text("cite", "Title", s.Title, "Outlet", s.Outlet)
}

// SourceLang is the language of s when it is not the site's, for the
// lang (and dir) of its text and of quotes from it; "" when it is.
func (v view) SourceLang(s *model.Source) string {
	if s.Language == "" || locale.SameLanguage(s.Language, v.Config.Language) {
		return ""
	}
	return s.Language
}

// Display is the honest human form of a date, in the site's language.
func (v view) Display(d edtf.Date) string { return v.r.loc.Date(d) }

// AlsoWritten lists a record's aliases other than its name, which the page
// shows already.
func (v view) AlsoWritten(r *model.Record) []string {
	var out []string
	for _, a := range r.Aliases {
		if !strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(r.Name)) {
			out = append(out, a)
		}
	}
	return out
}

// Coord formats a coordinate with its hemisphere.
func (v view) Coord(lat, lon float64) string {
	ns, ew := "coord_n", "coord_e"
	if lat < 0 {
		ns, lat = "coord_s", -lat
	}
	if lon < 0 {
		ew, lon = "coord_w", -lon
	}
	l := v.r.loc
	return l.Text("coord", "Lat", l.Digits(fmt.Sprintf("%.2f", lat)), "NS", l.Text(ns), "Lon", l.Digits(fmt.Sprintf("%.2f", lon)), "EW", l.Text(ew))
}

// EraClass is the CSS class that colours a thread consistently everywhere.
func (v view) EraClass(r *model.Record) string { return eraClass(v.Site, r) }

func eraClass(t *model.Timeline, r *model.Record) string {
	for i, th := range t.Threads {
		if th == r {
			return fmt.Sprintf("era-%d", i%6)
		}
	}
	return ""
}

func (r *Renderer) base(t *model.Timeline, tmpl, title string) view {
	return view{Site: t, Config: t.Config, Title: title, Template: strings.TrimSuffix(tmpl, ".html"), Kinds: kinds[:], r: r}
}

func (r *Renderer) at(v view, path string) view {
	v.Path = path
	v.Root = strings.Repeat("../", strings.Count(path, "/"))
	return v
}

// notFoundView is the 404 page. A server shows it at whatever URL was
// missing, so its links cannot be relative: they start from the path of the
// base URL instead.
func (r *Renderer) notFoundView(t *model.Timeline) view {
	v := r.base(t, "404.html", r.loc.Text("notfound_title"))
	v.Path = "404.html"
	v.Root = "/"
	if u, err := url.Parse(t.Config.BaseURL); err == nil && strings.HasPrefix(u.Path, "/") {
		v.Root = strings.TrimSuffix(u.Path, "/") + "/"
	}
	return v
}

// latestShown is how many of the latest entries an overview front page
// shows in full.
const latestShown = 20

func (r *Renderer) timelineView(t *model.Timeline) view {
	v := r.base(t, "timeline.html", t.Config.Title)
	v.Description = t.Config.Description
	v.Shown = t.Entries
	if v.Periods = r.memo.periodsOf(t, t.Config.PageSize); v.Periods != nil {
		v.Latest = min(latestShown, t.Config.PageSize)
		v.Shown = t.Entries[len(t.Entries)-v.Latest:]
	}
	v.Groups = r.memo.groupsOf(t, v.Shown)
	v.Eras = r.memo.erasOf(t)
	return v
}

// periodView is page n of a year or month.
func (r *Renderer) periodView(t *model.Timeline, p *Period, n int) view {
	v := r.base(t, "period.html", p.Label)
	v.Period = p
	if p.Months == nil {
		v.Shown, v.Pager = paginate(p.Entries, t.Config.PageSize, n, p.Path)
		v.Groups = r.memo.groupsOf(t, v.Shown)
	}
	v = r.at(v, pagePath(p.Path, n))
	v.Description = r.loc.Text("period_description", p.Count(), "Label", p.Label, "Site", t.Config.Title)
	return v
}

func (r *Renderer) entryView(t *model.Timeline, e *model.Entry) view {
	v := r.at(r.base(t, "entry.html", e.Title), SitePath(e))
	v.Entry = e
	v.Description = r.entryDescription(t, e)
	return v
}

// entryDescription is what an entry's page and its embed describe it
// with, and its JSON-LD Event too: its date, then its summary as text.
func (r *Renderer) entryDescription(t *model.Timeline, e *model.Entry) string {
	return r.loc.Text("entry_description", "Date", r.loc.Date(e.Date), "Text", r.plain(t, e.Body))
}

func (r *Renderer) sourceView(t *model.Timeline, s *model.Source) view {
	v := r.at(r.base(t, "source.html", s.Title), SitePath(s))
	v.Source = s
	v.Description = r.loc.Text("source_description", len(s.Entries), "Outlet", s.Outlet)
	return v
}

// recordView is page n of a record's page.
func (r *Renderer) recordView(t *model.Timeline, rec *model.Record, n int) view {
	v := r.base(t, "record.html", rec.Name)
	v.Shown, v.Pager = paginate(rec.Entries, t.Config.PageSize, n, SitePath(rec))
	v = r.at(v, pagePath(SitePath(rec), n))
	v.Record = rec
	v.Kind = kindOf(rec.Kind)
	v.Groups = r.memo.groupsOf(t, v.Shown)
	if rec.Kind == "thread" {
		v.Eras = r.memo.erasOf(t)
	}
	v.Description = rec.Description
	if v.Description == "" {
		v.Description = r.loc.Text("record_description", len(rec.Entries), "Name", rec.Name)
	}
	return v
}

// recordsIndex is page n of the index of a kind of record.
func (r *Renderer) recordsIndex(t *model.Timeline, k kindInfo, n int) view {
	v, recs := indexPage(r, t, k, t.Records(k.Kind), n)
	v.Records = recs
	if k.Kind == "thread" {
		v.Eras = r.memo.erasOf(t)
	}
	return v
}

// The kinds with an index that are not registries.
var (
	sourcesKind = kindInfo{Kind: "source", Dir: "sources", Title: "Sources", Singular: "Source"}
	entriesKind = kindInfo{Kind: "entry", Dir: "entries", Title: "Entries", Singular: "Entry"}
)

// sourcesIndex is page n of the index of sources.
func (r *Renderer) sourcesIndex(t *model.Timeline, n int) view {
	v, sources := indexPage(r, t, sourcesKind, t.Sources, n)
	v.Sources = sources
	return v
}

// entriesIndex is page n of the index of entries, by date: every entry
// has a page, so /entries/ lists them as /sources/ lists the sources.
func (r *Renderer) entriesIndex(t *model.Timeline, n int) view {
	v, entries := indexPage(r, t, entriesKind, t.Entries, n)
	v.Shown = entries
	return v
}

// indexPage is page n of the index of kind k, which lists items, and the
// items it shows.
func indexPage[T any](r *Renderer, t *model.Timeline, k kindInfo, items []T, n int) (view, []T) {
	v := r.base(t, "index.html", r.loc.Text(k.TitleID()))
	shown, pager := paginate(items, indexPageSize(t), n, k.Dir+"/")
	v.Pager = pager
	v = r.at(v, pagePath(k.Dir+"/", n))
	v.Kind = k
	return v, shown
}

// indexPageSize is how many lines a page of an index lists.
func indexPageSize(t *model.Timeline) int { return t.Config.PageSize * config.IndexFactor }

// yearGroup and monthGroup structure a list of entries for display.
type yearGroup struct {
	w      when
	Label  string
	ID     string
	Months []monthGroup
	Count  int
}

type monthGroup struct {
	w       when
	Label   string
	Name    string // with its year, as "June 2025", for the month's landmark
	ID      string
	Entries []*model.Entry
}

// groups splits entries (already in timeline order) by the year and month of
// their lower bound. Entries known only to the year come first within their
// year, under "month not known", so nothing claims a month it lacks.
func groups(entries []*model.Entry, loc *locale.Locale) []yearGroup {
	var out []yearGroup
	// Entries come in date order: the labels of the last one are reused
	// while the year and month stay the same.
	var last when
	var year, month, yid, mid string
	for i, e := range entries {
		w := whenOf(e.Date)
		if i == 0 || w != last {
			last = w
			year, month, yid, mid = w.labels(loc)
		}
		if len(out) == 0 || out[len(out)-1].ID != yid {
			out = append(out, yearGroup{w: w, Label: year, ID: yid})
		}
		y := &out[len(out)-1]
		y.Count++
		if len(y.Months) == 0 || y.Months[len(y.Months)-1].ID != mid {
			y.Months = append(y.Months, monthGroup{w: w, Label: month, ID: mid})
			y.Months[len(y.Months)-1].Name = monthLabel(loc, *y, y.Months[len(y.Months)-1])
		}
		m := &y.Months[len(y.Months)-1]
		m.Entries = append(m.Entries, e)
	}
	return out
}

// when is where a date is listed: its year and month, as far as known.
type when struct {
	dated, monthKnown bool
	year              int
	month             time.Month
}

func whenOf(d edtf.Date) when {
	var w when
	lo := d.Lower()
	if w.dated = !lo.IsZero(); w.dated {
		w.year = lo.Year()
		if w.monthKnown = d.Precision() >= edtf.Month && d.Start.Unspecified == "" || d.Start.Month > 0; w.monthKnown {
			w.month = lo.Month()
		}
	}
	return w
}

// labels are the year's and month's labels and ids.
// A nil loc labels them in English without the catalogues, for callers
// that need the periods' paths and entries only.
func (w when) labels(loc *locale.Locale) (year, month, yid, mid string) {
	text := func(id, english string) string {
		if loc == nil {
			return english
		}
		return loc.Text(id)
	}
	if !w.dated {
		return text("start_unknown", "Start unknown"), "", "undated", "undated"
	}
	// Labelled as readers count years ("300 BC"), named as EDTF numbers
	// them (y-299).
	n := fmt.Sprint(w.year)
	year = edtf.YearText(w.year)
	if loc != nil {
		year = loc.Year(w.year)
	}
	if !w.monthKnown {
		return year, text("month_not_known", "Month not known"), "y" + n, "m" + n + "-xx"
	}
	return year, text(fmt.Sprintf("month_%d", w.month), w.month.String()), "y" + n, fmt.Sprintf("m%s-%02d", n, int(w.month))
}

// era is a thread placed on the time axis of the whole timeline.
type era struct {
	Thread      *model.Record
	Span        edtf.Date
	Left, Width string // CSS percentages
	Class       string
}

// eras positions every thread that has entries on a common axis running
// from the start of the earliest era to the end of the latest, so eras are
// comparable with each other (the whole timeline may reach back decades).
func eras(t *model.Timeline) []era {
	type bounds struct {
		first, last *model.Entry
		lo, hi      time.Time
	}
	var spans []bounds
	var axisLo, axisHi time.Time
	for _, th := range t.Threads {
		first, last := th.Span()
		if first == nil {
			continue
		}
		b := bounds{first: first, last: last, lo: first.Date.Lower(), hi: last.Date.Upper()}
		if b.hi.IsZero() {
			b.hi = last.Date.Lower()
		}
		if !b.lo.IsZero() && (axisLo.IsZero() || b.lo.Before(axisLo)) {
			axisLo = b.lo
		}
		if b.hi.After(axisHi) {
			axisHi = b.hi
		}
		spans = append(spans, b)
	}
	total := axisHi.Sub(axisLo).Hours() + 24
	var out []era
	i := 0
	for _, th := range t.Threads {
		if len(th.Entries) == 0 {
			continue
		}
		b := spans[i]
		i++
		span := edtf.Date{Start: b.first.Date.Start, End: b.last.Date.End, Interval: true}
		if b.last.Date.OpenEnd || b.last.Date.UnknownEnd {
			span.End = b.last.Date.Start
		}
		if span.Start.String() == span.End.String() {
			span = edtf.Date{Start: span.Start, End: span.Start}
		}
		lo := b.lo
		if lo.IsZero() {
			lo = axisLo
		}
		left := lo.Sub(axisLo).Hours() / total * 100
		width := max((b.hi.Sub(lo).Hours()+24)/total*100, 1)
		out = append(out, era{
			Thread: th, Span: span,
			Left:  fmt.Sprintf("%.2f%%", left),
			Width: fmt.Sprintf("%.2f%%", min(width, 100-left)),
			Class: eraClass(t, th),
		})
	}
	return out
}

// Filter is what the front page offers to filter by, for one kind of
// record: every record with entries, or, when there are more than
// filterMax, the filterTop with most entries and a link to the rest.
type Filter struct {
	Kind    kindInfo
	Records []*model.Record
	More    int // records with entries left out
}

const filterMax, filterTop = 40, 30

// Filter lists the records of a kind that the front page links to.
func (v view) Filter(kind string) Filter {
	f := Filter{Kind: kindOf(kind)}
	for _, r := range v.Site.Records(kind) {
		if len(r.Entries) > 0 {
			f.Records = append(f.Records, r)
		}
	}
	if len(f.Records) <= filterMax {
		return f
	}
	top := slices.Clone(f.Records)
	slices.SortStableFunc(top, func(a, b *model.Record) int { return len(b.Entries) - len(a.Entries) })
	keep := map[*model.Record]bool{}
	for _, r := range top[:filterTop] {
		keep[r] = true
	}
	f.More = len(f.Records) - filterTop
	f.Records = slices.DeleteFunc(f.Records, func(r *model.Record) bool { return !keep[r] })
	return f
}
