// Package export writes a timeline in the open formats other tools read:
// TimelineJS3 JSON, Atom, JSON Feed 1.1, iCalendar, a sitemap and oEmbed
// responses. Each format is a pure function from the model to bytes; Pages
// lists them as render.Pages so the build (and serve) treat them like any
// other output file.
//
// Output never depends on the wall clock: where a format needs a
// "last updated" instant it is derived from the content (see Updated).
package export

import (
	"html/template"
	"strings"
	"sync"
	"time"

	"dateline/internal/config"
	"dateline/internal/locale"
	"dateline/internal/model"
	"dateline/internal/render"
)

// Pages lists the export files of t. site is the rest of the site's pages;
// the sitemap lists the HTML pages among them.
func Pages(t *model.Timeline, site []render.Page) []render.Page { return PagesWith(t, site, nil) }

// PagesWith is Pages rendering each entry's part of the timeline-wide
// files (its TimelineJS event, feed item, calendar event) through f, so a
// build that caches fragments renders only the parts that changed.
func PagesWith(t *model.Timeline, site []render.Page, f *render.Fragments) []render.Page {
	return PagesIn(t, site, f, locale.Of(t.Config.Language, t.Config.Numerals), render.NewSummaries(t))
}

// PagesIn is PagesWith in the language of loc (the site's, with its own
// messages): the dates and words of the feeds and TimelineJS files. The
// entries' summaries come from sum: a build gives its renderer's, which
// renders each summary once for the pages and every export.
func PagesIn(t *model.Timeline, site []render.Page, f *render.Fragments, loc *locale.Locale, sum render.Summaries) []render.Page {
	// The feed and the calendar both state the latest entry's instant,
	// a pass over every entry and the sources it cites.
	updated := sync.OnceValue(func() time.Time { return FeedUpdated(t) })
	ps := []render.Page{
		render.NewStreamedPage("timelinejs.json", []string{render.EntriesKey, "topic:*", "thread:*", render.SourceListKey}, f, func(emit func([]byte) error) error {
			return timelineJS(t, sum, loc, nil, nil, f, emit)
		}),
		render.NewPage("feed.xml", "", []string{render.EntriesKey, render.SourceListKey, "topic:*"}, func() ([]byte, error) {
			return atom(t, sum, loc, f, updated())
		}),
		render.NewPage("feed.json", "", []string{render.EntriesKey, render.SourceListKey, "topic:*"}, func() ([]byte, error) {
			return jsonFeedOf(t, sum, loc, f)
		}),
		// The minifier leaves calendars as they are: the calendar is
		// assembled from its events (see calendar).
		render.NewStreamedPage("calendar.ics", []string{render.EntriesKey, render.SourceListKey, "place:*", "topic:*"}, f, func(emit func([]byte) error) error {
			return calendar(t, sum, loc, f, updated(), emit)
		}),
	}
	for _, th := range t.Threads {
		if len(th.Entries) == 0 {
			continue
		}
		deps := []string{"thread:" + th.ID, "topic:*", render.SourceListKey}
		for _, e := range th.Entries {
			deps = append(deps, e.Key())
		}
		ps = append(ps, render.NewStreamedPage(render.SitePath(th)+"timelinejs.json", deps, f, func(emit func([]byte) error) error {
			return timelineJS(t, sum, loc, th, nil, f, emit)
		}))
	}
	// A timeline too long for one page has a page per year, and a
	// TimelineJS file beside each: TimelineJS shows a few hundred slides
	// at most in a usable way.
	for _, y := range render.PeriodsIn(t, t.Config.PageSize, loc) {
		deps := []string{y.Key(), "topic:*", render.SourceListKey}
		for _, e := range y.Entries {
			deps = append(deps, e.Key())
		}
		ps = append(ps, render.NewStreamedPage(y.Path+"timelinejs.json", deps, f, func(emit func([]byte) error) error {
			return timelineJS(t, sum, loc, nil, y, f, emit)
		}))
	}
	for _, p := range site { // the embed pages, in the order of render.Embeddables
		if em, ok := p.Embeddable(); ok && render.PublishesOEmbed(t.Config) {
			ps = append(ps, render.NewPage(em.OEmbedPath(), "", em.Deps, func() ([]byte, error) {
				return OEmbed(t.Config, em)
			}))
		}
	}
	var html []string
	for _, p := range site {
		if strings.HasSuffix(p.Path, ".html") {
			html = append(html, p.Path)
		}
	}
	if isAbsolute(t.Config) { // a sitemap must list absolute URLs
		ps = append(ps, sitemaps(t.Config, html, sitemapMax)...)
	}
	f.Minified(ps)
	return ps
}

// summaryHTML renders an entry summary with absolute links.
func summaryHTML(t *model.Timeline, sum render.Summaries, e *model.Entry) string {
	h, err := sum.HTML(e.Body, t.Config.Absolute(""))
	if err != nil {
		return template.HTMLEscapeString(sum.Plain(e.Body))
	}
	return strings.TrimSpace(string(h))
}

// url is the absolute URL of a model object or site path.
func url(c config.Config, x any) string { return c.Absolute(render.SitePath(x)) }

// Updated is when an entry was last updated, derived from its content so
// builds are reproducible: the latest of the entry's own (lower) date and
// the publication dates of its sources, since an entry cannot have been
// written before the reports it cites. Midnight UTC of that day, or the
// instant when the date has a time. Zero when nothing is dated. Dates
// outside the years 0001-9999 are left out, as RFC 3339 (Atom, JSON Feed)
// and iCalendar cannot write them; none is when anything was updated.
func Updated(e *model.Entry) time.Time {
	var u time.Time
	consider := func(t time.Time) {
		if !t.IsZero() && t.UTC().After(u) && t.UTC().Year() >= 1 && t.UTC().Year() <= 9999 {
			u = t.UTC()
		}
	}
	consider(e.Date.Lower())
	for _, ev := range e.Evidence { // every source it cites, some twice
		consider(ev.Source.Published.Lower())
	}
	return u
}

// FeedUpdated is the latest Updated of all entries, or the Unix epoch for
// an empty timeline (formats require some instant).
func FeedUpdated(t *model.Timeline) time.Time {
	u := time.Unix(0, 0).UTC()
	for _, e := range t.Entries {
		if x := Updated(e); x.After(u) {
			u = x
		}
	}
	return u
}

// isAbsolute reports whether the site has an absolute base URL, which
// feeds, calendars and sitemaps need for their identifiers and links.
func isAbsolute(c config.Config) bool { return c.IsAbsolute() }
