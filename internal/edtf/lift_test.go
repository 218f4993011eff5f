package edtf

import "testing"

func TestLift(t *testing.T) {
	for _, tt := range []struct {
		in, text    string
		uncertain   bool
		approximate bool
	}{
		{"2026-03-10", "10 March 2026", false, false},
		{"2026-03-10?", "10 March 2026", true, false},
		{"2026-01~", "January 2026", false, true},
		{"2026-01%", "January 2026", true, true},
		{"2025-06-16?/2025-06-22?", "16–22 June 2025", true, false},
		// Only one end is uncertain: the text says which.
		{"2025-06-21?/2025-06-22", "21? – 22 June 2025", false, false},
		{"2026-02-28?/..", "since 28 February 2026", true, false},
		{"", "", false, false},
	} {
		var d Date
		if tt.in != "" {
			d = MustParse(tt.in)
		}
		l := d.Lift()
		if got := l.Date.Display(); got != tt.text || l.Uncertain != tt.uncertain || l.Approximate != tt.approximate {
			t.Errorf("Lift(%q) = %q, uncertain %v, approximate %v; want %q, %v, %v", tt.in, got, l.Uncertain, l.Approximate, tt.text, tt.uncertain, tt.approximate)
		}
		if l.Date.Datetime() != d.Datetime() {
			t.Errorf("Lift(%q) changed the machine-readable date: %q", tt.in, l.Date.Datetime())
		}
	}
}
