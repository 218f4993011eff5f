package build_test

// A regression test for what holds today: text an editor or an archived
// article controls never becomes markup, script or a script URL in any
// output (pages, JSON-LD, feeds, the calendar, oEmbed, the JSON exports).

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/content"
)

// xssPayloads are formatted with the name of the field that carries them,
// so that a finding names the field.
var xssPayloads = []struct{ name, format string }{
	{"script element", `<script>alert("%s")</script>`},
	{"attribute breakout", `"><img src=x onerror=alert("%s")>`},
	{"single-quote breakout", `'><svg onload=alert('%s')>`},
	{"script URL", `javascript:alert("%s")`},
	{"script end", `</script><script>alert("%s")</script>`},
	{"CDATA end", `]]><script>alert("%s")</script><![CDATA[`},
	{"line separators", "\u2028\u2029</title><script>alert(\"%s\")</script>"},
	{"comment", `<!--<script>alert("%s")</script>-->`},
	{"calendar property", "x\r\nATTACH:https://evil.example/%s\r\nX-Y:"},
	{"entities", `&lt;script&gt;alert("%s")&lt;/script&gt; &#106;avascript:alert(1)`},
}

// urlSafe makes a payload a URL the build accepts: an absolute http(s)
// URL without spaces, double quotes or angle brackets. Single quotes,
// ampersands and "javascript:" stay.
var urlSafe = strings.NewReplacer(" ", "%20", `"`, "%22", "<", "%3C", ">", "%3E", "\r", "", "\n", "", "\u2028", "", "\u2029", "")

// siteBase is the hostile site's base_url: the oEmbed snippet loads the
// site's own embed.js from it.
const siteBase = "https://example.org/x/"

// hostileSite is a small valid site in which every text field a user
// controls holds p(field). The entry body holds it too, as raw HTML and in
// Markdown links, beside links to script URLs.
func hostileSite(p func(field string) string) fstest.MapFS {
	q := func(field string) string { return content.TOMLString(p(field)) }
	// The quoted passage is part of the archived text, as the build demands.
	quote := p("quote")
	site := map[string]string{
		"site.toml": "title = " + q("site title") + "\ndescription = " + q("site description") +
			"\nauthor = " + q("site author") + "\ncopyright = " + q("site copyright") +
			"\nbase_url = \"" + siteBase + "\"\nlanguage = \"en\"\n",
		"content/sources/report.md": "+++\ntitle = " + q("source title") + "\noutlet = " + q("source outlet") +
			"\npublished = \"2026-03-10\"\nurl = " + content.TOMLString("https://news.example/a?q="+urlSafe.Replace(p("source url"))) +
			"\nauthors = [" + q("source author") + "]\n+++\n" +
			"The delegations met in Geneva on Monday. " + quote + " Officials said so.\n\n" + p("source text") + "\n",
		"content/actors.toml": "[delegation]\nname = " + q("actor name") + "\naliases = [" + q("actor alias") +
			"]\ndescription = " + q("actor description") + "\n",
		"content/places.toml":  "[geneva]\nname = " + q("place name") + "\ndescription = " + q("place description") + "\nlat = 46.2\nlon = 6.15\n",
		"content/topics.toml":  "[talks]\nname = " + q("topic name") + "\ndescription = " + q("topic description") + "\n",
		"content/threads.toml": "[spring]\nname = " + q("thread name") + "\ndescription = " + q("thread description") + "\n",
		"content/entries/meet.md": "+++\ntitle = " + q("entry title") + "\ndate = \"2026-03-09\"\n" +
			"actors = [\"delegation\"]\nplaces = [\"geneva\"]\ntopics = [\"talks\"]\nthread = \"spring\"\n" +
			"related = [\"later\"]\n\n[[evidence]]\nsource = \"report\"\nquote = " + content.TOMLString(quote) + "\n+++\n" +
			p("entry summary") + "\n\n" +
			"[" + p("link text") + "](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [y](<java\tscript:alert(1)>) " +
			"![" + p("image alt") + "](javascript:alert(1)) [z](data:text/html,<script>alert(1)</script>) " +
			"<a href=\"javascript:alert(1)\">raw link</a> [the delegation](actor:delegation)\n",
		"content/entries/later.md": "+++\ntitle = \"Talks resume\"\ndate = \"2026-03\"\nthread = \"spring\"\n\n" +
			"[[evidence]]\nsource = \"report\"\nquote = \"The delegations met in Geneva\"\n+++\n" +
			"Later. " + p("second summary") + "\n",
	}
	return mapFS(site)
}

