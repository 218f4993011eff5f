package annotate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"dateline/internal/content"
	"dateline/internal/edtf"
	"dateline/internal/ingest"
	"dateline/internal/model"
	"dateline/internal/quote"
	"dateline/internal/timex"
)

// Source is the text drafts quote from.
type Source struct {
	ID   string
	Text string // the body, as archived
	Date DocDate
	// Anchor is the anchoring of relative dates (--anchor); auto by
	// default.
	Anchor timex.Anchor
}

// Evidence is one [[evidence]] table of a draft.
type Evidence struct {
	Source, Quote, Prefix, Suffix, DateText, Date string

	relative bool // Date was read relative to the document date
}

// Draft is a proposed entry.
type Draft struct {
	ID       string
	Title    string
	Date     string // EDTF
	Actors   []string
	Places   []string
	Topics   []string
	Evidence []Evidence
	Body     string
}

// Skip is a date-bearing expression that did not become a draft, and why.
type Skip struct {
	Text, Value, Reason string
}

// item is one dated sentence on its way to a draft.
type item struct {
	sent      ingest.Span // the sentence, in bytes, without a leading dateline
	para      int         // index of its paragraph
	index     int         // index of the sentence
	textStart int         // byte offset where dateText starts
	dateText  string
	reading   Reading
	// own is what the expression itself reads as, before a preposition
	// opens it ("before Saturday's strikes": Saturday), and exprStart,
	// exprEnd where it stands; they let an expression counted from an
	// event find the event's date (resolveEvent).
	own                Reading
	exprStart, exprEnd int
}

// Drafts proposes one draft entry per date-bearing sentence of src, or per
// run of adjacent sentences of one paragraph that give the same date. reg,
// when not nil, supplies the actors, places and topics to match. Draft ids
// are unique within the result; the caller checks them against the site.
func Drafts(src Source, reg *model.Timeline) ([]Draft, []Skip) {
	text := src.Text
	tags := tagBytes(text, Mode{Anchor: src.Anchor}.Options(src.Date))
	var skips []Skip

	// The dateline dates the dispatch, not an event: leave it out.
	skipTo := 0
	if dl := ingest.ParseDateline(text); dl.Len > 0 {
		skipTo = dl.Len
	}

	sents := ingest.Sentences(text)
	paraOf := paragraphIndex(text, sents)
	var items []item
	var anchored []anchoredItem
	for si, s := range sents {
		if s.End <= skipTo {
			continue
		}
		s.Start = max(s.Start, skipTo)
		var in []timex.Timex
		for _, x := range tags {
			if x.Start >= s.Start && x.End <= s.End {
				in = append(in, x)
			}
		}
		items = append(items, readSentence(text, s, si, paraOf[si], in, src.Date.Inferred, &skips)...)
		anchored = append(anchored, eventAnchored(text, s, si, paraOf[si], in)...)
	}
	names := newMatcher(reg)
	var found []item
	for _, a := range anchored {
		r, ok := resolveEvent(text, a, items, names)
		if !ok {
			skips = append(skips, Skip{a.it.dateText, "", "it counts from an event the source does not date to the day"})
			continue
		}
		a.it.reading = r
		found = append(found, a.it)
	}
	items = append(items, found...)
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.index, b.index), cmp.Compare(a.textStart, b.textStart))
	})

	prepared := quote.Prepare(text)
	var drafts []Draft
	var last *item
	for i := range items {
		it := &items[i]
		ev, ok := evidence(prepared, text, it.sent)
		if !ok {
			skips = append(skips, Skip{it.dateText, it.reading.Date, "its sentence cannot be quoted uniquely"})
			continue
		}
		ev.Source, ev.DateText, ev.Date, ev.relative = src.ID, it.dateText, it.reading.Date, it.reading.Relative
		n := len(drafts)
		if last != nil && n > 0 && last.para == it.para && last.index+1 == it.index && drafts[n-1].Date == it.reading.Date {
			drafts[n-1].Evidence = append(drafts[n-1].Evidence, ev)
		} else {
			drafts = append(drafts, Draft{Date: it.reading.Date, Evidence: []Evidence{ev}})
		}
		last = it
	}
	taken := map[string]int{}
	drafts = mergeEvents(drafts, names)
	for i := range drafts {
		d := &drafts[i]
		var all strings.Builder
		for _, ev := range d.Evidence {
			all.WriteString(ev.Quote + "\n")
		}
		m := names.match(all.String())
		d.Actors, d.Places, d.Topics = m.Actors, m.Places, m.Topics
		ev := titleEvidence(*d, names)
		d.Title = headline(ev.Quote, ev.DateText, names)
		d.ID = uniqueID(idFor(d.Date, d.Title), taken)
		d.Body = body(src, *d)
	}
	return drafts, skips
}

