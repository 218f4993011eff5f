package model

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"dateline/internal/config"
	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/edtf"
	"dateline/internal/markdown"
	"dateline/internal/quote"
)

// Options change what Build includes.
type Options struct {
	Drafts bool // include entries marked draft
	// Cache, when set, carries prepared source texts, quote matches and
	// body references from one Build to the next (see Cache).
	Cache *Cache
}

// Build resolves a site's documents into a Timeline. It always returns a
// usable timeline (possibly missing what could not be resolved) together with
// every problem found; callers decide whether problems stop them.
func Build(cfg config.Config, site *content.Site, opt Options) (*Timeline, diag.List) {
	b := &builder{
		t: &Timeline{
			Config:  cfg,
			entries: map[string]*Entry{},
			sources: map[string]*Source{},
			records: map[string]map[string]*Record{},
			aliases: map[string]map[string]*Record{},
		},
		drafts:     map[string]bool{},
		broken:     map[string]map[string]bool{},
		cache:      opt.Cache,
		mediaFiles: site.Media,
	}
	if b.cache == nil {
		b.cache = NewCache()
	} else {
		b.cache.begin()
		defer b.cache.sweep()
	}
	b.registries(site)
	b.sourcesOf(site)
	b.entriesOf(site, opt)
	b.link()
	b.errs.Sort()
	return b.t, b.errs
}

type builder struct {
	t      *Timeline
	errs   diag.List
	drafts map[string]bool // ids of draft entries left out
	// broken holds, by kind ("entry", "source", a registry kind), what
	// exists but could not be read: entry and source ids, and the folded
	// ids, aliases and names of records. Its problem is reported at its
	// own file, so references to it are not reported again.
	broken map[string]map[string]bool
	cache  *Cache // also holds the one Markdown parser a build reuses
	// mediaFiles are the local media files content read, by site path.
	mediaFiles map[string]*content.MediaFile
}

// isBroken reports whether a reference of a kind names something that
// exists but could not be read.
func (b *builder) isBroken(kind, ref string) bool {
	if kind == "entry" || kind == "source" {
		return b.broken[kind][ref]
	}
	// "" stands for a registry file that does not parse at all.
	return b.broken[kind][Fold(ref)] || b.broken[kind][""]
}

func (b *builder) markBroken(kind, ref string) {
	if b.broken[kind] == nil {
		b.broken[kind] = map[string]bool{}
	}
	if kind != "entry" && kind != "source" {
		ref = Fold(ref)
	}
	b.broken[kind][ref] = true
}

// Fold makes alias matching forgiving about case, spacing and apostrophes:
// two names that fold alike name the same record.
func Fold(s string) string {
	if folded(s) {
		return s // most references are ids already: no need to allocate
	}
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "’", "'"))), " ")
}

// folded reports whether Fold(s) == s for an ASCII string: no upper-case
// letters, no white space but single spaces between words.
func folded(s string) bool {
	space := true // at the start, a space would be trimmed
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ':
			if space {
				return false
			}
			space = true
		default:
			space = false
		}
	}
	return !space || s == ""
}

func (b *builder) registries(site *content.Site) {
	for _, kind := range content.RegistryKinds() {
		ids, aliases, list := b.registry(kind, site.Records[kind])
		b.t.records[kind] = ids
		b.t.aliases[kind] = aliases
		switch kind {
		case "actor":
			b.t.Actors = list
		case "place":
			b.t.Places = list
		case "topic":
			b.t.Topics = list
		case "thread":
			b.t.Threads = list
		}
	}
}

