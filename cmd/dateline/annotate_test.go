package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnnotateBatch: several files and a directory give one JSON line per
// file, in order; an unreadable file is reported and the rest printed.
func TestAnnotateBatch(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "texts")
	for name, text := range map[string]string{
		"texts/b.txt":    "Talks resume on March 12, 2026.",
		"texts/a.txt":    "Nothing dated here.",
		"texts/.hidden":  "In 1999.",
		"texts/c.txt~":   "In 1998.",
		"single.txt":     "The vote was held yesterday.",
		"texts/d/e.text": "In 2001 and 2002.",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	single := filepath.Join(dir, "single.txt")
	missing := filepath.Join(dir, "missing.txt")
	code, out, errOut := runDateline("annotate", "--json", "--dct", "2026-03-11", single, sub, missing)
	if code != 1 || !strings.Contains(errOut, "missing.txt") || !strings.Contains(errOut, "1 of 5 input(s)") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	type file struct {
		Path        string
		Expressions []struct{ Text, Value string }
	}
	var got []file
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var f file
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		got = append(got, f)
	}
	want := []struct{ path, values string }{
		{single, "2026-03-10"},
		{filepath.Join(sub, "a.txt"), ""},
		{filepath.Join(sub, "b.txt"), "2026-03-12"},
		{filepath.Join(sub, "d", "e.text"), "2001 2002"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(want), out)
	}
	for i, w := range want {
		var vs []string
		for _, x := range got[i].Expressions {
			vs = append(vs, x.Value)
		}
		if got[i].Path != w.path || strings.Join(vs, " ") != w.values {
			t.Errorf("line %d: %s %v, want %s %s", i, got[i].Path, vs, w.path, w.values)
		}
	}
	// One file keeps the JSON array.
	code, out, _ = runDateline("annotate", "--json", "--dct", "2026-03-11", single)
	if code != 0 || !strings.HasPrefix(out, "[") {
		t.Errorf("single file: exit %d\n%s", code, out)
	}
}

// TestAnnotateAnchor: --anchor chooses what "in September" resolves
// against in a background paragraph; --timex2 and bad values.
func TestAnnotateAnchor(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "text.txt")
	text := "In 2015 Russia intervened in Syria. In September it began air strikes.\n\nOn Monday, the minister said talks would go on."
	if err := os.WriteFile(txt, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ anchor, want string }{
		{"auto", "2015 2015-09 2026-03-09"},
		{"news", "2015 2025-09 2026-03-09"},
		{"narrative", "2015 2015-09 XXXX-WXX-1"}, // a weekday in a month: unknown
	} {
		code, out, errOut := runDateline("annotate", "--json", "--dct", "2026-03-11", "--anchor", c.anchor, txt)
		if code != 0 {
			t.Fatalf("--anchor %s: exit %d\n%s", c.anchor, code, errOut)
		}
		var got []struct{ Value string }
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		var vs []string
		for _, x := range got {
			vs = append(vs, x.Value)
		}
		if strings.Join(vs, " ") != c.want {
			t.Errorf("--anchor %s: %v, want %s", c.anchor, vs, c.want)
		}
	}
	if code, _, errOut := runDateline("annotate", "--json", "--anchor", "history", txt); code != 2 || !strings.Contains(errOut, "--anchor") {
		t.Errorf("bad --anchor: exit %d\n%s", code, errOut)
	}
	if code, _, _ := runDateline("annotate", "--json", "--timex2", txt); code != 0 {
		t.Errorf("--timex2: exit %d", code)
	}
}
