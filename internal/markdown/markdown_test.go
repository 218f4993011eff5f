package markdown

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// sites is a Resolver backed by a map from "kind:id" to URL.
type sites map[string]string

func (s sites) Resolve(kind, id string) (string, bool) {
	u, ok := s[kind+":"+id]
	return u, ok
}

var testSites = sites{
	"actor:putin":            "../../actors/putin/",
	"place:tehran":           "../../places/tehran/",
	"topic:nuclear":          "../../topics/nuclear/",
	"thread:june-2025-war":   "../../threads/june-2025-war/",
	"entry:2025-06-22-fordo": "../2025-06-22-fordo/",
	"source:reuters-0623":    "../../sources/reuters-0623/",
	"actor:evil":             "javascript:alert(1)", // a broken resolver must not open a hole
}

func TestRender(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// Cross references.
		{"actor", "[Putin](actor:putin) spoke.",
			`<p><a href="../../actors/putin/" class="xref xref-actor">Putin</a> spoke.</p>`},
		{"place", "[Tehran](place:tehran)",
			`<p><a href="../../places/tehran/" class="xref xref-place">Tehran</a></p>`},
		{"topic", "[the programme](topic:nuclear)",
			`<p><a href="../../topics/nuclear/" class="xref xref-topic">the programme</a></p>`},
		{"thread", "[the war](thread:june-2025-war)",
			`<p><a href="../../threads/june-2025-war/" class="xref xref-thread">the war</a></p>`},
		{"entry", "[the strike](entry:2025-06-22-fordo)",
			`<p><a href="../2025-06-22-fordo/" class="xref xref-entry">the strike</a></p>`},
		{"source", "([Reuters](source:reuters-0623))",
			`<p>(<a href="../../sources/reuters-0623/" class="xref xref-source">Reuters</a>)</p>`},
		{"title kept", `[Putin](actor:putin "President")`,
			`<p><a href="../../actors/putin/" title="President" class="xref xref-actor">Putin</a></p>`},
		{"scheme case-insensitive", "[Putin](Actor:putin)",
			`<p><a href="../../actors/putin/" class="xref xref-actor">Putin</a></p>`},
		{"angle-bracket destination", "[Putin](<actor:putin>)",
			`<p><a href="../../actors/putin/" class="xref xref-actor">Putin</a></p>`},
		{"reference-style", "[Putin][p] said.\n\n[p]: actor:putin",
			`<p><a href="../../actors/putin/" class="xref xref-actor">Putin</a> said.</p>`},
		{"markup inside", "[*Putin*](actor:putin)",
			`<p><a href="../../actors/putin/" class="xref xref-actor"><em>Putin</em></a></p>`},
		{"unknown ref", "[Nobody](actor:nobody) spoke.",
			`<p><span class="xref-missing">Nobody</span> spoke.</p>`},
		{"unknown kind is an ordinary (bad) scheme", "[x](person:putin)", `<p>x</p>`},
		{"resolver returning a bad URL", "[x](actor:evil)",
			`<p><span class="xref-missing">x</span></p>`},
		{"cross-ref autolink is text", "<actor:putin>", `<p>actor:putin</p>`},

		// Raw HTML is shown, not run.
		{"script block", "<script>alert(1)</script>",
			`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`},
		{"inline HTML", `a <b onclick="x()">b</b> c`,
			`<p>a &lt;b onclick=&quot;x()&quot;&gt;b&lt;/b&gt; c</p>`},
		{"inline script", "a <script>alert(1)</script>",
			`<p>a &lt;script&gt;alert(1)&lt;/script&gt;</p>`},
		{"HTML comment", "a <!-- note --> b", `<p>a &lt;!-- note --&gt; b</p>`},

		// Ordinary links.
		{"https", "[BBC](https://www.bbc.co.uk/news)", `<p><a href="https://www.bbc.co.uk/news">BBC</a></p>`},
		{"http", "[x](http://example.com/a?b=c&d=e)", `<p><a href="http://example.com/a?b=c&amp;d=e">x</a></p>`},
		{"mailto", "[mail](mailto:desk@example.com)", `<p><a href="mailto:desk@example.com">mail</a></p>`},
		{"relative", "[about](../about/)", `<p><a href="../about/">about</a></p>`},
		{"root-relative", "[about](/about/)", `<p><a href="/about/">about</a></p>`},
		{"fragment", "[notes](#notes)", `<p><a href="#notes">notes</a></p>`},
		{"colon after slash is a path", "[x](a/b:c)", `<p><a href="a/b:c">x</a></p>`},

		// Dangerous destinations lose the link, keep the text.
		{"javascript", "[x](javascript:alert(1))", `<p>x</p>`},
		{"javascript upper case", "[x](JavaScript:alert(1))", `<p>x</p>`},
		{"data", "[x](data:text/html;base64,PHNjcmlwdD4=)", `<p>x</p>`},
		{"data image link", "[x](data:image/png;base64,AAAA)", `<p>x</p>`},
		{"vbscript", "[x](vbscript:msgbox(1))", `<p>x</p>`},
		{"file", "[x](file:///etc/passwd)", `<p>x</p>`},
		{"unknown scheme", "[x](tel:+441234)", `<p>x</p>`},
		{"protocol-relative", "[x](//evil.example/)", `<p>x</p>`},
		{"tab entity inside scheme", "[x](java&#9;script:alert(1))", `<p>x</p>`},
		{"named tab entity", "[x](java&Tab;script:alert(1))", `<p>x</p>`},
		{"newline entity", "[x](java&#x0A;script:alert(1))", `<p>x</p>`},
		{"tab inside angle destination", "[x](<java\tscript:alert(1)>)", `<p>x</p>`},
		{"decimal entity scheme", "[x](&#106;avascript:alert(1))", `<p>x</p>`},
		{"hex entity scheme", "[x](&#x6A;avascript&#x3A;alert(1))", `<p>x</p>`},
		{"named entity colon", "[x](javascript&colon;alert(1))", `<p>x</p>`},
		{"backslash-escaped colon", `[x](javascript\:alert(1))`, `<p>x</p>`},
		{"leading control character", "[x](<\x01javascript:alert(1)>)", `<p>x</p>`},
		{"reference definition", "[x][r]\n\n[r]: javascript:alert(1)", `<p>x</p>`},
		{"javascript autolink", "<javascript:alert(1)>", `<p>javascript:alert(1)</p>`},
		{"javascript in path", "[x](a/javascript:alert(1))", `<p>x</p>`},

		// Images: same-site only.
		{"relative image", "![a map](img/map.png)", `<p><img src="img/map.png" alt="a map"></p>`},
		{"remote image becomes link", "![a map](https://cdn.example/map.png)",
			`<p><a href="https://cdn.example/map.png">a map</a></p>`},
		{"protocol-relative image", "![a map](//cdn.example/map.png)", `<p>a map</p>`},
		{"data image", "![a map](data:image/png;base64,AAAA)", `<p>a map</p>`},
		{"javascript image", "![a map](javascript:alert(1))", `<p>a map</p>`},
		{"empty image", "![a map]()", `<p>a map</p>`},
		{"remote image inside a link", "[![logo](https://cdn.example/l.png)](https://example.com)",
			`<p><a href="https://example.com">logo</a></p>`},
		{"cross ref image", "![Putin](actor:putin)", `<p>Putin</p>`},

		// Autolinks.
		{"autolink", "<https://example.com/a>", `<p><a href="https://example.com/a">https://example.com/a</a></p>`},
		{"bare URL", "see https://example.com now", `<p>see <a href="https://example.com">https://example.com</a> now</p>`},
		{"bare www", "see www.example.com", `<p>see <a href="http://www.example.com">www.example.com</a></p>`},
		{"email autolink", "<desk@example.com>", `<p><a href="mailto:desk@example.com">desk@example.com</a></p>`},
		{"ftp autolink", "<ftp://example.com/f>", `<p>ftp://example.com/f</p>`},

		// GFM.
		{"strikethrough", "~~no~~", `<p><del>no</del></p>`},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Render([]byte(tt.in), testSites)
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.TrimSpace(string(got)); g != tt.want {
				t.Errorf("Render(%q)\n got: %s\nwant: %s", tt.in, g, tt.want)
			}
		})
	}
}

