package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"dateline/internal/annotate"
	"dateline/internal/build"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/model"
	"dateline/internal/timex"
)

func annotateCmd() command {
	c := command{name: "annotate", usage: "annotate SOURCE.md|ID|TEXT.txt [--src DIR] [--dct DATE] [--anchor auto|news|narrative] [--json [--timex2] [FILE|DIR]...] [--out DIR]", brief: "draft dated entries from a source (or print its dates)"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fl := flags(e, "annotate", "dateline "+c.usage)
		src := fl.String("src", ".", "site `directory` (with site.toml)")
		dct := fl.String("dct", "", "document `date` relative dates resolve against (default: the source's published date when it is a day); qualify an inferred one with ?")
		asJSON := fl.Bool("json", false, "print the temporal expressions as JSON instead of drafting entries; with several files or a directory, one line per file")
		anchor := fl.String("anchor", "auto", "what relative dates resolve against: `auto` (decided per expression), news (the document date) or narrative (the last date the text names)")
		timex2 := fl.Bool("timex2", false, "with --json: TIMEX2 (WikiWars) conventions instead of TIMEX3")
		out := fl.String("out", "", "`directory` for the drafts (default: SRC/content/entries/drafts)")
		pos, err := parseArgs(fl, args)
		if err != nil {
			return err
		}
		var mode annotate.Mode
		if mode.Anchor, err = timex.ParseAnchor(*anchor); err != nil {
			fmt.Fprintf(e.stderr, "annotate: --anchor: %v\n", err)
			return errUsage
		}
		mode.TIMEX2 = *timex2
		var dd *annotate.DocDate
		if *dct != "" {
			d, err := annotate.ParseDocDate(*dct)
			if err != nil {
				return fmt.Errorf("--dct %q: %v", *dct, err)
			}
			dd = &d
		}
		if *asJSON && (len(pos) > 1 || len(pos) == 1 && isDir(pos[0])) {
			return annotateBatch(ctx, e, pos, *src, dd, mode)
		}
		if len(pos) != 1 {
			fmt.Fprintln(e.stderr, "annotate: give exactly one source (.md, or its id) or text file (several, or a directory, only with --json)")
			fl.Usage()
			return errUsage
		}
		if *timex2 && !*asJSON {
			fmt.Fprintln(e.stderr, "annotate: --timex2 applies to --json only")
			return errUsage
		}
		in, err := readInput(pos[0], *src)
		if err != nil {
			return err
		}
		if dd != nil {
			in.date = *dd
		}
		if *asJSON {
			_, err := e.stdout.Write(annotate.JSON(annotate.Exprs(in.text, in.date, mode)))
			return err
		}

		t, _ := build.Load(os.DirFS(*src), build.Options{Drafts: true})
		s := in.source
		if s == nil {
			s = sourceByHash(t, in.raw)
			if s == nil {
				return fmt.Errorf("%s is not an archived source of the site in %s: drafts quote sources, so run `dateline ingest %s` first (or use --json)", pos[0], *src, pos[0])
			}
			fmt.Fprintf(e.stderr, "%s was ingested as %s; drafting from it\n", pos[0], s.Path)
			if *dct == "" {
				in.date = annotate.DocDateOf(s.Published.String())
			}
		} else {
			ms := t.Source(s.ID)
			if ms == nil {
				return fmt.Errorf("source %q is not part of the site in %s (copy it to %s/, or pass --src)", s.ID, *src, content.SourcesDir)
			}
			if ms.Text != s.Text {
				return fmt.Errorf("%s differs from the site's copy %s; drafts quote the site's copy", pos[0], ms.Path)
			}
			s = ms
		}
		if !in.date.Known {
			fmt.Fprintf(e.stderr, "note: no document date (the publication date is not a single day; pass --dct): relative dates stay unresolved\n")
		}
		drafts, skips := annotate.Drafts(annotate.Source{ID: s.ID, Text: s.Text, Date: in.date, Anchor: mode.Anchor}, t)
		for _, sk := range skips {
			fmt.Fprintf(e.stderr, "not drafted: %q (%s): %s\n", sk.Text, sk.Value, sk.Reason)
		}
		dir := *out
		if dir == "" {
			dir = filepath.Join(*src, filepath.FromSlash(content.EntriesDir), "drafts")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		wrote := 0
		for _, d := range drafts {
			p := filepath.Join(dir, d.ID+".md")
			if t.Entry(d.ID) != nil {
				fmt.Fprintf(e.stderr, "skipped %s: the site already has an entry %q\n", p, d.ID)
				continue
			}
			if err := writeNew(p, d.File()); errors.Is(err, fs.ErrExist) {
				fmt.Fprintf(e.stderr, "skipped %s: the file exists\n", p)
				continue
			} else if err != nil {
				return err
			}
			wrote++
			fmt.Fprintf(e.stdout, "wrote %s  %s  %s\n", p, d.Date, d.Title)
		}
		fmt.Fprintf(e.stdout, "%d draft(s) from source %q; they are published only with --drafts\n", wrote, s.ID)
		return nil
	}
	return c
}

// annotateBatch prints one JSON line per file, in the order given and, in
// a directory, sorted by path. Files are tagged in parallel, one per core;
// a file that cannot be read is reported and the others still printed.
func annotateBatch(ctx context.Context, e *env, args []string, src string, dd *annotate.DocDate, mode annotate.Mode) error {
	var files []string
	failed, walkFailed := 0, 0
	for _, a := range args {
		if !isDir(a) {
			files = append(files, a)
			continue
		}
		err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != a && content.Ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(e.stderr, "%v\n", err)
			walkFailed++
		}
	}
	type result struct {
		line []byte
		err  error
	}
	// order hands the results to the writer in file order; sem bounds the
	// files in flight.
	order := make(chan chan result, runtime.GOMAXPROCS(0))
	go func() {
		defer close(order)
		for _, f := range files {
			if ctx.Err() != nil {
				return
			}
			ch := make(chan result, 1)
			order <- ch
			go func() {
				in, err := readInput(f, src)
				if err != nil {
					ch <- result{err: err}
					return
				}
				if dd != nil {
					in.date = *dd
				}
				ch <- result{line: annotate.FileJSON(f, annotate.Exprs(in.text, in.date, mode))}
			}()
		}
	}()
	for ch := range order {
		r := <-ch
		if r.err != nil {
			var l diag.List
			if errors.As(r.err, &l) {
				printProblems(e.stderr, l)
			} else {
				fmt.Fprintln(e.stderr, r.err)
			}
			failed++
			continue
		}
		if _, err := e.stdout.Write(r.line); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed+walkFailed > 0 {
		return fmt.Errorf("%d of %d input(s) could not be annotated", failed+walkFailed, len(files)+walkFailed)
	}
	return nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// input is what annotate reads: a source file, or a plain text.
type input struct {
	text   string
	raw    []byte
	source *model.Source // for a .md source
	date   annotate.DocDate
}

// readInput reads a source (.md, or the id of a source of the site) or a
// plain text.
func readInput(arg, src string) (input, error) {
	data, err := os.ReadFile(arg)
	if errors.Is(err, fs.ErrNotExist) && content.IsSlug(arg) {
		// An id: content/sources/ID.md of the site.
		arg = filepath.Join(src, filepath.FromSlash(content.SourcesDir), arg+".md")
		data, err = os.ReadFile(arg)
	}
	if err != nil {
		return input{}, err
	}
	if !strings.HasSuffix(arg, ".md") {
		return input{text: string(data), raw: data}, nil
	}
	cs, errs := content.ParseSource(filepath.ToSlash(arg), data)
	if len(errs.Errors()) > 0 {
		return input{}, errs
	}
	s := &model.Source{ID: cs.ID, Text: cs.Body, Path: arg}
	in := input{text: cs.Body, raw: data, source: s}
	in.date = annotate.DocDateOf(cs.Published.Text)
	return in, nil
}

// sourceByHash finds the source ingested from raw.
func sourceByHash(t *model.Timeline, raw []byte) *model.Source {
	sum := sha256.Sum256(raw)
	h := hex.EncodeToString(sum[:])
	for _, s := range t.Sources {
		if s.RawSHA256 == h {
			return s
		}
	}
	return nil
}

// writeNew writes a file that must not exist yet.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
