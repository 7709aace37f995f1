package imagefit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"math"
	"testing"

	"logodesk/service/limits"
)

// fuzzMaxPixels keeps every fuzz input small: a valid-looking header may claim up to
// this many pixels, so one input never costs more than a few tens of MB.
const fuzzMaxPixels = 1 << 20

func fuzzSeeds(f *testing.F) {
	for _, seed := range fuzzSeedData(f) {
		f.Add(seed)
	}
}

func fuzzSeedData(f *testing.F) [][]byte {
	jpg := encJPEG(f, photo(48, 32), 80)
	return [][]byte{
		jpg,
		jpg[:len(jpg)/2],
		withOrientation(jpg, 6, binary.LittleEndian),
		withOrientation(jpg, 5, binary.BigEndian),
		encPNG(f, logo(40, 30)),
		encPNG(f, photoAlpha(24, 24)),
		encGIF(f, photo(20, 10)),
		encBMP(f, photo(9, 7)),
		pngHeader(20000, 20000),
		pngHeader(1500, 1500),
		[]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"),
		[]byte("%PDF-1.4"),
		[]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
		[]byte("<svg/>"),
		{},
	}
}

func FuzzCheck(f *testing.F) {
	fuzzSeeds(f)
	old := maxOpenPixels
	maxOpenPixels = fuzzMaxPixels
	f.Cleanup(func() { maxOpenPixels = old })
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Check(data)
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) || p.Reason == "" {
				t.Fatalf("error %v (%T) is not a *Problem with a reason", err, err)
			}
			return
		}
		if info.Width <= 0 || info.Height <= 0 || info.Pixels() > fuzzMaxPixels || info.Bytes != len(data) {
			t.Fatalf("bad info %+v for %d bytes", info, len(data))
		}
		if info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("orientation %d", info.Orientation)
		}
	})
}

func FuzzFit(f *testing.F) {
	fuzzSeeds(f)
	old := maxOpenPixels
	maxOpenPixels = fuzzMaxPixels
	f.Cleanup(func() { maxOpenPixels = old })
	small := limits.Limit{Service: "Fuzz", MaxBytes: 4 << 10, MaxPixels: 4096, Formats: []string{limits.JPEG, limits.PNG}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lim := range []limits.Limit{limits.ZohoCRMOrgPhoto, small} {
			for _, opt := range []Options{{}, {Square: true}} {
				res, err := Fit(data, lim, opt)
				if err != nil {
					var p *Problem
					if !errors.As(err, &p) || res.Bytes != nil {
						t.Fatalf("error %v (%T) with %d bytes", err, err, len(res.Bytes))
					}
					continue
				}
				if int64(len(res.Bytes)) > lim.MaxBytes || !lim.Accepts(res.MIME) {
					t.Fatalf("%s of %d bytes does not fit %+v", res.MIME, len(res.Bytes), lim)
				}
				if res.Changed {
					info, err := Check(res.Bytes)
					if err != nil || info.Pixels() > lim.MaxPixels || info.MIME != res.MIME {
						t.Fatalf("fitted output: %+v, %v", info, err)
					}
				}
			}
		}
	})
}

// FuzzQuickPreview: any bytes give a preview within the size asked, or a *Problem; the
// small maxSide sends every JPEG of 128 pixels or more through the 1/8-scale decoder.
func FuzzQuickPreview(f *testing.F) {
	fuzzSeeds(f)
	f.Add(encJPEG(f, photo(300, 140), 85))
	old := maxOpenPixels
	maxOpenPixels = fuzzMaxPixels
	f.Cleanup(func() { maxOpenPixels = old })
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := QuickPreviewData(data, 16)
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) || p.Reason == "" {
				t.Fatalf("error %v (%T) is not a *Problem with a reason", err, err)
			}
			return
		}
		if b := img.Bounds(); b.Dx() < 1 || b.Dy() < 1 || b.Dx() > 16 || b.Dy() > 16 {
			t.Fatalf("preview %v for maxSide 16", b)
		}
	})
}

