// Package config reads site.toml.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"dateline/internal/diag"
)

// File is where the settings live inside a site.
const File = "site.toml"

// Config is a site's settings.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// BaseURL is the absolute URL the site is published at, ending in "/".
	// Feeds, sitemaps and canonical links need it; pages themselves use
	// relative links so a site works from any directory or file://.
	BaseURL  string `toml:"base_url"`
	Language string `toml:"language"`
	// Numerals is how numbers and dates are written: "latn" (0-9) or
	// "native", the language's own digits where it has them (Arabic-Indic
	// in Arabic and Persian). Empty means native.
	Numerals string `toml:"numerals"`
	// TimeZone is the site's zone (an IANA name). It is checked, but
	// nothing is rendered in it yet: dates are calendar days, and the
	// exports state instants in UTC or with the offsets the dates carry.
	TimeZone string `toml:"time_zone"`
	Author   string `toml:"author"`
	// Copyright is shown in the footer and in feeds.
	Copyright string `toml:"copyright"`
	// PageSize is how many entries one page lists: a timeline longer
	// than that gets an overview front page with year and month pages,
	// and longer lists (an actor's entries, an embed) are split into
	// numbered pages. Registry and source indexes list IndexFactor times
	// as many lines, which are short.
	PageSize int `toml:"page_size"`
}

// Page sizes: the default keeps the longest page of the bench's synthetic
// timeline (entries with 2 KB summaries) near 300 KB, within the 512 KB
// budget at any number of entries; the maximum keeps it within about
// 1.5 MB.
const (
	DefaultPageSize = 100
	MaxPageSize     = 500
	IndexFactor     = 5
)

// Load reads site.toml from fsys. A missing file is an error: it marks the
// root of a site.
func Load(fsys fs.FS) (Config, diag.List) {
	var errs diag.List
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			errs.Add(diag.Pos{Path: File, Line: 1, Col: 1}, "no site.toml: this directory is not a Dateline site (create one with `dateline init DIR`)")
		} else {
			errs.Add(diag.Pos{Path: File, Line: 1, Col: 1}, "%v", err)
		}
		return Default(), errs
	}
	return Parse(src)
}

// Default returns the settings used for anything site.toml leaves out.
func Default() Config {
	return Config{Title: "Timeline", Language: "en", TimeZone: "UTC", BaseURL: "/", PageSize: DefaultPageSize}
}

// Limits on site.toml, which holds a handful of short settings (the
// example's is 600 bytes). Checked before parsing: an unknown key costs a
// scan of the file to place, and a file of 20,000 tables took 38 s.
const (
	MaxBytes       = 64 << 10
	maxUnknownKeys = 100
)

