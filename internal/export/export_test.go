package export_test

// These tests check the exports against the MUSTs of their specifications
// (RFC 4287 Atom, JSON Feed 1.1, RFC 5545 iCalendar, the sitemaps.org
// protocol, oEmbed 1.0) by parsing the built files, and check the data
// against the model they were built from, not against stored output.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/edtf"
	"dateline/internal/export"
	"dateline/internal/render"
)

// exampleSite builds the repository's own example timeline in memory.
func exampleSite(t *testing.T) *build.Site {
	t.Helper()
	s, err := build.Build(os.DirFS("../.."), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	return s
}

// file returns a built file or fails.
func file(t *testing.T, s *build.Site, name string) []byte {
	t.Helper()
	b, ok := s.Files[name]
	if !ok {
		t.Fatalf("no %s in the build", name)
	}
	return b
}

// --- Atom (RFC 4287) ---

type xElem struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Kids    []xElem    `xml:",any"`
}

func (e xElem) all(local string) []xElem {
	var out []xElem
	for _, k := range e.Kids {
		if k.XMLName.Local == local {
			out = append(out, k)
		}
	}
	return out
}

func (e xElem) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

const atomNS = "http://www.w3.org/2005/Atom"

// isIRI checks the RFC 3987 absolute-IRI shape atom:id requires.
func isIRI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Opaque != "" || u.Host != "")
}

// atomDate checks an RFC 3339 date-time (RFC 4287 3.3: upper-case T and Z).
func atomDate(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil && strings.Contains(s, "T") && !strings.ContainsAny(s, "tz")
}

func TestAtomMusts(t *testing.T) {
	s := exampleSite(t)
	var feed xElem
	if err := xml.Unmarshal(file(t, s, "feed.xml"), &feed); err != nil {
		t.Fatalf("feed.xml is not well-formed XML: %v", err)
	}
	if feed.XMLName.Space != atomNS || feed.XMLName.Local != "feed" {
		t.Fatalf("root is %v, want atom:feed", feed.XMLName)
	}
	// 4.1.1: exactly one id, title, updated; author unless every entry has one.
	for _, name := range []string{"id", "title", "updated"} {
		if n := len(feed.all(name)); n != 1 {
			t.Errorf("atom:feed has %d atom:%s, MUST have exactly one", n, name)
		}
	}
	if id := feed.all("id"); len(id) == 1 && !isIRI(id[0].Text) {
		t.Errorf("feed id %q is not an absolute IRI", id[0].Text)
	}
	if u := feed.all("updated"); len(u) == 1 && !atomDate(u[0].Text) {
		t.Errorf("feed updated %q is not an RFC 3339 date-time", u[0].Text)
	}
	feedAuthor := len(feed.all("author")) > 0
	for _, a := range feed.all("author") {
		if len(a.all("name")) != 1 {
			t.Errorf("atom:author MUST contain exactly one atom:name")
		}
	}
	// 4.1.1: SHOULD have rel=self; at most one alternate per type/hreflang.
	self := 0
	for _, l := range feed.all("link") {
		if l.attr("href") == "" {
			t.Errorf("atom:link MUST have an href")
		}
		if l.attr("rel") == "self" {
			self++
		}
	}
	if self != 1 {
		t.Errorf("feed has %d rel=self links, want 1", self)
	}
	entries := feed.all("entry")
	if want := min(len(s.Timeline.Entries), export.FeedLimit); len(entries) != want {
		t.Errorf("feed has %d entries, want %d (the timeline has %d)", len(entries), want, len(s.Timeline.Entries))
	}
	ids := map[string]bool{}
	for i, e := range entries {
		for _, name := range []string{"id", "title", "updated"} {
			if n := len(e.all(name)); n != 1 {
				t.Errorf("entry %d has %d atom:%s, MUST have exactly one", i, n, name)
			}
		}
		id := e.all("id")[0].Text
		if !isIRI(id) {
			t.Errorf("entry id %q is not an absolute IRI", id)
		}
		if ids[id] {
			t.Errorf("entry id %q is not unique", id)
		}
		ids[id] = true
		if u := e.all("updated")[0].Text; !atomDate(u) {
			t.Errorf("entry updated %q is not an RFC 3339 date-time", u)
		}
		if !feedAuthor && len(e.all("author")) == 0 {
			t.Errorf("entry %q has no author and the feed has none (4.1.1)", id)
		}
		alternates := map[string]int{}
		for _, l := range e.all("link") {
			if l.attr("rel") == "" || l.attr("rel") == "alternate" {
				alternates[l.attr("type")+"|"+l.attr("hreflang")]++
			}
		}
		if len(e.all("content")) == 0 && len(alternates) == 0 {
			t.Errorf("entry %q has neither content nor an alternate link (4.1.2)", id)
		}
		for k, n := range alternates {
			if n > 1 {
				t.Errorf("entry %q has %d alternate links with type|hreflang %q", id, n, k)
			}
		}
		// 4.1.3: content of type html is escaped markup, which must parse.
		for _, c := range e.all("content") {
			if c.attr("type") == "html" && !strings.Contains(c.Text, "<p>") {
				t.Errorf("entry %q: html content does not decode to markup", id)
			}
		}
	}
	// The entry ids are the entries' absolute URLs.
	for _, e := range s.Timeline.Entries {
		if want := s.Config.Absolute(render.SitePath(e)); !ids[want] {
			t.Errorf("no feed entry with id %s", want)
		}
	}
}

// --- JSON Feed 1.1 ---

