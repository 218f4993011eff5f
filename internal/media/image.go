package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/gif" // registers GIF with image.Decode
	"image/jpeg"
	"image/png"
	"path"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // registers WebP with image.Decode
)

// Info is what the build knows of a local image without decoding its
// pixels.
type Info struct {
	Format        string // "jpeg", "png", "gif", "webp"
	Width, Height int
	Sum           string // hex SHA-256 of the file
}

// MaxPixels bounds the images the build decodes: a 16000×16000 image is
// a gigabyte of pixels, which one worker would hold at once.
const MaxPixels = 50_000_000

// Probe reads an image's format and size from its header.
func Probe(data []byte) (Info, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, fmt.Errorf("not a JPEG, PNG, GIF or WebP image: %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("image has no pixels (%d×%d)", cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return Info{}, fmt.Errorf("image is %d×%d pixels; the limit is %d megapixels: scale it down before adding it", cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	sum := sha256.Sum256(data)
	return Info{Format: format, Width: cfg.Width, Height: cfg.Height, Sum: hex.EncodeToString(sum[:])}, nil
}

// widths are the responsive sizes made of every image wider than them:
// a card's thumbnail, a phone, a column, a wide screen.
var widths = [...]int{320, 640, 1024, 1600}

// Variant is one output file of a local image.
type Variant struct {
	Path          string // site path, "media/map-1a2b3c4d5e-640.png"
	Width, Height int
}

// version names the resizing recipe (filter, encoder settings). It is part
// of every variant's name, so that files made by another recipe are never
// taken for this one's.
const version = "r2"

// Plan returns the output files of a local image: the original, copied as
// it is, and the smaller sizes, narrowest first. Their names carry the
// file's content hash, so a changed image gets new names (no stale cache in
// any browser) and an unchanged one keeps them (see build's reuse of the
// previous output).
func Plan(file string, in Info) (orig Variant, sizes []Variant) {
	stem := strings.TrimSuffix(path.Base(file), path.Ext(file))
	stem = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, stem)
	h := in.Sum[:min(12, len(in.Sum))]
	orig = Variant{Path: "media/" + stem + "-" + h + strings.ToLower(path.Ext(file)), Width: in.Width, Height: in.Height}
	for _, w := range widths {
		if w >= in.Width {
			break
		}
		sizes = append(sizes, Variant{
			Path:  "media/" + stem + "-" + h + "-" + version + "-" + strconv.Itoa(w) + encodedExt(in.Format),
			Width: w, Height: max(1, (in.Height*w+in.Width/2)/in.Width),
		})
	}
	return orig, sizes
}

// encodedExt is the extension of the resized files of a format: JPEG stays
// JPEG; the others become PNG, which keeps transparency (x/image has no
// WebP encoder, and a resized GIF animation would keep only its first frame
// anyway).
func encodedExt(format string) string {
	if format == "jpeg" {
		return ".jpg"
	}
	return ".png"
}

// Resize decodes data once and calls emit with each of sizes encoded. It
// makes the widest first and each narrower one from the one before it,
// which costs less than half of scaling the original every time (the
// sizes are at least 1.5 times apart, so quality does not suffer). It
// holds the decoded image and one or two scaled copies at a time.
func Resize(data []byte, format string, sizes []Variant, emit func(v Variant, b []byte) error) error {
	if len(sizes) == 0 {
		return nil
	}
	var src image.Image
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return err
	}
	for i := len(sizes) - 1; i >= 0; i-- {
		v := sizes[i]
		dst := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		src = dst
		var buf bytes.Buffer
		if format == "jpeg" {
			err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82})
		} else {
			err = png.Encode(&buf, dst)
		}
		if err != nil {
			return err
		}
		if err := emit(v, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}
