package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/util"
)

// urlClass is what a destination is allowed to be used for.
type urlClass uint8

const (
	urlBad    urlClass = iota // never rendered as a live link
	urlLocal                  // relative path or fragment: same site; fine for links and images
	urlRemote                 // http, https or mailto: links only
)

// browserURL returns a link or image destination as goldmark writes it into
// the href/src attribute, which is also what the browser gets after HTML
// decoding: backslash escapes and character references resolved, unsafe
// bytes percent-encoded. Checking this form, not the source text, is what
// defeats entity-encoded schemes such as &#106;avascript:.
func browserURL(dest []byte) []byte {
	return util.URLEscape(dest, true)
}

// classify applies the allowlist to u, a URL as the browser will see it.
// It errs on the side of refusing: a refused link keeps its text.
func classify(u []byte) urlClass {
	// Browsers drop tab and newline anywhere in a URL and trim control
	// characters, so "java\tscript:" would run; no honest URL has them.
	if bytes.ContainsFunc(u, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return urlBad
	}
	// Browsers read \ as / in web URLs, making \\host protocol-relative.
	s := strings.ToLower(strings.ReplaceAll(string(u), `\`, "/"))
	if strings.Contains(s, "javascript:") || strings.Contains(s, "vbscript:") {
		return urlBad // even where harmless, e.g. in a path: no reason to allow
	}
	if strings.HasPrefix(s, "//") {
		return urlBad // protocol-relative: another host
	}
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return urlLocal // no scheme
	}
	switch s[:i] {
	case "http", "https", "mailto":
		return urlRemote
	}
	return urlBad // data:, file:, unknown schemes and junk before a colon
}

// isHTTP reports whether dest is a web URL (not mailto).
func isHTTP(dest []byte) bool {
	s := strings.ToLower(string(browserURL(dest)))
	return strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:")
}
