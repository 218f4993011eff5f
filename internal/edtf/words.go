package edtf

import "strings"

// Words are what Display writes a date with in one language: month names,
// the order of day, month and year, and the honest qualifiers. Patterns
// hold "%s" where the date (or the year) goes, replaced in order; they are
// not fmt formats, so a translation with a stray "%" cannot break them.
type Words struct {
	// Months are the names of January..December standing alone ("March
	// 2026"); MonthsOfDay as they read after a day ("10 марта 2026"), the
	// same in many languages.
	Months, MonthsOfDay [12]string
	// Order is "dmy", "mdy" or "ymd": how a full date is written. Ranges
	// factor out a shared month and year ("9–10 March 2026") in "dmy"
	// only; the other orders write both ends in full.
	Order string
	// Approximate and Uncertain wrap a point ("c. %s", "%s?").
	Approximate, Uncertain string
	// Open intervals: "since %s", "from %s (end unknown)", "until %s",
	// "until %s (start unknown)".
	Since, FromUnknownEnd, Until, UntilUnknownStart string
	// Unspecified digits: a decade ("the %ss", given the first year), a
	// span of years ("the years %s–%s"), an unknown day of a month or a
	// year ("a day in %s"), an unknown month of a year ("a month in %s").
	Decade, Years, DayIn, MonthIn string
	// BC writes a year before the common era ("%s BC"); Thousands groups
	// the digits of years beyond four ("17,000").
	BC, Thousands string
}

// English are the words of Display.
var English = Words{
	Months:            [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	MonthsOfDay:       [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	Order:             "dmy",
	Approximate:       "c. %s",
	Uncertain:         "%s?",
	Since:             "since %s",
	FromUnknownEnd:    "from %s (end unknown)",
	Until:             "until %s",
	UntilUnknownStart: "until %s (start unknown)",
	Decade:            "the %ss",
	Years:             "the years %s–%s",
	DayIn:             "a day in %s",
	MonthIn:           "a month in %s",
	BC:                "%s BC",
	Thousands:         ",",
}

// fill replaces the "%s" of pattern by args, in order.
func fill(pattern string, args ...string) string {
	for _, a := range args {
		i := strings.Index(pattern, "%s")
		if i < 0 {
			break
		}
		pattern = pattern[:i] + a + pattern[i+2:]
	}
	return pattern
}

func (w *Words) month(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return w.Months[m-1]
}

func (w *Words) monthOfDay(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return w.MonthsOfDay[m-1]
}
