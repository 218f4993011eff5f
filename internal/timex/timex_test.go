package timex

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is one expected expression; an empty Mod must be empty in the output.
type want struct {
	text, typ, value, mod string
}

func news(dct string) Options { return Options{DCT: day(dct), HasDCT: true} }

func narrative(dct string) Options {
	return Options{DCT: day(dct), HasDCT: true, Anchor: AnchorNarrative}
}

var tagTests = []struct {
	name string
	text string
	opt  Options
	want []want // every expression Tag must return, in order; nothing else
}{
	// --- sentences from the seed articles -----------------------------
	{"seed kremlin", "The Kremlin press service announced on March 10 that Putin held his second phone conversation within a week with Iranian President Masoud Pezeshkian.",
		news("2026-03-10"), []want{{"March 10", "DATE", "2026-03-10", ""}, {"a week", "DURATION", "P1W", ""}}},
	{"seed yesterday morning", "Yesterday morning Jared and I also had a call with Mr. Ushakov, and he repeated the same thing.",
		news("2026-03-10"), []want{{"Yesterday morning", "TIME", "2026-03-09TMO", ""}}},
	{"seed on tuesday", "Russian President Vladimir Putin on Tuesday reaffirmed his country's principled position.",
		news("2026-03-10"), []want{{"Tuesday", "DATE", "2026-03-10", ""}}},
	{"seed same day", "The Kremlin said on March 9 that the leaders spoke. On the same day, Steve Witkoff said Russia had denied it.",
		news("2026-03-10"), []want{{"March 9", "DATE", "2026-03-09", ""}, {"the same day", "DATE", "2026-03-09", ""}}},
	{"seed february 28", "It was the first conversation since the United States and Israel launched an air campaign against Iran on February 28.",
		news("2026-03-10"), []want{{"February 28", "DATE", "2026-02-28", ""}}},
	{"seed on monday", "Russian President Vladimir Putin told Iran's foreign minister on Monday that the Kremlin is ready to help.",
		news("2025-06-23"), []want{{"Monday", "DATE", "2025-06-23", ""}}},
	{"seed saturday's", "Before Saturday's U.S. strikes, Moscow had warned that American military intervention could destabilize the entire region.",
		news("2025-06-23"), []want{{"Saturday", "DATE", "2025-06-21", ""}}},
	{"seed since june 13", "Israel and Iran had been trading airstrikes with one another since June 13, with Israel saying that its strikes are designed to degrade Tehran's nuclear program.",
		news("2025-06-23"), []want{{"June 13", "DATE", "2025-06-13", ""}}},
	{"seed late last year", "Russia got involved in the Syrian civil war in 2015 to support Iran's ally, former Syrian leader Bashar al-Assad, who was overthrown late last year.",
		news("2025-06-23"), []want{{"2015", "DATE", "2015", ""}, {"late last year", "DATE", "2024", "LATE"}}},
	{"seed january 2020", "Iran in January 2020 launched volleys of missiles at U.S. military bases in the Middle East.",
		news("2025-06-23"), []want{{"January 2020", "DATE", "2020-01", ""}}},
	{"seed last week", "Last week, Putin told an economic forum in St. Petersburg that it is better not to get ahead of ourselves.",
		news("2025-06-23"), []want{{"Last week", "DATE", "2025-W25", ""}}},
	{"seed two days after", "Putin hosted Iranian Foreign Minister Abbas Araqchi in Moscow two days after U.S. President Donald Trump sent U.S. bomber planes to strike Iran's three main nuclear sites.",
		news("2025-06-23"), []want{{"two days", "DURATION", "P2D", ""}}},
	{"seed january past", "It was unclear what Russia might do to support Iran, an important ally with which Putin signed a strategic cooperation treaty in January.",
		news("2025-06-23"), []want{{"January", "DATE", "2025-01", ""}}},
	{"seed dawn on sunday", "Putin on Monday assured Tehran of Moscow's support hours after the US strikes at Iranian nuclear sites at dawn on Sunday.",
		news("2025-06-23"), []want{{"Monday", "DATE", "2025-06-23", ""}, {"hours", "DURATION", "PTXH", ""}, {"dawn on Sunday", "TIME", "2025-06-22TMO", ""}}},
	{"seed sunday night", "Araghchi, who came to Moscow on Sunday night for consultations, met Putin.",
		news("2025-06-23"), []want{{"Sunday night", "TIME", "2025-06-22TNI", ""}}},
	{"seed dateline", "Moscow/Tehran, March 10 (IANS) Russian President Vladimir Putin on Tuesday reaffirmed his position.",
		news("2026-03-10"), []want{{"March 10", "DATE", "2026-03-10", ""}, {"Tuesday", "DATE", "2026-03-10", ""}}},
	{"seed recent days", "He criticized the extremely dangerous rhetoric of the American leadership in recent days.",
		news("2026-01-15"), []want{{"recent days", "DATE", "PAST_REF", ""}}},
	{"seed later that same day", "Putin spoke with Netanyahu on January 14. Later that same day, Putin received a call from Pezeshkian.",
		news("2026-01-15"), []want{{"January 14", "DATE", "2026-01-14", ""}, {"Later that same day", "DATE", "2026-01-14", ""}}},

	// --- deictic expressions and tense --------------------------------
	{"future weekday", "Putin will meet Trump on Friday.", news("2025-06-23"),
		[]want{{"Friday", "DATE", "2025-06-27", ""}}},
	{"past weekday", "Putin met Trump on Friday.", news("2025-06-23"),
		[]want{{"Friday", "DATE", "2025-06-20", ""}}},
	{"next weekday", "The talks resume next Tuesday.", news("2025-06-23"),
		[]want{{"next Tuesday", "DATE", "2025-06-24", ""}}},
	{"last weekday", "The envoy arrived last Monday.", news("2025-06-23"),
		[]want{{"last Monday", "DATE", "2025-06-16", ""}}},
	{"yesterday today tomorrow", "Yesterday he flew in, today he speaks, and tomorrow he leaves; tonight he dines.", news("2025-06-23"),
		[]want{{"Yesterday", "DATE", "2025-06-22", ""}, {"today", "DATE", "2025-06-23", ""}, {"tomorrow", "DATE", "2025-06-24", ""}, {"tonight", "TIME", "2025-06-23TNI", ""}}},
	{"this next last", "Sales rose this week, fell last month and will rise next month; this year is good, last year was bad.", news("2025-06-23"),
		[]want{{"this week", "DATE", "2025-W26", ""}, {"last month", "DATE", "2025-05", ""}, {"next month", "DATE", "2025-07", ""}, {"this year", "DATE", "2025", ""}, {"last year", "DATE", "2024", ""}}},
	{"earlier this month", "The ceasefire collapsed earlier this month.", news("2025-06-23"),
		[]want{{"earlier this month", "DATE", "2025-06", ""}}},
	{"future month", "Elections will be held in September.", news("2025-06-23"),
		[]want{{"September", "DATE", "2025-09", ""}}},
	{"past month crossing year", "The treaty was signed in November.", news("2026-03-10"),
		[]want{{"November", "DATE", "2025-11", ""}}},
	{"past month same year", "Talks began in January and were suspended.", news("2026-03-10"),
		[]want{{"January", "DATE", "2026-01", ""}}},
	{"ago", "The envoy visited Tehran three weeks ago.", news("2025-06-23"),
		[]want{{"three weeks ago", "DATE", "2025-W23", ""}}},
	{"last weekend", "Protests spread last weekend.", news("2025-06-23"),
		[]want{{"last weekend", "DATE", "2025-W25-WE", ""}}},

	// --- absolute dates in news formats -------------------------------
	{"formats", "Dates: June 13, 2025; 13 June 2025; 2025-06-13; Jun. 13; 13/06/2025 and 6/13/2025.", news("2025-06-23"),
		[]want{{"June 13, 2025", "DATE", "2025-06-13", ""}, {"13 June 2025", "DATE", "2025-06-13", ""}, {"2025-06-13", "DATE", "2025-06-13", ""}, {"Jun. 13", "DATE", "2025-06-13", ""}, {"13/06/2025", "DATE", "2025-06-13", ""}, {"6/13/2025", "DATE", "2025-06-13", ""}}},
	{"day range", "The summit ran on March 9–10 in Riyadh.", news("2026-03-12"),
		[]want{{"March 9", "DATE", "2026-03-09", ""}, {"10", "DATE", "2026-03-10", ""}}},
	{"day list", "Strikes hit on 6, 12 and 14 July 1950.", news("2025-06-23"),
		[]want{{"6", "DATE", "1950-07-06", ""}, {"12", "DATE", "1950-07-12", ""}, {"14 July 1950", "DATE", "1950-07-14", ""}}},
	{"weekday with date", "It began on Saturday, June 24, 1950.", news("2025-06-23"),
		[]want{{"Saturday, June 24, 1950", "DATE", "1950-06-24", ""}}},
	{"decade century", "In the 1990s, as in the 19th century and the 1930s, borders moved.", news("2025-06-23"),
		[]want{{"the 1990s", "DATE", "199", ""}, {"the 19th century", "DATE", "18", ""}, {"the 1930s", "DATE", "193", ""}}},
	{"late decade", "The late 1960s were turbulent.", news("2025-06-23"),
		[]want{{"The late 1960s", "DATE", "196", "LATE"}}},
	{"mid year", "Inflation peaked in mid-2024 and again in early 1944.", news("2025-06-23"),
		[]want{{"mid-2024", "DATE", "2024", "MID"}, {"early 1944", "DATE", "1944", "EARLY"}}},
	{"bc", "The battle was fought in 490 BC, in the 3rd century BC and in 146 B.C.", news("2025-06-23"),
		[]want{{"490 BC", "DATE", "BC0490", ""}, {"the 3rd century BC", "DATE", "BC02", ""}, {"146 B.C.", "DATE", "BC0146", ""}}},
	{"bc range", "The revolt lasted from 499–493 BC.", news("2025-06-23"),
		[]want{{"499", "DATE", "BC0499", ""}, {"493 BC", "DATE", "BC0493", ""}}},
	{"seasons", "In the summer of 1944 and in 1982 summer, and then the spring.", narrative("2009-12-19"),
		[]want{{"the summer of 1944", "DATE", "1944-SU", ""}, {"1982 summer", "DATE", "1982-SU", ""}, {"the spring", "DATE", "1982-SP", ""}}},
	{"quarter half", "Growth slowed in the second quarter of 2025 and the second half of 2008.", news("2025-06-23"),
		[]want{{"the second quarter of 2025", "DATE", "2025-Q2", ""}, {"the second half of 2008", "DATE", "2008-H2", ""}}},
	{"modifiers", "Around March 1981, at the end of March 1944, about 1910 and the beginning of 1864.", news("2025-06-23"),
		[]want{{"March 1981", "DATE", "1981-03", "APPROX"}, {"the end of March 1944", "DATE", "1944-03", "END"}, {"1910", "DATE", "1910", "APPROX"}, {"the beginning of 1864", "DATE", "1864", "START"}}},
	{"modifiers timex2", "Around March 1981 and about 1910.", Options{DCT: day("2025-06-23"), HasDCT: true, TIMEX2: true},
		[]want{{"Around March 1981", "DATE", "1981-03", "APPROX"}, {"about 1910", "DATE", "1910", "APPROX"}}},
	{"timex3 spans", "Two days after the vote, about two weeks later, a 6-year-old boy left; quarterly profits fell in the third quarter and the year-ago quarter.", news("1989-10-26"),
		[]want{{"Two days", "DURATION", "P2D", ""}, {"two weeks", "DURATION", "P2W", "APPROX"}, {"the third quarter", "DATE", "1989-Q3", ""}, {"the year-ago quarter", "DATE", "1988-Q3", ""}}},
	{"timex3 months and seasons", "Payable Jan. 2 to holders of record Dec. 15; it began last fall and ends in January next year.", news("1989-11-02"),
		[]want{{"Jan. 2", "DATE", "1990-01-02", ""}, {"Dec. 15", "DATE", "1989-12-15", ""}, {"last fall", "DATE", "1988-FA", ""}, {"January next year", "DATE", "1990-01", ""}}},
	{"years in context", "By 1945 the 1,500 troops and 1944 men of Resolution 1483 were gone; in 1944 it began.", news("2025-06-23"),
		[]want{{"1945", "DATE", "1945", ""}, {"1944", "DATE", "1944", ""}}},
	{"year range", "The war of 1914–1918 and the campaign of 1916-17.", news("2025-06-23"),
		[]want{{"1914", "DATE", "1914", ""}, {"1918", "DATE", "1918", ""}, {"1916", "DATE", "1916", ""}, {"17", "DATE", "1917", ""}}},
	{"holiday", "Fighting paused on Christmas Day 1914 and resumed after Easter 1915.", news("2025-06-23"),
		[]want{{"Christmas Day 1914", "DATE", "1914-12-25", ""}, {"Easter 1915", "DATE", "1915-04-04", ""}}},

	// --- anchoring to the narrative -----------------------------------
	{"narrative chain", "On June 10, 1940, Italy invaded; twelve days later France signed an armistice. The next day the guns fell silent. In April, nothing happened.", narrative("2009-12-19"),
		[]want{{"June 10, 1940", "DATE", "1940-06-10", ""}, {"twelve days", "DURATION", "P12D", ""}, {"The next day", "DATE", "1940-06-23", ""}, {"April", "DATE", "1940-04", ""}}},
	{"narrative that month", "Paris fell in June 1940. Later that month the government moved, and later that year it collapsed; the following week is unclear.", narrative("2009-12-19"),
		[]want{{"June 1940", "DATE", "1940-06", ""}, {"Later that month", "DATE", "1940-06", ""}, {"later that year", "DATE", "1940", ""}, {"the following week", "DATE", "1940-WXX", ""}}},
	{"narrative year rollover", "Japan attacked on December 7, 1941. In January, Manila fell.", narrative("2009-12-19"),
		[]want{{"December 7, 1941", "DATE", "1941-12-07", ""}, {"January", "DATE", "1942-01", ""}}},
	{"narrative same day", "Churchill took office on May 10, 1940. On that same day, Germany invaded France.", narrative("2009-12-19"),
		[]want{{"May 10, 1940", "DATE", "1940-05-10", ""}, {"that same day", "DATE", "1940-05-10", ""}}},
	{"narrative today", "Historians today still argue about the war of 1914.", narrative("2009-12-19"),
		[]want{{"today", "DATE", "PRESENT_REF", ""}, {"1914", "DATE", "1914", ""}}},
	{"bc narrative", "Xerxes invaded in 480 BC. In 479 the Greeks won; the following year they pursued him.", narrative("2009-12-19"),
		[]want{{"480 BC", "DATE", "BC0480", ""}, {"479", "DATE", "BC0479", ""}, {"the following year", "DATE", "BC0478", ""}}},
	{"month of that year", "Elections were held in 1861 and fighting began in July of that year.", narrative("2009-12-19"),
		[]want{{"1861", "DATE", "1861", ""}, {"July of that year", "DATE", "1861-07", ""}}},

	// --- durations and sets -------------------------------------------
	{"durations", "The siege lasted three years; the talks went on for 15 days and then several months, more than three years in all.", news("2025-06-23"),
		[]want{{"three years", "DURATION", "P3Y", ""}, {"15 days", "DURATION", "P15D", ""}, {"several months", "DURATION", "PXM", ""}, {"more than three years", "DURATION", "P3Y", "MORE_THAN"}}},
	{"durations hyphen", "A ten-day truce, a 24-year reign and a month-long siege.", news("2025-06-23"),
		[]want{{"ten-day", "DURATION", "P10D", ""}, {"24-year", "DURATION", "P24Y", ""}, {"month-long", "DURATION", "P1M", ""}}},
	{"durations the past", "Over the past decade and the next two weeks, for weeks.", news("2025-06-23"),
		[]want{{"the past decade", "DURATION", "P10Y", ""}, {"the next two weeks", "DURATION", "P2W", ""}, {"weeks", "DURATION", "PXW", ""}}},
	{"sets", "Patrols ran every year, reports came daily, and talks were held each Monday, twice a week.", news("2025-06-23"),
		[]want{{"every year", "SET", "P1Y", ""}, {"daily", "SET", "P1D", ""}, {"each Monday", "SET", "XXXX-WXX-1", ""}, {"twice a week", "SET", "P1W", ""}}},

	// --- times --------------------------------------------------------
	{"clock", "The strikes began at 5:34 AM local time on March 20, 2003, after a deadline at 9:34 p.m., March 19.", news("2025-06-23"),
		[]want{{"5:34 AM", "TIME", "2003-03-20T05:34", ""}, {"March 20, 2003", "DATE", "2003-03-20", ""}, {"9:34 p.m., March 19", "TIME", "2003-03-19T21:34", ""}}},
	{"part of day", "The attack came at dawn; that afternoon the town fell.", narrative("2009-12-19"),
		[]want{{"dawn", "TIME", "2009-12-19TMO", ""}, {"that afternoon", "TIME", "2009-12-19TAF", ""}}},
	{"morning of", "The fighting began on the morning of April 19, 1775.", narrative("2009-12-19"),
		[]want{{"the morning of April 19, 1775", "TIME", "1775-04-19TMO", ""}}},

	// --- references and negatives -------------------------------------
	{"refs", "The region is now calm, but recently it was not; the future is open.", news("2025-06-23"),
		[]want{{"now", "DATE", "PRESENT_REF", ""}, {"recently", "DATE", "PAST_REF", ""}, {"the future", "DATE", "FUTURE_REF", ""}}},
	{"no false positives", "May they rest in peace. The march to the sea took 300 men and 1,944 horses; a second attack failed.", news("2025-06-23"),
		nil},
	{"no dct", "It happened on Monday and in April.", Options{},
		[]want{{"Monday", "DATE", "XXXX-WXX-1", ""}, {"April", "DATE", "XXXX-04", ""}}},
	{"timex2 former", "The former king left.", Options{TIMEX2: true},
		[]want{{"former", "DATE", "PAST_REF", ""}}},
	{"timex3 former", "The former king left.", Options{},
		nil},
	{"timex2 at the time", "By the time he left office, the war had lasted a very short time; at the time it was small. Some time later it grew.", Options{TIMEX2: true},
		[]want{{"the time", "DATE", "XXXX-XX-XX", ""}, {"a very short time", "DURATION", "PXM", ""}, {"the time", "DATE", "XXXX-XX-XX", ""}}},
	{"timex3 at the time", "By the time he left office, the war had lasted a very short time.", Options{},
		nil},
	{"past perfect plan", "The offer had been due to expire Friday evening, but it was extended.", news("1989-11-01"),
		[]want{{"Friday evening", "TIME", "1989-10-27TEV", ""}}},
	{"plan ahead", "The offer is due to expire Friday evening.", news("1989-11-01"),
		[]want{{"Friday evening", "TIME", "1989-11-03TEV", ""}}},
	{"attributive duration", "After a thirty year truce, a three hour speech opened a five year plan; a second attack failed.", news("1989-11-02"),
		[]want{{"thirty year", "DURATION", "P30Y", ""}, {"three hour", "DURATION", "PT3H", ""}, {"five year", "DURATION", "P5Y", ""}}},
	{"the past year timex3", "Hate groups grew over the past year and the last week.", news("1998-03-05"),
		[]want{{"the past year", "DATE", "1997", ""}, {"the last week", "DATE", "1998-W09", ""}}},
	{"the past year timex2", "Hate groups grew over the past year.", Options{DCT: day("1998-03-05"), HasDCT: true, TIMEX2: true},
		[]want{{"the past year", "DURATION", "P1Y", ""}}},
	{"halves timex3", "She spent 5 1/2 hours there after 2 1/2 years in camps and half a year in jail.", news("1998-08-18"),
		[]want{{"5 1/2 hours", "DURATION", "PT5H30M", ""}, {"2 1/2 years", "DURATION", "P2Y6M", ""}, {"half a year", "DURATION", "P6M", ""}}},
	{"halves timex2", "She spent 2 1/2 years in camps.", Options{DCT: day("1998-08-18"), HasDCT: true, TIMEX2: true},
		[]want{{"2 1/2 years", "DURATION", "P2.5Y", ""}}},
	{"year ended", "Net income for the fiscal year ended Sept. 30 rose, and its year ending in June will be weaker.", news("1989-11-02"),
		[]want{{"the fiscal year", "DURATION", "P1Y", ""}, {"Sept. 30", "DATE", "1989-09-30", ""}, {"its year", "DURATION", "P1Y", ""}, {"June", "DATE", "1990-06", ""}}},

	// --- direction of a bare month or day in news ----------------------
	{"present perfect looks back", "Police have searched for him since shortly after the Oct. 23 slaying.", news("1999-05-06"),
		[]want{{"Oct. 23", "DATE", "1998-10-23", ""}}},
	{"present perfect of be", "Stocks have been weak since a high in August.", news("1998-02-06"),
		[]want{{"August", "DATE", "1997-08", ""}}},
	{"irregular past", "Stocks rose, leaving the index near its high of Aug. 6.", news("1998-02-06"),
		[]want{{"Aug. 6", "DATE", "1997-08-06", ""}}},
	{"present perfect stays present for anchoring", "In 1988 the firm was founded. It has expanded in March.", news("1989-10-30"),
		[]want{{"1988", "DATE", "1988", ""}, {"March", "DATE", "1989-03", ""}}},

	// --- expressions that belong together -------------------------------
	{"clock zone date", "The offer expires at 5 p.m. EST Nov. 9; he leaves at 4 a.m. EDT, Thursday.", news("1989-11-01"),
		[]want{{"5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00", ""}, {"4 a.m. EDT, Thursday", "TIME", "1989-11-02T04:00", ""}}},

	// --- the time ahead, and the year of writing --------------------------
	{"near term", "Rates may fall in coming weeks, in the near term and in the near future; over the short term nothing changes.", news("1989-11-01"),
		[]want{{"coming weeks", "DURATION", "PXW", ""}, {"the near term", "DATE", "FUTURE_REF", ""}, {"the near future", "DATE", "FUTURE_REF", ""}, {"the short term", "DATE", "FUTURE_REF", ""}}},
	{"the year", "For the year, volume was flat; it hit a high for the year of $42, and sales for the full year and the fiscal year will rise.", news("1989-11-01"),
		[]want{{"the year", "DATE", "1989", ""}, {"the year", "DATE", "1989", ""}, {"the full year", "DATE", "1989", ""}, {"the fiscal year", "DATE", "1989", ""}}},
	{"the year not", "In the year ended Sept. 30 it earned more; it was the year of the dragon and the year 1990.", news("1989-11-01"),
		[]want{{"the year", "DURATION", "P1Y", ""}, {"Sept. 30", "DATE", "1989-09-30", ""}, {"the year 1990", "DATE", "1990", ""}}},
	{"the year timex2", "For the year, volume was flat.", Options{DCT: day("1989-11-01"), HasDCT: true, TIMEX2: true},
		nil},

	// --- weekdays -------------------------------------------------------
	{"possessive weekday", "Relatives said they would look for ways to get around Wednesday's ruling.", news("2000-01-07"),
		[]want{{"Wednesday", "DATE", "2000-01-05", ""}}},
	{"possessive weekday today", "Friday's close was higher.", news("1989-10-27"),
		[]want{{"Friday", "DATE", "1989-10-27", ""}}},
	{"previous weekday", "Stocks fell on Friday, down 4.5% from the previous Friday. They met on Monday, March 6, 1989; the following Thursday they parted.", news("1989-10-30"),
		[]want{{"Friday", "DATE", "1989-10-27", ""}, {"the previous Friday", "DATE", "1989-10-20", ""}, {"Monday, March 6, 1989", "DATE", "1989-03-06", ""}, {"the following Thursday", "DATE", "1989-03-09", ""}}},
	{"quarter of a named year", "Net rose in the third quarter. In the 1988 quarter it lost money; the 1989 period had gains, and the 1988 second quarter a charge.", news("1989-11-01"),
		[]want{{"the third quarter", "DATE", "1989-Q3", ""}, {"the 1988 quarter", "DATE", "1988-Q3", ""}, {"the 1989 period", "DATE", "1989-Q3", ""}, {"the 1988 second quarter", "DATE", "1988-Q2", ""}}},
	{"quarter of a deictic year", "It could take effect in next year's first quarter, after last year's fourth quarter.", news("1989-11-01"),
		[]want{{"next year's first quarter", "DATE", "1990-Q1", ""}, {"last year's fourth quarter", "DATE", "1988-Q4", ""}}},
	{"possessive month", "After a small downward revision Friday to December's figures, the economy grew.", news("1998-02-06"),
		[]want{{"Friday", "DATE", "1998-02-06", ""}, {"December", "DATE", "1997-12", ""}}},
	{"clock in the morning", "He will leave at 4 in the morning, and at ten o'clock at night the plane lands; the film High Noon.", news("2000-04-05"),
		[]want{{"4 in the morning", "TIME", "2000-04-05T04:00", ""}, {"ten o'clock at night", "TIME", "2000-04-05T22:00", ""}}},
	{"sets of months and quarters", "Orangemen march each July; the firm pays interest every quarter.", news("1998-03-22"),
		[]want{{"each July", "SET", "XXXX-07", ""}, {"every quarter", "SET", "P1Q", ""}}},
	{"one day to come", "Islam will one day be the second largest religion; Major had been in the job one day.", news("1998-03-03"),
		[]want{{"one day", "DATE", "FUTURE_REF", ""}, {"one day", "DURATION", "P1D", ""}}},
	{"a kind of year", "The firm changed from a fiscal year to a calendar year after a decades-long wait.", news("1989-10-27"),
		[]want{{"decades-long", "DURATION", "PXDE", ""}}},
	{"a year ago is a comparison", "It had a loss of $2.3 million a year ago. Sales were $348 million compared with $307 million a year earlier.", news("1989-10-26"),
		[]want{{"a year ago", "DATE", "1988", ""}, {"a year earlier", "DATE", "1988", ""}}},
	{"the week of a date", "It may be resolved in a court hearing the week of March 6, he said.", news("2000-02-24"),
		[]want{{"the week of March 6", "DATE", "2000-W10", ""}}},
	{"counts are no years", "Stores rose to about 450 from 360; volume was up from 443.6 million, just above its quarter-century low, and the quarter-to-quarter comparison improved.", news("1989-10-27"),
		nil},
	{"the day before a date", "The day before last Tuesday's court hearing, Manuel met him; the day after June 5, 1990 it rained.", news("2000-02-24"),
		[]want{{"The day before last Tuesday", "DATE", "2000-02-21", ""}, {"the day after June 5, 1990", "DATE", "1990-06-06", ""}}},
	{"clock after a year", "He moved to Egypt in 1994. He will appear before a judge at midday.", news("1999-10-08"),
		[]want{{"1994", "DATE", "1994", ""}, {"midday", "TIME", "1999-10-08T12:00", ""}}},
	{"part of a period timex3", "Jobs grew in the first nine months of 1997.", news("1998-02-06"),
		[]want{{"the first nine months", "DURATION", "P9M", ""}, {"1997", "DATE", "1997", ""}}},
	{"part of a period timex2", "Jobs grew in the first nine months of 1997.", Options{DCT: day("1998-02-06"), HasDCT: true, TIMEX2: true},
		[]want{{"the first nine months of 1997", "DURATION", "P9M", ""}}},
	{"ordinal word day", "Women's Day is this coming Sunday, March eighth; the annual March for Life follows.", news("1998-03-05"),
		[]want{{"this coming Sunday, March eighth", "DATE", "1998-03-08", ""}}},
	{"decades in words", "Hate groups dropped through the nineties and the early eighties, in their forties.", news("2026-03-05"),
		[]want{{"the nineties", "DATE", "199", ""}, {"the early eighties", "DATE", "198", "EARLY"}}},
	{"season of a year in words", "Prices fell to the level we saw in the winter of nineteen ninety-four.", news("1998-02-23"),
		[]want{{"the winter of nineteen ninety-four", "DATE", "1994-WI", ""}}},
	{"us holidays", "He was found on Thanksgiving Day, last Thanksgiving as they say; the campaign runs from now to Election Day.", news("2000-01-07"),
		[]want{{"Thanksgiving Day", "DATE", "1999-11-25", ""}, {"last Thanksgiving", "DATE", "1999-11-25", ""}, {"now", "DATE", "PRESENT_REF", ""}, {"Election Day", "DATE", "2000-11-07", ""}}},
	{"quarters as a unit", "Over the past two quarters it lost money, after several quarters of gains; three quarters of the vote, as argued in some quarters.", news("1989-11-01"),
		[]want{{"the past two quarters", "DURATION", "P2Q", ""}, {"several quarters", "DURATION", "PXQ", ""}}},
	{"united is no past", "He will fly to the United States Thursday.", news("2000-04-05"),
		[]want{{"Thursday", "DATE", "2000-04-06", ""}}},
	{"said far from the date", "The father would be traveling Thursday with his wife and son, Cuban officials said.", news("2000-04-05"),
		[]want{{"Thursday", "DATE", "2000-04-06", ""}}},
	{"said by the date", "New Zealand said Thursday that it would send troops.", news("2000-04-05"),
		[]want{{"Thursday", "DATE", "2000-03-30", ""}}},
	{"said after the date", "The father will leave at 4 a.m. EDT Thursday, Castro said.", news("2000-04-05"),
		[]want{{"4 a.m. EDT Thursday", "TIME", "2000-04-06T04:00", ""}}},
	{"said as main verb after the date", "On Monday, the minister said talks would go on.", news("2026-03-11"),
		[]want{{"Monday", "DATE", "2026-03-09", ""}}},
	{"plan reported in the past", "Exiles planned a demonstration on Saturday and were planning to drive around the city.", news("2000-01-07"),
		[]want{{"Saturday", "DATE", "2000-01-08", ""}}},
	{"attributive participle", "The split would be paid on a still unspecified date in January.", news("1989-10-26"),
		[]want{{"January", "DATE", "1990-01", ""}}},
	{"present clause", "He had not signed an agreement to hand the child over if they lose when the case is heard in May.", news("2000-03-29"),
		[]want{{"May", "DATE", "2000-05", ""}}},
	{"present perfect is past for direction", "The stock has risen, to $42 in June from $29 in March.", news("1989-10-30"),
		[]want{{"June", "DATE", "1989-06", ""}, {"March", "DATE", "1989-03", ""}}},
}