func TestJSONFeedMusts(t *testing.T) {
	s := exampleSite(t)
	var f map[string]any
	if err := json.Unmarshal(file(t, s, "feed.json"), &f); err != nil {
		t.Fatalf("feed.json is not JSON: %v", err)
	}
	if f["version"] != "https://jsonfeed.org/version/1.1" {
		t.Errorf("version = %v, must be the 1.1 URL", f["version"])
	}
	if title, _ := f["title"].(string); title == "" {
		t.Errorf("title is required")
	}
	for _, k := range []string{"home_page_url", "feed_url"} {
		if u, _ := f[k].(string); !isIRI(u) {
			t.Errorf("%s %q should be an absolute URL", k, u)
		}
	}
	items, ok := f["items"].([]any)
	if !ok {
		t.Fatalf("items is required and must be an array")
	}
	if want := min(len(s.Timeline.Entries), export.FeedLimit); len(items) != want {
		t.Errorf("%d items for %d entries, want %d", len(items), len(s.Timeline.Entries), want)
	}
	seen := map[string]bool{}
	for i, x := range items {
		it := x.(map[string]any)
		id, ok := it["id"].(string)
		if !ok || id == "" {
			t.Errorf("item %d: id is required and must be a string", i)
		}
		if seen[id] {
			t.Errorf("item id %q not unique", id)
		}
		seen[id] = true
		_, html := it["content_html"].(string)
		_, text := it["content_text"].(string)
		if !html && !text {
			t.Errorf("item %q: one of content_html and content_text is required", id)
		}
		for _, k := range []string{"date_published", "date_modified"} {
			if v, ok := it[k]; ok {
				if s, _ := v.(string); !atomDate(s) {
					t.Errorf("item %q: %s %q is not RFC 3339", id, k, v)
				}
			}
		}
		if u, ok := it["url"].(string); ok && !isIRI(u) {
			t.Errorf("item %q: url %q is not absolute", id, u)
		}
		for k := range it {
			switch k {
			case "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
				"banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments":
			default:
				if !strings.HasPrefix(k, "_") {
					t.Errorf("item %q: unknown key %q (extensions must start with _)", id, k)
				}
			}
		}
	}
}

// --- iCalendar (RFC 5545) ---

type icsProp struct {
	name   string
	params map[string]string
	value  string
}

// parseICS checks the physical line rules and returns the unfolded
// content lines.
func parseICS(t *testing.T, b []byte) []icsProp {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Errorf("the last line is not terminated by CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	var logical []string
	for i, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d contains a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long; lines SHOULD be folded at 75 (3.1)", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8 (a fold split a multi-octet sequence): %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(logical) == 0 {
				t.Fatalf("line %d continues nothing", i+1)
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	var out []icsProp
	for _, l := range logical {
		colon := strings.IndexByte(l, ':')
		if colon < 0 {
			t.Errorf("content line without a colon: %q", l)
			continue
		}
		head := strings.Split(l[:colon], ";")
		p := icsProp{name: strings.ToUpper(head[0]), params: map[string]string{}, value: l[colon+1:]}
		for _, kv := range head[1:] {
			k, v, _ := strings.Cut(kv, "=")
			p.params[strings.ToUpper(k)] = v
		}
		out = append(out, p)
	}
	return out
}

// checkText checks TEXT escaping (3.3.11): ';' and ',' are escaped, and a
// backslash starts only the four escapes.
func checkText(t *testing.T, p icsProp) {
	t.Helper()
	v := p.value
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			if i+1 >= len(v) || !strings.ContainsRune(`\;,nN`, rune(v[i+1])) {
				t.Errorf("%s: bad escape at %d in %q", p.name, i, v)
			}
			i++
		case ';':
			t.Errorf("%s: unescaped ';' in %q", p.name, v)
		case ',':
			if p.name != "CATEGORIES" { // a list: commas separate values
				t.Errorf("%s: unescaped ',' in %q", p.name, v)
			}
		}
	}
}

