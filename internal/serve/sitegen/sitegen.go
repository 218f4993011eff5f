// Package sitegen generates synthetic Dateline sites of any size, for the
// benchmarks and latency measurements of the dev server. The sites are
// deterministic (same n, same bytes) and valid: every quote occurs in its
// source, every reference resolves.
package sitegen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Files is a generated site: slash-separated path -> content.
type Files map[string][]byte

// Shape of the generated sites. A source is cited by entriesPerSource
// entries; actors are picked so that a few are very popular, as real
// timelines have (every entry names one of the first seven actors).
const (
	entriesPerSource = 20
	actors           = 200
	places           = 50
	topics           = 20
	threads          = 8
)

// Generate returns a site with n entries.
func Generate(n int) Files {
	f := Files{}
	f["site.toml"] = []byte("title = \"Generated timeline\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\ntime_zone = \"UTC\"\n")
	var b strings.Builder
	for i := range actors {
		fmt.Fprintf(&b, "[actor-%d]\nname = \"Actor %d\"\naliases = [\"A%d\"]\nkind = \"person\"\n\n", i, i, i)
	}
	f["content/actors.toml"] = []byte(b.String())
	b.Reset()
	for i := range places {
		fmt.Fprintf(&b, "[place-%d]\nname = \"Place %d\"\nkind = \"city\"\nlat = %d.5\nlon = %d.25\n\n", i, i, i%80, i%170)
	}
	f["content/places.toml"] = []byte(b.String())
	b.Reset()
	for i := range topics {
		fmt.Fprintf(&b, "[topic-%d]\nname = \"Topic %d\"\n\n", i, i)
	}
	f["content/topics.toml"] = []byte(b.String())
	b.Reset()
	for i := range threads {
		fmt.Fprintf(&b, "[thread-%d]\nname = \"Thread %d\"\nkind = \"thread\"\n\n", i, i)
	}
	f["content/threads.toml"] = []byte(b.String())
	nsrc := max(1, (n+entriesPerSource-1)/entriesPerSource)
	for s := range nsrc {
		b.Reset()
		fmt.Fprintf(&b, "+++\ntitle = \"Report %d\"\noutlet = \"Outlet %d\"\npublished = \"%s\"\n+++\n", s, s%13, date(s*entriesPerSource, n))
		for p := range entriesPerSource {
			fmt.Fprintf(&b, "Paragraph %d of report %d: %s.\n\n", p, s, sentence(s*entriesPerSource+p))
		}
		f[fmt.Sprintf("content/sources/report-%d.md", s)] = []byte(b.String())
	}
	for i := range n {
		f[EntryPath(i, n)] = Entry(i, n, "")
	}
	return f
}

// EntryPath is where entry i of an n-entry site lives.
func EntryPath(i, n int) string {
	return fmt.Sprintf("content/entries/%s/entry-%d.md", date(i, n)[:4], i)
}

// Entry returns the file of entry i; extra is appended to its body, so that
// an edit changes exactly one entry's summary.
func Entry(i, n int, extra string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"Event %d happens\"\ndate = \"%s\"\n", i, date(i, n))
	fmt.Fprintf(&b, "actors = [\"actor-%d\", \"A%d\"]\n", i%7, 7+i%(actors-7))
	fmt.Fprintf(&b, "places = [\"place-%d\"]\ntopics = [\"topic-%d\"]\n", i%places, i%topics)
	if i%2 == 0 {
		fmt.Fprintf(&b, "thread = \"thread-%d\"\n", (i/2)%threads)
	}
	if i > 0 && i%5 == 0 {
		fmt.Fprintf(&b, "related = [\"entry-%d\"]\n", i-1)
	}
	s := i / entriesPerSource
	fmt.Fprintf(&b, "\n[[evidence]]\nsource = \"report-%d\"\nquote = \"%s\"\n", s, sentence(i))
	fmt.Fprintf(&b, "+++\nOn this day [Actor %d](actor:actor-%d) did something *notable* at place %d, %s.%s\n", i%7, i%7, i%places, sentence(i+1), extra)
	return []byte(b.String())
}

// date spreads n entries over 2000-2025: mostly days, some months, some
// uncertain.
func date(i, n int) string {
	days := 26 * 365 * i / max(n, 1)
	y := 2000 + days/365
	m := 1 + (days%365)/31
	d := 1 + (days%365)%28
	switch i % 10 {
	case 3:
		return fmt.Sprintf("%d-%02d", y, m)
	case 7:
		return fmt.Sprintf("%d-%02d-%02d?", y, m, d)
	}
	return fmt.Sprintf("%d-%02d-%02d", y, m, d)
}

var words = strings.Fields("officials said the talks would resume after the strikes on the northern border region while ministers met envoys in the capital to discuss a ceasefire plan and humanitarian corridors")

// sentence is a unique phrase for each i.
func sentence(i int) string {
	var w []string
	for k := range 6 {
		w = append(w, words[(i*7+k*13+i/len(words))%len(words)])
	}
	return fmt.Sprintf("witness %d reported that %s", i, strings.Join(w, " "))
}

// Write writes the site below dir.
func (f Files) Write(dir string) error {
	for p, data := range f {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
