package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	neturl "net/url"
	"slices"
	"strings"

	"dateline/internal/config"
)

// Sitemap lists the site's HTML pages (sitemaps.org protocol, /sitemap.xml)
// from their output paths: a directory index is listed by its directory
// URL, as pages link to it. Embed pages (their canonical is the full page)
// and the 404 page are left out. Locations are absolute, percent-encoded
// where a path needs it and entity-escaped by the XML encoder. lastmod is
// omitted: a static build does not know when a page last changed, and a
// derived date would mislead crawlers.
func Sitemap(c config.Config, htmlPaths []string) ([]byte, error) {
	if !isAbsolute(c) {
		return nil, fmt.Errorf("sitemap.xml needs an absolute base_url (https://...), not %q: set it in site.toml or with --base-url", c.BaseURL)
	}
	var paths []string
	for _, p := range htmlPaths {
		if p == "404.html" || strings.HasPrefix(p, "embed/") {
			continue
		}
		paths = append(paths, strings.TrimSuffix(p, "index.html"))
	}
	slices.Sort(paths)
	// Written as xml.Marshal writes a urlset (the build minifies XML, so
	// indentation would be removed again), without reflection: a sitemap
	// lists every page.
	var b bytes.Buffer
	b.Grow(len(xml.Header) + 80 + len(paths)*(len(c.BaseURL)+48))
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, p := range paths {
		b.WriteString("<url><loc>")
		if err := xml.EscapeText(&b, []byte(c.BaseURL+escapePath(p))); err != nil {
			return nil, err
		}
		b.WriteString("</loc></url>")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

// escapePath percent-encodes each segment of a site path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = neturl.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