// Parse decodes site.toml content.
func Parse(src []byte) (Config, diag.List) {
	var errs diag.List
	c := Default()
	if len(src) > MaxBytes {
		errs.Add(diag.Pos{Path: File, Line: 1, Col: 1}, "site.toml is %d bytes; the limit is %d (64 KiB): it holds a few short settings", len(src), MaxBytes)
		return c, errs
	}
	if !diag.CheckUTF8(&errs, File, src) || !diag.CheckTOML(&errs, File, string(src), 1, 16) {
		return c, errs
	}
	// A byte-order mark is not TOML; it is dropped, and it is on no line.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	md, err := toml.Decode(string(src), &c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			errs.Add(diag.TOMLSyntaxPos(File, string(src), 1, perr), "invalid TOML: %s", perr.Message)
		} else if m := typeErrRE().FindStringSubmatch(err.Error()); m != nil {
			what := "a quoted string"
			if m[1] == "page_size" {
				what = "a whole number"
			}
			errs.Add(keyPos(src, m[1]), "%s must be %s", m[1], what)
		} else {
			errs.Add(diag.Pos{Path: File, Line: 1, Col: 1}, "invalid TOML: %v", err)
		}
		// A failed decode leaves some keys set, in map order: return
		// nothing partial.
		return Default(), errs
	}
	known := diag.TOMLKeys(Config{})
	undecoded := md.Undecoded()
	// Placing each key costs a scan of the file.
	rest := len(undecoded) - maxUnknownKeys
	if rest > 0 {
		undecoded = undecoded[:maxUnknownKeys]
	}
	for _, k := range undecoded {
		msg := fmt.Sprintf("unknown key %q in site.toml", k.String())
		if s := diag.Suggest(k.String(), known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs.Add(keyPos(src, k.String()), "%s (known: %s)", msg, strings.Join(known, ", "))
	}
	if rest > 0 {
		errs.Add(keyPos(src, md.Undecoded()[maxUnknownKeys].String()), "%d more unknown keys in site.toml are not listed", rest)
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		errs.Add(keyPos(src, "time_zone"), "unknown time zone %q (use an IANA name such as \"UTC\" or \"Europe/Moscow\")", c.TimeZone)
	}
	if err := c.SetBaseURL(c.BaseURL); err != nil {
		errs.Add(keyPos(src, "base_url"), "%v", err)
	}
	if c.Numerals != "" && c.Numerals != "latn" && c.Numerals != "native" {
		errs.Add(keyPos(src, "numerals"), "numerals = %q: use \"latn\" (0-9) or \"native\" (the language's own digits, the default)", c.Numerals)
	}
	if c.PageSize < 1 || c.PageSize > MaxPageSize {
		errs.Add(keyPos(src, "page_size"), "page_size = %d: give a number of entries from 1 to %d (default %d)", c.PageSize, MaxPageSize, DefaultPageSize)
		c.PageSize = DefaultPageSize
	}
	return c, errs
}

// SetBaseURL validates and normalises a base URL (absolute http(s) or a
// root-relative path), making sure it ends in "/".
func (c *Config) SetBaseURL(raw string) error {
	if raw == "" {
		raw = "/"
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme == "" && !strings.HasPrefix(raw, "/")) {
		return fmt.Errorf("base_url %q must be an absolute http(s) URL or a path starting with \"/\"", raw)
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	c.BaseURL = raw
	return nil
}

// Location returns the site's time zone.
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// IsAbsolute reports whether the base URL is an absolute http(s) URL, as
// what is read away from the site needs: feed ids, the sitemap, oEmbed
// responses. A path ("/") serves the site's own pages only.
func (c Config) IsAbsolute() bool {
	return strings.HasPrefix(c.BaseURL, "https://") || strings.HasPrefix(c.BaseURL, "http://")
}

// KeyPos returns where key is written in the site.toml text src, or line 1
// when it is not written there.
func KeyPos(src []byte, key string) diag.Pos { return keyPos(src, key) }

// Absolute joins the base URL and a site path ("entries/x/").
func (c Config) Absolute(path string) string {
	return c.BaseURL + strings.TrimPrefix(path, "/")
}

// typeErrRE matches BurntSushi/toml's type errors (a number or an array
// where a string belongs), which are plain errors naming the key.
var typeErrRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "([^"]*)"\): incompatible types`)
})

// keyPos finds where a key (dotted for keys inside a table: "x.y") or a
// table header is written.
func keyPos(src []byte, key string) diag.Pos {
	table, name := "", key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		table, name = key[:i], key[i+1:]
	}
	cur := ""
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		lead := utf8.RuneCountInString(line[:len(line)-len(strings.TrimLeft(line, " \t"))])
		if strings.HasPrefix(t, "[") {
			cur = strings.TrimSpace(strings.Trim(strings.SplitN(t, "]", 2)[0], "[ \t"))
			if cur == key {
				return diag.Pos{Path: File, Line: i + 1, Col: lead + 1}
			}
			continue
		}
		if cur == table && strings.HasPrefix(t, name) && strings.HasPrefix(strings.TrimSpace(t[len(name):]), "=") {
			return diag.Pos{Path: File, Line: i + 1, Col: lead + 1}
		}
	}
	return diag.Pos{Path: File, Line: 1, Col: 1}
}
