package timelinejs

import (
	"dateline/internal/diag"
)

// Limits on an imported file, checked before it is parsed.
const (
	// MaxFileBytes is 64 MiB. Published TimelineJS timelines are well
	// under a megabyte; 100,000 slides of ordinary length make 22 MB.
	MaxFileBytes = 64 << 20
	// MaxDepth bounds arrays and objects inside one another. A
	// TimelineJS3 document nests four deep (events, a slide, its
	// start_date, a value). The position walk costs time and memory in
	// the square of the depth: 100,000 levels took 57 s and 9.8 GB.
	MaxDepth = 32
)

// checkFile adds an error when data is too big, not UTF-8 or, for JSON,
// nested too deep, and reports whether it is fit to parse.
func checkFile(errs *diag.List, path string, data []byte, json bool) bool {
	if len(data) > MaxFileBytes {
		errs.Add(diag.Pos{Path: path, Line: 1, Col: 1}, "file is %.1f MiB; the limit is %d MiB (100,000 slides make about 22 MB)", float64(len(data))/(1<<20), MaxFileBytes>>20)
		return false
	}
	if !diag.CheckUTF8(errs, path, data) {
		return false
	}
	if json {
		if off, d := tooDeep(data); off >= 0 {
			at := &cursor{path: path, data: data}
			errs.Add(at.pos(off), "JSON nests %d deep here; the limit is %d (a TimelineJS document nests 4 deep)", d, MaxDepth)
			return false
		}
	}
	return true
}

// tooDeep returns the offset of the first bracket that nests deeper than
// MaxDepth, and that depth, or -1. Brackets inside strings do not count.
func tooDeep(data []byte) (int, int) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth++; depth > MaxDepth {
				return i, depth
			}
		case ']', '}':
			depth--
		}
	}
	return -1, 0
}
