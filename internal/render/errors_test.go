package render_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/diag"
	"dateline/internal/render"
)

// themeWith returns the built-in templates with some replaced.
func themeWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	theme, err := fs.Sub(dateline.Theme(), "templates")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(theme, "*.html")
	for _, n := range names {
		b, err := fs.ReadFile(theme, n)
		if err != nil {
			t.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: b}
	}
	for n, src := range files {
		fsys[n] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// Template errors, of parsing or of rendering, are positioned in the site
// as templates/NAME:LINE:COL (code points, 1-based), like content errors,
// whichever file of the set the mistake is in.
func TestTemplateErrorPositions(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the problem, as path:line:col: message (a prefix)
	}{
		{
			name:  "parse error: a line only",
			files: map[string]string{"entry.html": "{{template \"top\" .}}\n\n<p>{{.Entry.Title}</p>{{template \"bottom\" .}}"},
			want:  `templates/entry.html:3:1: bad character U+007D '}'`,
		},
		{
			name:  "unknown function",
			files: map[string]string{"record.html": "{{template \"top\" .}}\n{{nope .}}{{template \"bottom\" .}}"},
			want:  `templates/record.html:2:1: function "nope" not defined`,
		},
		{
			name:  "execution error, column in code points",
			files: map[string]string{"entry.html": "{{template \"top\" .}}\n<p>Überblick — {{.Nope}}</p>{{template \"bottom\" .}}"},
			want:  `templates/entry.html:2:18: executing "entry.html" at <.Nope>: can't evaluate field Nope`,
		},
		{
			name:  "execution error in another file of the set",
			files: map[string]string{"partials.html": strings.Replace(readTheme(t, "partials.html"), `{{define "date"}}`, `{{define "date"}}{{.Nope}}`, 1)},
			want:  fmt.Sprintf(`templates/partials.html:%d:20: executing "date" at <.Nope>: can't evaluate field Nope`, lineOf(t, readTheme(t, "partials.html"), `{{define "date"}}`)),
		},
		{
			name:  "escaping error",
			files: map[string]string{"entry.html": "{{template \"top\" .}}\n<a href=\"{{.Root}}\" {{if .Root}}title=\"{{end}}>x</a>{{template \"bottom\" .}}"},
			want:  `templates/entry.html:2:26: {{if}} branches end in different contexts`,
		},
		{
			name:  "missing template",
			files: map[string]string{"404.html": ""},
			want:  `templates/404.html:1:1: template is missing`,
		},
	}
	tl := timeline(t, viewsSite(nil))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := themeWith(t, tt.files)
			for n, src := range tt.files {
				if src == "" {
					delete(fsys, n)
				}
			}
			r, err := render.New(fsys)
			if err == nil {
				_, err = render.All(r.Pages(tl))
			}
			if err == nil {
				t.Fatal("no error")
			}
			l := diag.Of(err)
			if len(l) != 1 {
				t.Fatalf("diag.Of(%v) = %v, want one problem", err, l)
			}
			if got := l[0].Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("problem\n  %s\nwant prefix\n  %s", got, tt.want)
			}
			if l[0].Pos.Line < 1 || l[0].Pos.Col < 1 {
				t.Errorf("position %v", l[0].Pos)
			}
			if err.Error() != l[0].Error() {
				t.Errorf("Error() = %q, want the problem %q", err.Error(), l[0].Error())
			}
		})
	}
}

// lineOf is the line of src that starts with prefix.
func lineOf(t *testing.T, src, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

func readTheme(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(dateline.Theme(), "templates/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
