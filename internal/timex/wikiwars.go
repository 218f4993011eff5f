package timex

// Evaluation against annotated corpora: WikiWars (*.key.xml, inline TIMEX2
// annotations) and TimeML (*.tml, inline TIMEX3, as TempEval-3 distributes
// TimeBank and AQUAINT).
//
// Scoring conventions, written out because TIMEX2 gold and TIMEX3 output
// differ in details:
//
//   - Only the <TEXT> element is tagged and scored; the <DATETIME> timex is
//     the DCT, not part of the text.
//   - Gold spans are code-point offsets into the tag-stripped text, like
//     Tag's. Nested gold tags are all kept ("the first ten months of 1915"
//     contains "1915"). Matching is one-to-one: exact-span pairs first
//     (strict), then remaining pairs by largest overlap (relaxed). A gold tag
//     left unmatched while a tag nested in it, or around it, is matched is
//     dropped from scoring: a tagger with non-overlapping output cannot
//     produce both, and TIMEX2 nesting is an annotation device.
//   - Value accuracy is computed over relaxed-matched pairs whose gold tag
//     has a val attribute (event-anchored tags without val are skipped).
//     Both values are normalised by normValue: times lose their seconds and
//     zone ("T21:34-05" = "T21:34"); TIMEX2 decade/century durations become
//     years ("P1DE" = "P10Y", "P.5CE" = "P50Y"); one-digit ISO weeks gain
//     their zero ("2000-W7" = "2000-W07", as some TimeBank files write
//     them); for sets, the TIMEX2
//     calendar pattern and the TIMEX3 period are the same thing
//     ("XXXX-XX-XX" = "P1D", "XXXX-WXX" = "P1W", "XXXX-XX" = "P1M",
//     "XXXX" = "P1Y"). Everything else must match exactly.
//   - Mod is scored separately on value-scored pairs: TIMEX3-style EARLY
//     and LATE equal TIMEX2 START and END.
//   - Gold type comes from the tag: set="YES" is SET, a value starting with
//     P is DURATION, a value with a time part is TIME, anything else DATE.

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// GoldTimex is one annotated expression of a key file.
type GoldTimex struct {
	Start, End int // code points into Doc.Text
	Text       string
	Val, Mod   string
	HasVal     bool
	Type       Type
}

// Doc is one annotated document.
type Doc struct {
	ID     string
	Text   string
	DCT    time.Time
	HasDCT bool
	Gold   []GoldTimex
	// TIMEX2 is set for WikiWars key files: the gold follows the TIMEX2
	// guidelines, and so must the tagger.
	TIMEX2 bool
}

var (
	tagRe      = lazyRe(`<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>`)
	attrRe     = lazyRe(`([a-zA-Z_]+)="([^"]*)"`)
	datetimeRe = lazyRe(`(?s)<DATETIME>(.*?)</DATETIME>`)
	dctRe      = lazyRe(`(?s)<DCT>.*?value="([^"]*)".*?</DCT>`)
	docidRe    = lazyRe(`<DOCID>\s*(.*?)\s*</DOCID>`)
	timePartRe = lazyRe(`T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$`)
	durUnitRe  = lazyRe(`^P(\d*\.?\d*)(DE|CE|ML)$`)
	weekRe     = lazyRe(`^\d{4}-W(\d)(?:$|[^\d])`)
)

// ParseKey parses the content of a WikiWars *.key.xml file.
func ParseKey(id string, data string) (Doc, error) {
	d := Doc{ID: id, TIMEX2: true}
	if m := docidRe().FindStringSubmatch(data); m != nil {
		d.ID = m[1]
	}
	if m := datetimeRe().FindStringSubmatch(data); m != nil {
		d.DCT, d.HasDCT = parseDCT(tagRe().ReplaceAllString(m[1], ""))
	}
	return parseInline(d, data, "TIMEX2")
}

// ParseTML parses a TimeML document: the DCT is the value of the TIMEX3
// inside <DCT>, the gold the TIMEX3 tags of <TEXT>.
func ParseTML(id string, data string) (Doc, error) {
	d := Doc{ID: id}
	if m := dctRe().FindStringSubmatch(data); m != nil {
		d.DCT, d.HasDCT = parseDCT(m[1])
	}
	return parseInline(d, data, "TIMEX3")
}

