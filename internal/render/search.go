package render

import "dateline/internal/model"

// The search and filter page, whose script reads the index of package
// search. A site whose templates lack search.html (one that replaced the
// whole theme before there was one) has no search page.
const (
	searchTemplate = "search.html"
	searchPath     = "search/"
)

// searchView is the search page. Its choices of records are loaded by
// the script from the index, not listed here: with 100,000 entries the
// registries would outweigh the page.
func (r *Renderer) searchView(t *model.Timeline) view {
	return r.at(r.base(t, searchTemplate, r.loc.Text("search_title")), searchPath)
}
