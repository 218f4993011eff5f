package search

import (
	"dateline/internal/model"
	"dateline/internal/render"
)

// PagesHeld is PagesCached with a report of whether the memo of its
// index files holds an index.
func PagesHeld(t *model.Timeline, c *Cache) ([]render.Page, func() bool) {
	ps, m := pages(t, c, render.NewSummaries(t))
	return ps, func() bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		return m.x != nil || m.from != nil
	}
}

// KeepsWords reports whether an indexer made with c keeps the words of
// each entry of t.
func KeepsWords(t *model.Timeline, c *Cache) bool {
	return newIndexer(t, c, render.NewSummaries(t)).tokens != nil
}
