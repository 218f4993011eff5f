// Package locale is the language of a site's interface: the messages of
// the built-in theme (catalogues embedded in the binary, with CLDR plural
// rules through go-i18n), which a site may override message by message in
// i18n/LANG.toml, and the words, digits and direction dates and numbers
// are written with.
//
// Templates reach it through the functions of Funcs: {{t "id" N "Key"
// value...}}, {{num N}}, {{date D}}, {{when D}} and {{dir}}.
package locale

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"dateline/internal/diag"
	"dateline/internal/edtf"
)

//go:embed messages/*.toml
var builtin embed.FS

// Dir is the directory of a site's own messages: i18n/LANG.toml overrides
// the built-in catalogue of LANG one message at a time.
const Dir = "i18n"

// Numeral systems of site.toml's numerals key.
const (
	Latin  = "latn"   // 0-9 in every language
	Native = "native" // the language's own digits where it has them
)

// digits are the native digits of the languages that write numbers with
// their own; their readers expect them by default.
var digits = map[string]string{
	"ar": "٠١٢٣٤٥٦٧٨٩", // Arabic-Indic
	"fa": "۰۱۲۳۴۵۶۷۸۹", // Extended Arabic-Indic (Persian)
}

// rtl are the languages written right to left.
var rtl = []string{"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"}

// Locale is a site's interface language. It is immutable and safe for
// concurrent use.
type Locale struct {
	lang   string // as site.toml states it
	tag    language.Tag
	loc    *i18n.Localizer
	digits []rune // nil: ASCII digits
	words  edtf.Words
	rtl    bool
	// plain holds the messages asked for without arguments or with a
	// count only (plainKey -> string): a site's pages ask for the same
	// labels ("Actors", "12 entries") hundreds of thousands of times, and
	// go-i18n looks each up and executes its template anew. A site has
	// few distinct counts, so this stays small.
	plain sync.Map
}

// plainKey is a message without arguments or with a count only, as HTML
// or as text.
type plainKey struct {
	id     string
	html   bool
	counts bool // n is the message's count
	n      int
}

// Languages lists the languages with a built-in catalogue.
func Languages() []string {
	names, _ := fs.Glob(builtin, "messages/*.toml")
	var out []string
	for _, n := range names {
		out = append(out, strings.TrimSuffix(path.Base(n), ".toml"))
	}
	return out
}

// English is the built-in English locale, for callers with no site.
func English() *Locale {
	l, _ := New("en", "", nil)
	return l
}

// New makes the locale of a site whose language is lang and numerals is
// numerals ("", Latin or Native), with the site's own messages from
// i18n/ in site (nil for none). A language with no built-in catalogue
// and no file of the site's is shown in English, with a warning.
func New(lang, numerals string, site fs.FS) (*Locale, diag.List) {
	var problems diag.List
	if lang == "" {
		lang = "en"
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	base, _ := tag.Base()
	l := &Locale{lang: lang, tag: language.Make(base.String()), rtl: slices.Contains(rtl, base.String())}
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mustLoad(b, language.English, "en")
	own := l.tag != language.English && mustLoad(b, l.tag, base.String())
	if !own && l.tag != language.English {
		// go-i18n falls back per language, not per message: a site's
		// translation into a language without a catalogue starts from
		// the English one.
		mustLoad(b, l.tag, "en")
	}
	if site != nil {
		for _, name := range []string{lang, base.String()} {
			p := path.Join(Dir, name+".toml")
			src, err := fs.ReadFile(site, p)
			if err != nil {
				continue
			}
			problems.Append(override(b, l.tag, p, src))
			own = true
			break
		}
	}
	if !own && l.tag != language.English {
		problems.Warn(diag.Pos{Path: "site.toml", Line: 1, Col: 1}, "language %q has no built-in catalogue (there are %s): the interface is in English; translate it in %s/%s.toml", lang, strings.Join(Languages(), ", "), Dir, base)
		l.tag = language.English
	}
	l.loc = i18n.NewLocalizer(b, l.tag.String(), "en")
	if d, ok := digits[base.String()]; ok && numerals != Latin {
		l.digits = []rune(d)
	}
	l.words = l.dateWords()
	return l, problems
}

// mustLoad adds the built-in catalogue of name to b under tag, reporting
// whether there is one. The catalogues are part of the binary, and their
// tests parse them.
func mustLoad(b *i18n.Bundle, tag language.Tag, name string) bool {
	src, err := builtin.ReadFile("messages/" + name + ".toml")
	if err != nil {
		return false
	}
	msgs, err := i18n.ParseMessageBytes(src, toml.Unmarshal)
	if err != nil {
		panic(fmt.Sprintf("locale: built-in catalogue %s: %v", name, err))
	}
	b.MustAddMessages(tag, msgs...)
	return true
}

// override adds a site's messages, which must be messages of the
// built-in catalogue: an unknown id is a typo that would silently change
// nothing.
func override(b *i18n.Bundle, tag language.Tag, p string, src []byte) diag.List {
	var problems diag.List
	if !diag.CheckUTF8(&problems, p, src) || !diag.CheckTOML(&problems, p, string(src), 1, 1000) {
		return problems
	}
	msgs, err := i18n.ParseMessageBytes(src, toml.Unmarshal)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			problems.Add(diag.TOMLSyntaxPos(p, string(src), 1, perr), "invalid TOML: %s", perr.Message)
		} else {
			problems.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "%v", err)
		}
		return problems
	}
	known := IDs()
	var ok []*i18n.Message
	for _, m := range msgs {
		if !slices.Contains(known, m.ID) {
			line, col := keyPos(src, m.ID)
			msg := fmt.Sprintf("unknown message %q: a site overrides the messages of the built-in catalogue (internal/locale/messages/en.toml)", m.ID)
			if s := diag.Suggest(m.ID, known); s != "" {
				msg = fmt.Sprintf("unknown message %q (did you mean %q?)", m.ID, s)
			}
			problems.Add(diag.Pos{Path: p, Line: line, Col: col}, "%s", msg)
			continue
		}
		ok = append(ok, m)
	}
	if err := b.AddMessages(tag, ok...); err != nil {
		problems.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "%v", err)
	}
	return problems
}

