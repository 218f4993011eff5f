package edtf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

const maxOffset = 14 * 3600 // ISO 8601 and real-world zones stay within ±14:00

// Parse parses s in the news profile. Errors are *SyntaxError. Surrounding
// space is not trimmed: content files should hold the date exactly.
func Parse(s string) (Date, error) {
	if s == "" {
		return Date{}, &SyntaxError{Offset: 0, Msg: "empty date"}
	}
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		if strings.HasPrefix(s, "..") {
			return Date{}, &SyntaxError{Offset: 0, Msg: `".." (open end) is only allowed in an interval`}
		}
		p, err := parsePoint(s, 0, len(s))
		if err != nil {
			return Date{}, err
		}
		return Date{Start: p, End: p}, nil
	}
	if j := strings.IndexByte(s[slash+1:], '/'); j >= 0 {
		return Date{}, &SyntaxError{Offset: slash + 1 + j, Msg: `an interval has only one "/"`}
	}

	d := Date{Interval: true}
	var err error
	var open, unknown bool
	if d.Start, open, unknown, err = parseEnd(s, 0, slash); err != nil {
		return Date{}, err
	}
	d.OpenStart, d.UnknownStart = open, unknown
	if d.End, open, unknown, err = parseEnd(s, slash+1, len(s)); err != nil {
		return Date{}, err
	}
	d.OpenEnd, d.UnknownEnd = open, unknown

	if !d.hasStart() && !d.hasEnd() {
		return Date{}, &SyntaxError{Offset: slash, Msg: "an interval needs at least one known date"}
	}
	if d.hasStart() && d.hasEnd() && !notAfter(d.Start, d.End) {
		return Date{}, &SyntaxError{Offset: slash + 1, Msg: fmt.Sprintf(
			"interval ends (%s) before it starts (%s)", s[slash+1:], s[:slash])}
	}
	return d, nil
}

// parseEnd parses s[start:end] as one end of an interval: a point, ".." or
// nothing.
func parseEnd(s string, start, end int) (p Point, open, unknown bool, err error) {
	seg := s[start:end]
	switch {
	case seg == "":
		return Point{}, false, true, nil
	case seg == "..":
		return Point{}, true, false, nil
	case strings.HasPrefix(seg, ".."):
		return Point{}, false, false, unexpected(s, start+2, `after ".."`)
	case seg[0] == '.':
		return Point{}, false, false, &SyntaxError{Offset: start, Msg: `an open end is written ".."`}
	}
	p, err = parsePoint(s, start, end)
	return p, false, false, err
}

// notAfter reports whether start can precede (or equal) end. The written
// calendar days must be in order, since every day-level operation relies on
// them; "14:30 on the 9th until the 9th" is fine. Exact instants are
// compared too when both ends carry a time in the same frame (both with
// offsets, or both floating).
func notAfter(start, end Point) bool {
	if dayKeyOf(start.lower()) > dayKeyOf(end.upper()) {
		return false
	}
	if start.HasTime && end.HasTime && (start.Offset == nil) == (end.Offset == nil) {
		return !start.lower().After(end.lower())
	}
	return true
}

// scanner reads one point within s[i:end]. It keeps the whole input so
// error offsets are absolute.
type scanner struct {
	s   string
	i   int
	end int
}

func parsePoint(s string, start, end int) (Point, error) {
	sc := &scanner{s: s, i: start, end: end}
	var p Point
	if err := sc.date(&p); err != nil {
		return Point{}, err
	}
	if sc.more() && sc.cur() == 'T' {
		if p.Precision != Day {
			return Point{}, sc.errAt(sc.i, "a time of day needs a full date")
		}
		if err := sc.time(&p); err != nil {
			return Point{}, err
		}
	}
	if err := sc.qualifier(&p); err != nil {
		return Point{}, err
	}
	if sc.more() {
		return Point{}, unexpected(s, sc.i, "")
	}
	return p, nil
}

func (sc *scanner) more() bool { return sc.i < sc.end }
func (sc *scanner) cur() byte  { return sc.s[sc.i] }

func (sc *scanner) errAt(off int, msg string) *SyntaxError {
	return &SyntaxError{Offset: off, Msg: msg}
}

