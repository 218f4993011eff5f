package search

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"dateline/internal/content"
	"dateline/internal/model"
)

// Query is what a search URL asks for, the contract shared by the search
// page and every page that links to a filtered view (the time axis brushes
// a range into from and to):
//
//	q       words; an entry must match every one
//	actor, place, topic, thread
//	        record ids; repeated, an entry must have every one
//	from, to
//	        dates YYYY, YYYY-MM or YYYY-MM-DD, inclusive: an entry whose
//	        dates overlap the range matches
type Query struct {
	Words    []string            // folded, each once
	Records  map[string][]string // kind -> ids
	From, To int                 // days as Bounds gives them; 0 when unset
}

var dayPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?$`) })

// Day parses a date of the URL contract as its first (last false) or last
// day, as Bounds numbers days.
func Day(s string, last bool) (int, error) {
	m := dayPattern().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || len(m[1]) > 9 {
		return 0, fmt.Errorf("date %q: write YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	y, _ := strconv.Atoi(m[1])
	month, d := 1, 1
	if last {
		month, d = 12, 31
	}
	if m[2] != "" {
		month, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		d, _ = strconv.Atoi(m[3])
	}
	if month < 1 || month > 12 || d < 1 || d > 31 {
		return 0, fmt.Errorf("date %q: no such month or day", s)
	}
	return y*10000 + month*100 + d, nil
}

var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`) })

// ParseQuery reads a query from URL parameters, as static/search.js
// does: record ids that cannot be ids are left out, a date that does not
// parse is an error.
func ParseQuery(v url.Values) (Query, error) {
	q := Query{Records: map[string][]string{}}
	for _, sp := range Words(v.Get("q")) {
		if !slices.Contains(q.Words, sp.Word) {
			q.Words = append(q.Words, sp.Word)
		}
	}
	for _, kind := range content.RegistryKinds() {
		for _, id := range v[kind] {
			if idPattern().MatchString(id) && !slices.Contains(q.Records[kind], id) {
				q.Records[kind] = append(q.Records[kind], id)
			}
		}
	}
	for _, d := range []struct {
		name string
		last bool
		to   *int
	}{{"from", false, &q.From}, {"to", true, &q.To}} {
		if s := strings.TrimSpace(v.Get(d.name)); s != "" {
			n, err := Day(s, d.last)
			if err != nil {
				return q, fmt.Errorf("%s: %w", d.name, err)
			}
			*d.to = n
		}
	}
	return q, nil
}

// Match returns the positions of the entries of t that q finds, in
// timeline order, as static/search.js finds them in x's files: the
// reference the browser tests and the comparison with Pagefind hold the
// script to. An empty query matches nothing.
func (x *Index) Match(t *model.Timeline, q Query) []int {
	var found []int
	all := true
	and := func(p []int) {
		if all {
			found, all = p, false
			return
		}
		found = intersect(found, p)
	}
	for _, w := range q.Words {
		and(x.term(w))
	}
	for _, kind := range content.RegistryKinds() {
		for _, id := range q.Records[kind] {
			var p []int
			for _, r := range t.Records(kind) {
				if r.ID == id {
					for _, e := range r.Entries {
						p = append(p, e.Index)
					}
				}
			}
			and(p)
		}
	}
	if q.From != 0 || q.To != 0 {
		from, to := q.From, q.To
		if from == 0 {
			from = minDay
		}
		if to == 0 {
			to = maxDay
		}
		var p []int
		for i := range x.lo {
			if x.lo[i] <= to && x.hi[i] >= from {
				p = append(p, i)
			}
		}
		and(p)
	}
	return found
}

// term is what one query word finds: the rows with its key, or that start
// with it from three letters, and the names it is a variant of.
func (x *Index) term(w string) []int {
	var p []int
	prefix := len([]rune(w)) >= 3
	i, _ := slices.BinarySearchFunc(x.rows, w, func(r row, k string) int { return strings.Compare(r.key, k) })
	for ; i < len(x.rows) && (x.rows[i].key == w || prefix && strings.HasPrefix(x.rows[i].key, w)); i++ {
		p = union(p, x.rows[i].post)
	}
	if v := Variant(w); v != "" {
		k := variantMark + v
		if i, ok := slices.BinarySearchFunc(x.rows, k, func(r row, k string) int { return strings.Compare(r.key, k) }); ok {
			p = union(p, x.rows[i].post)
		}
	}
	return p
}

func intersect(a, b []int) []int {
	var out []int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}
