// Package ingest turns a raw article, as pasted or saved from a web page or
// a wire feed, into a Dateline source: front matter that states only what
// the text itself states, and a body that is the article as archived, minus
// the page furniture around it.
//
// Ingest is a pure stage: bytes in, a *Result out. It detects
//
//   - header lines at the very top ("date 2026-03-10", "Source: Reuters",
//     "URL: https://…"); a date header may share its line with the text;
//   - a breadcrumb ("Home / Section / Title") and a headline (a short first
//     line without final punctuation), which become the title;
//   - a dateline at the start of the lead ("Moscow/Tehran, March 10 (IANS)",
//     "WASHINGTON (Reuters) -", "Moscow:"), which stays in the body;
//   - a wire credit in the dateline or in a sign-off line ("--IANS",
//     "(AFP)"), which names the outlet; a credit in running text ("Reuters
//     contributed to this report") does not;
//
// and removes, listing each removal with its line in the raw file:
//
//   - exact repeated runs of paragraphs (an article pasted twice);
//   - trailing site boilerplate: comment prompts in several languages,
//     "Tags:" blocks with their tag words, share buttons, copyright lines,
//     wire desk slugs ("scor/dan") and breadcrumbs.
//
// Paragraphs are kept as the raw text separates them: by blank lines when
// the text has any; otherwise every line that ends a sentence (outside an
// open quotation) ends a paragraph and other line breaks are hard wraps,
// kept inside the paragraph.
//
// What the text does not state stays out: the outlet is "unknown" without a
// credit, and a publication date is only taken from a header or a dateline
// that gives the year (a dateline "March 10" takes its year from a header
// that states one). When no date can be determined, Result.Published is
// empty and File reports it: `published` is required, and only the editor
// can supply an inferred date, qualified with "?".
package ingest

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"dateline/internal/content"
	"dateline/internal/edtf"
)

// Options override what Ingest detects. Empty fields are detected.
type Options struct {
	ID        string // the source id (file name without .md)
	Title     string
	Outlet    string
	Published string // a date in the EDTF profile; qualify inferred dates with "?"
	URL       string
	Language  string
}

// Removal is one piece of the raw text that is not part of the body.
type Removal struct {
	Line, EndLine int    // 1-based lines of the raw file (EndLine == Line for one line)
	What          string // "header", "breadcrumb", "headline", "comment prompt", ...
	Text          string // the removed text, shortened for display
}

func (r Removal) String() string {
	lines := strconv.Itoa(r.Line)
	if r.EndLine > r.Line {
		lines += "-" + strconv.Itoa(r.EndLine)
	}
	return fmt.Sprintf("%s: removed %s: %q", lines, r.What, r.Text)
}

// Finding is one fact detected in the text, with the raw line it came from
// (0 when it is not tied to a line, e.g. the id rule).
type Finding struct {
	Line  int
	Field string // "published", "outlet", "title", "id", ...
	Value string
	From  string // how it was found: "header", "dateline", "sign-off", ...
}

func (f Finding) String() string {
	loc := ""
	if f.Line > 0 {
		loc = strconv.Itoa(f.Line) + ": "
	}
	return fmt.Sprintf("%s%s = %q (%s)", loc, f.Field, f.Value, f.From)
}

// Result is an ingested article.
type Result struct {
	ID        string
	Title     string
	Outlet    string
	Published string // "" when neither the text nor the options state it
	URL       string
	Authors   []string
	Language  string
	RawSHA256 string
	Body      string // paragraphs separated by blank lines, ending in "\n"

	Removed  []Removal
	Findings []Finding
	// Notes explain what could not be determined or looked inconsistent.
	Notes []string
}

// ErrNoPublished is returned by File when the publication date is unknown.
var ErrNoPublished = errors.New("the text states no publication date (no date header, no dateline with a year): pass --published, qualified with \"?\" when inferred (e.g. 2025-06-23? or 2026-03-10?/..)")

// MaxRawBytes is the largest raw file Ingest reads: 16 MiB. A long news
// article is 20 KB and a report pasted whole a few MB; more is not an
// article.
const MaxRawBytes = 16 << 20

