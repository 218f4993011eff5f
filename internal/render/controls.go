package render

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Control characters are what the published formats forbid or choke on:
// RFC 5545 forbids every control character but tab in a calendar's text,
// XML 1.0 every one but tab, newline and carriage return, and JSON allows
// them only escaped, which consumers then pass on. Dateline publishes none
// of U+0000–U+001F but tab and newline (which every format here can carry,
// escaped where it must be), and not U+007F: they come only from mistakes
// (a pasted byte, a "\u0001" escape in the front matter) and mean nothing
// to a reader. StripControls, MarshalJSON and MarshalJSONIndent are the one
// place that decides this for every export.

// isControl reports whether r is a control character no export carries.
func isControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f }

// StripControls removes the control characters no export carries.
func StripControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

// MarshalJSON is json.Marshal without control characters in strings.
func MarshalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	return stripJSON(b), err
}

// MarshalJSONIndent is json.MarshalIndent without control characters in
// strings.
func MarshalJSONIndent(v any, prefix, indent string) ([]byte, error) {
	b, err := json.MarshalIndent(v, prefix, indent)
	return stripJSON(b), err
}

// marshalKeeping is MarshalJSON keeping placeholders, as they read
// encoded (`"key":"\u0000..."`) and in the order given: their control
// character is what makes them ones no user's value can produce, and a
// splice replaces them.
func marshalKeeping(v any, placeholders ...[]byte) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out []byte
	for _, p := range placeholders {
		before, after, ok := bytes.Cut(b, p)
		if !ok {
			break
		}
		out = append(append(out, stripJSON(before)...), p...)
		b = after
	}
	if out == nil {
		return stripJSON(b), nil
	}
	return append(out, stripJSON(b)...), nil
}

// stripJSON drops control characters from the strings of JSON as
// encoding/json writes it, whatever type wrote them: inside strings they
// are escapes (\u0001, \b, \f, \r), raw only U+007F, which needs none; a
// backslash occurs only inside strings. \t and \n are kept.
func stripJSON(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, 0x7f) < 0 {
		return b
	}
	out := b[:0:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0x7f:
			continue
		case c != '\\' || i+1 >= len(b):
			out = append(out, c)
			continue
		}
		switch b[i+1] {
		case 'b', 'f', 'r':
			i++
			continue
		case 'u':
			if i+5 < len(b) && b[i+2] == '0' && b[i+3] == '0' && (b[i+4] == '0' || b[i+4] == '1') {
				if r := rune(hexDigit(b[i+4])<<4 | hexDigit(b[i+5])); isControl(r) {
					i += 5
					continue
				}
			}
		}
		out = append(out, c, b[i+1])
		i++
	}
	return out
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 0
}
