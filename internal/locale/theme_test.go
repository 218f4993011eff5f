package locale

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline"
)

// actionRE matches a template action; commentRE a template comment.
var (
	actionRE  = regexp.MustCompile(`(?s){{.*?}}`)
	messageRE = regexp.MustCompile(`{{-?\s*t\s+"([a-z0-9_]+)"`)
	wordRE    = regexp.MustCompile(`\p{L}{2,}`)
)

// visibleAttrs are the attributes a reader sees or hears.
var visibleAttrs = []string{"title", "aria-label", "alt", "placeholder", "aria-description", "aria-roledescription", "label", "data-earlier"}

// TestThemeSpeaksThroughMessages fails when a built-in template shows
// text of its own instead of a message: text between tags, or in an
// attribute a reader sees or hears, outside {{t ...}} and the other
// actions. Literal code (<code>, <script>, <style>) is not text.
func TestThemeSpeaksThroughMessages(t *testing.T) {
	for _, name := range themeTemplates(t) {
		src := templateSource(t, name)
		for _, w := range visibleText(src) {
			t.Errorf("templates/%s:%d: %q is shown as it is: say it through a message ({{t \"id\"}}) of internal/locale/messages", name, w.line, w.text)
		}
	}
}

// TestThemeMessagesExist checks that every message a template names is in
// the catalogues.
func TestThemeMessagesExist(t *testing.T) {
	ids := IDs()
	for _, name := range themeTemplates(t) {
		for _, m := range messageRE.FindAllStringSubmatch(templateSource(t, name), -1) {
			if !slices.Contains(ids, m[1]) {
				t.Errorf("templates/%s: message %q is not in messages/en.toml", name, m[1])
			}
		}
	}
}

// The checker itself, on text it must and must not flag.
func TestVisibleText(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`<p>{{t "x"}}</p>`, nil},
		{`<p>Hello {{.Name}}</p>`, []string{"Hello"}},
		{`<a title="Open it" href="{{.URL}}">{{.X}}</a>`, []string{"Open it"}},
		{`<a class="entry-title" href="x">{{t "x"}}</a>`, nil},
		{`<code>?start=ENTRY_ID</code> <script>var x = "abc";</script>`, nil},
		{`<nav aria-label="Pages">`, []string{"Pages"}},
		{`<p>{{if .X}}No entries{{end}}</p>`, []string{"No entries"}},
		{`<p>· – … → {{num .N}}</p>`, nil},
		{`<p>Привет</p>`, []string{"Привет"}},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range visibleText(tt.src) {
			got = append(got, w.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("visibleText(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func themeTemplates(t *testing.T) []string {
	names, err := fs.Glob(dateline.Theme(), "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for i, n := range names {
		names[i] = strings.TrimPrefix(n, "templates/")
	}
	return names
}

func templateSource(t *testing.T, name string) string {
	b, err := fs.ReadFile(dateline.Theme(), "templates/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type word struct {
	text string
	line int
}

// visibleText lists the runs of literal text a template shows: what is
// left of its text and of its visible attributes once the actions are
// taken out, where it holds words.
func visibleText(src string) []word {
	// Actions become a character that is neither a letter nor markup, so
	// that line numbers and the shape of the HTML stay.
	src = actionRE.ReplaceAllStringFunc(src, func(a string) string {
		return strings.Repeat("\n", strings.Count(a, "\n")) + "\x00"
	})
	var out []word
	add := func(s string, at int) {
		s = strings.TrimSpace(strings.ReplaceAll(s, "\x00", " "))
		if wordRE.MatchString(s) {
			out = append(out, word{strings.Join(strings.Fields(s), " "), 1 + strings.Count(src[:at], "\n")})
		}
	}
	skip := ""
	for i := 0; i < len(src); {
		if src[i] != '<' {
			j := strings.IndexByte(src[i:], '<')
			if j < 0 {
				j = len(src) - i
			}
			if skip == "" {
				add(src[i:i+j], i)
			}
			i += j
			continue
		}
		j := strings.IndexByte(src[i:], '>')
		if j < 0 {
			break
		}
		tag := src[i+1 : i+j]
		i += j + 1
		name := strings.ToLower(strings.Fields(strings.TrimPrefix(tag+" ", "/"))[0])
		if skip != "" {
			if strings.HasPrefix(tag, "/") && name == skip {
				skip = ""
			}
			continue
		}
		switch name {
		case "code", "script", "style", "textarea":
			if !strings.HasPrefix(tag, "/") {
				skip = name
			}
			continue
		}
		for _, a := range visibleAttrs {
			if m := regexp.MustCompile(`(?:^|\s)` + a + `="([^"]*)"`).FindStringSubmatch(tag); m != nil {
				add(m[1], i)
			}
		}
	}
	return out
}