// keyPos is where the key id is first written in a TOML file.
func keyPos(src []byte, id string) (int, int) {
	for i, line := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimLeft(line, " \t[")
		if bytes.HasPrefix(t, []byte(id)) || bytes.HasPrefix(t, []byte(`"`+id+`"`)) {
			return i + 1, len(line) - len(t) + 1
		}
	}
	return 1, 1
}

// IDs lists the messages of the theme: those of the English catalogue.
func IDs() []string {
	src, _ := builtin.ReadFile("messages/en.toml")
	msgs, _ := i18n.ParseMessageBytes(src, toml.Unmarshal)
	ids := make([]string, 0, len(msgs))
	for _, m := range msgs {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	return ids
}

// Lang is the site's language as site.toml states it, for lang attributes.
func (l *Locale) Lang() string { return l.lang }

// Tag is the language whose messages and plural rules are used.
func (l *Locale) Tag() language.Tag { return l.tag }

// Dir is "rtl" for a language written right to left, else "" (HTML's
// default, ltr), so that pages in other languages carry no attribute.
func (l *Locale) Dir() string {
	if l.rtl {
		return "rtl"
	}
	return ""
}

// Funcs are the template functions of the locale.
func (l *Locale) Funcs() template.FuncMap {
	return template.FuncMap{"t": l.T, "plurals": l.Plurals, "digits": l.Digits, "num": l.Num, "date": l.Date, "when": l.When, "dir": l.Dir, "bdi": l.Bdi, "langdir": LangDir, "word": l.Word, "daywords": l.DayWords}
}

// T is the message id as HTML. Its optional first argument is a count,
// which picks the plural form and is the message's {{.Count}}; the rest
// are pairs of a name and a value, the message's {{.Name}}. Numbers are
// written in the locale's digits, strings are escaped and template.HTML
// (a date from when) is kept as it is.
func (l *Locale) T(id string, args ...any) (template.HTML, error) {
	s, err := l.message(id, args, true)
	return template.HTML(s), err
}

// Word is a word of the content's vocabulary (a record's kind: "person",
// "city") in the language: the message prefix_word when the catalogue has
// one, else the word as the content writes it.
func (l *Locale) Word(prefix, word string) string {
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: prefix + "_" + word})
	if err != nil {
		return word
	}
	return s
}

// HTML is T for callers outside templates: a missing message shows its id,
// as Text does.
func (l *Locale) HTML(id string, args ...any) template.HTML {
	h, err := l.T(id, args...)
	if err != nil {
		return template.HTML(template.HTMLEscapeString(id))
	}
	return h
}

// Of is the locale of a language with the built-in catalogues only, for
// callers with no site at hand; its problems (a language without a
// catalogue, shown in English) are the build's to report.
func Of(lang, numerals string) *Locale {
	l, _ := New(lang, numerals, nil)
	return l
}

// Text is the message id as plain text, for descriptions and exports.
func (l *Locale) Text(id string, args ...any) string {
	s, err := l.message(id, args, false)
	if err != nil {
		return id
	}
	return s
}

// The HTML arguments of T take the place of these marks after escaping.
const markOpen, markClose = "\ue000", "\ue001"

func (l *Locale) message(id string, args []any, html bool) (string, error) {
	k, cached := plainKey{id: id, html: html}, len(args) == 0
	if len(args) == 1 {
		k.n, k.counts = args[0].(int)
		cached = k.counts
	}
	if cached {
		if s, ok := l.plain.Load(k); ok {
			return s.(string), nil
		}
		s, err := l.localize(id, args, html)
		if err == nil {
			l.plain.Store(k, s)
		}
		return s, err
	}
	return l.localize(id, args, html)
}

