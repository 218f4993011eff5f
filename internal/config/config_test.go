package config

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"dateline/internal/diag"
)

func problems(l diag.List) []string {
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	return out
}

const knownKeys = " (known: title, description, base_url, language, numerals, time_zone, author, copyright, page_size)"

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Config
		errs []string
	}{
		{
			name: "empty file gives the defaults",
			src:  "",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
		},
		{
			name: "every key",
			src: "title = \"T\"\ndescription = \"D\"\nbase_url = \"https://example.org/timeline\"\nlanguage = \"de\"\n" +
				"time_zone = \"Europe/Moscow\"\nauthor = \"A\"\ncopyright = \"© A\"\n",
			want: Config{Title: "T", Description: "D", BaseURL: "https://example.org/timeline/", Language: "de",
				TimeZone: "Europe/Moscow", Author: "A", Copyright: "© A", PageSize: 100},
		},
		{
			name: "root-relative base url",
			src:  "base_url = \"/news/\"\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/news/", PageSize: 100},
		},
		{
			name: "unknown key with suggestion",
			src:  "title = \"T\"\n  titel = \"U\"\n",
			want: Config{Title: "T", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:2:3: unknown key "titel" in site.toml (did you mean "title"?)` + knownKeys},
		},
		{
			name: "unknown table and key inside it",
			src:  "title = \"T\"\n\n[params]\ncolour = \"red\"\n",
			want: Config{Title: "T", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{
				`site.toml:3:1: unknown key "params" in site.toml` + knownKeys,
				`site.toml:4:1: unknown key "params.colour" in site.toml` + knownKeys,
			},
		},
		{
			name: "bad time zone",
			src:  "title = \"T\"\ntime_zone = \"Mars/Olympus\"\n",
			want: Config{Title: "T", Language: "en", TimeZone: "Mars/Olympus", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:2:1: unknown time zone "Mars/Olympus" (use an IANA name such as "UTC" or "Europe/Moscow")`},
		},
		{
			name: "bad base url",
			src:  "\nbase_url = \"ftp://example.org\"\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "ftp://example.org", PageSize: 100},
			errs: []string{`site.toml:2:1: base_url "ftp://example.org" must be an absolute http(s) URL or a path starting with "/"`},
		},
		{
			name: "relative base url",
			src:  "base_url = \"public\"\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "public", PageSize: 100},
			errs: []string{`site.toml:1:1: base_url "public" must be an absolute http(s) URL or a path starting with "/"`},
		},
		{
			name: "number for a string",
			src:  "title = \"T\"\n\nlanguage = 1\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:3:1: language must be a quoted string`},
		},
		{
			name: "page size",
			src:  "page_size = 25\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 25},
		},
		{
			name: "numerals",
			src:  "language = \"fa\"\nnumerals = \"latn\"\n",
			want: Config{Title: "Timeline", Language: "fa", Numerals: "latn", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
		},
		{
			name: "numerals unknown",
			src:  "title = \"T\"\nnumerals = \"roman\"\n",
			want: Config{Title: "T", Language: "en", Numerals: "roman", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:2:1: numerals = "roman": use "latn" (0-9) or "native" (the language's own digits, the default)`},
		},
		{
			name: "page size out of range",
			src:  "title = \"T\"\npage_size = 0\n",
			want: Config{Title: "T", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:2:1: page_size = 0: give a number of entries from 1 to 500 (default 100)`},
		},
		{
			name: "page size as a string",
			src:  "page_size = \"50\"\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:1:1: page_size must be a whole number`},
		},
		{
			name: "syntax error",
			src:  "title = \"Iran’s war\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:1:20: invalid TOML: strings cannot contain newlines`},
		},
		{
			name: "duplicate key",
			src:  "title = \"a\"\ntitle = \"b\"\n",
			want: Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: 100},
			errs: []string{`site.toml:2:1: invalid TOML: Key 'title' has already been defined.`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := Parse([]byte(tt.src))
			if c != tt.want {
				t.Errorf("config = %+v, want %+v", c, tt.want)
			}
			if got := problems(errs); !slices.Equal(got, tt.errs) {
				t.Errorf("problems:\n  got  %q\n  want %q", got, tt.errs)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	c, errs := Load(fstest.MapFS{"site.toml": {Data: []byte("title = \"Mini\"\n")}})
	if len(errs) > 0 || c.Title != "Mini" || c.BaseURL != "/" {
		t.Errorf("Load = %+v, %v", c, errs)
	}
	c, errs = Load(fstest.MapFS{})
	if got := problems(errs); len(got) != 1 || !strings.HasPrefix(got[0], "site.toml:1:1: no site.toml: this directory is not a Dateline site") {
		t.Errorf("missing site.toml: %q", got)
	}
	if c != Default() {
		t.Errorf("missing site.toml gives %+v, want the defaults", c)
	}
}

func TestSetBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/": "/", "/a": "/a/", "https://x.org": "https://x.org/", "http://x.org/a/": "http://x.org/a/",
		"ftp://x": "", "x/": "", "mailto:a@b": "", "https://x.org/%zz": "",
	} {
		var c Config
		err := c.SetBaseURL(in)
		if (err != nil) != (want == "") || err == nil && c.BaseURL != want {
			t.Errorf("SetBaseURL(%q) = %q, %v; want %q", in, c.BaseURL, err, want)
		}
	}
}

func TestAbsoluteAndLocation(t *testing.T) {
	c := Config{BaseURL: "https://example.org/t/", TimeZone: "Europe/Moscow"}
	if got := c.Absolute("/entries/x/"); got != "https://example.org/t/entries/x/" {
		t.Errorf("Absolute = %q", got)
	}
	if got := c.Location().String(); got != "Europe/Moscow" {
		t.Errorf("Location = %q", got)
	}
	if got := (Config{TimeZone: "Nowhere/Else"}).Location(); got.String() != "UTC" {
		t.Errorf("bad zone falls back to %q", got)
	}
}

func FuzzConfig(f *testing.F) {
	if b, err := os.ReadFile("../../site.toml"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{"", "title = 1", "[x]\ny = 2\n", "base_url = \"ftp://x\"", "time_zone = \"\"", "a.b.c = 1", "title = \"é\nx"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, errs := Parse(src)
		lines := strings.Split(string(src), "\n")
		for _, p := range errs {
			if p.Pos.Path != File || p.Msg == "" {
				t.Errorf("problem %q lacks path or message", p.Error())
			}
			if p.Pos.Line != 0 && (p.Pos.Line < 1 || p.Pos.Line > len(lines)) {
				t.Errorf("problem %q: line outside the file (%d lines)", p.Error(), len(lines))
			}
			if p.Pos.Line >= 1 && p.Pos.Line <= len(lines) && (p.Pos.Col < 0 || p.Pos.Col > utf8.RuneCountInString(lines[p.Pos.Line-1])+1) {
				t.Errorf("problem %q: column outside line %q", p.Error(), lines[p.Pos.Line-1])
			}
		}
		if len(errs) == 0 {
			if !strings.HasSuffix(c.BaseURL, "/") {
				t.Errorf("accepted base_url %q does not end in /", c.BaseURL)
			}
			if c.Location() == nil {
				t.Error("nil location")
			}
		}
	})
}

func TestParseEncodingAndLimits(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"bom", "\ufefftitle = \"T\"\nbase_url = 5\n", []string{"site.toml:2:1: base_url must be a quoted string"}},
		{"latin-1", "title = \"Caf\xe9\"\n", []string{"site.toml:1:13: invalid UTF-8 (byte 0xE9): the file must be UTF-8; if it is Latin-1, convert it with `iconv -f latin1 -t utf-8 site.toml > site.toml.utf8` and replace it with the result"}},
		{"nested arrays", "title = " + strings.Repeat("[", 10_000), []string{"site.toml:1:17: arrays and inline tables nest 9 deep here; the limit is 8"}},
		{"too big", "description = \"" + strings.Repeat("x", MaxBytes) + "\"\n", []string{"site.toml:1:1: site.toml is 65553 bytes; the limit is 65536 (64 KiB): it holds a few short settings"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := Parse([]byte(c.src))
			if got := problems(errs); !slices.Equal(got, c.want) {
				t.Errorf("problems:\n  got  %q\n  want %q", got, c.want)
			}
		})
	}
	var keys strings.Builder
	for i := range 150 {
		keys.WriteString("k" + strings.Repeat("x", i) + " = 1\n")
	}
	_, errs := Parse([]byte(keys.String()))
	if len(errs) != maxUnknownKeys+1 || !strings.HasSuffix(errs[maxUnknownKeys].Error(), ": 50 more unknown keys in site.toml are not listed") {
		t.Errorf("got %d problems, last %v", len(errs), errs[len(errs)-1])
	}
}
