package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"dateline/internal/config"
	"dateline/internal/content"
)

// dump writes out everything Build resolves and links, so that two
// timelines can be compared whole.
func dump(t *Timeline) string {
	var b strings.Builder
	ids := func(es []*Entry) string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return strings.Join(out, ",")
	}
	id := func(e *Entry) string {
		if e == nil {
			return "-"
		}
		return e.ID
	}
	for i, e := range t.Entries {
		fmt.Fprintf(&b, "entry %d %s %q %s draft=%v body=%q path=%s index=%d prev=%s next=%s related=%s\n",
			i, e.ID, e.Title, e.Date, e.Draft, e.Body, e.Path, e.Index, id(e.Prev), id(e.Next), ids(e.Related))
		for _, group := range [][]*Record{e.Actors, e.Places, e.Topics, {e.Thread}} {
			for _, r := range group {
				if r != nil {
					fmt.Fprintf(&b, "  %s\n", r.Key())
				}
			}
		}
		for _, ev := range e.Evidence {
			fmt.Fprintf(&b, "  evidence %d %s %q %q %q %q %s %v entry=%s\n",
				ev.Index, ev.Source.ID, ev.Quote, ev.Prefix, ev.Suffix, ev.DateText, ev.Date, ev.Span, ev.Entry.ID)
		}
		if t.Entry(e.ID) != e {
			fmt.Fprintf(&b, "  not found by id\n")
		}
	}
	for _, s := range t.Sources {
		fmt.Fprintf(&b, "source %s %q %s %q line=%d entries=%s\n", s.ID, s.Title, s.Published, s.Text, s.BodyLine, ids(s.Entries))
		for _, c := range s.Citations {
			fmt.Fprintf(&b, "  cites %s#%d %v\n", c.Entry.ID, c.Index, c.Span)
		}
	}
	for _, kind := range content.RegistryKinds() {
		for _, r := range t.Records(kind) {
			first, last := r.Span()
			fmt.Fprintf(&b, "%s %q %q %q %q entries=%s span=%s..%s\n", r.Key(), r.Name, r.Aliases, r.Type, r.Description, ids(r.Entries), id(first), id(last))
			if r.Lat != nil {
				fmt.Fprintf(&b, "  at %v\n", *r.Lat)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(t.aliases[kind])) {
			fmt.Fprintf(&b, "  %s %q -> %s\n", kind, k, t.aliases[kind][k].ID)
		}
	}
	return b.String()
}

// loadSite reads a mini-site's documents.
func loadSite(t *testing.T, changes map[string]string) (config.Config, *content.Site) {
	t.Helper()
	fsys := mini(changes)
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	site, errs := content.Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return cfg, site
}

// docAt returns the document of docs at path, or nil.
func docAt[D comparable](docs []D, path string, pathOf func(D) string) D {
	var none D
	for _, d := range docs {
		if pathOf(d) == path {
			return d
		}
	}
	return none
}

func entryAt(site *content.Site, path string) *content.Entry {
	return docAt(site.Entries, path, func(e *content.Entry) string { return e.Path })
}

func sourceAt(site *content.Site, path string) *content.Source {
	return docAt(site.Sources, path, func(s *content.Source) string { return s.Path })
}

// samePatched checks a patch that returned ok on tl, which dumped as was
// before: declined, it left tl as it was; applied, tl is what Build makes
// of the edited documents.
// edit returns the mini site's file at path with old replaced by new.
func edit(path, old, new string) map[string]string {
	if !strings.Contains(baseSite[path], old) {
		panic("no " + old + " in " + path)
	}
	return map[string]string{path: strings.Replace(baseSite[path], old, new, 1)}
}

// patchCase builds the mini site's timeline and dumps it (was), and loads
// its documents before and after edits, for a patch to take one to the
// other.
func patchCase(t *testing.T, edits map[string]string) (tl *Timeline, was string, before *content.Site, cfg config.Config, after *content.Site) {
	t.Helper()
	_, before = loadSite(t, nil)
	tl = mustLoad(t, mini(nil), Options{})
	cfg, after = loadSite(t, edits)
	return tl, dump(tl), before, cfg, after
}

func samePatched(t *testing.T, tl *Timeline, was string, ok bool, cfg config.Config, after *content.Site) {
	t.Helper()
	if !ok {
		if got := dump(tl); got != was {
			t.Errorf("a declined patch changed the timeline:\n%s", diffLines(got, was))
		}
		return
	}
	want, errs := Build(cfg, after, Options{})
	if len(errs) > 0 {
		t.Fatalf("the edited site has problems: %v", errs)
	}
	if got, want := dump(tl), dump(want); got != want {
		t.Errorf("patched timeline differs from a build of the edited site:\n%s", diffLines(got, want))
	}
}

