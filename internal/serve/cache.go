package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"dateline/internal/build"
)

// cacheFile is where the parsed documents of the site are kept between
// runs: one file per site directory, under Options.Cache.
func (s *Server) cacheFile() string {
	h := sha256.Sum256([]byte(s.abs))
	return filepath.Join(s.opt.Cache, "serve", hex.EncodeToString(h[:12])+".gob")
}

// restore seeds the builder with the documents the last run saved and
// returns how many it took. A missing file is the first run; anything
// else that goes wrong is said once and costs only the parsing.
func (s *Server) restore() int {
	if s.opt.Cache == "" {
		return 0
	}
	f, err := os.Open(s.cacheFile())
	if err != nil {
		if !os.IsNotExist(err) {
			fmt.Fprintf(s.opt.Stderr, "cache: %v (parsing every file)\n", err)
		}
		return 0
	}
	defer f.Close()
	n, err := s.builder.Restore(f, s.opt.Key)
	if err != nil {
		fmt.Fprintf(s.opt.Stderr, "cache: %s: %v (parsing every file)\n", f.Name(), err)
	}
	return n
}

// save writes in for the next run, through a temporary file renamed into
// place, so that a run stopped while saving leaves the last cache whole.
func (s *Server) save(in *build.Inputs) {
	p := s.cacheFile()
	err := func() error {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.CreateTemp(filepath.Dir(p), ".saving-*")
		if err != nil {
			return err
		}
		defer os.Remove(f.Name()) // after the rename, a no-op
		if err := in.Encode(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		return os.Rename(f.Name(), p)
	}()
	if err != nil {
		fmt.Fprintf(s.opt.Stderr, "cache: %v\n", err)
	}
}
