// Package timex is a rule-based temporal expression tagger for English news
// and narrative (history) text. It finds dates, times, durations and sets and
// normalises them to TIMEX3-style values.
//
// The tagger works in three stages:
//
//  1. Pattern stage (patterns.go). A fixed, immutable list of regular
//     expressions, built once from small lexical fragments (month names,
//     number words, units, weekdays, seasons), proposes candidate spans. Each
//     rule turns its match into a candidate carrying a semantic description
//     rather than a final value: an absolute date spec with possibly missing
//     fields ("June 13" has no year), an offset in some unit from an anchor
//     ("two days later", "last week"), a weekday, a duration, a set or a
//     reference word ("now", "recently"). Generic extensions are applied at
//     this point: a modifier to the left ("early", "the end of", "around")
//     widens the span and sets Mod. Overlapping candidates are then resolved
//     longest-first, and a few adjacent pairs are merged ("9:34 p.m., March
//     19", "the morning of April 19").
//
//  2. Normalisation stage (normalise.go). Candidates are walked in text order
//     and turned into values. Absolute specs are formatted directly; partial
//     ones take their missing fields from an anchor.
//
//  3. Anchoring (normalise.go, tense.go). Two anchors exist: the document creation time
//     (DCT) and a reference time that moves with the narrative: every
//     resolved date becomes the new reference. Deictic words ("yesterday",
//     "last week", "on Monday") use the DCT in news; anaphoric ones ("the
//     next day", "two days later", "that month") use the reference time. In
//     narrative mode (history articles, Options.Narrative) the reference time
//     anchors both, because such texts have no meaningful "today". Not every
//     mention moves the reference: a year named in passing ("declassified
//     in 2005") or a big jump ("two decades earlier") does not. Where the
//     direction is ambiguous (a bare weekday, "in January") the verb context
//     of the sentence decides: past tense picks the most recent occurrence on
//     or before the anchor, future tense the next one on or after it (tense.go).
//
// Tag is deterministic, never panics, and returns non-overlapping spans
// sorted by position whose offsets count Unicode code points.
//
// Options.TIMEX2 switches on the few TIMEX2 (ACE) conventions that TIMEX3
// does not share ("former" as PAST_REF, "at that time"), used when scoring
// against TIMEX2 gold. The rules are general English; none names a document,
// person or date of the evaluation corpus.
//
// The evaluation harness for the WikiWars corpus lives in wikiwars.go; see
// cmd/timexeval for the command-line front end.
package timex
