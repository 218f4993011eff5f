package build_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
)

// languageSite is the mini-site in another interface language: its
// content stays English, so names and quotes are text of another language
// (and, in Arabic, of another direction) inside the page's sentences.
func languageSite(lang, extra string) map[string]string {
	files := maps.Clone(miniSite)
	files["site.toml"] = "title = \"Mini timeline\"\ndescription = \"A test site.\"\nbase_url = \"https://example.org/mini/\"\nlanguage = \"" + lang + "\"\n" + extra
	return files
}

// goldenLanguagePages are kept as golden files per language: the front
// page, an entry whose sources disagree on its date, and a source with its
// highlighted passages.
var goldenLanguagePages = []string{
	"index.html",
	"entries/2025-06-22-us-strikes/index.html",
	"sources/moscow-report/index.html",
}

func TestGoldenLanguages(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ar", "ru"} {
		s, err := build.Build(mapFS(languageSite(lang, "")), dateline.Theme(), build.Options{})
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		for _, page := range goldenLanguagePages {
			checkGolden(t, filepath.Join("testdata", "golden-"+lang, filepath.FromSlash(page)), s.Files[page])
		}
	}
}

// TestLanguagePages checks what the golden pages are kept for: the
// interface, the dates and the numbers are the site's language, the page
// runs right to left in Arabic, and quotes and archived text in English
// say so.
func TestLanguagePages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, numerals string
		page           string
		want, not      []string
	}{
		{"ar", "", "index.html",
			[]string{`<html lang="ar" dir="rtl">`, `الخط الزمني`, `<time datetime="2025-06-23">٢٣ يونيو ٢٠٢٥</time>`, `<bdi>Vladimir Putin</bdi>`},
			[]string{"Timeline<", ">Actors<", "23 June 2025"}},
		{"ar", "latn", "index.html",
			[]string{`<time datetime="2025-06-23">23 يونيو 2025</time>`},
			[]string{"٢٠٢٥"}},
		{"ar", "", "entries/2025-06-22-us-strikes/index.html",
			[]string{`<p lang="en" dir="ltr">`, `<p dir="auto">`, `تختلف المصادر في التاريخ`, `؟`},
			[]string{"Evidence"}},
		{"ar", "", "sources/moscow-report/index.html",
			[]string{`class="archived-text" lang="en" dir="ltr"`, `<h1 id="source-title" lang="en" dir="ltr">`},
			nil},
		{"ru", "", "index.html",
			[]string{`<html lang="ru">`, `Хроника`, `23 июня 2025`, `5 датированных записей из 3 архивных источников.`},
			[]string{`dir="rtl"`, `dir="auto"`, "<bdi>", "23 June 2025"}},
		{"ru", "", "timelinejs.json",
			[]string{`"language":"ru"`, `"display_date":"21–22 июня 2025?"`, `\u003eСвидетельства\u003c/a\u003e: 2 источника:`},
			[]string{"Evidence", " June "}},
		{"ru", "", "calendar.ics",
			[]string{`Дата: 21–22 июня 2025? (дата под вопросом)`, `Источники:`, `Свидетельства: https://example.org/mini/entries/2025-06-22-us-strikes/#evidence`},
			[]string{"Date:", "Sources:", "Evidence:", " June "}},
		{"ru", "", "timeline.json",
			[]string{`"display":"21–22 июня 2025?"`},
			[]string{" June "}},
		{"ar", "", "feed.json",
			[]string{`"language":"ar"`, `٢٣ يونيو ٢٠٢٥`, `المصادر:`},
			[]string{"Sources:", " June "}},
		{"ru", "", "entries/2025-06-22-us-strikes/index.html",
			[]string{`Источники расходятся в дате`, `<p lang="en" dir="ltr">`},
			nil},
	}
	built := map[string]map[string][]byte{}
	for _, tt := range tests {
		key := tt.lang + "/" + tt.numerals
		if built[key] == nil {
			extra := ""
			if tt.numerals != "" {
				extra = "numerals = \"" + tt.numerals + "\"\n"
			}
			s, err := build.Build(mapFS(languageSite(tt.lang, extra)), dateline.Theme(), build.Options{})
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			if len(s.Problems) > 0 {
				t.Errorf("%s: problems %v", key, s.Problems)
			}
			if problems := checkSite(s.Files, s.Config.BaseURL); len(problems) > 0 {
				t.Errorf("%s: site check:\n%s", key, strings.Join(problems, "\n"))
			}
			built[key] = s.Files
		}
		page := string(built[key][tt.page])
		if strings.HasSuffix(tt.page, ".ics") {
			// Unfolded: a calendar's lines are folded at 75 octets.
			page = strings.ReplaceAll(page, "\r\n ", "")
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s %s lacks %q", key, tt.page, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(page, w) {
				t.Errorf("%s %s has %q", key, tt.page, w)
			}
		}
	}
}

