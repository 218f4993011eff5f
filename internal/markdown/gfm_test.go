package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// gfmCases exercise what the port changed or could get wrong: the table
// delimiter row, escaped pipes in code, alignment, task boxes, strikethrough
// and the bare-URL and e-mail autolinks with their trailing punctuation.
var gfmCases = []string{
	"| a | b |\n|---|:-:|\n| 1 | 2 |\n",
	"a | b | c\n:-- | --: | :-:\nx | y\n1 | 2 | 3 | 4\n",
	"| a |\n| - |\n",
	"|a|b|\n| :--- | ---: |\n|`x\\|y`|z\\|w|\n",
	"| a | b |\n| --- | -x- |\n| 1 | 2 |\n",
	"| a | b |\n|:---:|\t---:\t|\n",
	"| a | b |\n| :: | --- |\n",
	"| a | b |\n| ---- |\n",
	"text\n| a | b |\n| --- | --- |\n| 1 | 2 |\nmore\n",
	"    | a |\n    | - |\n",
	"~~struck~~ and ~one~ and ~~~three~~~ a~~b~~c\n",
	"- [ ] open\n- [x] done\n- [X]\tdone too\n- [\t] tab\n- [y] not a box\n  - [ ] nested\n\n1. [x] numbered\n",
	"see www.example.com, and https://example.org/a_(b)?c=d. or (http://x.io/path).\n",
	"ftp://files.example.com/a.txt; www.x.co/&amp; http://a.b:80/x*\n",
	"mail a.b-c@example.co.uk. or x@y or _u@v.w_ or a@b.c- \n",
	"*www.emph.com* ~www.tilde.com~ https://no-tld www.a.b/path?q=\"x\"&y='z'\n",
	"[label www.in-link.com](https://example.com) <https://auto.example>\n",
}

func TestGFMAsGoldmark(t *testing.T) {
	ours := New()
	theirs := goldmark.New(goldmark.WithExtensions(extension.GFM, xrefs{}, rawAsText{}))
	for _, src := range gfmCases {
		got, err := ours.Render([]byte(src), nil)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		var want bytes.Buffer
		if err := theirs.Convert([]byte(src), &want); err != nil {
			t.Fatalf("%q: goldmark: %v", src, err)
		}
		if string(got) != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want.String())
		}
	}
}

func FuzzGFMAsGoldmark(f *testing.F) {
	for _, src := range gfmCases {
		f.Add(src)
	}
	ours := New()
	theirs := goldmark.New(goldmark.WithExtensions(extension.GFM, xrefs{}, rawAsText{}))
	f.Fuzz(func(t *testing.T, src string) {
		if CheckLimits([]byte(src)) != nil {
			return
		}
		got, err := ours.Render([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := theirs.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want.String())
		}
	})
}
