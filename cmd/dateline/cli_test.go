package main

import (
	"bytes"
	"context"
	"errors"
	"go/build"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dateline/internal/output"
)

// cliSite is a small valid site. brokenFiles breaks it in the four ways
// the README promises to report: a misquote, a bad date, a dangling actor
// and an unknown front-matter key.
var cliSite = map[string]string{
	"site.toml": "title = \"CLI test\"\nbase_url = \"https://example.org/\"\n",
	"content/sources/report.md": `+++
title = "Talks in Geneva"
outlet = "Example Wire"
published = "2026-03-10"
+++
The two delegations met in Geneva on Monday, officials said.

A second round is planned for April.
`,
	"content/actors.toml":  "[delegation-a]\nname = \"Delegation A\"\n\n[delegation-b]\nname = \"Delegation B\"\n",
	"content/places.toml":  "[geneva]\nname = \"Geneva\"\nlat = 46.2\nlon = 6.15\n",
	"content/topics.toml":  "[talks]\nname = \"Talks\"\n",
	"content/threads.toml": "[spring-talks]\nname = \"Spring talks\"\n",
	"content/entries/meet.md": `+++
title = "Delegations meet"
date = "2026-03-09"
actors = ["delegation-a", "delegation-b"]
places = ["geneva"]
thread = "spring-talks"

[[evidence]]
source = "report"
quote = "The two delegations met in Geneva on Monday"
date_text = "on Monday"
+++
They met in [Geneva](place:geneva).
`,
	"content/entries/next-round.md": `+++
title = "Second round planned"
date = "2026-04"
actors = ["delegation-a"]
topics = ["talks"]

[[evidence]]
source = "report"
quote = "A second round is planned for April."
+++
Planned.
`,
}

// breakage is one broken file and the problem it must produce (the path is
// relative to the site).
type breakage struct {
	name, file, old, new string
	want                 string // the whole line on stderr after "SITE/"
}

var breakages = []breakage{
	{"misquote", "content/entries/meet.md",
		`quote = "The two delegations met in Geneva on Monday"`, `quote = "The two delegations met in Lausanne on Monday"`,
		`content/entries/meet.md:10:9: quote not found in source "report"; closest passage (content/sources/report.md:6): "The two delegations met in Geneva on Monday"`},
	{"bad date", "content/entries/next-round.md",
		`date = "2026-04"`, `date = "2026-02-30"`,
		`content/entries/next-round.md:3:17: invalid date "2026-02-30": day 30 is not in February 2026 (use the EDTF profile: 2026-03-10, 2026-03, 2026, 2026-03-09/2026-03-10, 2026-02-28/.., 2026-03-10?, 2026-01~, 2026-03-XX)`},
	{"dangling actor", "content/entries/meet.md",
		`actors = ["delegation-a", "delegation-b"]`, `actors = ["delegation-a", "delegation-c"]`,
		`content/entries/meet.md:4:27: unknown actor "delegation-c" (did you mean "delegation-a"?)`},
	{"unknown key", "content/entries/next-round.md",
		`topics = ["talks"]`, `topic = ["talks"]`,
		`content/entries/next-round.md:5:1: unknown key "topic" in entry front matter (did you mean "topics"?)`},
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// broken returns the site with the given breakages applied.
func broken(t *testing.T, bs ...breakage) map[string]string {
	t.Helper()
	files := maps.Clone(cliSite)
	for _, b := range bs {
		if !strings.Contains(files[b.file], b.old) {
			t.Fatalf("%s: %q not in %s", b.name, b.old, b.file)
		}
		files[b.file] = strings.Replace(files[b.file], b.old, b.new, 1)
	}
	return files
}

// treeHashes hashes every file below dir (see output.HashTree).
func treeHashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	h, err := output.HashTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// runCLI runs dateline in-process.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), &env{stdout: &o, stderr: &e}, args)
	return code, o.String(), e.String()
}

// missingLines returns the wanted lines that do not appear in out as whole
// lines.
func missingLines(out string, want []string) []string {
	lines := strings.Split(out, "\n")
	var missing []string
	for _, w := range want {
		if !slices.Contains(lines, w) {
			missing = append(missing, w)
		}
	}
	return missing
}

// countLine reports whether out has the line counting n errors (warnings
// differ between build and check, which also looks for unused records).
func countLine(out string, n int) bool {
	return slices.ContainsFunc(strings.Split(out, "\n"), func(l string) bool {
		return strings.HasPrefix(l, plural(n, "error")+", ") && (strings.HasSuffix(l, " warning") || strings.HasSuffix(l, " warnings"))
	})
}