func parseDCT(raw string) (time.Time, bool) {
	raw = strings.TrimSpace(raw)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02", "20060102"} {
		if t, err := time.Parse(layout, raw); err == nil {
			return t, true
		}
	}
	if len(raw) > 10 {
		return parseDCT(raw[:10])
	}
	return time.Time{}, false
}

// parseInline strips the markup of <TEXT> and keeps the spans of the
// timex tags named tag. Character entities are decoded, so offsets count
// the text a user would annotate.
func parseInline(d Doc, data, tag string) (Doc, error) {
	id := d.ID
	start := strings.Index(data, "<TEXT>")
	end := strings.LastIndex(data, "</TEXT>")
	if start < 0 || end < start {
		return d, fmt.Errorf("%s: no <TEXT> element", id)
	}
	body := data[start+len("<TEXT>") : end]
	var sb strings.Builder
	type open struct {
		start int
		attrs map[string]string
	}
	var stack []open
	runes := 0
	last := 0
	closeTag := func(o open) {
		g := GoldTimex{Start: o.start, End: runes, Mod: o.attrs["mod"]}
		if tag == "TIMEX2" {
			g.Val, g.HasVal = o.attrs["val"]
			g.Type = goldType(g.Val, strings.EqualFold(o.attrs["set"], "YES"))
		} else {
			g.Val, g.HasVal = o.attrs["value"]
			g.Type = Type(o.attrs["type"])
		}
		if g.End > g.Start {
			d.Gold = append(d.Gold, g)
		}
	}
	for _, m := range tagRe().FindAllStringSubmatchIndex(body, -1) {
		chunk := html.UnescapeString(body[last:m[0]])
		sb.WriteString(chunk)
		runes += utf8.RuneCountInString(chunk)
		last = m[1]
		if body[m[4]:m[5]] != tag {
			continue
		}
		if body[m[2]:m[3]] == "" {
			attrs := map[string]string{}
			for _, a := range attrRe().FindAllStringSubmatch(body[m[6]:m[7]], -1) {
				attrs[strings.ToLower(a[1])] = a[2]
			}
			if body[m[8]:m[9]] == "/" {
				continue // an empty tag: nothing in the text to find
			}
			stack = append(stack, open{start: runes, attrs: attrs})
			continue
		}
		if len(stack) == 0 {
			return d, fmt.Errorf("%s: unbalanced </%s>", id, tag)
		}
		closeTag(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
	}
	sb.WriteString(html.UnescapeString(body[last:]))
	d.Text = sb.String()
	rs := []rune(d.Text)
	for i := range d.Gold {
		g := &d.Gold[i]
		if g.End > len(rs) || g.Start > g.End {
			return d, fmt.Errorf("%s: bad span", id)
		}
		g.Text = string(rs[g.Start:g.End])
	}
	sort.SliceStable(d.Gold, func(i, j int) bool { return d.Gold[i].Start < d.Gold[j].Start })
	return d, nil
}

func goldType(val string, set bool) Type {
	switch {
	case set:
		return Set
	case strings.HasSuffix(val, "_REF"):
		return Date
	case strings.HasPrefix(val, "P"):
		return Duration
	case strings.Contains(val, "T"):
		return Time
	}
	return Date
}

// LoadCorpus reads every *.key.xml and *.tml file under dir, sorted by
// path.
func LoadCorpus(dir string) ([]Doc, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".key.xml") || strings.HasSuffix(p, ".tml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no *.key.xml or *.tml files", dir)
	}
	sort.Strings(files)
	var docs []Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var d Doc
		if strings.HasSuffix(f, ".tml") {
			d, err = ParseTML(strings.TrimSuffix(filepath.Base(f), ".tml"), string(b))
		} else {
			d, err = ParseKey(strings.TrimSuffix(filepath.Base(f), ".key.xml"), string(b))
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Split divides a corpus into the documents used for development and the
// ones held aside for checks: every fifth document in path order is held
// aside, so the split is fixed by the files' names.
func Split(docs []Doc) (used, held []Doc) {
	for i, d := range docs {
		if i%5 == 4 {
			held = append(held, d)
		} else {
			used = append(used, d)
		}
	}
	return used, held
}

// WikiWarsOptions are the tagger options used for WikiWars: history
// narratives annotated under the TIMEX2 guidelines.
func WikiWarsOptions(d Doc) Options {
	return Options{DCT: d.DCT, HasDCT: d.HasDCT, Anchor: AnchorNarrative, TIMEX2: true}
}

// normValue brings TIMEX2 and TIMEX3 values to a common form (see the
// comment at the top of this file).
func normValue(v string, set bool) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	if m := timePartRe().FindStringSubmatchIndex(v); m != nil {
		v = v[:m[0]] + "T" + v[m[2]:m[3]]
	}
	if m := weekRe().FindStringSubmatchIndex(v); m != nil {
		v = v[:m[2]] + "0" + v[m[2]:] // "2000-W7" is ISO week 07
	}
	if m := durUnitRe().FindStringSubmatch(v); m != nil {
		n, err := strconv.ParseFloat(m[1], 64)
		if err == nil {
			mult := map[string]float64{"DE": 10, "CE": 100, "ML": 1000}[m[2]]
			v = "P" + strconv.FormatFloat(n*mult, 'f', -1, 64) + "Y"
		}
	}
	if set {
		switch v {
		case "XXXX-XX-XX":
			v = "P1D"
		case "XXXX-WXX":
			v = "P1W"
		case "XXXX-XX":
			v = "P1M"
		case "XXXX":
			v = "P1Y"
		}
	}
	return v
}