// TestHostileTextStaysText builds the hostile site once per payload and
// checks every output file, against the same site built with harmless
// text: the same elements, no event-handler attribute, no script URL, no
// inline script but valid JSON-LD, well-formed XML feeds, valid JSON, and a
// calendar with no injected property.
func TestHostileTextStaysText(t *testing.T) {
	t.Parallel()
	theme := dateline.Theme()
	base, err := build.Build(hostileSite(func(f string) string { return "Harmless " + f }), theme, build.Options{})
	if err != nil {
		t.Fatalf("the harmless site does not build: %v", err)
	}
	for _, want := range []string{"index.html", "entries/meet/index.html", "feed.xml", "feed.json", "calendar.ics", "timelinejs.json", "embed/entries/meet/oembed.json", "embed/entries/meet/index.html", "sitemap.xml"} {
		if _, ok := base.Files[want]; !ok {
			t.Fatalf("the harmless site has no %s, so it would not be checked", want)
		}
	}
	for _, pl := range xssPayloads {
		t.Run(pl.name, func(t *testing.T) {
			t.Parallel()
			s, err := build.Build(hostileSite(func(f string) string { return fmt.Sprintf(pl.format, f) }), theme, build.Options{})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if got, want := slices.Sorted(maps.Keys(s.Files)), slices.Sorted(maps.Keys(base.Files)); !slices.Equal(got, want) {
				t.Fatalf("output files differ from the harmless build:\n  got  %q\n  want %q", got, want)
			}
			for _, name := range slices.Sorted(maps.Keys(s.Files)) {
				for _, p := range outputProblems(name, s.Files[name], base.Files[name]) {
					t.Errorf("%s: %s", name, p)
				}
			}
		})
	}
}

// A URL that is not http(s) is refused where the build takes one.
func TestScriptSourceURLIsRefused(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", " javascript:alert(1)", "vbscript:x"} {
		site := hostileSite(func(f string) string { return "Harmless " + f })
		src := string(site["content/sources/report.md"].Data)
		i := strings.Index(src, "url = ")
		j := i + strings.Index(src[i:], "\n")
		site["content/sources/report.md"] = &fstest.MapFile{Data: []byte(src[:i] + "url = " + content.TOMLString(u) + src[j:])}
		_, err := build.Build(site, dateline.Theme(), build.Options{})
		if err == nil || !strings.Contains(err.Error(), "content/sources/report.md:5:") {
			t.Errorf("source url %q: build error %v, want one at content/sources/report.md:5", u, err)
		}
	}
}

// outputProblems checks one output file by its kind; base is the same file
// built from harmless text.
func outputProblems(name string, data, base []byte) []string {
	switch {
	case strings.HasSuffix(name, ".html"):
		return pageProblems(data, base)
	case strings.HasSuffix(name, ".xml"):
		return xmlProblems(data)
	case strings.HasSuffix(name, ".json"):
		return jsonProblems(name, data)
	case strings.HasSuffix(name, ".ics"):
		return calendarProblems(data, base)
	}
	return nil
}

