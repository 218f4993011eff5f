package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		url, provider, kind, embed string
	}{
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "YouTube", Video, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
		{"https://youtu.be/dQw4w9WgXcQ", "YouTube", Video, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
		{"https://m.youtube.com/shorts/dQw4w9WgXcQ", "YouTube", Video, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
		{"https://www.youtube.com/watch?v=bad\"id", "", "", ""},
		{"https://www.youtube.com/watch?v=short", "YouTube", Video, ""},
		{"https://vimeo.com/76979871", "Vimeo", Video, "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"},
		{"https://x.com/user_1/status/1234567890", "X", Post, "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=1234567890"},
		{"https://twitter.com/user/status/1234567890?s=20", "X", Post, "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=1234567890"},
		{"https://twitter.com/user", "X", Post, ""},
		{"https://t.me/rybar/12345", "Telegram", Post, "https://t.me/rybar/12345?embed=1"},
		{"https://soundcloud.com/artist/track", "SoundCloud", Audio, "https://w.soundcloud.com/player/?auto_play=true&url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Ftrack"},
		{"https://example.org/report.PDF", "Document", Document, "https://example.org/report.PDF"},
		{"https://example.org/a/photo.jpg?x=1", "Image", Image, ""},
		{"http://example.org/page", "example.org", Link, ""},
		{"javascript:alert(1)", "", "", ""},
		{"data:image/png;base64,AAAA", "", "", ""},
		{"//youtu.be/dQw4w9WgXcQ", "", "", ""},
		{"/media/x.png", "", "", ""},
		{"https://user:pw@example.org/", "", "", ""},
		{"https://example.org/a b", "", "", ""},
		{"https://example.org/<script>", "", "", ""},
	}
	for _, tt := range tests {
		r, err := Classify(tt.url)
		if tt.provider == "" {
			if err == nil {
				t.Errorf("Classify(%q) = %+v, want an error", tt.url, r)
			}
			continue
		}
		if err != nil || r.Provider != tt.provider || r.Kind != tt.kind || r.Embed != tt.embed {
			t.Errorf("Classify(%q) = %+v, %v; want %s %s %q", tt.url, r, err, tt.provider, tt.kind, tt.embed)
		}
		if r.Embed != "" && r.Kind != Document && !strings.Contains(r.Sandbox, "allow-scripts") {
			t.Errorf("Classify(%q): player without a sandbox: %+v", tt.url, r)
		}
		if strings.Contains(r.Sandbox, "allow-top-navigation") || strings.Contains(r.Sandbox, "allow-forms") {
			t.Errorf("Classify(%q): sandbox grants too much: %q", tt.url, r.Sandbox)
		}
	}
}

func TestCheckFile(t *testing.T) {
	for name, ok := range map[string]bool{
		"a.png": true, "maps/2025/a.png": true, "": false, "../a.png": false, "a/../b.png": false,
		"/etc/passwd": false, "./a.png": false, "a//b.png": false, `a\b.png`: false, ".hidden.png": false,
		"https://example.org/a.png": false, "C:/x.png": true, "report.PDF": true, "x.svg": false, "page.html": false, "noext": false,
	} {
		if got := CheckFile(name) == ""; got != ok {
			t.Errorf("CheckFile(%q) = %q, want ok=%v", name, CheckFile(name), ok)
		}
	}
}

func encode(t *testing.T, w, h int, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPlanAndResize(t *testing.T) {
	for _, tt := range []struct {
		format string
		w, h   int
		widths []int
		ext    string
	}{
		{"png", 1000, 500, []int{320, 640}, ".png"},
		{"jpeg", 700, 1400, []int{320, 640}, ".jpg"},
		{"png", 320, 100, nil, ""},
		{"jpeg", 2000, 10, []int{320, 640, 1024, 1600}, ".jpg"},
	} {
		data := encode(t, tt.w, tt.h, tt.format)
		in, err := Probe(data)
		if err != nil || in.Width != tt.w || in.Height != tt.h || in.Format != tt.format {
			t.Fatalf("Probe = %+v, %v", in, err)
		}
		orig, sizes := Plan("maps/Strike map.PNG", in)
		if want := "media/Strike-map-" + in.Sum[:12] + ".png"; orig.Path != want || orig.Width != tt.w {
			t.Errorf("original %+v, want %s", orig, want)
		}
		if len(sizes) != len(tt.widths) {
			t.Fatalf("%d×%d: sizes %+v, want widths %v", tt.w, tt.h, sizes, tt.widths)
		}
		var got []Variant
		err = Resize(data, in.Format, sizes, func(v Variant, b []byte) error {
			if !strings.HasSuffix(v.Path, tt.ext) || !strings.Contains(v.Path, in.Sum[:12]) {
				t.Errorf("variant path %s", v.Path)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil || cfg.Width != v.Width || cfg.Height != v.Height || format != tt.format {
				t.Errorf("variant %+v decodes as %+v %s %v", v, cfg, format, err)
			}
			got = append(got, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(got, func(a, b Variant) int { return a.Width - b.Width })
		if len(got) != len(sizes) {
			t.Errorf("%d sizes made, want %d", len(got), len(sizes))
		}
		for i, v := range got {
			if v.Width != tt.widths[i] || v.Height != max(1, (tt.h*v.Width+tt.w/2)/tt.w) {
				t.Errorf("size %d: %+v", i, v)
			}
		}
	}
}

func TestProbeRefuses(t *testing.T) {
	for name, data := range map[string][]byte{
		"not an image": []byte("hello"),
		"truncated":    encode(t, 10, 10, "png")[:20],
		// A PNG header that claims 100,000 × 100,000 pixels.
		"huge": func() []byte {
			b := encode(t, 1, 1, "png")
			copy(b[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
			binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
			if _, err := png.DecodeConfig(bytes.NewReader(b)); err != nil {
				t.Fatalf("the huge header does not parse: %v", err)
			}
			return b
		}(),
	} {
		if in, err := Probe(data); err == nil {
			t.Errorf("%s: Probe = %+v, want an error", name, in)
		}
	}
}
