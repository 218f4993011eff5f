package build

import (
	"bufio"
	"cmp"
	"encoding/gob"
	"fmt"
	"io"
	"slices"

	"dateline/internal/content"
	"dateline/internal/diag"
	"dateline/internal/markdown"
)

// The dev server keeps the parsed sources and entries of a site between
// runs: parsing their TOML and Markdown is most of what a first page waits
// for at 10,000 entries (with the cross references of the entries'
// Markdown, which model.Cache keeps), and between two runs few files
// change. A saved
// document is used only for a file whose bytes hash the same, and only by
// the same program (the key), so a restored build is the build of a fresh
// parse. Registries are few and parsed anew: their coordinates are
// pointers, which gob would drop when they point at zero.

// inputsVersion changes with the layout of what Save writes.
const inputsVersion = 1

// The stream is a header, then one gob message per document, so that
// neither side holds the whole stream (hundreds of megabytes at 100,000
// entries) in memory at once.
type savedHeader struct {
	Version int
	Key     string
	Count   int
}

type savedInput struct {
	Path   string
	Hash   [32]byte
	Source *content.Source
	Entry  *content.Entry
	Errs   diag.List
	Refs   []markdown.Ref // of the entry's body
}

// Inputs is a snapshot of the parsed documents of the last scan, to be
// written out while the builder goes on (see Incremental.Inputs).
type Inputs struct {
	key     string
	list    []savedInput
	changed bool
}

// Inputs returns the parsed sources and entries as they are now, for a
// later process to Restore under the same key: key names what parsing
// depends on, the program itself. Parsed documents are never changed once
// made, so the snapshot may be encoded on another goroutine.
func (b *Incremental) Inputs(key string) *Inputs {
	s := &Inputs{key: key}
	for p, in := range b.inputs {
		if in.hash == ([32]byte{}) || (in.source == nil && in.entry == nil) {
			continue // unreadable, or a registry
		}
		var refs []markdown.Ref
		if in.entry != nil {
			refs = b.cache.Refs(in.entry.Body) // known since the build
		}
		s.list = append(s.list, savedInput{Path: p, Hash: in.hash, Source: in.source, Entry: in.entry, Errs: in.errs, Refs: refs})
		if h, ok := b.restored[p]; !ok || h != in.hash {
			s.changed = true
		}
	}
	s.changed = s.changed || len(s.list) != len(b.restored)
	slices.SortFunc(s.list, func(a, b savedInput) int { return cmp.Compare(a.Path, b.Path) })
	return s
}

// Changed reports whether the snapshot holds other documents than the
// builder restored: a server started on an unchanged site need not write
// its tens of megabytes again.
func (s *Inputs) Changed() bool { return s.changed }

// Len is the number of documents in the snapshot.
func (s *Inputs) Len() int { return len(s.list) }

// Encode writes the snapshot to w.
func (s *Inputs) Encode(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := gob.NewEncoder(bw)
	if err := enc.Encode(savedHeader{Version: inputsVersion, Key: s.key, Count: len(s.list)}); err != nil {
		return err
	}
	for i := range s.list {
		if err := enc.Encode(&s.list[i]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Restore seeds a builder that has not scanned yet with documents written
// by Inputs.Encode under the same key, and returns how many it took. A
// file among them is then parsed again only if its bytes changed; one
// that is gone is forgotten by the scan. A stream of another key or
// layout restores nothing, without an error; a damaged one is an error
// and restores nothing.
func (b *Incremental) Restore(r io.Reader, key string) (int, error) {
	if b.good != nil || len(b.inputs) > 0 {
		return 0, fmt.Errorf("restore: the builder has scanned already")
	}
	dec := gob.NewDecoder(bufio.NewReader(r))
	var h savedHeader
	if err := dec.Decode(&h); err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	if h.Version != inputsVersion || h.Key != key {
		return 0, nil
	}
	var list []savedInput // grown as read: a damaged count allocates nothing
	for i := 0; i < h.Count; i++ {
		var in savedInput
		if err := dec.Decode(&in); err != nil {
			return 0, fmt.Errorf("restore: document %d of %d: %w", i+1, h.Count, err)
		}
		if k := kind(in.Path); (k != "source" || in.Source == nil || in.Entry != nil) && (k != "entry" || in.Entry == nil || in.Source != nil) {
			return 0, fmt.Errorf("restore: %s is no %s", in.Path, k)
		}
		list = append(list, in)
	}
	b.restored = make(map[string][32]byte, len(list))
	for _, in := range list {
		b.restored[in.Path] = in.Hash
		b.inputs[in.Path] = &input{hash: in.Hash, source: in.Source, entry: in.Entry, errs: in.Errs}
		if in.Entry != nil {
			b.cache.SeedRefs(in.Entry.Body, in.Refs)
		}
	}
	return len(list), nil
}