// TestPatch: a patched timeline is the timeline Build makes of the edited
// documents, and an edit Patch cannot apply leaves the timeline as it was.
func TestPatch(t *testing.T) {
	const meeting, strikes = "content/entries/2025/meeting.md", "content/entries/2025/strikes.md"
	tests := []struct {
		name  string
		edits map[string]string
		ok    bool
		moves bool // the timeline's order changes
	}{
		{"title", edit(meeting, `title = "Putin meets Araghchi"`, `title = "Putin receives Araghchi"`), true, false},
		{"body", edit(meeting, "in (place:moscow).", "in (place:moscow), after [the strikes](entry:strikes)."), true, false},
		{"shorter quote", edit(meeting, `quote = "Putin met Iranian Foreign Minister Abbas Araghchi"`, `quote = "Putin met Iranian Foreign Minister"`), true, false},
		// The quote moves before the other entries' quotes in the source,
		// so the source's citations are in another order.
		{"quote moves", edit(meeting, `quote = "Putin met Iranian Foreign Minister Abbas Araghchi"`, `quote = "Russian President Vladimir Putin"`), true, false},
		{"evidence date", edit(strikes, `date = "2025-06-22?"`, `date = "2025-06-22"`), true, false},
		{"two entries", mergeEdits(
			edit(meeting, `title = "Putin meets Araghchi"`, `title = "Met"`),
			edit(strikes, `quote = "the US strikes at Iranian nuclear sites at dawn on Sunday"`, `quote = "the US strikes at Iranian nuclear sites"`)), true, false},

		// meeting stays after a-same-day (same date, earlier id) and
		// before draft, which is left out.
		{"date in place", edit(meeting, `date = "2025-06-23"`, `date = "2025-06-23?"`), true, false},
		{"date in place, later", edit(meeting, `date = "2025-06-23"`, `date = "2025-06-30"`), true, false},
		// A move reorders the timeline, the lists of the entry's
		// records and sources, its related entries' lists and the
		// threads (by their first entry).
		{"date moves", edit(meeting, `date = "2025-06-23"`, `date = "2025-06-20"`), true, true},
		{"date moves a year back", edit(meeting, `date = "2025-06-23"`, `date = "2024-12-31"`), true, true},
		{"date much later, still last", edit(meeting, `date = "2025-06-23"`, `date = "2031-01"`), true, false},
		{"date becomes unknown-ended", edit(meeting, `date = "2025-06-23"`, `date = "2025-06-01/.."`), true, true},
		{"two moves", mergeEdits(
			edit(meeting, `date = "2025-06-23"`, `date = "2019"`),
			edit(strikes, `date = "2025-06-21?/2025-06-22?"`, `date = "2030-02-02"`)), true, true},
		{"bad date", edit(meeting, `date = "2025-06-23"`, `date = "2025-06-31"`), false, false},
		{"two dates, one order", mergeEdits(
			edit(meeting, `date = "2025-06-23"`, `date = "2025-07-01"`),
			edit(strikes, `date = "2025-06-21?/2025-06-22?"`, `date = "2025-06-22"`)), true, false},
		{"actors", edit(meeting, `actors = ["Putin", "araqchi", "ARAGHCHI", "Abbas Araghchi"]`, `actors = ["Putin"]`), false, false},
		{"thread", edit(meeting, `thread = "june-war"`, `thread = "unused"`), false, false},
		{"related", edit(strikes, `related = ["meeting"]`, `related = ["june"]`), false, false},
		{"evidence source", edit(meeting, "source = \"tass\"\nquote = \"Putin met Araqchi in Moscow\"", "source = \"moscow\"\nquote = \"who came to Moscow\""), false, false},
		{"misquote", edit(meeting, `quote = "Putin met Araqchi in Moscow"`, `quote = "Putin met Araqchi in Kazan"`), false, false},
		{"bad evidence date", edit(strikes, `date = "2025-06-22?"`, `date = "2025-06-32"`), false, false},
		{"unknown link", edit(meeting, "in (place:moscow).", "in [Kazan](place:kazan)."), false, false},
		{"draft link", edit(meeting, "in (place:moscow).", "in (place:moscow), then [a draft](entry:draft)."), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, was, before, cfg, after := patchCase(t, tt.edits)
			var edits []Edit
			for path := range tt.edits {
				edits = append(edits, Edit{Old: entryAt(before, path), New: entryAt(after, path)})
			}
			changed, ok := Patch(tl, edits, Options{})
			if tt.moves != changed.Moved {
				t.Errorf("Patch moved = %v, want %v", changed.Moved, tt.moves)
			}
			if ok != tt.ok {
				t.Fatalf("Patch ok = %v, want %v", ok, tt.ok)
			}
			if ok && len(changed.Entries) != len(edits) {
				t.Errorf("Patch changed %d entries, want %d", len(changed.Entries), len(edits))
			}
			samePatched(t, tl, was, ok, cfg, after)
		})
	}
}

func mergeEdits(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// diffLines shows the lines of got and want that differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := range max(len(g), len(w)) {
		var x, y string
		if i < len(g) {
			x = g[i]
		}
		if i < len(w) {
			y = w[i]
		}
		if x != y {
			fmt.Fprintf(&b, "got:  %s\nwant: %s\n", x, y)
		}
	}
	return b.String()
}

