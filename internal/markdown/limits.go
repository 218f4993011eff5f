package markdown

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Limits on one summary. goldmark's time grows with the cube of the nesting
// depth (a list 1,000 levels deep took 29 s, 2,000 took 177 s), with the
// square of unclosed link destinations ("[a](" 20,000 times: 4 s) and with
// the product of a table's columns and rows. A summary is a short text: no
// honest one comes near these numbers, and within them any input renders in
// milliseconds. They are checked by a scan before goldmark sees the text.
const (
	// MaxSummaryBytes is 16 KiB, about 2,500 words; the example site's
	// longest summary is under 1 KiB.
	MaxSummaryBytes = 16 << 10
	// MaxNesting bounds lists and block quotes inside one another,
	// counting indentation as a level per two columns. Summaries use
	// two or three levels.
	MaxNesting = 32
	// MaxLinks bounds link and image destinations ("](").
	MaxLinks = 256
	// MaxTableColumns bounds a table's width.
	MaxTableColumns = 16
	// MaxTableCells bounds the cells of a summary's tables: every row
	// gets as many cells as the header, so a table 16 wide and 4,000
	// rows long (16 KiB) made 64,000 cells, and its build took 2.7 s.
	// A table in a summary has tens.
	MaxTableCells = 1000
)

// LimitError is a summary over one of the limits above, at the 1-based line
// and column (in code points) of the summary where the scan stopped.
type LimitError struct {
	Line, Col int
	Msg       string
}

func (e *LimitError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// CheckLimits reports the first limit src exceeds, or nil. It is linear in
// the length of src. Render, Refs and Plain check it too, so that no caller
// can hand goldmark a hostile text; a caller with a file position should
// call it first to report the problem there.
func CheckLimits(src []byte) *LimitError {
	links, n := 0, -1
	width, cells := 0, 0 // of the table being read, if any
	for line := range bytes.Lines(src) {
		n++
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			width = 0
		case width > 0:
			if cells += width; cells > MaxTableCells {
				return &LimitError{n + 1, 1, fmt.Sprintf("summary has tables of more than %d cells; the limit is %d", MaxTableCells, MaxTableCells)}
			}
		}
		if d, at := nesting(line); d > MaxNesting {
			return &LimitError{n + 1, utf8.RuneCount(line[:at]) + 1, fmt.Sprintf("summary nests lists %d deep; the limit is %d (counting block quotes, and a level per two columns of indentation)", d, MaxNesting)}
		}
		if c := tableColumns(line); c > MaxTableColumns {
			return &LimitError{n + 1, 1, fmt.Sprintf("summary has a table %d columns wide; the limit is %d", c, MaxTableColumns)}
		} else if c > 0 && width == 0 {
			width = c
			cells += 2 * c // the header and this row
		}
		for i := 0; ; {
			j := bytes.Index(line[i:], []byte("]("))
			if j < 0 {
				break
			}
			i += j + 2
			if links++; links > MaxLinks {
				return &LimitError{n + 1, utf8.RuneCount(line[:i-2]) + 1, fmt.Sprintf("summary has more than %d links; the limit is %d", MaxLinks, MaxLinks)}
			}
		}
	}
	// Last, so that a deep list says so rather than that it is long.
	if len(src) > MaxSummaryBytes {
		return &LimitError{1, 1, fmt.Sprintf("summary is %d bytes; the limit is %d (%d KiB): a summary is a short text, and the evidence carries the detail", len(src), MaxSummaryBytes, MaxSummaryBytes>>10)}
	}
	return nil
}

// nesting estimates how deep the containers opened at the start of line
// nest: one level per block-quote or list marker, and one per two columns
// of indentation (a nested list item is indented by its parent's marker;
// the one space that may follow a marker is the marker's). It never
// underestimates what goldmark builds from the line, which is what a limit
// needs. at is the byte offset where the estimate stopped.
func nesting(line []byte) (depth, at int) {
	col, ws := 0, 0 // ws: columns of white space since the last marker
	marker := false
	for at < len(line) {
		c := line[at]
		switch {
		case c == ' ' || c == '\t':
			w := 1
			if c == '\t' {
				w = 4 - col%4
			}
			col += w
			ws += w
			at++
			continue
		case c == '>':
			depth, ws, marker = depth+indent(ws, marker)+1, 0, true
			col++
			at++
			continue
		case c == '-' || c == '*' || c == '+':
			if at+1 < len(line) && (line[at+1] == ' ' || line[at+1] == '\t') {
				depth, ws, marker = depth+indent(ws, marker)+1, 0, true
				col++
				at++
				continue
			}
		case '0' <= c && c <= '9':
			j := at
			for j < len(line) && j-at < 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				depth, ws, marker = depth+indent(ws, marker)+1, 0, true
				col += j + 1 - at
				at = j + 1
				continue
			}
		}
		break
	}
	return depth + indent(ws, marker), at
}

// indent is the nesting that ws columns of white space stand for.
func indent(ws int, afterMarker bool) int {
	if afterMarker {
		ws--
	}
	return max(ws, 0) / 2
}

// tableColumns counts the cells of a table's delimiter row ("|---|:-:|"),
// which fixes the width of the table below it, or returns 0 for any other
// line.
func tableColumns(line []byte) int {
	line = bytes.TrimSpace(line)
	if bytes.IndexByte(line, '-') < 0 || bytes.IndexByte(line, '|') < 0 {
		return 0 // "---" is a rule or a heading's underline
	}
	for _, c := range line {
		switch c {
		case '|', '-', ':', ' ', '\t':
		default:
			return 0
		}
	}
	cells := bytes.Count(line, []byte("|")) + 1
	if line[0] == '|' {
		cells--
	}
	if len(line) > 1 && line[len(line)-1] == '|' {
		cells--
	}
	return cells
}
