package timex

import (
	"strconv"
	"strings"
)

// Lexical fragments shared by the patterns. They are plain strings spliced
// into the regular expressions in patterns.go.
const (
	// Full month names must be capitalised: "may" and "march" are common
	// lower-case words.
	reMonthFull = `(?:January|February|March|April|May|June|July|August|September|October|November|December)`
	// Abbreviations are only accepted next to a day or year.
	reMonthAny = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`
	reDay      = `(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?`
	reDayOrd   = `(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)`
	reYear     = `(?:1[0-9]{3}|20[0-9]{2})`
	reBC       = `(?:BCE|BC|B\.C\.E\.|B\.C\.|B\.C)`
	reWeekday  = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	reSeason   = `(?i:spring|summer|autumn|fall|winter)`
	reNumWord  = `(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a |one )?hundred|(?:a |one )?thousand|a dozen|dozen)`
	// reNum is a count: digits, number words, fractions and vague
	// quantifiers. Vague ones normalise to X.
	reNum = `(?:\d+\s+1/2|\d+(?:\.\d+)?|` + reNumWord + `(?i:\s+and\s+(?:a\s+)?half)?|(?i:a\s+few|a\s+couple\s+of|a\s+couple|few|several|many|some|a|an|half\s+a|a\s+half|one\s+and\s+a\s+half|a\s+year\s+and\s+a\s+half))`
	// Units in singular and plural; "hrs" appears in military times.
	reUnit      = `(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters|years?|decades?|century|centuries|millenni(?:um|a))`
	reOrdWord   = `(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty first|\d{1,2}(?:st|nd|rd|th))`
	rePartOfDay = `(?i:morning|afternoon|evening|night|dawn|dusk|daybreak|midday|noon|midnight|overnight)`
)

var monthNames = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// monthNum maps any month name or abbreviation to 1..12 (0 if unknown).
func monthNum(s string) int {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if len(s) < 3 {
		return 0
	}
	return monthNames[s[:3]]
}

var weekdayNames = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

var seasonCodes = map[string]string{
	"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}

// partOfDayCodes maps words to TIMEX3 part-of-day codes.
var partOfDayCodes = map[string]string{
	"morning": "MO", "dawn": "MO", "daybreak": "MO", "afternoon": "AF", "evening": "EV",
	"dusk": "EV", "night": "NI", "overnight": "NI", "nighttime": "NI", "night-time": "NI",
	"midday": "MI", "noon": "MI", "daytime": "DT", "midnight": "NI",
}

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
	"dozen": 12, "a": 1, "an": 1,
}

var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}

// parseOrdinal reads "19th", "nineteenth"; 0 if not an ordinal.
func parseOrdinal(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	if v, ok := ordinalWords[s]; ok {
		return v
	}
	s = strings.TrimRight(s, "stndrh")
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// parseNum reads a count. It returns the amount and whether it is exact;
// vague quantifiers ("several", "a few") return ok=false. Fractions come
// back as float amounts ("two and a half" = 2.5).
func parseNum(s string) (float64, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch s {
	case "a few", "few", "several", "many", "some", "a couple", "a couple of":
		return 0, false
	case "half a", "a half":
		return 0.5, true
	case "one and a half", "a year and a half":
		return 1.5, true
	}
	half := 0.0
	for _, suf := range []string{" and a half", " and half"} {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			half = 0.5
		}
	}
	if n, ok := strings.CutSuffix(s, " 1/2"); ok {
		s, half = n, 0.5 // "5 1/2 hours"
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f + half, true
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "a "), "one ")
	total := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }) {
		v, ok := smallNumbers[w]
		if !ok {
			return 0, false
		}
		if v == 100 || v == 1000 {
			if total == 0 {
				total = 1
			}
			total *= v
		} else {
			total += v
		}
	}
	if total == 0 && s != "zero" {
		return 0, false
	}
	return float64(total) + half, true
}

// unitOf maps a unit word to its granularity.
func unitOf(s string) gran {
	s = strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, "sec"):
		return gSecond
	case strings.HasPrefix(s, "min"):
		return gMinute
	case strings.HasPrefix(s, "hour"), strings.HasPrefix(s, "hr"):
		return gHour
	case strings.HasPrefix(s, "day"), strings.HasPrefix(s, "night"):
		return gDay
	case strings.HasPrefix(s, "fortnight"):
		return gFortnight
	case strings.HasPrefix(s, "week"):
		return gWeek
	case strings.HasPrefix(s, "month"):
		return gMonth
	case strings.HasPrefix(s, "quarter"):
		return gQuarter
	case strings.HasPrefix(s, "year"):
		return gYear
	case strings.HasPrefix(s, "decade"):
		return gDecade
	case strings.HasPrefix(s, "centur"):
		return gCentury
	case strings.HasPrefix(s, "millenni"):
		return gMillennium
	}
	return gNone
}
