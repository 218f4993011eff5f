package timelinejs

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/edtf"
	"dateline/internal/model"
	"dateline/internal/quote"
)

// Site is what an import needs to know about the site it writes into.
type Site struct {
	Entries map[string]string // existing entry id -> file path
	Sources map[string]string // existing source id -> file path
	Topics  []*content.Record // existing registry records
	Threads []*content.Record
	// Base is the address relative media URLs are resolved against: where
	// the TimelineJS file was published. Without it they are left out
	// (and noted).
	Base string
}

// File is one file an import writes, relative to the site directory.
type File struct {
	Path   string
	Data   []byte
	Append bool // append to the registry file (created when missing)
}

// Result is what an import would write.
type Result struct {
	Files           []File
	Entries         int
	Sources, Stubs  int
	Topics, Threads []string // ids of the registry records created
	Notes           []string // what was not carried over
	// Description is the title slide's text, as plain text: what the
	// timeline says of itself, for the site's description.
	Description string
}

// Import turns a TimelineJS timeline into Dateline content.
//
// Each event slide becomes an entry:
//   - title: the headline as plain text (or the start of the text);
//   - date: EDTF with exactly the precision of start_date/end_date (a year,
//     a month, a day, a time); display_date is matched against Dateline's
//     own display of every reading of those parts (qualifiers "?", "~",
//     "%", unspecified digits, open or unknown ends, time zones), so a
//     timeline Dateline exported comes back EDTF-equal. A display_date that
//     matches no reading is kept in the entry's body, and its "c."/"?" are
//     carried over as qualifiers;
//   - body: the slide text, HTML converted to Markdown (links kept as
//     absolute http/https links; no HTML passes through);
//   - topics: the slide's group (an existing topic with that name or
//     alias, else a new topic appended to content/topics.toml);
//   - thread: the era that contains the entry's dates, when exactly one
//     does (eras become threads, matched by name or appended to
//     content/threads.toml).
//
// Evidence: every Dateline entry must quote a source. A slide that links
// material (media URL) or credits it (media credit) gets a stub source for
// that material: outlet "unknown", published on or after the event (an
// interval with an unknown end, shown as inferred), url the link, and a
// body that says it is a stub and records what the slide said. Other
// slides quote the imported timeline itself, recorded as one source. The
// quote is the entry's title as the slide gave it; it is verified here
// with the same matcher the build uses. This keeps the site building while
// stating plainly that the evidence is the imported timeline, not the
// original reporting.
func Import(doc *Doc, site Site) (*Result, diag.List) {
	im := &importer{doc: doc, site: site, res: &Result{}, ids: map[string]bool{}}
	im.run()
	return im.res, im.errs
}

type importer struct {
	doc  *Doc
	site Site
	res  *Result
	errs diag.List
	ids  map[string]bool // ids used by this import (entries and sources)

	topics  map[string]string // folded name -> topic id (existing and new)
	threads []era
	newTop  strings.Builder
	newThr  strings.Builder
}

type era struct {
	id   string
	date edtf.Date
}

// slideInfo is an event slide on its way to an entry.
type slideInfo struct {
	n        int // 1-based slide number
	prefix   string
	id       string
	title    string
	date     edtf.Date
	display  string // display_date kept in the body
	body     string
	text     string // the slide text as plain text, for the sources
	topic    string
	thread   string
	media    *Media
	mediaURL string // media.URL resolved, when it makes a [[media]]
	stub     bool
	entryDir string
}

