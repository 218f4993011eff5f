package timex

// gran is a calendar granularity, coarse to fine.
type gran int

const (
	gNone gran = iota
	gMillennium
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gFortnight
	gWeek
	gWeekend
	gDay
	gHour
	gMinute
	gSecond
)

// ckind says how a candidate's value is obtained in the normalisation stage.
type ckind uint8

const (
	// kFixed: the value is fully determined by the words (durations, sets,
	// references, decades, centuries).
	kFixed ckind = iota
	// kDate: a calendar spec whose missing fields (usually the year) come
	// from an anchor.
	kDate
	// kRel: off units from an anchor ("two days later", "last week").
	kRel
	// kWeekday: a weekday oriented by tense or an explicit last/next.
	kWeekday
	// kClock: a clock time whose date comes from the reference time.
	kClock
)

// dspec is a possibly partial calendar date. Years are astronomical
// (1 BC = 0, 490 BC = -489) so that arithmetic works across the era.
type dspec struct {
	y        int
	hasY     bool
	yRel     int  // with yFromRef: year offset from the reference ("the following year")
	yFromRef bool // "of that year": the year comes from the reference time
	twoDigit int  // 1..100 for "'99"-style years (value+1), 0 otherwise
	decade   bool // with twoDigit: "the '60s" is a decade
	// eraFromRef: a bare three-digit year ("in 490") takes its era from
	// the reference time, so it is BC inside a BC narrative.
	eraFromRef bool
	m, d       int
	monthDir   int // with yFromRef: -1 \"the previous April\", +1 \"the following April\"
	season     string
	q, half    int
	yAgo       int // "the year-ago third quarter": years before the anchor's
	// holiday marks month/day pairs that must be recomputed per year
	// (Easter); it names the computation.
	holiday string
}

// cand is a candidate expression produced by the pattern stage.
type cand struct {
	s, e int // byte offsets
	typ  Type
	k    ckind
	prio int
	val  string // kFixed
	mod  string

	spec dspec // kDate

	unit    gran // kRel
	off     int
	vague   bool // offset unknown ("a few days later")
	deictic bool // anchored to the DCT in news ("yesterday", "last week")
	today   bool // "today": PRESENT_REF when read as narrative
	// dur is, for "twelve days later" in TIMEX3, the duration output in
	// place of the date the candidate resolves to.
	dur string
	// quarter: "the quarter", "the latest quarter": the quarter last
	// named, else the one before the DCT's.
	quarter bool
	// qYear, with quarter: the year "the 1988 quarter" names.
	qYear int
	// aside: a comparison ("the year-ago quarter") that does not move
	// the reference time.
	aside bool
	// monthRel: "last February" (-1), "next May" (+1): the occurrence
	// before or after the anchor's month, whatever the tense.
	monthRel int
	// aYear: "a year ago", "a year earlier", "year-ago": a comparison that takes the
	// granularity of what it compares (a quarter).
	aYear bool
	// tensed: "the weekend", the one before the anchor's week in past
	// context (unless the anchor is a weekend day), else its own.
	tensed bool

	wd  int // kWeekday: 1=Monday..7=Sunday
	dir int // kWeekday: -1 last, +1 next, 0 by tense; 2 = "this"
	// anaph: "the previous Friday" counts from the reference time, not
	// from the time of writing.
	anaph bool

	// weekOf: "the week of March 6", the week the date falls in.
	weekOf bool
	// dayShift: "the day before last Tuesday's hearing", days from the
	// date resolved.
	dayShift int

	pod    string // part of day code appended to day-level values
	bare   bool   // bare part of day ("night"): no day is implied
	hh, mi int
	clock  bool

	// of is the date a duration is part of ("the first ten months of
	// 1915"); it still moves the reference time and becomes the Anchor.
	of *cand
}
