package render

import (
	"cmp"
	"iter"
	"slices"
	"strconv"

	"dateline/internal/locale"
	"dateline/internal/model"
)

// Pagination. No page grows with the size of the site: a list longer than
// the site's page size (site.toml's page_size) is split into numbered
// pages, the first at the list's own URL and the others below it, as Hugo
// and Zola do (/actors/putin/, /actors/putin/page/2/, ...). A timeline
// longer than one page gets an overview front page that leads to a page
// per year, and a year longer than one page a page per month (see Period).
// A list that fits on one page is rendered exactly as it was before
// pagination existed.

// Pager places one page of a list among the list's pages.
type Pager struct {
	Number, Total int // this page and the number of pages, from 1
	Count         int // items in the whole list
	From, To      int // the items shown, 1-based and inclusive
	base          string
}

// PageLink is one link of a pager's list of pages; Gap stands for pages
// left out between two links.
type PageLink struct {
	Number  int
	Path    string
	Current bool
	Gap     bool
}

// pageCount is how many pages n items of size per page fill (one at least:
// an empty list still has its page).
func pageCount(n, size int) int {
	if n <= size || size <= 0 {
		return 1
	}
	return (n + size - 1) / size
}

// pageNumbers yields the numbers of the pages that n items of size per
// page fill, from 1.
func pageNumbers(n, size int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 1; i <= pageCount(n, size); i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// pagePath is the site path of page n of the list whose first page is at
// base ("actors/putin/").
func pagePath(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// paginate returns page n of items, and its pager: nil when the list fits
// on one page, which then shows no pager at all.
func paginate[T any](items []T, size, n int, base string) ([]T, *Pager) {
	total := pageCount(len(items), size)
	if total == 1 {
		return items, nil
	}
	n = min(max(n, 1), total)
	lo, hi := (n-1)*size, min(n*size, len(items))
	return items[lo:hi], &Pager{Number: n, Total: total, Count: len(items), From: lo + 1, To: hi, base: base}
}

// Path is the site path of page n of the list.
func (p *Pager) Path(n int) string { return pagePath(p.base, n) }

// Prev and Next are the site paths of the neighbouring pages, "" at
// either end.
func (p *Pager) Prev() string {
	if p.Number <= 1 {
		return ""
	}
	return p.Path(p.Number - 1)
}

func (p *Pager) Next() string {
	if p.Number >= p.Total {
		return ""
	}
	return p.Path(p.Number + 1)
}

// Links lists the first and last pages and those near this one, with gaps
// between: a list of 400 pages still has a short pager.
func (p *Pager) Links() []PageLink {
	var out []PageLink
	for n := 1; n <= p.Total; n++ {
		if n != 1 && n != p.Total && (n < p.Number-2 || n > p.Number+2) {
			if len(out) > 0 && !out[len(out)-1].Gap {
				out = append(out, PageLink{Gap: true})
			}
			continue
		}
		out = append(out, PageLink{Number: n, Path: p.Path(n), Current: n == p.Number})
	}
	return out
}

// Period is a year, or a month of a year, of a timeline too long for one
// page: its entries have a page (or numbered pages) of their own. A year
// longer than a page shows its months, each with its own pages.
type Period struct {
	Label   string // "2025", "June 2025", "2025, month not known", "Start unknown"
	Path    string // site path: "2025/", "2025/06/", "2025/xx/", "undated/"
	Entries []*model.Entry
	Months  []*Period // of a year split by month
	Year    *Period   // of a month
	Prev    *Period   // the period before, at the same level
	Next    *Period
}

// Key names the period in page deps and fingerprints: what its pages show
// is which entries it holds (their cards have keys of their own) and its
// neighbours' labels.
func (p *Period) Key() string { return "period:" + p.Path }

// Periods lists the years of t, and the months of the years longer than a
// page, for a timeline longer than one page of size entries; nil when the
// whole timeline fits on its front page.
func Periods(t *model.Timeline, size int) []*Period {
	return PeriodsIn(t, size, nil)
}

// PeriodsIn is Periods labelled in the language of loc (nil: English).
func PeriodsIn(t *model.Timeline, size int, loc *locale.Locale) []*Period {
	if len(t.Entries) <= size {
		return nil
	}
	var years []*Period
	for _, y := range groups(t.Entries, loc) {
		year := &Period{Label: y.Label, Path: periodPath(y.ID, "")}
		for _, m := range y.Months {
			year.Entries = append(year.Entries, m.Entries...)
		}
		// The year's entries are one run of t.Entries: share it.
		if len(year.Entries) > 0 {
			first := year.Entries[0].Index
			year.Entries = t.Entries[first : first+len(year.Entries) : first+len(year.Entries)]
		}
		if len(year.Entries) > size {
			var prev *Period
			for _, m := range y.Months {
				month := &Period{Label: monthLabel(loc, y, m), Path: periodPath(y.ID, m.ID), Year: year, Prev: prev}
				first := m.Entries[0].Index
				month.Entries = t.Entries[first : first+len(m.Entries) : first+len(m.Entries)]
				if prev != nil {
					prev.Next = month
				}
				prev = month
				year.Months = append(year.Months, month)
			}
		}
		if n := len(years); n > 0 {
			year.Prev, years[n-1].Next = years[n-1], year
		}
		years = append(years, year)
	}
	return years
}

// periodPath is the site path of a year group (by its ID, "y2025") or of
// one of its months ("m2025-06", "m2025-xx").
func periodPath(yearID, monthID string) string {
	year := "undated"
	if len(yearID) > 1 && yearID[0] == 'y' {
		year = yearID[1:]
	}
	if monthID == "" {
		return year + "/"
	}
	month := monthID[len(monthID)-2:]
	if monthID == "undated" {
		month = "xx"
	}
	return year + "/" + month + "/"
}

func monthLabel(loc *locale.Locale, y yearGroup, m monthGroup) string {
	switch {
	case y.ID == "undated":
		return y.Label
	case loc == nil && !m.w.monthKnown:
		return y.Label + ", month not known"
	case loc == nil:
		return m.Label + " " + y.Label
	case !m.w.monthKnown:
		return loc.Text("year_month_not_known", "Year", y.Label)
	}
	return loc.Month(int(m.w.month), m.w.year)
}

// Count is the number of entries in the period.
func (p *Period) Count() int { return len(p.Entries) }

// periodPages calls add for every page of every period of t: the year
// pages, and the month pages of the years split by month.
func periodPages(periods []*Period, size int, add func(p *Period, n int)) {
	for _, y := range periods {
		if y.Months != nil {
			add(y, 1) // the months, with their counts
			for _, m := range y.Months {
				for n := range pageNumbers(len(m.Entries), size) {
					add(m, n)
				}
			}
			continue
		}
		for n := range pageNumbers(len(y.Entries), size) {
			add(y, n)
		}
	}
}

// Listing is the site path, with its fragment, of the place where the
// timeline lists e: the front page when periods is nil (the timeline fits
// on it), else the page of e's year or month.
func Listing(periods []*Period, size int, e *model.Entry) string {
	anchor := "#e-" + e.ID
	i, ok := slices.BinarySearchFunc(periods, e.Index, func(p *Period, i int) int { return cmp.Compare(p.Entries[0].Index, i) })
	if !ok {
		i--
	}
	if i < 0 {
		return anchor
	}
	p := periods[i]
	if p.Months != nil {
		j, ok := slices.BinarySearchFunc(p.Months, e.Index, func(p *Period, i int) int { return cmp.Compare(p.Entries[0].Index, i) })
		if !ok {
			j--
		}
		p = p.Months[max(j, 0)]
	}
	return pagePath(p.Path, (e.Index-p.Entries[0].Index)/size+1) + anchor
}

// Listing is the URL of the place where the timeline lists e.
func (v view) Listing(e *model.Entry) string {
	return v.Root + Listing(v.r.memo.periodsOf(v.Site, v.Config.PageSize), v.Config.PageSize, e)
}
