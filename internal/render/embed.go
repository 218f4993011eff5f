package render

import (
	"fmt"
	"html/template"
	"strings"

	"dateline/internal/config"
	"dateline/internal/edtf"
	"dateline/internal/model"
)

// Embeddable is a page that has an embeddable version under /embed/: the
// whole timeline, an entry, or a record (actor, place, topic, thread). The
// embed page lives at "embed/" + Page and shows the same data as the full
// page with minimal chrome; its oEmbed response lives beside it.
type Embeddable struct {
	Kind   string // "timeline", "entry", or a record kind ("actor", ...)
	Page   string // site path of the full page: "", "entries/x/", "actors/y/"
	Entry  *model.Entry
	Record *model.Record
	Deps   []string // as the full page's, so serve re-renders both together

	entries []*model.Entry // shown, in timeline order
	title   string         // the timeline's
	last    *edtf.Date     // latestEnd(entries), when known already
}

// Title is what the frame shows, for iframe titles and oEmbed. It is read
// from the entry or record each time, as a patched timeline (see
// model.Patch) may have retitled the entry since the page was listed.
func (e Embeddable) Title() string {
	switch {
	case e.Entry != nil:
		return e.Entry.Title
	case e.Record != nil:
		return e.Record.Name
	}
	return e.title
}

// Count is the number of entries shown.
func (e Embeddable) Count() int { return len(e.entries) }

// Span is the honest display of the dates the shown entries cover, from the
// start of the first to the end of the latest-ending one ("" for none).
func (e Embeddable) Span() string { return e.SpanDate().Display() }

// SpanDate is the date Span displays (zero for none), for displaying in
// the site's language.
func (e Embeddable) SpanDate() edtf.Date {
	if len(e.entries) == 0 {
		return edtf.Date{}
	}
	first := e.entries[0].Date
	var last edtf.Date
	if e.last != nil {
		last = *e.last
	} else {
		last = latestEnd(e.entries)
	}
	if len(e.entries) == 1 {
		return first
	}
	span := edtf.Date{Start: first.Start, End: last.End, Interval: true,
		OpenStart: first.OpenStart, UnknownStart: first.UnknownStart,
		OpenEnd: last.OpenEnd, UnknownEnd: last.UnknownEnd}
	if span.Start.String() == span.End.String() && !span.OpenEnd && !span.UnknownEnd {
		return first
	}
	return span
}

// Path is the site path of the embed page, e.g. "embed/entries/x/".
func (e Embeddable) Path() string { return "embed/" + e.Page }

// PublishesOEmbed reports whether a site with the settings c publishes
// oEmbed responses: only with an absolute base_url, since a response is
// read on another site, where a path-only src="/embed/..." frames nothing.
// The build warns when it leaves them out (see build.loadConfig).
func PublishesOEmbed(c config.Config) bool { return c.IsAbsolute() }

// OEmbed reports whether the site publishes oEmbed responses, which the
// pages then announce (see PublishesOEmbed).
func (v view) OEmbed() bool { return PublishesOEmbed(v.Config) }

// OEmbedPath is the site path of the static oEmbed response.
func (e Embeddable) OEmbedPath() string { return e.Path() + "oembed.json" }

// Noun names what is embedded, for "Embed this …".
func (e Embeddable) Noun() string {
	switch e.Kind {
	case "timeline":
		return "timeline"
	case "entry":
		return "entry"
	}
	return kindOf(e.Kind).Singular + " timeline"
}

// NounID is the message of "Embed this …".
func (e Embeddable) NounID() string { return "embed_this_" + e.Kind }

// FrameTitle is the accessible name of the iframe in a host page.
func (e Embeddable) FrameTitle(cfg config.Config) string {
	if e.Kind == "timeline" {
		return cfg.Title
	}
	return e.Title() + " — " + cfg.Title
}

// Height is the default iframe height in CSS pixels: what a host shows
// before the frame reports its real height, or always when scripts are off.
// It estimates the content (an entry card is about 170px tall) within
// bounds that keep a scrolling frame usable.
func (e Embeddable) Height() int {
	if e.Kind == "entry" {
		return 560
	}
	return min(max(180+170*len(e.entries), 360), 900)
}

// Width is the default width given in oEmbed responses; the markup itself
// is fluid (width 100%).
func (e Embeddable) Width() int { return 640 }

// Snippet is the copy-ready HTML a host page pastes: a fluid iframe that
// works on its own (scrolling at the default height) plus the first-party
// loader that sizes it to its content. Both URLs are absolute via base_url.
func (e Embeddable) Snippet(cfg config.Config) string {
	esc := template.HTMLEscapeString
	return fmt.Sprintf(`<iframe src="%s" title="%s" height="%d" style="width:100%%;max-width:100%%;border:0" loading="lazy" data-dateline-embed></iframe>`+"\n"+`<script src="%s" async></script>`,
		esc(cfg.Absolute(e.Path())), esc(e.FrameTitle(cfg)), e.Height(), esc(cfg.Absolute("embed.js")))
}

// Embeddables lists every embeddable page of t in a stable order: the
// timeline, the entries, then records by kind.
func Embeddables(t *model.Timeline) []Embeddable {
	out := make([]Embeddable, 0, 1+len(t.Entries)+len(t.Actors)+len(t.Places)+len(t.Topics)+len(t.Threads))
	out = append(out, timelineEmbed(t))
	for _, e := range t.Entries {
		out = append(out, entryEmbed(e))
	}
	for _, k := range kinds {
		for _, rec := range t.Records(k.Kind) {
			out = append(out, recordEmbed(rec))
		}
	}
	return out
}