func normMod(m string) string {
	switch m = strings.ToUpper(m); m {
	case "EARLY":
		return "START"
	case "LATE":
		return "END"
	}
	return m
}

// Counts are the tallies of one document, type or the whole corpus.
type Counts struct {
	Gold, Sys       int // scored gold tags, system tags
	StrictGold      int // gold tags matched with the exact span
	StrictSys       int
	RelaxedGold     int // gold tags matched by overlap
	RelaxedSys      int
	ValScored       int // relaxed pairs whose gold has a value
	ValCorrect      int
	ModCorrect      int
	IgnoredNested   int
	GoldWithoutVals int
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Sys += o.Sys
	c.StrictGold += o.StrictGold
	c.StrictSys += o.StrictSys
	c.RelaxedGold += o.RelaxedGold
	c.RelaxedSys += o.RelaxedSys
	c.ValScored += o.ValScored
	c.ValCorrect += o.ValCorrect
	c.ModCorrect += o.ModCorrect
	c.IgnoredNested += o.IgnoredNested
	c.GoldWithoutVals += o.GoldWithoutVals
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// StrictP etc. are the usual measures.
func (c Counts) StrictP() float64  { return ratio(c.StrictSys, c.Sys) }
func (c Counts) StrictR() float64  { return ratio(c.StrictGold, c.Gold) }
func (c Counts) StrictF1() float64 { return f1(c.StrictP(), c.StrictR()) }
func (c Counts) RelaxedP() float64 { return ratio(c.RelaxedSys, c.Sys) }
func (c Counts) RelaxedR() float64 { return ratio(c.RelaxedGold, c.Gold) }
func (c Counts) RelaxedF1() float64 {
	return f1(c.RelaxedP(), c.RelaxedR())
}

// ValueAcc is the share of relaxed-matched pairs with the right value.
func (c Counts) ValueAcc() float64 { return ratio(c.ValCorrect, c.ValScored) }

// ValueP, ValueR and ValueF1 count a system tag as correct when it
// matches a gold tag (relaxed) with the same value, as the TempEval-3
// toolkit scores attributes.
func (c Counts) ValueP() float64  { return ratio(c.ValCorrect, c.Sys) }
func (c Counts) ValueR() float64  { return ratio(c.ValCorrect, c.Gold) }
func (c Counts) ValueF1() float64 { return f1(c.ValueP(), c.ValueR()) }

// ModAcc is the share of value-scored pairs with the right modifier.
func (c Counts) ModAcc() float64 { return ratio(c.ModCorrect, c.ValScored) }

// Pair is a relaxed match, for error listings.
type Pair struct {
	Gold GoldTimex
	Sys  Timex
}

// DocResult is the evaluation of one document.
type DocResult struct {
	ID        string
	dct       string
	Counts    Counts
	ByType    map[Type]*Counts
	Missed    []GoldTimex
	FalsePos  []Timex
	WrongVal  []Pair
	WrongSpan []Pair
	text      []rune
}

// Report is the evaluation of a corpus.
type Report struct {
	Docs   []DocResult
	Total  Counts
	ByType map[Type]*Counts
}

// Types lists the TIMEX3 types in report order.
var Types = []Type{Date, Time, Duration, Set}

// Evaluate tags every document with tag and scores the result.
func Evaluate(docs []Doc, tag func(Doc) []Timex) Report {
	r := Report{ByType: map[Type]*Counts{}}
	for _, t := range Types {
		r.ByType[t] = &Counts{}
	}
	for _, d := range docs {
		dr := EvaluateDoc(d, tag(d))
		r.Docs = append(r.Docs, dr)
		r.Total.add(dr.Counts)
		for t, c := range dr.ByType {
			r.ByType[t].add(*c)
		}
	}
	return r
}

func overlap(s1, e1, s2, e2 int) int {
	lo, hi := s1, e1
	if s2 > lo {
		lo = s2
	}
	if e2 < hi {
		hi = e2
	}
	if hi > lo {
		return hi - lo
	}
	return 0
}

// EvaluateDoc scores system output against one document's gold tags.
func EvaluateDoc(d Doc, sys []Timex) DocResult {
	dr := DocResult{ID: d.ID, ByType: map[Type]*Counts{}, text: []rune(d.Text), dct: d.DCT.Format("2006-01-02 Mon")}
	for _, t := range Types {
		dr.ByType[t] = &Counts{}
	}
	gold := d.Gold
	gm := make([]int, len(gold)) // matched system index, -1 none
	sm := make([]int, len(sys))
	strict := make([]bool, len(gold))
	for i := range gm {
		gm[i] = -1
	}
	for i := range sm {
		sm[i] = -1
	}
	// Strict pairs first.
	for i, g := range gold {
		for j, s := range sys {
			if sm[j] < 0 && s.Start == g.Start && s.End == g.End {
				gm[i], sm[j], strict[i] = j, i, true
				break
			}
		}
	}
	// Then by largest overlap.
	type cand struct{ g, s, ov int }
	var cs []cand
	for i, g := range gold {
		if gm[i] >= 0 {
			continue
		}
		for j, s := range sys {
			if sm[j] >= 0 {
				continue
			}
			if ov := overlap(g.Start, g.End, s.Start, s.End); ov > 0 {
				cs = append(cs, cand{i, j, ov})
			}
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].ov > cs[b].ov })
	for _, c := range cs {
		if gm[c.g] < 0 && sm[c.s] < 0 {
			gm[c.g], sm[c.s] = c.s, c.g
		}
	}
	// Unmatched gold tags nested in or around a matched one are not scored.
	ignored := make([]bool, len(gold))
	for i, g := range gold {
		if gm[i] >= 0 {
			continue
		}
		for k, o := range gold {
			if k == i || gm[k] < 0 {
				continue
			}
			if o.Start <= g.Start && g.End <= o.End || g.Start <= o.Start && o.End <= g.End {
				ignored[i] = true
				break
			}
		}
	}
	for i, g := range gold {
		tc := dr.ByType[g.Type]
		if ignored[i] {
			tc.IgnoredNested++
			continue
		}
		tc.Gold++
		if gm[i] < 0 {
			dr.Missed = append(dr.Missed, g)
			continue
		}
		s := sys[gm[i]]
		tc.RelaxedGold++
		if strict[i] {
			tc.StrictGold++
		} else {
			dr.WrongSpan = append(dr.WrongSpan, Pair{g, s})
		}
		if !g.HasVal || g.Val == "" {
			tc.GoldWithoutVals++
			continue
		}
		tc.ValScored++
		isSet := g.Type == Set || s.Type == Set
		if normValue(g.Val, isSet) == normValue(s.Value, isSet) {
			tc.ValCorrect++
			if normMod(g.Mod) == normMod(s.Mod) {
				tc.ModCorrect++
			}
		} else {
			dr.WrongVal = append(dr.WrongVal, Pair{g, s})
		}
	}
	for j, s := range sys {
		tc := dr.ByType[s.Type]
		if tc == nil {
			tc = &Counts{}
			dr.ByType[s.Type] = tc
		}
		tc.Sys++
		if sm[j] < 0 {
			dr.FalsePos = append(dr.FalsePos, s)
			continue
		}
		tc.RelaxedSys++
		if strict[sm[j]] {
			tc.StrictSys++
		}
	}
	// Every tally above is per type; the document's total is their sum.
	for _, c := range dr.ByType {
		dr.Counts.add(*c)
	}
	return dr
}

