package serve

import (
	"bytes"
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

func grayPNG(t *testing.T, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The preview shows an entry's local image at every size the page asks
// for, made on request, and a replaced image under its new names.
func TestServeMedia(t *testing.T) {
	dir := copySite(t)
	ts := start(t, dir, nil)
	c := ts.subscribe(t)
	orig := ts.read(t, entryRel)
	ts.write(t, "content/media/map.png", grayPNG(t, 700, 350))
	c.until(t, "the new folder", func(e event) bool { return true })
	ts.write(t, entryRel, strings.Replace(orig, "\n+++\n", "\n\n[[media]]\nfile = \"map.png\"\nalt = \"A map\"\n+++\n", 1))
	c.until(t, "the entry page", func(e event) bool { return has(e.Written, entryPage) })

	srcs := func() []string {
		_, body := ts.get(t, entryPage)
		img := regexp.MustCompile(`<img [^>]*srcset="([^"]*)"`).FindStringSubmatch(body)
		if img == nil {
			t.Fatalf("no image on the entry page")
		}
		var out []string
		for _, part := range strings.Split(img[1], ",") {
			out = append(out, strings.TrimPrefix(strings.Fields(part)[0], "../../"))
		}
		return out
	}
	first := srcs()
	widths := []int{320, 640, 700}
	if len(first) != len(widths) {
		t.Fatalf("srcset %q", first)
	}
	for i, p := range first {
		resp, body := ts.get(t, p)
		cfg, err := png.DecodeConfig(strings.NewReader(body))
		if resp.StatusCode != 200 || err != nil || cfg.Width != widths[i] {
			t.Errorf("%s: %d, %+v %v; want %d wide", p, resp.StatusCode, cfg, err, widths[i])
		}
	}

	ts.write(t, "content/media/map.png", grayPNG(t, 500, 500))
	c.until(t, "the entry page again", func(e event) bool { return has(e.Written, entryPage) })
	second := srcs()
	if len(second) != 2 || second[0] == first[0] {
		t.Errorf("after the image changed: srcset %q (was %q)", second, first)
	}
	if resp, _ := ts.get(t, first[0]); resp.StatusCode != 404 {
		t.Errorf("the old size %s is still served: %d", first[0], resp.StatusCode)
	}
}
