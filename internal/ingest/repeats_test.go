package ingest

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// reference is the plain statement of what repeats does: remove the
// longest run immediately followed by a copy of itself (the earliest of
// the longest), and start over until there is none.
func reference(ps []string) []string {
	letters := func(run []string) int { return countLetters(strings.Join(run, "")) }
	for {
		bestI, bestK := 0, 0
		for i := range ps {
			for k := bestK + 1; i+2*k <= len(ps); k++ {
				if slices.Equal(ps[i:i+k], ps[i+k:i+2*k]) && letters(ps[i:i+k]) >= minRepeatLetters {
					bestI, bestK = i, k
				}
			}
		}
		if bestK == 0 {
			return ps
		}
		ps = slices.Delete(ps, bestI+bestK, bestI+2*bestK)
	}
}

func texts(ps []para) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.text)
	}
	return out
}

// TestRepeatsMatchesReference compares the sweep with the reference on
// random sequences of a few paragraphs, some too short to count.
func TestRepeatsMatchesReference(t *testing.T) {
	vocab := []string{
		"Alpha paragraph with more than thirty letters in it.",
		"Bravo paragraph with more than thirty letters in it.",
		"Charlie paragraph, again more than thirty letters long.",
		"***",
		"Short one.",
	}
	r := rand.New(rand.NewPCG(5, 6))
	differ := 0
	const n = 3000
	for range n {
		var in []string
		for range 1 + r.IntN(14) {
			in = append(in, vocab[r.IntN(len(vocab))])
		}
		d := newDoc(strings.Join(in, "\n\n"))
		var res Result
		ps := d.paragraphs()
		d.repeats(ps, &res)
		got, want := texts(d.paragraphs()), reference(texts(ps))
		if !slices.Equal(got, want) {
			differ++
			if differ <= 3 {
				t.Logf("in %q:\n got  %q\n want %q", in, got, want)
			}
		}
	}
	// A removal that joins two runs into a longer repeat is followed for a
	// few rounds only; on these dense inputs that differs very rarely, and
	// never on an article pasted several times.
	t.Logf("%d of %d inputs differ from the reference", differ, n)
	if differ > n/100 {
		t.Errorf("%d of %d inputs differ from the reference", differ, n)
	}
}
