package export

import (
	"dateline/internal/config"
	"dateline/internal/render"
)

// oembed is an oEmbed 1.0 response of type "rich".
type oembed struct {
	Type         string `json:"type"`
	Version      string `json:"version"`
	Title        string `json:"title,omitempty"`
	AuthorName   string `json:"author_name,omitempty"`
	ProviderName string `json:"provider_name,omitempty"`
	ProviderURL  string `json:"provider_url,omitempty"`
	CacheAge     int    `json:"cache_age"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// OEmbed is the static oEmbed response for an embeddable page, published
// beside its embed page (embed/.../oembed.json) and announced by a
// discovery <link> on the full and embed pages.
//
// A static host cannot read the maxwidth/maxheight parameters a consumer
// may append, so the response cannot be tailored: its html is fluid (the
// iframe is width:100%, never wider than its container, and sizes its own
// height with /embed.js), and width/height give the default frame size,
// which consumers scale to their maxwidth.
func OEmbed(c config.Config, em render.Embeddable) ([]byte, error) {
	r := oembed{
		Type: "rich", Version: "1.0",
		Title:        em.FrameTitle(c),
		AuthorName:   c.Author,
		ProviderName: c.Title,
		ProviderURL:  c.Absolute(""),
		CacheAge:     86400,
		HTML:         em.Snippet(c),
		Width:        em.Width(),
		Height:       em.Height(),
	}
	return render.MarshalJSONIndent(r, "", " ")
}