// date reads YYYY[-MM[-DD]] including X patterns and validates the calendar.
func (sc *scanner) date(p *Point) error {
	start := sc.i
	if err := sc.year(p); err != nil {
		return err
	}
	if p.Unspecified != "" {
		if sc.more() && sc.cur() == '-' {
			return sc.errAt(sc.i, "a year with unspecified digits cannot have a month")
		}
		return nil
	}
	if !sc.more() || !sc.separator() {
		return sc.afterField("year")
	}

	monthAt := sc.i
	m, mx, err := sc.field2("month")
	if err != nil {
		return err
	}
	if !mx {
		if m < 1 || m > 12 {
			return sc.errAt(monthAt, fmt.Sprintf("month %02d does not exist (months are 01-12)", m))
		}
		p.Month, p.Precision = m, Month
	}
	if !sc.more() || !sc.separator() {
		if mx {
			p.Unspecified = sc.s[start:sc.i]
		}
		return sc.afterField("month")
	}

	dayAt := sc.i
	d, dx, err := sc.field2("day")
	if err != nil {
		return err
	}
	switch {
	case mx && !dx:
		return sc.errAt(dayAt, "a day cannot be given when the month is unspecified")
	case dx:
		p.Unspecified = sc.s[start:sc.i]
	case d < 1 || d > DaysIn(p.Year, m):
		if d == 0 {
			return sc.errAt(dayAt, "day 00 does not exist")
		}
		return sc.errAt(dayAt, fmt.Sprintf("day %d is not in %s %s", d, monthName(m), yearString(p.Year)))
	default:
		p.Day, p.Precision = d, Day
	}
	if sc.more() && isDigit(sc.cur()) {
		return sc.errAt(sc.i, "day has more than two digits")
	}
	return nil
}

// separator consumes a "-" after a date field, reporting whether it did.
func (sc *scanner) separator() bool {
	if sc.cur() == '-' {
		sc.i++
		return true
	}
	return false
}

// afterField explains a stray digit right after a date field, which usually
// means ISO basic format (20260310). Anything else is left to the caller's
// qualifier and end-of-input checks.
func (sc *scanner) afterField(field string) error {
	if sc.more() && isDigit(sc.cur()) {
		return sc.errAt(sc.i, fmt.Sprintf(`expected "-" after %s`, field))
	}
	return nil
}

// MaxYear bounds the years of the profile, either way: eleven digits after
// "Y", which dates the age of the universe and keeps every bound a
// time.Time (good for 292 billion years).
const MaxYear = 99_999_999_999

const maxYear = MaxYear

// year reads four characters: digits, optionally ending in one or two X; or
// a negative year, "-" and four digits; or, for years beyond four digits,
// "Y" and more than four digits, with a sign when negative (EDTF level 1).
func (sc *scanner) year(p *Point) error {
	if sc.more() && sc.cur() == 'Y' {
		return sc.bigYear(p)
	}
	neg := sc.more() && sc.cur() == '-'
	if neg {
		sc.i++
		if !sc.more() {
			return sc.errAt(sc.i, "a negative year must have four digits")
		}
		if c := sc.cur(); !isDigit(c) && c != 'X' {
			return unexpected(sc.s, sc.i, `after "-"`)
		}
	}
	start := sc.i
	xs, firstX := 0, -1
	for k := 0; k < 4; k++ {
		if !sc.more() {
			return sc.errAt(sc.i, "year must have four digits")
		}
		c := sc.cur()
		switch {
		case c == 'X':
			if xs == 0 {
				firstX = sc.i
			}
			xs++
		case isDigit(c) && xs > 0:
			return sc.errAt(firstX, "only the last one or two digits of a year may be unspecified")
		case isDigit(c):
		case k == 0:
			return unexpected(sc.s, sc.i, "")
		default:
			return sc.fieldErr("year", "four digits")
		}
		sc.i++
	}
	if xs > 2 {
		return sc.errAt(firstX, "only the last one or two digits of a year may be unspecified")
	}
	if neg && xs > 0 {
		// The earliest year "-030X" allows is -0309, not -0300: the
		// numeric fields could not hold it as they do for other years.
		return sc.errAt(firstX, "a negative year cannot have unspecified digits")
	}
	digits := strings.ReplaceAll(sc.s[start:sc.i], "X", "0")
	p.Year, _ = strconv.Atoi(digits)
	if neg {
		if p.Year == 0 {
			return sc.errAt(start-1, `year 0 has no sign: write "0000"`)
		}
		p.Year = -p.Year
	}
	p.Precision = Year
	if xs > 0 {
		p.Unspecified = sc.s[start:sc.i]
	}
	return nil
}