func pct(f float64) string { return fmt.Sprintf("%.1f", 100*f) }

func row(name string, c Counts) string {
	return fmt.Sprintf("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, c.Gold, c.Sys,
		pct(c.StrictP()), pct(c.StrictR()), pct(c.StrictF1()),
		pct(c.RelaxedP()), pct(c.RelaxedR()), pct(c.RelaxedF1()),
		pct(c.ValueAcc()), pct(c.ValueF1()), pct(c.ModAcc()))
}

// Markdown renders the report; verbose adds the error lists per document.
func (r Report) Markdown(verbose bool) string {
	var b strings.Builder
	head := "| %s | gold | sys | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | value acc | value F1 | mod acc |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
	fmt.Fprintf(&b, head, "document")
	for _, d := range r.Docs {
		b.WriteString(row(d.ID, d.Counts))
	}
	b.WriteString(row("**total**", r.Total))
	b.WriteString("\n")
	fmt.Fprintf(&b, head, "type")
	for _, t := range Types {
		b.WriteString(row(string(t), *r.ByType[t]))
	}
	fmt.Fprintf(&b, "\nValue accuracy over %d relaxed matches with a gold value (%d gold tags without a value skipped); %d unmatched nested gold tags not scored.\n",
		r.Total.ValScored, r.Total.GoldWithoutVals, r.Total.IgnoredNested)
	if !verbose {
		return b.String()
	}
	for _, d := range r.Docs {
		fmt.Fprintf(&b, "\n### %s (DCT %s)\n\n", d.ID, d.dct)
		for _, g := range d.Missed {
			fmt.Fprintf(&b, "- MISS  %q val=%s mod=%s  «%s»\n", g.Text, g.Val, g.Mod, d.context(g.Start, g.End))
		}
		for _, s := range d.FalsePos {
			fmt.Fprintf(&b, "- FP    %q %s val=%s mod=%s  «%s»\n", s.Text, s.Type, s.Value, s.Mod, d.context(s.Start, s.End))
		}
		for _, p := range d.WrongVal {
			fmt.Fprintf(&b, "- VAL   %q gold=%s%s sys %q=%s%s  «%s»\n", p.Gold.Text, p.Gold.Val, modSuffix(p.Gold.Mod), p.Sys.Text, p.Sys.Value, modSuffix(p.Sys.Mod), d.context(p.Sys.Start, p.Sys.End))
		}
		for _, p := range d.WrongSpan {
			fmt.Fprintf(&b, "- SPAN  gold %q sys %q\n", p.Gold.Text, p.Sys.Text)
		}
	}
	return b.String()
}

// context shows a span with some text around it.
func (d DocResult) context(s, e int) string {
	lo, hi := s-50, e+30
	if lo < 0 {
		lo = 0
	}
	if hi > len(d.text) {
		hi = len(d.text)
	}
	if s < lo || e > hi || s > e {
		return ""
	}
	c := string(d.text[lo:s]) + "[[" + string(d.text[s:e]) + "]]" + string(d.text[e:hi])
	return strings.ReplaceAll(c, "\n", " ")
}

func modSuffix(m string) string {
	if m == "" {
		return ""
	}
	return "/" + m
}