// NotTextError is returned for input that is not text in any encoding
// Ingest knows (a PDF, an image, a word-processor file). Line and Col
// (1-based, in characters) locate the first control character.
type NotTextError struct {
	Line, Col int
	Bad, Of   int  // control characters, of all characters
	First     rune // the first control character
}

func (e *NotTextError) Error() string {
	return fmt.Sprintf("%d:%d: this is not text (%d of %d characters are control codes or undecodable bytes, the first %U here): save the article as plain text and ingest that", e.Line, e.Col, e.Bad, e.Of, e.First)
}

// Ingest reads a raw article. It fails when an option is invalid, when raw
// is over MaxRawBytes, and with a *NotTextError when raw is not text.
func Ingest(raw []byte, opt Options) (*Result, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	if len(raw) > MaxRawBytes {
		return nil, fmt.Errorf("the file is %.1f MiB; the limit is %d MiB: that is not one article", float64(len(raw))/(1<<20), MaxRawBytes>>20)
	}
	sum := sha256.Sum256(raw)
	r := &Result{RawSHA256: hex.EncodeToString(sum[:])}
	text := decode(raw, r)
	if err := notText(text); err != nil {
		return nil, err
	}
	d := newDoc(text)
	d.top(r)
	d.trailing(r)
	paras := d.paragraphs()
	if d.repeats(paras, r) {
		d.trailing(r)
		paras = d.paragraphs()
	}
	r.Body = joinParagraphs(paras)
	slices.SortStableFunc(r.Removed, func(a, b Removal) int { return cmp.Compare(a.Line, b.Line) })
	r.detect(d, paras)
	r.apply(opt)
	return r, nil
}

func (o Options) validate() error {
	if o.ID != "" && !content.IsSlug(o.ID) {
		return fmt.Errorf("--id %q is not a valid id: use lower-case letters, digits and single hyphens (e.g. %q)", o.ID, content.Slugify(o.ID))
	}
	if o.Published != "" {
		if _, err := edtf.Parse(o.Published); err != nil {
			return fmt.Errorf("--published %q is not a date in the EDTF profile: %v", o.Published, err)
		}
	}
	if o.URL != "" && !isURL(o.URL) {
		return fmt.Errorf("--url %q must be an absolute http or https URL", o.URL)
	}
	return nil
}

// decode turns raw bytes into text: a byte-order mark is dropped, line ends
// become "\n", UTF-16 with a byte-order mark is converted, and text that is
// not UTF-8 is read as Windows-1252, the usual encoding of such files (its
// printable characters include all of Latin-1's). Each conversion is noted.
func decode(raw []byte, r *Result) string {
	s := string(raw)
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		if u, err := dec.String(s); err == nil {
			s = u
			r.Notes = append(r.Notes, "the file is UTF-16; it was converted to UTF-8")
		}
	}
	if !utf8.ValidString(s) {
		if dec, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
			s = dec
			r.Notes = append(r.Notes, "the file is not UTF-8; it was read as Windows-1252 and converted to UTF-8")
		} else {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
	}
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s
}

// maxControlShare is the share of control characters above which input is
// not text: articles carry none, or a stray form feed; a binary file read
// as Windows-1252 has about one in eight, and NUL bytes, which text never
// has.
const maxControlShare = 0.01

// notText returns a *NotTextError when text holds a NUL or more than
// maxControlShare control characters (tabs, line and page breaks apart).
func notText(text string) error {
	var e NotTextError
	nul := false
	line, col := 1, 0
	for _, c := range text {
		col++
		if c == '\n' {
			line, col = line+1, 0
		}
		e.Of++
		if !control(c) {
			continue
		}
		if e.Bad == 0 {
			e.Line, e.Col, e.First = line, col, c
		}
		e.Bad++
		nul = nul || c == 0
	}
	if e.Bad > 0 && (nul || float64(e.Bad) > maxControlShare*float64(e.Of)) {
		return &e
	}
	return nil
}

func control(c rune) bool {
	switch {
	case c == '\t' || c == '\n' || c == '\f' || c == '\v':
		return false
	}
	return c < 0x20 || c == 0x7F || 0x80 <= c && c <= 0x9F || c == utf8.RuneError
}

