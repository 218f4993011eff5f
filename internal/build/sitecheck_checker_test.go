package build_test

import (
	"slices"
	"strings"
	"testing"

	"dateline/internal/output"
)

// The checker must catch what it claims to: a site with one of each
// problem, and the same site repaired.
func TestSiteCheckerFindsProblems(t *testing.T) {
	t.Parallel()
	page := func(head, body string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>x</title>` + head + `</head><body><nav></nav><main>` + body + `</main></body></html>`)
	}
	good := output.Files{
		"index.html":           page(`<link rel="stylesheet" href="style.css"><link rel="canonical" href="https://example.org/t/">`, `<h1 id="top">T</h1><a href="entries/a/#ev">a</a><a href="https://elsewhere.example/">out</a><time datetime="2026-03-09T14:30+03:00">x</time>`),
		"entries/a/index.html": page(``, `<h1>A</h1><p id="ev"></p><a href="../../">home</a><a href="../../#top">top</a><a href="/t/">abs</a><a href="https://example.org/t/entries/a/">self</a><time datetime="2026-03">m</time><time datetime="2026">y</time>`),
		"style.css":            []byte(`body{background:url(bg.png)}`),
		"bg.png":               []byte("png"),
	}
	if got := checkSite(good, "https://example.org/t/"); len(got) > 0 {
		t.Fatalf("clean site reported: %q", got)
	}

	bad := output.Files{
		"index.html": page(`<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//fonts.example/css"><style>@import "x.css";</style>`,
			`<h1>T</h1><h1>again</h1><a href="entries/missing/">x</a><a href="entries/a/#nope">y</a><img src="x.png"><time datetime="2026-13-01">bad</time><time datetime="">empty</time>`),
		"entries/a/index.html": []byte(`<html><head><title>t</title></head><body><h1 id="d">A</h1><p id="d"></p></body></html>`),
		"style.css":            []byte(`@font-face{src:url(https://fonts.example/f.woff)}`),
		"x.png":                []byte("png"),
	}
	got := checkSite(bad, "https://example.org/t/")
	want := []string{
		`entries/a/index.html: 0 <main> elements, want 1`,
		`entries/a/index.html: <html> has no lang`,
		`entries/a/index.html: duplicate id "d"`,
		`entries/a/index.html: no <nav>`,
		`index.html: 2 <h1> elements, want 1`,
		`index.html: <a href="entries/a/#nope">: no id "nope" in entries/a/index.html`,
		`index.html: <a href="entries/missing/">: no output file entries/missing/index.html`,
		`index.html: <img> without alt`,
		`index.html: <link href="//fonts.example/css"> requests another host`,
		`index.html: <script src="https://cdn.example/x.js"> requests another host`,
		`index.html: <style> uses @import`,
		`index.html: <time datetime=""> is not a valid HTML date`,
		`index.html: <time datetime="2026-13-01"> is not a valid HTML date`,
		`style.css: stylesheet loads "https://fonts.example/f.woff" from another host`,
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n  got  %s\n  want %s", strings.Join(got, "\n       "), strings.Join(want, "\n       "))
	}
}

func TestValidDatetime(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"2026": true, "2026-03": true, "2026-03-10": true, "2024-02-29": true, "2026-03-09T14:30": true,
		"2026-03-09T14:30:05": true, "2026-03-09T14:30Z": true, "2026-03-09T14:30+03:00": true, "2026-03-09T14:30:05-05:00": true,
		"": false, "0000": false, "201X": false, "2026-3": false, "2026-13": false, "2025-02-29": false,
		"2026-03-10?": false, "2026-03-09/2026-03-10": false, "2026-03-XX": false, "10 March 2026": false,
	} {
		if got := validDatetime(s); got != want {
			t.Errorf("validDatetime(%q) = %v, want %v", s, got, want)
		}
	}
}
