// Package output writes a rendered site to disk. A build is written into a
// fresh sibling directory and swapped in with renames only when complete, so
// a failed or interrupted build never leaves half-written output and the
// previous site stays intact.
package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"dateline/internal/content"
	"dateline/internal/diag"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies output files by their extension. It is safe for
// concurrent use.
type Minifier struct{ m *minify.M }

// NewMinifier configures minifiers for HTML, CSS, JS, JSON, SVG and XML.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
}

// Minify returns data minified according to the extension of name; files of
// other types come back unchanged.
func (m *Minifier) Minify(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data, nil
	}
	out, err := m.m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// Files is a complete site: output path (slash-separated) -> content.
type Files map[string][]byte

// Hash returns the content hash used to compare outputs.
func Hash(b []byte) [32]byte { return sha256.Sum256(b) }

// HashTree hashes every file below dir, by slash-separated relative path:
// what a written site holds, to compare with another (a failed build must
// leave its output as it was). A missing dir holds nothing.
func HashTree(dir string) (map[string][32]byte, error) {
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = Hash(b)
		return err
	})
	if errors.Is(err, fs.ErrNotExist) && len(out) == 0 {
		err = nil
	}
	return out, err
}

// Write replaces the directory dir with files, atomically as far as the file
// system allows: everything is written to a fresh sibling directory first,
// then the old directory is moved aside and the new one renamed into place.
// On any error dir is left as it was.
func Write(dir string, files Files) error {
	dir = filepath.Clean(dir)
	if err := checkTarget(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	for name, data := range files {
		if err := writeFile(tmp, name, data); err != nil {
			cleanup()
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		cleanup()
		return err
	}
	return swap(dir, tmp)
}

// swap moves the complete tmp directory into place at dir.
func swap(dir, tmp string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		os.RemoveAll(tmp)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// checkTarget refuses to replace a directory that does not look like build
// output, so a mistaken --out never deletes someone's work.
func checkTarget(dir string) error {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	for _, mark := range []string{"index.html", "timeline.json"} {
		if _, err := os.Stat(filepath.Join(dir, mark)); err == nil {
			return nil
		}
	}
	return fmt.Errorf("output directory %s is not empty and does not look like a Dateline site (no index.html); refusing to replace it", dir)
}

func writeFile(root, name string, data []byte) error {
	p, err := prepare(root, name)
	if err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// prepare checks that name (slash-separated) stays inside root and creates
// its parent directories, returning the file's OS path.
func prepare(root, name string) (string, error) {
	if !fs.ValidPath(name) || strings.Contains(name, "\\") {
		return "", fmt.Errorf("invalid output path %q", name)
	}
	p := filepath.Join(root, filepath.FromSlash(name))
	return p, os.MkdirAll(filepath.Dir(p), 0o755)
}

// Update writes into an existing output directory only the files whose
// content differs from what is there, and removes files that are no longer
// part of the site. Each file is replaced by rename, so a reader (the dev
// server) never sees a half-written file. It returns the paths written and
// removed.
func Update(dir string, files Files, previous map[string][32]byte) (written, removed []string, err error) {
	for name, data := range files {
		if h, ok := previous[name]; ok && h == Hash(data) {
			continue
		}
		if err := replaceFile(dir, name, data); err != nil {
			return written, removed, err
		}
		written = append(written, name)
	}
	for name := range previous {
		if _, ok := files[name]; !ok {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return written, removed, err
			}
			removed = append(removed, name)
		}
	}
	return written, removed, nil
}

func replaceFile(dir, name string, data []byte) error {
	p, err := prepare(dir, name)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), p)
}

// Static collects the files of a static directory (fsys rooted at it),
// skipping editor temporary files via skip. It reports every file it
// cannot read (a link leading outside the site, say), with paths relative
// to fsys.
func Static(fsys fs.FS, skip func(string) bool, into Files) diag.List {
	var errs diag.List
	fail := func(p string, err error) { errs = append(errs, content.ReadProblem(p, err)) }
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == "." {
			return fs.SkipDir
		}
		if err != nil {
			fail(p, err)
			return nil
		}
		if p != "." && skip(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			fail(p, err)
			return nil
		}
		into[p] = data
		return nil
	})
	if err != nil {
		fail(".", err)
	}
	return errs
}
