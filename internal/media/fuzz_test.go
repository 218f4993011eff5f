package media

import (
	"strings"
	"testing"
)

// Whatever URL an editor writes, Classify never panics, lets through only
// http(s), and makes a player address only on the providers' own https
// hosts, without characters that could leave an HTML attribute.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/1",
		"https://x.com/a/status/1", "https://t.me/abc/1", "https://soundcloud.com/a/b", "https://e.org/x.pdf",
		"https://e.org/x.png", "javascript:alert(1)", "//youtu.be/x", "https://soundcloud.com/a/b\"onload=x",
		"HTTPS://YOUTU.BE/dQw4w9WgXcQ", "https://t.me/abc/1#\"><script>",
	} {
		f.Add(s)
	}
	players := []string{"https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/",
		"https://platform.twitter.com/embed/", "https://t.me/", "https://w.soundcloud.com/player/"}
	f.Fuzz(func(t *testing.T, raw string) {
		r, err := Classify(raw)
		if err != nil {
			return
		}
		l := strings.ToLower(raw)
		if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") || r.URL != raw {
			t.Fatalf("Classify(%q) accepted %+v", raw, r)
		}
		if strings.ContainsAny(raw, "\"<>` \n\t\\") {
			t.Fatalf("Classify(%q) accepted a URL that can break out of an attribute", raw)
		}
		if r.Embed == "" || r.Kind == Document {
			return
		}
		ok := false
		for _, p := range players {
			ok = ok || strings.HasPrefix(r.Embed, p)
		}
		if !ok || strings.ContainsAny(r.Embed, "\"<>` \\") || r.Sandbox == "" {
			t.Fatalf("Classify(%q) plays from %q (sandbox %q)", raw, r.Embed, r.Sandbox)
		}
	})
}
