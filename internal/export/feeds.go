package export

import (
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"dateline/internal/config"
	"dateline/internal/locale"
	"dateline/internal/model"
	"dateline/internal/render"
)

// Feeds list the entries latest first (by their dates, not by when they
// were written, which a static build does not know). Entry ids are the
// entries' absolute URLs; a site without an absolute base_url gets stable
// urn:uuid ids instead, since both formats require absolute identifiers.

// id is the permanent identifier of a site path.
func id(c config.Config, path string) string {
	if isAbsolute(c) {
		return c.Absolute(path)
	}
	// A name-based (version 5 style) UUID of the site title and path.
	h := sha1.Sum([]byte("dateline\x00" + c.Title + "\x00" + path))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// FeedLimit is how many entries the feeds carry: the latest ones. Feed
// readers want what is new, not the whole archive (timeline.json and
// calendar.ics have every entry).
const FeedLimit = 100

// latestFirst is the FeedLimit latest entries, latest first.
func latestFirst(t *model.Timeline) []*model.Entry {
	out := slices.Clone(t.Entries[max(0, len(t.Entries)-FeedLimit):])
	slices.Reverse(out)
	return out
}

// feedParts are an entry's feed content (HTML) and summary (text), the
// same in both feeds.
func feedParts(t *model.Timeline, sum render.Summaries, loc *locale.Locale, e *model.Entry, f *render.Fragments) (html, summary string, err error) {
	html, err = f.Get(e.Key(), "feed-html", func() (string, error) { return entryHTML(t, sum, loc, e), nil })
	if err != nil {
		return "", "", err
	}
	summary, err = f.Get(e.Key(), "feed-summary", func() (string, error) { return entrySummary(sum, loc, e), nil })
	return html, summary, err
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// entryHTML is an entry's feed content: its date, summary and sources.
func entryHTML(t *model.Timeline, sum render.Summaries, loc *locale.Locale, e *model.Entry) string {
	esc := template.HTMLEscapeString
	var b strings.Builder
	fmt.Fprintf(&b, "<p><strong>%s</strong></p>", esc(loc.Date(e.Date)))
	b.WriteString(summaryHTML(t, sum, e))
	fmt.Fprintf(&b, "<p>%s</p><ul>", esc(loc.Text("feed_sources")))
	for _, s := range e.Sources() {
		outlet := s.Outlet
		if !model.OutletStated(outlet) {
			outlet = loc.Text("outlet_not_stated")
		}
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, esc(url(t.Config, s)), esc(loc.Text("feed_source", "Outlet", outlet, "Title", s.Title)))
	}
	fmt.Fprintf(&b, `</ul><p><a href="%s#evidence">%s</a></p>`, esc(url(t.Config, e)), esc(loc.Text("feed_evidence")))
	return b.String()
}

func entrySummary(sum render.Summaries, loc *locale.Locale, e *model.Entry) string {
	return loc.Date(e.Date) + " — " + sum.Plain(e.Body)
}

func feedAuthor(c config.Config) string {
	if c.Author != "" {
		return c.Author
	}
	return c.Title
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
	Label  string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
}

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Subtitle  *atomText   `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Links     []atomLink  `xml:"link"`
	Generator string      `xml:"generator"`
	Rights    *atomText   `xml:"rights,omitempty"`
	Entries   []atomEntry `xml:"entry"`
}

// atom is the RFC 4287 feed of the latest entries (/feed.xml, see
// FeedLimit), with each entry's parts fragments of fr and the feed's
// updated instant (FeedUpdated) given. The feed-level author covers every
// entry; each entry has an alternate link and full content.
func atom(t *model.Timeline, sum render.Summaries, loc *locale.Locale, fr *render.Fragments, updated time.Time) ([]byte, error) {
	c := t.Config
	// encoding/xml writes a control character as U+FFFD: each text is
	// stripped of them first (see render.StripControls).
	x := render.StripControls
	f := atomFeed{
		Lang:      x(c.Language),
		ID:        id(c, ""),
		Title:     atomText{Type: "text", Text: x(c.Title)},
		Updated:   rfc3339(updated),
		Author:    atomPerson{Name: x(feedAuthor(c))},
		Generator: "Dateline",
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: c.Absolute("feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: c.Absolute("")},
		},
	}
	if isAbsolute(c) {
		f.Author.URI = c.Absolute("")
	}
	if c.Description != "" {
		f.Subtitle = &atomText{Type: "text", Text: x(c.Description)}
	}
	if c.Copyright != "" {
		f.Rights = &atomText{Type: "text", Text: x(c.Copyright)}
	}
	for _, e := range latestFirst(t) {
		html, summary, err := feedParts(t, sum, loc, e, fr)
		if err != nil {
			return nil, err
		}
		ae := atomEntry{
			ID:      id(c, "entries/"+e.ID+"/"),
			Title:   atomText{Type: "text", Text: x(e.Title)},
			Updated: rfc3339(Updated(e)),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: url(c, e)}},
			Summary: atomText{Type: "text", Text: x(summary)},
			Content: atomText{Type: "html", Text: x(html)},
		}
		for _, tp := range e.Topics {
			ae.Categories = append(ae.Categories, atomCategory{Term: tp.ID, Label: x(tp.Name), Scheme: c.Absolute("topics/")})
		}
		f.Entries = append(f.Entries, ae)
	}
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonFeedItem struct {
	ID           string       `json:"id"`
	URL          string       `json:"url"`
	Title        string       `json:"title"`
	ContentHTML  string       `json:"content_html"`
	ContentText  string       `json:"content_text"`
	Summary      string       `json:"summary"`
	DateModified string       `json:"date_modified"`
	Tags         []string     `json:"tags,omitempty"`
	Language     string       `json:"language,omitempty"`
	Dateline     jsonFeedDate `json:"_dateline"`
}

// jsonFeedDate is Dateline's extension object: the entry's date as EDTF
// and as displayed, which the standard fields cannot express.
type jsonFeedDate struct {
	Date    string `json:"date"`
	Display string `json:"display"`
}

type jsonFeed struct {
	Version     string           `json:"version"`
	Title       string           `json:"title"`
	HomePageURL string           `json:"home_page_url"`
	FeedURL     string           `json:"feed_url"`
	Description string           `json:"description,omitempty"`
	Language    string           `json:"language,omitempty"`
	Authors     []jsonFeedAuthor `json:"authors"`
	Items       []jsonFeedItem   `json:"items"`
}

// jsonFeedOf is the JSON Feed 1.1 feed of the latest entries (/feed.json,
// see FeedLimit), with each entry's parts fragments of fr. Entries carry
// date_modified (derived, see Updated) but no date_published: when an entry
// was published is not recorded anywhere, and a feed must not invent it.
// The event's own date is in the "_dateline" extension.
func jsonFeedOf(t *model.Timeline, sum render.Summaries, loc *locale.Locale, fr *render.Fragments) ([]byte, error) {
	c := t.Config
	f := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       c.Title,
		HomePageURL: c.Absolute(""),
		FeedURL:     c.Absolute("feed.json"),
		Description: c.Description,
		Language:    c.Language,
		Authors:     []jsonFeedAuthor{{Name: feedAuthor(c)}},
		Items:       []jsonFeedItem{},
	}
	for _, e := range latestFirst(t) {
		html, summary, err := feedParts(t, sum, loc, e, fr)
		if err != nil {
			return nil, err
		}
		it := jsonFeedItem{
			ID:           id(c, "entries/"+e.ID+"/"),
			URL:          url(c, e),
			Title:        e.Title,
			ContentHTML:  html,
			ContentText:  summary,
			Summary:      summary,
			DateModified: rfc3339(Updated(e)),
			Language:     c.Language,
			Dateline: jsonFeedDate{
				Date: e.Date.String(), Display: loc.Date(e.Date),
			},
		}
		for _, tp := range e.Topics {
			it.Tags = append(it.Tags, tp.Name)
		}
		f.Items = append(f.Items, it)
	}
	return render.MarshalJSONIndent(f, "", " ")
}