// registry resolves the records of one kind: by id, by folded id, alias
// or name (see Fold), and in display order, reporting collisions.
func (b *builder) registry(kind string, crs []*content.Record) (ids, aliases map[string]*Record, list []*Record) {
	ids = map[string]*Record{}
	aliases = map[string]*Record{}
	claimed := map[string]diag.Pos{} // alias -> where it was first claimed
	names := map[string][]*Record{}
	for _, cr := range crs {
		if cr.Broken {
			b.markBroken(kind, cr.ID)
			if cr.Name.Text != "" {
				b.markBroken(kind, cr.Name.Text)
			}
			for _, a := range cr.Aliases {
				b.markBroken(kind, a.Text)
			}
			continue
		}
		r := &Record{
			Kind: kind, ID: cr.ID, Name: cr.Name.Text, Type: cr.Type.Text,
			Description: cr.Description.Text, Wikidata: cr.Wikidata.Text,
			Country: cr.Country.Text, Lat: cr.Lat, Lon: cr.Lon, Path: cr.Path,
		}
		r.key = kind + ":" + r.ID
		ids[r.ID] = r
		claim := func(key string, pos diag.Pos, what string) {
			k := Fold(key)
			if other, ok := aliases[k]; ok && other != r {
				b.errs.Add(pos, "%s %q of %s %q collides with %s %q (declared at %s): an alias must name one record", what, key, kind, r.ID, kind, other.ID, claimed[k])
				return
			}
			aliases[k] = r
			claimed[k] = pos
		}
		claim(r.ID, cr.Pos, "id")
		for _, a := range cr.Aliases {
			if strings.TrimSpace(a.Text) == "" {
				b.errs.Add(a.Pos, "empty alias")
				continue
			}
			r.Aliases = append(r.Aliases, a.Text)
			claim(a.Text, a.Pos, "alias")
		}
		names[Fold(r.Name)] = append(names[Fold(r.Name)], r)
		list = append(list, r)
	}
	// A name works as a reference too, unless it is ambiguous or an
	// explicit alias of another record.
	for k, rs := range names {
		if _, taken := aliases[k]; !taken && len(rs) == 1 {
			aliases[k] = rs[0]
		}
	}
	if kind != "thread" {
		slices.SortFunc(list, recordOrder)
	}
	return ids, aliases, list
}

// recordOrder compares records of a kind other than threads by name, then
// id.
func recordOrder(x, y *Record) int {
	return cmp.Or(strings.Compare(Fold(x.Name), Fold(y.Name)), strings.Compare(x.ID, y.ID))
}

// date parses an EDTF value, reporting errors at the exact character.
func (b *builder) date(v content.Value, what string) (edtf.Date, bool) {
	d, err := edtf.Parse(v.Text)
	if err != nil {
		pos := v.Pos
		msg := err.Error()
		if se, ok := err.(*edtf.SyntaxError); ok {
			// +1 steps over the opening quote of the TOML string.
			pos.Col += 1 + utf8.RuneCountInString(v.Text[:min(se.Offset, len(v.Text))])
			msg = se.Msg
		}
		b.errs.Add(pos, "invalid %s %q: %s (use the EDTF profile: 2026-03-10, 2026-03, 2026, 2026-03-09/2026-03-10, 2026-02-28/.., 2026-03-10?, 2026-01~, 2026-03-XX)", what, v.Text, msg)
		return edtf.Date{}, false
	}
	return d, true
}

func (b *builder) sourcesOf(site *content.Site) {
	seen := map[string]string{}
	for _, cs := range site.Sources {
		if cs.Broken {
			b.markBroken("source", cs.ID)
			continue
		}
		if prev, dup := seen[cs.ID]; dup {
			b.errs.Add(diag.Pos{Path: cs.Path, Line: 1, Col: 1}, "duplicate source id %q (also %s)", cs.ID, prev)
			continue
		}
		seen[cs.ID] = cs.Path
		s := b.source(cs)
		b.t.sources[s.ID] = s
		b.t.Sources = append(b.t.Sources, s)
	}
	slices.SortFunc(b.t.Sources, sourceOrder)
}

// sourceOrder compares sources by publication date, then id.
func sourceOrder(x, y *Source) int {
	return cmp.Or(edtf.Compare(x.Published, y.Published), strings.Compare(x.ID, y.ID))
}

// source resolves one source document, reporting its problems.
func (b *builder) source(cs *content.Source) *Source {
	s := &Source{
		ID: cs.ID, Title: cs.Title.Text, Outlet: cs.Outlet.Text, URL: cs.URL.Text,
		Language: cs.Language.Text, TranslatedFrom: cs.TranslatedFrom.Text,
		Retrieved: cs.Retrieved.Text, RawSHA256: cs.RawSHA256.Text,
		Text: cs.Body, Path: cs.Path, BodyLine: cs.BodyLine,
	}
	s.key = "source:" + s.ID
	for _, a := range cs.Authors {
		s.Authors = append(s.Authors, a.Text)
	}
	if cs.Published.Text != "" {
		s.Published, _ = b.date(cs.Published, "published date")
	}
	if cs.URL.Text != "" && !safeURL(cs.URL.Text) {
		b.errs.Add(cs.URL.Pos, "url %q must be an absolute http or https URL", cs.URL.Text)
		s.URL = ""
	}
	if h := cs.RawSHA256.Text; h != "" && !isHex(h, 64) {
		b.errs.Add(cs.RawSHA256.Pos, "raw_sha256 must be 64 lower-case hex digits")
	}
	return s
}

