package build_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"maps"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dateline"
	"dateline/internal/build"
	"dateline/internal/media"
)

// testPNG is a w×h gradient, different for each seed.
func testPNG(t testing.TB, w, h int, seed uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x) + seed, uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const (
	mediaEntry  = "content/entries/2025/2025-06-23-putin-meets-araghchi.md"
	strikeEntry = "content/entries/2025/2025-06-22-us-strikes.md"
)

// mediaSite is the mini-site with a local image on one entry (and its
// card) and a YouTube video on another.
func mediaSite(t testing.TB) map[string]string {
	site := maps.Clone(miniSite)
	site[mediaEntry] = strings.Replace(site[mediaEntry], "\n+++\n", `

[[media]]
file = "maps/moscow.png"
alt = "Map of central Moscow with the Kremlin marked"
caption = "Where the meeting took place"
credit = "Map: Dateline test"
source = "moscow-report"
+++
`, 1)
	site[strikeEntry] = strings.Replace(site[strikeEntry], "\n+++\n", `

[[media]]
url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
caption = "Footage of the strikes"
credit = "Broadcaster"
+++
`, 1)
	site["content/media/maps/moscow.png"] = string(testPNG(t, 800, 400, 0))
	return site
}

var (
	srcAttr = regexp.MustCompile(`\ssrc="([^"]*)"`)
	imgTag  = regexp.MustCompile(`<img [^>]*>`)
)

func TestBuildMedia(t *testing.T) {
	t.Parallel()
	site := mediaSite(t)
	s, err := build.Build(mapFS(site), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("%v\n%v", err, s.Problems)
	}
	in, err := media.Probe([]byte(site["content/media/maps/moscow.png"]))
	if err != nil {
		t.Fatal(err)
	}
	orig, sizes := media.Plan("content/media/maps/moscow.png", in)
	if len(sizes) != 2 {
		t.Fatalf("sizes %+v, want 320 and 640", sizes)
	}
	if !bytes.Equal(s.Files[orig.Path], []byte(site["content/media/maps/moscow.png"])) {
		t.Errorf("original %s not copied as it is", orig.Path)
	}
	for _, v := range sizes {
		cfg, err := png.DecodeConfig(bytes.NewReader(s.Files[v.Path]))
		if err != nil || cfg.Width != v.Width || cfg.Height != v.Height {
			t.Errorf("%s: %+v %v, want %d×%d", v.Path, cfg, err, v.Width, v.Height)
		}
	}

	page := string(s.Files["entries/2025-06-23-putin-meets-araghchi/index.html"])
	imgs := imgTag.FindAllString(page, -1)
	if len(imgs) != 1 {
		t.Fatalf("entry page images %q", imgs)
	}
	for _, want := range []string{
		`src="../../` + orig.Path + `"`,
		`srcset="../../` + sizes[0].Path + ` 320w, ../../` + sizes[1].Path + ` 640w, ../../` + orig.Path + ` 800w"`,
		`width="800"`, `height="400"`, `loading="lazy"`, `alt="Map of central Moscow with the Kremlin marked"`,
	} {
		if !strings.Contains(imgs[0], want) {
			t.Errorf("entry page image %s lacks %s", imgs[0], want)
		}
	}
	for _, want := range []string{"Where the meeting took place", "Map: Dateline test", `href="../../sources/moscow-report/"`} {
		if !strings.Contains(page, want) {
			t.Errorf("entry page lacks %q", want)
		}
	}

	// The card: one thumbnail, the smallest size, lazily loaded.
	index := string(s.Files["index.html"])
	thumbs := regexp.MustCompile(`<img class="entry-thumb"[^>]*>`).FindAllString(index, -1)
	if len(thumbs) != 1 || !strings.Contains(thumbs[0], `src="`+sizes[0].Path+`"`) || !strings.Contains(thumbs[0], `loading="lazy"`) || !strings.Contains(thumbs[0], `width="320" height="160"`) {
		t.Errorf("timeline thumbnails %q", thumbs)
	}
	tj := string(s.Files["timeline.json"])
	if !strings.Contains(tj, `"media":[{"kind":"image","url":"https://example.org/mini/`+orig.Path+`","width":800,"height":400,"sizes":[{"url":"https://example.org/mini/`+sizes[0].Path+`","width":320,"height":160}`) ||
		!strings.Contains(tj, `"caption":"Where the meeting took place","credit":"Map: Dateline test","alt":"Map of central Moscow with the Kremlin marked","source":"moscow-report"}]`) ||
		!strings.Contains(tj, `"media":[{"kind":"video","url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","provider":"YouTube","caption":"Footage of the strikes"`) {
		t.Errorf("timeline.json media:\n%s", regexp.MustCompile(`"media":\[[^\]]*\]`).FindAllString(tj, -1))
	}
	embed := string(s.Files["embed/entries/2025-06-23-putin-meets-araghchi/index.html"])
	if !strings.Contains(embed, sizes[0].Path) || !strings.Contains(embed, "media.js") {
		t.Errorf("the entry's embed shows no media")
	}

	// The video: a link card with the player's address for media.js, and
	// nothing that loads from another site.
	strikes := string(s.Files["entries/2025-06-22-us-strikes/index.html"])
	for _, want := range []string{
		`href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"`,
		`data-media-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"`,
		`data-media-sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"`,
		`<script src="../../media.js" defer></script>`,
	} {
		if !strings.Contains(strikes, want) {
			t.Errorf("video entry page lacks %s", want)
		}
	}
	for name, data := range s.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if strings.Contains(string(data), "<iframe") {
			t.Errorf("%s has an iframe before any click", name)
		}
		for _, m := range srcAttr.FindAllStringSubmatch(string(data), -1) {
			if strings.Contains(m[1], "//") {
				t.Errorf("%s loads %s from another site", name, m[1])
			}
		}
	}
}