func (im *importer) run() {
	tl := im.doc.Timeline
	im.registries()
	for i, e := range tl.Eras {
		im.era(i, e)
	}
	var slides []*slideInfo
	for i, s := range tl.Events {
		if si := im.slide(i, s); si != nil {
			slides = append(slides, si)
		}
	}
	if len(im.errs.Errors()) > 0 {
		return
	}
	title := "TimelineJS timeline"
	if tl.Title != nil && tl.Title.Text != nil {
		if h := PlainText(tl.Title.Text.Headline); h != "" {
			title = h
		}
		im.res.Description = PlainText(stripMeta(tl.Title.Text.Text))
	}
	file := path.Base(strings.ReplaceAll(im.doc.Path, "\\", "/"))

	// The imported timeline as a source, for slides without a stub.
	var plain []*slideInfo
	for _, s := range slides {
		if !s.stub {
			plain = append(plain, s)
		}
	}
	var tlSource string
	var tlText *quote.Text // prepared once: every plain slide quotes it
	if len(plain) > 0 {
		tlSource = im.uniqueID("imported-"+slug(title), "source")
		var b strings.Builder
		fmt.Fprintf(&b, "This source is the TimelineJS timeline “%s”, imported by `dateline import` from %s. It is not a news article: it records what the timeline said, so that each imported entry can quote it until the entry is sourced from archived reporting (archive the articles with `dateline ingest` and cite them in the entry's evidence).\n", title, file)
		for _, s := range plain {
			fmt.Fprintf(&b, "\nSlide %d: %s\n", s.n, s.title)
			if s.display != "" {
				fmt.Fprintf(&b, "Date as displayed: %s\n", s.display)
			}
			if s.text != "" {
				b.WriteString(s.text + "\n")
			}
		}
		latest := plain[0].date
		for _, s := range plain {
			if edtf.Compare(s.date, latest) > 0 {
				latest = s.date
			}
		}
		im.source(tlSource, "TimelineJS timeline “"+title+"” (imported)", lowerText(latest)+"/", "", b.String())
		tlText = quote.Prepare(b.String())
		im.res.Sources++
	}

	for _, s := range slides {
		src, text := tlSource, tlText
		if s.stub {
			src = im.uniqueID("stub-"+s.id, "source")
			var b strings.Builder
			fmt.Fprintf(&b, "This is a stub, not an archived article: `dateline import` created it from slide %d of the TimelineJS timeline “%s” (%s), which pointed to the material below. The material itself has not been archived. Archive it (`dateline ingest`) and cite the archived text in the entry's evidence.\n\n", s.n, title, file)
			m := s.media
			if m.URL != "" {
				fmt.Fprintf(&b, "Link: %s\n", m.URL)
			}
			if c := PlainText(m.Credit); c != "" {
				fmt.Fprintf(&b, "Media credit: %s\n", c)
			}
			if c := PlainText(m.Caption); c != "" {
				fmt.Fprintf(&b, "Media caption: %s\n", c)
			}
			fmt.Fprintf(&b, "\nThe slide read:\n\n%s\n", s.title)
			if s.display != "" {
				fmt.Fprintf(&b, "Date as displayed: %s\n", s.display)
			}
			if s.text != "" {
				b.WriteString("\n" + s.text + "\n")
			}
			body := b.String()
			url := s.mediaURL
			if url == "" && safeHref(m.URL) != "" && !strings.HasPrefix(strings.ToLower(m.URL), "mailto:") {
				url = m.URL
			}
			stubTitle := PlainText(m.Title)
			if stubTitle == "" {
				stubTitle = PlainText(m.Caption)
			}
			if stubTitle == "" {
				stubTitle = "Material linked from “" + s.title + "”"
			}
			im.source(src, stubTitle+" (stub)", lowerText(s.date)+"/", url, body)
			text = quote.Prepare(body)
			im.res.Stubs++
		}
		im.entry(s, src, text)
	}
	if im.newTop.Len() > 0 {
		im.res.Files = append(im.res.Files, File{Path: content.RegistryFile("topic"), Data: []byte(im.newTop.String()), Append: true})
	}
	if im.newThr.Len() > 0 {
		im.res.Files = append(im.res.Files, File{Path: content.RegistryFile("thread"), Data: []byte(im.newThr.String()), Append: true})
	}
}

// registries indexes the existing topics and threads by id, name and alias.
func (im *importer) registries() {
	im.topics = map[string]string{}
	for _, r := range im.site.Topics {
		for _, k := range append([]string{r.ID, r.Name.Text}, texts(r.Aliases)...) {
			im.topics[model.Fold(k)] = r.ID
		}
		im.ids["topic:"+r.ID] = true
	}
	for _, r := range im.site.Threads {
		im.ids["thread:"+r.ID] = true
	}
}

func texts(vs []content.Value) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Text)
	}
	return out
}