// A site overrides any message in i18n/LANG.toml, and a mistake in it is
// reported at its place.
func TestSiteMessages(t *testing.T) {
	t.Parallel()
	files := languageSite("ru", "")
	files["i18n/ru.toml"] = "timeline = \"Летопись\"\n"
	s, err := build.Build(mapFS(files), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(s.Files["index.html"]), `>Летопись</a>`) {
		t.Error("the site's message is not used")
	}
	files["i18n/ru.toml"] = "timeline = \"Летопись\"\nevidense = \"x\"\n"
	s, err = build.Build(mapFS(files), dateline.Theme(), build.Options{})
	if err == nil || len(s.Problems) != 1 || !strings.HasPrefix(s.Problems[0].Error(), `i18n/ru.toml:2:1: unknown message "evidense"`) {
		t.Errorf("a misspelt message: %v, problems %v", err, s.Problems)
	}
}

// The Russian example site (examples/ru) builds without a problem, in
// Russian, its quotes verified against its English sources.
func TestExampleRussianSite(t *testing.T) {
	t.Parallel()
	s, err := build.Build(os.DirFS(filepath.Join("..", "..", "examples", "ru")), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("building examples/ru: %v", err)
	}
	if len(s.Problems) > 0 {
		t.Errorf("examples/ru has problems:\n%v", s.Problems)
	}
	if problems := checkSite(s.Files, s.Config.BaseURL); len(problems) > 0 {
		t.Errorf("site check:\n%s", strings.Join(problems, "\n"))
	}
	if len(s.Timeline.Entries) < 5 {
		t.Errorf("%d entries", len(s.Timeline.Entries))
	}
	index := string(s.Files["index.html"])
	for _, w := range []string{`<html lang="ru">`, "Хроника", "Участники"} {
		if !strings.Contains(index, w) {
			t.Errorf("index.html lacks %q", w)
		}
	}
	// Every title on the front page is Russian: no Latin word in them.
	latin := regexp.MustCompile(`class="entry-title"[^>]*><a [^>]*>[^<]*[A-Za-z]{3,}`)
	if m := latin.FindString(index); m != "" {
		t.Errorf("an English title: %s", m)
	}
}

// The incremental builder (serve) renders every page again when the
// site's messages or its language change, as a full build would.
func TestIncrementalMessages(t *testing.T) {
	t.Parallel()
	site := mapFS(languageSite("ru", ""))
	theme := dateline.Theme()
	inc := build.NewIncremental(site, theme, build.Options{})
	steps := []struct {
		what  string
		edit  func()
		paths []string
		want  string
	}{
		{"first build", func() {}, nil, `>Хроника</a>`},
		{"a message of the site", func() { site["i18n/ru.toml"] = &fstest.MapFile{Data: []byte("timeline = \"Летопись\"\n")} }, []string{"i18n/ru.toml"}, `>Летопись</a>`},
		{"the message removed", func() { delete(site, "i18n/ru.toml") }, []string{"i18n/ru.toml"}, `>Хроника</a>`},
		{"another language", func() { site["site.toml"] = &fstest.MapFile{Data: []byte(languageSite("uk", "")["site.toml"])} }, []string{"site.toml"}, `>Хроніка</a>`},
	}
	for _, st := range steps {
		st.edit()
		res := inc.Update(st.paths...)
		if res.Err != nil {
			t.Fatalf("%s: %v", st.what, res.Err)
		}
		full, err := build.Build(site, theme, build.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := res.Files.Flat()
		for _, p := range []string{"index.html", "entries/2025-06-22-us-strikes/index.html", "actors/putin/index.html"} {
			if !bytes.Equal(got[p], full.Files[p]) {
				t.Errorf("%s: %s differs from the full build:\n%s", st.what, p, diffHint(full.Files[p], got[p]))
			}
			if !strings.Contains(string(got[p]), st.want) {
				t.Errorf("%s: %s lacks %q", st.what, p, st.want)
			}
		}
	}
}
