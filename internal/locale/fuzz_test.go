package locale

import (
	"testing"
	"testing/fstest"
)

// FuzzOverride: a site's messages file, whatever it holds, never panics
// New, and a locale built from it renders every message or reports why.
func FuzzOverride(f *testing.F) {
	f.Add([]byte("timeline = \"Летопись\"\n"))
	f.Add([]byte("n_entries = { one = \"{{.Count}} x\", other = \"{{.Count}} xs\" }\n"))
	f.Add([]byte("timeline = \"{{.Count\"\n"))
	f.Add([]byte("[timeline]\nother = 3\n"))
	f.Add([]byte("date_approximate = \"%s%s%\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		l, _ := New("ru", "", fstest.MapFS{"i18n/ru.toml": {Data: src}})
		for _, id := range []string{"timeline", "n_entries", "date_approximate"} {
			_, _ = l.T(id, 3)
		}
		_ = l.Date(mustDate("2026-03-09~/2026-03-10?"))
	})
}
