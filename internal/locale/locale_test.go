package locale

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"dateline/internal/edtf"
)

// Counts that reach every CLDR plural form of the catalogues' languages
// (Arabic's zero to many, French's many at a million).
var counts = []int{0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 102, 111, 1000000}

// TestCatalogues checks, for each catalogue, that every message of the
// theme has a translation in the catalogue's own language, in every plural
// form its language has, and that the catalogue has no message the theme
// lacks.
func TestCatalogues(t *testing.T) {
	ids := IDs()
	if len(ids) < 100 {
		t.Fatalf("the English catalogue has %d messages", len(ids))
	}
	src, _ := builtin.ReadFile("messages/en.toml")
	enMsgs, _ := i18n.ParseMessageBytes(src, toml.Unmarshal)
	plural := map[string]bool{}
	for _, m := range enMsgs {
		plural[m.ID] = m.One != ""
	}
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			l, problems := New(lang, "", nil)
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			for _, id := range ids {
				cs := []any{nil}
				if plural[id] {
					cs = nil
					for _, n := range counts {
						cs = append(cs, n)
					}
				}
				for _, n := range cs {
					_, tag, err := l.loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": n}})
					if err != nil {
						t.Errorf("%s, count %d: %v", id, n, err)
						break
					}
					if tag != l.tag {
						t.Errorf("%s is not translated (falls back to %s)", id, tag)
						break
					}
				}
			}
			src, _ := builtin.ReadFile("messages/" + lang + ".toml")
			msgs, err := i18n.ParseMessageBytes(src, toml.Unmarshal)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if !containsID(ids, m.ID) {
					t.Errorf("message %q is not one of the theme's", m.ID)
				}
			}
		})
	}
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestLanguagesRequired(t *testing.T) {
	have := strings.Join(Languages(), " ")
	for _, want := range []string{"en", "ru", "uk", "ar", "fa", "he", "fr"} {
		if !strings.Contains(" "+have+" ", " "+want+" ") {
			t.Errorf("no built-in catalogue for %s (have %s)", want, have)
		}
	}
}

