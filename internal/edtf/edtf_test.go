package edtf

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

type parseTest struct {
	in      string
	canon   string // "" means the input is canonical
	lower   string // day or RFC 3339 instant; "" means zero
	upper   string
	prec    Precision
	flags   string // I interval, ? uncertain, ~ approximate, ( ) open start/end, [ ] unknown start/end
	display string
	dt      string // Datetime
	dtEnd   string // DatetimeEnd
}

var parseTests = []parseTest{
	// Single dates.
	{"2026-03-10", "", "2026-03-10", "2026-03-10", Day, "", "10 March 2026", "2026-03-10", ""},
	{"2026-03", "", "2026-03-01", "2026-03-31", Month, "", "March 2026", "2026-03", ""},
	{"2026", "", "2026-01-01", "2026-12-31", Year, "", "2026", "2026", ""},
	{"2024-02-29", "", "2024-02-29", "2024-02-29", Day, "", "29 February 2024", "2024-02-29", ""},
	{"2000-02-29", "", "2000-02-29", "2000-02-29", Day, "", "29 February 2000", "2000-02-29", ""},
	{"2024-02", "", "2024-02-01", "2024-02-29", Month, "", "February 2024", "2024-02", ""},
	{"2025-02", "", "2025-02-01", "2025-02-28", Month, "", "February 2025", "2025-02", ""},
	{"2026-04", "", "2026-04-01", "2026-04-30", Month, "", "April 2026", "2026-04", ""},
	{"0000", "", "0000-01-01", "0000-12-31", Year, "", "1 BC", "", ""},
	{"9999-12-31", "", "9999-12-31", "9999-12-31", Day, "", "31 December 9999", "9999-12-31", ""},

	// Years outside 0000-9999 (EDTF level 1). ISO 8601 has a year 0, so
	// -0299 is 300 BC. They have no HTML datetime.
	{"-0299", "", "-0299-01-01", "-0299-12-31", Year, "", "300 BC", "", ""},
	{"-0001-03", "", "-0001-03-01", "-0001-03-31", Month, "", "March 2 BC", "", ""},
	{"-0004-02-29", "", "-0004-02-29", "-0004-02-29", Day, "", "29 February 5 BC", "", ""},
	{"-2026", "", "-2026-01-01", "-2026-12-31", Year, "", "2027 BC", "", ""},
	{"-9999-01-01", "", "-9999-01-01", "-9999-01-01", Day, "", "1 January 10,000 BC", "", ""},
	{"-0299~", "", "-0299-01-01", "-0299-12-31", Year, "~", "c. 300 BC", "", ""},
	{"-0300-05-XX", "", "-0300-05-01", "-0300-05-31", Month, "", "a day in May 301 BC", "", ""},
	{"-0331/-0322", "", "-0331-01-01", "-0322-12-31", Year, "I", "332 BC–323 BC", "", ""},
	{"-0043-03-15/0014-08-19", "", "-0043-03-15", "0014-08-19", Day, "I", "15 March 44 BC – 19 August 14", "", "0014-08-19"},
	{"-0299/..", "", "-0299-01-01", "", Year, "I)", "since 300 BC", "", ""},
	{"Y17000", "", "17000-01-01", "17000-12-31", Year, "", "17,000", "", ""},
	{"Y-170000000", "", "-170000000-01-01", "-170000000-12-31", Year, "", "170,000,001 BC", "", ""},
	{"Y-12345?", "", "-12345-01-01", "-12345-12-31", Year, "?", "12,346 BC?", "", ""},
	{"Y-12345/2026", "", "-12345-01-01", "2026-12-31", Year, "I", "12,346 BC–2026", "", "2026"},
	{"Y99999999999", "", "99999999999-01-01", "99999999999-12-31", Year, "", "99,999,999,999", "", ""},
	{"Y-13800000000~", "", "-13800000000-01-01", "-13800000000-12-31", Year, "~", "c. 13,800,000,001 BC", "", ""},

	// Closed intervals.
	{"2026-03-09/2026-03-10", "", "2026-03-09", "2026-03-10", Day, "I", "9–10 March 2026", "2026-03-09", "2026-03-10"},
	{"2025-06-16/2025-06-22", "", "2025-06-16", "2025-06-22", Day, "I", "16–22 June 2025", "2025-06-16", "2025-06-22"},
	{"2026-02-27/2026-03-02", "", "2026-02-27", "2026-03-02", Day, "I", "27 February – 2 March 2026", "2026-02-27", "2026-03-02"},
	{"2025-12-30/2026-01-02", "", "2025-12-30", "2026-01-02", Day, "I", "30 December 2025 – 2 January 2026", "2025-12-30", "2026-01-02"},
	{"2025-06/2025-08", "", "2025-06-01", "2025-08-31", Month, "I", "June–August 2025", "2025-06", "2025-08"},
	{"2025-06/2026-02", "", "2025-06-01", "2026-02-28", Month, "I", "June 2025 – February 2026", "2025-06", "2026-02"},
	{"2024/2025", "", "2024-01-01", "2025-12-31", Year, "I", "2024–2025", "2024", "2025"},
	{"2025-06/2025-07-02", "", "2025-06-01", "2025-07-02", Month, "I", "June – 2 July 2025", "2025-06", "2025-07-02"},
	{"2025-06-20/2025-07", "", "2025-06-20", "2025-07-31", Day, "I", "20 June – July 2025", "2025-06-20", "2025-07"},
	{"2025/2025-07", "", "2025-01-01", "2025-07-31", Year, "I", "2025 – July 2025", "2025", "2025-07"},
	{"2026-03-10/2026-03-10", "", "2026-03-10", "2026-03-10", Day, "I", "10 March 2026", "2026-03-10", "2026-03-10"},
	{"2026-03/2026-03", "", "2026-03-01", "2026-03-31", Month, "I", "March 2026", "2026-03", "2026-03"},

	// Open and unknown ends.
	{"2026-02-28/..", "", "2026-02-28", "", Day, "I)", "since 28 February 2026", "2026-02-28", ""},
	{"2026-02-28/", "", "2026-02-28", "", Day, "I]", "from 28 February 2026 (end unknown)", "2026-02-28", ""},
	{"../2026-02-28", "", "", "2026-02-28", Day, "I(", "until 28 February 2026", "2026-02-28", ""},
	{"/2026-02-28", "", "", "2026-02-28", Day, "I[", "until 28 February 2026 (start unknown)", "2026-02-28", ""},
	{"../2026-03", "", "", "2026-03-31", Month, "I(", "until March 2026", "2026-03", ""},
	{"2026-02-28~/..", "", "2026-02-28", "", Day, "I~)", "since c. 28 February 2026", "2026-02-28", ""},
	{"2026-02/", "", "2026-02-01", "", Month, "I]", "from February 2026 (end unknown)", "2026-02", ""},

	// Qualifiers.
	{"2026-03-10?", "", "2026-03-10", "2026-03-10", Day, "?", "10 March 2026?", "2026-03-10", ""},
	{"2026-01~", "", "2026-01-01", "2026-01-31", Month, "~", "c. January 2026", "2026-01", ""},
	{"2026%", "", "2026-01-01", "2026-12-31", Year, "?~", "c. 2026?", "2026", ""},
	{"2025-06-21?", "", "2025-06-21", "2025-06-21", Day, "?", "21 June 2025?", "2025-06-21", ""},
	{"2025-06-21%", "", "2025-06-21", "2025-06-21", Day, "?~", "c. 21 June 2025?", "2025-06-21", ""},
	{"2025-06-21?/2025-06-22", "", "2025-06-21", "2025-06-22", Day, "I?", "21? – 22 June 2025", "2025-06-21", "2025-06-22"},
	{"2025-06-13/2025-06-24?", "", "2025-06-13", "2025-06-24", Day, "I?", "13 – 24? June 2025", "2025-06-13", "2025-06-24"},
	{"2025-06-21~/2025-06-22", "", "2025-06-21", "2025-06-22", Day, "I~", "c. 21 June 2025 – 22 June 2025", "2025-06-21", "2025-06-22"},
	{"2025-06-21/2025-06-22~", "", "2025-06-21", "2025-06-22", Day, "I~", "21 – c. 22 June 2025", "2025-06-21", "2025-06-22"},
	{"2025-06-21?/2025-06-22%", "", "2025-06-21", "2025-06-22", Day, "I?~", "21? – c. 22? June 2025", "2025-06-21", "2025-06-22"},
	{"2026-03-09~/2026-03-10~", "", "2026-03-09", "2026-03-10", Day, "I~", "c. 9–10 March 2026", "2026-03-09", "2026-03-10"},
	{"2025-06?/2025-08?", "", "2025-06-01", "2025-08-31", Month, "I?", "June–August 2025?", "2025-06", "2025-08"},
	// Across years nothing is shared, so a lone trailing "?" would be
	// ambiguous: each end carries its own.
	{"2024-10?/2025-06-23?", "", "2024-10-01", "2025-06-23", Month, "I?", "October 2024? – 23 June 2025?", "2024-10", "2025-06-23"},
	{"2024-10/2025-06-23?", "", "2024-10-01", "2025-06-23", Month, "I?", "October 2024 – 23 June 2025?", "2024-10", "2025-06-23"},
	{"2024-10~/2025-06-23~", "", "2024-10-01", "2025-06-23", Month, "I~", "c. October 2024 – c. 23 June 2025", "2024-10", "2025-06-23"},
	{"2026-03-10?/2026-03-10", "", "2026-03-10", "2026-03-10", Day, "I?", "10 March 2026? – 10 March 2026", "2026-03-10", "2026-03-10"},
	{"2025-12-30?/2026-01-02", "", "2025-12-30", "2026-01-02", Day, "I?", "30 December 2025? – 2 January 2026", "2025-12-30", "2026-01-02"},
	{"2024/2025?", "", "2024-01-01", "2025-12-31", Year, "I?", "2024 – 2025?", "2024", "2025"},

	// Unspecified digits.
	{"2026-03-XX", "", "2026-03-01", "2026-03-31", Month, "", "a day in March 2026", "2026-03", ""},
	{"2026-XX", "", "2026-01-01", "2026-12-31", Year, "", "a month in 2026", "2026", ""},
	{"2026-XX-XX", "", "2026-01-01", "2026-12-31", Year, "", "a day in 2026", "2026", ""},
	{"201X", "", "2010-01-01", "2019-12-31", Year, "", "the 2010s", "", ""},
	{"20XX", "", "2000-01-01", "2099-12-31", Year, "", "the years 2000–2099", "", ""},
	{"99XX", "", "9900-01-01", "9999-12-31", Year, "", "the years 9900–9999", "", ""},
	{"000X", "", "0000-01-01", "0009-12-31", Year, "", "the years 1 BC–9", "", ""},
	{"201X?", "", "2010-01-01", "2019-12-31", Year, "?", "the 2010s?", "", ""},
	{"2026-03-XX~", "", "2026-03-01", "2026-03-31", Month, "~", "c. a day in March 2026", "2026-03", ""},
	{"2024-02-XX", "", "2024-02-01", "2024-02-29", Month, "", "a day in February 2024", "2024-02", ""},
	{"2026-03-XX/2026-04-05", "", "2026-03-01", "2026-04-05", Month, "I", "a day in March 2026 – 5 April 2026", "2026-03", "2026-04-05"},
	{"201X/2020", "", "2010-01-01", "2020-12-31", Year, "I", "the 2010s – 2020", "", "2020"},

	// Times of day.
	{"2026-03-09T14:30+03:00", "", "2026-03-09T14:30:00+03:00", "2026-03-09T14:30:00+03:00", Minute, "", "9 March 2026, 14:30 UTC+03:00", "2026-03-09T14:30+03:00", ""},
	{"2026-03-09T14:30:05Z", "", "2026-03-09T14:30:05Z", "2026-03-09T14:30:05Z", Minute, "", "9 March 2026, 14:30:05 UTC", "2026-03-09T14:30:05Z", ""},
	{"2026-03-09T14:30-05:00", "", "2026-03-09T14:30:00-05:00", "2026-03-09T14:30:00-05:00", Minute, "", "9 March 2026, 14:30 UTC-05:00", "2026-03-09T14:30-05:00", ""},
	{"2026-03-09T14:30", "", "2026-03-09T14:30:00Z", "2026-03-09T14:30:00Z", Minute, "", "9 March 2026, 14:30", "2026-03-09T14:30", ""},
	{"2026-03-09T23:59:59+05:45", "", "2026-03-09T23:59:59+05:45", "2026-03-09T23:59:59+05:45", Minute, "", "9 March 2026, 23:59:59 UTC+05:45", "2026-03-09T23:59:59+05:45", ""},
	{"2026-03-09T00:00+14:00", "", "2026-03-09T00:00:00+14:00", "2026-03-09T00:00:00+14:00", Minute, "", "9 March 2026, 00:00 UTC+14:00", "2026-03-09T00:00+14:00", ""},
	{"2026-03-09T00:00-14:00", "", "2026-03-09T00:00:00-14:00", "2026-03-09T00:00:00-14:00", Minute, "", "9 March 2026, 00:00 UTC-14:00", "2026-03-09T00:00-14:00", ""},
	{"2026-03-09T14:30:00Z", "2026-03-09T14:30Z", "2026-03-09T14:30:00Z", "2026-03-09T14:30:00Z", Minute, "", "9 March 2026, 14:30 UTC", "2026-03-09T14:30Z", ""},
	{"2026-03-09T14:30+00:00", "2026-03-09T14:30Z", "2026-03-09T14:30:00Z", "2026-03-09T14:30:00Z", Minute, "", "9 March 2026, 14:30 UTC", "2026-03-09T14:30Z", ""},
	{"2026-03-09T14:30Z~", "", "2026-03-09T14:30:00Z", "2026-03-09T14:30:00Z", Minute, "~", "c. 9 March 2026, 14:30 UTC", "2026-03-09T14:30Z", ""},
	{"2026-03-09T14:30Z/2026-03-09T16:00Z", "", "2026-03-09T14:30:00Z", "2026-03-09T16:00:00Z", Minute, "I", "9 March 2026, 14:30–16:00 UTC", "2026-03-09T14:30Z", "2026-03-09T16:00Z"},
	{"2026-03-09T14:30+03:00/2026-03-10", "", "2026-03-09T14:30:00+03:00", "2026-03-10", Minute, "I", "9 March 2026, 14:30 UTC+03:00 – 10 March 2026", "2026-03-09T14:30+03:00", "2026-03-10"},
	// Valid by calendar day although the start's instant is after the end's day label.
	{"2026-03-09T23:30-05:00/2026-03-09", "", "2026-03-09T23:30:00-05:00", "2026-03-09", Minute, "I", "9 March 2026, 23:30 UTC-05:00 – 9 March 2026", "2026-03-09T23:30-05:00", "2026-03-09"},
}