// detect fills in the fields the text states.
func (r *Result) detect(d *doc, paras []para) {
	h := d.header
	if h.title.value != "" && r.Title == "" {
		r.Title = h.title.value
		r.Findings = append(r.Findings, Finding{h.title.line, "title", r.Title, "header"})
	}
	if h.url.value != "" {
		r.URL = h.url.value
		r.Findings = append(r.Findings, Finding{h.url.line, "url", r.URL, "header"})
	}
	if h.language.value != "" {
		r.Language = h.language.value
		r.Findings = append(r.Findings, Finding{h.language.line, "language", r.Language, "header"})
	}
	if len(h.authors) > 0 {
		r.Authors = h.authors
		r.Findings = append(r.Findings, Finding{h.authorLine, "authors", strings.Join(h.authors, ", "), "header"})
	}

	var dl Dateline
	var lead string
	if len(paras) > 0 {
		lead = paras[0].text
		dl = ParseDateline(lead)
		if dl.Len > 0 {
			r.Findings = append(r.Findings, Finding{paras[0].first, "dateline", strings.TrimSpace(lead[:dl.Len]), "start of the lead; kept in the body"})
		}
	}

	// Outlet: a header, else a wire credit in the dateline or a sign-off.
	switch {
	case h.outlet.value != "":
		r.Outlet = h.outlet.value
		r.Findings = append(r.Findings, Finding{h.outlet.line, "outlet", r.Outlet, "header"})
	case dl.Credit != "":
		r.Outlet = dl.Credit
		r.Findings = append(r.Findings, Finding{paras[0].first, "outlet", r.Outlet, "wire credit in the dateline"})
	default:
		if n := len(paras); n > 1 {
			if c := signOff(paras[n-1].text); c != "" {
				r.Outlet = c
				r.Findings = append(r.Findings, Finding{paras[n-1].first, "outlet", c, "wire sign-off"})
			}
		}
	}

	r.published(h, dl, paras)

	// Title: a headline, else the header's, else the breadcrumb's last
	// segment; the id follows the same headline, else the lead sentence.
	headline := d.headline.value
	from, line := "headline", d.headline.line
	if headline == "" && h.title.value != "" {
		headline, from, line = h.title.value, "title header", h.title.line
	}
	if headline == "" && d.crumb.value != "" {
		headline, from, line = d.crumb.value, "last breadcrumb segment", d.crumb.line
	}
	if headline != "" {
		if r.Title == "" {
			r.Title = headline
			r.Findings = append(r.Findings, Finding{line, "title", headline, from})
		}
		r.ID = Slug(headline)
		r.Findings = append(r.Findings, Finding{0, "id", r.ID, "from the " + from})
	} else if lead != "" {
		sentence := FirstSentence(lead[dl.Len:])
		r.Title = draftTitle(sentence)
		r.ID = Slug(sentence)
		r.Findings = append(r.Findings, Finding{paras[0].first, "title", r.Title, "lead sentence: the text has no headline, edit the title"})
		r.Findings = append(r.Findings, Finding{0, "id", r.ID, "from the lead sentence"})
	}
	if r.ID == "" {
		r.ID = "source-" + r.RawSHA256[:12]
		r.Findings = append(r.Findings, Finding{0, "id", r.ID, "the text has no words to name it by; from raw_sha256"})
	}
	if r.Title == "" {
		r.Title = "Untitled source " + r.RawSHA256[:12]
		r.Notes = append(r.Notes, "the text has no headline or lead sentence; set --title")
	}
}

