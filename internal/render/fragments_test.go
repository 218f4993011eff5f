package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/internal/model"
)

func TestFragmentCache(t *testing.T) {
	c := NewFragmentCache()
	renders := 0
	get := func(f *Fragments, key, sub, out string) string {
		t.Helper()
		s, err := f.Get(key, sub, func() (string, error) { renders++; return out, nil })
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	f1 := &Fragments{Cache: c, FPs: map[string]uint64{"entry:a": 1, "entry:b": 1}}
	if s := get(f1, "entry:a", "card", "A1"); s != "A1" || renders != 1 {
		t.Fatalf("first get: %q, %d renders", s, renders)
	}
	if s := get(f1, "entry:a", "card", "other"); s != "A1" || renders != 1 {
		t.Fatalf("cached get: %q, %d renders", s, renders)
	}
	get(f1, "entry:a", "json", "J1")
	get(f1, "entry:b", "card", "B1")
	if n := c.Len(); n != 3 {
		t.Fatalf("%d fragments, want 3", n)
	}
	// A changed fingerprint renders again; an unknown key is not cached.
	f2 := &Fragments{Cache: c, FPs: map[string]uint64{"entry:a": 2}}
	if s := get(f2, "entry:a", "card", "A2"); s != "A2" {
		t.Fatalf("after an edit: %q", s)
	}
	if s := get(f2, "entry:zz", "card", "Z"); s != "Z" || c.Len() != 2 {
		t.Fatalf("unknown key: %q, %d fragments", s, c.Len())
	}
	// Errors are returned and not cached.
	if _, err := f2.Get("entry:a", "bad", func() (string, error) { return "x", errors.New("boom") }); err == nil {
		t.Fatal("error lost")
	}
	// Sweep keeps only live objects at their current fingerprint.
	c.Sweep(f2.FPs)
	if n := c.Len(); n != 1 {
		t.Fatalf("%d fragments after sweep, want 1", n)
	}
	c.Reset()
	if n := c.Len(); n != 0 {
		t.Fatalf("%d fragments after reset", n)
	}
	// Without a cache every fragment is rendered.
	var none *Fragments
	before := renders
	get(none, "entry:a", "card", "x")
	get(none, "entry:a", "card", "x")
	if renders != before+2 {
		t.Fatal("a nil Fragments cached")
	}
}

func TestSkeletonAssemble(t *testing.T) {
	sk := &skeleton{cards: [][][]byte{{[]byte("<li>1</li>"), []byte("<li>2</li>")}, {[]byte("<li>3</li>")}}}
	m := []byte("<ol>" + cardMarker + "</ol><ol>" + cardMarker + "</ol>")
	out, ok := sk.assemble(m)
	if want := "<ol><li>1</li><li>2</li></ol><ol><li>3</li></ol>"; !ok || string(out.Bytes()) != want {
		t.Fatalf("assemble = %q, %v; want %q", out, ok, want)
	}
	// A marker the minifier dropped or a template duplicated fails, so
	// the page is rendered whole instead.
	if _, ok := sk.assemble([]byte("<ol>" + cardMarker + "</ol>")); ok {
		t.Fatal("assembled with a missing marker")
	}
	ld := &skeleton{ld: [][]byte{[]byte(`"itemListElement":[`), []byte(`{"a":1}`), []byte(`]`)}}
	out, ok = ld.assemble([]byte(`{"x":1,` + string(ldItemsEncoded) + `}`))
	if want := `{"x":1,"itemListElement":[{"a":1}]}`; !ok || string(out.Bytes()) != want {
		t.Fatalf("assemble = %q, %v; want %q", out, ok, want)
	}
}

// An object holds more fragments than fit in it, and concurrent pages get
// them without losing any.
func TestFragmentCacheMany(t *testing.T) {
	c := NewFragmentCache()
	f := &Fragments{Cache: c, FPs: map[string]uint64{"entry:a": 1}}
	f.Prepare()
	const n = 3 * fragsInline
	done := make(chan bool)
	for g := range 4 {
		go func() {
			defer func() { done <- true }()
			for i := range n {
				i := (i + g*7) % n
				want := fmt.Sprint("F", i)
				s, err := f.Get("entry:a", fmt.Sprint("sub", i), func() (string, error) { return want, nil })
				if err != nil || s != want {
					t.Errorf("fragment %d = %q, %v", i, s, err)
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	if got := c.Len(); got != n {
		t.Fatalf("%d fragments, want %d", got, n)
	}
	for i := range n {
		s, _ := f.Get("entry:a", fmt.Sprint("sub", i), func() (string, error) { return "again", nil })
		if want := fmt.Sprint("F", i); s != want {
			t.Fatalf("fragment %d = %q, want %q", i, s, want)
		}
	}
}

// A list's fragments are those of its entries' keys, prepared or not.
func TestFragmentList(t *testing.T) {
	entries := []*model.Entry{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	for _, prepared := range []bool{false, true} {
		c := NewFragmentCache()
		f := &Fragments{Cache: c, FPs: map[string]uint64{"entry:a": 1, "entry:b": 1}}
		if prepared {
			f.Prepare()
		}
		if _, err := f.Get("entry:a", "x", func() (string, error) { return "A", nil }); err != nil {
			t.Fatal(err)
		}
		// The second time, a prepared build has the list's objects.
		for round, want := range [][]string{{"A", "b1", "c1"}, {"A", "b1", "c2"}} {
			list := f.Named("x").List(entries)
			var got []string
			for i, e := range entries {
				b, err := list.Bytes(i, func() ([]byte, error) { return fmt.Append(nil, e.ID, round+1), nil })
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, string(b))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("prepared %v: %q, want %q", prepared, got, want)
			}
		}
		if s, _ := f.Get("entry:b", "x", func() (string, error) { return "other", nil }); s != "b1" {
			t.Fatalf("prepared %v: b = %q", prepared, s)
		}
		if n := c.Len(); n != 2 {
			t.Fatalf("prepared %v: %d fragments", prepared, n)
		}
	}
}

// A skeleton is minified again only when it changed; Reset forgets them.
func TestMinifySkeleton(t *testing.T) {
	calls := 0
	f := &Fragments{Cache: NewFragmentCache(), Minify: func(_ string, b []byte) ([]byte, error) {
		calls++
		return bytes.ToUpper(b), nil
	}}
	for i, c := range []struct {
		in, want string
		calls    int
	}{{"a b", "A B", 1}, {"a b", "A B", 1}, {"a c", "A C", 2}, {"a c", "A C", 2}} {
		if i == 3 {
			f.Cache.Reset()
			c.calls = 3
		}
		got, err := f.minifySkeleton("index.html", []byte(c.in))
		if err != nil || string(got) != c.want || calls != c.calls {
			t.Fatalf("%d: %q, %v, %d calls; want %q, %d calls", i, got, err, calls, c.want, c.calls)
		}
	}
}

// The theme's cards do not read the page's template, so each entry's card
// is rendered once for every page listing it; a card template that reads
// it, directly or through a template it invokes, is keyed by it.
func TestCardsByPage(t *testing.T) {
	r := themeRenderer(t, func(s string) string { return s })
	for _, name := range cardTemplates {
		if r.cardsByPage[name] {
			t.Errorf("the theme's %s reads the page's template: its cards are rendered once per page template", name)
		}
	}
	r = themeRenderer(t, func(s string) string {
		const at = `<article aria-labelledby="t-{{$e.ID}}"`
		if !strings.Contains(s, at) {
			t.Fatal("partials.html's entry card has changed")
		}
		return strings.Replace(s, at, `{{template "card-note" (pair $v $e)}}`+at, 1) + `{{define "card-note"}}{{(index . 0).Template}}{{end}}`
	})
	if !r.cardsByPage["entry-card"] || r.cardsByPage["embed-card"] {
		t.Errorf("entry-card reads the template through card-note: by page %v; embed-card does not: by page %v", r.cardsByPage["entry-card"], r.cardsByPage["embed-card"])
	}
}

// themeRenderer is a renderer of the theme's templates, partials.html
// changed by edit.
func themeRenderer(t *testing.T, edit func(string) string) *Renderer {
	t.Helper()
	fsys := fstest.MapFS{}
	theme := mustSub(t, "templates")
	names, err := fs.Glob(theme, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(theme, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "partials.html" {
			data = []byte(edit(string(data)))
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	r, err := New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