type errorTest struct {
	in     string
	offset int
	msg    string // substring of Msg
}

var errorTests = []errorTest{
	{"", 0, "empty date"},
	{"/", 0, "at least one known date"},
	{"../..", 2, "at least one known date"},
	{"../", 2, "at least one known date"},
	{"/..", 0, "at least one known date"},
	{"..", 0, `".." (open end) is only allowed in an interval`},
	{"..?/2026", 2, `unexpected "?" after ".."`},
	{"./2026", 0, `an open end is written ".."`},
	{"2026-03-10/2026-03-11/2026-03-12", 21, `only one "/"`},
	{"2026-03-10/2026-03-09", 11, "interval ends (2026-03-09) before it starts (2026-03-10)"},
	{"2026/2025", 5, "before it starts"},
	{"2026-03-09T16:00Z/2026-03-09T14:00Z", 18, "before it starts"},
	{"2026-03-10T01:00+03:00/2026-03-09T23:00+03:00", 23, "before it starts"},
	{"2026-03-10T08:00/2026-03-09", 17, "before it starts"},
	// In order as instants, but the written days are reversed.
	{"2026-03-10T01:00+14:00/2026-03-09T20:00-10:00", 23, "before it starts"},
	{"2025-02-29", 8, "day 29 is not in February 2025"},
	{"1900-02-29", 8, "day 29 is not in February 1900"},
	{"2026-04-31", 8, "day 31 is not in April 2026"},
	{"2026-03-32", 8, "day 32 is not in March 2026"},
	{"2026-03-00", 8, "day 00 does not exist"},
	{"2026-13", 5, "month 13 does not exist"},
	{"2026-00-10", 5, "month 00 does not exist"},
	{"2026-21", 5, "month 21 does not exist"},
	{"2026-3-10", 6, `month must have two digits, found "-"`},
	{"2026-03-1", 9, "day must have two digits"},
	{"2026-03-10 ", 10, `unexpected " "; dates contain no spaces`},
	{" 2026", 0, `unexpected " "`},
	{"2026-03-10abc", 10, `unexpected "a"`},
	{"2026-03-10/2026-03-11x", 21, `unexpected "x"`},
	{"2026-03-10?!", 11, `unexpected "!" after qualifier`},
	{"2026-03-10?~", 11, "only one qualifier"},
	{"2026?-03", 5, `unexpected "-" after qualifier`},
	{"20260310", 4, `expected "-" after year`},
	{"2026-0310", 7, `expected "-" after month`},
	{"2026-03-100", 10, "day has more than two digits"},
	{"26-03-10", 2, "year must have four digits"},
	{"202", 3, "year must have four digits"},
	{"-", 1, "a negative year must have four digits"},
	{"-026", 4, "year must have four digits"},
	{"-0000", 0, `year 0 has no sign: write "0000"`},
	{"-030X", 4, "a negative year cannot have unspecified digits"},
	{"--2026", 1, `unexpected "-" after "-"`},
	{"Y", 1, `a year after "Y" must have more than four digits`},
	{"Y2026", 1, `a year of four digits or fewer is written without "Y": 2026`},
	{"Y-300", 2, `a year of four digits or fewer is written without "Y": -0300`},
	{"Y017000", 1, `a year after "Y" has no leading zeros`},
	{"Y123456789012", 1, "beyond the eleven digits"},
	{"Y17000-01", 6, `a year written with "Y" has no month or day`},
	{"Y17000X", 6, `a year written with "Y" cannot have unspecified digits`},
	{"Yx", 1, `must have digits, found "x"`},
	{"-0299-02-29", 9, "day 29 is not in February -0299"},
	{"2026/-0299", 5, "interval ends (-0299) before it starts (2026)"},
	{"2026-", 5, "month must have two digits"},
	{"2026-03-", 8, "day must have two digits"},
	{"2026-03-xx", 8, `capital "X"`},
	{"2026-xx", 5, `capital "X"`},
	{"201x", 3, `capital "X"`},
	{"2X26", 1, "last one or two digits"},
	{"2XXX", 1, "last one or two digits"},
	{"XXXX", 0, "last one or two digits"},
	{"201X-03", 4, "cannot have a month"},
	{"2026-XX-10", 8, "day cannot be given when the month is unspecified"},
	{"2026-0X", 5, `unspecified month is written "XX"`},
	{"2026-X3", 5, `unspecified month is written "XX"`},
	{"2026-03-1X", 8, `unspecified day is written "XX"`},
	{"2026-03-XXT10:00", 10, "needs a full date"},
	{"2026-03T10:00", 7, "needs a full date"},
	{"2026T10:00", 4, "needs a full date"},
	{"2026-03-09t14:30", 10, `capital "T"`},
	{"2026-03-09T14:30+15:00", 16, "offset +15:00 is beyond ±14:00"},
	{"2026-03-09T14:30-14:01", 16, "beyond ±14:00"},
	{"2026-03-09T14:30-00:00", 16, `write "Z"`},
	{"2026-03-09T14:30+03:60", 20, "offset minute 60"},
	{"2026-03-09T14:30+0300", 19, `expected ":" in offset`},
	{"2026-03-09T14:30+3:00", 18, "offset hour must have two digits"},
	{"2026-03-09T14:30z", 16, `capital "Z"`},
	{"2026-03-09T14:30+03:00:00", 22, `unexpected ":"`},
	{"2026-03-09T24:00", 11, "hour 24 does not exist"},
	{"2026-03-09T14:60", 14, "minute 60 does not exist"},
	{"2026-03-09T14:30:60Z", 17, "second 60 does not exist"},
	{"2026-03-09T1430", 13, `expected ":" after hour`},
	{"2026-03-09T14", 13, `expected ":" after hour`},
	{"2026-03-09T", 11, "hour must have two digits"},
	{"2026-03-09T14:305", 16, "minute has more than two digits"},
	{"2026-03-09T14:30:5", 18, "second must have two digits"},
	{"2026-03-09T14:30.5", 16, `unexpected "."`},
	{"2026–03–10", 4, `unexpected "–"`},
	{"\xff", 0, `unexpected "\xff"`},
	{"2026-03-10\x00", 10, `unexpected "\x00"`},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): unexpected error %v", tt.in, err)
			continue
		}
		want := tt.canon
		if want == "" {
			want = tt.in
		}
		check := func(what, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("Parse(%q).%s = %q, want %q", tt.in, what, got, want)
			}
		}
		check("String()", d.String(), want)
		check("Lower()", fmtBound(d.Lower()), tt.lower)
		check("Upper()", fmtBound(d.Upper()), tt.upper)
		check("Precision()", d.Precision().String(), tt.prec.String())
		check("flags", flags(d), tt.flags)
		check("Display()", d.Display(), tt.display)
		check("Datetime()", d.Datetime(), tt.dt)
		check("DatetimeEnd()", d.DatetimeEnd(), tt.dtEnd)
		if d.IsZero() {
			t.Errorf("Parse(%q).IsZero() = true", tt.in)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		d, err := Parse(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, %v; want *SyntaxError", tt.in, d, err)
			continue
		}
		if se.Offset != tt.offset || !strings.Contains(se.Msg, tt.msg) {
			t.Errorf("Parse(%q) error = offset %d %q; want offset %d containing %q",
				tt.in, se.Offset, se.Msg, tt.offset, tt.msg)
		}
		if !d.IsZero() {
			t.Errorf("Parse(%q) returned non-zero Date %v with error", tt.in, d)
		}
	}
}