func TestTag(t *testing.T) {
	for _, tc := range tagTests {
		t.Run(tc.name, func(t *testing.T) {
			got := Tag(tc.text, tc.opt)
			var gs []string
			for _, x := range got {
				gs = append(gs, fmt.Sprintf("%q %s %s %s", x.Text, x.Type, x.Value, x.Mod))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d expressions, want %d:\n%s", len(got), len(tc.want), strings.Join(gs, "\n"))
			}
			for i, w := range tc.want {
				x := got[i]
				if x.Text != w.text || string(x.Type) != w.typ || x.Value != w.value || x.Mod != w.mod {
					t.Errorf("#%d: got %q %s %s %q, want %q %s %s %q", i, x.Text, x.Type, x.Value, x.Mod, w.text, w.typ, w.value, w.mod)
				}
			}
		})
	}
}

// TestOffsets checks code-point offsets on text with multi-byte runes.
func TestOffsets(t *testing.T) {
	text := "Le président a parlé — “on Monday” — à Téhéran, le 13 juin… June 13, 2025."
	got := Tag(text, news("2025-06-23"))
	rs := []rune(text)
	if len(got) != 2 {
		t.Fatalf("got %v", got)
	}
	for _, x := range got {
		if string(rs[x.Start:x.End]) != x.Text {
			t.Errorf("offsets %d:%d give %q, text %q", x.Start, x.End, string(rs[x.Start:x.End]), x.Text)
		}
	}
}