func (im *importer) era(i int, e Era) {
	prefix := fmt.Sprintf("eras.%d", i)
	name := ""
	if e.Text != nil {
		name = PlainText(e.Text.Headline)
	}
	if name == "" {
		im.errs.Warn(im.doc.Pos(prefix), "era %d has no headline and is left out", i+1)
		return
	}
	if e.StartDate == nil || e.EndDate == nil {
		im.errs.Add(im.doc.Pos(prefix), "era %q needs both start_date and end_date", name)
		return
	}
	s, ok1 := im.point(prefix+".start_date", e.StartDate)
	en, ok2 := im.point(prefix+".end_date", e.EndDate)
	if !ok1 || !ok2 {
		return
	}
	d, err := edtf.Parse(s + "/" + en)
	if err != nil {
		im.errs.Add(im.doc.Pos(prefix+".end_date"), "era %q: %s", name, syntaxMsg(err))
		return
	}
	id := ""
	for _, r := range im.site.Threads {
		if model.Fold(r.Name.Text) == model.Fold(name) || model.Fold(r.ID) == model.Fold(name) || slices.ContainsFunc(r.Aliases, func(a content.Value) bool { return model.Fold(a.Text) == model.Fold(name) }) {
			id = r.ID
		}
	}
	if id == "" {
		id = im.uniqueID(slug(name), "thread")
		fmt.Fprintf(&im.newThr, "\n# Imported from a TimelineJS era by dateline import.\n[%s]\nname = %s\nkind = \"thread\"\ndescription = %s\n",
			id, content.TOMLString(name), content.TOMLString("Imported from the TimelineJS era “"+name+"”, "+d.Display()+"."))
		im.res.Threads = append(im.res.Threads, id)
	}
	im.threads = append(im.threads, era{id: id, date: d})
}

// slide converts one event slide; nil when it has errors.
func (im *importer) slide(i int, s Slide) *slideInfo {
	prefix := fmt.Sprintf("events.%d", i)
	si := &slideInfo{n: i + 1, prefix: prefix}
	if s.StartDate == nil {
		im.errs.Add(im.doc.Pos(prefix), "slide %d has no start_date (every TimelineJS event needs one, with at least a year)", si.n)
		return nil
	}
	d, display, ok := im.date(prefix, s)
	if !ok {
		return nil
	}
	si.date, si.display = d, display
	headline, text := "", ""
	if s.Text != nil {
		headline, text = s.Text.Headline, s.Text.Text
	}
	si.title = PlainText(headline)
	si.body = Markdown(text)
	si.text = PlainText(stripMeta(text))
	if si.title == "" {
		si.title = shorten(si.text, 90)
		if si.title == "" {
			si.title = fmt.Sprintf("Untitled event (slide %d)", si.n)
		}
		im.errs.Warn(im.doc.Pos(prefix), "slide %d has no headline; the entry is titled %q", si.n, si.title)
	}
	if si.display != "" {
		note := "Date as given in the imported timeline: “" + escapeMarkdown(si.display) + "”."
		si.body = strings.TrimSpace(si.body + "\n\n" + note)
	}
	if s.Media != nil {
		im.media(si, s.Media)
	}
	if s.Background != nil && (s.Background.URL != "" || s.Background.Color != "") {
		im.res.Notes = append(im.res.Notes, fmt.Sprintf("slide %d: background left out (entries have no backgrounds)", si.n))
	}
	if g := PlainText(s.Group); g != "" {
		si.topic = im.topic(g)
	}
	var in []string
	for _, e := range im.threads {
		if within(d, e.date) {
			in = append(in, e.id)
		}
	}
	if len(in) == 1 {
		si.thread = in[0]
	}

	base := s.UniqueID
	if !content.IsSlug(base) || len(base) > 80 {
		// A slug would drop the sign of -0299: "300 bc" keeps the era.
		base = slug(strings.Replace(lowerText(d), edtf.FormatYear(d.Lower().Year()), strings.ToLower(edtf.YearText(d.Lower().Year())), 1) + " " + si.title)
	}
	si.id = im.uniqueID(base, "entry")
	year := "undated"
	if lo := d.Lower(); !lo.IsZero() {
		year = edtf.FormatYear(lo.Year())
	}
	si.entryDir = path.Join(content.EntriesDir, year)
	return si
}

// stripMeta removes the paragraph Dateline's export adds to each slide.
func stripMeta(h string) string {
	var b strings.Builder
	depth, name := 0, ""
	tokens(h, func(s string) {
		if depth == 0 {
			b.WriteString(s)
		}
	}, func(t tag) {
		switch {
		case depth > 0 && t.name == name && t.end:
			depth--
		case depth > 0 && t.name == name && !t.self:
			depth++
		case depth == 0 && !t.end && hasClass(t.attrs["class"], metaClass) && !voids[t.name] && !t.self:
			depth, name = 1, t.name
		case depth == 0 && (blocks[t.name] || t.name == "br"):
			b.WriteString("<br>") // keeps words apart for PlainText
		}
	})
	return b.String()
}

