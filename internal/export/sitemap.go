package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	neturl "net/url"
	"slices"
	"strings"

	"dateline/internal/config"
	"dateline/internal/render"
)

// Sitemap lists the site's HTML pages (sitemaps.org protocol, /sitemap.xml)
// from their output paths: a directory index is listed by its directory
// URL, as pages link to it. Embed pages (their canonical is the full page)
// and the 404 page are left out. Locations are absolute, percent-encoded
// where a path needs it and entity-escaped by the XML encoder. lastmod is
// omitted: a static build does not know when a page last changed, and a
// derived date would mislead crawlers.
func Sitemap(c config.Config, htmlPaths []string) ([]byte, error) {
	return sitemap(c, sitemapPaths(htmlPaths))
}

// sitemapMax is the most URLs one sitemap may list (sitemaps.org); a site
// with more gets a sitemap index. 50,000 URLs of this site's length stay
// far below the protocol's other limit, 50 MB.
const sitemapMax = 50_000

// sitemapPaths are the site paths a sitemap lists, sorted.
func sitemapPaths(htmlPaths []string) []string {
	var paths []string
	for _, p := range htmlPaths {
		if p == "404.html" || strings.HasPrefix(p, "embed/") {
			continue
		}
		paths = append(paths, strings.TrimSuffix(p, "index.html"))
	}
	slices.Sort(paths)
	return paths
}

// sitemaps returns /sitemap.xml, and when the site has more than max
// pages, /sitemap.xml as the index of /sitemap-1.xml, /sitemap-2.xml, ...
// of max URLs each.
func sitemaps(c config.Config, htmlPaths []string, max int) []render.Page {
	deps := []string{render.DepPageSet} // a sitemap shows nothing but the paths of the pages
	paths := sitemapPaths(htmlPaths)
	if len(paths) <= max {
		return []render.Page{render.NewPage("sitemap.xml", "", deps, func() ([]byte, error) { return sitemap(c, paths) })}
	}
	var ps []render.Page
	var names []string
	for i := 0; i < len(paths); i += max {
		chunk := paths[i:min(i+max, len(paths))]
		name := fmt.Sprintf("sitemap-%d.xml", len(names)+1)
		names = append(names, name)
		ps = append(ps, render.NewPage(name, "", deps, func() ([]byte, error) { return sitemap(c, chunk) }))
	}
	return append(ps, render.NewPage("sitemap.xml", "", deps, func() ([]byte, error) {
		var b bytes.Buffer
		b.WriteString(xml.Header)
		b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, n := range names {
			b.WriteString("<sitemap><loc>")
			if err := xml.EscapeText(&b, []byte(c.Absolute(n))); err != nil {
				return nil, err
			}
			b.WriteString("</loc></sitemap>")
		}
		b.WriteString("</sitemapindex>\n")
		return b.Bytes(), nil
	}))
}

// sitemap is a urlset of the site paths.
func sitemap(c config.Config, paths []string) ([]byte, error) {
	if !isAbsolute(c) {
		return nil, fmt.Errorf("sitemap.xml needs an absolute base_url (https://...), not %q: set it in site.toml or with --base-url", c.BaseURL)
	}
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
