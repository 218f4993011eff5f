package timex

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
)

// scanner finds the matches of one rule in a chunk. Go's regexp tries an
// unanchored pattern at every byte, which made the pattern stage cost
// about a second per megabyte. Nearly every rule can only start a match
// at a few bytes (a digit, the first letter of a month or number word)
// and most at a word boundary, so the scanner tries the pattern, anchored,
// only there. The matches are the same: leftmost first, non-overlapping.
type scanner struct {
	// anchored is ^(?:pattern), whose groups are the pattern's, compiled
	// when the first byte of a match turns up.
	anchored func() *regexp.Regexp
	// re is the pattern as written, compiled only for a pattern the
	// scanner cannot run anchored: compiling is most of what a short text
	// costs.
	re     func() *regexp.Regexp
	first  [256]bool // bytes a match can start with
	atB    [256]bool // first bytes of the paths that start with \b
	exact  bool      // first and boundary describe every match
	window int       // bytes of text a match is sought in
}

// lazyScanner compiles a scanner the first time it is used.
func lazyScanner(p string) func() *scanner {
	return sync.OnceValue(func() *scanner { return newScanner(p) })
}

func newScanner(p string) *scanner {
	sc := &scanner{anchored: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:` + p + `)`) })}
	sc.re = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(p) })
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return sc
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return sc
	}
	sc.exact = sc.firstBytes(prog)
	// The backtracker, much faster than the NFA, takes inputs up to
	// 256 Kbit of visited-state bits (regexp's maxBacktrackVector).
	sc.window = min(maxWindow, max(minWindow, 256*1024/len(prog.Inst)-1))
	return sc
}

// firstBytes walks the program from its start to the instructions that
// consume the first rune, collecting the bytes they accept. It gives up
// (false) on an assertion other than \b, on a \b that only some paths
// cross, unless the bytes tell them apart, on any-rune instructions and on
// a possibly empty match.
func (sc *scanner) firstBytes(prog *syntax.Prog) bool {
	type state struct {
		pc       uint32
		boundary bool
	}
	seen := map[state]bool{}
	stack := []state{{uint32(prog.Start), false}}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[st] {
			continue
		}
		seen[st] = true
		in := &prog.Inst[st.pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, state{in.Out, st.boundary}, state{in.Arg, st.boundary})
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, state{in.Out, st.boundary})
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(in.Arg) != syntax.EmptyWordBoundary {
				return false
			}
			stack = append(stack, state{in.Out, true})
		case syntax.InstRune, syntax.InstRune1:
			set := &sc.first
			if st.boundary {
				set = &sc.atB
			}
			fold := syntax.Flags(in.Arg)&syntax.FoldCase != 0
			rs := in.Rune
			if len(rs) == 1 {
				rs = []rune{rs[0], rs[0]}
			}
			for i := 0; i+1 < len(rs); i += 2 {
				lo, hi := rs[i], rs[i+1]
				if hi >= 0x80 {
					for b := 0x80; b < 256; b++ {
						set[b] = true
					}
				}
				for r := lo; r <= hi && r < 0x80; r++ {
					set[r] = true
					if fold {
						set[unicode.ToUpper(r)] = true
						set[unicode.ToLower(r)] = true
					}
				}
			}
		default: // any rune, match, fail
			return false
		}
	}
	// A byte that starts both a \b path and another cannot tell which
	// applies ("\bwould\b|'ll\b" is fine: a letter, a quote).
	for b := range sc.atB {
		if sc.atB[b] && sc.first[b] {
			return false
		}
		if sc.atB[b] {
			sc.first[b] = true
		} else {
			sc.atB[b] = false
		}
	}
	return true
}

// A match is sought in a window of minWindow to maxWindow bytes; no
// expression is longer than minWindow.
const minWindow, maxWindow = 80, 160

func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
}

// findAll returns the submatch indexes of every match in s, as
// FindAllStringSubmatchIndex does.
func (sc *scanner) findAll(s string) [][]int {
	if !sc.exact {
		return sc.re().FindAllStringSubmatchIndex(s, -1)
	}
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !sc.first[s[i]] {
			continue
		}
		if sc.atB[s[i]] && i > 0 && isWordByte(s[i-1]) == isWordByte(s[i]) {
			continue
		}
		// A window rather than the rest of the chunk keeps the input short
		// enough for the backtracker, which is faster than the NFA the
		// regexp package falls back to on long inputs. It ends at a space,
		// where a \b or $ reads the same as in the whole chunk (for
		// patterns without a $; timex rules have none).
		end := len(s)
		if i+sc.window < end {
			if k := strings.LastIndexByte(s[i:i+sc.window], ' '); k > minWindow {
				end = i + k
			} else if k := strings.IndexByte(s[i+sc.window:], ' '); k >= 0 {
				end = i + sc.window + k
			}
		}
		idx := sc.anchored().FindStringSubmatchIndex(s[i:end])
		if idx == nil {
			continue
		}
		for k := range idx {
			if idx[k] >= 0 {
				idx[k] += i
			}
		}
		out = append(out, idx)
		if idx[1] > i {
			i = idx[1] - 1
		}
	}
	return out
}
