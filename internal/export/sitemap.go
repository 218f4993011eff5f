package export

import (
	"encoding/xml"
	"fmt"
	neturl "net/url"
	"slices"
	"strings"

	"dateline/internal/config"
)

type sitemapURL struct {
	Loc string `xml:"loc"`
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

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
	s := urlset{}
	for _, p := range paths {
		s.URLs = append(s.URLs, sitemapURL{Loc: c.BaseURL + escapePath(p)})
	}
	out, err := xml.MarshalIndent(s, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// escapePath percent-encodes each segment of a site path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = neturl.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
