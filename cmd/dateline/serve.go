package main

import (
	"context"

	"dateline"
	"dateline/internal/serve"
)

func serveCmd() command {
	c := command{name: "serve", usage: "serve  [--src DIR] [--addr HOST:PORT] [--drafts] [--open]", brief: "preview the site with live reload"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flags(e, "serve", "dateline "+c.usage)
		src := fs.String("src", ".", "site `directory` (with site.toml)")
		addr := fs.String("addr", serve.DefaultAddr, "`host:port` to listen on; port 0 picks a free one; a non-loopback host serves the network")
		drafts := fs.Bool("drafts", false, "include entries marked draft")
		open := fs.Bool("open", false, "open the site in a browser")
		if err := parse(fs, args); err != nil {
			return err
		}
		return serve.Run(ctx, serve.Options{
			Src: *src, Addr: *addr, Drafts: *drafts, Open: *open, Early: true,
			Theme: dateline.Theme(), Stdout: e.stdout, Stderr: e.stderr,
		})
	}
	return c
}
