package content_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"dateline/internal/content"
)

func TestConfine(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	outside := t.TempDir()
	site := filepath.Join(root, "site")
	mustWrite := func(p, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustLink := func(target, name string) {
		t.Helper()
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(filepath.Join(outside, "secret.txt"), "root:x:0:0")
	mustWrite(filepath.Join(root, "beside.txt"), "beside the site")
	mustWrite(filepath.Join(site, "static/real.css"), "body{}")
	mustWrite(filepath.Join(site, "content/shared/a.md"), "inside")
	mustLink(filepath.Join(outside, "secret.txt"), "static/abs.txt")
	mustLink("../../beside.txt", "static/rel.txt")
	mustLink(outside, "static/dir")
	mustLink("real.css", "static/alias.css")
	mustLink("../content/shared", "static/shared")
	mustLink("shared/../../..", "content/up")
	mustLink("loop-b", "static/loop-a")
	mustLink("loop-a", "static/loop-b")
	mustLink("hop", "static/hop2")
	mustLink("../static/rel.txt", "static/hop")

	fsys := content.Confine(os.DirFS(site))
	for _, tc := range []struct {
		name, want string // want "" when the read must fail
		escapes    bool
	}{
		{"static/real.css", "body{}", false},
		{"static/alias.css", "body{}", false},
		{"static/shared/a.md", "inside", false},
		{"static/abs.txt", "", true},
		{"static/rel.txt", "", true},
		{"static/dir/secret.txt", "", true},
		{"static/hop2", "", true},
		{"content/up/beside.txt", "", true},
		{"static/loop-a", "", false},
		{"static/missing.txt", "", false},
	} {
		data, err := fs.ReadFile(fsys, tc.name)
		if tc.want != "" {
			if err != nil || string(data) != tc.want {
				t.Errorf("%s: %q, %v; want %q", tc.name, data, err, tc.want)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: read %q through a link that leads outside", tc.name, data)
			continue
		}
		var le *content.LinkError
		if got := errors.As(err, &le); got != tc.escapes {
			t.Errorf("%s: error %v, a LinkError: %v, want %v", tc.name, err, got, tc.escapes)
		}
	}
	// Walking the tree reports the links, and never lists what is behind
	// them.
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if p == "static/dir/secret.txt" {
			t.Errorf("walked into a linked directory outside the site")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