func TestRenderNilResolver(t *testing.T) {
	got, err := New().Render([]byte("[Putin](actor:putin)"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<p><span class="xref-missing">Putin</span></p>`; strings.TrimSpace(string(got)) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestRenderTable(t *testing.T) {
	got, err := New().Render([]byte("| a | b |\n|---|---|\n| [P](actor:putin) | [x](javascript:y) |"), testSites)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<table>", `<a href="../../actors/putin/" class="xref xref-actor">P</a>`, "<td>x</td>"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("table output %s lacks %s", got, want)
		}
	}
}

func TestRefs(t *testing.T) {
	src := "Ωμέγα [Putin](actor:putin) met\n" +
		"[the envoy](entry:2025-06-22-fordo \"title\") and\n" +
		"  [Tehran](  <place:tehran> ), ![img](a.png), [web](https://x.y)\n" +
		"[ref][r] and [Topic](TOPIC:nuclear)\n" +
		"\n" +
		"[r]: thread:june-2025-war\n" +
		"`[code](actor:not-a-link)`\n"
	want := []Ref{
		{Kind: "actor", ID: "putin", Line: 1, Col: 15},
		{Kind: "entry", ID: "2025-06-22-fordo", Line: 2, Col: 13},
		{Kind: "place", ID: "tehran", Line: 3, Col: 15},
		{Kind: "thread", ID: "june-2025-war", Line: 6, Col: 6},
		{Kind: "topic", ID: "nuclear", Line: 4, Col: 22},
	}
	got := New().Refs([]byte(src))
	// Document order follows the links, which for "ref" is line 4 even
	// though its destination sits on line 6.
	if !slices.Equal(got, want) {
		t.Errorf("Refs =\n%v\nwant\n%v", got, want)
	}
	if got := New().Refs([]byte("no links here")); got != nil {
		t.Errorf("Refs without links = %v, want nil", got)
	}
}

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[Putin](actor:putin) *said*  it\nwas **over**.", "Putin said it was over."},
		{"# Title\n\nFirst para.\n\n- one\n- two", "Title First para. one two"},
		{"a <b>bold</b> &amp; `x < y`", "a <b>bold</b> & x < y"},
		{"[x](javascript:alert(1)) and ![alt](https://a/b.png)", "x and alt"},
		{"", ""},
	}
	r := New()
	for _, tt := range tests {
		if got := r.Plain([]byte(tt.in)); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestConcurrent exercises one Renderer from many goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	r := New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			src := fmt.Sprintf("[Putin](actor:putin) %d [x](actor:none)", i)
			for range 50 {
				if _, err := r.Render([]byte(src), testSites); err != nil {
					t.Error(err)
				}
				r.Refs([]byte(src))
				r.Plain([]byte(src))
			}
		})
	}
	wg.Wait()
}

var (
	hrefRE = regexp.MustCompile(`(?i)href\s*=\s*"([^"]*)"`)
	imgRE  = regexp.MustCompile(`(?i)<img[^>]*>`)
	srcRE  = regexp.MustCompile(`(?i)src\s*=\s*"([^"]*)"`)
)