// TestTenseFromQuote checks that the nearest verb decides the direction.
func TestTenseFromQuote(t *testing.T) {
	for text, want := range map[string]string{
		"Iran said it will retaliate on Saturday.": "2025-06-28",
		// A "to" of intention looks forward only to what follows it.
		"The delegations met in Geneva on Monday and agreed to meet again.": "2025-06-23",
		"The delegations agreed to meet in Geneva on Saturday.":             "2025-06-28",
	} {
		got := Tag(text, news("2025-06-24"))
		if len(got) != 1 || got[0].Value != want {
			t.Errorf("%s: got %+v, want %s", text, got, want)
		}
	}
}

// checkInvariants verifies the API guarantees of Tag's output.
func checkInvariants(t *testing.T, text string, got []Timex) {
	t.Helper()
	rs := []rune(text)
	prevEnd := 0
	for i, x := range got {
		if x.Start < 0 || x.End > len(rs) || x.Start >= x.End {
			t.Fatalf("#%d: bad span %d:%d (len %d)", i, x.Start, x.End, len(rs))
		}
		if x.Start < prevEnd {
			t.Fatalf("#%d: overlaps or unsorted: start %d < previous end %d", i, x.Start, prevEnd)
		}
		prevEnd = x.End
		if string(rs[x.Start:x.End]) != x.Text {
			t.Fatalf("#%d: Text %q != runes %q", i, x.Text, string(rs[x.Start:x.End]))
		}
		switch x.Type {
		case Date, Time, Duration, Set:
		default:
			t.Fatalf("#%d: bad type %q", i, x.Type)
		}
		if x.Value == "" {
			t.Fatalf("#%d: empty value for %q", i, x.Text)
		}
	}
}

