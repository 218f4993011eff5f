package diag

import (
	"strings"
	"unicode/utf8"
)

// MaxTOMLNesting bounds arrays and inline tables inside one another, and
// the parts of a dotted key or table name. Dateline's files nest two deep
// (an array of strings; [[evidence]]). BurntSushi/toml's time grows fast
// with either: 1,000 nested inline tables (4 KB) took 1.3 s, a key of
// 100,000 dotted parts did not finish.
const MaxTOMLNesting = 8

// CheckTOML scans TOML text src, whose first line is file line line0, for
// what the TOML parser cannot afford: nesting deeper than MaxTOMLNesting
// and more than maxTables table headers. It adds an error at the first
// excess and reports whether there was none. It is linear in len(src) and
// does not validate the syntax, which the parser does.
func CheckTOML(l *List, path, src string, line0, maxTables int) bool {
	depth, tables := 0, 0
	var multi string // the delimiter of the multi-line string we are in
	fail := func(i int, line string, j int, msg string, args ...any) bool {
		l.Add(Pos{Path: path, Line: line0 + i, Col: utf8.RuneCountInString(line[:j]) + 1}, msg, args...)
		return false
	}
	for i, line := range strings.Split(src, "\n") {
		j := 0
		if multi == "" && depth == 0 {
			t := strings.TrimLeft(line, " \t")
			j = len(line) - len(t)
			if strings.HasPrefix(t, "[") {
				if tables++; tables > maxTables {
					return fail(i, line, j, "more than %d tables; the limit is %d", maxTables, maxTables)
				}
				if n := dots(t); n >= MaxTOMLNesting {
					return fail(i, line, j, "table name has %d dotted parts; the limit is %d", n+1, MaxTOMLNesting)
				}
				continue
			}
			k := strings.IndexByte(t, '=')
			if k < 0 {
				continue
			}
			if n := dots(t[:k]); n >= MaxTOMLNesting {
				return fail(i, line, j, "key has %d dotted parts; the limit is %d", n+1, MaxTOMLNesting)
			}
			j += k + 1
		}
		for j < len(line) {
			switch c := line[j]; {
			case multi != "":
				if strings.HasPrefix(line[j:], multi) {
					j += 3
					multi = ""
					continue
				}
				if c == '\\' && multi == `"""` {
					j++
				}
			case strings.HasPrefix(line[j:], `"""`) || strings.HasPrefix(line[j:], `'''`):
				multi = line[j : j+3]
				j += 3
				continue
			case c == '"' || c == '\'':
				j = quoteEnd(line, j)
				continue
			case c == '#':
				j = len(line)
				continue
			case c == '[' || c == '{':
				if depth++; depth > MaxTOMLNesting {
					return fail(i, line, j, "arrays and inline tables nest %d deep here; the limit is %d", depth, MaxTOMLNesting)
				}
			case c == ']' || c == '}':
				depth = max(depth-1, 0)
			}
			j++
		}
	}
	return true
}

// dots counts the dots of a key or table name outside quotes.
func dots(k string) int {
	n := 0
	for j := 0; j < len(k); j++ {
		switch k[j] {
		case '.':
			n++
		case '"', '\'':
			j = quoteEnd(k, j) - 1
		}
	}
	return n
}

// quoteEnd returns the index just past the one-line string starting at s[j].
func quoteEnd(s string, j int) int {
	q := s[j]
	for k := j + 1; k < len(s); k++ {
		if q == '"' && s[k] == '\\' {
			k++
			continue
		}
		if s[k] == q {
			return k + 1
		}
	}
	return len(s)
}