// coordinated joins two expressions of one event: "on Sunday and Monday",
// "from June 13 to June 24", "9–10 March".
var coordinated = lazyRe(`^\s*(?:and|to|through|until|till|-|–|—)\s*$`)

// readSentence reads the dates a sentence gives, joining coordinated
// expressions into one interval; expressions without a place in the
// profile are reported as skipped.
func readSentence(text string, s ingest.Span, si, para int, in []timex.Timex, inferred bool, skips *[]Skip) []item {
	var out []item
	var prevEnd int
	for _, x := range in {
		r, ok := ToEDTF(x, inferred)
		if !ok {
			if x.Type == timex.Date || x.Type == timex.Time {
				*skips = append(*skips, Skip{x.Text, x.Value, unreadable(x)})
			}
			continue
		}
		b, e := x.Start, x.End
		if n := len(out); n > 0 && coordinated().MatchString(text[prevEnd:b]) {
			if joined, ok := Join(out[n-1].reading, r); ok {
				out[n-1].reading, out[n-1].own, out[n-1].exprEnd = joined, joined, e
				out[n-1].dateText = collapse(text[out[n-1].textStart:e])
				prevEnd = e
				continue
			}
		}
		start, opened := withPreposition(text, s.Start, b, r)
		out = append(out, item{sent: s, para: para, index: si, textStart: start, dateText: collapse(text[start:e]), reading: opened, own: r, exprStart: b, exprEnd: e})
		prevEnd = e
	}
	// One event per date: a sentence that gives the same date twice is
	// one item.
	seen := map[string]bool{}
	return slices.DeleteFunc(out, func(it item) bool {
		dup := seen[it.reading.Date]
		seen[it.reading.Date] = true
		return dup
	})
}

// prepositions that belong to the wording that dates an event ("on
// Monday", "since June 13": the event begins then), and those that put the
// event on one side of the date ("before Saturday's strikes").
var (
	prepositions = lazyRe(`(?i)(?:^|\s)(on|in|at|since|from|during|as of)\s+$`)
	beforeAfter  = lazyRe(`(?i)(?:^|\s)(before|after|until|till|by)\s+$`)
)

// withPreposition extends an expression starting at byte b over the
// preposition just before it, staying inside the sentence that starts at s.
// "before", "until" and "by" make the reading an interval open at the
// start (the event came no later than the date), "after" one open at the
// end. It returns where the wording starts and the reading.
func withPreposition(text string, s, b int, r Reading) (int, Reading) {
	if m := prepositions().FindStringSubmatchIndex(text[s:b]); m != nil {
		return s + m[2], r
	}
	m := beforeAfter().FindStringSubmatchIndex(text[s:b])
	if m == nil || strings.Contains(r.Date, "..") {
		return b, r
	}
	lo, hi, _ := strings.Cut(r.Date, "/")
	if hi == "" {
		hi = lo
	}
	open := "../" + hi
	if strings.EqualFold(text[s+m[2]:s+m[3]], "after") {
		open = lo + "/.."
	}
	if _, err := edtf.Parse(open); err != nil {
		return b, r
	}
	return s + m[2], Reading{Date: open, Relative: r.Relative}
}

// paragraphIndex numbers the paragraph of every sentence.
func paragraphIndex(text string, sents []ingest.Span) []int {
	out := make([]int, len(sents))
	p := 0
	for i := range sents {
		if i > 0 && strings.Contains(text[sents[i-1].End:sents[i].Start], "\n\n") {
			p++
		}
		out[i] = p
	}
	return out
}

