package check

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/model"
)

const registries = `
-- content/actors.toml --
[putin]
name = "Vladimir Putin"
aliases = ["Putin"]
[araghchi]
name = "Abbas Araghchi"
aliases = ["Araghchi", "Araqchi"]
[trump]
name = "Donald Trump"
-- content/places.toml --
[moscow]
name = "Moscow"
-- content/topics.toml --
[diplomacy]
name = "Diplomacy"
-- content/threads.toml --
[war]
name = "The war"
`

// site builds a mini-site from a txtar-like listing ("-- path --" lines
// introduce files) and returns its warnings.
func site(t *testing.T, files string, opt Options) diag.List {
	t.Helper()
	fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")}}
	var name string
	var data strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(data.String())}
		}
		data.Reset()
	}
	for _, line := range strings.SplitAfter(files, "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(line), "-- "); ok && strings.HasSuffix(p, " --") {
			flush()
			name = strings.TrimSuffix(p, " --")
			continue
		}
		data.WriteString(line)
	}
	flush()
	cfg, errs := config.Load(fsys)
	s, e := content.Load(fsys)
	errs.Append(e)
	tl, e := model.Build(cfg, s, model.Options{Drafts: opt.Drafts})
	errs.Append(e)
	if len(errs.Errors()) > 0 {
		t.Fatalf("the mini-site has errors:\n%v", errs)
	}
	return Warnings(tl, s, opt)
}

func source(id, published, body string) string {
	return "-- content/sources/" + id + ".md --\n+++\ntitle = \"" + id + "\"\noutlet = \"unknown\"\npublished = \"" + published + "\"\n+++\n" + body + "\n"
}

// entry writes an entry citing one quote; extra goes into its front matter
// before the evidence.
func entry(id, title, date, extra, src, quote, dateText string) string {
	s := "-- content/entries/" + id + ".md --\n+++\ntitle = \"" + title + "\"\ndate = \"" + date + "\"\n" + extra +
		"\n[[evidence]]\nsource = \"" + src + "\"\nquote = \"" + quote + "\"\n"
	if dateText != "" {
		s += "date_text = \"" + dateText + "\"\n"
	}
	return s + "+++\nSummary.\n"
}

// all registry records referred to, so that only the warnings under test
// show up.
const useAll = `actors = ["putin", "araghchi", "trump"]
places = ["moscow"]
topics = ["diplomacy"]
thread = "war"
`

func messages(l diag.List, what string) []string {
	var out []string
	for _, p := range l {
		if strings.Contains(p.Msg, what) {
			if p.Severity != diag.Warning {
				panic("not a warning: " + p.Error())
			}
			out = append(out, p.Error())
		}
	}
	return out
}

func TestDates(t *testing.T) {
	const body = "Putin met Araghchi in Moscow on Monday. He was deposed late last year.\n\nIran in January 2020 fired missiles. Trump spoke yesterday and today."
	tests := []struct {
		name      string
		published string
		date      string
		quote     string
		dateText  string
		want      string // the warning, "" for none
	}{
		{"weekday agrees", "2025-06-23", "2025-06-23", "Putin met Araghchi in Moscow on Monday.", "on Monday", ""},
		{"weekday disagrees", "2025-06-23", "2025-06-20", "Putin met Araghchi in Moscow on Monday.", "on Monday",
			`content/entries/e.md:12:13: warning: entry date "2025-06-20" does not overlap 23 June 2025: date_text "on Monday" reads as 2025-06-23 in source "s", relative to its publication date 2025-06-23`},
		{"interval overlaps", "2025-06-23", "2025-06-22/2025-06-23", "Putin met Araghchi in Moscow on Monday.", "on Monday", ""},
		{"inferred publication date", "2025-06-23?", "2025-06-16", "Putin met Araghchi in Moscow on Monday.", "on Monday",
			`content/entries/e.md:12:13: warning: entry date "2025-06-16" does not overlap 23 June 2025?: date_text "on Monday" reads as 2025-06-23? in source "s", relative to its publication date 2025-06-23?`},
		{"modifier", "2025-06-23", "2024-10/2024-12", "He was deposed late last year.", "late last year", ""},
		{"absolute date without a publication day", "2025", "2021", "Iran in January 2020 fired missiles.", "in January 2020",
			`content/entries/e.md:12:13: warning: entry date "2021" does not overlap January 2020: date_text "in January 2020" reads as 2020-01 in source "s"`},
		{"relative date without a publication day is not judged", "2025", "2021", "Putin met Araghchi in Moscow on Monday.", "on Monday", ""},
		{"wording the tagger cannot place is not judged", "2025-06-23", "2021", "He was deposed late last year.", "was deposed", ""},
		{"coordinated wording reads as one interval", "2025-06-23", "2025-06-23", "Trump spoke yesterday and today.", "yesterday and today", ""},
		{"wording outside the quote's sentences is not judged", "2025-06-23", "2021", "Iran in January 2020 fired missiles.", "on Monday", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := site(t, registries+source("s", tt.published, body)+entry("e", "E", tt.date, useAll, "s", tt.quote, tt.dateText), Options{})
			got := messages(w, "does not overlap")
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %q\nwant %q", got, want)
			}
		})
	}
}

