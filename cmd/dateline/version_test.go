package main

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionText(t *testing.T) {
	t.Parallel()
	const rev = "3ac23e80bbf53656081ecc529b90b31a416310fd"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "-buildmode", Value: "exe"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-02T04:39:18Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	for _, tt := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"clean checkout", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "dateline", Version: "v0.0.0-20261202043918-3ac23e80bbf5"}, Settings: vcs("false")},
			"dateline v0.0.0-20261202043918-3ac23e80bbf5\nrevision " + rev + "\ncommitted 2026-12-02T04:39:18Z\nbuilt with go1.26.8\n"},
		{"uncommitted changes", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "dateline", Version: "v0.0.0-20261202043918-3ac23e80bbf5+dirty"}, Settings: vcs("true")},
			"dateline v0.0.0-20261202043918-3ac23e80bbf5+dirty\nrevision " + rev + " (modified: built with uncommitted changes)\ncommitted 2026-12-02T04:39:18Z\nbuilt with go1.26.8\n"},
		{"go install of a tag", debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "dateline", Version: "v1.2.0"}},
			"dateline v1.2.0\nrevision unknown (built without VCS information: by go run, with -buildvcs=false, or outside a git clone)\nbuilt with go1.26.0\n"},
		{"go run", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "dateline", Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "-buildmode", Value: "exe"}}},
			"dateline (devel)\nrevision unknown (built without VCS information: by go run, with -buildvcs=false, or outside a git clone)\nbuilt with go1.26.8\n"},
		{"no version", debug.BuildInfo{GoVersion: "go1.26.8"},
			"dateline (unknown)\nrevision unknown (built without VCS information: by go run, with -buildvcs=false, or outside a git clone)\nbuilt with go1.26.8\n"},
	} {
		if got := versionText(&tt.bi); got != tt.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "dateline ") || !strings.Contains(stdout, "\nbuilt with go") {
		t.Errorf("version: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "version", "extra"); code != 2 || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Errorf("version extra: exit %d, stderr %q", code, stderr)
	}
}

// versionMatchesBinary checks what a built binary says against what the Go
// tool reads from the same binary (go version -m), whichever way it was
// built: with VCS information or without.
func versionMatchesBinary(t *testing.T, goTool, bin string) {
	t.Helper()
	m, err := exec.Command(goTool, "version", "-m", bin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	var mod, rev, modified string
	for line := range strings.SplitSeq(string(m), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "mod" && f[1] == "dateline":
			mod = f[2]
		case len(f) == 2 && f[0] == "build":
			if v, ok := strings.CutPrefix(f[1], "vcs.revision="); ok {
				rev = v
			}
			if v, ok := strings.CutPrefix(f[1], "vcs.modified="); ok {
				modified = v
			}
		}
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", filepath.Base(bin), err)
	}
	got := string(out)
	want := []string{"dateline " + mod + "\n", "revision unknown"}
	if rev != "" {
		want[1] = "revision " + rev
		if modified == "true" {
			want[1] += " (modified"
		}
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("dateline version says\n%s\nwhich lacks %q (go version -m:\n%s)", got, w, m)
		}
	}
	if rev != "" && modified != "true" && strings.Contains(got, "modified") {
		t.Errorf("dateline version says modified, go version -m does not:\n%s", got)
	}
}