func TestCalendarMusts(t *testing.T) {
	s := exampleSite(t)
	props := parseICS(t, file(t, s, "calendar.ics"))
	if len(props) < 2 || props[0].name != "BEGIN" || props[0].value != "VCALENDAR" || props[len(props)-1].name != "END" {
		t.Fatalf("the stream must be BEGIN:VCALENDAR ... END:VCALENDAR")
	}
	count := func(ps []icsProp, name string) int {
		n := 0
		for _, p := range ps {
			if p.name == name {
				n++
			}
		}
		return n
	}
	// Calendar properties outside components.
	var top []icsProp
	depth := 0
	var events [][]icsProp
	for _, p := range props[1 : len(props)-1] {
		switch {
		case p.name == "BEGIN":
			depth++
			if p.value == "VEVENT" {
				events = append(events, nil)
			}
		case p.name == "END":
			depth--
		case depth == 0:
			top = append(top, p)
		case depth == 1:
			events[len(events)-1] = append(events[len(events)-1], p)
		}
		if p.name == "SUMMARY" || p.name == "DESCRIPTION" || p.name == "LOCATION" || p.name == "CATEGORIES" || p.name == "NAME" {
			checkText(t, p)
		}
	}
	if count(top, "PRODID") != 1 || count(top, "VERSION") != 1 {
		t.Errorf("VCALENDAR MUST have exactly one PRODID and one VERSION")
	}
	for _, p := range top {
		if p.name == "VERSION" && p.value != "2.0" {
			t.Errorf("VERSION = %q, want 2.0", p.value)
		}
	}
	if len(events) == 0 {
		t.Fatalf("no events")
	}
	host := "example.org"
	uids := map[string]bool{}
	for _, ev := range events {
		for _, name := range []string{"UID", "DTSTAMP", "DTSTART"} {
			if count(ev, name) != 1 {
				t.Errorf("VEVENT has %d %s, MUST have exactly one", count(ev, name), name)
			}
		}
		if count(ev, "DTEND") > 0 && count(ev, "DURATION") > 0 {
			t.Errorf("DTEND and DURATION MUST NOT both occur")
		}
		get := func(name string) icsProp {
			for _, p := range ev {
				if p.name == name {
					return p
				}
			}
			return icsProp{}
		}
		uid := get("UID").value
		if uids[uid] {
			t.Errorf("UID %q is not unique", uid)
		}
		uids[uid] = true
		if st := get("DTSTAMP").value; !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(st) {
			t.Errorf("DTSTAMP %q MUST be a UTC date-time", st)
		}
		id, ok := strings.CutSuffix(uid, "@"+host)
		e := s.Timeline.Entry(id)
		if !ok || e == nil {
			t.Errorf("UID %q does not name an entry", uid)
			continue
		}
		start, end := get("DTSTART"), get("DTEND")
		if start.params["VALUE"] == "DATE" {
			// An all-day event: DATE values, DTEND the day after the last.
			if end.params["VALUE"] != "DATE" {
				t.Errorf("%s: DTEND must have the same value type as DTSTART", id)
			}
			first := e.Date.Lower().Format("20060102")
			lastPlusOne := e.Date.Upper().AddDate(0, 0, 1).Format("20060102")
			if start.value != first || end.value != lastPlusOne {
				t.Errorf("%s (%s): DTSTART/DTEND = %s/%s, want %s/%s (exclusive end)", id, e.Date, start.value, end.value, first, lastPlusOne)
			}
			if end.value <= start.value {
				t.Errorf("%s: DTEND MUST be later than DTSTART", id)
			}
		}
		if e.Date.Precision() < edtf.Day {
			t.Errorf("%s: an entry known only to the %s is listed", id, e.Date.Precision())
		}
	}
	// Every day-precise closed entry is listed.
	for _, e := range s.Timeline.Entries {
		d := e.Date
		dayPrecise := d.Start.Precision >= edtf.Day && d.End.Precision >= edtf.Day && d.Start.Unspecified == "" && d.End.Unspecified == "" &&
			!d.OpenEnd && !d.UnknownEnd && !d.OpenStart && !d.UnknownStart
		if dayPrecise && !uids[e.ID+"@"+host] {
			t.Errorf("day-precise entry %s (%s) is missing from the calendar", e.ID, d)
		}
	}
}

// --- sitemaps.org ---

