package build

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
)

// A builder restored from the documents another one saved builds what a
// fresh builder builds, after files were changed, added and deleted in
// between, and parses again only the files that changed.
func TestRestoredInputs(t *testing.T) {
	site := exampleSite(t)
	theme := dateline.Theme()
	var entries, sources []string
	for p := range site {
		switch kind(p) {
		case "entry":
			entries = append(entries, p)
		case "source":
			sources = append(sources, p)
		}
	}
	slices.Sort(entries)
	slices.Sort(sources)
	edited, source := entries[0], sources[0]
	// An entry no other links to, to be deleted.
	gone := strings.TrimSuffix(edited, ".md") + "-gone.md"
	site[gone] = &fstest.MapFile{Data: site[edited].Data}
	entries = append(entries, gone)
	first := NewIncremental(site, theme, Options{})
	if res := first.Rescan(); res.Err != nil {
		t.Fatal(res.Err)
	}
	var saved bytes.Buffer
	if err := first.Inputs("k").Encode(&saved); err != nil {
		t.Fatal(err)
	}
	stream := saved.Bytes()
	if !first.Inputs("k").Changed() {
		t.Error("a builder that restored nothing says its documents are the restored ones")
	}
	same := NewIncremental(site, theme, Options{})
	if _, err := same.Restore(bytes.NewReader(stream), "k"); err != nil {
		t.Fatal(err)
	}
	if res := same.Rescan(); res.Err != nil {
		t.Fatal(res.Err)
	}
	if same.Inputs("k").Changed() {
		t.Error("nothing changed between runs, yet the snapshot differs from what was restored")
	}

	added := strings.TrimSuffix(edited, ".md") + "-copy.md"
	site[added] = &fstest.MapFile{Data: site[edited].Data}
	site[edited] = &fstest.MapFile{Data: append(bytes.Clone(site[edited].Data), "\nAn edited summary.\n"...)}
	site[source] = &fstest.MapFile{Data: append(bytes.Clone(site[source].Data), "\nAn appended paragraph.\n"...)}
	delete(site, gone)

	restored := NewIncremental(site, theme, Options{})
	n, err := restored.Restore(bytes.NewReader(stream), "k")
	if err != nil || n != len(entries)+len(sources) {
		t.Fatalf("restored %d documents (%v), want %d", n, err, len(entries)+len(sources))
	}
	kept := map[string]*input{}
	for p, in := range restored.inputs {
		kept[p] = in
	}
	got := restored.Rescan()
	want := NewIncremental(site, theme, Options{}).Rescan()
	if got.Err != nil || want.Err != nil {
		t.Fatalf("restored %v, fresh %v", got.Err, want.Err)
	}
	if g, w := got.Files.Flat(), want.Files.Flat(); !reflect.DeepEqual(g, w) {
		for p := range w {
			if !bytes.Equal(g[p], w[p]) {
				t.Errorf("%s differs from a fresh builder's", p)
			}
		}
		t.Fatalf("the restored builder's output (%d files) is not a fresh builder's (%d)", len(g), len(w))
	}
	if !restored.Inputs("k").Changed() {
		t.Error("files were edited, added and deleted, yet the snapshot is what was restored")
	}
	for p, in := range restored.inputs {
		changed := p == edited || p == source || p == added
		if reused := kept[p] == in; reused == changed && kind(p) != "registry" && kind(p) != "config" {
			t.Errorf("%s: parsed again %v, want %v", p, !reused, changed)
		}
	}
	if _, ok := restored.inputs[gone]; ok {
		t.Errorf("%s was deleted but is still an input", gone)
	}

	// Another program's documents, or a damaged stream, restore nothing.
	if n, err := NewIncremental(site, theme, Options{}).Restore(bytes.NewReader(stream), "other"); n != 0 || err != nil {
		t.Errorf("another key: restored %d (%v), want none", n, err)
	}
	b := NewIncremental(site, theme, Options{})
	if n, err := b.Restore(bytes.NewReader(stream[:len(stream)/2]), "k"); n != 0 || err == nil || len(b.inputs) != 0 {
		t.Errorf("a cut stream: restored %d (%v), %d inputs; want an error and none", n, err, len(b.inputs))
	}
}

// Every document of both example sites comes back from the saved stream
// as it was parsed: gob keeps no difference between a nil and an empty
// slice, or a pointer to zero and nil, so the parser must not make one.
func TestSavedInputsRoundTrip(t *testing.T) {
	for _, dir := range []string{"../..", "../../examples/ru"} {
		b := NewIncremental(os.DirFS(dir), dateline.Theme(), Options{})
		if res := b.Rescan(); res.Err != nil {
			t.Fatal(res.Err)
		}
		var buf bytes.Buffer
		if err := b.Inputs("k").Encode(&buf); err != nil {
			t.Fatal(err)
		}
		back := NewIncremental(os.DirFS(dir), dateline.Theme(), Options{})
		if _, err := back.Restore(&buf, "k"); err != nil {
			t.Fatal(err)
		}
		n := 0
		for p, in := range b.inputs {
			if k := kind(p); k != "source" && k != "entry" {
				continue
			}
			n++
			if !reflect.DeepEqual(in, back.inputs[p]) {
				t.Errorf("%s: %+v\ncame back as %+v", p, in, back.inputs[p])
			}
		}
		if n == 0 || n != len(back.inputs) {
			t.Errorf("%s: %d documents, %d came back", dir, n, len(back.inputs))
		}
	}
}

// A damaged cache file is an error or restores nothing, never a panic,
// and never leaves part of itself behind.
func FuzzRestore(f *testing.F) {
	site := fstest.MapFS{
		"site.toml":                 {Data: []byte("title = \"T\"\n")},
		"content/sources/s.md":      {Data: []byte("+++\ntitle = \"S\"\noutlet = \"unknown\"\npublished = \"2025-01-02\"\n+++\nA text.\n")},
		"content/entries/2025/e.md": {Data: []byte("+++\ntitle = \"E\"\ndate = \"2025-01-02\"\n+++\nA [link](source:s).\n")},
	}
	b := NewIncremental(site, dateline.Theme(), Options{})
	b.Rescan()
	var buf bytes.Buffer
	if err := b.Inputs("k").Encode(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewIncremental(site, dateline.Theme(), Options{})
		n, err := r.Restore(bytes.NewReader(data), "k")
		if (err != nil || n == 0) && len(r.inputs) != 0 {
			t.Errorf("restored %d (%v) but kept %d inputs", n, err, len(r.inputs))
		}
	})
}
