package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dateline/internal/edtf"
)

// Month names and abbreviations, shared by headers and datelines.
const (
	reMonth   = `(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`
	reWeekday = `(?i:(?:mon|tues|tue|wednes|wed|thurs|thu|fri|satur|sat|sun)(?:day)?)\.?,?\s+`
)

var monthNumbers = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

func monthNumber(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	return monthNumbers[s[:3]]
}

// --- Header lines ----------------------------------------------------------

// headerDate is a publication date stated by a header line.
type headerDate struct {
	field
	precision   edtf.Precision
	year, month int
}

// header collects the header lines at the top of a raw article.
type header struct {
	date                         headerDate
	title, outlet, url, language field
	authors                      []string
	authorLine                   int
}

var (
	// A date header may share its line with the text that follows it
	// ("date 2026-03-10 Moscow, March 10 (IANS) ..."), because the date
	// itself shows where it ends.
	dateKeyRe = lazyRe(`(?i)^(?:date|dated|published(?:\s+on)?|publication\s+date|posted(?:\s+on)?)\s*[:=]?\s*`)
	// Other headers take their whole line and need a separator.
	keyRe = lazyRe(`(?i)^(title|headline|source|outlet|publisher|url|link|author|authors|byline|language|lang)\s*[:=]\s*(.+)$`)

	isoDateRe   = lazyRe(`^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT))?)?)?`)
	isoYearRe   = lazyRe(`^(\d{4})`)
	mdyRe       = lazyRe(`^(?:` + reWeekday + `)?(` + reMonth + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
	dmyRe       = lazyRe(`^(?:` + reWeekday + `)?(\d{1,2})(?:st|nd|rd|th)?\s+(` + reMonth + `),?\s+(\d{4})`)
	myRe        = lazyRe(`^(` + reMonth + `),?\s+(\d{4})`)
	langTagRe   = lazyRe(`^[a-zA-Z]{2,3}(?:-[A-Za-z0-9]{2,8})*$`)
	authorSepRe = lazyRe(`\s*(?:,|;|&|\band\b)\s*`)
)

// parse reads one header at the start of s. It returns how many bytes of s
// the header takes and whether s starts with one.
func (h *header) parse(s string, line int) (int, bool) {
	if m := dateKeyRe().FindStringIndex(s); m != nil {
		if n, d, ok := parseDate(s[m[1]:]); ok && h.date.value == "" {
			rest := s[m[1]+n:]
			if next, _ := utf8.DecodeRuneInString(rest); rest == "" || unicode.IsSpace(next) || strings.ContainsRune(",;|", next) {
				d.line = line
				h.date = d
				return m[1] + n + len(rest) - len(strings.TrimLeft(rest, " \t,;|")), true
			}
		}
	}
	m := keyRe().FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	key, v := strings.ToLower(m[1]), strings.TrimSpace(m[2])
	switch key {
	case "title", "headline":
		if h.title.value != "" {
			return 0, false
		}
		h.title = field{v, line}
	case "source", "outlet", "publisher":
		switch {
		case isURL(v) && h.url.value == "":
			h.url = field{v, line}
		case !isURL(v) && wordCount(v) <= 6 && h.outlet.value == "":
			h.outlet = field{v, line}
		default:
			return 0, false
		}
	case "url", "link":
		if !isURL(v) || h.url.value != "" {
			return 0, false
		}
		h.url = field{v, line}
	case "author", "authors", "byline":
		if h.authors != nil {
			return 0, false
		}
		for _, a := range authorSepRe().Split(strings.TrimPrefix(v, "By "), -1) {
			if a = strings.TrimSpace(a); a != "" {
				h.authors = append(h.authors, a)
			}
		}
		h.authorLine = line
	case "language", "lang":
		if !langTagRe().MatchString(v) || h.language.value != "" {
			return 0, false
		}
		h.language = field{strings.ToLower(v), line}
	}
	return len(s), true
}

// parseDate reads a date at the start of s: ISO (2026-03-10, 2026-03,
// 2026, with an optional time that is dropped), "March 10, 2026",
// "Tuesday, 10 March 2026" or "March 2026". It returns the bytes used.
func parseDate(s string) (int, headerDate, bool) {
	var d headerDate
	var y, m, day int
	n := 0
	switch {
	case isoDateRe().MatchString(s):
		g := isoDateRe().FindStringSubmatch(s)
		n = len(g[0])
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		day, _ = strconv.Atoi(g[3])
	case mdyRe().MatchString(s):
		g := mdyRe().FindStringSubmatch(s)
		n = len(g[0])
		m = monthNumber(g[1])
		day, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	case dmyRe().MatchString(s):
		g := dmyRe().FindStringSubmatch(s)
		n = len(g[0])
		day, _ = strconv.Atoi(g[1])
		m = monthNumber(g[2])
		y, _ = strconv.Atoi(g[3])
	case myRe().MatchString(s):
		g := myRe().FindStringSubmatch(s)
		n = len(g[0])
		m = monthNumber(g[1])
		y, _ = strconv.Atoi(g[2])
	case isoYearRe().MatchString(s):
		n = 4
		y, _ = strconv.Atoi(s[:4])
	default:
		return 0, d, false
	}
	v := fmt.Sprintf("%04d", y)
	if m > 0 {
		v += fmt.Sprintf("-%02d", m)
		if day > 0 {
			v += fmt.Sprintf("-%02d", day)
		}
	}
	parsed, err := edtf.Parse(v)
	if err != nil || y < 1800 {
		return 0, d, false
	}
	d.value, d.precision, d.year, d.month = v, parsed.Precision(), y, m
	return n, d, true
}

func isURL(s string) bool {
	return (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && len(s) > 8 && !strings.ContainsAny(s, " \t\n\"<>")
}

// --- Breadcrumbs and headlines --------------------------------------------

var crumbSepRe = lazyRe(`\s+[/>»›|]\s+`)

// homeWords name a site's front page in breadcrumbs.
var homeWords = []string{
	"home", "homepage", "home page", "start", "front page", "startseite", "accueil",
	"inicio", "portada", "início", "página inicial", "главная", "главная страница",
	"الرئيسية", "الصفحة الرئيسية", "خانه", "صفحه اصلی", "anasayfa", "ana sayfa",
	"首页", "ホーム",
}

// breadcrumb splits a breadcrumb line ("Home / World / Title") into its
// segments, or returns nil. A breadcrumb has three or more short segments,
// or two when the first names the front page.
func breadcrumb(s string) []string {
	segs := crumbSepRe().Split(s, -1)
	if len(segs) < 2 {
		return nil
	}
	if len(segs) == 2 && !isHomeWord(segs[0]) {
		return nil
	}
	for i, seg := range segs {
		if seg == "" || wordCount(seg) > 15 || strings.Contains(seg, ". ") {
			return nil
		}
		if i < len(segs)-1 && endsSentence(seg) {
			return nil
		}
	}
	return segs
}

func isHomeWord(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, w := range homeWords {
		if s == w {
			return true
		}
	}
	return false
}

// isHeadline reports whether line, the first line of the text, is a
// headline: three to twenty words without final punctuation (a question
// mark is allowed), not a dateline, followed by a line that starts a new
// sentence rather than continuing a wrapped one.
func isHeadline(line, next string) bool {
	n := wordCount(line)
	if n < 3 || n > 20 || utf8.RuneCountInString(line) > 200 {
		return false
	}
	question := strings.HasSuffix(strings.TrimRight(line, `"'”’»)`), "?")
	if !question && (endsSentence(line) || strings.HasSuffix(line, ",") || strings.HasSuffix(line, "-")) {
		return false
	}
	if ParseDateline(line).Len > 0 || breadcrumb(line) != nil || isTagLabel(line) || boilerplate(line) != "" {
		return false
	}
	// The next line starts a sentence: a capital, a digit, a quotation
	// mark, or a letter of a script without case.
	c, _ := utf8.DecodeRuneInString(next)
	return (unicode.IsLetter(c) || unicode.IsDigit(c) || startsQuote(next)) && !unicode.IsLower(c)
}

// --- Trailing boilerplate -------------------------------------------------

// commentPrompts start the comment forms that blogs and news sites append
// to articles. Matching is on the lower-cased line.
var commentPrompts = []string{
	// English
	"leave a reply", "leave a comment", "post a comment", "add a comment", "add comment",
	"write a comment", "submit a comment", "join the conversation", "join the discussion",
	"your email address will not be published", "your email address will not be shown",
	"required fields are marked", "comments are closed", "you must be logged in to post a comment",
	"be the first to comment", "click here to cancel reply", "cancel reply",
	// Arabic
	"إرسال تعليق", "ارسال تعليق", "اترك تعليقاً", "اترك تعليقا", "اترك رداً", "اترك ردا", "أضف تعليق",
	"أضف تعليقاً", "اضف تعليق", "التعليقات", "لن يتم نشر عنوان بريدك الإلكتروني",
	// Persian
	"ارسال نظر", "ارسال دیدگاه", "دیدگاهتان را بنویسید", "نظر خود را بنویسید",
	// German
	"kommentar schreiben", "kommentar verfassen", "schreibe einen kommentar", "kommentar hinterlassen",
	"hinterlasse einen kommentar", "deine e-mail-adresse wird nicht veröffentlicht",
	"ihre e-mail-adresse wird nicht veröffentlicht", "erforderliche felder sind mit",
	// French
	"laisser un commentaire", "laissez un commentaire", "ajouter un commentaire", "écrire un commentaire",
	"votre adresse e-mail ne sera pas publiée", "votre adresse de messagerie ne sera pas publiée",
	"les champs obligatoires sont indiqués",
	// Spanish / Portuguese / Italian
	"deja un comentario", "dejar un comentario", "deja una respuesta", "escribe un comentario",
	"tu dirección de correo electrónico no será publicada", "los campos obligatorios están marcados",
	"deixe um comentário", "deixe uma resposta", "o seu endereço de e-mail não será publicado",
	"lascia un commento", "lascia un commento", "il tuo indirizzo email non sarà pubblicato",
	// Russian / Ukrainian / Turkish
	"оставить комментарий", "оставьте комментарий", "добавить комментарий", "написать комментарий",
	"ваш адрес email не будет опубликован", "залишити коментар", "додати коментар",
	"yorum yap", "yorum yaz", "bir yanıt yazın", "e-posta adresiniz yayınlanmayacak",
}

// navLabels are whole lines of page furniture: share buttons and the like.
var navLabels = []string{
	"share", "share this", "share this article", "share this story", "share on facebook",
	"share on twitter", "share on x", "share via email", "print", "email", "facebook", "twitter",
	"whatsapp", "telegram", "linkedin", "reddit", "related", "related articles", "related posts",
	"related stories", "read more", "read also", "also read", "see also", "more from", "advertisement",
	"comments", "no comments", "0 comments", "back to top", "subscribe",
	"مشاركة", "شارك", "اقرأ أيضا", "اقرأ أيضاً", "teilen", "drucken", "partager", "imprimer",
	"compartir", "imprimir", "condividi", "поделиться", "читайте также", "paylaş",
}

var (
	deskSlugRe  = lazyRe(`^[a-z]{1,8}(?:/[a-z]{1,8}){1,3}$`)
	copyrightRe = lazyRe(`(?i)^(?:©|\(c\)\s|copyright\b)|all rights reserved`)
	tagSepRe    = lazyRe(`[,;|·•#]`)
	tagLabelRe  = lazyRe(`(?i)^(?:tags?|topics|keywords|filed under|labels|schlagwörter|schlagworte|stichwörter|étiquettes|mots[- ]clés|etiquetas|temas|etichette|теги|метки|ключевые слова|الوسوم|وسوم|كلمات مفتاحية|الكلمات المفتاحية|برچسب\x{200c}ها|برچسب ها|برچسب|etiketler)\s*[:：]?\s*(.*)$`)
)

// boilerplate names the kind of page furniture a whole line is, or "".
func boilerplate(s string) string {
	low := strings.ToLower(strings.TrimSpace(s))
	bare := strings.TrimRightFunc(low, func(c rune) bool { return unicode.IsPunct(c) || unicode.IsSpace(c) || c == '*' })
	if utf8.RuneCountInString(low) <= 160 {
		for _, p := range commentPrompts {
			if strings.HasPrefix(bare, p) {
				return "comment prompt"
			}
		}
	}
	for _, l := range navLabels {
		if bare == l {
			return "share/navigation link"
		}
	}
	switch {
	case deskSlugRe().MatchString(s):
		return "wire desk slug"
	case copyrightRe().MatchString(s) && wordCount(s) <= 25:
		return "copyright line"
	case breadcrumb(s) != nil:
		return "breadcrumb"
	case isURL(s):
		return "link"
	}
	return ""
}

// isTagLabel reports whether a line introduces tags: "Tags:" alone, or
// followed by tag words on the same line.
func isTagLabel(s string) bool {
	m := tagLabelRe().FindStringSubmatch(s)
	if m == nil {
		return false
	}
	rest := strings.TrimSpace(m[1])
	if rest == "" {
		return strings.ContainsAny(s, ":：") || utf8.RuneCountInString(s) <= 20
	}
	return strings.ContainsAny(s[:len(s)-len(m[1])], ":：") && tagLike(rest)
}

// tagLike reports whether a line could be tag words: short items, no
// sentence.
func tagLike(s string) bool {
	if utf8.RuneCountInString(s) > 200 || endsSentence(s) && !strings.HasSuffix(s, ":") {
		return false
	}
	for _, item := range tagSepRe().Split(s, -1) {
		if wordCount(item) > 6 {
			return false
		}
	}
	return true
}

// --- Datelines and wire credits -------------------------------------------

// Dateline is the place (and date, and wire credit) that opens a news
// report: "Moscow/Tehran, March 10 (IANS) ", "WASHINGTON (Reuters) - ",
// "Moscow: ".
type Dateline struct {
	Len              int      // bytes of the text the dateline takes, with the space after it
	Places           []string // "Moscow", "Tehran"
	Month, Day, Year int      // 0 when not given
	DateText         string   // the date as written ("March 10")
	Credit           string   // the wire credit ("IANS"), "" if none
}

const rePlaceWord = `\p{Lu}[\p{L}'’.\-]*`

var (
	placesRe     = lazyRe(`^` + rePlaceWord + `(?:[ ]` + rePlaceWord + `){0,3}(?:\s*/\s*` + rePlaceWord + `(?:[ ]` + rePlaceWord + `){0,3}){0,3}`)
	regionRe     = lazyRe(`^,\s*` + rePlaceWord + `(?:[ ]` + rePlaceWord + `){0,2}`)
	dlDateRe     = lazyRe(`^,\s*(?:` + reWeekday + `)?(?:(` + reMonth + `)\s+(\d{1,2})|(\d{1,2})\s+(` + reMonth + `))(?:,?\s+(\d{4}))?\b`)
	creditRe     = lazyRe(`^\s*\(([\p{L}][\p{L}\p{N}&.'’ /\-]{0,39})\)`)
	dlSepRe      = lazyRe(`^\s*(?:--?|–|—|:)?\s+`)
	dlColonRe    = lazyRe(`^:\s+`)
	dlCapsDashRe = lazyRe(`^\s+(?:--?|–|—)\s+`)
	signOffRe    = lazyRe(`^(?:(?:-{1,3}|–|—)\s*(\p{Lu}{2,8}|\p{Lu}\p{Ll}{2,15})|\((\p{Lu}{2,8}|\p{Lu}\p{Ll}{2,15})\))\s*$`)
)

// kickers are labels that open headlines and ledes like a dateline
// ("Analysis: ...") but name no place.
var kickers = map[string]bool{
	"analysis": true, "exclusive": true, "opinion": true, "update": true, "updated": true,
	"breaking": true, "watch": true, "explainer": true, "factbox": true, "editorial": true,
	"comment": true, "interview": true, "live": true, "video": true, "photos": true,
	"podcast": true, "review": true, "note": true, "correction": true, "editor's note": true,
	"editor’s note": true, "fact check": true, "urgent": true, "flash": true, "news": true,
}

// ParseDateline reads a dateline at the start of a lead paragraph. Len is 0
// when there is none. A dateline is one to four capitalised place words
// (several places joined by "/"), then a date, a parenthesised wire credit,
// or both, then the text; or, without date and credit, the place followed
// by a colon ("Moscow: ") or, in capitals, by a dash ("MOSCOW — ").
func ParseDateline(s string) Dateline {
	var dl Dateline
	m := placesRe().FindString(s)
	if m == "" {
		return dl
	}
	i := len(m)
	places := m
	if r := regionRe().FindString(s[i:]); r != "" {
		// "TEHRAN, Iran (AP) —": a region only with a date or credit after it.
		if creditRe().MatchString(s[i+len(r):]) || dlDateRe().MatchString(s[i+len(r):]) {
			i += len(r)
		}
	}
	hasDate, hasCredit := false, false
	if g := dlDateRe().FindStringSubmatch(s[i:]); g != nil {
		month, day := monthNumber(g[1]), atoi(g[2])
		if g[3] != "" {
			day, month = atoi(g[3]), monthNumber(g[4])
		}
		if month >= 1 && day >= 1 && day <= 31 {
			hasDate = true
			dl.Month, dl.Day, dl.Year = month, day, atoi(g[5])
			dl.DateText = strings.TrimSpace(strings.TrimPrefix(g[0], ","))
			i += len(g[0])
		}
	}
	if g := creditRe().FindStringSubmatch(s[i:]); g != nil && wordCount(g[1]) <= 4 {
		hasCredit = true
		dl.Credit = strings.TrimSpace(g[1])
		i += len(g[0])
	}
	var sep string
	switch {
	case hasCredit:
		sep = dlSepRe().FindString(s[i:])
	case hasDate:
		sep = dlSepRe().FindString(s[i:])
		if strings.TrimSpace(sep) == "" {
			sep = "" // "Moscow, March 10 Putin said" is not a dateline
		}
	case kickers[strings.ToLower(places)]:
	case dlColonRe().MatchString(s[i:]):
		sep = dlColonRe().FindString(s[i:])
	case isCaps(places):
		sep = dlCapsDashRe().FindString(s[i:])
	}
	if sep == "" || i+len(sep) >= len(s) {
		return Dateline{}
	}
	for _, p := range strings.Split(places, "/") {
		dl.Places = append(dl.Places, strings.TrimSpace(p))
	}
	dl.Len = i + len(sep)
	return dl
}

// signOff returns the wire credit of a sign-off line ("--IANS", "— AFP",
// "(Reuters)"): an acronym or one capitalised word, alone on its line.
func signOff(s string) string {
	g := signOffRe().FindStringSubmatch(s)
	if g == nil {
		return ""
	}
	return g[1] + g[2]
}

func isCaps(s string) bool {
	letters := false
	for _, c := range s {
		if unicode.IsLower(c) {
			return false
		}
		letters = letters || unicode.IsLetter(c)
	}
	return letters
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// lazyRe compiles a pattern the first time it is used: every command of
// the binary pays for package initialisation, and only ingest needs these.
func lazyRe(p string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(p) })
}
