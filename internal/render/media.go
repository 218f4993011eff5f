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
