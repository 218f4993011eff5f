package build_test

// A reusable checker for a built site in memory (output.Files): every
// internal href/src resolves to an output file (and every #fragment to an id
// on that page), no page makes a third-party request, pages carry the
// landmarks and headings a reader needs, and <time datetime> values are
// valid HTML dates. Tests call checkSite and report what it returns.

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"dateline/internal/output"
)

// element is one start tag with its attributes (entities decoded), plus the
// text up to the next tag, which is what <style> and <script> hold.
type element struct {
	name  string
	attrs [][2]string // key (lower-case), value; in order, repeats kept
	text  string
}

// attr returns the first value of the attribute key.
func (el element) attr(key string) (string, bool) {
	for _, a := range el.attrs {
		if a[0] == key {
			return a[1], true
		}
	}
	return "", false
}

// value is attr's value, "" when there is none.
func (el element) value(key string) string {
	v, _ := el.attr(key)
	return v
}

// parseHTML lexes a page into its start tags, in order.
func parseHTML(b []byte) []element {
	// The lexer writes a sentinel past the end of its input, and files
	// are read by parallel tests: lex a copy.
	l := htmllex.NewLexer(parse.NewInputBytes(bytes.Clone(b)))
	var out []element
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return out
		case htmllex.StartTagToken:
			out = append(out, element{name: strings.ToLower(string(l.Text()))})
		case htmllex.AttributeToken:
			if len(out) > 0 {
				v := string(l.AttrVal())
				if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
					v = v[1 : len(v)-1]
				}
				out[len(out)-1].attrs = append(out[len(out)-1].attrs, [2]string{strings.ToLower(string(l.AttrKey())), html.UnescapeString(v)})
			}
		case htmllex.TextToken:
			if len(out) > 0 {
				out[len(out)-1].text += string(data)
			}
		}
	}
}

// siteChecker checks one site. base is the site's base URL (absolute or a
// root-relative path, ending in "/"): links under it are internal.
type siteChecker struct {
	files output.Files
	base  *url.URL
	pages map[string][]element // parsed HTML pages by output path
	ids   map[string]map[string]bool
	out   []string
}

func (c *siteChecker) errorf(page, format string, args ...any) {
	c.out = append(c.out, page+": "+fmt.Sprintf(format, args...))
}

// checkSite returns every problem found in files, sorted.
func checkSite(files output.Files, baseURL string) []string {
	base, err := url.Parse(baseURL)
	if err != nil {
		return []string{fmt.Sprintf("bad base URL %q: %v", baseURL, err)}
	}
	c := &siteChecker{files: files, base: base, pages: map[string][]element{}, ids: map[string]map[string]bool{}}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			els := parseHTML(data)
			c.pages[name] = els
			ids := map[string]bool{}
			for _, el := range els {
				if id, ok := el.attr("id"); ok {
					if ids[id] {
						c.errorf(name, "duplicate id %q", id)
					}
					ids[id] = true
				}
			}
			c.ids[name] = ids
		}
	}
	for name, els := range c.pages {
		c.links(name, els)
		c.external(name, els)
		c.structure(name, els)
		c.datetimes(name, els)
	}
	for name, data := range files {
		if strings.HasSuffix(name, ".css") {
			c.css(name, string(data))
		}
	}
	slices.Sort(c.out)
	return c.out
}

// resolve maps a link found on page to the output file and fragment it
// names. external reports a link that leaves the site.
func (c *siteChecker) resolve(page, ref string) (file, frag string, external bool, err error) {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", "", false, err
	}
	pageURL := c.base.ResolveReference(&url.URL{Path: strings.TrimSuffix(page, "index.html")})
	if strings.HasSuffix(page, ".html") && !strings.HasSuffix(page, "index.html") {
		pageURL = c.base.ResolveReference(&url.URL{Path: page})
	}
	abs := pageURL.ResolveReference(u)
	if abs.Scheme != c.base.Scheme || abs.Host != c.base.Host || !strings.HasPrefix(abs.Path, c.base.Path) {
		return "", "", true, nil
	}
	p := strings.TrimPrefix(abs.Path, c.base.Path)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return path.Clean(p), abs.Fragment, false, nil
}

