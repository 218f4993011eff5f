// Package diag reports problems in user input the way go/scanner does: each
// one positioned at path:line:col, collected into a list so that a single run
// shows every problem instead of stopping at the first.
package diag

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Pos is a position in an input file. Line and Col are 1-based; Col counts
// Unicode code points, as editors do. A zero Line means "the whole file".
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Severity separates problems that stop a build from editorial warnings.
type Severity uint8

const (
	Error Severity = iota
	Warning
)

// Problem is one positioned message.
type Problem struct {
	Pos      Pos
	Msg      string
	Severity Severity
}

func (p *Problem) Error() string {
	if p.Severity == Warning {
		return p.Pos.String() + ": warning: " + p.Msg
	}
	return p.Pos.String() + ": " + p.Msg
}

// List collects problems. The zero value is ready to use.
type List []*Problem

// Add records an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Warn records a warning at pos.
func (l *List) Warn(pos Pos, format string, args ...any) {
	*l = append(*l, &Problem{Pos: pos, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// Append adds every problem of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by path, line and column, keeping insertion order for
// problems at the same position, so output is stable across runs.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Problem) int {
		return cmp.Or(
			strings.Compare(a.Pos.Path, b.Pos.Path),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// Errors returns only the problems that are errors.
func (l List) Errors() List { return l.only(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.only(Warning) }

func (l List) only(s Severity) List {
	var out List
	for _, p := range l {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns the list as an error if it holds any error, otherwise nil.
// Warnings alone never make an error.
func (l List) Err() error {
	if !slices.ContainsFunc(l, func(p *Problem) bool { return p.Severity == Error }) {
		return nil
	}
	return l
}

// Error joins the problems one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Offset converts a byte offset within src into a line and a code-point
// column, both 1-based, relative to a first line numbered line0.
func Offset(src string, off, line0 int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = line0
	start := 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, len([]rune(src[start:off])) + 1
}

// Suggest returns the candidate closest to name when it is close enough to
// be a likely typo ("actor" for "actors"), or "".
func Suggest(name string, candidates []string) string {
	best, bestD := "", max(2, len([]rune(name))/4)+1
	for _, c := range candidates {
		if d := Distance(name, c); d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance in code points, by which Suggest
// ranks names and quote finds the passage closest to a misquote.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// TOMLKeys lists the TOML keys that v (a struct, a pointer to one, or a
// map or slice of them) accepts, read from the struct tags, for Suggest:
// the "did you mean" suggestions of site.toml and front matter can never
// drift from what is decoded. Keys of nested tables ([[evidence]]) are
// included.
func TOMLKeys(v any) []string {
	var out []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		switch t.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice:
			walk(t.Elem())
		case reflect.Struct:
			for f := range t.Fields() {
				if key, _, _ := strings.Cut(f.Tag.Get("toml"), ","); key != "" && key != "-" {
					out = append(out, key)
					walk(f.Type)
				}
			}
		}
	}
	walk(reflect.TypeOf(v))
	return out
}

// TOMLSyntaxPos positions a TOML syntax error in src, whose first line is
// file line line0. BurntSushi/toml counts columns in bytes and may point just
// past the end of the line; Dateline counts code points and stays on the line
// the error names.
func TOMLSyntaxPos(path, src string, line0 int, perr toml.ParseError) Pos {
	lines := strings.Split(src, "\n")
	n := min(max(perr.Position.Line, 1), len(lines))
	line := lines[n-1]
	c := min(max(perr.Position.Col-1, 0), len(line))
	if strings.Contains(perr.Message, "already been defined") {
		c = len(line) - len(strings.TrimLeft(line, " \t")) // at the key, not after its value
	}
	for c > 0 && c < len(line) && !utf8.RuneStart(line[c]) {
		c--
	}
	return Pos{Path: path, Line: line0 + n - 1, Col: utf8.RuneCountInString(line[:c]) + 1}
}

// Of returns the problems an error carries, when every error in its tree
// of wrapped and joined errors is positioned: a *Problem, a List, or an
// error with a Problem method (a template error). Otherwise it returns
// nil, and the error is to be shown as it is.
func Of(err error) List {
	var out List
	ok := true
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *Problem:
			out = append(out, e)
		case List:
			out = append(out, e...)
		case interface{ Problem() *Problem }:
			out = append(out, e.Problem())
		case interface{ Unwrap() []error }:
			for _, x := range e.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			if x := e.Unwrap(); x != nil {
				walk(x)
			} else {
				ok = false
			}
		default:
			ok = false
		}
	}
	if err != nil {
		walk(err)
	}
	if !ok {
		return nil
	}
	return out
}
