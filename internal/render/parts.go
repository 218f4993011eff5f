package render

import (
	"bytes"
	"errors"
	"io"
)

// Parts is the content of an output file in pieces, in order. The pages
// assembled from cached fragments (see Fragments) are many megabytes
// that differ from one build to the next by a fragment or two; holding
// them as the skeleton's pieces and the fragments themselves, shared with
// the cache, saves copying them into one buffer, comparing them byte by
// byte and keeping a copy per build. The pieces are never modified.
type Parts [][]byte

// Len is the length of the content.
func (p Parts) Len() int {
	n := 0
	for _, b := range p {
		n += len(b)
	}
	return n
}

// Bytes returns the content in one slice: the only piece itself, when
// there is one, else a copy of the pieces joined.
func (p Parts) Bytes() []byte {
	if len(p) == 1 {
		return p[0]
	}
	return bytes.Join(p, nil)
}

// Equal reports whether p and q hold the same content. Pieces shared by
// both, as fragments from one cache are, are not compared byte by byte.
func (p Parts) Equal(q Parts) bool {
	if p.Len() != q.Len() {
		return false
	}
	var a, b []byte // what is left of the current piece of each
	for i, j := 0, 0; ; {
		for len(a) == 0 && i < len(p) {
			a, i = p[i], i+1
		}
		for len(b) == 0 && j < len(q) {
			b, j = q[j], j+1
		}
		if len(a) == 0 || len(b) == 0 {
			return len(a) == len(b)
		}
		n := min(len(a), len(b))
		if &a[0] != &b[0] && !bytes.Equal(a[:n], b[:n]) {
			return false
		}
		a, b = a[n:], b[n:]
	}
}

// WriteTo writes the content to w.
func (p Parts) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, b := range p {
		m, err := w.Write(b)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Reader returns a reader of the content that can seek, as
// http.ServeContent needs for range requests.
func (p Parts) Reader() io.ReadSeeker { return &partsReader{p: p, size: int64(p.Len())} }

type partsReader struct {
	p    Parts
	size int64
	off  int64 // the read position
	// The piece at off and where it starts, kept for sequential reads.
	i     int
	start int64
}

func (r *partsReader) Read(b []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	if r.start > r.off { // sought backwards
		r.i, r.start = 0, 0
	}
	for r.start+int64(len(r.p[r.i])) <= r.off {
		r.start += int64(len(r.p[r.i]))
		r.i++
	}
	n := copy(b, r.p[r.i][r.off-r.start:])
	r.off += int64(n)
	return n, nil
}

func (r *partsReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += r.size
	default:
		return 0, errors.New("render.Parts: invalid whence")
	}
	if offset < 0 {
		return 0, errors.New("render.Parts: negative position")
	}
	r.off = offset
	return offset, nil
}
