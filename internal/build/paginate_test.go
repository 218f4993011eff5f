package build_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
)

// pagedSite is a site of n entries, one a month from January 2024, all
// about one actor, with the given page size.
func pagedSite(n, pageSize int) fstest.MapFS {
	fsys := fstest.MapFS{}
	put := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	put("site.toml", fmt.Sprintf("title = \"Paged\"\nbase_url = \"https://example.org/\"\npage_size = %d\n", pageSize))
	put("content/actors.toml", "[putin]\nname = \"Vladimir Putin\"\nkind = \"person\"\n")
	var text strings.Builder
	for i := range n {
		fmt.Fprintf(&text, "Event number %d happened.\n\n", i)
	}
	put("content/sources/wire.md", "+++\ntitle = \"Wire\"\noutlet = \"Wire\"\npublished = \"2024-01-01\"\n+++\n"+text.String())
	for i := range n {
		put(fmt.Sprintf("content/entries/e%03d.md", i), fmt.Sprintf(`+++
title = "Event %d"
date = "%04d-%02d-01"
actors = ["putin"]

[[evidence]]
source = "wire"
quote = "Event number %d happened."
+++
Summary %d.
`, i, 2024+i/12, i%12+1, i, i))
	}
	return fsys
}

var entryLink = regexp.MustCompile(`id="e-(e\d+)"`)

// shown lists the entries whose cards a page shows.
func shown(page []byte) []string {
	var out []string
	for _, m := range entryLink.FindAllSubmatch(page, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

func ids(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("e%03d", i))
	}
	return out
}

// Lists at the page size's boundaries: one less, exactly, one more.
func TestPaginationBoundaries(t *testing.T) {
	t.Parallel()
	const size = 5
	for _, n := range []int{size - 1, size, size + 1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			s, err := build.Build(pagedSite(n, size), dateline.Theme(), build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			f := s.Files
			if problems := checkSite(f, "https://example.org/"); len(problems) > 0 {
				t.Fatalf("site check:\n%s", strings.Join(problems, "\n"))
			}
			actor, index := f["actors/putin/index.html"], f["index.html"]
			_, page2 := f["actors/putin/page/2/index.html"]
			_, embed2 := f["embed/actors/putin/page/2/index.html"]
			_, year := f["2024/index.html"]
			if n <= size {
				// One page, as before pagination.
				if page2 || embed2 || year || strings.Contains(string(actor), `class="pager"`) {
					t.Errorf("%d entries: paginated (page 2 %v, embed page 2 %v, year page %v)", n, page2, embed2, year)
				}
				if got := shown(actor); !slices.Equal(got, ids(0, n)) {
					t.Errorf("actor page shows %v", got)
				}
				if got := shown(index); !slices.Equal(got, ids(0, n)) {
					t.Errorf("front page shows %v", got)
				}
				return
			}
			if !page2 || !embed2 || !year {
				t.Fatalf("%d entries: page 2 %v, embed page 2 %v, year page %v", n, page2, embed2, year)
			}
			p2 := f["actors/putin/page/2/index.html"]
			if got := shown(actor); !slices.Equal(got, ids(0, size)) {
				t.Errorf("actor page 1 shows %v", got)
			}
			if got := shown(p2); !slices.Equal(got, ids(size, n)) {
				t.Errorf("actor page 2 shows %v", got)
			}
			for _, want := range []string{`<link rel="next" href="../../actors/putin/page/2/">`, `1–5 of 6`, `aria-current="page">1<`} {
				if !strings.Contains(string(actor), want) {
					t.Errorf("actor page 1 lacks %s", want)
				}
			}
			for _, want := range []string{`<link rel="prev" href="../../../../actors/putin/">`, `6–6 of 6`, `<link rel="canonical" href="https://example.org/actors/putin/page/2/">`} {
				if !strings.Contains(string(p2), want) {
					t.Errorf("actor page 2 lacks %s", want)
				}
			}
			if strings.Contains(string(p2), `rel="next"`) {
				t.Error("the last page links a next page")
			}
			// The front page is an overview: the latest entries, and the
			// years with their counts.
			if got := shown(index); !slices.Equal(got, ids(n-size, n)) {
				t.Errorf("overview shows %v, want the %d latest", got, size)
			}
			if !strings.Contains(string(index), `href="2024/"`) || !strings.Contains(string(f["2024/index.html"]), "6 entries") {
				t.Error("the overview does not lead to the year page, or the year page lacks its count")
			}
			// An entry page leads to where the timeline lists it.
			if !strings.Contains(string(f["entries/e005/index.html"]), `href="../../2024/06/#e-e005"`) {
				t.Error("entry page does not link to its year page")
			}
			if _, ok := f["2024/timelinejs.json"]; !ok {
				t.Error("no TimelineJS file for the year")
			}
		})
	}
}

// A year longer than a page is split into months, and a month longer than
// a page into numbered pages.
func TestPaginationMonths(t *testing.T) {
	t.Parallel()
	fsys := pagedSite(3, 2)
	// Five more entries in January 2024.
	for i := 3; i < 8; i++ {
		src := strings.Replace(string(fsys["content/entries/e000.md"].Data), "Event 0", fmt.Sprintf("Event %d", i), 1)
		fsys[fmt.Sprintf("content/entries/e%03d.md", i)] = &fstest.MapFile{Data: []byte(src)}
	}
	s, err := build.Build(fsys, dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if problems := checkSite(s.Files, "https://example.org/"); len(problems) > 0 {
		t.Fatalf("site check:\n%s", strings.Join(problems, "\n"))
	}
	var pages []string
	for p := range s.Files {
		if strings.HasPrefix(p, "2024/") && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	slices.Sort(pages)
	want := []string{"2024/01/index.html", "2024/01/page/2/index.html", "2024/01/page/3/index.html", "2024/02/index.html", "2024/03/index.html", "2024/index.html"}
	if !slices.Equal(pages, want) {
		t.Errorf("period pages %v, want %v", pages, want)
	}
	if got := shown(s.Files["2024/index.html"]); len(got) != 0 {
		t.Errorf("the year of months shows cards %v", got)
	}
	if !strings.Contains(string(s.Files["2024/index.html"]), `href="../2024/01/"`) {
		t.Error("the year page does not lead to its months")
	}
}
