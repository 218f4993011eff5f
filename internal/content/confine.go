package content

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// LinkError is a symbolic link that leads outside the site. Following it
// would publish whatever it points at (ln -s /etc/passwd static/x.txt), so
// Confine refuses it; links that stay inside the site are followed.
type LinkError struct {
	Path   string // the path opened
	Link   string // the link on the way to it (Path itself, or a directory)
	Target string // what the link says
}

func (e *LinkError) Error() string {
	via := ""
	if e.Link != e.Path {
		via = fmt.Sprintf(" (through %s)", e.Link)
	}
	return fmt.Sprintf("symbolic link to %q leads outside the site%s; copy the file into the site instead", e.Target, via)
}

// maxLinks bounds the links followed for one path, as the kernel's
// ELOOP does, so a cycle of links fails instead of spinning.
const maxLinks = 40

// Confine returns fsys with every symbolic link that leads outside it
// refused with a *LinkError, on every path through it: a link itself, or a
// linked directory on the way to a file. It needs fsys to report links
// (fs.ReadLinkFS: os.DirFS, os.Root.FS and fstest.MapFS do); a file system
// without links is returned as a view that checks nothing.
//
// What it has seen to be no link it remembers, so walking a tree costs no
// extra system call per file; use a fresh view for each build, since a file
// can become a link between two.
func Confine(fsys fs.FS) fs.FS {
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return fsys
	}
	return &confined{fsys: fsys, plain: map[string]bool{}}
}

type confined struct {
	fsys  fs.FS
	mu    sync.Mutex
	plain map[string]bool // paths known to be no link
}

func (c *confined) Open(name string) (fs.File, error) {
	if err := c.check("open", name); err != nil {
		return nil, err
	}
	return c.fsys.Open(name)
}

func (c *confined) ReadFile(name string) ([]byte, error) {
	if err := c.check("open", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(c.fsys, name)
}

func (c *confined) Stat(name string) (fs.FileInfo, error) {
	if err := c.check("stat", name); err != nil {
		return nil, err
	}
	return fs.Stat(c.fsys, name)
}

func (c *confined) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := c.check("readdir", name); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(c.fsys, name)
	c.mu.Lock()
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			c.plain[path.Join(name, e.Name())] = true
		}
	}
	c.mu.Unlock()
	return entries, err
}

// check resolves name one element at a time, following links as the
// operating system would, and fails when one leads outside the tree. It
// leaves every other failure (a missing file, say) to the operation itself.
func (c *confined) check(op, name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil
	}
	rest := strings.Split(name, "/")
	cur := "."
	for hops := 0; len(rest) > 0; {
		next := path.Join(cur, rest[0])
		rest = rest[1:]
		if c.isPlain(next) {
			cur = next
			continue
		}
		info, err := fs.Lstat(c.fsys, next)
		if err != nil {
			return nil
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			c.setPlain(next)
			cur = next
			continue
		}
		target, err := fs.ReadLink(c.fsys, next)
		if err != nil {
			return nil
		}
		if hops++; hops > maxLinks {
			return &fs.PathError{Op: op, Path: name, Err: fmt.Errorf("more than %d symbolic links on the way", maxLinks)}
		}
		resolved := path.Join(cur, target)
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || resolved == ".." || strings.HasPrefix(resolved, "../") {
			return &LinkError{Path: name, Link: next, Target: target}
		}
		// Go on from the link's target, which may itself hold links.
		if resolved != "." {
			rest = append(strings.Split(resolved, "/"), rest...)
		}
		cur = "."
	}
	return nil
}

func (c *confined) isPlain(p string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.plain[p]
}

func (c *confined) setPlain(p string) {
	c.mu.Lock()
	c.plain[p] = true
	c.mu.Unlock()
}