func FuzzTag(f *testing.F) {
	for _, tc := range tagTests {
		f.Add(tc.text, int64(1750636800), tc.opt.Anchor == AnchorNarrative)
	}
	f.Add("\xff\xfe June 13, 2025 \xc3", int64(0), false)
	f.Add("the 31st of February 2023 and 29 February 2023, 0 BC, 9999 BC", int64(-1e12), true)
	f.Fuzz(func(t *testing.T, text string, dct int64, narr bool) {
		opt := Options{DCT: time.Unix(dct%(1<<40), 0).UTC(), HasDCT: dct != 0, Anchor: map[bool]Anchor{true: AnchorNarrative}[narr], TIMEX2: dct%2 == 0}
		got := Tag(text, opt)
		if !utf8.ValidString(text) {
			text = toValidUTF8(text)
		}
		checkInvariants(t, text, got)
	})
}

// corpusDir finds the WikiWars training set relative to the module root.
func corpusDir(t testing.TB) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpora", "wikiwars-train"))
	if err == nil {
		if _, err = os.Stat(dir); err == nil {
			return dir
		}
	}
	if os.Getenv("DATELINE_CORPUS_REQUIRED") == "1" {
		t.Fatalf("WikiWars corpus not found at %s", dir)
	}
	t.Skipf("WikiWars corpus not found at %s", dir)
	return ""
}

