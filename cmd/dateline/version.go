package main

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

func versionCmd() command {
	c := command{name: "version", usage: "version", brief: "print the module version and the VCS revision this binary was built from"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if err := parse(flags(e, "version", "dateline "+c.usage), args); err != nil {
			return err
		}
		bi, ok := debug.ReadBuildInfo()
		if !ok {
			return fmt.Errorf("this binary carries no build information")
		}
		_, err := fmt.Fprint(e.stdout, versionText(bi))
		return err
	}
	return c
}

// versionText describes a build: the module version (a tag or pseudo-version
// under `go install dateline@VERSION`, "(devel)" for a build from a
// checkout), the commit and whether the tree had uncommitted changes (which
// `go build` in a checkout records), and the Go release.
func versionText(bi *debug.BuildInfo) string {
	var b strings.Builder
	v := bi.Main.Version
	if v == "" {
		v = "(unknown)"
	}
	fmt.Fprintf(&b, "dateline %s\n", v)
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		if k, ok := strings.CutPrefix(s.Key, "vcs."); ok {
			vcs[k] = s.Value
		}
	}
	switch rev := vcs["revision"]; {
	case rev == "":
		b.WriteString("revision unknown (built without VCS information: by go run, with -buildvcs=false, or outside a git clone)\n")
	default:
		if vcs["modified"] == "true" {
			rev += " (modified: built with uncommitted changes)"
		}
		fmt.Fprintf(&b, "revision %s\n", rev)
		if t := vcs["time"]; t != "" {
			fmt.Fprintf(&b, "committed %s\n", t)
		}
	}
	fmt.Fprintf(&b, "built with %s\n", bi.GoVersion)
	return b.String()
}
