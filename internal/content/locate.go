package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"dateline/internal/diag"
)

// positions maps dotted key paths to the position of their value in a TOML
// document. BurntSushi/toml reports positions only for its own errors, but an
// unknown actor or a bad date must point at the exact value, so we scan the
// document once more, lexically. Paths look like "date", "evidence.1.quote"
// (array-of-tables index) and "actors.2" (array element).
type positions struct {
	path  string
	line0 int // file line of the first TOML line
	vals  map[string]diag.Pos
	keys  map[string]diag.Pos
	order []string // key paths in document order
	used  map[string]bool
}

// undecoded finds the position of a key that toml reports without array
// indices (["evidence", "qoute"]): the first not yet reported path in
// document order whose non-numeric parts match.
func (p *positions) undecoded(k []string) diag.Pos {
	want := strings.Join(k, ".")
	for _, path := range p.order {
		if p.used[path] || stripIndices(path) != want {
			continue
		}
		p.used[path] = true
		return p.keys[path]
	}
	return p.key(want)
}

func stripIndices(path string) string {
	parts := strings.Split(path, ".")
	out := parts[:0]
	for _, s := range parts {
		if _, err := strconv.Atoi(s); err != nil {
			out = append(out, s)
		}
	}
	return strings.Join(out, ".")
}

func (p *positions) value(key string) diag.Pos {
	if pos, ok := p.vals[key]; ok {
		return pos
	}
	// An element or sub-key we could not place: fall back to its parent.
	if i := strings.LastIndexByte(key, '.'); i > 0 {
		return p.value(key[:i])
	}
	return diag.Pos{Path: p.path, Line: p.line0, Col: 1}
}

func (p *positions) key(key string) diag.Pos {
	if pos, ok := p.keys[key]; ok {
		return pos
	}
	return p.value(key)
}

// locate scans src (TOML) whose first line is file line line0.
func locate(path, src string, line0 int) *positions {
	p := &positions{path: path, line0: line0, vals: map[string]diag.Pos{}, keys: map[string]diag.Pos{}, used: map[string]bool{}}
	arrays := map[string]int{} // array-of-tables name -> next index
	table := ""
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		switch {
		case trim == "" || trim[0] == '#':
			continue
		case strings.HasPrefix(trim, "[["):
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(trim, "[["), "]]"))
			name = unquoteKey(strings.SplitN(name, "]]", 2)[0])
			table = name + "." + strconv.Itoa(arrays[name])
			arrays[name]++
			p.keys[table] = diag.Pos{Path: path, Line: line0 + i, Col: col(line, strings.Index(line, "[["))}
			p.order = append(p.order, table)
			continue
		case trim[0] == '[':
			name := strings.TrimSpace(strings.TrimPrefix(trim, "["))
			if j := strings.IndexByte(name, ']'); j >= 0 {
				name = strings.TrimSpace(name[:j])
			}
			table = unquoteKey(name)
			p.keys[table] = diag.Pos{Path: path, Line: line0 + i, Col: col(line, strings.IndexByte(line, '['))}
			p.order = append(p.order, table)
			continue
		}
		eq := keyEnd(line)
		if eq < 0 {
			continue
		}
		key := unquoteKey(strings.TrimSpace(line[:eq]))
		if table != "" {
			key = table + "." + key
		}
		lead := len(line) - len(strings.TrimLeft(line, " \t"))
		p.keys[key] = diag.Pos{Path: path, Line: line0 + i, Col: col(line, lead)}
		p.order = append(p.order, key)
		v := eq + 1
		for v < len(line) && (line[v] == ' ' || line[v] == '\t') {
			v++
		}
		p.vals[key] = diag.Pos{Path: path, Line: line0 + i, Col: col(line, v)}
		if v < len(line) && line[v] == '[' {
			i = p.elements(key, lines, i, v+1)
		} else if strings.HasPrefix(line[v:], `"""`) || strings.HasPrefix(line[v:], `'''`) {
			i = skipMultiline(lines, i, v)
		}
	}
	return p
}

