package render

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func parts(ss ...string) Parts {
	var p Parts
	for _, s := range ss {
		p = append(p, []byte(s))
	}
	return p
}

func TestPartsEqual(t *testing.T) {
	shared := []byte("shared")
	tests := []struct {
		a, b Parts
		want bool
	}{
		{parts(), parts(), true},
		{parts(""), parts(), true},
		{parts("abc"), parts("a", "", "bc"), true},
		{parts("ab", "cd"), parts("a", "bcd"), true},
		{parts("ab", "cd"), parts("a", "bce"), false},
		{parts("abc"), parts("ab"), false},
		{parts("abc"), parts("abd"), false},
		{Parts{[]byte("<"), shared, []byte(">")}, Parts{[]byte("<"), shared, []byte(">")}, true},
		{Parts{shared[:3], shared[3:]}, Parts{shared}, true},
		{Parts{shared}, Parts{[]byte("sharex")}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%q.Equal(%q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Equal(tt.a); got != tt.want {
			t.Errorf("%q.Equal(%q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
		if got := bytes.Equal(tt.a.Bytes(), tt.b.Bytes()); got != tt.want {
			t.Errorf("Bytes of %q and %q: equal %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// The reader serves ranges as http.ServeContent asks for them.
func TestPartsReader(t *testing.T) {
	p := parts("<html>", "", "one", "two", "", "three</html>")
	whole := string(p.Bytes())
	var sb strings.Builder
	if _, err := p.WriteTo(&sb); err != nil || sb.String() != whole {
		t.Fatalf("WriteTo: %q, %v", sb.String(), err)
	}
	all, err := io.ReadAll(p.Reader())
	if err != nil || string(all) != whole {
		t.Fatalf("ReadAll: %q, %v", all, err)
	}
	for _, rng := range []string{"bytes=0-0", "bytes=6-8", "bytes=7-12", "bytes=-6", "bytes=9-", "bytes=0-3,10-14"} {
		req := httptest.NewRequest("GET", "/x.html", nil)
		req.Header.Set("Range", rng)
		rec := httptest.NewRecorder()
		http.ServeContent(rec, req, "x.html", time.Time{}, p.Reader())
		want := httptest.NewRecorder()
		http.ServeContent(want, req, "x.html", time.Time{}, strings.NewReader(whole))
		if rec.Code != want.Code || rec.Body.String() != want.Body.String() && !strings.Contains(rng, ",") {
			t.Errorf("%s: %d %q, want %d %q", rng, rec.Code, rec.Body, want.Code, want.Body)
		}
	}
}
