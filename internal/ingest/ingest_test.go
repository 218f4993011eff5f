package ingest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"dateline/internal/content"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		lead             string
		dateline         string // the text the dateline takes, trimmed; "" for none
		places           []string
		month, day, year int
		credit           string
	}{
		{"Moscow/Tehran, March 10 (IANS) Russian President Vladimir Putin on Tuesday", "Moscow/Tehran, March 10 (IANS)", []string{"Moscow", "Tehran"}, 3, 10, 0, "IANS"},
		{"WASHINGTON (Reuters) - The United States said", "WASHINGTON (Reuters) -", []string{"WASHINGTON"}, 0, 0, 0, "Reuters"},
		{"LONDON, June 22 (AP) — Britain said", "LONDON, June 22 (AP) —", []string{"LONDON"}, 6, 22, 0, "AP"},
		{"TEHRAN, Iran (AP) — Iran said", "TEHRAN, Iran (AP) —", []string{"TEHRAN"}, 0, 0, 0, "AP"},
		{"Moscow: Russian President Vladimir Putin on Monday assured", "Moscow:", []string{"Moscow"}, 0, 0, 0, ""},
		{"MOSCOW — Russia said on Monday", "MOSCOW —", []string{"MOSCOW"}, 0, 0, 0, ""},
		{"New Delhi, 10 March 2026: India said", "New Delhi, 10 March 2026:", []string{"New Delhi"}, 3, 10, 2026, ""},
		{"Berlin, Tuesday, March 10, 2026 -- Germany said", "Berlin, Tuesday, March 10, 2026 --", []string{"Berlin"}, 3, 10, 2026, ""},
		{"St. Petersburg (dpa) Putin told a forum", "St. Petersburg (dpa)", []string{"St. Petersburg"}, 0, 0, 0, "dpa"},
		// Not datelines.
		{"Russian President Vladimir Putin on Monday assured Tehran", "", nil, 0, 0, 0, ""},
		{"Analysis: Why Russia stays out of the war", "", nil, 0, 0, 0, ""},
		{"Meanwhile, President Pezeshkian expressed gratitude", "", nil, 0, 0, 0, ""},
		{"On March 9, Putin also held a phone call", "", nil, 0, 0, 0, ""},
		{"Moscow, March 10 Putin said", "", nil, 0, 0, 0, ""},
		{"Moscow said on Monday it would help", "", nil, 0, 0, 0, ""},
		{"Reuters contributed to this report.", "", nil, 0, 0, 0, ""},
		{"Moscow:", "", nil, 0, 0, 0, ""},
	}
	for _, tt := range tests {
		dl := ParseDateline(tt.lead)
		got := strings.TrimSpace(tt.lead[:dl.Len])
		if got != tt.dateline || !slices.Equal(dl.Places, tt.places) || dl.Month != tt.month || dl.Day != tt.day || dl.Year != tt.year || dl.Credit != tt.credit {
			t.Errorf("ParseDateline(%q) = %q %q %d-%d-%d credit %q; want %q %q %d-%d-%d credit %q",
				tt.lead, got, dl.Places, dl.Year, dl.Month, dl.Day, dl.Credit,
				tt.dateline, tt.places, tt.year, tt.month, tt.day, tt.credit)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Putin Reaffirms Russia’s Position on the Iran Conflict", "putin-reaffirms-russias-position-iran-conflict"},
		{"Russian President Vladimir Putin told Iran’s foreign minister", "russian-president-vladimir-putin-told-irans"},
		{"Russia stressed its position calling for the resolution of crises in the region", "russia-stressed-position-calling-resolution-crises"},
		{"U.S. strikes Iran's nuclear sites", "us-strikes-irans-nuclear-sites"},
		{"Israel-Iran war: the first 12 days", "israel-iran-war-first-12-days"},
		{"Pezeshkián’s «call» with Putin — again!", "pezeshkians-call-putin-again"},
		{"The an a of to", ""},
		{"إرسال تعليق", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Putin met Mr. Araghchi. U.S. officials said so.", []string{"Putin met Mr. Araghchi.", "U.S. officials said so."}},
		{"“It all depends. We offered mediation,” he said. Then he left.", []string{"“It all depends.", "We offered mediation,” he said.", "Then he left."}},
		{"He said: “It is over.” Iran agreed.", []string{"He said: “It is over.”", "Iran agreed."}},
		{"A wrapped\nline. Next one.\n\nNew paragraph", []string{"A wrapped\nline.", "Next one.", "New paragraph"}},
		{"Talks on Jan. 5 ended. Nothing else… Really?", []string{"Talks on Jan. 5 ended.", "Nothing else…", "Really?"}},
		{"no capital after. so one sentence", []string{"no capital after. so one sentence"}},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range Sentences(tt.text) {
			got = append(got, tt.text[sp.Start:sp.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q) =\n%q\nwant\n%q", tt.text, got, tt.want)
		}
	}
}

func TestQuoteDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"“It all depends on what Iran needs. We have offered our mediation efforts.", 1},
		{"the regime will retaliate and “all options“ are being considered.", 0}, // a typo'd closing mark
		{`not from the angle of "internal political affairs . "`, 0},
		{`He said "yes" and "no".`, 0},
		{`„Das ist gut“, sagte er.`, 0},
		{"«Nous verrons», a-t-il dit.", 0},
	}
	for _, tt := range tests {
		if got := quoteDepth(tt.line, 0); got != tt.want {
			t.Errorf("quoteDepth(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

// ingested is what TestIngest compares.
type ingested struct {
	id, title, outlet, published, url, body string
	removed                                 []string // Removal.What, in line order
}

func TestIngest(t *testing.T) {
	const lead = "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said."
	tests := []struct {
		name string
		raw  string
		opt  Options
		want ingested
	}{
		{
			name: "header date shares its line with a dateline and a wire credit",
			raw:  " date 2026-03-10 Moscow/Tehran, March 10 (IANS) " + lead + "\n\nSecond paragraph.\n\n--IANS\n\nscor/dan",
			want: ingested{
				id: "russian-president-vladimir-putin-tuesday-reaffirmed", outlet: "IANS", published: "2026-03-10",
				title:   "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said",
				body:    "Moscow/Tehran, March 10 (IANS) " + lead + "\n\nSecond paragraph.\n\n--IANS\n",
				removed: []string{"header", "wire desk slug"},
			},
		},
		{
			name: "sign-off credit names the outlet",
			raw:  lead + "\n\nMore text here.\n\n-- AFP\n",
			opt:  Options{Published: "2026-03-10?"},
			want: ingested{
				id: "russian-president-vladimir-putin-tuesday-reaffirmed", outlet: "AFP", published: "2026-03-10?",
				title: "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said",
				body:  lead + "\n\nMore text here.\n\n-- AFP\n",
			},
		},
		{
			name: "a credit in running text names no outlet",
			raw:  lead + "\nHe spoke according to a Reuters transcript.\nReuters contributed to this report.\n",
			opt:  Options{Published: "2026"},
			want: ingested{
				id: "russian-president-vladimir-putin-tuesday-reaffirmed", outlet: "unknown", published: "2026",
				title: "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said",
				body:  lead + "\n\nHe spoke according to a Reuters transcript.\n\nReuters contributed to this report.\n",
			},
		},
		{
			name: "breadcrumb and headline",
			raw:  "Home / Spotlight / Putin Reaffirms Russia’s Position on the Iran Conflict\n\nPutin Reaffirms Russia’s Position on the Iran Conflict\n\n" + lead + "\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *",
			opt:  Options{Published: "2026-03-10?/.."},
			want: ingested{
				id: "putin-reaffirms-russias-position-iran-conflict", outlet: "unknown", published: "2026-03-10?/..",
				title:   "Putin Reaffirms Russia’s Position on the Iran Conflict",
				body:    lead + "\n",
				removed: []string{"breadcrumb", "headline (it is the title)", "comment prompt", "comment prompt"},
			},
		},
		{
			name: "breadcrumb alone gives the title",
			raw:  "Home › World › Kremlin backs talks on Iran\n" + lead + "\n",
			opt:  Options{Published: "2026"},
			want: ingested{
				id: "kremlin-backs-talks-iran", outlet: "unknown", published: "2026", title: "Kremlin backs talks on Iran",
				body: lead + "\n", removed: []string{"breadcrumb"},
			},
		},
		{
			name: "a wrapped first line is not a headline",
			raw:  "Putin met Iranian Foreign Minister Abbas Araghchi, who came to Moscow for\nconsultations with the Russian leadership.\nHe left.",
			opt:  Options{Published: "2025"},
			want: ingested{
				id: "putin-met-iranian-foreign-minister-abbas", outlet: "unknown", published: "2025",
				title: "Putin met Iranian Foreign Minister Abbas Araghchi, who came to Moscow for consultations…",
				body:  "Putin met Iranian Foreign Minister Abbas Araghchi, who came to Moscow for\nconsultations with the Russian leadership.\n\nHe left.\n",
			},
		},
		{
			name: "an open quotation continues the paragraph",
			raw:  "Peskov spoke.\n“It all depends on what Iran needs. We have offered mediation.\nThis is concrete,” Peskov said.\n“Next quote.”\nEnd.",
			opt:  Options{Published: "2025"},
			want: ingested{
				id: "peskov-spoke", outlet: "unknown", published: "2025", title: "Peskov spoke",
				body: "Peskov spoke.\n\n“It all depends on what Iran needs. We have offered mediation.\nThis is concrete,” Peskov said.\n\n“Next quote.”\n\nEnd.\n",
			},
		},
		{
			name: "repeated run of paragraphs and an Arabic comment prompt",
			raw:  "Lead paragraph about the talks.\nSecond paragraph about the meeting.\nThird paragraph about the strikes.\nSecond paragraph about the meeting.\nThird paragraph about the strikes.\nإرسال تعليق",
			opt:  Options{Published: "2025"},
			want: ingested{
				id: "lead-paragraph-about-talks", outlet: "unknown", published: "2025", title: "Lead paragraph about the talks",
				body:    "Lead paragraph about the talks.\n\nSecond paragraph about the meeting.\n\nThird paragraph about the strikes.\n",
				removed: []string{"repeated paragraphs", "comment prompt"},
			},
		},
		{
			name: "short repeated separators stay",
			raw:  "First part of the story.\n\n***\n\n***\n\nLast part.",
			opt:  Options{Published: "2025"},
			want: ingested{
				id: "first-part-story", outlet: "unknown", published: "2025", title: "First part of the story",
				body: "First part of the story.\n\n***\n\n***\n\nLast part.\n",
			},
		},
		{
			name: "tags block and boilerplate in German, French and Russian",
			raw:  lead + "\nKommentar schreiben\nLaisser un commentaire\nОставить комментарий\nTags:\neurope\nIran, Russia",
			opt:  Options{Published: "2025"},
			want: ingested{
				id: "russian-president-vladimir-putin-tuesday-reaffirmed", outlet: "unknown", published: "2025",
				title: "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said",
				body:  lead + "\n", removed: []string{"comment prompt", "comment prompt", "comment prompt", "tags"},
			},
		},
		{
			name: "inline tags, share links and copyright",
			raw:  lead + "\n\nTags: Iran, Russia, diplomacy\nShare this:\nFacebook\n© 2026 Example News. All rights reserved.",
			opt:  Options{Published: "2025"},
			want: ingested{
				id: "russian-president-vladimir-putin-tuesday-reaffirmed", outlet: "unknown", published: "2025",
				title: "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said",
				body:  lead + "\n", removed: []string{"tags", "share/navigation link", "share/navigation link", "copyright line"},
			},
		},
		{
			name: "header lines on their own",
			raw:  "Title: Kremlin backs talks\nSource: Example News\nURL: https://example.org/a\nPublished: March 10, 2026\nLanguage: en\n\n" + lead,
			want: ingested{
				id: "kremlin-backs-talks", outlet: "Example News", published: "2026-03-10", url: "https://example.org/a",
				title: "Kremlin backs talks", body: lead + "\n",
				removed: []string{"header", "header", "header", "header", "header"},
			},
		},
		{
			name: "header year completes a dateline's day and month",
			raw:  "date 2026\nMoscow, March 10 (IANS) " + lead,
			want: ingested{
				id: "russian-president-vladimir-putin-tuesday-reaffirmed", outlet: "IANS", published: "2026-03-10",
				title: "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said",
				body:  "Moscow, March 10 (IANS) " + lead + "\n", removed: []string{"header"},
			},
		},
		{
			name: "a dateline with a year dates the article",
			raw:  "Berlin, March 10, 2026 -- " + lead,
			want: ingested{
				id: "russian-president-vladimir-putin-tuesday-reaffirmed", outlet: "unknown", published: "2026-03-10",
				title: "Russian President Vladimir Putin on Tuesday reaffirmed his position, the Kremlin said",
				body:  "Berlin, March 10, 2026 -- " + lead + "\n",
			},
		},
		{
			name: "options override detection",
			raw:  "WASHINGTON (Reuters) - " + lead,
			opt:  Options{ID: "my-id", Title: "My title", Outlet: "Example", Published: "2026-03-10?", URL: "https://example.org/", Language: "en"},
			want: ingested{
				id: "my-id", outlet: "Example", published: "2026-03-10?", title: "My title", url: "https://example.org/",
				body: "WASHINGTON (Reuters) - " + lead + "\n",
			},
		},
		{
			name: "Windows line ends and a byte-order mark",
			raw:  "\ufeffFirst paragraph here.\r\n\r\nSecond one.\r\n",
			opt:  Options{Published: "2025"},
			want: ingested{
				id: "first-paragraph-here", outlet: "unknown", published: "2025", title: "First paragraph here",
				body: "First paragraph here.\n\nSecond one.\n",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Ingest([]byte(tt.raw), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var removed []string
			for _, rm := range r.Removed {
				removed = append(removed, rm.What)
			}
			got := ingested{r.ID, r.Title, r.Outlet, r.Published, r.URL, r.Body, removed}
			if got.id != tt.want.id || got.title != tt.want.title || got.outlet != tt.want.outlet ||
				got.published != tt.want.published || got.url != tt.want.url || got.body != tt.want.body ||
				!slices.Equal(got.removed, tt.want.removed) {
				t.Errorf("got\n%#v\nwant\n%#v\nreport:\n%s", got, tt.want, strings.Join(r.Report("raw"), "\n"))
			}
		})
	}
}

func TestPublishedUndetermined(t *testing.T) {
	r, err := Ingest([]byte("Moscow, March 10 (IANS) Putin spoke on Tuesday.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Published != "" {
		t.Fatalf("Published = %q; a dateline without a year must not date the article", r.Published)
	}
	if _, err := r.File(); !errors.Is(err, ErrNoPublished) {
		t.Fatalf("File() error = %v, want ErrNoPublished", err)
	}
	if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, "March 10") }) {
		t.Errorf("notes %q do not mention the dateline's date", r.Notes)
	}
}

func TestHeaderConflictNoted(t *testing.T) {
	r, err := Ingest([]byte("date 2026-03-11\nMoscow, March 10 (IANS) Putin spoke.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Published != "2026-03-11" || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "March 10") {
		t.Errorf("Published %q, notes %q; want the header date and a note about the dateline", r.Published, r.Notes)
	}
}

func TestInvalidOptions(t *testing.T) {
	for _, opt := range []Options{
		{ID: "Not A Slug"},
		{Published: "2026-13-01"},
		{Published: "March 10"},
		{URL: "ftp://example.org"},
		{URL: "https://exa mple.org"},
	} {
		if _, err := Ingest([]byte("Text."), opt); err == nil {
			t.Errorf("Ingest with %+v: no error", opt)
		}
	}
}

func TestFileParses(t *testing.T) {
	raw := "Title: A \"quoted\" title with a back\\slash\nAuthor: Jane Doe and John Roe\nDate: 2026-03-10\n\nBody text.\n"
	r, err := Ingest([]byte(raw), Options{Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	file, err := r.File()
	if err != nil {
		t.Fatal(err)
	}
	s, errs := content.ParseSource(r.Path(), file)
	if len(errs) > 0 {
		t.Fatalf("ParseSource: %v\n%s", errs, file)
	}
	var authors []string
	for _, a := range s.Authors {
		authors = append(authors, a.Text)
	}
	if s.ID != r.ID || s.Title.Text != `A "quoted" title with a back\slash` || s.Published.Text != "2026-03-10" ||
		s.Outlet.Text != "unknown" || s.Language.Text != "en" || s.RawSHA256.Text != r.RawSHA256 ||
		!slices.Equal(authors, []string{"Jane Doe", "John Roe"}) || s.Body != "Body text.\n" {
		t.Errorf("round trip lost something:\n%s", file)
	}
}

func TestNotUTF8(t *testing.T) {
	raw := []byte("Caf\xe9 talks \x93ended\x94 today.\n") // Windows-1252
	r, err := Ingest(raw, Options{Published: "2026"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Body != "Café talks “ended” today.\n" || len(r.Notes) == 0 {
		t.Errorf("Body = %q, notes %q", r.Body, r.Notes)
	}
}

func TestEncodings(t *testing.T) {
	const article = "Talks in Tehran\n\nMoscow, March 10, 2026 (IANS) Café talks “ended” today.\n"
	utf16 := func(order binary.AppendByteOrder, bom uint16) []byte {
		b := order.AppendUint16(nil, bom)
		for _, u := range utf16.Encode([]rune(article)) {
			b = order.AppendUint16(b, u)
		}
		return b
	}
	for _, c := range []struct {
		name string
		raw  []byte
		note string // "" for none
	}{
		{"utf-8", []byte(article), ""},
		{"utf-8 with bom", []byte("\ufeff" + article), ""},
		{"windows-1252", []byte("Talks in Tehran\n\nMoscow, March 10, 2026 (IANS) Caf\xe9 talks \x93ended\x94 today.\n"), "the file is not UTF-8; it was read as Windows-1252 and converted to UTF-8"},
		{"latin-1", []byte("Talks in Tehran\n\nMoscow, March 10, 2026 (IANS) Caf\xe9 talks \xabended\xbb today.\n"), "the file is not UTF-8; it was read as Windows-1252 and converted to UTF-8"},
		{"utf-16le", utf16(binary.LittleEndian, 0xFEFF), "the file is UTF-16; it was converted to UTF-8"},
		{"utf-16be", utf16(binary.BigEndian, 0xFEFF), "the file is UTF-16; it was converted to UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Ingest(c.raw, Options{Published: "2026"})
			if err != nil {
				t.Fatal(err)
			}
			want := "Moscow, March 10, 2026 (IANS) Café talks “ended” today.\n"
			if c.name == "latin-1" {
				want = "Moscow, March 10, 2026 (IANS) Café talks «ended» today.\n"
			}
			if r.Body != want || r.Title != "Talks in Tehran" {
				t.Errorf("title %q, body %q", r.Title, r.Body)
			}
			if got := strings.Join(r.Notes, "; "); got != c.note {
				t.Errorf("notes %q, want %q", got, c.note)
			}
			// Line numbers count from the first line, byte-order mark or not.
			if f := finding(r, "dateline"); f.Line != 3 {
				t.Errorf("dateline found on line %d, want 3", f.Line)
			}
		})
	}
}

func finding(r *Result, field string) Finding {
	for _, f := range r.Findings {
		if f.Field == field {
			return f
		}
	}
	return Finding{}
}

func TestNotText(t *testing.T) {
	random := make([]byte, 4096)
	rand.NewChaCha8([32]byte{7, 8}).Read(random)
	for _, c := range []struct {
		name string
		raw  []byte
		want string // the error's start, "" for none
	}{
		{"random bytes", random, "1:"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 /Filter /FlateDecode >>\nstream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream\n"), "6:3: this is not text"},
		{"a nul byte", []byte("An article with a\x00 NUL byte in the middle of a long line of text."), "1:18: this is not text (1 of"},
		{"utf-16 without a bom", []byte("T\x00a\x00l\x00k\x00s\x00"), "1:2: this is not text"},
		{"a stray form feed and bell", []byte(strings.Repeat("A long article line of text.\n", 10) + "\f\a" + strings.Repeat("More text.\n", 10)), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Ingest(c.raw, Options{Published: "2026"})
			var nt *NotTextError
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("Ingest: %v", err)
			case c.want == "":
			case !errors.As(err, &nt) || !strings.HasPrefix(err.Error(), c.want):
				t.Fatalf("Ingest = %v, want a NotTextError starting %q", err, c.want)
			}
		})
	}
	if _, err := Ingest(make([]byte, MaxRawBytes+1), Options{}); err == nil || !strings.Contains(err.Error(), "the limit is 16 MiB") {
		t.Errorf("Ingest of %d bytes = %v", MaxRawBytes+1, err)
	}
}

// BenchmarkHostileIngest runs the shapes that made repeat removal
// quadratic, at 8 MB: each paragraph twice (did not finish), and an
// article pasted over and over.
func BenchmarkHostileIngest(b *testing.B) {
	var twice, pasted strings.Builder
	for i := 0; twice.Len() < 8<<20; i++ {
		p := fmt.Sprintf("Paragraph number %d is different from the others here.\n\n", i)
		twice.WriteString(p + p)
	}
	for pasted.Len() < 8<<20 {
		pasted.WriteString("Moscow, March 10 (IANS) Putin spoke to Pezeshkian by phone.\n\nHe called for a settlement.\n\nThe Kremlin said so.\n\n")
	}
	for _, c := range []struct{ name, raw string }{{"twice", twice.String()}, {"pasted", pasted.String()}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Ingest([]byte(c.raw), Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
