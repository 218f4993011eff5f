package timelinejs

import (
	"fmt"
	"net/url"
	"strings"

	"dateline/internal/content"
	"dateline/internal/media"
)

// media carries a slide's media over:
//   - a URL (protocol-relative //host/x taken as https, a relative one
//     resolved against Site.Base) that media.Classify accepts becomes the
//     entry's [[media]], its source the slide's stub source;
//   - a blockquote, which TimelineJS shows as a quote in place of media,
//     becomes a quote in the entry's summary (Markdown, with the credit
//     as its last line) and is kept in the imported timeline's text, so
//     nothing of it is lost and no stub is made for it;
//   - anything else (a URL that cannot be resolved, another scheme) is
//     kept in the stub source only, with a note.
func (im *importer) media(si *slideInfo, m *Media) {
	raw := strings.TrimSpace(m.URL)
	if strings.HasPrefix(strings.ToLower(raw), "<blockquote") {
		q := Markdown(raw)
		if q == "" {
			return
		}
		if !strings.HasPrefix(q, ">") {
			q = "> " + strings.ReplaceAll(q, "\n", "\n> ")
		}
		if c := PlainText(m.Credit); c != "" {
			q += "\n>\n> — " + escapeMarkdown(c)
		}
		si.body = strings.TrimSpace(si.body + "\n\n" + q)
		si.text = strings.TrimSpace(si.text + " " + PlainText(raw))
		return
	}
	if raw == "" && PlainText(m.Credit) == "" {
		return
	}
	si.media, si.stub = m, true
	if raw == "" {
		return
	}
	u, ok := im.resolve(raw)
	if !ok {
		im.res.Notes = append(im.res.Notes, fmt.Sprintf("slide %d: media %q is a relative address and there is no base to resolve it against (--base URL); it is kept in the stub source only", si.n, raw))
		return
	}
	if _, err := media.Classify(u); err != nil {
		im.res.Notes = append(im.res.Notes, fmt.Sprintf("slide %d: media %q %v; it is kept in the stub source only", si.n, raw, err))
		return
	}
	si.mediaURL = u
}

// resolve makes an absolute URL of a media address.
func (im *importer) resolve(raw string) (string, bool) {
	if strings.HasPrefix(raw, "//") {
		return "https:" + raw, true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if u.IsAbs() {
		return raw, true
	}
	base, err := url.Parse(im.site.Base)
	if err != nil || !base.IsAbs() || base.Host == "" {
		return "", false
	}
	return base.ResolveReference(u).String(), true
}

// mediaTable writes the [[media]] of an entry; source is its stub source.
// An image needs alt text: the slide's alt, else its media title or
// caption, else a description of where it comes from, noted so that an
// editor writes a better one.
func (im *importer) mediaTable(b *strings.Builder, s *slideInfo, source string) {
	m := s.media
	caption, credit := PlainText(m.Caption), PlainText(m.Credit)
	alt := strings.TrimSpace(m.Alt)
	if alt == "" && media.Kind("", s.mediaURL) == media.Image {
		alt = PlainText(m.Title)
		if alt == "" {
			alt = caption
		}
		if alt == "" {
			alt = "Image from the slide “" + s.title + "”"
			im.res.Notes = append(im.res.Notes, fmt.Sprintf("slide %d: the image has no alt text, caption or title; its alt text says only where it comes from: describe it", s.n))
		}
	}
	b.WriteString("\n[[media]]\n")
	fmt.Fprintf(b, "url = %s\n", content.TOMLString(s.mediaURL))
	for _, kv := range [][2]string{{"caption", caption}, {"credit", credit}, {"alt", alt}, {"source", source}} {
		if kv[1] != "" {
			fmt.Fprintf(b, "%s = %s\n", kv[0], content.TOMLString(kv[1]))
		}
	}
}
