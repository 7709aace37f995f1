package imagefit

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"golang.org/x/image/bmp"

	"logodesk/service/imagefit/internal/testphoto"
)

func encJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encGIF(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encBMP(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := bmp.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func photo(w, h int) *image.RGBA { return testphoto.Photo(w, h, 7) }

// logo draws a flat-colour logo on a transparent background: compresses well as PNG.
func logo(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x-w/2)/float64(w/3), float64(y-h/2)/float64(h/3)
			if dx*dx+dy*dy <= 1 {
				img.SetNRGBA(x, y, color.NRGBA{R: 200, G: 30, B: 40, A: 255})
			}
		}
	}
	return img
}

// halves is an opaque picture whose top half is red and bottom half blue.
func halves(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		c := color.RGBA{R: 230, G: 20, B: 20, A: 255}
		if y >= h/2 {
			c = color.RGBA{R: 20, G: 20, B: 230, A: 255}
		}
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// withOrientation inserts an APP1 Exif segment holding only the Orientation tag after
// the JPEG's SOI marker, as cameras and phones write it.
func withOrientation(jpg []byte, o uint16, order binary.ByteOrder) []byte {
	return withIFD0(jpg, order, []ifdEntry{{tag: 0x0112, typ: 3, count: 1, value: short(order, o)}}, nil)
}

// pngHeader is a PNG signature and IHDR for a w×h picture, then a truncated IDAT:
// enough for DecodeConfig, never decodable.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk(&b, "IHDR", ihdr)
	chunk(&b, "IDAT", []byte{0x78, 0x9c, 0x62})
	return b.Bytes()
}

func chunk(b *bytes.Buffer, typ string, data []byte) {
	_ = binary.Write(b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	crc := crc32IEEE(append([]byte(typ), data...))
	_ = binary.Write(b, binary.BigEndian, crc)
}

func crc32IEEE(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

func testphotoWithAlpha(w, h int) image.Image { return testphoto.WithAlpha(w, h, 3) }

// padJPEG grows a JPEG to exactly size bytes with comment segments after SOI.
func padJPEG(jpg []byte, size int) []byte {
	out := append([]byte{}, jpg[:2]...)
	for need := size - len(jpg); need > 0; {
		n := min(need, 65535+2)
		if need-n > 0 && need-n < 4 { // leave room for one more whole segment
			n -= 4
		}
		seg := make([]byte, n)
		seg[0], seg[1] = 0xFF, 0xFE
		binary.BigEndian.PutUint16(seg[2:], uint16(n-2))
		out = append(out, seg...)
		need -= n
	}
	return append(out, jpg[2:]...)
}