// TestWikiWars scores the tagger on the WikiWars training documents and
// guards the levels reached (thresholds about half a point below the
// measured figures, so that regressions fail).
func TestWikiWars(t *testing.T) {
	docs, err := LoadCorpus(corpusDir(t))
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(docs, func(d Doc) []Timex { return Tag(d.Text, WikiWarsOptions(d)) })
	t.Log("\n" + r.Markdown(false))
	for _, d := range r.Docs {
		// Parsing sanity: every document has text, a DCT and gold tags.
		if d.Counts.Gold == 0 {
			t.Errorf("%s: no gold tags", d.ID)
		}
	}
	min := map[string]float64{
		"strict F1":  minStrictF1,
		"relaxed P":  minRelaxedP,
		"relaxed R":  minRelaxedR,
		"relaxed F1": minRelaxedF1,
		"value acc":  minValueAcc,
	}
	got := map[string]float64{
		"strict F1":  r.Total.StrictF1(),
		"relaxed P":  r.Total.RelaxedP(),
		"relaxed R":  r.Total.RelaxedR(),
		"relaxed F1": r.Total.RelaxedF1(),
		"value acc":  r.Total.ValueAcc(),
	}
	for k, m := range min {
		if got[k] < m {
			t.Errorf("%s = %.2f%%, below the guarded %.2f%%", k, 100*got[k], 100*m)
		}
	}
}

