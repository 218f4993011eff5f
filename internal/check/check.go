// Package check finds editorial problems in a site that resolves without
// errors: things a build accepts but an editor should look at. They are
// warnings; `dateline check --strict` makes them fail.
//
//   - An entry's date does not overlap what an evidence's date_text reads
//     as in its source (the temporal tagger reads the wording in the quoted
//     sentence, relative to the source's publication date).
//   - A source that no entry cites.
//   - Two entries that look like the same event: overlapping dates, a
//     shared actor (or none on either side), and similar titles or the same
//     quoted passage.
//   - A registry record (actor, place, topic, thread) that no entry refers
//     to, in its front matter or in a link in its summary.
//
// Draft entries count only when the site is checked with drafts; the
// messages still say when only drafts would settle a warning.
package check

import (
	"fmt"
	"slices"
	"strings"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/markdown"
	"dateline/internal/model"
)

// Options select what counts.
type Options struct {
	Drafts bool // draft entries count as published ones
}

// Warnings returns the editorial warnings for a site: t is its resolved
// timeline, site the documents it was built from (for positions).
func Warnings(t *model.Timeline, site *content.Site, opt Options) diag.List {
	var w diag.List
	if t == nil || site == nil {
		return w
	}
	byID := entriesByID(site)
	w.Append(dates(t, byID))
	w.Append(uncited(site, opt))
	w.Append(duplicates(t, byID))
	w.Append(unreferenced(t, site, opt))
	w.Sort()
	return w
}

// entriesByID maps ids to the entry documents the timeline's entries were
// resolved from, for positions; of two documents with one id (an error
// the build reports), the first.
func entriesByID(site *content.Site) map[string]*content.Entry {
	byID := map[string]*content.Entry{}
	for _, ce := range site.Entries {
		if _, dup := byID[ce.ID]; !dup {
			byID[ce.ID] = ce
		}
	}
	return byID
}

// counts reports whether a content entry takes part in the checks.
func counts(e *content.Entry, opt Options) bool { return !e.Draft || opt.Drafts }

// uncited warns about sources that no entry cites.
func uncited(site *content.Site, opt Options) diag.List {
	var w diag.List
	cited := map[string]bool{}
	drafts := map[string][]string{}
	for _, e := range site.Entries {
		for _, ev := range e.Evidence {
			if counts(e, opt) {
				cited[ev.Source.Text] = true
			} else if !slices.Contains(drafts[ev.Source.Text], e.ID) {
				drafts[ev.Source.Text] = append(drafts[ev.Source.Text], e.ID)
			}
		}
	}
	for _, s := range site.Sources {
		if cited[s.ID] || s.Broken {
			continue
		}
		msg := fmt.Sprintf("source %q is not cited by any entry", s.ID)
		msg += draftNote(drafts[s.ID])
		w.Warn(diag.Pos{Path: s.Path, Line: 1, Col: 1}, "%s", msg)
	}
	return w
}

// draftNote says which drafts would settle a warning.
func draftNote(ids []string) string {
	switch n := len(ids); {
	case n == 0:
		return ""
	case n > 3:
		return fmt.Sprintf(" (only by %d drafts: %s, ...)", n, strings.Join(ids[:3], ", "))
	}
	if len(ids) == 1 {
		return fmt.Sprintf(" (only by draft %s)", ids[0])
	}
	return fmt.Sprintf(" (only by drafts %s)", strings.Join(ids, ", "))
}

// unreferenced warns about registry records that no entry refers to.
func unreferenced(t *model.Timeline, site *content.Site, opt Options) diag.List {
	var w diag.List
	used := map[*model.Record]bool{}
	drafts := map[*model.Record][]string{}
	md := markdown.New() // one parser for every summary
	for _, e := range site.Entries {
		mark := func(kind, ref string) {
			r := t.Resolve(kind, ref)
			if r == nil {
				return
			}
			if counts(e, opt) {
				used[r] = true
			} else if !slices.Contains(drafts[r], e.ID) {
				drafts[r] = append(drafts[r], e.ID)
			}
		}
		for kind, vs := range map[string][]content.Value{"actor": e.Actors, "place": e.Places, "topic": e.Topics} {
			for _, v := range vs {
				mark(kind, v.Text)
			}
		}
		if e.Thread.Text != "" {
			mark("thread", e.Thread.Text)
		}
		for _, ref := range md.Refs([]byte(e.Body)) {
			mark(ref.Kind, ref.ID)
		}
	}
	for _, kind := range content.RegistryKinds() {
		for _, cr := range site.Records[kind] {
			r := t.Record(kind, cr.ID)
			if r == nil || used[r] {
				continue
			}
			w.Warn(cr.Pos, "%s %q is not referred to by any entry%s", kind, cr.ID, draftNote(drafts[r]))
		}
	}
	return w
}
