package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"dateline/internal/diag"
	"dateline/internal/media"
)

// MaxMedia is the number of [[media]] tables one entry may have: a slide
// has one; a gallery of more than twenty belongs on its own page.
const MaxMedia = 20

// MaxMediaBytes bounds a local media file: 64 MiB is a long PDF or a
// camera's largest JPEG.
const MaxMediaBytes = 64 << 20

// maxEntryTables bounds the table headers of an entry's front matter:
// enough to report a few too many of each kind.
const maxEntryTables = 2*MaxEvidence + 2*MaxMedia

// Media is one [[media]] table of an entry: a local file (File, relative
// to content/media/) or a URL, never both.
type Media struct {
	Pos     diag.Pos // the [[media]] header
	File    Value
	URL     Value
	Caption Value
	Credit  Value
	Alt     Value
	Source  Value
	Kind    string // media.Image, media.Video, ...
}

// Path is the site path of a local media file ("content/media/x.png").
func (m Media) Path() string {
	if m.File.Text == "" {
		return ""
	}
	return media.Dir + "/" + m.File.Text
}

type mediaFront struct {
	File    string  `toml:"file"`
	URL     string  `toml:"url"`
	Caption string  `toml:"caption"`
	Credit  string  `toml:"credit"`
	Alt     *string `toml:"alt"`
	Source  string  `toml:"source"`
}

// parseMedia checks the [[media]] tables of an entry: what can be said
// without opening a file (Load checks the files).
func parseMedia(fronts []mediaFront, pos *positions, errs *diag.List) []Media {
	if len(fronts) > MaxMedia {
		errs.Add(pos.key(fmt.Sprintf("media.%d", MaxMedia)), "entry has %d [[media]] tables; the limit is %d", len(fronts), MaxMedia)
		fronts = fronts[:MaxMedia]
	}
	var out []Media
	for i, f := range fronts {
		k := fmt.Sprintf("media.%d", i)
		m := Media{
			Pos:     pos.key(k),
			File:    val(pos, k+".file", f.File),
			URL:     val(pos, k+".url", f.URL),
			Caption: val(pos, k+".caption", f.Caption),
			Credit:  val(pos, k+".credit", f.Credit),
			Source:  val(pos, k+".source", f.Source),
		}
		if f.Alt != nil {
			m.Alt = val(pos, k+".alt", *f.Alt)
		}
		ok := true
		switch {
		case f.File == "" && f.URL == "":
			errs.Add(m.Pos, "[[media]] needs file (a file in %s/) or url", media.Dir)
			ok = false
		case f.File != "" && f.URL != "":
			errs.Add(m.URL.Pos, "[[media]] has both file and url: give one (file for a file in %s/, url for an address)", media.Dir)
			ok = false
		case f.File != "":
			if msg := media.CheckFile(f.File); msg != "" {
				errs.Add(m.File.Pos, "media file %q %s", f.File, msg)
				ok = false
			}
		default:
			if _, err := media.Classify(f.URL); err != nil {
				errs.Add(m.URL.Pos, "media url %q %v", f.URL, err)
				ok = false
			}
		}
		m.Kind = media.Kind(f.File, f.URL)
		if ok && m.Kind == media.Image {
			switch {
			case f.Alt == nil:
				errs.Add(m.Pos, "[[media]] image is missing required key \"alt\": describe what the image shows for readers who cannot see it")
				ok = false
			case strings.TrimSpace(*f.Alt) == "":
				errs.Add(m.Alt.Pos, "alt is empty: describe what the image shows for readers who cannot see it")
				ok = false
			}
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

// MediaFile is what Load learnt of a local media file: for an image, its
// format and size; for any file, its content hash.
type MediaFile struct {
	media.Info
	Size int64
}

// LoadMedia is what Load does for the media of entries, for the dev
// server, which parses entries one by one: it opens every local file the entries refer to, once each, and
// reports the references to files that are missing, unreadable or not the
// image their name says. Images are probed from their headers: no pixels
// are decoded here.
func LoadMedia(fsys fs.FS, entries []*Entry) (map[string]*MediaFile, diag.List) {
	var errs diag.List
	return loadMedia(fsys, entries, &errs), errs
}

func loadMedia(fsys fs.FS, entries []*Entry, errs *diag.List) map[string]*MediaFile {
	out := map[string]*MediaFile{}
	failed := map[string]error{}
	for _, e := range entries {
		for _, m := range e.Media {
			p := m.Path()
			if p == "" {
				continue
			}
			err, seen := failed[p]
			if _, ok := out[p]; !ok && !seen {
				var f *MediaFile
				if f, err = readMedia(fsys, p); err == nil {
					out[p] = f
				} else {
					failed[p] = err
				}
			}
			if err != nil {
				errs.Add(m.File.Pos, "media file %q: %v", m.File.Text, err)
			}
		}
	}
	return out
}

func readMedia(fsys fs.FS, p string) (*MediaFile, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("not found (put it in %s/)", path.Dir(p))
		}
		return nil, err
	}
	if info.IsDir() {
		return nil, errors.New("is a folder, not a file")
	}
	if info.Size() > MaxMediaBytes {
		return nil, fmt.Errorf("is %d MiB; the limit is %d MiB", info.Size()>>20, MaxMediaBytes>>20)
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, err
	}
	f := &MediaFile{Size: int64(len(data))}
	if media.IsImageName(p) {
		in, err := media.Probe(data)
		if err != nil {
			return nil, err
		}
		f.Info = in
		return f, nil
	}
	sum := sha256.Sum256(data)
	f.Sum = hex.EncodeToString(sum[:])
	return f, nil
}
