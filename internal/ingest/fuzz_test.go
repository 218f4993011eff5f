package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/internal/content"
	"dateline/internal/edtf"
)

// FuzzIngest checks that Ingest never panics, takes no more than a second
// on any input, and that, for any non-empty text, the source it writes
// parses without errors.
func FuzzIngest(f *testing.F) {
	for _, s := range []string{
		" date 2026-03-10 Moscow/Tehran, March 10 (IANS) Putin spoke.\n\n--IANS\n\nscor/dan",
		"Home / World / Title of it\n\nTitle of it\n\nText.\n\nLeave a Reply",
		"“Open quote\nstill open.\nTags:\neurope",
		"A paragraph with enough letters.\nAnother paragraph with letters.\nA paragraph with enough letters.\nAnother paragraph with letters.\n",
		"Title: \"x\"\nURL: https://example.org\n\n\x00\x01\xff\xfe",
		"+++\ntitle = \"x\"\n+++\n",
		"إرسال تعليق",
		"\r\n\r\n",
	} {
		f.Add([]byte(s))
	}
	// Shapes that were slow, at sizes that pass quickly: each paragraph
	// twice; one paragraph between all others; an article pasted 50 times.
	var twice, between strings.Builder
	for i := range 300 {
		p := fmt.Sprintf("Paragraph number %d differs from all the others.\n\n", i)
		twice.WriteString(p + p)
		between.WriteString("The same paragraph of more than thirty letters.\n\n" + p)
	}
	f.Add([]byte(twice.String()))
	f.Add([]byte(between.String()))
	f.Add([]byte(strings.Repeat("Moscow, March 10 (IANS) Putin spoke to Pezeshkian.\n\nHe said more.\n\n", 50)))
	f.Fuzz(func(t *testing.T, raw []byte) {
		start := time.Now()
		r, err := Ingest(raw, Options{})
		if d := time.Since(start); d > time.Second {
			t.Fatalf("%d-byte input took %v", len(raw), d)
		}
		var nt *NotTextError
		if errors.As(err, &nt) {
			return
		}
		if err != nil {
			t.Fatalf("Ingest without options failed: %v", err)
		}
		if !content.IsSlug(r.ID) {
			t.Fatalf("id %q is not a slug", r.ID)
		}
		if !utf8.ValidString(r.Body) || !utf8.ValidString(r.Title) {
			t.Fatal("invalid UTF-8 in the output")
		}
		if r.Body != "" && !strings.HasSuffix(r.Body, "\n") {
			t.Fatalf("body %q does not end with a newline", r.Body)
		}
		if r.Published != "" {
			if _, err := edtf.Parse(r.Published); err != nil {
				t.Fatalf("published %q: %v", r.Published, err)
			}
		}
		file, err := r.File()
		if errors.Is(err, ErrNoPublished) {
			if r, err = Ingest(raw, Options{Published: "2026-03-10?"}); err != nil {
				t.Fatal(err)
			}
			file, err = r.File()
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(raw) == 0 {
			return
		}
		s, errs := content.ParseSource(r.Path(), file)
		if len(errs) > 0 || s == nil {
			t.Fatalf("the written source does not parse: %v\n%s", errs, file)
		}
		if s.Body != r.Body {
			t.Fatalf("body changed on the way through the file:\n%q\n%q", s.Body, r.Body)
		}
	})
}
