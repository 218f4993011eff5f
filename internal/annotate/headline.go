package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/internal/ingest"
)

// Headlines. A timeline entry is titled by who did what ("Putin hosts
// Araghchi in Moscow"), while a draft starts from the sentence that dates
// it. headline rewrites that sentence in a few general steps, each of
// which only removes or reorders what the sentence says:
//
//   - the date wording goes (the entry's date says it), and so does
//     "also";
//   - an opener goes: a connective ("Notably,", "Meanwhile,") or an
//     attribution ("According to Witkoff,");
//   - a quotation that opens the sentence moves behind its speaker:
//     “We will help,” Putin told Araghchi -> Putin told Araghchi: “We will help”;
//   - a subject given as a title and a name ("Russian President Vladimir
//     Putin", "A spokesman for the Kremlin, Dmitry Peskov,") is cut to
//     the name a registry actor is known by;
//   - the sentence ends before its first subordinate part (", who",
//     ", saying", ", with", a semicolon or a dash) and after twelve words.
var (
	openerRe = lazyRe(`^(?i:(?:notably|meanwhile|however|moreover|separately|in addition|in turn|for its part|in this context|at the same time|also|then|but|and),\s*|according\s+to\s+[^,]{1,60},\s*)`)
	cutRe    = lazyRe(`(?:,\s+(?:who|which|where|whom|whose|while|amid|as|saying|adding|describing|calling|coming|according|with|including|in a|in an|despite|although|though)\b|;|\s[–—-]\s|:\s+[^“"\s])`)
	// “…,” Putin told Araqchi in televised comments, …
	leadQuoteRe = lazyRe(`^[“"]([^”"]{3,}?)[,.]?[”"],?\s+(.+)$`)
	speechRe    = lazyRe(`^(\p{Lu}[\p{L}.'’ -]{0,40}?)\s+(said|says|told|tells|added|wrote|stated|declared|warned|announced)\b(.*)$`)
	alsoRe      = lazyRe(`\s+also\s+`)
)

// headline makes a draft's title from its first quote q, whose date
// wording is dateText; mt, when not nil, gives the actors' names.
func headline(q, dateText string, mt *matcher) string {
	s := strings.TrimLeftFunc(q, func(c rune) bool { return unicode.IsSpace(c) })
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	s = dropDateText(s, dateText)
	for {
		m := openerRe().FindStringIndex(s)
		if m == nil || m[1] == 0 {
			break
		}
		s = s[m[1]:]
	}
	s = alsoRe().ReplaceAllString(s, " ")
	quoted := ""
	if m := leadQuoteRe().FindStringSubmatch(s); m != nil {
		if sp := speechRe().FindStringSubmatch(m[2]); sp != nil {
			quoted = "“" + strings.TrimSpace(m[1]) + "”"
			s = sp[1] + " " + sp[2] + sp[3]
		}
	}
	s = shortSubject(s, mt)
	if m := cutRe().FindStringIndex(s); m != nil && len(strings.Fields(s[:m[0]])) >= 3 {
		s = s[:m[0]]
	}
	s = strings.TrimRight(strings.TrimSpace(s), ",;:")
	if quoted != "" {
		s += ": " + quoted
	}
	t := ingest.ShortTitle(s, 12)
	t = strings.TrimLeftFunc(t, func(c rune) bool { return unicode.IsPunct(c) && c != '“' && c != '"' || unicode.IsSpace(c) })
	if t == "" {
		return "Untitled draft"
	}
	c, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(c)) + t[n:]
}

// dropDateText removes the date wording from s with the comma that may
// set it off ("On March 9, Putin ..."; "Putin on Tuesday reaffirmed").
func dropDateText(s, dateText string) string {
	if dateText == "" {
		return s
	}
	i := strings.Index(s, dateText) // both are collapsed from the same text
	if i < 0 {
		return s
	}
	rest := strings.TrimPrefix(s[i+len(dateText):], "’s")
	rest = strings.TrimPrefix(rest, "'s")
	if i == 0 {
		// An opening phrase goes whole: "Before Saturday's U.S. strikes,
		// Moscow had warned".
		if c := strings.Index(rest, ","); c >= 0 && len(strings.Fields(rest[:c])) <= 4 {
			rest = rest[c+1:]
		}
	}
	out := strings.TrimSpace(s[:i]) + " " + strings.TrimSpace(rest)
	out = strings.Join(strings.Fields(out), " ")
	return strings.ReplaceAll(out, " ,", ",")
}

var titleRunRe = lazyRe(`^(?:[\p{Lu}][\p{L}.'’-]*\s+)+`)

// shortSubject cuts a subject given as a title and a name down to the
// name of a registry actor: "Russian President Vladimir Putin said" ->
// "Vladimir Putin said"; "A spokesman for the Kremlin, Dmitry Peskov,
// told" -> "Dmitry Peskov told".
func shortSubject(s string, mt *matcher) string {
	if mt == nil {
		return s
	}
	run := len(strings.TrimRight(titleRunRe().FindString(s), " \t\n"))
	comma := strings.Index(s, ",")
	for _, h := range pick(find(mt.names, s)) {
		if h.kind != "actor" {
			continue
		}
		// An apposition: "A spokesman for the Kremlin, Dmitry Peskov, told".
		if comma >= 0 && comma < h.start && strings.TrimSpace(s[comma+1:h.start]) == "" && strings.HasPrefix(s[h.end:], ",") && len(strings.Fields(s[:comma])) <= 6 && startsLower(s[h.end+1:]) {
			return s[h.start:h.end] + s[h.end+1:]
		}
		// Titles before a name: "Russian President Vladimir Putin", not
		// an article ("The United States").
		if pre := strings.ToLower(strings.TrimSpace(s[:h.start])); h.start > 0 && h.end == run && len(strings.Fields(s[:run])) <= 6 && pre != "the" && pre != "a" && pre != "an" {
			return s[h.start:]
		}
		// An apposition after the name: "Steve Witkoff, special envoy of
		// U.S. President Donald Trump, said".
		if h.start == 0 && strings.HasPrefix(s[h.end:], ",") {
			if c := strings.Index(s[h.end+1:], ","); c >= 0 && len(strings.Fields(s[h.end+1:h.end+1+c])) <= 8 && startsLower(s[h.end+1+c+1:]) {
				return s[:h.end] + s[h.end+1+c+1:]
			}
		}
	}
	return s
}

func startsLower(s string) bool {
	c, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsLower(c)
}