func TestUncited(t *testing.T) {
	files := registries +
		source("cited", "2025", "Putin spoke.") +
		source("alone", "2025", "Nobody quotes this.") +
		source("drafted", "2025", "Only a draft quotes this.") +
		entry("e", "E", "2025", useAll, "cited", "Putin spoke.", "") +
		entry("d", "D", "2025", "draft = true\n", "drafted", "Only a draft quotes this.", "")
	got := messages(site(t, files, Options{}), "not cited")
	want := []string{
		`content/sources/alone.md:1:1: warning: source "alone" is not cited by any entry`,
		`content/sources/drafted.md:1:1: warning: source "drafted" is not cited by any entry (only by draft d)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	got = messages(site(t, files, Options{Drafts: true}), "not cited")
	if want := want[:1]; !slices.Equal(got, want) {
		t.Errorf("with drafts: got %q\nwant %q", got, want)
	}
}

func TestUnreferenced(t *testing.T) {
	files := registries + source("s", "2025", "Putin spoke to Araqchi.") +
		// putin by id, araghchi by alias, moscow in a summary link, the
		// thread by id; trump only in a draft; the topic nowhere.
		entry("e", "E", "2025", "actors = [\"putin\", \"Araqchi\"]\nthread = \"war\"\n", "s", "Putin spoke", "") +
		"-- content/entries/link.md --\n+++\ntitle = \"L\"\ndate = \"2025\"\n[[evidence]]\nsource = \"s\"\nquote = \"spoke to\"\n+++\nIn [Moscow](place:moscow).\n" +
		entry("d", "D", "2025", "draft = true\nactors = [\"trump\"]\n", "s", "Araqchi", "")
	got := messages(site(t, files, Options{}), "not referred to")
	want := []string{
		`content/actors.toml:7:1: warning: actor "trump" is not referred to by any entry (only by draft d)`,
		`content/topics.toml:1:1: warning: topic "diplomacy" is not referred to by any entry`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestDuplicates(t *testing.T) {
	const body = "Putin met Araghchi in Moscow on Monday. Trump spoke on Monday. Putin spoke on Tuesday."
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"similar titles, shared actor, same day",
			entry("a", "Putin meets Araghchi in Moscow", "2025-06-23", useAll, "s", "Putin met Araghchi", ""),
			entry("b", "Putin meets Iran's Araghchi in Moscow", "2025-06-23?", `actors = ["putin"]`+"\n", "s", "in Moscow on Monday", ""), true},
		{"same passage, different titles",
			entry("a", "Putin meets Araghchi in Moscow", "2025-06-23", useAll, "s", "Putin met Araghchi", ""),
			entry("b", "Iranian minister's visit", "2025-06-22/2025-06-23", `actors = ["araghchi"]`+"\n", "s", "met Araghchi in Moscow", ""), true},
		{"similar titles, no shared actor",
			entry("a", "Putin meets Araghchi in Moscow", "2025-06-23", `actors = ["putin", "araghchi"]`+"\n", "s", "Putin met Araghchi", ""),
			entry("b", "Trump meets Araghchi in Moscow", "2025-06-23", `actors = ["trump"]`+"\n", "s", "Trump spoke", ""), false},
		{"similar titles, dates apart",
			entry("a", "Putin speaks in Moscow", "2025-06-23", useAll, "s", "Putin met Araghchi", ""),
			entry("b", "Putin speaks in Moscow", "2025-06-24", `actors = ["putin"]`+"\n", "s", "Putin spoke on Tuesday", ""), false},
		{"different titles and passages",
			entry("a", "Putin meets Araghchi in Moscow", "2025-06-23", useAll, "s", "Putin met Araghchi", ""),
			entry("b", "Putin answers questions", "2025-06-23", `actors = ["putin"]`+"\n", "s", "Putin spoke on Tuesday", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := messages(site(t, registries+source("s", "2025-06-24", body)+tt.a+tt.b, Options{}), "may duplicate")
			if (len(got) == 1) != tt.want || len(got) > 1 {
				t.Fatalf("got %q, want a warning: %v", got, tt.want)
			}
			if tt.want && !strings.HasPrefix(got[0], `content/entries/b.md:2:9: warning: entry "b" may duplicate "a" (content/entries/a.md): dates `) {
				t.Errorf("warning %q is not positioned at b's title or does not name a", got[0])
			}
		})
	}
}

// TestExampleSite runs the checks on the example site at the module root:
// it is curated, so every warning there would be a false alarm.
func TestExampleSite(t *testing.T) {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for !fileExists(filepath.Join(root, "go.mod")) {
		if root = filepath.Dir(root); root == "/" || root == "." {
			t.Fatal("go.mod not found")
		}
	}
	fsys := os.DirFS(root)
	cfg, errs := config.Load(fsys)
	s, e := content.Load(fsys)
	errs.Append(e)
	tl, e := model.Build(cfg, s, model.Options{})
	errs.Append(e)
	if len(errs.Errors()) > 0 {
		t.Skipf("the example site has errors (another test reports them):\n%v", errs.Errors())
	}
	if w := Warnings(tl, s, Options{}); len(w) > 0 {
		t.Errorf("warnings on the example site:\n%v", w)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