// localize is message, without the cache of plain messages.
func (l *Locale) localize(id string, args []any, html bool) (string, error) {
	data := map[string]any{}
	var count any
	if len(args)%2 == 1 {
		count = args[0]
		data["Count"] = l.value(count)
		args = args[1:]
	}
	var kept []string
	for i := 0; i+1 < len(args); i += 2 {
		k, ok := args[i].(string)
		if !ok {
			return "", fmt.Errorf("t %q: argument %d names no value (%v)", id, i+2, args[i])
		}
		v := args[i+1]
		if h, ok := v.(template.HTML); ok && html {
			data[k] = markOpen + strconv.Itoa(len(kept)) + markClose
			kept = append(kept, string(h))
			continue
		}
		if h, ok := v.(template.HTML); ok {
			v = string(h)
		}
		data[k] = l.value(v)
	}
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		return "", fmt.Errorf("message %q: %w", id, err)
	}
	if !html {
		return s, nil
	}
	s = template.HTMLEscapeString(s)
	for i, h := range kept {
		s = strings.Replace(s, markOpen+strconv.Itoa(i)+markClose, h, 1)
	}
	return s, nil
}

// value is an argument of a message as the message shows it.
func (l *Locale) value(v any) any {
	switch n := v.(type) {
	case int:
		return l.Num(n)
	case string:
		return n
	}
	return l.Digits(fmt.Sprint(v))
}

// Num writes n in the locale's digits.
func (l *Locale) Num(n int) string { return l.Digits(strconv.Itoa(n)) }

// Digits replaces the ASCII digits of s by the locale's.
func (l *Locale) Digits(s string) string {
	if l.digits == nil {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return l.digits[r-'0']
		}
		return r
	}, s)
}

// Date is the honest display of d in the language.
func (l *Locale) Date(d edtf.Date) string { return l.Digits(d.DisplayIn(&l.words)) }

// Year is a year as a heading ("2026", "300 BC").
func (l *Locale) Year(y int) string { return l.Digits(edtf.YearIn(&l.words, y)) }

// Month is a month of a year as a heading ("March 2026").
func (l *Locale) Month(m, y int) string { return l.Digits(edtf.MonthIn(&l.words, m, y)) }

// When is d as a <time> element for sentences of messages, with the
// machine-readable ISO form in its datetime attribute.
func (l *Locale) When(d edtf.Date) template.HTML {
	text := template.HTMLEscapeString(l.Date(d))
	if dt := d.Datetime(); dt != "" {
		return template.HTML(`<time datetime="` + template.HTMLEscapeString(dt) + `">` + text + `</time>`)
	}
	return template.HTML(text)
}

// dateWords reads the words of dates from the messages.
func (l *Locale) dateWords() edtf.Words {
	w := edtf.Words{
		Order:             l.Text("date_order"),
		Approximate:       l.Text("date_approximate"),
		Uncertain:         l.Text("date_uncertain"),
		Since:             l.Text("date_since"),
		FromUnknownEnd:    l.Text("date_from_end_unknown"),
		Until:             l.Text("date_until"),
		UntilUnknownStart: l.Text("date_until_start_unknown"),
		Decade:            l.Text("date_decade"),
		Years:             l.Text("date_years"),
		DayIn:             l.Text("date_day_in"),
		MonthIn:           l.Text("date_month_in"),
		BC:                l.Text("date_bc"),
		Thousands:         l.Text("date_thousands"),
	}
	for i := range 12 {
		w.Months[i] = l.Text(fmt.Sprintf("month_%d", i+1))
		w.MonthsOfDay[i] = l.Text(fmt.Sprintf("month_of_day_%d", i+1))
	}
	return w
}

// DayWords is what a script needs to write a day as Date writes it (see
// edtf's Point.words): the order of the parts and the months' names in a
// day, as JSON. The digits are the template's digits func.
func (l *Locale) DayWords() string {
	b, _ := json.Marshal(struct {
		Order  string     `json:"order"`
		Months [12]string `json:"months"`
	}{l.words.Order, l.words.MonthsOfDay})
	return string(b)
}

// Bdi isolates s in <bdi> when it is written, even in part, in the other
// direction than the page's: a Persian name in an English sentence, an
// English title in an Arabic one. Text in the page's own direction is
// left as it is.
func (l *Locale) Bdi(s string) template.HTML {
	h := template.HTML(template.HTMLEscapeString(s))
	for _, r := range s {
		if k := dirOfRune(r); k != 0 && (k == 'R') != l.rtl {
			return "<bdi>" + h + "</bdi>"
		}
	}
	return h
}

// dirOfRune is 'R' for a letter of a right-to-left script, 'L' for any
// other letter, 0 for the rest (digits, punctuation, spaces).
func dirOfRune(r rune) byte {
	switch {
	case !unicode.IsLetter(r):
		return 0
	case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
		return 'R'
	}
	return 'L'
}

// SameLanguage reports whether two language tags name one language
// ("en" and "en-GB"), whose text needs no lang of its own in the other's
// page.
func SameLanguage(a, b string) bool {
	ba, _ := language.Make(a).Base()
	bb, _ := language.Make(b).Base()
	return ba == bb
}

// LangDir is the direction of a language's script: "rtl" or "ltr", for
// text of another language than the page's.
func LangDir(lang string) string {
	base, _ := language.Make(lang).Base()
	if slices.Contains(rtl, base.String()) {
		return "rtl"
	}
	return "ltr"
}
