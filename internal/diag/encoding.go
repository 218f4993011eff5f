package diag

import (
	"bytes"
	"unicode/utf8"
)

// CheckUTF8 adds an error at the first byte of src that is not UTF-8, with
// a hint on converting the file, and reports whether src is valid. Text in
// another encoding would otherwise be published as mojibake (or as U+FFFD,
// which is no better). A leading UTF-8 byte-order mark is valid and is not
// counted in columns, as editors do not show it.
func CheckUTF8(l *List, path string, src []byte) bool {
	if utf8.Valid(src) {
		return true
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		l.Add(Pos{Path: path, Line: 1, Col: 1}, "the file is UTF-16, not UTF-8: convert it, e.g. `iconv -f utf-16 -t utf-8 %s > %s.utf8`, and replace it with the result", path, path)
		return false
	}
	enc, name := "latin1", "Latin-1"
	body := bytes.TrimPrefix(src, []byte("\ufeff"))
	line, start := 1, 0
	for i := 0; i < len(body); {
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n <= 1 {
			b := body[i]
			if 0x80 <= b && b <= 0x9F {
				// Printable in Windows-1252 (curly quotes, dashes), control
				// codes in Latin-1.
				enc, name = "windows-1252", "Windows-1252"
			}
			l.Add(Pos{Path: path, Line: line, Col: utf8.RuneCount(body[start:i]) + 1},
				"invalid UTF-8 (byte 0x%02X): the file must be UTF-8; if it is %s, convert it with `iconv -f %s -t utf-8 %s > %s.utf8` and replace it with the result",
				b, name, enc, path, path)
			return false
		}
		if r == '\n' {
			line, start = line+1, i+1
		}
		i += n
	}
	return true // not reached: utf8.Valid said otherwise
}