// tag is one start tag of a page, with the raw text that follows it (the
// content of a <script> or <style>).
// scriptURL reports whether a URL attribute would run script, reading it
// as a browser does: leading spaces and controls dropped, tabs and newlines
// inside ignored, case folded.
func scriptURL(v string) bool {
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	v = strings.ToLower(strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")
}

var urlAttrs = []string{"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data", "background", "srcset"}

// tagProblems are the problems of tags wherever they occur: an event
// handler, a script URL, an iframe with inline content.
func tagProblems(tags []element) []string {
	var out []string
	for _, tg := range tags {
		for _, a := range tg.attrs {
			switch {
			case strings.HasPrefix(a[0], "on"):
				out = append(out, fmt.Sprintf("<%s %s=%q>: an event handler", tg.name, a[0], a[1]))
			case a[0] == "srcdoc":
				out = append(out, fmt.Sprintf("<%s srcdoc>: inline frame content", tg.name))
			case slices.Contains(urlAttrs, a[0]) && scriptURL(a[1]):
				out = append(out, fmt.Sprintf("<%s %s=%q>: a script URL", tg.name, a[0], a[1]))
			case tg.name == "meta" && a[0] == "http-equiv" && strings.EqualFold(a[1], "refresh"):
				out = append(out, "<meta http-equiv=refresh>")
			}
		}
	}
	return out
}

// active are the elements that run or load something, or change how the
// page is read; payloads must add none.
var active = []string{"script", "iframe", "frame", "object", "embed", "img", "svg", "math", "style", "link", "meta", "base", "form", "input", "button", "textarea", "video", "audio", "source", "template"}

func census(tags []element) map[string]int {
	n := map[string]int{}
	for _, tg := range tags {
		if slices.Contains(active, tg.name) {
			n[tg.name]++
		}
	}
	return n
}

func pageProblems(data, base []byte) []string {
	tags := parseHTML(data)
	out := tagProblems(tags)
	if got, want := census(tags), census(parseHTML(base)); fmt.Sprint(got) != fmt.Sprint(want) {
		out = append(out, fmt.Sprintf("active elements %v, the harmless build has %v", got, want))
	}
	for _, tg := range tags {
		if tg.name != "script" {
			continue
		}
		typ, _ := tg.attr("type")
		if _, ok := tg.attr("src"); ok {
			continue
		}
		if typ != "application/ld+json" {
			out = append(out, fmt.Sprintf("an inline script: %.80q", tg.text))
			continue
		}
		lower := strings.ToLower(tg.text)
		if strings.Contains(lower, "</script") || strings.Contains(lower, "<!--") {
			out = append(out, fmt.Sprintf("JSON-LD holds </script or <!--: %.120q", tg.text))
		}
		if !json.Valid([]byte(tg.text)) {
			out = append(out, fmt.Sprintf("JSON-LD is not JSON: %.120q", tg.text))
		}
	}
	// "<script>alert" itself may appear, as text inside a quoted attribute
	// (the minifier writes < unescaped there); as an element it is an
	// inline script or an extra script in the census.
	return out
}

// fragmentProblems checks HTML that a consumer inserts into its own page
// (feed content, oEmbed html, TimelineJS text): no element that runs or
// loads script, besides the problems of any tag.
func fragmentProblems(where, html string) []string {
	tags := parseHTML([]byte(html))
	out := tagProblems(tags)
	for _, tg := range tags {
		if src, ok := tg.attr("src"); ok && tg.name == "script" && strings.HasPrefix(src, siteBase) && strings.TrimSpace(tg.text) == "" {
			continue // the oEmbed snippet's loader, from the site itself
		}
		switch tg.name {
		case "script", "object", "embed", "svg", "math", "style", "link", "meta", "base", "form", "frame":
			out = append(out, fmt.Sprintf("<%s> in %s", tg.name, where))
		}
	}
	for i := range out {
		out[i] = where + ": " + out[i]
	}
	return out
}

// xmlProblems parses an XML file in full; the HTML a feed carries (type
// "html") is checked as a fragment.
func xmlProblems(data []byte) []string {
	var out []string
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			return append(out, fmt.Sprintf("not well-formed XML: %v", err))
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			for _, a := range top.Attr {
				if a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml") {
					out = append(out, fragmentProblems("<"+top.Name.Local+" type=html>", string(tok))...)
				}
			}
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "href" && scriptURL(a.Value) {
					out = append(out, fmt.Sprintf("<%s href=%q>: a script URL", se.Name.Local, a.Value))
				}
			}
		}
	}
}

// htmlKeys are the JSON members whose strings consumers insert as HTML:
// JSON Feed's content_html, oEmbed's html, and in the TimelineJS exports
// the headline, text, caption and credit. (timeline.json is read by the
// theme's script as text.)
func htmlKeys(name string) []string {
	if strings.HasSuffix(name, "timelinejs.json") {
		return []string{"headline", "text", "caption", "credit"}
	}
	return []string{"content_html", "html"}
}

func jsonProblems(name string, data []byte) []string {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return []string{fmt.Sprintf("not JSON: %v", err)}
	}
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			k := strings.ToLower(key)
			if slices.Contains(htmlKeys(name), k) {
				out = append(out, fragmentProblems(`"`+key+`"`, v)...)
			}
			if (strings.Contains(k, "url") || k == "href" || k == "link" || k == "src") && scriptURL(v) {
				out = append(out, fmt.Sprintf("%q: a script URL %q", key, v))
			}
		}
	}
	walk("", v)
	return out
}

// calendarProblems checks the content lines (RFC 5545 3.1): CRLF only,
// every unfolded line a property, and the same properties as the harmless
// calendar: a payload's line break must not start a property of its own.
func calendarProblems(data, base []byte) []string {
	props := func(b []byte) ([]string, []string) {
		var out, bad []string
		s := string(b)
		if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\r") {
			bad = append(bad, "a bare CR or LF")
		}
		for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n ", ""), "\r\n") {
			if line == "" {
				continue
			}
			i := strings.IndexAny(line, ":;")
			if i <= 0 || strings.Trim(line[:i], "ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789") != "" {
				bad = append(bad, fmt.Sprintf("not a property: %q", line))
				continue
			}
			out = append(out, line[:i])
		}
		slices.Sort(out)
		return out, bad
	}
	got, bad := props(data)
	want, _ := props(base)
	if !slices.Equal(got, want) {
		bad = append(bad, fmt.Sprintf("properties %q, the harmless calendar has %q", got, want))
	}
	return bad
}