func TestSitemapProtocol(t *testing.T) {
	s := exampleSite(t)
	checkSitemap(t, s, file(t, s, "sitemap.xml"))

	// Locations are entity-escaped: a base URL with '&' must come back intact.
	site := smallSite(`base_url = "https://example.org/a&b/"`, "A title", "2026-03-10")
	s2, err := build.Build(site, dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := file(t, s2, "sitemap.xml")
	if bytes.Contains(raw, []byte("a&b")) || !bytes.Contains(raw, []byte("a&amp;b")) {
		t.Errorf("'&' in a location is not entity-escaped")
	}
	locs := checkSitemap(t, s2, raw)
	if !locs["https://example.org/a&b/entries/2026-03-10-an-entry/"] {
		t.Errorf("sitemap lost the escaped base URL: %v", locs)
	}
}

func checkSitemap(t *testing.T, s *build.Site, raw []byte) map[string]bool {
	t.Helper()
	if !bytes.HasPrefix(raw, []byte("<?xml")) || !utf8.Valid(raw) {
		t.Errorf("a sitemap must be UTF-8 XML")
	}
	if len(raw) > 50<<20 {
		t.Errorf("sitemap larger than 50 MB")
	}
	var set xElem
	if err := xml.Unmarshal(raw, &set); err != nil {
		t.Fatalf("sitemap.xml is not XML: %v", err)
	}
	if set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || set.XMLName.Local != "urlset" {
		t.Fatalf("root is %v, want the sitemap urlset", set.XMLName)
	}
	urls := set.all("url")
	if len(urls) == 0 || len(urls) > 50000 {
		t.Fatalf("%d URLs; a sitemap holds 1 to 50,000", len(urls))
	}
	base, _ := url.Parse(s.Config.BaseURL)
	locs := map[string]bool{}
	for _, u := range urls {
		l := u.all("loc")
		if len(l) != 1 {
			t.Errorf("<url> MUST have one <loc>")
			continue
		}
		loc := l[0].Text
		p, err := url.Parse(loc)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host != base.Host || len(loc) >= 2048 {
			t.Errorf("loc %q must be an absolute URL on the site's host, under 2048 characters", loc)
		}
		if locs[loc] {
			t.Errorf("loc %q listed twice", loc)
		}
		locs[loc] = true
	}
	// Every entry and source page is listed, and no embed page.
	for _, e := range s.Timeline.Entries {
		if !locs[s.Config.Absolute(render.SitePath(e))] {
			t.Errorf("entry page of %s missing", e.ID)
		}
	}
	for _, src := range s.Timeline.Sources {
		if !locs[s.Config.Absolute(render.SitePath(src))] {
			t.Errorf("source page of %s missing", src.ID)
		}
	}
	for l := range locs {
		if strings.Contains(l, "/embed/") {
			t.Errorf("embed page %s listed (its canonical is the full page)", l)
		}
	}
	return locs
}

// smallSite is a one-entry site for edge cases.
func smallSite(siteTOML, title, date string) fstest.MapFS {
	return fstest.MapFS{
		"site.toml":                              {Data: []byte("title = " + fmt.Sprintf("%q", title) + "\n" + siteTOML + "\n")},
		"content/sources/report.md":              {Data: []byte("+++\ntitle = \"A report\"\noutlet = \"Example News\"\npublished = \"2026-03-11\"\n+++\nOn Tuesday the delegations met in Geneva, the report says.\n")},
		"content/entries/2026-03-10-an-entry.md": {Data: []byte("+++\ntitle = " + fmt.Sprintf("%q", title) + "\ndate = \"" + date + "\"\n\n[[evidence]]\nsource = \"report\"\nquote = \"the delegations met in Geneva\"\n+++\nThe delegations met; see [the report](source:report).\n")},
	}
}

// --- oEmbed 1.0 ---

func TestOEmbedResponses(t *testing.T) {
	s := exampleSite(t)
	ems := render.Embeddables(s.Timeline)
	if len(ems) != 1+len(s.Timeline.Entries)+len(s.Timeline.Actors)+len(s.Timeline.Places)+len(s.Timeline.Topics)+len(s.Timeline.Threads) {
		t.Errorf("%d embeddables: want the timeline, every entry and every record", len(ems))
	}
	for _, em := range ems {
		var r map[string]any
		if err := json.Unmarshal(file(t, s, em.OEmbedPath()), &r); err != nil {
			t.Fatalf("%s: %v", em.OEmbedPath(), err)
		}
		// 2.3.4: type and version required; rich needs html, width, height.
		if r["type"] != "rich" || r["version"] != "1.0" {
			t.Errorf("%s: type/version = %v/%v", em.OEmbedPath(), r["type"], r["version"])
		}
		html, _ := r["html"].(string)
		for _, k := range []string{"width", "height"} {
			if v, ok := r[k].(float64); !ok || v <= 0 || v != float64(int(v)) {
				t.Errorf("%s: %s must be a positive integer, got %v", em.OEmbedPath(), k, r[k])
			}
		}
		src := regexp.MustCompile(`<iframe src="([^"]+)"`).FindStringSubmatch(html)
		if src == nil || src[1] != s.Config.Absolute(em.Path()) {
			t.Errorf("%s: html must frame %s, got %q", em.OEmbedPath(), s.Config.Absolute(em.Path()), html)
		}
		if _, ok := s.Files[em.Path()+"index.html"]; !ok {
			t.Errorf("%s: the framed page %sindex.html is not built", em.OEmbedPath(), em.Path())
		}
		if ca, ok := r["cache_age"].(float64); !ok || ca <= 0 {
			t.Errorf("%s: cache_age %v", em.OEmbedPath(), r["cache_age"])
		}
	}
}

// --- TimelineJS3 JSON ---

func TestTimelineJSExport(t *testing.T) {
	s := exampleSite(t)
	var doc struct {
		Title  map[string]any `json:"title"`
		Events []struct {
			StartDate   map[string]string `json:"start_date"`
			EndDate     map[string]string `json:"end_date"`
			DisplayDate string            `json:"display_date"`
			Group       string            `json:"group"`
			UniqueID    string            `json:"unique_id"`
			Text        struct{ Headline, Text string }
		} `json:"events"`
		Eras []struct {
			StartDate map[string]string `json:"start_date"`
			EndDate   map[string]string `json:"end_date"`
			Text      struct{ Headline string }
		} `json:"eras"`
	}
	if err := json.Unmarshal(file(t, s, "timelinejs.json"), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Title == nil {
		t.Errorf("no title slide")
	}
	if len(doc.Events) != len(s.Timeline.Entries) {
		t.Fatalf("%d events for %d entries", len(doc.Events), len(s.Timeline.Entries))
	}
	for i, ev := range doc.Events {
		e := s.Timeline.Entry(ev.UniqueID)
		if e == nil {
			t.Errorf("event %d: unique_id %q is no entry", i, ev.UniqueID)
			continue
		}
		// Parts present are exactly the precision of the start.
		p := e.Date.Start
		if e.Date.OpenStart || e.Date.UnknownStart {
			p = e.Date.End
		}
		want := []string{"year"}
		if p.Precision >= edtf.Month {
			want = append(want, "month")
		}
		if p.Precision >= edtf.Day {
			want = append(want, "day")
		}
		if p.HasTime {
			want = append(want, "hour", "minute")
		}
		if len(ev.StartDate) != len(want) {
			t.Errorf("%s (%s): start_date %v, want exactly %v", e.ID, e.Date, ev.StartDate, want)
		}
		for _, k := range want {
			if ev.StartDate[k] == "" {
				t.Errorf("%s: start_date lacks %s", e.ID, k)
			}
		}
		if ev.StartDate["year"] != fmt.Sprint(p.Year) {
			t.Errorf("%s: year %s, want %d", e.ID, ev.StartDate["year"], p.Year)
		}
		qualified := e.Date.Uncertain() || e.Date.Approximate() || e.Date.Interval
		if qualified && ev.DisplayDate != e.Date.Display() {
			t.Errorf("%s: display_date %q, want %q", e.ID, ev.DisplayDate, e.Date.Display())
		}
		if !qualified && ev.DisplayDate != "" && ev.DisplayDate != e.Date.Display() {
			t.Errorf("%s: display_date %q for a plain date", e.ID, ev.DisplayDate)
		}
		if len(e.Topics) > 0 && ev.Group != e.Topics[0].Name {
			t.Errorf("%s: group %q, want the first topic %q", e.ID, ev.Group, e.Topics[0].Name)
		}
		if strings.Contains(ev.Text.Text, `href="../`) || strings.Contains(ev.Text.Text, `href="entries/`) {
			t.Errorf("%s: relative link in the slide text", e.ID)
		}
	}
	threads := 0
	for _, th := range s.Timeline.Threads {
		if len(th.Entries) > 0 {
			threads++
		}
	}
	if len(doc.Eras) != threads {
		t.Errorf("%d eras for %d threads with entries", len(doc.Eras), threads)
	}
	for _, th := range s.Timeline.Threads {
		if len(th.Entries) == 0 {
			continue
		}
		if _, ok := s.Files["threads/"+th.ID+"/timelinejs.json"]; !ok {
			t.Errorf("no timelinejs.json for thread %s", th.ID)
		}
	}
}

// --- JSON-LD ---

var ldRE = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)

func jsonLD(t *testing.T, page []byte) map[string]any {
	t.Helper()
	m := ldRE.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no JSON-LD in page")
	}
	var v map[string]any
	if err := json.Unmarshal(m[1], &v); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	if v["@context"] != "https://schema.org" {
		t.Errorf("@context = %v", v["@context"])
	}
	return v
}