// Guarded WikiWars levels (HeidelTime: relaxed F1 90.3, value 89.8).
const (
	minStrictF1  = 0.929
	minRelaxedP  = 0.992
	minRelaxedR  = 0.942
	minRelaxedF1 = 0.966
	minValueAcc  = 0.922
)

func TestParseKey(t *testing.T) {
	d, err := ParseKey("x", `<DOC><DATETIME> <TIMEX2 val="2009-12-19T17:00:00">2009-12-19T17:00:00</TIMEX2> </DATETIME>
<TEXT>
On <TIMEX2 val="1939-09-01">Sept. 1, 1939</TIMEX2>, in <TIMEX2 val="P10M">the first ten months of <TIMEX2 val="1915">1915</TIMEX2></TIMEX2> – Tết <TIMEX2 val="XXXX-XX-XX" set="YES">daily</TIMEX2>.
</TEXT></DOC>`)
	if err != nil {
		t.Fatal(err)
	}
	if !d.HasDCT || d.DCT.Year() != 2009 {
		t.Errorf("DCT %v", d.DCT)
	}
	if len(d.Gold) != 4 {
		t.Fatalf("gold %+v", d.Gold)
	}
	rs := []rune(d.Text)
	for _, g := range d.Gold {
		if string(rs[g.Start:g.End]) != g.Text {
			t.Errorf("span %q vs %q", string(rs[g.Start:g.End]), g.Text)
		}
	}
	if d.Gold[0].Text != "Sept. 1, 1939" || d.Gold[1].Type != Duration || d.Gold[2].Text != "1915" || d.Gold[3].Type != Set {
		t.Errorf("gold %+v", d.Gold)
	}
	r := EvaluateDoc(d, Tag(d.Text, WikiWarsOptions(d)))
	if r.Counts.RelaxedGold != r.Counts.Gold || r.Counts.ValCorrect != r.Counts.ValScored {
		t.Errorf("counts %+v", r.Counts)
	}
}