// bigYear reads "Y", an optional "-" and more than four digits: a year
// beyond 0000-9999, which has no month or day in EDTF level 1.
func (sc *scanner) bigYear(p *Point) error {
	sc.i++ // 'Y'
	neg := sc.more() && sc.cur() == '-'
	if neg {
		sc.i++
	}
	start := sc.i
	for sc.more() && isDigit(sc.cur()) {
		sc.i++
	}
	digits := sc.s[start:sc.i]
	switch {
	case digits == "" && sc.more():
		return sc.fieldErr("a year after \"Y\"", "digits")
	case digits == "":
		return sc.errAt(sc.i, `a year after "Y" must have more than four digits`)
	case digits[0] == '0':
		return sc.errAt(start, `a year after "Y" has no leading zeros`)
	case len(digits) <= 4:
		return sc.errAt(start, fmt.Sprintf(`a year of four digits or fewer is written without "Y": %s`, yearString(signed(neg, digits))))
	case len(digits) > 11:
		return sc.errAt(start, fmt.Sprintf("year %s is beyond the eleven digits Dateline dates", digits))
	}
	if sc.more() {
		switch sc.cur() {
		case '-':
			return sc.errAt(sc.i, `a year written with "Y" has no month or day`)
		case 'X':
			return sc.errAt(sc.i, `a year written with "Y" cannot have unspecified digits`)
		}
	}
	p.Year = signed(neg, digits)
	p.Precision = Year
	return nil
}

// signed is the year of a string of at most eleven digits, negated when
// neg.
func signed(neg bool, digits string) int {
	n, _ := strconv.Atoi(digits)
	if neg {
		return -n
	}
	return n
}

// field2 reads a two-character month or day: two digits, or "XX".
func (sc *scanner) field2(field string) (v int, unspecified bool, err error) {
	start := sc.i
	if sc.end-sc.i >= 2 && sc.s[sc.i] == 'X' && sc.s[sc.i+1] == 'X' {
		sc.i += 2
		return 0, true, nil
	}
	for k := 0; k < 2; k++ {
		if !sc.more() {
			return 0, false, sc.errAt(sc.i, field+" must have two digits")
		}
		c := sc.cur()
		if c == 'X' {
			return 0, false, sc.errAt(start, fmt.Sprintf(`an unspecified %s is written "XX"`, field))
		}
		if !isDigit(c) {
			return 0, false, sc.fieldErr(field, "two digits")
		}
		v = v*10 + int(c-'0')
		sc.i++
	}
	return v, false, nil
}

// digits2 reads a two-digit time or offset field. A third digit is reported
// here only for fields that end a component; after an hour the missing ":"
// is the better explanation.
func (sc *scanner) digits2(field string, last bool) (int, error) {
	v := 0
	for k := 0; k < 2; k++ {
		if !sc.more() {
			return 0, sc.errAt(sc.i, field+" must have two digits")
		}
		if !isDigit(sc.cur()) {
			return 0, sc.fieldErr(field, "two digits")
		}
		v = v*10 + int(sc.cur()-'0')
		sc.i++
	}
	if last && sc.more() && isDigit(sc.cur()) {
		return 0, sc.errAt(sc.i, field+" has more than two digits")
	}
	return v, nil
}

// fieldErr reports the non-digit at the cursor inside a numeric field.
func (sc *scanner) fieldErr(field, want string) error {
	msg := fmt.Sprintf("%s must have %s, found %s", field, want, quoteAt(sc.s, sc.i))
	if sc.cur() == 'x' {
		msg += `; unspecified digits are written with a capital "X"`
	}
	return sc.errAt(sc.i, msg)
}

