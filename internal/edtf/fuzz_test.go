package edtf

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	for _, tt := range errorTests {
		f.Add(tt.in)
	}
	for _, s := range []string{"-0001-02-28/0001", "Y-999999999", "Y99999/..", "-0300-XX-XX?", "-9999/Y10000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T %v, want *SyntaxError", s, err, err)
			}
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("Parse(%q) error offset %d outside [0, %d]", s, se.Offset, len(s))
			}
			if se.Msg == "" {
				t.Fatalf("Parse(%q) error has no message", s)
			}
			if !d.IsZero() {
				t.Fatalf("Parse(%q) returned %+v with an error", s, d)
			}
			return
		}

		canon := d.String()
		d2, err := Parse(canon)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not re-parse: %v", s, canon, err)
		}
		if !d2.Equal(d) {
			t.Fatalf("Parse(%q) = %+v, but Parse(%q) = %+v", s, d, canon, d2)
		}
		if again := d2.String(); again != canon {
			t.Fatalf("String not stable: %q -> %q -> %q", s, canon, again)
		}

		lo, hi := d.Lower(), d.Upper()
		if !lo.IsZero() && !hi.IsZero() {
			// Upper is a day label, so in general bounds are ordered by the
			// calendar day as written; instants are ordered when both ends
			// are bare dates or times in the same frame.
			if dayKeyOf(lo) > dayKeyOf(hi) {
				t.Fatalf("Parse(%q): Lower %v after Upper %v by day", s, lo, hi)
			}
			sameFrame := d.Start.HasTime == d.End.HasTime && (d.Start.Offset == nil) == (d.End.Offset == nil)
			if sameFrame && lo.After(hi) {
				t.Fatalf("Parse(%q): Lower %v after Upper %v", s, lo, hi)
			}
		}
		for _, b := range []time.Time{lo, hi} {
			if !b.IsZero() && !d.Contains(b) {
				t.Fatalf("Parse(%q) does not contain its bound %v", s, b)
			}
		}
		if Compare(d, d2) != 0 {
			t.Fatalf("Compare(%q, itself) != 0", s)
		}
		if d.Display() == "" {
			t.Fatalf("Parse(%q).Display() is empty", s)
		}
		// Years before AD 1 are shown as BC, and nothing else is; a
		// date HTML or the exports cannot carry has no datetime.
		for _, p := range []Point{d.Start, d.End} {
			if p.Precision != 0 && p.Year < 1 && !strings.Contains(d.Display(), " BC") {
				t.Fatalf("Parse(%q).Display() = %q names no BC year", s, d.Display())
			}
		}
		if !d.InCommonEra() && d.Datetime() != "" && d.DatetimeEnd() != "" {
			t.Fatalf("Parse(%q) outside 0001-9999 has datetimes %q, %q", s, d.Datetime(), d.DatetimeEnd())
		}
		// The order follows the years, whatever their notation.
		if d.hasStart() {
			earlier := d.Start
			earlier.Year--
			if earlier.Year >= -maxYear && Compare(Date{Start: earlier, End: earlier}, Date{Start: d.Start, End: d.Start}) >= 0 {
				t.Fatalf("Parse(%q): a year earlier does not sort first", s)
			}
		}
		if d.IsZero() {
			t.Fatalf("Parse(%q) is zero", s)
		}
		var u Date
		b, _ := d.MarshalText()
		if err := u.UnmarshalText(b); err != nil || !u.Equal(d) {
			t.Fatalf("text round trip of %q: %+v, %v", s, u, err)
		}
	})
}