// checkSafe asserts the properties every rendering must have.
func checkSafe(t *testing.T, in string, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("Render(%q) has a script element: %s", in, out)
	}
	for _, m := range hrefRE.FindAllStringSubmatch(out, -1) {
		if strings.Contains(asBrowserSees(m[1]), "javascript:") {
			t.Fatalf("Render(%q) has a javascript: href: %s", in, out)
		}
	}
	for _, img := range imgRE.FindAllString(out, -1) {
		m := srcRE.FindStringSubmatch(img)
		if m == nil {
			continue
		}
		src := strings.ReplaceAll(asBrowserSees(m[1]), `\`, "/")
		if strings.HasPrefix(src, "http:") || strings.HasPrefix(src, "https:") || strings.HasPrefix(src, "//") {
			t.Fatalf("Render(%q) loads a remote image: %s", in, out)
		}
	}
}

// asBrowserSees decodes an attribute value and drops what URL parsers drop.
func asBrowserSees(attr string) string {
	s := strings.ToLower(html.UnescapeString(attr))
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	return strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"[Putin](actor:putin) and [x](entry:nope)",
		"<script>alert(1)</script>",
		"[x](javascript:alert(1)) [y](&#106;avascript:1) [z](<java\tscript:1>)",
		"![a](https://x/y.png) ![b](//x/y.png) ![c](\\\\x/y.png) ![d](ok.png)",
		"[![a](http://x/i.png)](https://example.com)",
		"<javascript:alert(1)> <http://ok> www.x.com a@b.co",
		"[r][x]\n\n[x]: data:text/html,<script>",
		"| a |\n|---|\n| <img src=x onerror=alert(1)> |",
		"<img src=\"https://tracker.example/p.gif\">",
	} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, in string) {
		out, err := r.Render([]byte(in), testSites)
		if _, over := err.(*LimitError); over {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkSafe(t, in, string(out))
		r.Plain([]byte(in))
		for _, ref := range r.Refs([]byte(in)) {
			if ref.Line < 1 || ref.Col < 1 {
				t.Fatalf("Refs(%q): bad position %+v", in, ref)
			}
		}
	})
}

// A link whose kind is a typo of one would become plain text without a word;
// Refs lists it with the kind as written, for the model to report. Schemes
// that are no typo of a kind are not references.
func TestRefsMistypedKind(t *testing.T) {
	tests := []struct {
		src  string
		want []Ref
	}{
		{"[Putin](actors:putin)", []Ref{{Kind: "actors", ID: "putin", Line: 1, Col: 9}}},
		{"[Putin](Actr:putin)", []Ref{{Kind: "actr", ID: "putin", Line: 1, Col: 9}}},
		{"see [t](topics:nuclear) and [s](sources:tass)", []Ref{{Kind: "topics", ID: "nuclear", Line: 1, Col: 9}, {Kind: "sources", ID: "tass", Line: 1, Col: 33}}},
		{"[x](javascript:alert(1))", nil},
		{"[x](ftp://example.org/)", nil},
		{"[x](mailto:a@b.c) [y](https://x.y/actor:z)", nil},
		{"[x](a1ctor:y)", nil}, // not a word
	}
	r := New()
	for _, tt := range tests {
		if got := r.Refs([]byte(tt.src)); !slices.Equal(got, tt.want) {
			t.Errorf("Refs(%q) = %v, want %v", tt.src, got, tt.want)
		}
		// It still renders as plain text.
		if html, err := r.Render([]byte(tt.src), nil); err != nil || strings.Contains(string(html), "<a") && len(tt.want) > 0 {
			t.Errorf("Render(%q) = %s: a mistyped reference must not become a link", tt.src, html)
		}
	}
}