// time reads THH:MM[:SS][Z|±HH:MM].
func (sc *scanner) time(p *Point) error {
	sc.i++ // 'T'
	var err error
	hourAt := sc.i
	if p.Hour, err = sc.digits2("hour", false); err != nil {
		return err
	}
	if p.Hour > 23 {
		return sc.errAt(hourAt, fmt.Sprintf("hour %02d does not exist (hours are 00-23)", p.Hour))
	}
	if !sc.more() || sc.cur() != ':' {
		return sc.errAt(sc.i, `expected ":" after hour`)
	}
	sc.i++
	minAt := sc.i
	if p.Minute, err = sc.digits2("minute", true); err != nil {
		return err
	}
	if p.Minute > 59 {
		return sc.errAt(minAt, fmt.Sprintf("minute %02d does not exist (minutes are 00-59)", p.Minute))
	}
	if sc.more() && sc.cur() == ':' {
		sc.i++
		secAt := sc.i
		if p.Second, err = sc.digits2("second", true); err != nil {
			return err
		}
		if p.Second > 59 {
			return sc.errAt(secAt, fmt.Sprintf("second %02d does not exist (seconds are 00-59)", p.Second))
		}
	}
	p.HasTime, p.Precision = true, Minute
	return sc.offset(p)
}

// offset reads an optional "Z" or ±HH:MM.
func (sc *scanner) offset(p *Point) error {
	if !sc.more() {
		return nil
	}
	signAt := sc.i
	switch sc.cur() {
	case 'Z':
		sc.i++
		p.Offset = new(0)
		return nil
	case 'z':
		return sc.errAt(sc.i, `UTC is written with a capital "Z"`)
	case '+', '-':
		sc.i++
	default:
		return nil
	}
	hh, err := sc.digits2("offset hour", false)
	if err != nil {
		return err
	}
	if !sc.more() || sc.cur() != ':' {
		return sc.errAt(sc.i, `expected ":" in offset (write ±HH:MM)`)
	}
	sc.i++
	mmAt := sc.i
	mm, err := sc.digits2("offset minute", true)
	if err != nil {
		return err
	}
	if mm > 59 {
		return sc.errAt(mmAt, fmt.Sprintf("offset minute %02d does not exist", mm))
	}
	off := hh*3600 + mm*60
	written := sc.s[signAt:sc.i]
	switch {
	case off > maxOffset:
		return sc.errAt(signAt, fmt.Sprintf("offset %s is beyond ±14:00", written))
	case off == 0 && sc.s[signAt] == '-':
		return sc.errAt(signAt, `offset -00:00 is not allowed; write "Z" for UTC`)
	}
	if sc.s[signAt] == '-' {
		off = -off
	}
	p.Offset = new(off)
	return nil
}

// qualifier reads an optional final ?, ~ or %.
func (sc *scanner) qualifier(p *Point) error {
	if !sc.more() || !isQualifier(sc.cur()) {
		return nil
	}
	switch sc.cur() {
	case '?':
		p.Uncertain = true
	case '~':
		p.Approximate = true
	case '%':
		p.Uncertain, p.Approximate = true, true
	}
	sc.i++
	if sc.more() {
		if isQualifier(sc.cur()) {
			return sc.errAt(sc.i, `only one qualifier is allowed; "%" means uncertain and approximate`)
		}
		return unexpected(sc.s, sc.i, "after qualifier")
	}
	return nil
}

// unexpected reports the character at s[i], with a hint for the mistakes
// editors actually make.
func unexpected(s string, i int, where string) *SyntaxError {
	msg := "unexpected " + quoteAt(s, i)
	if where != "" {
		msg += " " + where
	}
	switch s[i] {
	case 'x':
		msg += `; unspecified digits are written with a capital "X"`
	case 't':
		msg += `; a time is introduced with a capital "T"`
	case ' ', '\t', '\n', '\r':
		msg += "; dates contain no spaces"
	}
	return &SyntaxError{Offset: i, Msg: msg}
}

// quoteAt quotes the character starting at s[i] for a message, keeping
// invalid UTF-8 visible as an escaped byte.
func quoteAt(s string, i int) string {
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n <= 1 {
		return strconv.Quote(s[i : i+1])
	}
	return strconv.Quote(string(r))
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isQualifier(c byte) bool { return c == '?' || c == '~' || c == '%' }
