package content

import (
	"bytes"
	"image"
	"image/png"
	"testing"
	"testing/fstest"
)

func TestParseEntryMedia(t *testing.T) {
	const p = "content/entries/x.md"
	head := "+++\ntitle = \"T\"\ndate = \"2026\"\n\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n"
	tests := []struct {
		name  string
		media string // front matter from line 9 on
		want  []string
		kinds []string // of the media that pass
	}{
		{"local image", "[[media]]\nfile = \"maps/strikes.png\"\nalt = \"Map\"\ncaption = \"C\"\ncredit = \"Dateline\"\nsource = \"s\"\n", nil, []string{"image"}},
		{"youtube", "[[media]]\nurl = \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"\n", nil, []string{"video"}},
		{"local pdf needs no alt", "[[media]]\nfile = \"report.pdf\"\n", nil, []string{"document"}},
		{"image without alt", "[[media]]\nfile = \"a.png\"\n",
			[]string{p + `:9:1: [[media]] image is missing required key "alt": describe what the image shows for readers who cannot see it`}, nil},
		{"second image without alt", "[[media]]\nfile = \"a.png\"\nalt = \"A\"\n\n  [[media]]\n  url = \"https://example.org/b.JPG\"\n",
			[]string{p + `:13:3: [[media]] image is missing required key "alt": describe what the image shows for readers who cannot see it`}, []string{"image"}},
		{"empty alt", "[[media]]\nfile = \"a.webp\"\nalt = \"  \"\n",
			[]string{p + `:11:7: alt is empty: describe what the image shows for readers who cannot see it`}, nil},
		{"neither file nor url", "[[media]]\ncaption = \"C\"\n",
			[]string{p + `:9:1: [[media]] needs file (a file in content/media/) or url`}, nil},
		{"both file and url", "[[media]]\nfile = \"a.pdf\"\nurl = \"https://example.org/a.pdf\"\n",
			[]string{p + `:11:7: [[media]] has both file and url: give one (file for a file in content/media/, url for an address)`}, nil},
		{"javascript url", "[[media]]\nurl = \"javascript:alert(1)\"\n",
			[]string{p + `:10:7: media url "javascript:alert(1)" must be an absolute http or https URL`}, nil},
		{"relative url", "[[media]]\nurl = \"//youtu.be/x\"\n",
			[]string{p + `:10:7: media url "//youtu.be/x" must be an absolute http or https URL`}, nil},
		{"file leaves the media folder", "[[media]]\nfile = \"../sources/s.md\"\n",
			[]string{p + `:10:8: media file "../sources/s.md" must stay inside content/media/ (no "..", "." or empty folder names)`}, nil},
		{"absolute file", "[[media]]\nfile = \"/etc/passwd\"\n",
			[]string{p + `:10:8: media file "/etc/passwd" must be a path relative to content/media/ (use url for addresses)`}, nil},
		{"a file that could run scripts", "[[media]]\nfile = \"chart.svg\"\n",
			[]string{p + `:10:8: media file "chart.svg" must be a JPEG, PNG, GIF or WebP image or a PDF document`}, nil},
		{"backslashes", "[[media]]\nfile = 'maps\\a.png'\nalt = \"A\"\n",
			[]string{p + `:10:8: media file "maps\\a.png" must use "/" between folders`}, nil},
		{"unknown key", "[[media]]\nurl = \"https://t.me/channel/12\"\ncapton = \"x\"\n",
			[]string{p + `:11:1: unknown key "capton" in entry front matter (did you mean "caption"?)`}, []string{"post"}},
		{"caption not a string", "[[media]]\nurl = \"https://t.me/channel/12\"\ncaption = 3\n",
			[]string{p + `:11:11: caption must be a quoted string, not an integer`}, nil},
		{"a table, not an array of tables", "[media]\nurl = \"https://t.me/channel/12\"\n",
			[]string{p + `:9:1: media must be an array of tables: write [[media]], with double brackets`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := head + "\n" + tt.media + "+++\n"
			e, errs := ParseEntry(p, []byte(src))
			checkList(t, p, []byte(src), errs)
			checkProblems(t, errs, tt.want)
			var kinds []string
			for _, m := range e.Media {
				kinds = append(kinds, m.Kind)
			}
			if len(kinds) != len(tt.kinds) || len(kinds) > 0 && kinds[0] != tt.kinds[0] {
				t.Errorf("kinds %q, want %q", kinds, tt.kinds)
			}
		})
	}
}

func TestLoadMediaFiles(t *testing.T) {
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 30, 20)))
	entry := func(media string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"T\"\ndate = \"2026\"\n[[evidence]]\nsource = \"s\"\nquote = \"q\"\n" + media + "+++\n")}
	}
	site, errs := Load(fstest.MapFS{
		"content/entries/a.md":           entry("[[media]]\nfile = \"map.png\"\nalt = \"Map\"\n"),
		"content/entries/b.md":           entry("[[media]]\nfile = \"missing.png\"\nalt = \"M\"\n[[media]]\nfile = \"fake.jpg\"\nalt = \"F\"\n"),
		"content/entries/c.md":           entry("[[media]]\nfile = \"map.png\"\nalt = \"Map again\"\n[[media]]\nfile = \"dir.pdf\"\n"),
		"content/media/map.png":          {Data: img.Bytes()},
		"content/media/fake.jpg":         {Data: []byte("not a jpeg")},
		"content/media/dir.pdf/file.pdf": {Data: []byte("%PDF")},
	})
	checkProblems(t, errs, []string{
		`content/entries/b.md:8:8: media file "missing.png": not found (put it in content/media/)`,
		`content/entries/b.md:11:8: media file "fake.jpg": not a JPEG, PNG, GIF or WebP image: image: unknown format`,
		`content/entries/c.md:11:8: media file "dir.pdf": is a folder, not a file`,
	})
	f := site.Media["content/media/map.png"]
	if f == nil || f.Width != 30 || f.Height != 20 || f.Format != "png" || len(f.Sum) != 64 {
		t.Fatalf("map.png read as %+v", f)
	}
	if len(site.Media) != 1 {
		t.Errorf("media files %v, want only map.png", site.Media)
	}
}