func within(d, outer edtf.Date) bool {
	lo, hi := d.Lower(), d.Upper()
	olo, ohi := outer.Lower(), outer.Upper()
	if lo.IsZero() || hi.IsZero() || olo.IsZero() || ohi.IsZero() {
		return false
	}
	return !lo.Before(olo) && !hi.After(ohi)
}

func (im *importer) topic(name string) string {
	if id, ok := im.topics[model.Fold(name)]; ok {
		return id
	}
	id := im.uniqueID(slug(name), "topic")
	im.topics[model.Fold(name)] = id
	fmt.Fprintf(&im.newTop, "\n# Imported from a TimelineJS group by dateline import.\n[%s]\nname = %s\nkind = \"topic\"\ndescription = %s\n",
		id, content.TOMLString(name), content.TOMLString("Imported from the TimelineJS group “"+name+"”."))
	im.res.Topics = append(im.res.Topics, id)
	return id
}

// uniqueID returns base, or base-2, base-3, ..., unused by this import and,
// for registries, by the site. Existing entries and sources with the same
// id are replaced (the caller refuses to overwrite without --force).
func (im *importer) uniqueID(base, kind string) string {
	if base == "" {
		base = kind
	}
	id := base
	for n := 2; im.ids[kind+":"+id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	im.ids[kind+":"+id] = true
	return id
}

// entry writes the entry file; t is the text of its source.
func (im *importer) entry(s *slideInfo, source string, t *quote.Text) {
	q, prefix := s.title, ""
	if spans, _ := t.Find(q, "", ""); len(spans) != 1 {
		for _, p := range []string{fmt.Sprintf("Slide %d:", s.n), "The slide read:"} {
			if spans, _ := t.Find(q, p, ""); len(spans) == 1 {
				prefix = p
				break
			}
		}
		if prefix == "" {
			im.errs.Add(im.doc.Pos(s.prefix), "internal error: slide %d's headline cannot be quoted uniquely from its source", s.n)
			return
		}
	}
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", content.TOMLString(s.title))
	fmt.Fprintf(&b, "date = %s\n", content.TOMLString(s.date.String()))
	if s.topic != "" {
		fmt.Fprintf(&b, "topics = [%s]\n", content.TOMLString(s.topic))
	}
	if s.thread != "" {
		fmt.Fprintf(&b, "thread = %s\n", content.TOMLString(s.thread))
	}
	b.WriteString("\n[[evidence]]\n")
	fmt.Fprintf(&b, "source = %s\n", content.TOMLString(source))
	fmt.Fprintf(&b, "quote = %s\n", content.TOMLString(q))
	if prefix != "" {
		fmt.Fprintf(&b, "prefix = %s\n", content.TOMLString(prefix))
	}
	if s.mediaURL != "" {
		im.mediaTable(&b, s, source)
	}
	b.WriteString("+++\n")
	if s.body != "" {
		b.WriteString(s.body + "\n")
	}
	p := path.Join(s.entryDir, s.id+".md")
	if old, ok := im.site.Entries[s.id]; ok {
		p = old // the same entry, re-imported
	}
	im.res.Files = append(im.res.Files, File{Path: p, Data: []byte(b.String())})
	im.res.Entries++
}

// source writes a source file.
func (im *importer) source(id, title, published, url, body string) {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", content.TOMLString(title))
	b.WriteString("outlet = \"unknown\"\n")
	fmt.Fprintf(&b, "published = %s\n", content.TOMLString(published))
	if url != "" {
		fmt.Fprintf(&b, "url = %s\n", content.TOMLString(url))
	}
	b.WriteString("+++\n" + body)
	p := path.Join(content.SourcesDir, id+".md")
	if old, ok := im.site.Sources[id]; ok {
		p = old
	}
	im.res.Files = append(im.res.Files, File{Path: p, Data: []byte(b.String())})
}

// point converts a TimelineJS date to an EDTF point with exactly its
// parts, reporting bad parts at their positions.
func (im *importer) point(prefix string, d *Date) (string, bool) {
	parts := []struct {
		name     string
		p        Part
		min, max int
	}{
		{"year", d.Year, -edtf.MaxYear, edtf.MaxYear}, {"month", d.Month, 1, 12}, {"day", d.Day, 1, 31},
		{"hour", d.Hour, 0, 23}, {"minute", d.Minute, 0, 59}, {"second", d.Second, 0, 59},
	}
	var v [6]int
	var has [6]bool
	ok := true
	for i, x := range parts {
		n, present, err := x.p.Int()
		at := im.doc.Pos(prefix + "." + x.name)
		switch {
		case err != nil:
			im.errs.Add(at, "%s: %v", x.name, err)
			ok = false
		case !present:
		case n < x.min || n > x.max:
			if x.name == "year" {
				im.errs.Add(at, "year %d is beyond the eleven digits Dateline dates", n)
			} else {
				im.errs.Add(at, "%s %d is out of range (%d–%d)", x.name, n, x.min, x.max)
			}
			ok = false
		}
		v[i], has[i] = n, present
	}
	if !has[0] {
		im.errs.Add(im.doc.Pos(prefix), "a date needs a year")
		return "", false
	}
	for i := 1; i < 5; i++ {
		if has[i+1] && !has[i] && ok {
			im.errs.Add(im.doc.Pos(prefix+"."+parts[i+1].name), "%s is given without %s", parts[i+1].name, parts[i].name)
			ok = false
		}
	}
	if !ok {
		return "", false
	}
	if has[3] && !has[2] {
		im.errs.Add(im.doc.Pos(prefix+".hour"), "a time of day needs a full date (year, month and day)")
		return "", false
	}
	year := EDTFYear(v[0])
	if has[1] && (year > 9999 || year < -9999) {
		im.errs.Add(im.doc.Pos(prefix+".month"), "a year beyond four digits (%d) is dated to the year only", v[0])
		return "", false
	}
	s := edtf.FormatYear(year)
	if has[1] {
		s += fmt.Sprintf("-%02d", v[1])
	}
	if has[2] {
		if last := edtf.DaysIn(year, v[1]); v[2] > last {
			im.errs.Add(im.doc.Pos(prefix+".day"), "day %d does not exist in %s %s", v[2], time.Month(v[1]), edtf.YearText(year))
			return "", false
		}
		s += fmt.Sprintf("-%02d", v[2])
	}
	if has[3] {
		s += fmt.Sprintf("T%02d:%02d", v[3], v[4])
		if v[5] != 0 {
			s += fmt.Sprintf(":%02d", v[5])
		}
	}
	return s, true
}

// date maps a slide's dates (and display_date) to EDTF; display is the
// display_date when the EDTF date does not carry all of it.
func (im *importer) date(prefix string, s Slide) (d edtf.Date, display string, ok bool) {
	start, ok := im.point(prefix+".start_date", s.StartDate)
	if !ok {
		return d, "", false
	}
	end := ""
	if s.EndDate != nil {
		if end, ok = im.point(prefix+".end_date", s.EndDate); !ok {
			return d, "", false
		}
	}
	want := PlainText(s.DisplayDate)
	if want == "" {
		want = PlainText(s.StartDate.DisplayDate)
	}
	plain := start
	if end != "" && end != start {
		plain = start + "/" + end
	}
	base, err := edtf.Parse(plain)
	if err != nil {
		im.errs.Add(im.doc.Pos(prefix+".end_date"), "%s", syntaxMsg(err))
		return d, "", false
	}
	if x, err := edtf.Parse(s.EDTF); err == nil && sameParts(x, base) && (want == "" || x.Display() == want) {
		return x, "", true
	}
	if want == "" || base.Display() == want {
		return base, "", true
	}
	if m, found := matchDisplay(start, end, want); found {
		return m, "", true
	}
	// A display we cannot read exactly: keep it, and carry its hedges.
	q := ""
	lw := strings.ToLower(want)
	approx := strings.HasPrefix(lw, "c.") || strings.HasPrefix(lw, "ca.") || strings.Contains(lw, "circa") ||
		strings.Contains(lw, "about ") || strings.Contains(lw, "around ") || strings.Contains(lw, "approx")
	switch unc := strings.Contains(want, "?"); {
	case unc && approx:
		q = "%"
	case unc:
		q = "?"
	case approx:
		q = "~"
	}
	if q != "" {
		qs := start + q
		if end != "" && end != start {
			qs += "/" + end + q
		}
		if qd, err := edtf.Parse(qs); err == nil {
			base = qd
		}
	}
	return base, want, true
}

// sameParts reports whether the EDTF extension x of a slide describes the
// same parts as its start_date/end_date (read as base): each known end
// covers the same first and last day, or x has an open or unknown end
// where the slide has none.
func sameParts(x, base edtf.Date) bool {
	day := func(t time.Time) string { return t.Format("2006-01-02T15:04") }
	xs, bs := x.Lower(), base.Lower()
	if xs.IsZero() {
		// An open or unknown start: the slide's start is x's end.
		return x.Interval && !base.Interval && day(x.Upper()) == day(base.Upper()) && x.End.Precision == base.Start.Precision
	}
	if day(xs) != day(bs) || x.Start.Precision != base.Start.Precision {
		return false
	}
	if x.Upper().IsZero() {
		return !base.Interval
	}
	return day(x.Upper()) == day(base.Upper()) && x.End.Precision == base.End.Precision
}

// matchDisplay finds the reading of the parts whose Dateline display is
// want: qualifiers on either end, unspecified digits, open or unknown ends,
// and a time zone named in want.
func matchDisplay(start, end, want string) (edtf.Date, bool) {
	zones := []string{""}
	if strings.Contains(start, "T") {
		zones = append(zones, "Z")
		if i := strings.Index(want, "UTC"); i >= 0 && i+9 <= len(want) {
			if z := want[i+3 : i+9]; (z[0] == '+' || z[0] == '-') && z[3] == ':' {
				zones = append(zones, z)
			}
		}
	}
	starts := readings(start, zones)
	try := func(s string) (edtf.Date, bool) {
		d, err := edtf.Parse(s)
		return d, err == nil && d.Display() == want
	}
	if end == "" {
		for _, s := range starts {
			for _, form := range []string{"%s", "%s/..", "%s/", "../%s", "/%s"} {
				if d, ok := try(fmt.Sprintf(form, s)); ok {
					return d, true
				}
			}
		}
		return edtf.Date{}, false
	}
	ends := readings(end, zones)
	for _, s := range starts {
		for _, e := range ends {
			if d, ok := try(s + "/" + e); ok {
				return d, true
			}
		}
	}
	return edtf.Date{}, false
}

// readings are the EDTF points the parts of p may have been: its variants,
// each with a time zone of zones (when it has a time) and any qualifier.
func readings(p string, zones []string) []string {
	var out []string
	for _, v := range variants(p) {
		for _, z := range zones {
			if z != "" && !strings.Contains(v, "T") {
				continue
			}
			for _, q := range []string{"", "?", "~", "%"} {
				out = append(out, v+z+q)
			}
		}
	}
	return out
}

// variants are the readings of an EDTF point string with unspecified
// digits that TimelineJS parts cannot express: "2026-03" may have been
// "2026-03-XX", "2010" may have been "201X".
func variants(p string) []string {
	out := []string{p}
	switch len(p) {
	case 7:
		out = append(out, p+"-XX")
	case 4:
		out = append(out, p+"-XX", p+"-XX-XX")
		if p[3] == '0' {
			out = append(out, p[:3]+"X")
		}
		if p[2:] == "00" {
			out = append(out, p[:2]+"XX")
		}
	}
	return out
}

// lowerText is the EDTF of a date's first day at the date's precision.
func lowerText(d edtf.Date) string {
	lo := d.Lower()
	if lo.IsZero() {
		lo = d.Upper()
	}
	y := edtf.FormatYear(lo.Year())
	switch d.Precision() {
	case edtf.Year:
		return y
	case edtf.Month:
		return fmt.Sprintf("%s-%02d", y, int(lo.Month()))
	}
	return fmt.Sprintf("%s-%02d-%02d", y, int(lo.Month()), lo.Day())
}

func syntaxMsg(err error) string {
	if se, ok := err.(*edtf.SyntaxError); ok {
		return se.Msg
	}
	return err.Error()
}

// slug makes an id of at most 60 characters, cut at a hyphen.
func slug(s string) string {
	id := content.Slugify(s)
	if len(id) > 60 {
		id = id[:60]
		if i := strings.LastIndexByte(id, '-'); i > 20 {
			id = id[:i]
		}
		id = strings.Trim(id, "-")
	}
	return id
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// escapeMarkdown escapes text for a Markdown body.
func escapeMarkdown(s string) string {
	c := &converter{}
	c.text(s)
	return c.cur.String()
}