// FuzzFitFrame: any bytes and any frame (NaN, infinite, negative, past the edges) give a
// *Problem, or a re-encoded square within the limit, no larger than the framed square
// and, for a person's picture, than the avatar size.
func FuzzFitFrame(f *testing.F) {
	frames := [][3]float64{{0, 0, 1}, {0.3, 0.2, 0.5}, {0.9, 0.9, 0.01}, {-1, 2, 0}, {0.5, 0.5, -3},
		{math.NaN(), 0, 1}, {0, math.Inf(1), 0.5}, {1e300, -1e300, 1e300}, {0.25, 0.75, 5e-324}}
	for i, data := range fuzzSeedData(f) {
		fr := frames[i%len(frames)]
		f.Add(data, fr[0], fr[1], fr[2])
	}
	big := withOrientation(encJPEG(f, photo(700, 300), 85), 7, binary.LittleEndian)
	for _, fr := range frames {
		f.Add(big, fr[0], fr[1], fr[2])
	}
	old := maxOpenPixels
	maxOpenPixels = fuzzMaxPixels
	f.Cleanup(func() { maxOpenPixels = old })
	small := limits.Limit{Service: "Fuzz", MaxBytes: 4 << 10, MaxPixels: 4096, Formats: []string{limits.JPEG, limits.PNG}}
	f.Fuzz(func(t *testing.T, data []byte, left, top, side float64) {
		frame := Frame{Left: left, Top: top, Side: side}
		for _, lim := range []limits.Limit{limits.ZoomProfilePicture, limits.BiginContactPhoto, small} {
			res, err := Fit(data, lim, Options{Frame: &frame})
			if err != nil {
				var p *Problem
				if !errors.As(err, &p) || p.Reason == "" || res.Bytes != nil {
					t.Fatalf("error %v (%T) with %d bytes", err, err, len(res.Bytes))
				}
				continue
			}
			if !res.Changed {
				// Only a frame around the whole of a square picture that already fits.
				o := res.Original
				if o.Width != o.Height || frame.pixels(o.Width, o.Height) != image.Rect(0, 0, o.Width, o.Height) || !bytes.Equal(res.Bytes, data) {
					t.Fatalf("unchanged for a frame %+v of a %d×%d picture", frame, o.Width, o.Height)
				}
				continue
			}
			if int64(len(res.Bytes)) > lim.MaxBytes || !lim.Accepts(res.MIME) {
				t.Fatalf("Changed %v, %s of %d bytes for %+v", res.Changed, res.MIME, len(res.Bytes), lim)
			}
			info, err := Check(res.Bytes)
			if err != nil || info.MIME != res.MIME || info.Width != res.Width || info.Height != res.Height || info.Orientation != 1 {
				t.Fatalf("fitted output: %+v, %v; Result says %s %d×%d", info, err, res.MIME, res.Width, res.Height)
			}
			if lim.MaxPixels > 0 && info.Pixels() > lim.MaxPixels {
				t.Fatalf("%d×%d over %d pixels", info.Width, info.Height, lim.MaxPixels)
			}
			framed := frame.pixels(res.Original.Width, res.Original.Height).Dx()
			if res.Width != res.Height || res.Width > framed || res.Width < 1 {
				t.Fatalf("%d×%d for a framed %d-pixel square", res.Width, res.Height, framed)
			}
			if lim.AvatarSide > 0 && res.Width > lim.AvatarSide {
				t.Fatalf("%d×%d over the avatar size %d", res.Width, res.Height, lim.AvatarSide)
			}
			if res.Image == nil || res.Image.Bounds() != image.Rect(0, 0, res.Width, res.Height) {
				t.Fatalf("Result.Image %v for %d×%d", res.Image, res.Width, res.Height)
			}
		}
	})
}
