package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"dateline/internal/build"
	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/timelinejs"
)

func importCmd() command {
	c := command{name: "import", usage: "import timelinejs FILE [--src DIR] [--base URL] [--force]", brief: "import a TimelineJS3 JSON file or its spreadsheet (CSV) as entries"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fl := flags(e, "import", "dateline "+c.usage)
		src := fl.String("src", ".", "site `directory` to import into (with site.toml)")
		force := fl.Bool("force", false, "overwrite entries and sources that already exist")
		base := fl.String("base", "", "`URL` the file was published at, against which relative media addresses are resolved")
		pos, err := parseArgs(fl, args)
		if err != nil {
			return err
		}
		if len(pos) != 2 || pos[0] != "timelinejs" {
			fmt.Fprintln(e.stderr, "dateline import: expected the format (timelinejs) and a FILE")
			fl.Usage()
			return errUsage
		}
		file := pos[1]
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(*src, config.File)); err != nil {
			return fmt.Errorf("%s is not a Dateline site (no %s); create one with `dateline init DIR`", *src, config.File)
		}
		var doc *timelinejs.Doc
		var problems diag.List
		if strings.EqualFold(filepath.Ext(file), ".csv") || !bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff"))), []byte("{")) {
			doc, problems = timelinejs.ParseCSV(file, data)
		} else {
			doc, problems = timelinejs.Parse(file, data)
		}
		if len(problems.Errors()) > 0 {
			printProblems(e.stderr, problems)
			return errProblems
		}
		site, err := importTarget(*src)
		if err != nil {
			return err
		}
		site.Base = *base
		res, errs := timelinejs.Import(doc, site)
		problems.Append(errs)
		if len(problems) > 0 {
			printProblems(e.stderr, problems)
		}
		if len(problems.Errors()) > 0 {
			fmt.Fprintf(e.stderr, "nothing imported\n")
			return errProblems
		}
		var exists []string
		for _, f := range res.Files {
			if f.Append {
				continue
			}
			if _, err := os.Stat(filepath.Join(*src, filepath.FromSlash(f.Path))); err == nil {
				exists = append(exists, f.Path)
			}
		}
		// Interrupted (Ctrl-C, SIGTERM) before anything is written: nothing
		// is. The write below is short and is not cut in half.
		if ctx.Err() != nil {
			fmt.Fprintf(e.stderr, "import interrupted; nothing imported\n")
			return errProblems
		}
		if len(exists) > 0 && !*force {
			for _, p := range exists {
				fmt.Fprintf(e.stderr, "%s: already exists\n", filepath.Join(*src, filepath.FromSlash(p)))
			}
			fmt.Fprintf(e.stderr, "nothing imported: %d files already exist (use --force to overwrite them)\n", len(exists))
			return errProblems
		}
		for _, f := range res.Files {
			if err := writeImported(*src, f); err != nil {
				return err
			}
		}
		if err := importDescription(*src, res); err != nil {
			return err
		}
		for _, n := range res.Notes {
			fmt.Fprintf(e.stderr, "%s: note: %s\n", file, n)
		}
		entries := plural(res.Entries, "entry")
		if res.Entries != 1 {
			entries = fmt.Sprintf("%d entries", res.Entries)
		}
		fmt.Fprintf(e.stdout, "imported %s into %s (%s, %s, %s, %s)\n",
			entries, *src, plural(res.Sources, "timeline source"), plural(res.Stubs, "stub source"),
			plural(len(res.Topics), "new topic"), plural(len(res.Threads), "new thread"))
		// Report whether the site still builds, as `dateline check` would.
		_, after := build.Check(*src, build.Options{})
		if n := len(after.Errors()); n > 0 {
			printProblems(e.stderr, after)
			return fmt.Errorf("the imported content has %s; fix them or re-run with --force after editing the input", plural(n, "problem"))
		}
		return nil
	}
	return c
}

// importTarget reads what an import needs to know about the site in dir:
// existing entry and source ids and the topic and thread registries.
func importTarget(dir string) (timelinejs.Site, error) {
	fsys := os.DirFS(dir)
	site, errs := content.Load(fsys)
	s := timelinejs.Site{Entries: map[string]string{}, Sources: map[string]string{}}
	for _, p := range errs {
		if p.Severity == diag.Error && strings.HasPrefix(p.Pos.Path, "content/") && strings.HasSuffix(p.Pos.Path, ".toml") {
			return s, fmt.Errorf("%s: fix the site's registries before importing: %s", filepath.Join(dir, p.Pos.Path), p.Msg)
		}
	}
	for _, x := range site.Entries {
		s.Entries[x.ID] = x.Path
	}
	for _, x := range site.Sources {
		s.Sources[x.ID] = x.Path
	}
	s.Topics = site.Records["topic"]
	s.Threads = site.Records["thread"]
	if _, err := fs.Stat(fsys, "content"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return s, err
	}
	return s, nil
}

// writeImported writes (or, for registries, appends to) one file.
func writeImported(dir string, f timelinejs.File) error {
	p := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if !f.Append {
		return os.WriteFile(p, f.Data, 0o644)
	}
	out, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := out.Write(f.Data); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// importDescription makes the title slide's text the site's description
// when site.toml has none (written as its first line, before any table),
// and otherwise notes it, so that it is never dropped silently.
func importDescription(dir string, res *timelinejs.Result) error {
	if res.Description == "" {
		return nil
	}
	p := filepath.Join(dir, config.File)
	cfg, _ := config.Load(os.DirFS(dir))
	if cfg.Description != "" {
		res.Notes = append(res.Notes, fmt.Sprintf("the title slide's text is not the site's description, since %s has one: %q", config.File, res.Description))
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	line := "description = " + content.TOMLString(res.Description) + "\n"
	if bytes.Contains(data, []byte("description")) {
		// An empty description = "" (or a commented one): leave the file
		// as its author wrote it.
		res.Notes = append(res.Notes, fmt.Sprintf("set the site's description in %s to the title slide's text: %q", config.File, res.Description))
		return nil
	}
	res.Notes = append(res.Notes, fmt.Sprintf("the title slide's text is the site's description now (%s)", config.File))
	bom := []byte("\ufeff")
	rest, hadBOM := bytes.CutPrefix(data, bom)
	out := append([]byte(line), rest...)
	if hadBOM {
		out = append(bom, out...)
	}
	return os.WriteFile(p, out, 0o644)
}
