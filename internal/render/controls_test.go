package render

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestStripControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\x00b\x01c\x1fd\x7fe", "abcde"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"cr\r\nlf", "cr\nlf"},
		{"é\x0b—\x0c", "é—"},
		{"\u0080\u2028 kept", "\u0080\u2028 kept"}, // C1 and separators are not C0
	}
	for _, tt := range tests {
		if got := StripControls(tt.in); got != tt.want {
			t.Errorf("StripControls(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// MarshalJSON drops what StripControls drops, whatever wrote the strings,
// and nothing else: an escaped backslash before "u0001" is text.
func TestMarshalJSONStripsControls(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"a\x01b", `"ab"`},
		{"\b\f\r\x1b\x7f", `""`},
		{"tab\tnl\n", `"tab\tnl\n"`},
		{`back\u0001slash`, `"back\\u0001slash"`},
		{`\` + "\x01", `"\\"`},
		{map[string]string{"k\x02": "<v\x03>"}, `{"k":"\u003cv\u003e"}`},
		{[]any{"\u2028", 1.5, nil}, `["\u2028",1.5,null]`},
	}
	for _, tt := range tests {
		b, err := MarshalJSON(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("MarshalJSON(%q) = %s, %v; want %s", tt.in, b, err, tt.want)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("MarshalJSON(%q) = %s: not JSON: %v", tt.in, b, err)
		}
	}
}

// The fuzzer looks for strings whose encoding, stripped, is no JSON or not
// the string stripped.
func FuzzMarshalJSON(f *testing.F) {
	for _, s := range []string{"a\x01b", `\u0001`, "\\\x01", "\x7f\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := MarshalJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q -> %s: %v", s, b, err)
		}
		// json.Marshal writes invalid UTF-8 as U+FFFD.
		if want := StripControls(s); got != want && utf8.ValidString(s) {
			t.Fatalf("%q -> %q, want %q", s, got, want)
		}
	})
}