func safeURL(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) && !strings.ContainsAny(u, " \t\n\"<>")
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// resolve finds a record by id, alias or name.
func (b *builder) resolve(kind string, v content.Value) *Record {
	r := b.t.Resolve(kind, v.Text)
	if r == nil && !b.isBroken(kind, v.Text) {
		msg := fmt.Sprintf("unknown %s %q", kind, v.Text)
		if s := b.suggest(kind, v.Text); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += fmt.Sprintf(" (add it to %s)", content.RegistryFile(kind))
		}
		b.errs.Add(v.Pos, "%s", msg)
	}
	return r
}

func (b *builder) suggest(kind, name string) string {
	var keys []string
	for alias := range b.t.aliases[kind] {
		keys = append(keys, alias)
	}
	return diag.Suggest(Fold(name), keys)
}

func (b *builder) refs(kind string, vs []content.Value) []*Record {
	var out []*Record
	for _, v := range vs {
		if r := b.resolve(kind, v); r != nil && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// texts keeps the prepared text of each source so that every quote from one
// source searches the same index.
type texts map[*Source]*quote.Text

func (b *builder) textOf(tx texts, s *Source) *quote.Text {
	t, ok := tx[s]
	if !ok {
		t = b.cache.text(s.Text)
		tx[s] = t
	}
	return t
}

func (b *builder) entriesOf(site *content.Site, opt Options) {
	// Which documents become entries is decided in order; resolving each
	// one is independent of the others, so that is done in parallel, each
	// document's problems kept apart and then added in document order, as
	// a sequential build would add them.
	seen := map[string]string{}
	errs := make([]diag.List, len(site.Entries))
	keep := make([]bool, len(site.Entries))
	for i, ce := range site.Entries {
		if ce.Broken {
			b.markBroken("entry", ce.ID)
			continue
		}
		if prev, dup := seen[ce.ID]; dup {
			errs[i].Add(diag.Pos{Path: ce.Path, Line: 1, Col: 1}, "duplicate entry id %q (also %s): entry ids are file names and must be unique across sub-folders", ce.ID, prev)
			continue
		}
		seen[ce.ID] = ce.Path
		if ce.Draft && !opt.Drafts {
			b.drafts[ce.ID] = true
			continue
		}
		keep[i] = true
	}
	entries := make([]*Entry, len(site.Entries))
	b.each(len(site.Entries), func(wb *builder, tx texts, i int) {
		if keep[i] {
			entries[i] = wb.entry(site.Entries[i], tx)
		}
	}, errs)
	for i, e := range entries {
		b.errs.Append(errs[i])
		errs[i] = nil
		if e != nil {
			b.t.entries[e.ID] = e
			b.t.Entries = append(b.t.Entries, e)
		}
	}
	// References between entries need every entry first.
	b.each(len(site.Entries), func(wb *builder, _ texts, i int) {
		ce := site.Entries[i]
		e := b.t.entries[ce.ID]
		if e == nil || e.Path != ce.Path {
			return
		}
		for _, v := range ce.Related {
			switch r := b.t.entries[v.Text]; {
			case r == e:
				wb.errs.Add(v.Pos, "entry %q lists itself as related", v.Text)
			case r != nil:
				if !slices.Contains(e.Related, r) {
					e.Related = append(e.Related, r)
				}
			case b.drafts[v.Text]:
				wb.errs.Warn(v.Pos, "related entry %q is a draft and is left out (build with --drafts to include it)", v.Text)
			case b.isBroken("entry", v.Text):
			default:
				wb.errs.Add(v.Pos, "unknown related entry %q", v.Text)
			}
		}
		wb.bodyRefs(ce)
	}, errs)
	for _, l := range errs {
		b.errs.Append(l)
	}
}

// each calls f for 0 <= i < n, on as many goroutines as there are
// processors for large n. f reports problems to its builder, which shares
// the timeline (read-only) and the cache with b; they end up in errs[i].
func (b *builder) each(n int, f func(wb *builder, tx texts, i int), errs []diag.List) {
	const chunk = 256
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	var next atomic.Int64
	work := func() {
		wb := &builder{t: b.t, drafts: b.drafts, broken: b.broken, cache: b.cache, mediaFiles: b.mediaFiles}
		tx := texts{}
		for {
			start := int(next.Add(chunk)) - chunk
			if start >= n {
				return
			}
			for i := start; i < min(start+chunk, n); i++ {
				wb.errs = errs[i]
				f(wb, tx, i)
				errs[i] = wb.errs
			}
		}
	}
	if workers <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(work)
	}
	wg.Wait()
}

// entry resolves one entry document.
func (b *builder) entry(ce *content.Entry, tx texts) *Entry {
	e := &Entry{key: "entry:" + ce.ID, ID: ce.ID, Title: ce.Title.Text, Draft: ce.Draft, Body: ce.Body, Path: ce.Path}
	if ce.Date.Text != "" {
		e.Date, _ = b.date(ce.Date, "date")
	}
	e.Actors = b.refs("actor", ce.Actors)
	e.Places = b.refs("place", ce.Places)
	e.Topics = b.refs("topic", ce.Topics)
	if ce.Thread.Text != "" {
		e.Thread = b.resolve("thread", ce.Thread)
	}
	for _, cev := range ce.Evidence {
		if ev := b.evidence(e, cev, tx); ev != nil {
			ev.Index = len(e.Evidence)
			e.Evidence = append(e.Evidence, ev)
		}
	}
	b.media(e, ce)
	return e
}

func (b *builder) evidence(e *Entry, c content.Evidence, tx texts) *Evidence {
	if c.Source.Text == "" || c.Quote.Text == "" {
		return nil // reported by content
	}
	s := b.t.sources[c.Source.Text]
	if s == nil {
		if b.isBroken("source", c.Source.Text) {
			return nil
		}
		b.errs.Add(c.Source.Pos, "unknown source %q (sources are the files in %s/)", c.Source.Text, content.SourcesDir)
		return nil
	}
	ev := &Evidence{Entry: e, Source: s, Quote: c.Quote.Text, Prefix: c.Prefix.Text, Suffix: c.Suffix.Text, DateText: c.DateText.Text}
	if c.Date.Text != "" {
		ev.Date, _ = b.date(c.Date, "evidence date")
	}
	text := b.textOf(tx, s)
	spans, err := b.cache.find(text, ev.Quote, ev.Prefix, ev.Suffix)
	switch {
	case err != nil:
		b.errs.Add(c.Quote.Pos, "%v", err)
		return nil
	case len(spans) == 0:
		b.errs.Add(c.Quote.Pos, "%s", b.notFound(s, text, ev))
		return nil
	case len(spans) > 1:
		// Lines counted on from the last span, and only the first few:
		// a quote of one word can occur 100,000 times in an imported
		// source, and counting from the start for each took minutes.
		const listed = 10
		var lines []string
		l, at := 0, 0
		for i, sp := range spans {
			if i == listed {
				lines = append(lines, fmt.Sprintf("and %d more", len(spans)-listed))
				break
			}
			l += strings.Count(s.Text[at:sp.Start], "\n")
			at = sp.Start
			lines = append(lines, fmt.Sprint(s.bodyLine(l)))
		}
		b.errs.Add(c.Quote.Pos, "quote occurs %d times in source %q (%s lines %s): add prefix or suffix (the words just before or after it) to say which one", len(spans), s.ID, s.Path, strings.Join(lines, ", "))
		return nil
	}
	ev.Span = spans[0]
	if ev.DateText != "" && b.cache.count(text, ev.DateText) == 0 {
		b.errs.Add(c.DateText.Pos, "date_text %q does not occur in source %q", ev.DateText, s.ID)
	}
	return ev
}

func (b *builder) notFound(s *Source, text *quote.Text, ev *Evidence) string {
	if ev.Prefix != "" || ev.Suffix != "" {
		if n := b.cache.count(text, ev.Quote); n > 0 {
			return fmt.Sprintf("quote occurs in source %q but not with the given prefix/suffix", s.ID)
		}
	}
	msg := fmt.Sprintf("quote not found in source %q", s.ID)
	span, score := text.Closest(ev.Quote)
	if score > 0.3 && span.End > span.Start {
		l, _ := diag.Offset(s.Text, span.Start, 0)
		msg += fmt.Sprintf("; closest passage (%s:%d): %q", s.Path, s.bodyLine(l), s.Text[span.Start:span.End])
	}
	return msg
}

// bodyLine turns a 0-based line within the body into a file line.
func (s *Source) bodyLine(l int) int { return s.BodyLine + l }

// bodyRefs checks the cross references in an entry's Markdown body.
func (b *builder) bodyRefs(ce *content.Entry) {
	if le := markdown.CheckLimits([]byte(ce.Body)); le != nil {
		b.errs.Add(diag.Pos{Path: ce.Path, Line: ce.BodyLine + le.Line - 1, Col: le.Col}, "%s", le.Msg)
		return
	}
	for _, ref := range b.cache.Refs(ce.Body) {
		pos := diag.Pos{Path: ce.Path, Line: ce.BodyLine + ref.Line - 1, Col: ref.Col}
		if !markdown.IsKind(ref.Kind) {
			// Rendered as plain text: the link would vanish without a word.
			b.errs.Add(pos, "unknown link kind %q (did you mean %q?)", ref.Kind, diag.Suggest(ref.Kind, markdown.Kinds()))
			continue
		}
		switch ref.Kind {
		case "entry":
			if b.t.entries[ref.ID] == nil {
				if b.drafts[ref.ID] {
					b.errs.Warn(pos, "link to draft entry %q is shown as plain text (build with --drafts to include it)", ref.ID)
				} else if !b.isBroken("entry", ref.ID) {
					b.errs.Add(pos, "link to unknown entry %q", ref.ID)
				}
			}
		case "source":
			if b.t.sources[ref.ID] == nil && !b.isBroken("source", ref.ID) {
				b.errs.Add(pos, "link to unknown source %q", ref.ID)
			}
		default:
			b.resolve(ref.Kind, content.Value{Text: ref.ID, Pos: pos})
		}
	}
}

// link sorts the timeline and fills in every back reference.
func (b *builder) link() {
	t := b.t
	// Ids are unique, so the order is total and does not depend on the
	// order entries come in; the cache's presort only makes it cheaper.
	b.cache.presort(t.Entries)
	slices.SortFunc(t.Entries, timelineOrder)
	b.cache.remember(t.Entries)
	for i, e := range t.Entries {
		e.Index = i
		if i > 0 {
			e.Prev = t.Entries[i-1]
			t.Entries[i-1].Next = e
		}
		for _, group := range [][]*Record{e.Actors, e.Places, e.Topics} {
			for _, r := range group {
				r.Entries = append(r.Entries, e)
			}
		}
		if e.Thread != nil {
			e.Thread.Entries = append(e.Thread.Entries, e)
		}
		for _, ev := range e.Evidence {
			ev.Source.Citations = append(ev.Source.Citations, ev)
			if !slices.Contains(ev.Source.Entries, e) {
				ev.Source.Entries = append(ev.Source.Entries, e)
			}
		}
		for _, r := range e.Related {
			if !slices.Contains(r.Related, e) {
				r.Related = append(r.Related, e)
			}
		}
	}
	for _, s := range t.Sources {
		slices.SortStableFunc(s.Citations, textOrder)
	}
	for _, e := range t.Entries {
		slices.SortStableFunc(e.Related, func(x, y *Entry) int { return cmp.Compare(x.Index, y.Index) })
	}
	for _, kind := range content.RegistryKinds() {
		for _, r := range t.Records(kind) {
			r.settle()
		}
	}
	first := func(r *Record) *Entry { // as Span's first
		if len(r.Entries) == 0 {
			return nil
		}
		return r.Entries[0]
	}
	slices.SortStableFunc(t.Threads, func(x, y *Record) int {
		fx, fy := first(x), first(y)
		switch {
		case fx == nil || fy == nil:
			return cmp.Compare(boolInt(fx == nil), boolInt(fy == nil))
		}
		return cmp.Compare(fx.Index, fy.Index)
	})
}

// timelineOrder compares entries by date, then id: a total order, as ids
// are unique.
func timelineOrder(x, y *Entry) int {
	return cmp.Or(edtf.Compare(x.Date, y.Date), strings.Compare(x.ID, y.ID))
}

// textOrder compares citations of one source by where they stand in its
// text, a passage before the shorter ones starting where it does.
func textOrder(x, y *Evidence) int {
	return cmp.Or(cmp.Compare(x.Span.Start, y.Span.Start), cmp.Compare(y.Span.End, x.Span.End))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
