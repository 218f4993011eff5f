package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
)

// TestIncrementalMatchesFullBuild is the property the dev server rests on:
// after any sequence of edits, the incremental builder's output is byte for
// byte what a full build of the same files produces, and it fails exactly
// when the full build fails, with the same problems.
func TestIncrementalMatchesFullBuild(t *testing.T) {
	// The default run is a smoke test that still breaks and repairs the
	// site in every sequence; the hundreds of steps that reach the rare
	// sequences take minutes and run under DATELINE_LONG=1 (.ci/run sets it).
	steps := 80 // in 4 sequences
	if os.Getenv("DATELINE_LONG") == "1" {
		steps = 600
		if raceEnabled {
			// The race detector slows each step about tenfold; the
			// property is still exercised, the 600 steps run without
			// it (.ci/run does both).
			steps = 100
		}
	}
	if s := os.Getenv("DATELINE_PROPERTY_STEPS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("DATELINE_PROPERTY_STEPS=%q: want a positive number of steps", s)
		}
		steps = n
	}
	seeds := []uint64{1, 2, 3, 4}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			runEdits(t, seed, steps/len(seeds))
		})
	}
}

func runEdits(t *testing.T, seed uint64, steps int) {
	site := build.ExampleSite(t)
	if seed%2 == 0 {
		// Pages of four entries: the timeline gets year and month pages,
		// records and embeds numbered pages, which edits move entries
		// between.
		cfg := site["site.toml"]
		cfg.Data = append(bytes.Clone(cfg.Data), "page_size = 4\n"...)
	}
	original := maps.Clone(site)
	for p, f := range original {
		original[p] = &fstest.MapFile{Data: bytes.Clone(f.Data)}
	}
	theme := dateline.Theme()
	opt := build.Options{}
	inc := build.NewIncremental(site, theme, opt)
	e := &editor{rng: rand.New(rand.NewPCG(seed, seed*7919)), fs: site, original: original}

	check := func(step int, what string, res build.Result) {
		t.Helper()
		full, err := build.Build(site, theme, opt)
		if (res.Err != nil) != (err != nil) {
			t.Fatalf("step %d (%s): incremental error %v, full build error %v", step, what, res.Err, err)
		}
		if got, want := res.Problems.Error(), full.Problems.Error(); got != want {
			t.Fatalf("step %d (%s): problems differ\nincremental:\n%s\nfull:\n%s", step, what, got, want)
		}
		e.broken = err != nil
		if err != nil {
			e.failed++
			if res.Files != nil && e.good != nil {
				sameFiles(t, step, what, res.Files.Flat(), e.good)
			}
			return
		}
		e.ok++
		if res.Patched {
			e.patched++
		}
		e.good = full.Files
		sameFiles(t, step, what, res.Files.Flat(), full.Files)
	}
	check(0, "first build", inc.Update())
	for step := 1; step <= steps; step++ {
		what, paths := e.edit()
		if !strings.HasPrefix(what, "revert") {
			e.touched = append(e.touched, paths)
		}
		var res build.Result
		if e.rng.IntN(20) == 0 {
			res = inc.Rescan()
		} else {
			res = inc.Update(paths...)
		}
		check(step, what, res)
	}
	t.Logf("seed %d: %d steps, %d built (%d patched), %d failed as the full build did", seed, steps, e.ok, e.patched, e.failed)
	if e.ok < steps/4 || e.failed == 0 {
		t.Errorf("edits should both break and fix the site: %d ok, %d failed", e.ok, e.failed)
	}
	if e.patched == 0 {
		t.Errorf("no edit patched the timeline: the fast path went untested")
	}
}

func sameFiles(t *testing.T, step int, what string, got, want map[string][]byte) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[p]
		if !ok {
			t.Fatalf("step %d (%s): incremental output lacks %s", step, what, p)
		}
		if !bytes.Equal(g, want[p]) {
			t.Fatalf("step %d (%s): %s differs from the full build:\n%s", step, what, p, firstDiff(g, want[p]))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Fatalf("step %d (%s): incremental output has %s, the full build has not", step, what, p)
		}
	}
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-120)
	return fmt.Sprintf("incremental: …%s…\nfull:        …%s…", a[lo:min(len(a), i+120)], b[lo:min(len(b), i+120)])
}

