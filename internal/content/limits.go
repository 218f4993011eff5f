package content

import (
	"fmt"
	"io/fs"

	"dateline/internal/diag"
)

// Limits no honest document reaches, checked before a file is read or
// parsed, so that a hostile or broken file costs an error message, not a
// hung build or the machine's memory.
const (
	// MaxSourceBytes is 64 MiB. A long article is 100 KB; the largest
	// honest source is the one `dateline import` writes for a whole
	// TimelineJS timeline, about 250 bytes per slide: 100,000 slides
	// make 25 MB.
	MaxSourceBytes = 64 << 20
	// MaxEntryBytes is 1 MiB: an entry is a title, a few quotes and a
	// summary (itself limited to 16 KiB by the markdown package); the
	// example site's largest is 2 KB.
	MaxEntryBytes = 1 << 20
	// MaxRegistryBytes is 4 MiB, about 20,000 records of 200 bytes.
	MaxRegistryBytes = 4 << 20
	// MaxRecords is the number of records one registry may hold: the
	// example site has 30 actors; 10,000 is a database, not a registry.
	// A registry at the limit parses in a few hundred milliseconds.
	MaxRecords = 10_000
	// MaxEvidence is the number of [[evidence]] tables one entry may
	// have. The example site's entries have one to four; an event that
	// needs more than a hundred quotes is several entries.
	MaxEvidence = 100
	// maxFrontTables bounds the table headers in a source's front matter,
	// which has none: enough to report a few stray ones.
	maxFrontTables = 16
	// maxUnknownKeys bounds the unknown keys reported for one file: each
	// costs a scan of the file to place, and a file of nothing but
	// unknown keys took seconds to report.
	maxUnknownKeys = 100
)

// maxBytes returns the size limit of the file at p, by what it is.
func maxBytes(p string) int64 {
	switch {
	case underDir(p, SourcesDir):
		return MaxSourceBytes
	case underDir(p, EntriesDir):
		return MaxEntryBytes
	}
	return MaxRegistryBytes
}

func underDir(p, dir string) bool {
	return len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/'
}

// tooBig adds an error when n bytes are over the limit for the file at p.
func tooBig(errs *diag.List, p string, n int64) bool {
	if max := maxBytes(p); n > max {
		errs.Add(diag.Pos{Path: p, Line: 1, Col: 1}, "file is %s; the limit is %s: %s", size(n), size(max), whyLimit(p))
		return true
	}
	return false
}

func whyLimit(p string) string {
	switch {
	case underDir(p, SourcesDir):
		return "no archived article is that long; split the text into several sources"
	case underDir(p, EntriesDir):
		return "an entry is a title, its evidence and a short summary"
	}
	return "split the registry or check that this is the right file"
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// readFile reads the file at p unless its size is over the limit: a
// 10 GB file in content/ is refused without being read.
func readFile(fsys fs.FS, p string, errs *diag.List) ([]byte, bool) {
	if fi, err := fs.Stat(fsys, p); err == nil && tooBig(errs, p, fi.Size()) {
		return nil, false
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		*errs = append(*errs, ReadProblem(p, err))
		return nil, false
	}
	return src, true
}
