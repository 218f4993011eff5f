// Package media classifies the media of entries and makes the responsive
// sizes of local images. It knows nothing of sites: content, model, render,
// build and the TimelineJS import all ask it the same questions (is this
// an image? which provider plays this URL, and from where?), so they
// cannot disagree.
//
// Remote media is never fetched, neither at build time (builds are
// offline) nor when a page is viewed: a page shows a card that links to
// the media, and loads the provider's player only when the reader asks.
package media

import (
	"errors"
	"net/url"
	"path"
	"strings"
)

// Kinds of media.
const (
	Image    = "image"
	Video    = "video"
	Audio    = "audio"
	Post     = "post"
	Document = "document"
	Link     = "link"
)

// Dir is where a site keeps its local media, below the site directory.
const Dir = "content/media"

// imageExts are the local image formats the build decodes: the standard
// library's JPEG, PNG and GIF, and WebP from golang.org/x/image.
var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true}

// IsImageName reports whether a file name or URL path names an image, by
// its extension. A local file that is not one is published as a download.
func IsImageName(name string) bool {
	return imageExts[strings.ToLower(path.Ext(name))]
}

// Remote is a classified http(s) URL.
type Remote struct {
	URL      string // the URL as written, checked
	Provider string // "YouTube", "Vimeo", "X", "Telegram", "SoundCloud", "Document", "Image", or the host
	Kind     string
	// Embed is the address the player loads from once the reader asks:
	// "" when the card only links (the provider has no embeddable player).
	Embed    string
	Allow    string // the iframe's allow attribute
	Sandbox  string // the iframe's sandbox attribute; "" leaves it out
	Referrer string // the iframe's referrerpolicy
}

// ErrScheme is the error for a URL that is not absolute http or https.
var ErrScheme = errors.New("must be an absolute http or https URL")

// The ids and names of providers' URLs are checked byte by byte rather
// than with regexps, which every process (annotate included) would compile
// at start.

// name reports whether s is min to max ASCII letters, digits and bytes of
// extra.
func name(s string, min, max int, extra string) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}

// number reports whether s is 1 to 20 ASCII digits (a post's id).
func number(s string) bool {
	return len(s) >= 1 && len(s) <= 20 && strings.Trim(s, "0123456789") == ""
}

// unsafe reports whether a URL holds a byte that could break out of an
// HTML attribute or that URLs must escape.
func unsafe(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r <= 0x20 || r == 0x7f || strings.ContainsRune("\"<>\\^`{|}", r) })
}

// Classify checks a remote URL and says what plays it. Only http and https
// URLs pass: a javascript: or data: URL never reaches a page.
func Classify(raw string) (Remote, error) {
	u, err := url.Parse(raw)
	if err != nil || unsafe(raw) || u.Host == "" || u.User != nil ||
		!(strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http")) {
		return Remote{}, ErrScheme
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	host = strings.TrimPrefix(host, "m.")
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	r := Remote{URL: raw, Provider: host, Kind: Link, Referrer: "no-referrer"}
	// Players run scripts and need their own origin's storage; nothing
	// else (no top navigation, no forms) is granted.
	player := "allow-scripts allow-same-origin allow-popups allow-presentation"
	switch {
	case host == "youtube.com" || host == "youtube-nocookie.com" || host == "youtu.be":
		id := ""
		switch {
		case host == "youtu.be" && len(segs) == 1:
			id = segs[0]
		case len(segs) == 1 && segs[0] == "watch":
			id = u.Query().Get("v")
		case len(segs) == 2 && (segs[0] == "embed" || segs[0] == "shorts" || segs[0] == "live"):
			id = segs[1]
		}
		r.Provider, r.Kind = "YouTube", Video
		if name(id, 11, 11, "_-") {
			// The privacy-enhanced host sets no cookies until played.
			// YouTube's player refuses to play without a referrer.
			r.Embed = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"
			r.Allow, r.Sandbox, r.Referrer = "autoplay; encrypted-media; picture-in-picture; fullscreen", player, "strict-origin-when-cross-origin"
		}
	case host == "vimeo.com" || host == "player.vimeo.com":
		r.Provider, r.Kind = "Vimeo", Video
		if id := segs[len(segs)-1]; number(id) {
			r.Embed = "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1"
			r.Allow, r.Sandbox = "autoplay; fullscreen; picture-in-picture", player
		}
	case host == "twitter.com" || host == "x.com" || host == "mobile.twitter.com":
		r.Provider, r.Kind = "X", Post
		if len(segs) >= 3 && name(segs[0], 1, 15, "_") && segs[1] == "status" && number(segs[2]) {
			r.Embed = "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=" + segs[2]
			r.Sandbox = player
		}
	case host == "t.me" || host == "telegram.me":
		r.Provider, r.Kind = "Telegram", Post
		if len(segs) == 2 && name(segs[0], 3, 64, "_") && number(segs[1]) {
			r.Embed = "https://t.me/" + segs[0] + "/" + segs[1] + "?embed=1"
			r.Sandbox = player
		}
	case host == "soundcloud.com":
		r.Provider, r.Kind = "SoundCloud", Audio
		if len(segs) >= 2 && segs[0] != "" {
			page := "https://soundcloud.com/" + strings.Join(segs, "/")
			r.Embed = "https://w.soundcloud.com/player/?auto_play=true&url=" + url.QueryEscape(page)
			r.Allow, r.Sandbox = "autoplay", player
		}
	case strings.EqualFold(path.Ext(u.Path), ".pdf"):
		// The browser's own PDF viewer refuses to run in a sandboxed
		// frame, so a document loads unsandboxed; its origin is another
		// site's, which keeps it from the page around it.
		r.Provider, r.Kind, r.Embed = "Document", Document, raw
	case IsImageName(u.Path):
		r.Provider, r.Kind = "Image", Image
	}
	return r, nil
}

// Kind returns the kind of an entry's media: a local file by its name, a
// URL by what Classify makes of it (a URL that does not classify is a link).
func Kind(file, rawURL string) string {
	if file != "" {
		if IsImageName(file) {
			return Image
		}
		return Document // CheckFile lets nothing else through
	}
	r, err := Classify(rawURL)
	if err != nil {
		return Link
	}
	return r.Kind
}

// CheckFile reports what is wrong with a local media path as written in
// front matter (relative to content/media/), or "" when it is fine. The
// file itself is opened through the site's confined view, so a link out of
// the site is refused there too.
func CheckFile(name string) string {
	switch {
	case name == "":
		return "is empty"
	case strings.Contains(name, `\`):
		return `must use "/" between folders`
	case strings.HasPrefix(name, "/") || strings.Contains(name, "://"):
		return "must be a path relative to " + Dir + "/ (use url for addresses)"
	case !validPath(name):
		return "must stay inside " + Dir + "/ (no \"..\", \".\" or empty folder names)"
	case !IsImageName(name) && !strings.EqualFold(path.Ext(name), ".pdf"):
		// Published on the site's own origin, an HTML or SVG file could
		// run scripts in its pages.
		return "must be a JPEG, PNG, GIF or WebP image or a PDF document"
	}
	return ""
}

func validPath(name string) bool {
	for _, s := range strings.Split(name, "/") {
		if s == "" || s == "." || s == ".." || strings.HasPrefix(s, ".") {
			return false
		}
	}
	return true
}