// A rebuild makes no image size again: it takes them from the output it
// replaces. A changed image gets new names, and is resized.
func TestRunReusesResizedImages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	writeSite(t, src, mediaSite(t))
	run := func() build.Summary {
		t.Helper()
		sum, problems, err := build.Run(context.Background(), src, out, dateline.Theme(), build.Options{}, nil)
		if err != nil || len(problems) > 0 {
			t.Fatalf("build: %v %v", err, problems)
		}
		return sum
	}
	first := run()
	before := hashTree(t, out)
	if first.Resized != 2 || len(before) != first.Files {
		t.Fatalf("first build resized %d images, wrote %d files (%d on disk)", first.Resized, first.Files, len(before))
	}
	again := run()
	if again.Resized != 0 {
		t.Errorf("rebuild resized %d images again", again.Resized)
	}
	if after := hashTree(t, out); !maps.Equal(before, after) {
		t.Error("a rebuild changed the output")
	}
	writeSite(t, src, map[string]string{"content/media/maps/moscow.png": string(testPNG(t, 800, 400, 7))})
	if changed := run(); changed.Resized != 2 {
		t.Errorf("a changed image resized %d sizes, want 2", changed.Resized)
	}
	if n := len(hashTree(t, out)); n != len(before) {
		t.Errorf("%d files after the image changed, want %d (old sizes left behind?)", n, len(before))
	}
}

func TestBuildMediaProblems(t *testing.T) {
	t.Parallel()
	site := mediaSite(t)
	site[mediaEntry] = strings.Replace(site[mediaEntry], `source = "moscow-report"
+++`, `source = "moscow-reprot"
+++`, 1)
	site[strikeEntry] = strings.Replace(site[strikeEntry], `caption = "Footage of the strikes"`, `file = "clip.png"`, 1)
	s, err := build.Build(mapFS(site), dateline.Theme(), build.Options{})
	if err == nil {
		t.Fatal("built")
	}
	var got []string
	for _, p := range s.Problems {
		got = append(got, p.Error())
	}
	want := []string{
		strikeEntry + `:23:7: [[media]] has both file and url: give one (file for a file in content/media/, url for an address)`,
		mediaEntry + `:23:10: unknown source "moscow-reprot" for [[media]] (sources are the files in content/sources/)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