// elements records the position of each element of an inline array that
// starts at lines[i][j], and returns the line where the array ends.
func (p *positions) elements(key string, lines []string, i, j int) int {
	n := 0
	depth := 1
	for ; i < len(lines); i, j = i+1, 0 {
		line := lines[i]
		for j < len(line) {
			c := line[j]
			switch {
			case c == '#':
				j = len(line)
				continue
			case c == '"' || c == '\'':
				if depth == 1 {
					p.vals[key+"."+strconv.Itoa(n)] = diag.Pos{Path: p.path, Line: p.line0 + i, Col: col(line, j)}
					n++
				}
				j = stringEnd(line, j)
				continue
			case c == '[':
				depth++
			case c == ']':
				depth--
				if depth == 0 {
					return i
				}
			}
			j++
		}
	}
	return len(lines) - 1
}

// stringEnd returns the index just past the string literal starting at line[j].
func stringEnd(line string, j int) int {
	q := line[j]
	for k := j + 1; k < len(line); k++ {
		if q == '"' && line[k] == '\\' {
			k++
			continue
		}
		if line[k] == q {
			return k + 1
		}
	}
	return len(line)
}

func skipMultiline(lines []string, i, v int) int {
	delim := lines[i][v : v+3]
	if strings.Contains(lines[i][v+3:], delim) {
		return i
	}
	for k := i + 1; k < len(lines); k++ {
		if strings.Contains(lines[k], delim) {
			return k
		}
	}
	return len(lines) - 1
}

// keyEnd returns the index of the '=' that ends a key, or -1.
func keyEnd(line string) int {
	for j := 0; j < len(line); j++ {
		switch c := line[j]; c {
		case '=':
			return j
		case '"', '\'':
			j = stringEnd(line, j) - 1
		case '#':
			return -1
		}
	}
	return -1
}

func unquoteKey(k string) string {
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		if s, err := strconv.Unquote(`"` + k[1:len(k)-1] + `"`); err == nil {
			return s
		}
		return k[1 : len(k)-1]
	}
	return k
}

// col turns a byte index within line into a 1-based code-point column.
func col(line string, j int) int {
	if j < 0 {
		return 1
	}
	return utf8.RuneCountInString(line[:min(j, len(line))]) + 1
}

// typeErrRE matches BurntSushi/toml's type errors, which are plain errors
// carrying the line (of the TOML text) and the key being decoded.
var typeErrRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (.+)$`)
})

// typeError turns a TOML type error (an array where a string belongs, a
// string for draft) into a message at the offending value.
func (p *positions) typeError(err error) (diag.Pos, string, bool) {
	m := typeErrRE().FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Pos{}, "", false
	}
	key := m[2]
	pos := diag.Pos{Path: p.path, Line: p.line0, Col: 1}
	line := 0
	if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
		line = p.line0 + n - 1
		pos.Line = line
	}
	for _, k := range p.order {
		if stripIndices(k) == key && (line == 0 || p.keys[k].Line == line) {
			pos = p.key(k)
			if v, ok := p.vals[k]; ok {
				pos = v
			}
			break
		}
	}
	name := key[strings.LastIndexByte(key, '.')+1:]
	if m[3] == "map[string]any" && m[4] == "slice" {
		return pos, fmt.Sprintf("%s must be an array of tables: write [[%s]], with double brackets", name, name), true
	}
	have := map[string]string{
		"string": "a string", "int64": "an integer", "float64": "a number", "bool": "a boolean",
		"time.Time": "a date", "[]any": "an array", "map[string]any": "a table",
	}[m[3]]
	if have == "" {
		have = m[3]
	}
	want := map[string]string{
		"string": "a quoted string", "slice": `an array such as ["a", "b"]`, "boolean": "true or false",
		"float": "a number", "integer": "an integer", "map": "a table",
	}[m[4]]
	if want == "" {
		want = m[4]
	}
	return pos, fmt.Sprintf("%s must be %s, not %s", name, want, have), true
}
