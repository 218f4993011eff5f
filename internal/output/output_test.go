package output

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// tree reads every file below dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteReplacesAtomically(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	first := Files{"index.html": []byte("one"), "entries/a/index.html": []byte("a"), "old.txt": []byte("gone later")}
	if err := Write(dir, first); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !maps.Equal(got, map[string]string{"index.html": "one", "entries/a/index.html": "a", "old.txt": "gone later"}) {
		t.Errorf("first write: %v", got)
	}
	second := Files{"index.html": []byte("two"), "timeline.json": []byte("{}")}
	if err := Write(dir, second); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !maps.Equal(got, map[string]string{"index.html": "two", "timeline.json": "{}"}) {
		t.Errorf("second write: %v", got)
	}
	// Nothing is left beside the output: no temporary or old directory.
	if ents, _ := os.ReadDir(parent); len(ents) != 1 {
		t.Errorf("left-overs in %s: %v", parent, ents)
	}
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("output mode %v, %v", info.Mode(), err)
	}
}

func TestWriteFailureKeepsOldOutput(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(dir, Files{"index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", `a\b.html`, "a/../../b.html", ""} {
		if err := Write(dir, Files{"index.html": []byte("new"), bad: []byte("x")}); err == nil {
			t.Errorf("Write accepted the path %q", bad)
		}
	}
	if got := tree(t, dir); !maps.Equal(got, map[string]string{"index.html": "old"}) {
		t.Errorf("output after failed writes: %v", got)
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 1 {
		t.Errorf("left-overs after failed writes: %v", ents)
	}
}

func TestWriteRefusesForeignDirectories(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	foreign := filepath.Join(parent, "docs")
	if err := os.MkdirAll(filepath.Join(foreign, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(foreign, Files{"index.html": []byte("x")})
	if err == nil || !strings.Contains(err.Error(), "refusing to replace it") {
		t.Fatalf("Write over a foreign directory: %v", err)
	}
	if got := tree(t, foreign); !maps.Equal(got, map[string]string{"notes.txt": "mine"}) {
		t.Errorf("foreign directory changed: %v", got)
	}

	file := filepath.Join(parent, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(file, Files{"index.html": []byte("x")}); err == nil || !strings.Contains(err.Error(), "is not a directory") {
		t.Errorf("Write over a file: %v", err)
	}

	// Empty directories and earlier Dateline output (timeline.json alone
	// is enough) may be replaced.
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(empty, Files{"index.html": []byte("x")}); err != nil {
		t.Errorf("Write into an empty directory: %v", err)
	}
	ours := filepath.Join(parent, "ours")
	if err := os.MkdirAll(ours, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ours, "timeline.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(ours, Files{"index.html": []byte("x")}); err != nil {
		t.Errorf("Write over earlier output: %v", err)
	}
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "public")
	files := Files{"index.html": []byte("1"), "a/index.html": []byte("a"), "b.css": []byte("b")}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	prev := map[string][32]byte{}
	for name, data := range files {
		prev[name] = Hash(data)
	}
	next := Files{"index.html": []byte("2"), "a/index.html": []byte("a"), "c/new.html": []byte("c")}
	written, removed, err := Update(dir, next, prev)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(written)
	if !slices.Equal(written, []string{"c/new.html", "index.html"}) || !slices.Equal(removed, []string{"b.css"}) {
		t.Errorf("written %q, removed %q", written, removed)
	}
	if got := tree(t, dir); !maps.Equal(got, map[string]string{"index.html": "2", "a/index.html": "a", "c/new.html": "c"}) {
		t.Errorf("after update: %v", got)
	}
	if _, _, err := Update(dir, Files{"../x": []byte("x")}, nil); err == nil {
		t.Error("Update accepted an escaping path")
	}
}

func TestStatic(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"style.css":      {Data: []byte("body{}")},
		"img/logo.svg":   {Data: []byte("<svg/>")},
		"img/.DS_Store":  {Data: []byte("x")},
		"style.css~":     {Data: []byte("backup")},
		".cache/x.js":    {Data: []byte("x")},
		"js/app.js":      {Data: []byte("js")},
		"js/#app.js#":    {Data: []byte("autosave")},
		"fonts/f.woff2":  {Data: []byte{0, 1, 2}},
		"fonts/tmp.swp":  {Data: []byte("swap")},
		"deep/a/b/c.txt": {Data: []byte("c")},
	}
	skip := func(name string) bool {
		base := filepath.Base(name)
		return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, ".swp")
	}
	into := Files{}
	if err := Static(fsys, skip, into); err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(maps.Keys(into))
	want := []string{"deep/a/b/c.txt", "fonts/f.woff2", "img/logo.svg", "js/app.js", "style.css"}
	if !slices.Equal(got, want) {
		t.Errorf("static files %q, want %q", got, want)
	}
	// A missing static directory is no error.
	if err := Static(fstest.MapFS{}, skip, Files{}); err != nil {
		t.Errorf("empty static: %v", err)
	}
}

func TestMinify(t *testing.T) {
	t.Parallel()
	m := NewMinifier()
	for _, tt := range []struct {
		name, in, want string
	}{
		{"a.html", "<!DOCTYPE html>\n<html lang=\"en\">\n  <body>\n    <p class=\"x\">Hello   <b>world</b></p>\n  </body>\n</html>\n",
			`<!doctype html><html lang="en"><body><p class="x">Hello <b>world</b></p></body></html>`},
		{"a.css", "body {\n  color: #ff0000;\n}\n", "body{color:red}"},
		{"a.js", "function f ( a ) {\n  return a + 1 ;\n}\n", "function f(e){return e+1}"},
		{"a.json", "{\n \"a\": [1, 2]\n}\n", `{"a":[1,2]}`},
		{"a.txt", "  kept  as is \n", "  kept  as is \n"},
		{"a.woff2", "\x00\x01", "\x00\x01"},
	} {
		got, err := m.Minify(tt.name, []byte(tt.in))
		if err != nil || string(got) != tt.want {
			t.Errorf("Minify(%s) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	if _, err := m.Minify("bad.json", []byte("{")); err == nil {
		t.Error("invalid JSON minified without error")
	}
}

// A relative output directory, as `dateline build` is usually given
// ("public"), makes its nested directories like an absolute one.
func TestCreateRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	d, err := Create("public")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "actors/putin/index.html", "actors/putin/page/2/index.html"} {
		if err := d.Write(name, []byte(name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := tree(t, "public")
	if len(got) != 3 || got["actors/putin/page/2/index.html"] != "actors/putin/page/2/index.html" {
		t.Errorf("public holds %v", slices.Sorted(maps.Keys(got)))
	}
}
