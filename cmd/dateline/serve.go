package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"dateline"
	"dateline/internal/serve"
)

func serveCmd() command {
	c := command{name: "serve", usage: "serve  [--src DIR] [--addr HOST:PORT] [--drafts] [--open] [--no-cache]", brief: "preview the site with live reload"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flags(e, "serve", "dateline "+c.usage)
		src := fs.String("src", ".", "site `directory` (with site.toml)")
		addr := fs.String("addr", serve.DefaultAddr, "`host:port` to listen on; port 0 picks a free one; a non-loopback host serves the network")
		drafts := fs.Bool("drafts", false, "include entries marked draft")
		open := fs.Bool("open", false, "open the site in a browser")
		noCache := fs.Bool("no-cache", false, "parse every file at start, and keep no parsed documents for the next run (in the user cache directory, dateline/serve/)")
		if err := parse(fs, args); err != nil {
			return err
		}
		opt := serve.Options{
			Src: *src, Addr: *addr, Drafts: *drafts, Open: *open, Early: true,
			Theme: dateline.Theme(), Stdout: e.stdout, Stderr: e.stderr,
		}
		if !*noCache {
			opt.Cache, opt.Key = cache()
		}
		return serve.Run(ctx, opt)
	}
	return c
}

// cache returns where serve keeps parsed documents between runs, and the
// key they are kept under: this binary, by path, size and time, since
// another build of Dateline may parse differently. Without a cache
// directory, or a binary to name, nothing is kept.
func cache() (dir, key string) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", ""
	}
	exe, err := os.Executable()
	if err != nil {
		return "", ""
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "", ""
	}
	return filepath.Join(base, "dateline"), fmt.Sprintf("%s %d %d", exe, info.Size(), info.ModTime().UnixNano())
}
