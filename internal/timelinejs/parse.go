package timelinejs

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"dateline/internal/diag"
)

// Doc is a timeline read from a file, with the position of every value so
// that problems can be reported as path:line:col.
type Doc struct {
	Path     string
	Timeline Timeline
	pos      map[string]diag.Pos // "events.3.start_date.year" -> position
}

// Pos returns the position of the value at a dotted path
// ("events.3.start_date.year"), falling back to its closest parent.
func (d *Doc) Pos(path string) diag.Pos {
	for {
		if p, ok := d.pos[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return diag.Pos{Path: d.Path, Line: 1, Col: 1}
		}
		path = path[:i]
	}
}

// Parse reads a TimelineJS3 JSON document. A syntax or type error is
// reported at its position.
func Parse(path string, data []byte) (*Doc, diag.List) {
	var errs diag.List
	d := &Doc{Path: path}
	if !checkFile(&errs, path, data, true) {
		return d, errs
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	at := &cursor{path: path, data: data}
	var err error
	d.pos, err = valuePositions(at)
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			errs.Add(at.pos(int(se.Offset)), "invalid JSON: %v", se)
		} else {
			errs.Add(diag.Pos{Path: path, Line: 1, Col: 1}, "invalid JSON: %v", err)
		}
		return d, errs
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&d.Timeline); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			errs.Add(d.Pos(te.Field), "%s must be %s, not %s", te.Field, te.Type, te.Value)
		} else {
			errs.Add(diag.Pos{Path: path, Line: 1, Col: 1}, "not a TimelineJS document: %v", err)
		}
		return d, errs
	}
	if len(d.Timeline.Events) == 0 {
		errs.Add(d.Pos("events"), "the timeline has no events (a TimelineJS3 document has an \"events\" array of slides)")
	}
	return d, errs
}

// valuePositions walks the JSON tokens and records the position at which
// each value starts, by dotted path.
func valuePositions(at *cursor) (map[string]diag.Pos, error) {
	data := at.data
	dec := json.NewDecoder(bytes.NewReader(data))
	out := map[string]diag.Pos{}
	var walk func(path string) error
	walk = func(path string) error {
		out[path] = at.pos(skipSep(data, int(dec.InputOffset())))
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				if err := walk(join(path, key)); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := walk(join(path, strconv.Itoa(i))); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	err := walk("")
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = fmt.Errorf("unexpected data after the document")
		}
	}
	return out, err
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// skipSep skips white space and the separators before a value.
func skipSep(data []byte, i int) int {
	for i < len(data) && (isSpace(data[i]) || data[i] == ':' || data[i] == ',') {
		i++
	}
	return i
}

// cursor converts byte offsets to line:col (columns count code points).
// It moves on from the last offset it converted, as the walk asks for
// offsets in document order: counting from the start for each value would
// be quadratic, and an export is one long line.
type cursor struct {
	path           string
	data           []byte
	off, line, col int // the position of data[off]; line 0: count from the start
}

func (c *cursor) pos(off int) diag.Pos {
	off = min(max(off, 0), len(c.data))
	if off < c.off || c.line == 0 {
		c.off, c.line, c.col = 0, 1, 1
	}
	for c.off < off {
		if c.data[c.off] == '\n' {
			c.line, c.col = c.line+1, 1
			c.off++
			continue
		}
		_, n := utf8.DecodeRune(c.data[c.off:off])
		c.off += n
		c.col++
	}
	pos := diag.Pos{Path: c.path, Line: c.line, Col: c.col}
	if off < len(c.data) && !utf8.RuneStart(c.data[off]) {
		c.line = 0 // the count stopped inside a rune: start over next time
	}
	return pos
}

// csvColumns maps the Google-Sheets template's column headings to the
// slide fields they fill (as dotted paths, also used for positions).
var csvColumns = map[string]string{
	"year": "start_date.year", "month": "start_date.month", "day": "start_date.day", "time": "start_date.time",
	"end year": "end_date.year", "end month": "end_date.month", "end day": "end_date.day", "end time": "end_date.time",
	"display date": "display_date", "headline": "text.headline", "text": "text.text",
	"media": "media.url", "media credit": "media.credit", "media caption": "media.caption", "media thumbnail": "media.thumbnail",
	"type": "type", "group": "group", "background": "background",
}