func (c *siteChecker) links(page string, els []element) {
	for _, el := range els {
		for _, attr := range []string{"href", "src", "cite", "action", "poster"} {
			ref, ok := el.attr(attr)
			if !ok {
				continue
			}
			if ref == "" && el.name != "a" {
				c.errorf(page, "<%s> has an empty %s", el.name, attr)
				continue
			}
			// An empty href is the page itself (the minifier writes the
			// root page's own link as a bare href).
			if strings.HasPrefix(ref, "mailto:") {
				continue
			}
			if s := strings.ToLower(ref); strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "data:") || strings.HasPrefix(s, "vbscript:") {
				c.errorf(page, "<%s %s=%q>: scheme not allowed", el.name, attr, ref)
				continue
			}
			file, frag, external, err := c.resolve(page, ref)
			switch {
			case err != nil:
				c.errorf(page, "<%s %s=%q>: %v", el.name, attr, ref, err)
			case external:
				// Leaving the site is fine for a link a reader follows;
				// requests are checked by external().
			case c.files[file] == nil:
				c.errorf(page, "<%s %s=%q>: no output file %s", el.name, attr, ref, file)
			case frag != "" && strings.HasSuffix(file, ".html") && !c.ids[file][frag]:
				c.errorf(page, "<%s %s=%q>: no id %q in %s", el.name, attr, ref, frag, file)
			}
		}
	}
}

// fetched reports whether the browser requests the resource of an element
// when it shows the page (as opposed to a link a reader may follow).
func fetched(el element) (attr string, ok bool) {
	switch el.name {
	case "script", "img", "iframe", "audio", "video", "source", "track", "embed", "input":
		return "src", true
	case "object":
		return "data", true
	case "link":
		// canonical and alternate name the page and its data; the browser
		// does not fetch them.
		for _, rel := range strings.Fields(strings.ToLower(el.value("rel"))) {
			if rel != "canonical" && rel != "alternate" {
				return "href", true
			}
		}
	}
	return "", false
}

var externalRE = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]`)

func (c *siteChecker) external(page string, els []element) {
	for _, el := range els {
		if attr, ok := fetched(el); ok {
			if ref := el.value(attr); ref != "" {
				if _, _, external, _ := c.resolve(page, ref); external || externalRE.MatchString(ref) {
					c.errorf(page, "<%s %s=%q> requests another host", el.name, attr, ref)
				}
			}
		}
		if srcset, ok := el.attr("srcset"); ok && externalRE.MatchString(srcset) {
			c.errorf(page, "<%s srcset=%q> requests another host", el.name, srcset)
		}
		if style, ok := el.attr("style"); ok {
			c.cssText(page, "style attribute", style)
		}
		if el.name == "style" {
			c.cssText(page, "<style>", el.text)
		}
	}
}

var cssURLRE = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")]*)`)

func (c *siteChecker) cssText(page, where, css string) {
	if strings.Contains(strings.ToLower(css), "@import") {
		c.errorf(page, "%s uses @import", where)
	}
	for _, m := range cssURLRE.FindAllStringSubmatch(css, -1) {
		if externalRE.MatchString(m[1]) {
			c.errorf(page, "%s loads %q from another host", where, m[1])
		}
	}
}

func (c *siteChecker) css(name, css string) { c.cssText(name, "stylesheet", css) }

func (c *siteChecker) structure(page string, els []element) {
	count := map[string]int{}
	for _, el := range els {
		count[el.name]++
		if el.name == "html" && strings.TrimSpace(el.value("lang")) == "" {
			c.errorf(page, "<html> has no lang")
		}
		if el.name == "img" {
			if _, ok := el.attr("alt"); !ok {
				c.errorf(page, "<img> without alt")
			}
		}
	}
	if count["html"] != 1 {
		c.errorf(page, "%d <html> elements", count["html"])
	}
	if count["title"] != 1 {
		c.errorf(page, "%d <title> elements", count["title"])
	}
	if count["h1"] != 1 {
		c.errorf(page, "%d <h1> elements, want 1", count["h1"])
	}
	if strings.HasPrefix(page, "embed/") {
		return // embeds are minimal: no site chrome
	}
	if count["main"] != 1 {
		c.errorf(page, "%d <main> elements, want 1", count["main"])
	}
	if count["nav"] == 0 {
		c.errorf(page, "no <nav>")
	}
}

// datetimeLayouts are the HTML forms Dateline's dates can take: a year, a
// month, a date, a local or global date and time.
var datetimeLayouts = []string{
	"2006", "2006-01", "2006-01-02",
	"2006-01-02T15:04", "2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z07:00",
}

// validDatetime reports whether s is a valid HTML datetime value of one of
// those forms (time.Parse also checks ranges: month 13 or 30 February fail).
func validDatetime(s string) bool {
	if strings.HasPrefix(s, "0000") {
		return false // HTML years start at 1
	}
	for _, layout := range datetimeLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Format(layout) == s {
			return true
		}
	}
	return false
}

func (c *siteChecker) datetimes(page string, els []element) {
	for _, el := range els {
		if el.name != "time" {
			continue
		}
		dt, ok := el.attr("datetime")
		if !ok {
			continue // the element's text is then its value; Dateline omits it only for dates HTML cannot express
		}
		if !validDatetime(dt) {
			c.errorf(page, "<time datetime=%q> is not a valid HTML date", dt)
		}
	}
}