func TestPlurals(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 entry"},
		{"en", 2, "2 entries"},
		{"ru", 1, "1 запись"},
		{"ru", 3, "3 записи"},
		{"ru", 5, "5 записей"},
		{"ru", 21, "21 запись"},
		{"uk", 11, "11 записів"},
		{"ar", 2, "مدخلان"},
		{"ar", 3, "٣ مدخلات"},
		{"ar", 11, "١١ مدخلًا"},
		{"fa", 12, "۱۲ مدخل"},
		{"he", 2, "שתי רשומות"},
		{"fr", 0, "0 entrée"},
		{"fr", 2, "2 entrées"},
	}
	for _, tt := range tests {
		l, _ := New(tt.lang, "", nil)
		if got := l.Text("n_entries", tt.n); got != tt.want {
			t.Errorf("%s n_entries(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		lang, numerals, date, want string
	}{
		{"en", "", "2026-03-09/2026-03-10", "9–10 March 2026"},
		{"ru", "", "2026-03-09/2026-03-10", "9–10 марта 2026"},
		{"ru", "", "2026-03", "март 2026"},
		{"ru", "", "2026-03~", "ок. март 2026"},
		{"ru", "", "2025-06-21?", "21 июня 2025?"},
		{"ru", "", "2026-02-28/..", "с 28 февраля 2026"},
		{"ru", "", "-0043-03-15", "15 марта 44 до н. э."},
		{"uk", "", "2026-03-10", "10 березня 2026"},
		{"fr", "", "2025-06-21?", "21 juin 2025\u202f?"},
		{"fr", "", "2026-03-XX", "un jour de mars 2026"},
		{"ar", "", "2026-03-10", "١٠ مارس ٢٠٢٦"},
		{"ar", "latn", "2026-03-10", "10 مارس 2026"},
		{"ar", "", "2025-06-21?", "٢١ يونيو ٢٠٢٥؟"},
		{"ar", "", "2026-02-28/", "من ٢٨ فبراير ٢٠٢٦ (النهاية غير معروفة)"},
		{"fa", "", "2026-03~", "حدود مارس ۲۰۲۶"},
		{"fa", "native", "Y17000", "۱۷٬۰۰۰"},
		{"he", "", "2026-03-09/2026-03-10", "9–10 במרץ 2026"},
		{"he", "", "2026-01/2026-03", "ינואר–מרץ 2026"},
	}
	for _, tt := range tests {
		l, _ := New(tt.lang, tt.numerals, nil)
		d := edtf.MustParse(tt.date)
		if got := l.Date(d); got != tt.want {
			t.Errorf("%s/%s Date(%s) = %q, want %q", tt.lang, tt.numerals, tt.date, got, tt.want)
		}
		// The machine-readable form stays ISO whatever the language.
		if dt := d.Datetime(); dt != "" && !strings.Contains(string(l.When(d)), `datetime="`+dt+`"`) {
			t.Errorf("%s When(%s) = %s, want datetime %q", tt.lang, tt.date, l.When(d), dt)
		}
	}
}

func TestDirection(t *testing.T) {
	for lang, want := range map[string]string{"ar": "rtl", "fa": "rtl", "he": "rtl", "ar-EG": "rtl", "en": "", "ru": "", "fr": ""} {
		l, _ := New(lang, "", nil)
		if got := l.Dir(); got != want {
			t.Errorf("%s: Dir() = %q, want %q", lang, got, want)
		}
	}
}

func TestBdi(t *testing.T) {
	en, _ := New("en", "", nil)
	ar, _ := New("ar", "", nil)
	tests := []struct {
		l        *Locale
		in, want string
	}{
		{en, "Abbas Araghchi", "Abbas Araghchi"},
		{en, "عباس عراقچی", "<bdi>عباس عراقچی</bdi>"},
		{ar, "عباس عراقجي", "عباس عراقجي"},
		{ar, "Reuters", "<bdi>Reuters</bdi>"},
		{ar, "2026", "2026"},
		{en, "<b>", "&lt;b&gt;"},
	}
	for _, tt := range tests {
		if got := string(tt.l.Bdi(tt.in)); got != tt.want {
			t.Errorf("Bdi(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestT(t *testing.T) {
	ar, _ := New("ar", "", nil)
	h, err := ar.T("disagree_placed", "Date", ar.When(edtf.MustParse("2026-03-10")))
	if err != nil {
		t.Fatal(err)
	}
	if want := `يضع الخط الزمني هذا المدخل في <time datetime="2026-03-10">١٠ مارس ٢٠٢٦</time>.`; string(h) != want {
		t.Errorf("T = %s, want %s", h, want)
	}
	// Text arguments are escaped, HTML ones are not.
	en := English()
	h, _ = en.T("quoted", "Text", `<script>"x"`)
	if want := "“&lt;script&gt;&#34;x&#34;”"; string(h) != want {
		t.Errorf("T escapes %s, want %s", h, want)
	}
	if _, err := en.T("no_such_message"); err == nil {
		t.Error("T of an unknown message: no error")
	}
}

func TestOverride(t *testing.T) {
	site := fstest.MapFS{
		"i18n/ru.toml": {Data: []byte("timeline = \"Летопись\"\nn_entries = { one = \"{{.Count}} событие\", few = \"{{.Count}} события\", many = \"{{.Count}} событий\", other = \"{{.Count}} события\" }\n")},
	}
	l, problems := New("ru", "", site)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got := l.Text("timeline"); got != "Летопись" {
		t.Errorf("overridden timeline = %q", got)
	}
	if got := l.Text("n_entries", 5); got != "5 событий" {
		t.Errorf("overridden n_entries(5) = %q", got)
	}
	if got := l.Text("evidence"); got != "Свидетельства" {
		t.Errorf("a message the site leaves alone = %q", got)
	}

	// A language without a catalogue of its own, translated by the site.
	site = fstest.MapFS{"i18n/de.toml": {Data: []byte("timeline = \"Zeitleiste\"\n")}}
	l, problems = New("de", "", site)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got, other := l.Text("timeline"), l.Text("evidence"); got != "Zeitleiste" || other != "Evidence" {
		t.Errorf("de: timeline = %q, evidence = %q (want the site's, then English)", got, other)
	}
}

func TestOverrideProblems(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"timeline = \"x\"\ntimelime = \"y\"\n", `i18n/ru.toml:2:1: unknown message "timelime" (did you mean "timeline"?)`},
		{"timeline = \n", "i18n/ru.toml:1:"},
		{"timeline = \"\xff\"\n", "i18n/ru.toml:1:"},
	}
	for _, tt := range tests {
		_, problems := New("ru", "", fstest.MapFS{"i18n/ru.toml": {Data: []byte(tt.src)}})
		if len(problems) == 0 || !strings.HasPrefix(problems[0].Error(), tt.want) {
			t.Errorf("%q: problems %v, want one starting %q", tt.src, problems, tt.want)
		}
	}
	// No catalogue and no file: English, with a warning.
	l, problems := New("de", "", nil)
	if len(problems.Warnings()) != 1 || len(problems.Errors()) != 0 || l.Text("timeline") != "Timeline" {
		t.Errorf("de without a catalogue: %v, %q", problems, l.Text("timeline"))
	}
}

func mustDate(s string) edtf.Date { return edtf.MustParse(s) }
