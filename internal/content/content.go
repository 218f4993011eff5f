// Package content reads a site's documents from an fs.FS: it splits TOML
// front matter from Markdown bodies, decodes them strictly (unknown keys are
// errors) and remembers where every value came from, so later stages can
// point at path:line:col. It does not resolve references or parse dates;
// that is the model's job.
package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/BurntSushi/toml"

	"dateline/internal/diag"
)

// Where documents live inside a site.
const (
	SourcesDir = "content/sources"
	EntriesDir = "content/entries"
)

// Registry file names, by registry kind.
var registryFiles = [...]struct{ Kind, File string }{
	{"actor", "content/actors.toml"},
	{"place", "content/places.toml"},
	{"topic", "content/topics.toml"},
	{"thread", "content/threads.toml"},
}

// RegistryFile returns the path of the registry of the given kind.
func RegistryFile(kind string) string {
	for _, r := range registryFiles {
		if r.Kind == kind {
			return r.File
		}
	}
	return ""
}

// RegistryKinds lists the registry kinds in a fixed order.
func RegistryKinds() []string {
	out := make([]string, len(registryFiles))
	for i, r := range registryFiles {
		out[i] = r.Kind
	}
	return out
}

// Value is a front-matter value with the position it was read from.
type Value struct {
	Text string
	Pos  diag.Pos
}

// Source is an archived article as written in content/sources/ID.md.
type Source struct {
	ID, Path       string
	Title          Value
	Outlet         Value
	Published      Value
	URL            Value
	Authors        []Value
	Language       Value
	TranslatedFrom Value
	Retrieved      Value
	RawSHA256      Value
	Body           string
	BodyLine       int // file line of the first body line
	// Broken marks a file that exists but could not be read (no front
	// matter, invalid TOML): only ID and Path are set. It is kept so that
	// references to it are not reported again as references to nothing.
	Broken bool
}

// Evidence is one [[evidence]] table of an entry.
type Evidence struct {
	Pos      diag.Pos // the [[evidence]] header
	Source   Value
	Quote    Value
	Prefix   Value
	Suffix   Value
	DateText Value
	Date     Value
}

// Entry is one timeline entry as written in content/entries/**/ID.md.
type Entry struct {
	ID, Path string
	Title    Value
	Date     Value
	Actors   []Value
	Places   []Value
	Topics   []Value
	Thread   Value
	Related  []Value
	Draft    bool
	Evidence []Evidence
	Media    []Media
	Body     string
	BodyLine int
	Broken   bool // as Source.Broken
}

// Record is one registry record (an actor, place, topic or thread).
type Record struct {
	Kind, ID, Path string
	Pos            diag.Pos // the [id] header
	Name           Value
	Aliases        []Value
	Type           Value // the record's `kind` key: person, state, city, ...
	Description    Value
	Wikidata       Value
	Country        Value
	Lat, Lon       *float64
	// Broken marks a record that exists but could not be decoded: only
	// ID, Path, Pos and what could be read of Name and Aliases are set,
	// so that references to it, by id or alias, are not reported again.
	// A Broken record without an ID stands for a registry file that does
	// not parse at all: any reference of its kind may be to one of its
	// records.
	Broken bool
}

// Site is every document of a site, in path order. Broken documents and
// records are included, marked; consumers skip them.
type Site struct {
	Sources []*Source
	Entries []*Entry
	Records map[string][]*Record // by registry kind, in file order
	// Media holds the local media files the entries refer to, by site
	// path ("content/media/map.png"); a file that could not be read is
	// missing, its references reported.
	Media map[string]*MediaFile
}

var slugRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`) })

// IsSlug reports whether id is a valid document or record id.
func IsSlug(id string) bool { return slugRE().MatchString(id) }

// Ignored reports whether a file name is an editor's temporary, backup,
// swap or lock file, or hidden, and so never part of the site. Build and
// the dev server's watcher both go by it, so they agree on what a site is.
// Vim probes a directory with a file named 4913 (then 5036, 5159, ...:
// it steps by 123 while the name is taken); year folders are not probes.
func Ignored(name string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") ||
		strings.HasPrefix(base, "#") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".swo") ||
		strings.HasSuffix(base, ".tmp") || strings.HasSuffix(base, ".bak") ||
		strings.Contains(base, "___jb_") {
		return true
	}
	n, err := strconv.Atoi(base)
	return err == nil && n >= 4913 && (n-4913)%123 == 0
}

// Load reads every document of the site in fsys. Problems in one document
// never stop the others from being read.
func Load(fsys fs.FS) (*Site, diag.List) {
	var errs diag.List
	site := &Site{Records: map[string][]*Record{}}
	site.Sources = parseAll(fsys, SourcesDir, ParseSource, BrokenSource, &errs)
	site.Entries = parseAll(fsys, EntriesDir, ParseEntry, BrokenEntry, &errs)
	site.Media = loadMedia(fsys, site.Entries, &errs)
	for _, r := range registryFiles {
		if _, err := fs.Stat(fsys, r.File); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		src, ok := readFile(fsys, r.File, &errs)
		if !ok {
			site.Records[r.Kind] = BrokenRegistry(r.Kind, r.File)
			continue
		}
		recs, e := ParseRegistry(r.File, r.Kind, src)
		errs.Append(e)
		site.Records[r.Kind] = recs
	}
	return site, errs
}

// ReadProblem reports a file of the site that cannot be read, at its
// first line so editors can jump to it, without the path a *fs.PathError
// would repeat.
func ReadProblem(p string, err error) *diag.Problem {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &diag.Problem{Pos: diag.Pos{Path: p, Line: 1, Col: 1}, Msg: err.Error()}
}

// parseAll parses every document below dir; one that cannot be read is
// kept as broken.
func parseAll[T any](fsys fs.FS, dir string, parse func(string, []byte) (*T, diag.List), broken func(string) *T, errs *diag.List) []*T {
	paths := markdownFiles(fsys, dir, errs)
	// Documents are read and parsed on every processor, each into its
	// own slot, and gathered in path order.
	type result struct {
		doc  *T
		errs diag.List
	}
	results := make([]result, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(paths); i = int(next.Add(1)) - 1 {
				r := &results[i]
				src, ok := readFile(fsys, paths[i], &r.errs)
				if !ok {
					r.doc = broken(paths[i])
					continue
				}
				var e diag.List
				r.doc, e = parse(paths[i], src)
				r.errs.Append(e)
			}
		})
	}
	wg.Wait()
	var out []*T
	for _, r := range results {
		errs.Append(r.errs)
		if r.doc != nil {
			out = append(out, r.doc)
		}
	}
	return out
}

// BrokenSource is the source at p when it exists but cannot be read (see
// Source.Broken).
func BrokenSource(p string) *Source { return &Source{ID: docID(p), Path: p, Broken: true} }

// BrokenEntry is the entry at p when it exists but cannot be read.
func BrokenEntry(p string) *Entry { return &Entry{ID: docID(p), Path: p, Broken: true} }

// BrokenRegistry stands for the records of the registry file p of a kind
// when it exists but cannot be read (see Record.Broken).
func BrokenRegistry(kind, p string) []*Record {
	return []*Record{brokenRecord(kind, "", p, locate(p, "", 1))}
}

func docID(p string) string { return strings.TrimSuffix(path.Base(p), ".md") }

// markdownFiles lists the .md files below dir, sorted, skipping editor files.
func markdownFiles(fsys fs.FS, dir string, errs *diag.List) []string {
	var out []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "%v", err)
			return nil
		}
		if Ignored(p) && p != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		errs.Add(diag.Pos{Path: dir, Line: 1, Col: 1}, "%v", err)
	}
	sort.Strings(out)
	return out
}

// doc is a document split into front matter and body.
type doc struct {
	path      string
	front     string
	frontLine int // file line of the first front-matter line
	body      string
	bodyLine  int
}

// split separates the +++ front matter from the body.
func split(p string, src []byte, errs *diag.List) (doc, bool) {
	if tooBig(errs, p, int64(len(src))) || !diag.CheckUTF8(errs, p, src) {
		return doc{}, false
	}
	text := strings.TrimPrefix(string(src), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, _ := strings.Cut(text, "\n")
	if strings.TrimRight(first, " \t") != "+++" {
		errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "missing front matter: the file must start with a line \"+++\"")
		return doc{}, false
	}
	line := 2
	off := 0
	for {
		nl := strings.IndexByte(rest[off:], '\n')
		cur := rest[off:]
		if nl >= 0 {
			cur = rest[off : off+nl]
		}
		if strings.TrimRight(cur, " \t") == "+++" {
			d := doc{path: p, front: rest[:off], frontLine: 2, bodyLine: line + 1}
			if nl >= 0 {
				// A copy, so that the file's text, front matter
				// included, is not kept as long as the body: the
				// decoded values are copies too. At 100,000 entries the
				// front matter was about 100 MB kept to the end of a
				// build.
				d.body = strings.Clone(rest[off+nl+1:])
			}
			return d, true
		}
		if nl < 0 {
			errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "front matter is not closed: add a line \"+++\" after it")
			return doc{}, false
		}
		off += nl + 1
		line++
	}
}

// decode decodes TOML into v, reporting syntax errors, type errors and
// unknown keys at their positions. known lists the accepted keys for the
// message about unknown ones.
func decode(d doc, v any, what string, known []string, maxTables int, errs *diag.List) (*positions, bool) {
	if !diag.CheckTOML(errs, d.path, d.front, d.frontLine, maxTables) {
		return nil, false
	}
	pos := locate(d.path, d.front, d.frontLine)
	md, err := toml.Decode(d.front, v)
	if err != nil {
		decodeError(d, pos, err, errs)
		return pos, false
	}
	undecoded(md, pos, what, known, nil, errs)
	return pos, true
}

// decodeError reports a TOML syntax or type error at its position.
func decodeError(d doc, pos *positions, err error, errs *diag.List) {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		msg := perr.Message
		if perr.Usage != "" && strings.Contains(msg, "incompatible types") {
			msg = strings.TrimSpace(perr.Message)
		}
		errs.Add(diag.TOMLSyntaxPos(d.path, d.front, d.frontLine, perr), "invalid TOML: %s", msg)
	} else if p, msg, ok := pos.typeError(err); ok {
		errs.Add(p, "%s", msg)
	} else {
		errs.Add(diag.Pos{Path: d.path, Line: d.frontLine, Col: 1}, "invalid TOML: %v", err)
	}
}

// undecoded reports the keys md did not decode, except those below a
// top-level key in skip (a record whose decoding stopped at an error).
func undecoded(md toml.MetaData, pos *positions, what string, known []string, skip map[string]bool, errs *diag.List) {
	keys := md.Undecoded()
	// Placing each key costs a scan of the document.
	if rest := len(keys) - maxUnknownKeys; rest > 0 {
		defer errs.Add(pos.key(keys[maxUnknownKeys].String()), "%d more unknown keys in %s are not listed", rest, what)
		keys = keys[:maxUnknownKeys]
	}
	for _, k := range keys {
		if skip[k[0]] {
			continue
		}
		name := k[len(k)-1]
		msg := fmt.Sprintf("unknown key %q in %s", name, what)
		switch s := diag.Suggest(name, known); {
		case s == name && len(k) > 1:
			// A top-level key written below a table header belongs to
			// that table in TOML.
			msg = fmt.Sprintf("key %q is inside the %s table above it: move it before the first table header", name, strings.Join(k[:len(k)-1], "."))
		case s != "":
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs.Add(pos.undecoded(k), "%s", msg)
	}
}

// idFromPath returns the document id (file name without .md) and reports an
// id that is not a slug.
func idFromPath(p string, errs *diag.List) string {
	id := docID(p)
	if !IsSlug(id) {
		errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "file name %q is not a valid id: use lower-case letters, digits and single hyphens (e.g. %q)", id+".md", Slugify(id)+".md")
	}
	return id
}

// Slugify turns arbitrary text into an id-shaped slug.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			dash = true
		}
	}
	return b.String()
}

func val(pos *positions, key, s string) Value { return Value{Text: s, Pos: pos.value(key)} }

// vals returns nil for an empty or missing list, as a decoded copy of the
// document has it (see build's persisted inputs).
func vals(pos *positions, key string, list []string) []Value {
	if len(list) == 0 {
		return nil
	}
	out := make([]Value, len(list))
	for i, s := range list {
		out[i] = Value{Text: s, Pos: pos.value(fmt.Sprintf("%s.%d", key, i))}
	}
	return out
}

// require reports a missing required key.
func require(errs *diag.List, p string, line int, what string, v Value, key string) {
	if strings.TrimSpace(v.Text) == "" {
		errs.Add(diag.Pos{Path: p, Line: line, Col: 1}, "%s is missing required key %q", what, key)
	}
}

// stringField accepts a TOML string; a TOML date literal or number gets a
// message that says how to write it instead of a generic type error.
type stringField struct {
	s   string
	bad string
}

func (f *stringField) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		f.s = v
	case time.Time:
		f.bad = tomlTime(v)
	default:
		f.bad = fmt.Sprintf("%v", v)
	}
	return nil
}

// tomlTime writes an unquoted TOML date or date-time literal back the way it
// was meant, so the message can say exactly what to write instead.
func tomlTime(t time.Time) string {
	// BurntSushi/toml marks local values by the zone's name.
	zone := t.Location().String()
	switch zone {
	case "date-local":
		return t.Format("2006-01-02")
	case "time-local":
		return t.Format("15:04:05")
	}
	layout := "2006-01-02T15:04"
	if t.Second() != 0 {
		layout += ":05"
	}
	if zone != "datetime-local" {
		layout += "Z07:00"
	}
	return t.Format(layout)
}

func (f stringField) check(errs *diag.List, pos diag.Pos, key string) {
	if f.bad != "" {
		errs.Add(pos, "%s must be a quoted string, e.g. %s = %q", key, key, f.bad)
	}
}

// TOMLString quotes s as a TOML basic string, for the tools that write
// front matter (ingest, annotate, import).
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