func TestNormValue(t *testing.T) {
	for _, c := range [][3]string{
		{"2003-03-19T21:34-05", "2003-03-19T21:34", ""},
		{"2009-12-19T17:00:00", "2009-12-19T17:00", ""},
		{"P1DE", "P10Y", ""},
		{"P.5CE", "P50Y", ""},
		{"XXXX-XX-XX", "P1D", "set"},
		{"XXXX-WXX", "P1W", "set"},
		{"2000-W7", "2000-W07", ""},
		{"2000-W2-WE", "2000-W02-WE", ""},
	} {
		set := c[2] == "set"
		if a, b := normValue(c[0], set), normValue(c[1], set); a != b {
			t.Errorf("%s -> %s, %s -> %s", c[0], a, c[1], b)
		}
	}
}

func BenchmarkTagWikiWars(b *testing.B) {
	docs, err := LoadCorpus(corpusDir(b))
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Tag(d.Text, WikiWarsOptions(d))
		}
	}
}

// TestPastCues: past forms, participles and lower-case -ed words are past
// cues; names ending in -ed and words inside others are not.
func TestPastCues(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"The United States said it launched strikes; Ned rose.", []string{"said", "launched", "rose"}},
		{"He says it was over, it had risen; Sanaa_ed x1ed", []string{"says it was", "had", "risen"}},
		{"didn't go", nil},
		{"a still unspecified date, the required approval; it required", []string{"required"}},
	} {
		var got []string
		for _, m := range pastCues(c.text) {
			got = append(got, c.text[m[0]:m[1]])
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}