func TestJSONLD(t *testing.T) {
	s := exampleSite(t)
	tl := jsonLD(t, file(t, s, "index.html"))
	if tl["@type"] != "CollectionPage" {
		t.Errorf("timeline @type = %v", tl["@type"])
	}
	list := tl["mainEntity"].(map[string]any)
	items := list["itemListElement"].([]any)
	if list["@type"] != "ItemList" || len(items) != len(s.Timeline.Entries) {
		t.Errorf("ItemList with %d items for %d entries", len(items), len(s.Timeline.Entries))
	}
	for _, it := range items {
		if ev := it.(map[string]any)["item"].(map[string]any); ev["@type"] != "Event" || ev["startDate"] == nil {
			t.Errorf("list item is not an Event with a startDate: %v", ev)
		}
	}
	if cov, _ := tl["temporalCoverage"].(string); !strings.Contains(cov, "/") {
		t.Errorf("temporalCoverage %q is not an interval", cov)
	} else if _, err := edtf.Parse(cov); err != nil {
		t.Errorf("temporalCoverage %q is not ISO 8601-2/EDTF: %v", cov, err)
	}
	for _, e := range s.Timeline.Entries {
		ev := jsonLD(t, file(t, s, render.SitePath(e)+"index.html"))
		if ev["@type"] != "Event" || ev["name"] != e.Title || ev["startDate"] != e.Date.Datetime() {
			t.Errorf("%s: %v %v %v", e.ID, ev["@type"], ev["name"], ev["startDate"])
		}
	}
	for _, src := range s.Timeline.Sources {
		art := jsonLD(t, file(t, s, render.SitePath(src)+"index.html"))
		if art["@type"] != "NewsArticle" {
			t.Errorf("%s: @type %v", src.ID, art["@type"])
		}
		inferred := src.Published.Uncertain() || src.Published.Approximate() || src.Published.Interval || src.Published.IsZero()
		_, has := art["datePublished"]
		if inferred && has {
			t.Errorf("%s: datePublished given for an inferred date %s", src.ID, src.Published)
		}
		if !inferred && !has {
			t.Errorf("%s: datePublished missing for the stated date %s", src.ID, src.Published)
		}
	}
	wantType := map[string]string{"person": "Person", "state": "Country", "country": "Country", "organisation": "Organization"}
	for _, a := range s.Timeline.Actors {
		ld := jsonLD(t, file(t, s, render.SitePath(a)+"index.html"))
		if w, ok := wantType[a.Type]; ok && ld["@type"] != w {
			t.Errorf("actor %s of kind %s: @type %v, want %s", a.ID, a.Type, ld["@type"], w)
		}
		alt, _ := ld["alternateName"].([]any)
		for _, al := range a.Aliases {
			found := al == a.Name
			for _, x := range alt {
				found = found || strings.EqualFold(x.(string), al)
			}
			if !found {
				t.Errorf("actor %s: alias %q not in alternateName", a.ID, al)
			}
		}
	}
}

