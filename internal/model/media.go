package model

import (
	"dateline/internal/content"
	"dateline/internal/media"
)

// Media is an image, a video, a post, a sound or a document shown with an
// entry: a local file, published with the site, or a remote item, which
// pages show as a card that loads it only when the reader asks.
type Media struct {
	Kind    string // media.Image, media.Video, ...
	Caption string
	Credit  string
	Alt     string
	Source  *Source // the archived source it comes from; nil if none

	// Of a local file: its site path (content/media/...), the output file
	// of the original and, for an image, its smaller sizes (narrowest
	// first) and format.
	File   string
	Local  media.Variant
	Sizes  []media.Variant
	Format string

	// Of a remote item: the URL and what plays it.
	Remote media.Remote
}

// IsLocal reports whether the media is a file published with the site.
func (m *Media) IsLocal() bool { return m.File != "" }

// Thumb is the size of a local image to show where a thumbnail is enough:
// the narrowest one made, or the original when it is small already.
func (m *Media) Thumb() media.Variant {
	if len(m.Sizes) > 0 {
		return m.Sizes[0]
	}
	return m.Local
}

// Label is what a card names the media by: its caption, else its provider.
func (m *Media) Label() string {
	if m.Caption != "" {
		return m.Caption
	}
	return m.Remote.Provider
}

// media resolves an entry's [[media]] tables: their source and, for local
// files, what content read of them. A file content could not read was
// reported there and is left out.
func (b *builder) media(e *Entry, ce *content.Entry) {
	for _, cm := range ce.Media {
		m := &Media{Kind: cm.Kind, Caption: cm.Caption.Text, Credit: cm.Credit.Text, Alt: cm.Alt.Text}
		if id := cm.Source.Text; id != "" {
			m.Source = b.t.sources[id]
			if m.Source == nil && !b.isBroken("source", id) {
				b.errs.Add(cm.Source.Pos, "unknown source %q for [[media]] (sources are the files in %s/)", id, content.SourcesDir)
			}
		}
		if p := cm.Path(); p != "" {
			f := b.mediaFiles[p]
			if f == nil {
				continue
			}
			m.File = p
			if cm.Kind == media.Image {
				m.Local, m.Sizes = media.Plan(p, f.Info)
				m.Format = f.Format
			} else {
				m.Local, _ = media.Plan(p, f.Info)
			}
		} else {
			r, err := media.Classify(cm.URL.Text)
			if err != nil {
				continue // reported by content
			}
			m.Remote = r
		}
		e.Media = append(e.Media, m)
	}
}