// published takes the publication date from a header, else from a dateline
// that gives the year. A header that gives only the year (or year and
// month) completes a dateline's month and day.
func (r *Result) published(h header, dl Dateline, paras []para) {
	dlLine := 0
	if len(paras) > 0 {
		dlLine = paras[0].first
	}
	hd := h.date
	switch {
	case hd.value != "" && hd.precision == edtf.Day:
		r.Published = hd.value
		r.Findings = append(r.Findings, Finding{hd.line, "published", hd.value, "header"})
		if dl.Month != 0 && dl.Day != 0 {
			if got := fmt.Sprintf("%02d-%02d", dl.Month, dl.Day); !strings.HasSuffix(hd.value, got) {
				r.Notes = append(r.Notes, fmt.Sprintf("the dateline says %s, the header %s; the header is used", dl.DateText, hd.value))
			}
		}
	case hd.value != "" && dl.Month != 0 && dl.Day != 0 && dl.Year == 0 && consistent(hd, dl):
		v := fmt.Sprintf("%04d-%02d-%02d", hd.year, dl.Month, dl.Day)
		if _, err := edtf.Parse(v); err == nil {
			r.Published = v
			r.Findings = append(r.Findings, Finding{dlLine, "published", v, "dateline day and month, header year"})
		}
	case dl.Year != 0:
		v := fmt.Sprintf("%04d-%02d-%02d", dl.Year, dl.Month, dl.Day)
		if _, err := edtf.Parse(v); err == nil {
			r.Published = v
			r.Findings = append(r.Findings, Finding{dlLine, "published", v, "dateline"})
		}
	}
	if r.Published == "" && hd.value != "" {
		r.Published = hd.value
		r.Findings = append(r.Findings, Finding{hd.line, "published", hd.value, "header"})
	}
	if r.Published == "" && dl.Month != 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("the dateline says %q but no year: the publication date is not stated", dl.DateText))
	}
}

// consistent reports whether a partial header date allows the dateline's
// month.
func consistent(hd headerDate, dl Dateline) bool {
	return hd.precision == edtf.Year || hd.month == dl.Month
}

// apply lets the options override what was detected.
func (r *Result) apply(o Options) {
	set := func(dst *string, v, field string) {
		if v == "" || v == *dst {
			return
		}
		*dst = v
		for i, f := range r.Findings {
			if f.Field == field {
				r.Findings[i] = Finding{0, field, v, fmt.Sprintf("option; the text gives %q", f.Value)}
				return
			}
		}
		r.Findings = append(r.Findings, Finding{0, field, v, "option"})
	}
	set(&r.ID, o.ID, "id")
	set(&r.Title, o.Title, "title")
	set(&r.Outlet, o.Outlet, "outlet")
	set(&r.Published, o.Published, "published")
	set(&r.URL, o.URL, "url")
	set(&r.Language, o.Language, "language")
	if r.Outlet == "" {
		r.Outlet = "unknown"
		r.Findings = append(r.Findings, Finding{0, "outlet", r.Outlet, "no wire credit or outlet header in the text"})
	}
}

// Path is the source's path inside a site.
func (r *Result) Path() string { return content.SourcesDir + "/" + r.ID + ".md" }

// File renders the source file. It fails with ErrNoPublished when the
// publication date is unknown.
func (r *Result) File() ([]byte, error) {
	if r.Published == "" {
		return nil, ErrNoPublished
	}
	var b strings.Builder
	b.WriteString("+++\n")
	kv := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s = %s\n", k, content.TOMLString(v))
		}
	}
	kv("title", r.Title)
	kv("outlet", r.Outlet)
	kv("published", r.Published)
	kv("url", r.URL)
	if len(r.Authors) > 0 {
		q := make([]string, len(r.Authors))
		for i, a := range r.Authors {
			q[i] = content.TOMLString(a)
		}
		fmt.Fprintf(&b, "authors = [%s]\n", strings.Join(q, ", "))
	}
	kv("language", r.Language)
	kv("raw_sha256", r.RawSHA256)
	b.WriteString("+++\n")
	b.WriteString(r.Body)
	return []byte(b.String()), nil
}

// Report lists what was found and removed, one item per line, each prefixed
// with name (the raw file's name) and the raw line where there is one:
// "raw.txt:1: removed breadcrumb: …".
func (r *Result) Report(name string) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, prefix(name, f.Line)+fmt.Sprintf("%s = %q (%s)", f.Field, f.Value, f.From))
	}
	for _, rm := range r.Removed {
		out = append(out, name+":"+rm.String())
	}
	for _, n := range r.Notes {
		out = append(out, name+": note: "+n)
	}
	return out
}

func prefix(name string, line int) string {
	if line > 0 {
		return name + ":" + strconv.Itoa(line) + ": "
	}
	return name + ": "
}
