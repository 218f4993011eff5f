// Package timelinejs is the TimelineJS3 data format, the one newsrooms use
// for Knight Lab's TimelineJS: a JSON document of slides (and the
// Google-Sheets CSV template that TimelineJS reads), and the import of such
// a timeline into Dateline content files.
//
// The types serve both directions: internal/export writes them from a
// Dateline timeline, Parse and ParseCSV read them from a file, and Import
// turns them into entries and stub sources.
package timelinejs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Timeline is a TimelineJS3 JSON document.
type Timeline struct {
	Title  *Slide  `json:"title,omitempty"`
	Events []Slide `json:"events"`
	Eras   []Era   `json:"eras,omitempty"`
	Scale  string  `json:"scale,omitempty"` // "human" (the default) or "cosmological"
	// Language is the timeline's language (a BCP 47 tag), an extra key
	// TimelineJS ignores: a host passes it as TimelineJS's language option
	// (new TL.Timeline(el, data, {language: data.language})).
	Language string `json:"language,omitempty"`
}

// Slide is an event, or the title slide.
type Slide struct {
	StartDate   *Date       `json:"start_date,omitempty"`
	EndDate     *Date       `json:"end_date,omitempty"`
	Text        *Text       `json:"text,omitempty"`
	Media       *Media      `json:"media,omitempty"`
	Group       string      `json:"group,omitempty"`
	DisplayDate string      `json:"display_date,omitempty"`
	Background  *Background `json:"background,omitempty"`
	UniqueID    string      `json:"unique_id,omitempty"`

	// EDTF is Dateline's extension: the date exactly as Dateline holds it
	// ("2024-10?/2025-06-23?"). TimelineJS ignores it; an import uses it
	// when it agrees with start_date/end_date and display_date, since a
	// display can read the same for two dates ("October 2024 – 23 June
	// 2025?" is the display of an uncertain range and of an uncertain end).
	EDTF string `json:"edtf,omitempty"`
}

// Era is a labelled span shown behind the events.
type Era struct {
	StartDate *Date `json:"start_date"`
	EndDate   *Date `json:"end_date"`
	Text      *Text `json:"text,omitempty"`
}

// Date is a TimelineJS date: only year is required, and the parts present
// are its precision. TimelineJS accepts the parts as strings or numbers;
// they are written as strings, as its documentation shows them.
type Date struct {
	Year        Part   `json:"year"`
	Month       Part   `json:"month,omitempty"`
	Day         Part   `json:"day,omitempty"`
	Hour        Part   `json:"hour,omitempty"`
	Minute      Part   `json:"minute,omitempty"`
	Second      Part   `json:"second,omitempty"`
	Millisecond Part   `json:"millisecond,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
	Format      string `json:"format,omitempty"`
}

// Text is a slide's headline and body, both HTML.
type Text struct {
	Headline string `json:"headline,omitempty"`
	Text     string `json:"text,omitempty"`
}

// Media is a slide's image, video or link.
type Media struct {
	URL       string `json:"url,omitempty"`
	Caption   string `json:"caption,omitempty"`
	Credit    string `json:"credit,omitempty"`
	Thumbnail string `json:"thumbnail,omitempty"`
	Alt       string `json:"alt,omitempty"`
	Title     string `json:"title,omitempty"`
	Link      string `json:"link,omitempty"`
}

// Background is a slide's background colour or image.
type Background struct {
	URL   string `json:"url,omitempty"`
	Color string `json:"color,omitempty"`
	Alt   string `json:"alt,omitempty"`
}

// Part is one component of a date: written as a string, read from a
// string or a number. "" means absent.
type Part string

// UnmarshalJSON accepts "2025", 2025 and null. Any other JSON value is
// kept as written, so that Int reports it at the value's position.
func (p *Part) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*p = ""
	case strings.HasPrefix(s, `"`):
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*p = Part(strings.TrimSpace(v))
	default:
		*p = Part(s)
	}
	return nil
}

// Int returns the part as an integer; ok is false when it is absent.
func (p Part) Int() (n int, ok bool, err error) {
	if p == "" {
		return 0, false, nil
	}
	f, err := strconv.ParseFloat(string(p), 64)
	if err != nil || f != float64(int(f)) {
		return 0, true, fmt.Errorf("%q is not a whole number", string(p))
	}
	return int(f), true, nil
}

// PartOf formats n as a Part.
func PartOf(n int) Part { return Part(strconv.Itoa(n)) }

// TimelineJS numbers the years before AD 1 as its readers do: it shows
// year -300 as "300 BCE" (its English era label). EDTF, like ISO 8601, has
// a year 0, which is 1 BC, so TimelineJS's -300 is EDTF's -0299. EDTFYear
// and YearOf convert; TimelineJS's year 0, which it shows as "0", is read
// as 1 BC, the year JavaScript's Date means by it.
func EDTFYear(y int) int {
	if y < 0 {
		return y + 1
	}
	return y
}

// YearOf is the TimelineJS year of an EDTF year (see EDTFYear).
func YearOf(edtfYear int) int {
	if edtfYear <= 0 {
		return edtfYear - 1
	}
	return edtfYear
}

// Cosmological reports whether TimelineJS needs its "cosmological" scale
// for an EDTF year: JavaScript's Date, behind the "human" scale, reaches
// 20 April 271821 BC to 13 September AD 275760.
func Cosmological(edtfYear int) bool {
	y := YearOf(edtfYear)
	return y < -271820 || y > 275759
}