func TestBuildErrorsLeaveOutputIntact(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		bs   []breakage
	}{
		{breakages[0].name, breakages[:1]},
		{breakages[1].name, breakages[1:2]},
		{breakages[2].name, breakages[2:3]},
		{breakages[3].name, breakages[3:4]},
		{"all four at once", breakages},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			src, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
			writeFiles(t, src, cliSite)
			code, stdout, stderr := runCLI(t, "build", "--src", src, "--out", out)
			if code != 0 || !strings.HasPrefix(stdout, "built ") || !strings.Contains(stdout, "(2 entries, 1 sources;") {
				t.Fatalf("good build: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
			}
			before := treeHashes(t, out)
			if len(before) < 10 {
				t.Fatalf("only %d output files", len(before))
			}

			writeFiles(t, src, broken(t, tc.bs...))
			for _, cmd := range [][]string{{"build", "--src", src, "--out", out}, {"check", "--src", src}} {
				code, stdout, stderr = runCLI(t, cmd...)
				if code != 1 {
					t.Errorf("%s: exit %d, want 1", cmd[0], code)
				}
				var want []string
				for _, b := range tc.bs {
					want = append(want, filepath.Join(src, b.want))
				}
				if m := missingLines(stderr, want); len(m) > 0 || !countLine(stderr, len(tc.bs)) {
					t.Errorf("%s: stderr lacks\n  %s\nstderr:\n%s", cmd[0], strings.Join(m, "\n  "), stderr)
				}
				if stdout != "" {
					t.Errorf("%s: stdout %q on failure", cmd[0], stdout)
				}
				if after := treeHashes(t, out); !maps.Equal(before, after) {
					t.Errorf("%s: the previous output changed", cmd[0])
				}
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 2 {
				t.Errorf("files left next to the output: %v", ents)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, cliSite)
	code, stdout, stderr := runCLI(t, "check", "--src", dir)
	if code != 0 || stdout != "ok: 2 entries, 1 sources, 0 warnings\n" || stderr != "" {
		t.Errorf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("check wrote files: %v", ents)
	}

	// A warning passes, unless --strict.
	files := maps.Clone(cliSite)
	files["content/entries/draft.md"] = "+++\ntitle = \"D\"\ndate = \"2026-03-11\"\ndraft = true\n\n[[evidence]]\nsource = \"report\"\nquote = \"officials said\"\n+++\n"
	files["content/entries/meet.md"] += "See [the draft](entry:draft).\n"
	writeFiles(t, dir, files)
	code, _, stderr = runCLI(t, "check", "--src", dir)
	warning := filepath.Join(dir, "content/entries/meet.md") + `:14:17: warning: link to draft entry "draft" is shown as plain text (build with --drafts to include it)`
	if code != 0 || len(missingLines(stderr, []string{warning})) > 0 || !countLine(stderr, 0) {
		t.Errorf("check with a warning: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ = runCLI(t, "check", "--strict", "--src", dir); code != 1 {
		t.Errorf("check --strict with a warning: exit %d", code)
	}
	if code, _, stderr = runCLI(t, "check", "--drafts", "--src", dir); code != 0 || stderr != "" {
		t.Errorf("check --drafts: exit %d, stderr %q", code, stderr)
	}
}

func TestInitThenBuild(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "newsite")
	code, stdout, stderr := runCLI(t, "init", dir)
	if code != 0 || !strings.Contains(stdout, "created a new site in "+dir) {
		t.Fatalf("init: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	out := filepath.Join(dir, "public")
	code, stdout, stderr = runCLI(t, "build", "--src", dir, "--out", out)
	if code != 0 || !strings.HasPrefix(stdout, "built ") || stderr != "" {
		t.Fatalf("build of the starter: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "entries", "2026-03-09-delegations-meet", "index.html"))
	if err != nil || !bytes.Contains(page, []byte("Delegations meet in Geneva")) {
		t.Errorf("starter entry page: %v", err)
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Contains(index, []byte(`href="entries/2026-03-09-delegations-meet/"`)) {
		t.Errorf("index does not link the starter entry: %v", err)
	}
	// A second build replaces the first (its output is recognisably ours),
	// and check agrees the starter is clean.
	if code, _, stderr = runCLI(t, "build", "--src", dir, "--out", out); code != 0 {
		t.Errorf("rebuild: exit %d: %s", code, stderr)
	}
	if code, _, stderr = runCLI(t, "check", "--src", dir, "--strict"); code != 0 || strings.Contains(stderr, "warning") {
		t.Errorf("check --strict of the starter: exit %d: %s", code, stderr)
	}
	// init refuses a directory that is not empty.
	if code, _, stderr = runCLI(t, "init", dir); code != 1 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("init into a non-empty directory: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ = runCLI(t, "init"); code != 2 {
		t.Errorf("init without DIR: exit %d, want 2", code)
	}
}

func TestBuildRefusesForeignOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, out := filepath.Join(dir, "site"), filepath.Join(dir, "docs")
	writeFiles(t, src, cliSite)
	writeFiles(t, out, map[string]string{"notes.txt": "my notes", "drafts/plan.md": "plan"})
	before := treeHashes(t, out)
	code, stdout, stderr := runCLI(t, "build", "--src", src, "--out", out)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "does not look like a Dateline site") || !strings.Contains(stderr, "refusing to replace it") {
		t.Errorf("build over a foreign directory: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if after := treeHashes(t, out); !maps.Equal(before, after) {
		t.Error("the foreign directory was changed")
	}
	// An empty directory is fine, and so is a file path that does not exist.
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "build", "--src", src, "--out", empty); code != 0 {
		t.Errorf("build into an empty directory: exit %d: %s", code, stderr)
	}
	// A file where the output directory should be.
	file := filepath.Join(dir, "file")
	writeFiles(t, dir, map[string]string{"file": "x"})
	if code, _, stderr := runCLI(t, "build", "--src", src, "--out", file); code != 1 || !strings.Contains(stderr, "is not a directory") {
		t.Errorf("build onto a file: exit %d: %s", code, stderr)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		code int
		err  string
	}{
		{nil, 2, "Usage:"},
		{[]string{"help"}, 0, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "-h"}, 0, "usage: dateline build"},
		{[]string{"check", "--src", "/nonexistent/site"}, 1, "no site.toml: this directory is not a Dateline site"},
	} {
		code, _, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.err) {
			t.Errorf("dateline %q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.err)
		}
	}
}

// TestSynopsesListEveryFlag keeps the synopses honest: each command's
// synopsis (shown by -h and in the top-level usage) names every flag the
// command defines.
func TestSynopsesListEveryFlag(t *testing.T) {
	t.Parallel()
	_, _, top := runCLI(t, "help")
	for _, c := range commands() {
		_, _, help := runCLI(t, c.name, "-h")
		lines := strings.Split(help, "\n")
		synopsis, ok := strings.CutPrefix(lines[0], "usage: ")
		if !ok {
			t.Errorf("%s -h: first line %q", c.name, lines[0])
			continue
		}
		if !slices.Contains(strings.Split(top, "\n"), "  "+synopsis) {
			t.Errorf("the top-level usage lacks %q:\n%s", synopsis, top)
		}
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "  -") {
				continue
			}
			name := strings.Fields(l)[0][1:]
			if !strings.Contains(synopsis, "[--"+name+"]") && !strings.Contains(synopsis, "[--"+name+" ") {
				t.Errorf("%s defines --%s, its synopsis does not name it: %s", c.name, name, synopsis)
			}
		}
	}
}

// The real binary, run as a subprocess from inside the site directory, so
// problem paths are relative exactly as the README shows them.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(build.Default.GOROOT, "bin", "go")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "dateline")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	versionMatchesBinary(t, goTool, bin)
	src := filepath.Join(dir, "site")
	writeFiles(t, src, cliSite)
	exe := func(args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = src
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
			return 0, o.String(), e.String()
		case errors.As(err, &exit):
			return exit.ExitCode(), o.String(), e.String()
		}
		t.Fatalf("running %s: %v", bin, err)
		return 0, "", ""
	}
	code, stdout, stderr := exe("build")
	if code != 0 || !strings.HasPrefix(stdout, "built ") || !strings.HasSuffix(stdout, "-> public\n") {
		t.Fatalf("build: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	out := filepath.Join(src, "public")
	before := treeHashes(t, out)

	writeFiles(t, src, broken(t, breakages...))
	for _, args := range [][]string{{"build"}, {"check"}} {
		code, stdout, stderr = exe(args...)
		var want []string
		for _, b := range breakages {
			want = append(want, b.want)
		}
		if code != 1 || stdout != "" {
			t.Errorf("%s: exit %d, stdout %q", args[0], code, stdout)
		}
		if m := missingLines(stderr, want); len(m) > 0 || !countLine(stderr, len(breakages)) {
			t.Errorf("%s: stderr lacks\n  %s\nstderr:\n%s", args[0], strings.Join(m, "\n  "), stderr)
		}
		if after := treeHashes(t, out); !maps.Equal(before, after) {
			t.Errorf("%s: the previous output changed", args[0])
		}
	}
	if !strings.Contains(stderr, "content/entries/meet.md:10:9: ") {
		t.Errorf("paths are not relative to the working directory: %s", stderr)
	}
}
