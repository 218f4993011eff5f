package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/build"
	"dateline/internal/content"
)

// runDateline runs the command in-process.
func runDateline(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(context.Background(), &env{stdout: &o, stderr: &e}, args)
	return code, o.String(), e.String()
}

const rawArticle = " date 2026-03-10 Geneva, March 10 (Example Wire) The two delegations met in Geneva on Monday, officials said.\n\n" +
	"A second round is planned for April.\n\n--EW\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n"

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.txt")
	if err := os.WriteFile(raw, []byte(rawArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	target := filepath.Join(site, "content", "sources", "two-delegations-met-geneva-monday-officials.md")
	writeSiteTOML(t, site)

	// Flags after the file; the report goes to stderr.
	code, out, errOut := runDateline("ingest", raw, "--src", site, "--url", "https://example.org/a")
	if code != 0 || out != "wrote "+target+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	for _, want := range []string{
		raw + ":1: removed header: \"date 2026-03-10\"",
		raw + ":7: removed comment prompt: \"Leave a Reply\"",
		raw + ":1: outlet = \"Example Wire\" (wire credit in the dateline)",
	} {
		if !strings.Contains(errOut, want+"\n") {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	data, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	s, errs := content.ParseSource(content.SourcesDir+"/"+filepath.Base(target), data)
	if len(errs) > 0 || s.Published.Text != "2026-03-10" || s.URL.Text != "https://example.org/a" || s.Outlet.Text != "Example Wire" ||
		s.Body != "Geneva, March 10 (Example Wire) The two delegations met in Geneva on Monday, officials said.\n\nA second round is planned for April.\n\n--EW\n" {
		t.Errorf("wrote %v:\n%s", errs, data)
	}

	// Never overwrite without --force; never ingest the same file twice.
	if code, _, errOut := runDateline("ingest", "--src", site, raw); code != 1 || !strings.Contains(errOut, "already exists; use --force") {
		t.Errorf("second ingest: exit %d, stderr:\n%s", code, errOut)
	}
	if code, _, errOut := runDateline("ingest", "--src", site, raw, "--id", "other"); code != 1 || !strings.Contains(errOut, "already ingested as") {
		t.Errorf("ingest under another id: exit %d, stderr:\n%s", code, errOut)
	}
	if err := os.WriteFile(target, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runDateline("ingest", "--src", site, raw, "--force"); code != 0 {
		t.Errorf("--force: exit %d, stderr:\n%s", code, errOut)
	}
	if data, _ := os.ReadFile(target); !bytes.HasPrefix(data, []byte("+++\n")) {
		t.Errorf("--force did not rewrite the source: %q", data)
	}

	// --dry-run writes nothing.
	code, out, _ = runDateline("ingest", "--dry-run", "--src", filepath.Join(dir, "nowhere"), raw)
	if code != 0 || !strings.HasPrefix(out, "+++\ntitle = ") {
		t.Errorf("--dry-run: exit %d, stdout:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("--dry-run created the site directory")
	}
}

func writeSiteTOML(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIngestInput: ingest refuses a target that is not a site, as import
// does, and input that is not text; it converts legacy encodings and
// says so.
func TestIngestInput(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	writeSiteTOML(t, site)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	raw := write("raw.txt", []byte(rawArticle))
	latin1 := write("latin1.txt", []byte(" date 2026-03-10 Gen\xe8ve, March 10 (Example Wire) The delegations met in Gen\xe8ve on Monday.\n"))
	binary := write("photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"))
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"not a site", []string{"--src", dir, raw}, 1, dir + " is not a Dateline site (no site.toml); create one with `dateline init DIR`"},
		{"missing directory", []string{"--src", filepath.Join(dir, "nowhere"), raw}, 1, "is not a Dateline site"},
		{"binary", []string{"--src", site, binary}, 1, binary + ":1:5: this is not text"},
		{"latin-1", []string{"--src", site, latin1}, 0, latin1 + ": note: the file is not UTF-8; it was read as Windows-1252 and converted to UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runDateline(append([]string{"ingest"}, c.args...)...)
			if code != c.code || !strings.Contains(errOut, c.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errOut, c.code, c.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		t.Error("ingest wrote into a directory that is not a site")
	}
	got, err := os.ReadFile(filepath.Join(site, "content", "sources", "delegations-met-geneve-monday.md"))
	if err != nil || !strings.Contains(string(got), "Genève, March 10") {
		t.Errorf("converted source: %v\n%s", err, got)
	}
}

func TestIngestNeedsPublished(t *testing.T) {
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.txt")
	if err := os.WriteFile(raw, []byte("Geneva: The delegations met on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeSiteTOML(t, dir)
	code, _, errOut := runDateline("ingest", "--src", dir, raw)
	if code != 1 || !strings.Contains(errOut, "states no publication date") || !strings.Contains(errOut, "--published") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		t.Error("a source was written without a publication date")
	}
	if code, _, errOut := runDateline("ingest", "--src", dir, raw, "--published", "2026-03-10?"); code != 0 {
		t.Errorf("with --published: exit %d, stderr:\n%s", code, errOut)
	}
	if code, _, errOut := runDateline("ingest", "--src", dir, raw, "--published", "10 March"); code != 1 || !strings.Contains(errOut, "EDTF") {
		t.Errorf("bad --published: exit %d, stderr:\n%s", code, errOut)
	}
}

// copySite copies the example site at the module root (site.toml and
// content/, without drafts) into a new directory.
func copySite(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if rel != "." && top != "site.toml" && top != "content" || rel == filepath.Join("content", "entries", "drafts") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestAnnotateDraftsBuild drafts entries from every source of the example
// site and checks that they stay out of a build unless --drafts is given,
// and that with --drafts every drafted quote verifies.
func TestAnnotateDraftsBuild(t *testing.T) {
	site := copySite(t)
	t0, problems := build.Load(os.DirFS(site), build.Options{})
	if len(problems.Errors()) > 0 {
		t.Fatalf("the example site has errors:\n%v", problems)
	}
	drafted := 0
	for _, s := range t0.Sources {
		code, out, errOut := runDateline("annotate", "--src", site, filepath.Join(site, filepath.FromSlash(s.Path)))
		if code != 0 {
			t.Fatalf("annotate %s: exit %d\n%s", s.ID, code, errOut)
		}
		drafted += strings.Count("\n"+out, "\nwrote ")
	}
	if drafted == 0 {
		t.Fatal("annotate drafted nothing from the example site")
	}
	without, problems := build.Load(os.DirFS(site), build.Options{})
	if len(problems.Errors()) > 0 || len(without.Entries) != len(t0.Entries) {
		t.Errorf("without --drafts: %d entries (want %d), problems:\n%v", len(without.Entries), len(t0.Entries), problems)
	}
	with, problems := build.Load(os.DirFS(site), build.Options{Drafts: true})
	if len(problems.Errors()) > 0 || len(with.Entries) != len(t0.Entries)+drafted {
		t.Errorf("with --drafts: %d entries (want %d), problems:\n%v", len(with.Entries), len(t0.Entries)+drafted, problems.Errors())
	}
	for _, e := range with.Entries {
		if e.Draft && len(e.Evidence) == 0 {
			t.Errorf("draft %s has no verified evidence", e.ID)
		}
	}

	// A second run overwrites nothing.
	s := t0.Sources[0]
	code, out, errOut := runDateline("annotate", "--src", site, s.ID)
	if code != 0 || strings.Contains(out, "wrote ") || !strings.Contains(out, "0 draft(s)") {
		t.Errorf("second annotate: exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	// The real build: drafts only with --drafts.
	pub := filepath.Join(t.TempDir(), "public")
	draftPage := ""
	for _, e := range with.Entries {
		if e.Draft {
			draftPage = filepath.Join(pub, "entries", e.ID, "index.html")
			break
		}
	}
	if code, _, errOut := runDateline("build", "--src", site, "--out", pub); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(draftPage); err == nil {
		t.Errorf("build without --drafts published %s", draftPage)
	}
	if code, _, errOut := runDateline("build", "--src", site, "--out", pub, "--drafts"); code != 0 {
		t.Fatalf("build --drafts: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(draftPage); err != nil {
		t.Errorf("build --drafts did not publish the draft: %v", err)
	}

	// check --drafts sees the drafts that duplicate curated entries; the
	// warnings fail only with --strict.
	code, _, errOut = runDateline("check", "--src", site, "--drafts")
	if code != 0 || !strings.Contains(errOut, "may duplicate") {
		t.Errorf("check --drafts: exit %d, stderr:\n%s", code, errOut)
	}
	if code, _, _ := runDateline("check", "--src", site, "--drafts", "--strict"); code != 1 {
		t.Errorf("check --drafts --strict: exit %d, want 1", code)
	}
}

func TestAnnotateJSON(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "text.txt")
	if err := os.WriteFile(txt, []byte("Über alles: the talks began on Monday and ended on March 12, 2026."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runDateline("annotate", txt, "--json", "--dct", "2026-03-11")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []map[string]any{
		{"start": 31.0, "end": 37.0, "text": "Monday", "type": "DATE", "value": "2026-03-09"},
		{"start": 51.0, "end": 65.0, "text": "March 12, 2026", "type": "DATE", "value": "2026-03-12"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("annotate --json =\n%v\nwant\n%v", got, want)
	}
	if code, _, errOut := runDateline("annotate", txt, "--json", "--dct", "March"); code != 1 || !strings.Contains(errOut, "--dct") {
		t.Errorf("bad --dct: exit %d\n%s", code, errOut)
	}
	// A text that is not a source of the site cannot be drafted.
	if code, _, errOut := runDateline("annotate", txt, "--src", dir); code != 1 || !strings.Contains(errOut, "dateline ingest") {
		t.Errorf("drafting a text that was never ingested: exit %d\n%s", code, errOut)
	}
}

// TestAnnotateRawText drafts from the raw text of an ingested article: the
// source is found by its raw_sha256.
func TestAnnotateRawText(t *testing.T) {
	site := copySite(t)
	raw := filepath.Join(t.TempDir(), "raw.txt")
	if err := os.WriteFile(raw, []byte(rawArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runDateline("ingest", raw, "--src", site); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errOut)
	}
	code, out, errOut := runDateline("annotate", raw, "--src", site)
	if code != 0 || !strings.Contains(errOut, "was ingested as") || !strings.Contains(out, "2026-03-09") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}