// TestPatchSources: a timeline whose sources were patched is the timeline
// Build makes of the edited sources, and an edit PatchSources cannot
// apply leaves the timeline as it was.
func TestPatchSources(t *testing.T) {
	const tass = "content/sources/tass.md"
	edit := func(old, new string) map[string]string { return edit(tass, old, new) }
	tests := []struct {
		name  string
		edits map[string]string
		ok    bool
	}{
		{"appended text", edit("in Moscow.\n", "in Moscow.\nA later paragraph.\n"), true},
		// Every quote moves, and the citations of the source with it.
		{"prepended text", edit("+++\nBefore", "+++\nA first paragraph.\nBefore"), true},
		{"title", edit(`title = "Putin tells Araqchi"`, `title = "Putin and Araqchi"`), true},
		// The sources are listed in another order.
		{"published", edit(`published = "2025-06-23"`, `published = "2020-01-01"`), true},
		{"quote gone", edit("Putin met Araqchi in Moscow", "Putin met Araqchi"), false},
		{"quote twice", edit("in Moscow.\n", "in Moscow.\nPutin met Araqchi in Moscow.\n"), false},
		{"bad date", edit(`published = "2025-06-23"`, `published = "2025-06-32"`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, was, before, cfg, after := patchCase(t, tt.edits)
			var edits []SourceEdit
			for path := range tt.edits {
				edits = append(edits, SourceEdit{Old: sourceAt(before, path), New: sourceAt(after, path)})
			}
			changed, ok := PatchSources(tl, edits, Options{})
			if ok != tt.ok {
				t.Fatalf("PatchSources ok = %v, want %v", ok, tt.ok)
			}
			if ok && (len(changed.Entries) == 0 || changed.Moved) {
				t.Errorf("PatchSources changed %d entries, moved %v; want the entries citing the source, none moved", len(changed.Entries), changed.Moved)
			}
			samePatched(t, tl, was, ok, cfg, after)
		})
	}
}

// TestPatchRecords: a timeline whose records were patched is the timeline
// Build makes of the edited registry, and an edit PatchRecords cannot
// apply leaves the timeline as it was.
func TestPatchRecords(t *testing.T) {
	const actors = "content/actors.toml"
	tests := []struct {
		name    string
		edits   map[string]string
		ok      bool
		records int // changed
	}{
		{"name no entry uses", edit(actors, `name = "Vladimir Putin"`, `name = "V. V. Putin"`), true, 1},
		{"new alias", edit(actors, `aliases = ["Putin"]`, `aliases = ["Putin", "VVP"]`), true, 1},
		// Actors are listed by name.
		{"name that reorders", edit(actors, `name = "United States"`, `name = "AA States"`), true, 1},
		{"kind", edit(actors, `kind = "state"`, `kind = "country"`), true, 1},
		{"coordinates", edit("content/places.toml", "lat = 55.75", "lat = 55.76"), true, 1},
		{"thread", edit("content/threads.toml", `name = "June 2025 war"`, `name = "The June war"`), true, 1},
		{"two registries", mergeEdits(
			edit(actors, `kind = "state"`, `kind = "country"`),
			edit("content/topics.toml", `name = "Diplomacy"`, `name = "Talks"`)), true, 2},
		{"nothing changed", edit(actors, `kind = "person"`, `kind = "person" `), true, 0},
		// meeting names Araghchi "Abbas Araghchi" and links "Araqchi".
		{"name in use", edit(actors, `name = "Abbas Araghchi"`, `name = "A. Araghchi"`), false, 0},
		{"alias in use", edit(actors, `aliases = ["Araghchi", "Araqchi"]`, `aliases = ["Araghchi"]`), false, 0},
		{"colliding alias", edit(actors, `aliases = ["Putin"]`, `aliases = ["Putin", "US"]`), false, 0},
		{"added record", edit(actors, "[putin]", "[lavrov]\nname = \"Sergei Lavrov\"\n\n[putin]"), false, 0},
		{"new id", edit(actors, "[araghchi]", "[araghchi-2]"), false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, was, before, cfg, after := patchCase(t, tt.edits)
			var edits []RecordEdit
			for _, kind := range content.RegistryKinds() {
				if _, ok := tt.edits[content.RegistryFile(kind)]; ok {
					edits = append(edits, RecordEdit{Kind: kind, Old: before.Records[kind], New: after.Records[kind]})
				}
			}
			changed, ok := PatchRecords(tl, edits, after.Entries, Options{})
			if ok != tt.ok {
				t.Fatalf("PatchRecords ok = %v, want %v", ok, tt.ok)
			}
			if ok && len(changed.Records) != tt.records {
				t.Errorf("PatchRecords changed %d records, want %d", len(changed.Records), tt.records)
			}
			samePatched(t, tl, was, ok, cfg, after)
		})
	}
}
