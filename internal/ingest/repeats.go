package ingest

import (
	"fmt"
	"math/bits"
)

// minRepeatLetters: runs with little text (separators such as "***") are
// not repeats; a repeated run must carry at least this many letters.
const minRepeatLetters = 30

// repeats removes exact repeated runs of paragraphs (A B C A B C becomes
// A B C), longest first, and reports whether it removed any.
//
// Paragraphs are compared by number (equal texts get equal numbers) and
// runs by rolling hash, checked exactly before anything is removed. For
// each run length k, longest first, a run followed by a copy of itself
// (a square) exists if and only if one is found around one of the
// positions 0, k, 2k, ... (every square of length 2k contains two of
// them), which costs n/k comparisons of common prefixes and suffixes;
// the squares of that length are then removed in one sweep from the left.
// Checking every pair of equal paragraphs instead, and starting over
// after each removal, took 10 s for 8 MB and did not finish 60 MB.
func (d *doc) repeats(ps []para, r *Result) bool {
	ids := make([]int32, len(ps))
	num := map[string]int32{}
	for i, p := range ps {
		n, ok := num[p.text]
		if !ok {
			n = int32(len(num))
			num[p.text] = n
		}
		ids[i] = n
	}
	s := &squares{ps: ps, ids: ids, seq: make([]int32, len(ps))}
	for i := range s.seq {
		s.seq[i] = int32(i)
	}
	s.letters = make([]int, len(ps))
	for i, p := range ps {
		s.letters[i] = countLetters(p.text)
	}
	changed := false
	// A removal can join two runs into a longer repeat ("A B C C A B C"
	// loses a C and becomes a repeat of A B C); another round finds it.
	for round := 0; round < 3; round++ {
		removed := false
		s.index()
		for k := len(s.seq) / 2; k >= 1; k-- {
			if k <= len(s.seq)/2 && s.exists(k) && s.sweep(k, d, r) {
				removed = true
				s.index()
			}
		}
		if !removed {
			break
		}
		changed = true
	}
	return changed
}

// squares is the paragraph sequence being reduced: seq lists indices into
// ps (and ids, letters) of the paragraphs still in, in order.
type squares struct {
	ps      []para
	ids     []int32
	letters []int
	seq     []int32
	// prefix hashes and letter counts of seq, valid after index
	h, pw []uint64
	lsum  []int
}

// Hashing modulo the Mersenne prime 2^61-1: no input can be built to
// collide for every base, and a collision only costs a wasted check.
const (
	hashMod  = 1<<61 - 1
	hashBase = 1_000_003
)

func mulMod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	// a*b = hi*2^64 + lo; 2^64 = 8 (mod 2^61-1).
	x := (hi << 3) | (lo >> 61)
	y := lo & hashMod
	return reduce(x + y)
}

func reduce(x uint64) uint64 {
	x = (x & hashMod) + (x >> 61)
	if x >= hashMod {
		x -= hashMod
	}
	return x
}

func (s *squares) index() {
	s.h, s.pw, s.lsum = s.h[:0], s.pw[:0], s.lsum[:0]
	s.h, s.pw, s.lsum = append(s.h, 0), append(s.pw, 1), append(s.lsum, 0)
	for i, p := range s.seq {
		s.h = append(s.h, reduce(mulMod(s.h[i], hashBase)+uint64(s.ids[p])+1))
		s.pw = append(s.pw, mulMod(s.pw[i], hashBase))
		s.lsum = append(s.lsum, s.lsum[i]+s.letters[p])
	}
}

// hash of seq[i:j].
func (s *squares) hash(i, j int) uint64 {
	return reduce(s.h[j] + hashMod - mulMod(s.h[i], s.pw[j-i]))
}

// lcp is the length of the common prefix of seq[a:] and seq[b:], a < b.
func (s *squares) lcp(a, b int) int {
	lo, hi := 0, len(s.seq)-b
	for lo < hi { // largest l with equal hashes
		m := (lo + hi + 1) / 2
		if s.hash(a, a+m) == s.hash(b, b+m) {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// lcs is the length of the common suffix of seq[:a] and seq[:b], a < b.
func (s *squares) lcs(a, b int) int {
	lo, hi := 0, a
	for lo < hi {
		m := (lo + hi + 1) / 2
		if s.hash(a-m, a) == s.hash(b-m, b) {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// exists reports whether seq holds a run of k paragraphs with enough
// letters followed by a copy of itself. Within one stretch where seq
// repeats with period k, every such run has the same letters, so
// checking one per stretch is exact.
func (s *squares) exists(k int) bool {
	n := len(s.seq)
	for at := 0; at+k <= n; at += k {
		// Most positions differ at once: compare before searching.
		back, fwd := 0, 0
		if at > 0 && s.ids[s.seq[at-1]] == s.ids[s.seq[at+k-1]] {
			back = s.lcs(at, at+k)
		}
		if at+k < n && s.ids[s.seq[at]] == s.ids[s.seq[at+k]] {
			fwd = s.lcp(at, at+k)
		}
		if back+fwd < k {
			continue
		}
		i := at - back
		if s.lsum[i+k]-s.lsum[i] >= minRepeatLetters {
			return true
		}
	}
	return false
}

// sweep removes, from the left, every run of k paragraphs (with enough
// letters) that is immediately followed by a copy of itself, dropping the
// copy, and reports whether it removed any. seq is rebuilt as it goes:
// out holds the paragraphs kept so far, with their prefix hashes, and the
// sequence still to come is out[p:] followed by seq[t:].
func (s *squares) sweep(k int, d *doc, r *Result) bool {
	old := s.seq
	out := make([]int32, 0, len(old))
	oh := []uint64{0}
	ol := []int{0}
	push := func(x int32) {
		n := len(out)
		out = append(out, x)
		oh = append(oh, reduce(mulMod(oh[n], hashBase)+uint64(s.ids[x])+1))
		ol = append(ol, ol[n]+s.letters[x])
	}
	removed := false
	t := 0 // next index of old not yet in out
	for p := 0; ; {
		for len(out) < p+k && t < len(old) {
			push(old[t])
			t++
		}
		if len(out) < p+k {
			break
		}
		// Is out[p:p+k] followed by a copy, old[t:t+k]?
		if t+k <= len(old) && ol[p+k]-ol[p] >= minRepeatLetters &&
			reduce(oh[p+k]+hashMod-mulMod(oh[p], s.pw[k])) == s.hash(t, t+k) && s.same(out[p:p+k], old[t:t+k]) {
			first, second := s.ps[out[p]], old[t:t+k]
			for _, x := range second {
				for _, li := range s.ps[x].lines {
					d.lines[li].removed = true
				}
			}
			r.Removed = append(r.Removed, Removal{
				Line: s.ps[second[0]].first, EndLine: s.ps[second[k-1]].last,
				What: "repeated paragraphs",
				Text: fmt.Sprintf("%d paragraph(s), an exact copy of lines %d-%d", k, first.first, s.ps[out[p+k-1]].last),
			})
			t += k
			removed = true
			continue // a third copy?
		}
		p++
	}
	s.seq = out
	return removed
}

func (s *squares) same(a, b []int32) bool {
	for i := range a {
		if s.ids[a[i]] != s.ids[b[i]] {
			return false
		}
	}
	return true
}