// ParseCSV reads the TimelineJS Google-Sheets template exported as CSV: a
// heading row (Year, Month, Day, Time, End Year, End Month, End Day, End
// Time, Display Date, Headline, Text, Media, Media Credit, Media Caption,
// Media Thumbnail, Type, Group, Background), then one row per slide. A
// row of Type "title" is the title slide and one of Type "era" an era.
func ParseCSV(path string, data []byte) (*Doc, diag.List) {
	var errs diag.List
	d := &Doc{Path: path, pos: map[string]diag.Pos{}}
	if !checkFile(&errs, path, data, false) {
		return d, errs
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		errs.Add(csvErrPos(path, err), "cannot read the heading row: %v", csvErrMsg(err))
		return d, errs
	}
	cols := map[int]string{}
	seen := map[string]bool{}
	for i, h := range header {
		key := strings.ToLower(strings.Join(strings.Fields(h), " "))
		field, ok := csvColumns[key]
		if !ok {
			if key != "" {
				line, col := r.FieldPos(i)
				errs.Warn(diag.Pos{Path: path, Line: line, Col: col}, "unknown column %q is ignored", h)
			}
			continue
		}
		cols[i] = field
		seen[key] = true
	}
	for _, need := range []string{"year", "headline"} {
		if !seen[need] {
			errs.Add(diag.Pos{Path: path, Line: 1, Col: 1}, "the heading row has no %q column: is this the TimelineJS spreadsheet template?", need)
		}
	}
	if len(errs.Errors()) > 0 {
		return d, errs
	}
	events := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.Add(csvErrPos(path, err), "%s", csvErrMsg(err))
			return d, errs
		}
		row := map[string]string{}
		at := map[string]diag.Pos{}
		blank := true
		for i, v := range rec {
			field, ok := cols[i]
			if !ok {
				continue
			}
			v = strings.TrimSpace(v)
			row[field] = v
			line, col := r.FieldPos(i)
			at[field] = diag.Pos{Path: path, Line: line, Col: col}
			blank = blank && v == ""
		}
		if blank {
			continue
		}
		line, _ := r.FieldPos(0)
		var prefix string
		s := Slide{
			DisplayDate: row["display_date"], Group: row["group"],
			Text: &Text{Headline: row["text.headline"], Text: row["text.text"]},
		}
		start, sErr := csvDate(row["start_date.year"], row["start_date.month"], row["start_date.day"], row["start_date.time"])
		end, eErr := csvDate(row["end_date.year"], row["end_date.month"], row["end_date.day"], row["end_date.time"])
		s.StartDate, s.EndDate = start, end
		if m := (Media{URL: row["media.url"], Credit: row["media.credit"], Caption: row["media.caption"], Thumbnail: row["media.thumbnail"]}); m != (Media{}) {
			s.Media = &m
		}
		if bg := row["background"]; bg != "" {
			if strings.HasPrefix(bg, "#") {
				s.Background = &Background{Color: bg}
			} else {
				s.Background = &Background{URL: bg}
			}
		}
		switch strings.ToLower(row["type"]) {
		case "title":
			d.Timeline.Title = &s
			prefix = "title"
		case "era":
			d.Timeline.Eras = append(d.Timeline.Eras, Era{StartDate: s.StartDate, EndDate: s.EndDate, Text: s.Text})
			prefix = fmt.Sprintf("eras.%d", len(d.Timeline.Eras)-1)
		case "", "event":
			d.Timeline.Events = append(d.Timeline.Events, s)
			prefix = fmt.Sprintf("events.%d", events)
			events++
		default:
			errs.Add(at["type"], "unknown Type %q (the template uses \"title\", \"era\" or nothing)", row["type"])
			continue
		}
		d.pos[prefix] = diag.Pos{Path: path, Line: line, Col: 1}
		for field, p := range at {
			d.pos[prefix+"."+field] = p
		}
		// Time columns fill hour/minute/second.
		for _, which := range []string{"start_date", "end_date"} {
			if p, ok := at[which+".time"]; ok {
				for _, part := range []string{"hour", "minute", "second"} {
					d.pos[prefix+"."+which+"."+part] = p
				}
			}
		}
		if sErr != nil {
			errs.Add(at["start_date.time"], "%v", sErr)
		}
		if eErr != nil {
			errs.Add(at["end_date.time"], "%v", eErr)
		}
	}
	if events == 0 && len(errs.Errors()) == 0 {
		errs.Add(diag.Pos{Path: path, Line: 1, Col: 1}, "the spreadsheet has no event rows")
	}
	return d, errs
}

// csvDate builds a date from the template's columns; nil when the year is
// empty (no date).
func csvDate(year, month, day, clock string) (*Date, error) {
	if year == "" && month == "" && day == "" && clock == "" {
		return nil, nil
	}
	d := &Date{Year: Part(year), Month: Part(month), Day: Part(day)}
	if clock == "" {
		return d, nil
	}
	h, m, s, err := parseClock(clock)
	if err != nil {
		return d, err
	}
	d.Hour, d.Minute = PartOf(h), PartOf(m)
	if s != 0 {
		d.Second = PartOf(s)
	}
	return d, nil
}

// parseClock reads "14:30", "14:30:05", "2:30 PM".
func parseClock(s string) (h, m, sec int, err error) {
	bad := fmt.Errorf("invalid time %q (write HH:MM, HH:MM:SS or H:MM AM/PM)", s)
	t := strings.ToUpper(strings.TrimSpace(s))
	pm, am := strings.HasSuffix(t, "PM"), strings.HasSuffix(t, "AM")
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "PM"), "AM"))
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, bad
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return 0, 0, 0, bad
		}
		n[i] = v
	}
	h, m, sec = n[0], n[1], n[2]
	if am || pm {
		if h < 1 || h > 12 {
			return 0, 0, 0, bad
		}
		if h == 12 {
			h = 0
		}
		if pm {
			h += 12
		}
	}
	if h > 23 || m > 59 || sec > 59 {
		return 0, 0, 0, bad
	}
	return h, m, sec, nil
}

func csvErrPos(path string, err error) diag.Pos {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Pos{Path: path, Line: pe.Line, Col: pe.Column}
	}
	return diag.Pos{Path: path, Line: 1, Col: 1}
}

func csvErrMsg(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "invalid CSV: " + pe.Err.Error()
	}
	return err.Error()
}