func timelineEmbed(t *model.Timeline) Embeddable {
	return Embeddable{Kind: "timeline", Page: "", title: t.Config.Title, Deps: []string{"*"}, entries: t.Entries}
}

func entryEmbed(e *model.Entry) Embeddable {
	return Embeddable{Kind: "entry", Page: SitePath(e), Entry: e, Deps: entryDeps(e), entries: []*model.Entry{e}}
}

func recordEmbed(rec *model.Record) Embeddable {
	return Embeddable{Kind: rec.Kind, Page: SitePath(rec), Record: rec, Deps: listDeps(rec.Key(), rec.Entries), entries: rec.Entries}
}

// listKey is the key of what every page of a list embed shows of the
// whole list: the timeline's ListKey, or the record's key.
func (e Embeddable) listKey() string {
	if e.Record != nil {
		return e.Record.Key()
	}
	return ListKey
}

// appendEmbedPages appends the pages under /embed/ to ps, rendered with
// embed.html.
func (r *Renderer) appendEmbedPages(ps []Page, t *model.Timeline, f *Fragments) []Page {
	size := t.Config.PageSize
	for _, em := range Embeddables(t) {
		for n := range pageNumbers(len(em.entries), size) {
			path := pagePath(em.Path(), n) + "index.html"
			// Every page of a list states the count and span of all its
			// entries, which the list's key covers (see ListKey), and
			// shows the cards of its own: a summary edit renders one
			// page of the list again, not all of them.
			deps := em.Deps
			if em.Entry == nil {
				shown, _ := paginate(em.entries, size, n, "")
				deps = make([]string, 0, 1+len(shown))
				deps = append(deps, em.listKey())
				for _, e := range shown {
					deps = append(deps, EmbedKey(e))
				}
			}
			p := Page{Path: path, Template: "embed.html", Deps: deps, minified: f.minifies(), render: func() (Parts, error) {
				v := r.embedView(t, em, n)
				v.frags, v.skel = f, &skeleton{}
				return r.page(f, path, "embed.html", v, v.skel)
			}}
			if n == 1 {
				p.embed = &em // the oEmbed response is the first page's
			}
			ps = append(ps, p)
		}
	}
	return ps
}

// embedView is the data of an embed page: the usual view plus what is
// embedded. Links from it go to the full pages (Root climbs out of embed/).
type embedView struct {
	view
	Embed *Embeddable
}

// Cards renders entry cards of the embed page (see view.Cards).
func (v embedView) Cards(name string, entries []*model.Entry) (template.HTML, error) {
	return v.r.cards(v.view, name, v, entries)
}

// EmbedSnippet is the embed code of the page itself.
func (v embedView) EmbedSnippet() string { return v.Embed.Snippet(v.Config) }

// embedView is page n of an embed page.
func (r *Renderer) embedView(t *model.Timeline, em Embeddable, n int) embedView {
	v := r.base(t, "embed.html", em.Title())
	if em.Entry == nil {
		v.Shown, v.Pager = paginate(em.entries, t.Config.PageSize, n, em.Path())
		v.Groups = r.memo.groupsOf(t, v.Shown)
	}
	v = r.at(v, pagePath(em.Path(), n))
	switch {
	case em.Entry != nil:
		v.Entry = em.Entry
		v.Description = r.entryDescription(t, em.Entry)
	case em.Record != nil:
		v.Record = em.Record
		v.Kind = kindOf(em.Record.Kind)
		v.Description = em.Record.Description
	default:
		v.Description = t.Config.Description
	}
	if len(em.entries) > 1 { // Span needs it
		last := r.memo.latestEndOf(t, em.entries)
		em.last = &last
	}
	return embedView{view: v, Embed: &em}
}

// EmbedOf returns the embeddable version of this full page; nil for pages
// without one (sources, indexes, 404).
func (v view) EmbedOf() *Embeddable {
	if v.embed != nil { // computed once for the page
		return v.embed
	}
	switch {
	case v.Entry != nil:
		em := entryEmbed(v.Entry)
		return &em
	case v.Record != nil:
		em := recordEmbed(v.Record)
		return &em
	case v.Template == "timeline":
		em := timelineEmbed(v.Site)
		return &em
	}
	return nil
}

// EmbedSnippet is the copy-ready embed code for this page, or "".
func (v view) EmbedSnippet() string {
	if em := v.EmbedOf(); em != nil {
		return em.Snippet(v.Config)
	}
	return ""
}

// EmbedMarkdown renders an entry summary for an embed page: cross
// references point at the full pages, and every link opens outside the
// frame.
func (v view) EmbedMarkdown(src string) (template.HTML, error) {
	// Derived from Markdown's (memoized) HTML each time, rather than
	// memoized itself: the scan costs little, a second copy of every
	// summary much.
	h, err := v.Markdown(src)
	if err != nil {
		return "", err
	}
	return template.HTML(TargetBlank(string(h))), nil
}

// TargetBlank adds target="_blank" rel="noopener" to every <a> start tag
// of well-formed HTML as goldmark writes it (attributes quoted, every
// literal '<' in text escaped), so links in a frame open outside it.
func TargetBlank(h string) string {
	var b strings.Builder
	for {
		i := strings.Index(h, "<a ")
		if i < 0 {
			b.WriteString(h)
			return b.String()
		}
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			b.WriteString(h)
			return b.String()
		}
		tag := h[i : i+j]
		b.WriteString(h[:i])
		b.WriteString("<a")
		if !strings.Contains(tag, " target=") {
			b.WriteString(` target="_blank"`)
		}
		if !strings.Contains(tag, " rel=") {
			b.WriteString(` rel="noopener"`)
		}
		b.WriteString(tag[2:])
		h = h[i+j:]
	}
}