// A title that tries to close the script element stays inside the JSON.
func TestJSONLDEscaping(t *testing.T) {
	evil := `</script><script>alert(1)</script> & “quotes”`
	s, err := build.Build(smallSite(`base_url = "https://example.org/"`, evil, "2026-03-10"), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := file(t, s, "entries/2026-03-10-an-entry/index.html")
	// jsonLD reads up to the first "</script": had the title ended the
	// element early, the JSON would not parse or would lose the name.
	if ev := jsonLD(t, page); ev["name"] != evil {
		t.Errorf("name = %q, want %q", ev["name"], evil)
	}
}

// --- Embed pages ---

var (
	tagRE  = regexp.MustCompile(`<(a|link|script|img|iframe)\b[^>]*>`)
	attrRE = regexp.MustCompile(`\b(href|src|target|rel)="?([^" >]*)`)
)

func TestEmbedPages(t *testing.T) {
	s := exampleSite(t)
	for _, em := range render.Embeddables(s.Timeline) {
		name := em.Path() + "index.html"
		page := string(file(t, s, name))
		if !strings.Contains(page, `<link rel="canonical" href="`+s.Config.Absolute(em.Page)+`"`) {
			t.Errorf("%s: no canonical link to %s", name, s.Config.Absolute(em.Page))
		}
		if !strings.Contains(page, `type="application/json+oembed"`) {
			t.Errorf("%s: no oEmbed discovery link", name)
		}
		for _, tag := range tagRE.FindAllStringSubmatch(page, -1) {
			attrs := map[string]string{}
			for _, a := range attrRE.FindAllStringSubmatch(tag[0], -1) {
				attrs[a[1]] = a[2]
			}
			ref := attrs["href"] + attrs["src"]
			switch tag[1] {
			case "a":
				if attrs["target"] != "_blank" || !strings.Contains(attrs["rel"], "noopener") {
					t.Errorf("%s: link does not open outside the frame: %s", name, tag[0])
				}
			case "link":
				if strings.Contains(tag[0], "canonical") || strings.Contains(tag[0], "oembed") {
					continue
				}
				fallthrough
			default:
				// Resources load from the site itself only.
				if strings.Contains(ref, "//") {
					t.Errorf("%s: third-party resource %s", name, tag[0])
				}
			}
		}
		if strings.Contains(page, "document.cookie") || strings.Contains(page, "localStorage") {
			t.Errorf("%s: stores state in the reader's browser", name)
		}
	}
	// The loaders themselves make no requests and set no cookies.
	for _, js := range []string{"embed.js", "embed-frame.js"} {
		b := string(file(t, s, js))
		for _, bad := range []string{"fetch(", "XMLHttpRequest", "document.cookie", "localStorage", "http://", "https://"} {
			if strings.Contains(b, bad) {
				t.Errorf("%s contains %q", js, bad)
			}
		}
	}
	// Full pages offer the embed code and the discovery link.
	for _, p := range []string{"index.html", "entries/" + s.Timeline.Entries[0].ID + "/index.html", "threads/" + s.Timeline.Threads[0].ID + "/index.html"} {
		page := string(file(t, s, p))
		if !strings.Contains(page, "application/json+oembed") || !strings.Contains(page, "<textarea") || !strings.Contains(page, "data-dateline-embed") {
			t.Errorf("%s: no oEmbed link or embed code", p)
		}
	}
}

// --- Determinism ---

func TestExportsIgnoreTheClock(t *testing.T) {
	a, b := exampleSite(t), exampleSite(t)
	for _, f := range []string{"feed.xml", "feed.json", "calendar.ics", "timelinejs.json", "sitemap.xml"} {
		if !bytes.Equal(a.Files[f], b.Files[f]) {
			t.Errorf("%s differs between two builds of the same content", f)
		}
	}
	// The feed's updated instant is the latest date in the content.
	var latest time.Time
	for _, e := range a.Timeline.Entries {
		for _, src := range e.Sources() {
			if lo := src.Published.Lower(); lo.After(latest) {
				latest = lo
			}
		}
		if lo := e.Date.Lower(); lo.After(latest) {
			latest = lo
		}
	}
	if got := export.FeedUpdated(a.Timeline); !got.Equal(latest) {
		t.Errorf("FeedUpdated = %v, want the latest content date %v", got, latest)
	}
	// It is the latest of the entries' Updated, as the feeds state them.
	u := time.Unix(0, 0).UTC()
	for _, e := range a.Timeline.Entries {
		if x := export.Updated(e); x.After(u) {
			u = x
		}
	}
	if got := export.FeedUpdated(a.Timeline); got.String() != u.String() {
		t.Errorf("FeedUpdated = %v, want the latest Updated %v", got, u)
	}
}

// Feeds carry the FeedLimit latest entries, latest first; timeline.json and
// the calendar keep every entry.
func TestFeedsCarryTheLatestEntries(t *testing.T) {
	t.Parallel()
	n := export.FeedLimit + 30
	site := fstest.MapFS{
		"site.toml":            {Data: []byte("title = \"Many\"\nbase_url = \"https://example.org/\"\n")},
		"content/actors.toml":  {Data: []byte("[a]\nname = \"A\"\n")},
		"content/sources/s.md": {Data: []byte("+++\ntitle = \"S\"\noutlet = \"O\"\npublished = \"2020-01-01\"\n+++\nThe talks resumed.\n")},
	}
	for i := range n {
		site[fmt.Sprintf("content/entries/e%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"+++\ntitle = \"Event %d\"\ndate = \"%s\"\nactors = [\"a\"]\n\n[[evidence]]\nsource = \"s\"\nquote = \"The talks resumed.\"\n+++\nSummary %d.\n",
			i, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"), i))}
	}
	s, err := build.Build(site, dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("%v\n%v", err, s.Problems)
	}
	var jf struct {
		Items []struct {
			Title string `json:"title"`
		} `json:"items"`
	}
	if err := json.Unmarshal(file(t, s, "feed.json"), &jf); err != nil {
		t.Fatal(err)
	}
	var atom struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(file(t, s, "feed.xml"), &atom); err != nil {
		t.Fatal(err)
	}
	if len(jf.Items) != export.FeedLimit || len(atom.Entries) != export.FeedLimit {
		t.Fatalf("feeds have %d and %d items, want %d", len(jf.Items), len(atom.Entries), export.FeedLimit)
	}
	for i := range export.FeedLimit {
		want := fmt.Sprintf("Event %d", n-1-i)
		if jf.Items[i].Title != want || atom.Entries[i].Title != want {
			t.Fatalf("item %d is %q / %q, want %q (latest first)", i, jf.Items[i].Title, atom.Entries[i].Title, want)
		}
	}
	var tl struct {
		Entries []json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(file(t, s, "timeline.json"), &tl); err != nil {
		t.Fatal(err)
	}
	if len(tl.Entries) != n {
		t.Errorf("timeline.json has %d entries, want all %d", len(tl.Entries), n)
	}
}

// --- Control characters ---

// No export carries a control character (U+0000–U+001F but tab and
// newline, and U+007F), raw or escaped, whichever field it was written in:
// RFC 5545 and XML 1.0 forbid them, and JSON consumers pass them on. The
// rest of each field's text is kept.
func TestExportsCarryNoControlCharacters(t *testing.T) {
	// In TOML strings as escapes (\u0001 ...), in bodies as raw bytes.
	const esc = `\u0001\u0008\u000b\u000c\u000d\u001b\u007f`
	raw := "\x01\x08\x1b\x7f" // CR, VT and FF are Markdown line ends or spaces
	site := fstest.MapFS{
		"site.toml": {Data: []byte(`title = "Site` + esc + `title"
description = "Site` + esc + `description"
author = "Site` + esc + `author"
copyright = "Site` + esc + `copyright"
base_url = "https://example.org/"
`)},
		"content/sources/report.md":              {Data: []byte("+++\ntitle = \"Report" + esc + "title\"\noutlet = \"Outlet" + esc + "name\"\npublished = \"2026-03-11\"\nauthors = [\"Author" + esc + "name\"]\n+++\nOn Tuesday the delegations met" + raw + " in Geneva, the report says.\n")},
		"content/actors.toml":                    {Data: []byte("[envoy]\nname = \"Actor" + esc + "name\"\ndescription = \"Actor" + esc + "description\"\n")},
		"content/places.toml":                    {Data: []byte("[geneva]\nname = \"Place" + esc + "name\"\nlat = 46.2\nlon = 6.1\n")},
		"content/topics.toml":                    {Data: []byte("[talks]\nname = \"Topic" + esc + "name\"\n")},
		"content/threads.toml":                   {Data: []byte("[round]\nname = \"Thread" + esc + "name\"\ndescription = \"Thread" + esc + "description\"\n")},
		"content/entries/2026-03-10-an-entry.md": {Data: []byte("+++\ntitle = \"Entry" + esc + "title\"\ndate = \"2026-03-10\"\nactors = [\"envoy\"]\nplaces = [\"geneva\"]\ntopics = [\"talks\"]\nthread = \"round\"\n\n[[evidence]]\nsource = \"report\"\nquote = \"the delegations met\\u0001\\u0008\\u001b\\u007f in Geneva\"\n+++\nEntry" + raw + "summary; see [the report](source:report).\n")},
	}
	s, err := build.Build(site, dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	escaped := regexp.MustCompile(`\\u00[01][0-9a-fA-F]|\\[bfr]`)
	checked := 0
	for name, b := range s.Files {
		var what []byte // the export's text
		switch {
		case strings.HasSuffix(name, ".json"), strings.HasSuffix(name, ".xml"), strings.HasSuffix(name, ".ics"):
			what = b
		case strings.HasSuffix(name, ".html"):
			if !bytes.Contains(b, []byte(`application/ld+json`)) {
				continue
			}
			what = []byte(jsonLDText(t, b))
		default:
			continue
		}
		checked++
		if strings.HasSuffix(name, ".ics") {
			what = bytes.ReplaceAll(what, []byte("\r\n"), nil) // its line ends
		}
		if i := bytes.IndexFunc(what, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f }); i >= 0 {
			t.Errorf("%s: control character %q at byte %d: …%s…", name, what[i], i, what[max(0, i-30):min(len(what), i+30)])
		}
		if !strings.HasSuffix(name, ".ics") {
			if m := escaped.Find(what); m != nil && !bytes.Equal(m, []byte(`\u0009`)) && !bytes.Equal(m, []byte(`\u000a`)) {
				t.Errorf("%s: escaped control character %s", name, m)
			}
		}
		if bytes.Contains(what, []byte("\uFFFD")) {
			t.Errorf("%s: a control character became U+FFFD", name)
		}
	}
	// Each export, each with the text around the payloads kept.
	for name, want := range map[string][]string{
		"calendar.ics":                  {"Sitetitle", "Sitedescription", "Entrytitle", "Entrysummary", "Reporttitle", "Placename", "Topicname"},
		"feed.xml":                      {"Sitetitle", "Sitedescription", "Siteauthor", "Sitecopyright", "Entrytitle", "Entrysummary", "Topicname"},
		"feed.json":                     {"Sitetitle", "Sitedescription", "Siteauthor", "Entrytitle", "Entrysummary", "Topicname"},
		"timelinejs.json":               {"Sitetitle", "Entrytitle", "Entrysummary", "Threadname", "Reporttitle", "Outletname"},
		"threads/round/timelinejs.json": {"Threadname", "Entrytitle"},
		"timeline.json":                 {"Sitetitle", "Entrytitle", "Reporttitle", "Outletname", "Authorname", "Actorname", "Actordescription", "Placename", "Topicname", "Threadname", "delegations met in Geneva"},
		"embed/entries/2026-03-10-an-entry/oembed.json": {"Sitetitle", "Siteauthor", "Entrytitle"},
	} {
		b := string(file(t, s, name))
		if strings.HasSuffix(name, ".ics") {
			b = strings.ReplaceAll(b, "\r\n ", "") // unfold
		}
		for _, w := range want {
			if !strings.Contains(b, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
	for page, want := range map[string][]string{
		"entries/2026-03-10-an-entry/index.html": {"Entrytitle", "Entrysummary", "Reporttitle", "Actorname", "Actordescription", "Placename", "Topicname"},
		"sources/report/index.html":              {"Reporttitle", "Outletname"},
		"actors/envoy/index.html":                {"Actorname"},
		"index.html":                             {"Sitetitle", "Sitedescription"},
	} {
		ld := jsonLDText(t, file(t, s, page))
		for _, w := range want {
			if !strings.Contains(ld, w) {
				t.Errorf("%s: JSON-LD lacks %q", page, w)
			}
		}
	}
	if checked < 8 {
		t.Errorf("checked only %d files", checked)
	}
}

// jsonLDText returns the JSON-LD script of an HTML page.
func jsonLDText(t *testing.T, page []byte) string {
	t.Helper()
	_, rest, ok := strings.Cut(string(page), `application/ld+json">`)
	if !ok {
		_, rest, ok = strings.Cut(string(page), `application/ld+json>`)
	}
	body, _, ok2 := strings.Cut(rest, "</script")
	if !ok || !ok2 {
		t.Fatalf("no JSON-LD script in %.200s", page)
	}
	return body
}

// --- Years outside 0001-9999 ---

// Dates before AD 1 and after 9999 are shown and ordered, but the formats
// that write four-digit years (iCalendar, RFC 3339 in Atom and JSON Feed,
// HTML and schema.org datetimes) cannot carry them: the calendar leaves the
// entries out and says how many, the feeds' instants ignore those dates.
func TestYearsOutsideTheCommonEra(t *testing.T) {
	entry := func(title, date string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\ndate = \"" + date + "\"\n\n[[evidence]]\nsource = \"report\"\nquote = \"the delegations met in Geneva\"\n+++\n" + title + ".\n")}
	}
	site := fstest.MapFS{
		"site.toml":                 {Data: []byte("title = \"Deep\"\nbase_url = \"https://example.org/\"\n")},
		"content/sources/report.md": {Data: []byte("+++\ntitle = \"A report\"\noutlet = \"Example News\"\npublished = \"2026-03-11\"\n+++\nOn Tuesday the delegations met in Geneva, the report says.\n")},
		"content/entries/euclid.md": entry("Euclid", "-0299"),
		"content/entries/caesar.md": entry("Caesar", "-0043-03-15"),
		"content/entries/future.md": entry("Far future", "Y17000"),
		"content/entries/talks.md":  entry("Talks", "2026-03-10"),
	}
	s, err := build.Build(site, dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range s.Timeline.Entries {
		order = append(order, e.ID)
	}
	if got := strings.Join(order, " "); got != "euclid caesar talks future" {
		t.Errorf("order %s", got)
	}

	props := parseICS(t, file(t, s, "calendar.ics"))
	events, desc := 0, ""
	for _, p := range props {
		if p.name == "BEGIN" && p.value == "VEVENT" {
			events++
		}
		if p.name == "X-WR-CALDESC" {
			desc = p.value
		}
	}
	if events != 1 || !strings.Contains(desc, `3 entries dated before AD 1 or after 9999\, which a calendar cannot hold\, are not listed here`) {
		t.Errorf("calendar: %d events, description %q", events, desc)
	}

	fourDigits := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	feed := string(file(t, s, "feed.xml"))
	for _, m := range regexp.MustCompile(`<updated>([^<]*)</updated>`).FindAllStringSubmatch(feed, -1) {
		if !fourDigits.MatchString(m[1]) || m[1] != "2026-03-11T00:00:00Z" {
			t.Errorf("feed.xml updated %q: want the report's date, the latest an RFC 3339 date can state", m[1])
		}
	}
	var jf struct {
		Items []struct {
			DateModified string                         `json:"date_modified"`
			Dateline     struct{ Date, Display string } `json:"_dateline"`
		} `json:"items"`
	}
	if err := json.Unmarshal(file(t, s, "feed.json"), &jf); err != nil {
		t.Fatal(err)
	}
	displays := map[string]bool{}
	for _, it := range jf.Items {
		if !fourDigits.MatchString(it.DateModified) {
			t.Errorf("feed.json date_modified %q", it.DateModified)
		}
		displays[it.Dateline.Display] = true
	}
	for _, d := range []string{"300 BC", "15 March 44 BC", "17,000"} {
		if !displays[d] {
			t.Errorf("feed.json lacks the display %q: %v", d, displays)
		}
	}
	for _, id := range []string{"euclid", "caesar", "future"} {
		page := file(t, s, "entries/"+id+"/index.html")
		if ld := jsonLD(t, page); ld["startDate"] != nil {
			t.Errorf("%s: JSON-LD startDate %v", id, ld["startDate"])
		}
		for _, m := range regexp.MustCompile(`datetime(?:="([^"]*)")?`).FindAllSubmatch(page, -1) {
			if !regexp.MustCompile(`^\d{4}(-|$)`).Match(m[1]) {
				t.Errorf("%s: datetime=%q, which HTML cannot read", id, m[1])
			}
		}
	}
	if idx := string(file(t, s, "index.html")); !strings.Contains(idx, ">300 BC") || !strings.Contains(idx, ">44 BC") || !strings.Contains(idx, ">17,000") {
		t.Error("the timeline's year headings do not read 300 BC, 44 BC and 17,000")
	}
}
