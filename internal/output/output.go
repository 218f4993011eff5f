// Package output writes a rendered site to disk. A build is written into a
// fresh sibling directory and swapped in with renames only when complete, so
// a failed or interrupted build never leaves half-written output and the
// previous site stays intact.
package output

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"dateline/internal/content"
	"dateline/internal/diag"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
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
	if perr := (*parse.Error)(nil); errors.As(err, &perr) {
		// The parsers give a 1-based line and code-point column, as diag
		// does; name is the file's path within what the caller minifies.
		return nil, &diag.Problem{Pos: diag.Pos{Path: name, Line: max(perr.Line, 1), Col: max(perr.Column, 1)}, Msg: "cannot minify: " + perr.Message}
	}
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
	d, err := Create(dir)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := d.Write(name, data); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// Dir is an output directory being replaced: files are written into a
// fresh sibling directory, which Commit swaps in and Abort removes, so the
// previous output stays intact until the new one is complete. Write may be
// called from any number of goroutines.
type Dir struct {
	dir, tmp string
	made     sync.Map // OS paths of the directories below tmp made with others in them
	// bufs holds *bufio.Writer of writeBuf bytes, each written file's
	// only while it is written: a site has hundreds of thousands of
	// files, and a fresh buffer for each was gigabytes to allocate, clear
	// and collect.
	bufs sync.Pool
}

// writeBuf is the size of the buffer a file is written through.
const writeBuf = 64 << 10

// ownerFile names the process writing a fresh directory, so that a later
// build can tell the directory of a killed build from one being written.
const ownerFile = ".dateline-build"

// Create starts replacing dir. It first removes what builds killed
// before they could finish left beside it (and restores dir if one was
// killed between the two renames of its swap).
func Create(dir string) (*Dir, error) {
	dir = filepath.Clean(dir)
	if err := checkTarget(dir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	cleanStale(dir)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	// MkdirTemp does not clean what it returns ("./.public.new-1" for a
	// relative dir), and mkdir compares with the cleaned paths it makes.
	return &Dir{dir: dir, tmp: filepath.Clean(tmp)}, nil
}

// cleanStale removes the fresh directories of builds of dir that died.
func cleanStale(dir string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".new-*"))
	for _, m := range matches {
		owner := m
		if strings.HasSuffix(m, ".old") {
			owner = strings.TrimSuffix(m, ".old")
		}
		if alive(owner) {
			continue
		}
		if strings.HasSuffix(m, ".old") {
			// Killed between moving the old output aside and the new one
			// in: the old one goes back.
			if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
				if os.Rename(m, dir) == nil {
					continue
				}
			}
		}
		os.RemoveAll(m)
	}
}

// alive reports whether the build that writes the fresh directory tmp
// still runs.
func alive(tmp string) bool {
	b, err := os.ReadFile(filepath.Join(tmp, ownerFile))
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(string(b))
	if err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

// Write writes the file name (slash-separated) from its parts.
func (d *Dir) Write(name string, parts ...[]byte) error {
	p, err := d.prepare(name)
	if err != nil {
		return err
	}
	if len(parts) == 1 {
		return os.WriteFile(p, parts[0], 0o644)
	}
	return d.writeFile(p, func(w io.Writer) error {
		for _, b := range parts {
			w.Write(b) // the buffer keeps the first error for Flush
		}
		return nil
	})
}

// WriteFunc writes the file name (slash-separated) with write, which may
// write it in any number of pieces.
func (d *Dir) WriteFunc(name string, write func(io.Writer) error) error {
	p, err := d.prepare(name)
	if err != nil {
		return err
	}
	return d.writeFile(p, write)
}

// writeFile writes the file at the OS path p with write.
func (d *Dir) writeFile(p string, write func(io.Writer) error) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	// A page assembled from fragments has thousands of parts: one system
	// call per part would cost more than the copy.
	w, ok := d.bufs.Get().(*bufio.Writer)
	if !ok {
		w = bufio.NewWriterSize(f, writeBuf)
	}
	w.Reset(f)
	err = write(w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	w.Reset(nil) // keeps no file alive from the pool
	d.bufs.Put(w)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Commit swaps the new directory in for the old one.
func (d *Dir) Commit() error {
	if err := os.Remove(filepath.Join(d.tmp, ownerFile)); err != nil {
		d.Abort()
		return err
	}
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		d.Abort()
		return err
	}
	return swap(d.dir, d.tmp)
}

// Abort removes the new directory; the old one stays as it was.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }

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

// prepare checks that name (slash-separated) stays inside root and creates
// its parent directories, returning the file's OS path.
func prepare(root, name string) (string, error) {
	p, err := osPath(root, name)
	if err != nil {
		return "", err
	}
	return p, os.MkdirAll(filepath.Dir(p), 0o755)
}

// osPath checks that name (slash-separated) stays inside root and returns
// its OS path.
func osPath(root, name string) (string, error) {
	if !fs.ValidPath(name) || strings.Contains(name, "\\") {
		return "", fmt.Errorf("invalid output path %q", name)
	}
	return filepath.Join(root, filepath.FromSlash(name)), nil
}

// prepare is prepare for d's fresh directory, creating each directory
// with one system call: MkdirAll stats every parent first, for each of a
// site's hundreds of thousands of files.
func (d *Dir) prepare(name string) (string, error) {
	p, err := osPath(d.tmp, name)
	if err != nil {
		return "", err
	}
	return p, d.mkdir(filepath.Dir(p))
}

// mkdir creates dir, below d's fresh directory, and its parents, unless
// they are there. Only the directories that others were made in are
// remembered: a page's directory is made once, for it, and remembering
// each was tens of megabytes at 100,000 entries. A file in a directory
// made before costs a mkdir that finds it.
func (d *Dir) mkdir(dir string) error {
	if _, ok := d.made.Load(dir); ok || dir == d.tmp {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		parent := filepath.Dir(dir)
		if parent == dir { // never past the root
			return err
		}
		if err := d.mkdir(parent); err != nil {
			return err
		}
		d.made.Store(parent, struct{}{})
		err = os.Mkdir(dir, 0o755)
	}
	// Another writer may have made it since.
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
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

// Reuse puts the file name of the output being replaced into the new one,
// as it is, and reports whether it could: a hard link where the file
// system allows, else a copy. Only regular files are taken. The build
// reuses files whose names say what they hold (the resized images, named
// by the hash of their original), so that a rebuild does not make them
// again.
func (d *Dir) Reuse(name string) bool {
	if !fs.ValidPath(name) || strings.Contains(name, "\\") {
		return false
	}
	src := filepath.Join(d.dir, filepath.FromSlash(name))
	info, err := os.Lstat(src)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	dst, err := prepare(d.tmp, name)
	if err != nil {
		return false
	}
	if os.Link(src, dst) == nil {
		return true
	}
	data, err := os.ReadFile(src)
	return err == nil && os.WriteFile(dst, data, 0o644) == nil
}