// evidence quotes the sentence s, with as much context as it takes to make
// the quote unique in the source, and verifies it: the quote must be found
// exactly once, at s.
func evidence(t *quote.Text, text string, s ingest.Span) (Evidence, bool) {
	ev := Evidence{Quote: collapse(text[s.Start:s.End])}
	before := strings.Fields(text[:s.Start])
	after := strings.Fields(text[s.End:])
	for n := 0; n <= 12; n += 3 {
		ev.Prefix, ev.Suffix = "", ""
		if n > 0 {
			ev.Prefix = strings.Join(before[max(0, len(before)-n):], " ")
			ev.Suffix = strings.Join(after[:min(n, len(after))], " ")
		}
		spans, err := t.Find(ev.Quote, ev.Prefix, ev.Suffix)
		if err != nil {
			return Evidence{}, false
		}
		if len(spans) == 1 {
			return ev, spans[0].Start == s.Start && spans[0].End == s.End
		}
		if len(spans) == 0 {
			return Evidence{}, false
		}
	}
	return Evidence{}, false
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// idFor names a draft by its date and its headline's first words, as the example
// entries are named ("2026-03-10-putin-pezeshkian-call").
func idFor(date, q string) string {
	d, err := edtf.Parse(date)
	prefix := ""
	if err == nil && !d.OpenStart && !d.UnknownStart {
		lo := d.Start
		switch {
		case lo.Unspecified != "":
		case lo.Precision >= edtf.Day:
			prefix = fmt.Sprintf("%04d-%02d-%02d", lo.Year, lo.Month, lo.Day)
		case lo.Precision == edtf.Month:
			prefix = fmt.Sprintf("%04d-%02d", lo.Year, lo.Month)
		default:
			prefix = fmt.Sprintf("%04d", lo.Year)
		}
	}
	words := ingest.IDWords(q)
	if len(words) > 5 {
		words = words[:5]
	}
	id := strings.Trim(prefix+"-"+strings.Join(words, "-"), "-")
	if id == "" {
		return "draft"
	}
	return id
}

func uniqueID(id string, taken map[string]int) string {
	taken[id]++
	if n := taken[id]; n > 1 {
		return fmt.Sprintf("%s-%d", id, n)
	}
	return id
}

// body explains where the draft came from and what the editor should check.
func body(src Source, d Draft) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Drafted by `dateline annotate` from [the source](source:%s): ", src.ID)
	relative := false
	for i, ev := range d.Evidence {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "“%s” read as %s", ev.DateText, ev.Date)
		if d, err := edtf.Parse(ev.Date); err == nil && d.Display() != ev.Date {
			fmt.Fprintf(&b, " (%s)", d.Display())
		}
		relative = relative || ev.relative
	}
	if relative && src.Date.Known {
		fmt.Fprintf(&b, ", relative to its publication date %s", src.Date.Value)
		if src.Date.Inferred {
			b.WriteString(", which is itself inferred")
		}
	}
	b.WriteString(". Check the date, the actors and places, write a summary here, and remove `draft = true` to publish it.\n")
	return b.String()
}

// File renders a draft as an entry file.
func (d Draft) File() []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", content.TOMLString(d.Title))
	fmt.Fprintf(&b, "date = %s\n", content.TOMLString(d.Date))
	b.WriteString("draft = true\n")
	list := func(k string, vs []string) {
		if len(vs) == 0 {
			return
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = content.TOMLString(v)
		}
		fmt.Fprintf(&b, "%s = [%s]\n", k, strings.Join(q, ", "))
	}
	list("actors", d.Actors)
	list("places", d.Places)
	list("topics", d.Topics)
	for _, ev := range d.Evidence {
		b.WriteString("\n[[evidence]]\n")
		fmt.Fprintf(&b, "source = %s\n", content.TOMLString(ev.Source))
		fmt.Fprintf(&b, "quote = %s\n", content.TOMLString(ev.Quote))
		if ev.Prefix != "" {
			fmt.Fprintf(&b, "prefix = %s\n", content.TOMLString(ev.Prefix))
		}
		if ev.Suffix != "" {
			fmt.Fprintf(&b, "suffix = %s\n", content.TOMLString(ev.Suffix))
		}
		fmt.Fprintf(&b, "date_text = %s\n", content.TOMLString(ev.DateText))
		fmt.Fprintf(&b, "date = %s\n", content.TOMLString(ev.Date))
	}
	b.WriteString("+++\n")
	b.WriteString(d.Body)
	return []byte(b.String())
}
