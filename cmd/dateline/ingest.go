package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/ingest"
)

func ingestCmd() command {
	c := command{name: "ingest", usage: "ingest RAW.txt [--src DIR] [--outlet O] [--published DATE] [--url URL] [--lang L] [--id ID] [--title T] [--dry-run] [--force]", brief: "archive a raw article as content/sources/ID.md"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fl := flags(e, "ingest", "dateline "+c.usage)
		src := fl.String("src", ".", "site `directory` (with site.toml)")
		var opt ingest.Options
		fl.StringVar(&opt.ID, "id", "", "source `id` (default: from the headline or the lead sentence)")
		fl.StringVar(&opt.Title, "title", "", "`title` (default: the headline)")
		fl.StringVar(&opt.Outlet, "outlet", "", "`outlet` (default: a wire credit in the text, else \"unknown\")")
		fl.StringVar(&opt.Published, "published", "", "publication `date` in the EDTF profile; qualify an inferred date with ? (default: a date header or a dateline with a year)")
		fl.StringVar(&opt.URL, "url", "", "the article's `URL`")
		fl.StringVar(&opt.Language, "lang", "", "`language` tag of the article (e.g. en)")
		force := fl.Bool("force", false, "overwrite an existing source")
		dry := fl.Bool("dry-run", false, "print the source file instead of writing it")
		pos, err := parseArgs(fl, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			fmt.Fprintln(e.stderr, "ingest: give exactly one raw article file")
			fl.Usage()
			return errUsage
		}
		rawPath := pos[0]
		if !*dry {
			// As import does: writing content/sources/ into a directory
			// that is not a site would scatter files nothing reads.
			if _, err := os.Stat(filepath.Join(*src, config.File)); err != nil {
				return fmt.Errorf("%s is not a Dateline site (no %s); create one with `dateline init DIR`, or pass --src DIR", *src, config.File)
			}
		}
		if fi, err := os.Stat(rawPath); err == nil && fi.Size() > ingest.MaxRawBytes {
			return fmt.Errorf("%s: the file is %.1f MiB; the limit is %d MiB: that is not one article", rawPath, float64(fi.Size())/(1<<20), ingest.MaxRawBytes>>20)
		}
		raw, err := os.ReadFile(rawPath)
		if err != nil {
			return err
		}
		r, err := ingest.Ingest(raw, opt)
		var nt *ingest.NotTextError
		if errors.As(err, &nt) {
			return fmt.Errorf("%s:%w", rawPath, err)
		}
		if err != nil {
			return err
		}
		for _, line := range r.Report(rawPath) {
			fmt.Fprintln(e.stderr, line)
		}
		file, err := r.File()
		if err != nil {
			return fmt.Errorf("%s: %w", rawPath, err)
		}
		if *dry {
			_, err := e.stdout.Write(file)
			return err
		}
		target := filepath.Join(*src, filepath.FromSlash(r.Path()))
		if !*force {
			if err := notIngested(*src, r); err != nil {
				return err
			}
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if *force {
			err = os.WriteFile(target, file, 0o644)
		} else if err = writeNew(target, file); errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; use --force to overwrite it, or --id to choose another id", target)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", target)
		return nil
	}
	return c
}

// notIngested refuses to write a source whose file exists, or whose raw
// file was already ingested under another id.
func notIngested(src string, r *ingest.Result) error {
	dir := filepath.Join(src, filepath.FromSlash(content.SourcesDir))
	target := filepath.Join(src, filepath.FromSlash(r.Path()))
	if _, err := os.Stat(target); err == nil {
		return fmt.Errorf("%s already exists; use --force to overwrite it, or --id to choose another id", target)
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, de := range entries {
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".md") || content.Ignored(de.Name()) {
			continue
		}
		p := filepath.Join(dir, de.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s, _ := content.ParseSource(content.SourcesDir+"/"+de.Name(), data)
		if s != nil && s.RawSHA256.Text == r.RawSHA256 {
			return fmt.Errorf("this raw file was already ingested as %s (same raw_sha256); use --force to ingest it again", p)
		}
	}
	return nil
}
