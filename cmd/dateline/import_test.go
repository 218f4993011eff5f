package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/output"
)

const importSheet = `Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background
2026,3,9,,,,,,,Delegations meet in Geneva,<p>They met.</p>,https://news.example/a,,,,,,
2026,3,10,,,,,,,Talks end,<p>They left.</p>,,,,,,,
`

// importSite makes a starter site and the sheet to import into it.
func importSite(t *testing.T) (site, sheet string) {
	t.Helper()
	dir := t.TempDir()
	site = filepath.Join(dir, "site")
	if code, _, stderr := runCLI(t, "init", site); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	sheet = filepath.Join(dir, "sheet.csv")
	if err := os.WriteFile(sheet, []byte(importSheet), 0o644); err != nil {
		t.Fatal(err)
	}
	return site, sheet
}

func TestImportCommand(t *testing.T) {
	site, sheet := importSite(t)
	dir := filepath.Dir(site)
	code, stdout, stderr := runCLI(t, "import", "timelinejs", sheet, "--src", site)
	if code != 0 || !strings.Contains(stdout, "imported 2 entries") {
		t.Fatalf("import: %d %q %q", code, stdout, stderr)
	}
	entry := filepath.Join(site, "content", "entries", "2026", "2026-03-09-delegations-meet-in-geneva.md")
	before, err := os.ReadFile(entry)
	if err != nil {
		t.Fatalf("entry not written: %v", err)
	}
	// Edit the entry, then import again: without --force nothing changes.
	edited := append(before, []byte("\nAn editor's addition.\n")...)
	if err := os.WriteFile(entry, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI(t, "--src", site, "import", "timelinejs", sheet); code != 2 {
		// flags before the command are not the command's: usage error
		t.Errorf("flags before the command: exit %d", code)
	}
	code, _, stderr = runCLI(t, "import", "--src", site, "timelinejs", sheet)
	if code == 0 || !strings.Contains(stderr, "already exists") || !strings.Contains(stderr, "--force") {
		t.Fatalf("second import without --force: %d %q", code, stderr)
	}
	if now, _ := os.ReadFile(entry); !bytes.Equal(now, edited) {
		t.Fatalf("an existing entry was overwritten without --force")
	}
	code, _, stderr = runCLI(t, "import", "timelinejs", sheet, "--src", site, "--force")
	if code != 0 {
		t.Fatalf("import --force: %d %q", code, stderr)
	}
	if now, _ := os.ReadFile(entry); !bytes.Equal(now, before) {
		t.Errorf("--force did not rewrite the entry")
	}
	// The site builds with the imported entries.
	if code, _, stderr := runCLI(t, "build", "--src", site, "--out", filepath.Join(dir, "out")); code != 0 {
		t.Fatalf("build after import: %s", stderr)
	}
	// Bad input: a positioned error and nothing written.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\"events\": [{\"start_date\": {\"year\": 2026, \"month\": 13}}]}"), 0o644)
	code, _, stderr = runCLI(t, "import", "timelinejs", bad, "--src", site)
	if code == 0 || !strings.Contains(stderr, "bad.json:1:") || !strings.Contains(stderr, "month 13") {
		t.Errorf("bad input: %d %q", code, stderr)
	}
}

// An import interrupted before it writes writes nothing.
func TestImportInterrupted(t *testing.T) {
	site, sheet := importSite(t)
	before, err := output.HashTree(site)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	code := run(ctx, &env{stdout: &o, stderr: &e}, []string{"import", "timelinejs", sheet, "--src", site})
	if code == 0 || !strings.Contains(e.String(), "import interrupted; nothing imported") {
		t.Errorf("interrupted import: exit %d, %q", code, e.String())
	}
	if after, _ := output.HashTree(site); !maps.Equal(before, after) {
		t.Error("an interrupted import changed the site")
	}
}

// The title slide's text becomes the description of a site without one
// (and is noted for a site with one); relative media addresses resolve
// against --base.
func TestImportMediaAndDescription(t *testing.T) {
	site, _ := importSite(t)
	file := filepath.Join(filepath.Dir(site), "timeline.json")
	doc := `{"title": {"text": {"headline": "Geneva", "text": "<p>How the talks went.</p>"}},
"events": [{"start_date": {"year": "2026", "month": "3", "day": "9"}, "text": {"headline": "Envoys arrive"},
 "media": {"url": "img/venue.jpg", "caption": "The venue", "credit": "AP"}}]}`
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	toml := filepath.Join(site, "site.toml")
	cfg, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "import", "timelinejs", file, "--src", site, "--base", "https://news.example/geneva/")
	if code != 0 || !strings.Contains(stderr, `the title slide's text is not the site's description, since site.toml has one: "How the talks went."`) {
		t.Fatalf("import into a site with a description: %d %q", code, stderr)
	}
	entry, err := os.ReadFile(filepath.Join(site, "content", "entries", "2026", "2026-03-09-envoys-arrive.md"))
	if err != nil || !strings.Contains(string(entry), "[[media]]\nurl = \"https://news.example/geneva/img/venue.jpg\"\ncaption = \"The venue\"\ncredit = \"AP\"\nalt = \"The venue\"\n") {
		t.Errorf("entry %s %v", entry, err)
	}

	without := strings.Replace(string(cfg), "description = \"A sourced timeline built with Dateline.\"\n", "", 1)
	if err := os.WriteFile(toml, []byte(without), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "import", "timelinejs", file, "--src", site, "--force")
	if code != 0 || !strings.Contains(stderr, "the title slide's text is the site's description now") || !strings.Contains(stderr, `slide 1: media "img/venue.jpg" is a relative address`) {
		t.Fatalf("import into a site without a description: %d %q", code, stderr)
	}
	if now, _ := os.ReadFile(toml); string(now) != "description = \"How the talks went.\"\n"+without {
		t.Errorf("site.toml:\n%s", now)
	}
}
