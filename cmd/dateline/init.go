package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed starter
var starter embed.FS

func initCmd() command {
	c := command{name: "init", usage: "init   DIR", brief: "create a new site in DIR (uses the built-in theme)"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fl := flags(e, "init", "dateline "+c.usage)
		pos, err := parseArgs(fl, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			fl.Usage()
			return errUsage
		}
		dir := pos[0]
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return fmt.Errorf("%s is not empty; choose a new directory", dir)
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		root, _ := fs.Sub(starter, "starter")
		err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			target := filepath.Join(dir, filepath.FromSlash(p))
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created a new site in %s\nnext: dateline build --src %s --out %s\n", dir, dir, filepath.Join(dir, "public"))
		return nil
	}
	return c
}
