package render

import (
	"strconv"
	"strings"

	"dateline/internal/model"
)

// Srcset lists a local image's sizes for its srcset attribute, the
// original last, with URLs relative to the page.
func (v view) Srcset(m *model.Media) string {
	var b strings.Builder
	for _, s := range m.Sizes {
		b.WriteString(v.URL(s.Path) + " " + strconv.Itoa(s.Width) + "w, ")
	}
	b.WriteString(v.URL(m.Local.Path) + " " + strconv.Itoa(m.Local.Width) + "w")
	return b.String()
}

// jsonMedia is one media item of an entry in timeline.json: where it is
// (a local file by its published address, with its sizes), what it is,
// and its words.
type jsonMedia struct {
	Kind     string          `json:"kind"`
	URL      string          `json:"url"`
	Provider string          `json:"provider,omitempty"`
	Width    int             `json:"width,omitempty"`
	Height   int             `json:"height,omitempty"`
	Sizes    []jsonMediaSize `json:"sizes,omitempty"`
	Caption  string          `json:"caption,omitempty"`
	Credit   string          `json:"credit,omitempty"`
	Alt      string          `json:"alt,omitempty"`
	Source   string          `json:"source,omitempty"`
}

type jsonMediaSize struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

func mediaJSON(t *model.Timeline, e *model.Entry) []jsonMedia {
	var out []jsonMedia
	for _, m := range e.Media {
		jm := jsonMedia{Kind: m.Kind, URL: m.Remote.URL, Provider: m.Remote.Provider, Caption: m.Caption, Credit: m.Credit, Alt: m.Alt}
		if m.IsLocal() {
			jm.URL, jm.Width, jm.Height = t.Config.Absolute(m.Local.Path), m.Local.Width, m.Local.Height
			for _, s := range m.Sizes {
				jm.Sizes = append(jm.Sizes, jsonMediaSize{URL: t.Config.Absolute(s.Path), Width: s.Width, Height: s.Height})
			}
		}
		if m.Source != nil {
			jm.Source = m.Source.ID
		}
		out = append(out, jm)
	}
	return out
}