func TestSyntaxErrorString(t *testing.T) {
	_, err := Parse("2026-04-31")
	if got, want := err.Error(), "offset 8: day 31 is not in April 2026"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// fmtBound prints midnight UTC as a plain day and anything else as RFC 3339
// with its zone, so the tests also pin the location of timed bounds.
func fmtBound(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

func flags(d Date) string {
	var b strings.Builder
	for _, f := range []struct {
		on bool
		c  byte
	}{
		{d.Interval, 'I'}, {d.Uncertain(), '?'}, {d.Approximate(), '~'},
		{d.OpenStart, '('}, {d.OpenEnd, ')'}, {d.UnknownStart, '['}, {d.UnknownEnd, ']'},
	} {
		if f.on {
			b.WriteByte(f.c)
		}
	}
	return b.String()
}

func TestPointFields(t *testing.T) {
	tests := []struct {
		in   string
		want Point
	}{
		{"2026-03-XX", Point{Year: 2026, Month: 3, Precision: Month, Unspecified: "2026-03-XX"}},
		{"201X", Point{Year: 2010, Precision: Year, Unspecified: "201X"}},
		{"2026-03-09T14:30:05-05:30%", Point{Year: 2026, Month: 3, Day: 9, Hour: 14, Minute: 30, Second: 5,
			HasTime: true, Offset: new(-(5*3600 + 30*60)), Precision: Minute, Uncertain: true, Approximate: true}},
		{"2026-03-09T14:30", Point{Year: 2026, Month: 3, Day: 9, Hour: 14, Minute: 30, HasTime: true, Precision: Minute}},
	}
	for _, tt := range tests {
		d := MustParse(tt.in)
		if !d.Start.equal(tt.want) || !d.End.equal(tt.want) {
			t.Errorf("MustParse(%q) = %+v, want Start == End == %+v", tt.in, d, tt.want)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse(\"2026-13\") did not panic")
		}
	}()
	MustParse("2026-13")
}

func TestZero(t *testing.T) {
	var d Date
	if !d.IsZero() || d.String() != "" || d.Display() != "" || d.Datetime() != "" || d.DatetimeEnd() != "" ||
		!d.Lower().IsZero() || !d.Upper().IsZero() || d.Uncertain() || d.Approximate() ||
		d.Contains(time.Now()) || d.Overlaps(MustParse("2026")) {
		t.Errorf("zero Date misbehaves: %+v", d)
	}
}

func TestTextMarshal(t *testing.T) {
	type doc struct {
		Date Date  `json:"date"`
		Opt  Date  `json:"opt"`
		Ptr  *Date `json:"ptr"`
	}
	in := doc{Date: MustParse("2025-06-21?/2025-06-22"), Ptr: new(MustParse("2026-03-09T14:30+03:00"))}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"date":"2025-06-21?/2025-06-22","opt":"","ptr":"2026-03-09T14:30+03:00"}`
	if string(b) != want {
		t.Errorf("json.Marshal = %s, want %s", b, want)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Date.Equal(in.Date) || !out.Opt.IsZero() || !out.Ptr.Equal(*in.Ptr) {
		t.Errorf("json round trip = %+v, want %+v", out, in)
	}
	err = json.Unmarshal([]byte(`{"date":"2026-04-31"}`), &out)
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != 8 {
		t.Errorf("json.Unmarshal of invalid date: err = %v, want *SyntaxError at offset 8", err)
	}
}

func TestCompare(t *testing.T) {
	// Strictly increasing: each neighbour pair must compare -1.
	ordered := []string{
		"../2025-01-10",          // open start first; day before month
		"/2025-03",               // unknown start
		"Y-170000000",            // years before 0000, in order
		"Y-12345",                //
		"-0331/-0322",            //
		"-0299",                  // 300 BC
		"-0001-12-31",            // 2 BC
		"0000",                   // 1 BC
		"0001-01-01",             // AD 1
		"20XX",                   // 2000-01-01
		"201X",                   // 2010-01-01
		"2024-02-29",             //
		"2025-01-01T08:00+03:00", // time before day before month before year, same first day
		"2025-01-01",             //
		"2025-01-01/2025-01-05",  // same start, later end
		"2025-01",                //
		"2025-01/2025-03",        //
		"2025",                   //
		"2025-06-01",             //
		"2025-06-XX",             //
		"2025-06/2025-08",        //
		"2025-06-13T10:00+03:00", // 07:00 UTC
		"2025-06-13T09:00Z",      // 09:00 UTC
		"2025-06-13",             //
		"2025-06-13/2025-06-24",  //
		"2025-06-13/",            // unknown end sorts like an open one: last
		"2026-03-09T23:30-05:00", // written 9 March, although 10 March in UTC
		"2026-03-10",             //
		"Y17000",                 // after 9999
	}
	dates := make([]Date, len(ordered))
	for i, s := range ordered {
		dates[i] = MustParse(s)
	}
	for i := range dates {
		for j := range dates {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := Compare(dates[i], dates[j]); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}

	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := slices.Clone(dates)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		slices.SortFunc(shuffled, Compare)
		for i := range shuffled {
			if !shuffled[i].Equal(dates[i]) {
				t.Fatalf("sorted position %d = %s, want %s", i, shuffled[i], dates[i])
			}
		}
	}

	// Same bounds and precision differ only by qualifier: left to the caller's id.
	if c := Compare(MustParse("2026-03-10?"), MustParse("2026-03-10")); c != 0 {
		t.Errorf("Compare of qualified and plain same day = %d, want 0", c)
	}
	if c := Compare(Date{}, MustParse("../2026")); c != -1 {
		t.Errorf("Compare(zero, open start) = %d, want -1", c)
	}
}

func TestContains(t *testing.T) {
	day := func(s string) time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	tests := []struct {
		date string
		t    time.Time
		want bool
	}{
		{"2026-03", day("2026-03-01"), true},
		{"2026-03", day("2026-03-31"), true},
		{"2026-03", day("2026-04-01"), false},
		{"2026-03", day("2026-02-28"), false},
		{"2026-03-10", day("2026-03-10").Add(23 * time.Hour), true},
		{"2026-03-09/2026-03-10", day("2026-03-11"), false},
		{"201X", day("2019-12-31"), true},
		{"201X", day("2020-01-01"), false},
		{"2026-02-28/..", day("2099-01-01"), true},
		{"2026-02-28/..", day("2026-02-27"), false},
		{"2026-02-28/", day("2030-01-01"), true},
		{"../2026-02-28", day("1900-01-01"), true},
		{"../2026-02-28", day("2026-03-01"), false},
		// The day as written, in t's own zone: 23:30 -05:00 on the 9th is the 9th.
		{"2026-03-09T23:30-05:00", time.Date(2026, 3, 9, 23, 0, 0, 0, time.FixedZone("", -5*3600)), true},
		{"2026-03-09T23:30-05:00", MustParse("2026-03-09T23:30-05:00").Lower(), true},
		{"2026-03-09T23:30-05:00", day("2026-03-10"), false},
	}
	for _, tt := range tests {
		if got := MustParse(tt.date).Contains(tt.t); got != tt.want {
			t.Errorf("%s.Contains(%v) = %v, want %v", tt.date, tt.t, got, tt.want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2026-03", "2026-03-31", true},
		{"2026-03", "2026-04-01", false},
		{"2026-03-09/2026-03-10", "2026-03-10/2026-03-12", true},
		{"2026-03-09/2026-03-10", "2026-03-11/2026-03-12", false},
		{"2025-06/2025-08", "2025", true},
		{"2026-02-28/..", "2030", true},
		{"2026-02-28/..", "../2026-02-27", false},
		{"../2026-02-28", "2026-02-28/", true},
		{"201X", "2015-06-XX", true},
		{"2026-03-09T14:30+03:00", "2026-03-09", true},
	}
	for _, tt := range tests {
		a, b := MustParse(tt.a), MustParse(tt.b)
		if got := a.Overlaps(b); got != tt.want {
			t.Errorf("%s.Overlaps(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := b.Overlaps(a); got != tt.want {
			t.Errorf("%s.Overlaps(%s) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestPrecisionString(t *testing.T) {
	for p, want := range map[Precision]string{Year: "year", Month: "month", Day: "day", Minute: "time", 0: "Precision(0)"} {
		if got := p.String(); got != want {
			t.Errorf("Precision(%d).String() = %q, want %q", p, got, want)
		}
	}
}
