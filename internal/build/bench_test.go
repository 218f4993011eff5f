package build_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"dateline"
	"dateline/internal/build"
)

// syntheticSite generates a realistic site of n entries: one archived
// source of news prose per ten entries, 50 actors with aliases, 30 places,
// 20 topics and 5 threads; every entry has one or two quotes verified
// against its source and a Markdown summary with cross references of
// every kind. The same n always gives the same site.
func syntheticSite(n int) fstest.MapFS {
	rng := rand.New(rand.NewPCG(uint64(n), 2026))
	fsys := fstest.MapFS{}
	put := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	put("site.toml", "title = \"Synthetic timeline\"\ndescription = \"Generated for benchmarks.\"\nbase_url = \"https://example.org/\"\n")

	// Actors: distinct surnames built from syllables, each with a second
	// spelling as sources write it.
	first := []string{"Abbas", "Vladimir", "Masoud", "Sergei", "Ali", "Donald", "Maria", "Yuri", "Hassan", "Olga"}
	syl := []string{"ka", "ra", "mi", "zo", "ta", "ne", "lu", "vo", "shi", "de", "gha", "ro"}
	type actor struct{ id, name, surname, variant string }
	var actors []actor
	taken := map[string]bool{}
	for len(actors) < 50 {
		s := syl[rng.IntN(len(syl))] + syl[rng.IntN(len(syl))] + syl[rng.IntN(len(syl))]
		surname := strings.ToUpper(s[:1]) + s[1:]
		variant := strings.Replace(surname, "gh", "q", 1)
		if variant == surname {
			variant = surname + "y"
		}
		if taken[strings.ToLower(surname)] || taken[strings.ToLower(variant)] {
			continue
		}
		taken[strings.ToLower(surname)], taken[strings.ToLower(variant)] = true, true
		name := first[len(actors)%len(first)] + " " + surname
		actors = append(actors, actor{id: strings.ToLower(strings.ReplaceAll(name, " ", "-")), name: name, surname: surname, variant: variant})
	}
	var reg strings.Builder
	for _, a := range actors {
		fmt.Fprintf(&reg, "[%s]\nname = %q\naliases = [%q, %q]\nkind = \"person\"\ndescription = \"An official named in the reports.\"\n\n", a.id, a.name, a.surname, a.variant)
	}
	put("content/actors.toml", reg.String())

	cities := []string{"Moscow", "Tehran", "Geneva", "Vienna", "Doha", "Ankara", "Beirut", "Baghdad", "Riyadh", "Cairo"}
	var places []string
	reg.Reset()
	for i := range 30 {
		name := cities[i%len(cities)]
		if i >= len(cities) {
			name = fmt.Sprintf("%s district %d", name, i/len(cities))
		}
		id := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		places = append(places, id)
		fmt.Fprintf(&reg, "[%s]\nname = %q\nkind = \"city\"\nlat = %.2f\nlon = %.2f\n\n", id, name, 20+rng.Float64()*30, 30+rng.Float64()*30)
	}
	put("content/places.toml", reg.String())

	var topics []string
	reg.Reset()
	for i := range 20 {
		id := fmt.Sprintf("topic-%02d", i)
		topics = append(topics, id)
		fmt.Fprintf(&reg, "[%s]\nname = \"Topic %d\"\ndescription = \"Reports about subject %d.\"\n\n", id, i, i)
	}
	put("content/topics.toml", reg.String())

	reg.Reset()
	for i := range 5 {
		fmt.Fprintf(&reg, "[thread-%d]\nname = \"Phase %d\"\ndescription = \"The %d. phase of the conflict.\"\n\n", i, i+1, i+1)
	}
	put("content/threads.toml", reg.String())

	verbs := []string{"met", "spoke by phone with", "warned", "criticised", "thanked", "received"}
	subjects := []string{"the nuclear programme", "a ceasefire proposal", "sanctions relief", "the security situation", "humanitarian access", "a prisoner exchange"}
	days := []string{"on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "on Friday", "at dawn on Saturday", "on Sunday night"}
	// sentence k of source s is unique: it names a numbered statement.
	sentence := func(s, k int) string {
		a, b := actors[(s*7+k)%len(actors)], actors[(s*13+k*3+1)%len(actors)]
		return fmt.Sprintf("%s %s %s in %s %s to discuss %s, according to statement %d-%d from the ministry.",
			a.surname, verbs[(s+k)%len(verbs)], b.variant, cities[(s+k)%len(cities)], days[(s*3+k)%len(days)], subjects[(s+2*k)%len(subjects)], s, k)
	}
	filler := "Officials on both sides declined to give details, and the statements that followed repeated positions both governments have held for months. Analysts said the talks were unlikely to change the course of events in the short term."

	sources := (n + 9) / 10
	for s := range sources {
		var body strings.Builder
		fmt.Fprintf(&body, "+++\ntitle = \"Report %d on the regional talks\"\noutlet = \"Wire %d\"\npublished = \"%d-%02d-%02d\"\nlanguage = \"en\"\n+++\n", s, s%7, 2000+s%26, 1+s%12, 1+s%28)
		for k := range 20 {
			body.WriteString(sentence(s, k))
			if k%2 == 1 {
				body.WriteString("\n\n" + filler + "\n\n")
			} else {
				body.WriteString(" ")
			}
		}
		put(fmt.Sprintf("content/sources/report-%04d.md", s), body.String())
	}

	id := func(i int) string { return fmt.Sprintf("entry-%05d", i) }
	for i := range n {
		s, k := i/10, 2*(i%10)
		year, month, day := 2000+i*26/n, 1+i%12, 1+i%28
		var date string
		switch i % 6 {
		case 0:
			date = fmt.Sprintf("%d-%02d-%02d", year, month, day)
		case 1:
			date = fmt.Sprintf("%d-%02d", year, month)
		case 2:
			date = fmt.Sprintf("%d-%02d-%02d?", year, month, day)
		case 3:
			date = fmt.Sprintf("%d-%02d-%02d/%d-%02d-%02d", year, month, day, year, month, day+1)
		case 4:
			date = fmt.Sprintf("%d-%02d~", year, month)
		default:
			date = fmt.Sprintf("%d-%02d-XX", year, month)
		}
		a1, a2 := actors[(s*7+k)%len(actors)], actors[(s*13+k*3+1)%len(actors)]
		var e strings.Builder
		fmt.Fprintf(&e, "+++\ntitle = \"%s and %s discuss %s\"\ndate = %q\n", a1.surname, a2.surname, subjects[(s+2*k)%len(subjects)], date)
		fmt.Fprintf(&e, "actors = [%q, %q]\nplaces = [%q]\ntopics = [%q, %q]\nthread = \"thread-%d\"\n",
			a1.surname, a2.variant, places[i%len(places)], topics[i%len(topics)], topics[(i+7)%len(topics)], i*5/n)
		if i > 0 {
			fmt.Fprintf(&e, "related = [%q]\n", id(i-1))
		}
		quotes := 1 + i%2
		for q := range quotes {
			fmt.Fprintf(&e, "\n[[evidence]]\nsource = \"report-%04d\"\nquote = %q\ndate_text = %q\n", s, sentence(s, k+q), days[(s*3+k+q)%len(days)])
		}
		fmt.Fprintf(&e, "+++\n[%s](actor:%s) and [%s](actor:%s) met in [the city](place:%s) to discuss [the subject](topic:%s), as [the report](source:report-%04d) says. Part of [the phase](thread:thread-%d).",
			a1.name, a1.id, a2.variant, a2.variant, places[i%len(places)], topics[i%len(topics)], s, i*5/n)
		if i > 0 {
			fmt.Fprintf(&e, " It followed [the previous entry](entry:%s).", id(i-1))
		}
		e.WriteString("\n\nThe *meeting* was the **latest** in a series.\n")
		put(fmt.Sprintf("content/entries/%d/%s.md", year, id(i)), e.String())
	}
	return fsys
}

func TestSyntheticSite(t *testing.T) {
	t.Parallel()
	s, err := build.Build(syntheticSite(200), dateline.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("the generated site does not build:\n%v", err)
	}
	if len(s.Problems) > 0 {
		t.Errorf("problems: %v", s.Problems)
	}
	if len(s.Timeline.Entries) != 200 || len(s.Timeline.Sources) != 20 || len(s.Timeline.Actors) != 50 || len(s.Timeline.Threads) != 5 {
		t.Errorf("%d entries, %d sources, %d actors, %d threads", len(s.Timeline.Entries), len(s.Timeline.Sources), len(s.Timeline.Actors), len(s.Timeline.Threads))
	}
	quotes := 0
	for _, e := range s.Timeline.Entries {
		quotes += len(e.Evidence)
	}
	if quotes != 300 {
		t.Errorf("%d verified quotes, want 300", quotes)
	}
	if problems := checkSite(s.Files, s.Config.BaseURL); len(problems) > 0 {
		t.Errorf("site check (%d problems):\n%s", len(problems), strings.Join(problems[:min(20, len(problems))], "\n"))
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			fsys := syntheticSite(n)
			theme := dateline.Theme()
			b.ReportAllocs()
			pages := 0
			cpu0, cpuOK := cpuTime()
			for b.Loop() {
				s, err := build.Build(fsys, theme, build.Options{})
				if err != nil {
					b.Fatal(err)
				}
				pages = len(s.Pages)
			}
			b.ReportMetric(float64(pages), "pages/op")
			if cpu1, ok := cpuTime(); ok && cpuOK {
				b.ReportMetric(float64(cpu1-cpu0)/1e6/float64(b.N), "cpu-ms/op")
			}
		})
	}
}
