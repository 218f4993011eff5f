package main

import (
	"context"
	"fmt"

	"dateline"
	"dateline/internal/build"
)

func buildCmd() command {
	c := command{name: "build", usage: "build  [--src DIR] [--out DIR] [--drafts] [--base-url URL]", brief: "render the site into a directory"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flags(e, "build", "dateline "+c.usage)
		src := fs.String("src", ".", "site `directory` (with site.toml)")
		out := fs.String("out", "public", "output `directory`; replaced only when the build succeeds")
		drafts := fs.Bool("drafts", false, "include entries marked draft")
		baseURL := fs.String("base-url", "", "override site.toml's base_url (`URL`)")
		if err := parse(fs, args); err != nil {
			return err
		}
		sum, problems, err := build.Run(*src, *out, dateline.Theme(), build.Options{Drafts: *drafts, BaseURL: *baseURL})
		if len(problems) > 0 {
			printProblems(e.stderr, problems)
		}
		if err != nil {
			if len(problems.Errors()) > 0 {
				fmt.Fprintf(e.stderr, "build failed; %s left unchanged\n", *out)
				return errProblems
			}
			return fmt.Errorf("%v (%s left unchanged)", err, *out)
		}
		fmt.Fprintln(e.stdout, sum)
		return nil
	}
	return c
}

func checkCmd() command {
	c := command{name: "check", usage: "check  [--src DIR] [--drafts] [--strict]", brief: "report every content problem; exit 1 on errors"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flags(e, "check", "dateline "+c.usage)
		src := fs.String("src", ".", "site `directory` (with site.toml)")
		drafts := fs.Bool("drafts", false, "check draft entries as if published")
		strict := fs.Bool("strict", false, "treat warnings as errors")
		if err := parse(fs, args); err != nil {
			return err
		}
		t, problems := build.Check(*src, build.Options{Drafts: *drafts})
		printProblems(e.stderr, problems)
		if len(problems.Errors()) > 0 || *strict && len(problems) > 0 {
			return errProblems
		}
		fmt.Fprintf(e.stdout, "ok: %d entries, %d sources, %s\n", len(t.Entries), len(t.Sources), plural(len(problems.Warnings()), "warning"))
		return nil
	}
	return c
}