// editor makes random edits the way a maintainer might, errors included.
type editor struct {
	rng      *rand.Rand
	fs       fstest.MapFS
	original fstest.MapFS
	good     map[string][]byte
	ok       int
	patched  int // of ok
	failed   int
	serial   int
	broken   bool
	touched  [][]string // the paths of each edit, newest last
}

func (e *editor) pick(xs []string) string { return xs[e.rng.IntN(len(xs))] }

func (e *editor) files(prefix string) []string {
	var out []string
	for p := range e.fs {
		if strings.HasPrefix(p, prefix) && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func (e *editor) read(p string) string { return string(e.fs[p].Data) }

func (e *editor) write(p, s string) { e.fs[p] = &fstest.MapFile{Data: []byte(s)} }

var (
	titleRE  = regexp.MustCompile(`(?m)^title = ".*"$`)
	dateRE   = regexp.MustCompile(`(?m)^date = ".*"$`)
	quoteRE  = regexp.MustCompile(`(?m)^quote = ".*"$`)
	actorsRE = regexp.MustCompile(`(?m)^actors = \[.*\]$`)
	threadRE = regexp.MustCompile(`(?m)^thread = ".*"\n`)
	nameRE   = regexp.MustCompile(`(?m)^name = ".*"$`)
	aliasRE  = regexp.MustCompile(`(?m)^aliases = \["([^"]*)"`) // the first alias
)

var dates = []string{
	"2025-06-22", "2025-06", "2025", "2026-03-09/2026-03-10", "2026-02-28/..", "2025-06-21?", "2026-01~",
	"2026-03-XX", "2024-12-08", "2015-09-30", "2026-03-09T14:30+03:00", "2020-01", "2025-06-13%",
	"2025-13-01", "yesterday", // invalid
}

var actorIDs = []string{"putin", "trump", "araghchi", "iran", "russia", "Putin", "united-states", "putn"}

// edit changes the site and returns what it did and the paths it touched.
func (e *editor) edit() (string, []string) {
	// A broken site is usually repaired next (the last edits undone), so
	// that sequences spend most of their time building; now and then an
	// older edit is undone too.
	if e.broken && e.rng.IntN(4) > 0 || e.rng.IntN(8) == 0 {
		if ps := e.revert(e.broken); len(ps) > 0 {
			return "revert " + strings.Join(ps, " "), ps
		}
	}
	entries := e.files("content/entries/")
	sources := e.files("content/sources/")
	e.serial++
	switch op := e.rng.IntN(20); op {
	case 0, 1: // title
		p := e.pick(entries)
		e.write(p, titleRE.ReplaceAllLiteralString(e.read(p), fmt.Sprintf(`title = "Edited title %d"`, e.serial)))
		return "title " + p, []string{p}
	case 2: // date
		p := e.pick(entries)
		e.write(p, replaceFirst(dateRE, e.read(p), fmt.Sprintf(`date = %q`, e.pick(dates))))
		return "date " + p, []string{p}
	case 3: // the same date, more or less certain: often in the same place
		p := e.pick(entries)
		e.write(p, dateRE.ReplaceAllStringFunc(e.read(p), func(d string) string {
			if strings.HasSuffix(d, `?"`) {
				return strings.TrimSuffix(d, `?"`) + `"`
			}
			return strings.TrimSuffix(d, `"`) + `?"`
		}))
		return "redate " + p, []string{p}
	case 4, 5: // body
		p := e.pick(entries)
		body := []string{
			" More text.", " See [Putin](actor:putin).", " Compare (entry:2024-assad-overthrown).",
			" [Unknown](actor:nobody-at-all).", " A *stressed* word and [a link](https://example.org/).",
			" [Read it](source:russian-president-vladimir-putin-told-irans).",
		}
		e.write(p, e.read(p)+e.pick(body))
		return "body " + p, []string{p}
	case 6: // quote: another passage of a cited source, or a misquote
		p := e.pick(entries)
		q := "a passage that appears in no source"
		if e.rng.IntN(3) > 0 {
			q = e.passage(e.pick(sources))
		}
		e.write(p, replaceFirst(quoteRE, e.read(p), fmt.Sprintf("quote = %q", q)))
		return "quote " + p, []string{p}
	case 7: // actors
		p := e.pick(entries)
		var as []string
		for range 1 + e.rng.IntN(3) {
			as = append(as, strconv.Quote(e.pick(actorIDs)))
		}
		s := e.read(p)
		if actorsRE.MatchString(s) {
			s = actorsRE.ReplaceAllLiteralString(s, "actors = ["+strings.Join(as, ", ")+"]")
		} else {
			s = strings.Replace(s, "\n", "\nactors = ["+strings.Join(as, ", ")+"]\n", 1)
		}
		e.write(p, s)
		return "actors " + p, []string{p}
	case 8: // add an entry, possibly in a new folder
		p := e.pick(entries)
		dir := path.Dir(p)
		if e.rng.IntN(3) == 0 {
			dir = fmt.Sprintf("content/entries/new-%d", e.serial)
		}
		np := fmt.Sprintf("%s/added-%d.md", dir, e.serial)
		e.write(np, titleRE.ReplaceAllLiteralString(e.read(p), fmt.Sprintf(`title = "Added %d"`, e.serial)))
		return "add " + np, []string{dir}
	case 9: // delete an entry
		p := e.pick(entries)
		delete(e.fs, p)
		return "delete " + p, []string{p}
	case 10: // rename an entry (an editor's move)
		p := e.pick(entries)
		np := path.Dir(p) + fmt.Sprintf("/renamed-%d.md", e.serial)
		e.fs[np] = e.fs[p]
		delete(e.fs, p)
		return "rename " + p, []string{p, np}
	case 11: // draft
		p := e.pick(entries)
		s := e.read(p)
		if strings.Contains(s, "\ndraft = true\n") {
			s = strings.Replace(s, "\ndraft = true\n", "\n", 1)
		} else {
			s = strings.Replace(s, "\n", "\ndraft = true\n", 1)
		}
		e.write(p, s)
		return "draft " + p, []string{p}
	case 12: // thread
		p := e.pick(entries)
		s := threadRE.ReplaceAllLiteralString(e.read(p), "")
		if e.rng.IntN(3) > 0 {
			th := e.pick([]string{"june-2025-israel-iran-war", "russian-diplomacy-iran-crisis", "2026-us-israel-campaign-against-iran"})
			s = strings.Replace(s, "\n", "\nthread = \""+th+"\"\n", 1)
		}
		e.write(p, s)
		return "thread " + p, []string{p}
	case 13: // source: edit text or title, add a copy, delete one
		p := e.pick(sources)
		switch e.rng.IntN(4) {
		case 0:
			e.write(p, e.read(p)+"\nAn appended paragraph of archived text.\n")
		case 1:
			e.write(p, titleRE.ReplaceAllLiteralString(e.read(p), fmt.Sprintf(`title = "Source title %d"`, e.serial)))
		case 2:
			np := fmt.Sprintf("content/sources/copy-%d.md", e.serial)
			e.write(np, e.read(p))
			return "add source " + np, []string{np}
		default:
			delete(e.fs, p)
		}
		return "source " + p, []string{p}
	case 14: // registry: rename a record or an alias, add an alias, add a record
		reg := e.pick([]string{"content/actors.toml", "content/places.toml", "content/topics.toml", "content/threads.toml"})
		s := e.read(reg)
		switch e.rng.IntN(4) {
		case 0:
			locs := nameRE.FindAllStringIndex(s, -1)
			l := locs[e.rng.IntN(len(locs))]
			s = s[:l[0]] + fmt.Sprintf(`name = "Renamed %d"`, e.serial) + s[l[1]:]
		case 3:
			// Entries that use the old alias no longer resolve, until
			// the rename is undone.
			locs := aliasRE.FindAllStringSubmatchIndex(s, -1)
			if len(locs) == 0 {
				return e.edit()
			}
			l := locs[e.rng.IntN(len(locs))]
			s = s[:l[2]] + fmt.Sprintf("Renamed alias %d", e.serial) + s[l[3]:]
		case 1:
			s += fmt.Sprintf("\n[new-record-%d]\nname = \"New record %d\"\naliases = [\"Putin\"]\n", e.serial, e.serial)
		default:
			s += fmt.Sprintf("\n[new-record-%d]\nname = \"New record %d\"\n", e.serial, e.serial)
		}
		e.write(reg, s)
		return "registry " + reg, []string{reg}
	case 15: // template override: a change, a parse error or an execution error
		p := e.pick([]string{"templates/entry.html", "templates/partials.html", "templates/record.html", "templates/timeline.html"})
		base, _ := fs.ReadFile(dateline.Theme(), p)
		switch e.rng.IntN(4) {
		case 0:
			e.write(p, string(base)+"{{/* edited */}}")
		case 1:
			e.write(p, strings.Replace(string(base), "</h1>", fmt.Sprintf(" <small>%d</small></h1>", e.serial), 1))
		case 2:
			e.write(p, string(base)+"{{ .Broken")
		default:
			e.write(p, strings.Replace(string(base), "</h1>", "{{.NoSuchField}}</h1>", 1))
		}
		return "template " + p, []string{p}
	case 16: // static, some over pages of the same path
		p := e.pick([]string{"static/extra.css", "static/style.css", "static/app.js", "static/sub/x.txt", "static/404.html", "static/timeline.json"})
		if _, ok := e.fs[p]; ok && e.rng.IntN(2) == 0 {
			delete(e.fs, p)
		} else {
			e.write(p, fmt.Sprintf("/* %d */ body { color: #%03d; }\n", e.serial, e.serial%1000))
		}
		return "static " + p, []string{p}
	case 17: // site.toml
		s := e.read("site.toml")
		e.write("site.toml", replaceFirst(titleRE, s, fmt.Sprintf(`title = "Site %d"`, e.serial)))
		return "site.toml", []string{"site.toml"}
	case 18: // bad TOML
		p := e.pick(entries)
		e.write(p, strings.Replace(e.read(p), "\n", "\ntitle = = oops\n", 1))
		return "bad toml " + p, []string{p}
	default: // editor litter that must change nothing
		p := e.pick(entries)
		e.write(p+"~", e.read(p))
		e.write(path.Dir(p)+"/.#lock.md", "x")
		e.write(path.Dir(p)+"/4913", "")
		return "editor files", []string{p + "~", path.Dir(p) + "/.#lock.md", path.Dir(p) + "/4913"}
	}
}

// passage is a few words of a source's body (not always unique in it).
func (e *editor) passage(p string) string {
	s := e.read(p)
	if i := strings.Index(s[3:], "+++"); i >= 0 {
		s = s[i+6:]
	}
	words := strings.Fields(s)
	if len(words) < 8 {
		return "missing"
	}
	i := e.rng.IntN(len(words) - 8)
	q := strings.Join(words[i:i+3+e.rng.IntN(5)], " ")
	return strings.Trim(q, `"“”`)
}

// revert restores the files of the last edit (or of a random one) to the
// fixture.
func (e *editor) revert(last bool) []string {
	if last && len(e.touched) > 0 {
		ps := e.touched[len(e.touched)-1]
		e.touched = e.touched[:len(e.touched)-1]
		for _, p := range ps {
			e.restore(p)
		}
		return ps
	}
	var diff []string
	for p, f := range e.fs {
		if o, ok := e.original[p]; !ok || !bytes.Equal(o.Data, f.Data) {
			diff = append(diff, p)
		}
	}
	for p := range e.original {
		if _, ok := e.fs[p]; !ok {
			diff = append(diff, p)
		}
	}
	if len(diff) == 0 {
		return nil
	}
	slices.Sort(diff)
	p := e.pick(diff)
	e.restore(p)
	return []string{p}
}

func (e *editor) restore(p string) {
	if o, ok := e.original[p]; ok {
		e.fs[p] = &fstest.MapFile{Data: bytes.Clone(o.Data)}
	} else if strings.HasPrefix(p, "content/entries/new-") && !strings.HasSuffix(p, ".md") {
		for q := range e.fs { // an added folder
			if strings.HasPrefix(q, p+"/") {
				delete(e.fs, q)
			}
		}
	} else {
		delete(e.fs, p)
	}
}

func replaceFirst(re *regexp.Regexp, s, with string) string {
	loc := re.FindStringIndex(s)
	if loc == nil {
		return s
	}
	return s[:loc[0]] + with + s[loc[1]:]
}

// TestIncrementalEditKinds makes each kind of edit the dev server must
// handle without a full rebuild once, in a fixed order, and checks the
// output against a full build after each: the random sequences above
// reach some kinds (an alias renamed while the site builds) rarely.
func TestIncrementalEditKinds(t *testing.T) {
	site := build.ExampleSite(t)
	theme := dateline.Theme()
	inc := build.NewIncremental(site, theme, build.Options{})
	read := func(p string) string { return string(site[p].Data) }
	write := func(p, s string) { site[p] = &fstest.MapFile{Data: []byte(s)} }
	var entries []string
	for p := range site {
		if strings.HasPrefix(p, "content/entries/") && strings.HasSuffix(p, ".md") {
			entries = append(entries, p)
		}
	}
	slices.Sort(entries)
	entry := entries[len(entries)/2]
	added := path.Dir(entry) + "/added-by-test.md"
	source := ""
	for p := range site {
		if strings.HasPrefix(p, "content/sources/") && (source == "" || p < source) {
			source = p
		}
	}
	year := regexp.MustCompile(`(?m)^date = "(\d{4})`)
	edits := []struct {
		name string
		do   func() string // the path changed
	}{
		{"summary", func() string { write(entry, read(entry)+"\nAn edited summary.\n"); return entry }},
		{"move", func() string {
			write(entry, year.ReplaceAllStringFunc(read(entry), func(d string) string {
				y, _ := strconv.Atoi(d[8:12])
				return fmt.Sprintf(`date = "%d`, y-1)
			}))
			return entry
		}},
		{"add", func() string {
			write(added, replaceFirst(regexp.MustCompile(`(?m)^title = ".*"$`), read(entry), `title = "An added entry"`))
			return added
		}},
		{"delete", func() string { delete(site, added); return added }},
		{"registry", func() string {
			s := read("content/actors.toml")
			write("content/actors.toml", replaceFirst(nameRE, s, `name = "A renamed actor"`))
			return "content/actors.toml"
		}},
		{"alias", func() string {
			s := read("content/actors.toml")
			write("content/actors.toml", strings.Replace(s, `aliases = ["`, `aliases = ["An added alias", "`, 1))
			return "content/actors.toml"
		}},
		{"alias renamed", func() string {
			s := read("content/actors.toml")
			write("content/actors.toml", strings.Replace(s, `"An added alias"`, `"A renamed alias"`, 1))
			return "content/actors.toml"
		}},
		{"source", func() string { write(source, read(source)+"\nAn appended paragraph.\n"); return source }},
		// Every quote from the source moves in its text.
		{"source prepended", func() string {
			s := read(source)
			end := strings.Index(s[1:], "+++\n") + 1 + len("+++\n") // of the front matter
			write(source, s[:end]+"A paragraph before the others.\n\n"+s[end:])
			return source
		}},
		{"source title", func() string {
			write(source, replaceFirst(titleRE, read(source), `title = "An edited source title"`))
			return source
		}},
		// The sources are listed in another order.
		{"source published", func() string {
			write(source, replaceFirst(regexp.MustCompile(`(?m)^published = ".*"$`), read(source), `published = "1999-01-01"`))
			return source
		}},
		{"template", func() string {
			base, _ := fs.ReadFile(theme, "templates/entry.html")
			write("templates/entry.html", strings.Replace(string(base), "</h1>", " <small>edited</small></h1>", 1))
			return "templates/entry.html"
		}},
	}
	// The edits that must not resolve the whole site again.
	patched := map[string]bool{"summary": true, "move": true, "registry": true, "alias": true, "alias renamed": true,
		"source": true, "source prepended": true, "source title": true, "source published": true}
	if res := inc.Update(); res.Err != nil {
		t.Fatal(res.Err)
	}
	for _, ed := range edits {
		res := inc.Update(ed.do())
		if patched[ed.name] && !res.Patched {
			t.Errorf("%s: resolved the site again (%s)", ed.name, res.Describe())
		}
		full, err := build.Build(site, theme, build.Options{})
		if err != nil || res.Err != nil {
			t.Fatalf("%s: the edit broke the site: full build %v, incremental %v", ed.name, err, res.Err)
		}
		if len(res.Written)+len(res.Removed) == 0 {
			t.Errorf("%s: no file written", ed.name)
		}
		sameFiles(t, 0, ed.name, res.Files.Flat(), full.Files)
	}
}
