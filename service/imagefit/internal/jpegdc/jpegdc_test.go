package jpegdc

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"testing"

	"logodesk/service/imagefit/internal/testphoto"
)

func encode(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// blockMeans is the full decode's Y (or grey) plane averaged over each 8×8 block.
func blockMeans(full image.Image) (plane []byte, stride int, w, h int) {
	var pix []byte
	b := full.Bounds()
	switch f := full.(type) {
	case *image.YCbCr:
		pix, stride = f.Y, f.YStride
	case *image.Gray:
		pix, stride = f.Pix, f.Stride
	}
	w, h = (b.Dx()+7)/8, (b.Dy()+7)/8
	out := make([]byte, w*h)
	for by := 0; by < h; by++ {
		for bx := 0; bx < w; bx++ {
			sum, n := 0, 0
			for y := by * 8; y < min(by*8+8, b.Dy()); y++ {
				for x := bx * 8; x < min(bx*8+8, b.Dx()); x++ {
					sum += int(pix[y*stride+x])
					n++
				}
			}
			out[by*w+bx] = byte((sum + n/2) / n)
		}
	}
	return out, w, w, h
}

// Each DC sample is the average of its block in the full decode (to within the
// rounding of the IDCT and of the quantized DC), for colour and grey, at odd sizes.
func TestDCIsTheBlockAverage(t *testing.T) {
	for _, c := range []struct {
		name string
		img  image.Image
	}{
		{"colour 4:2:0", testphoto.Photo(640, 480, 2)},
		{"colour odd size", testphoto.Photo(333, 101, 3)},
		{"tiny", testphoto.Photo(5, 3, 3)},
		{"grey", func() image.Image {
			src := testphoto.Photo(250, 190, 4)
			g := image.NewGray(src.Rect)
			for i := range g.Pix {
				g.Pix[i] = src.Pix[4*i+1]
			}
			return g
		}()},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := encode(t, c.img, 92)
			full, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			dc, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			want, _, w, h := blockMeans(full)
			if got := dc.Bounds(); got != image.Rect(0, 0, w, h) {
				t.Fatalf("bounds %v, want %d×%d", got, w, h)
			}
			var y []byte
			var stride int
			switch d := dc.(type) {
			case *image.YCbCr:
				y, stride = d.Y, d.YStride
				if f, ok := full.(*image.YCbCr); !ok || d.SubsampleRatio != f.SubsampleRatio {
					t.Errorf("subsampling %v, the file's %T", d.SubsampleRatio, full)
				}
			case *image.Gray:
				y, stride = d.Pix, d.Stride
			}
			for by := 0; by < h; by++ {
				for bx := 0; bx < w; bx++ {
					g, m := int(y[by*stride+bx]), int(want[by*w+bx])
					// Blocks cut by the picture's edge average pixels the file does not show.
					edge := (bx+1)*8 > full.Bounds().Dx() || (by+1)*8 > full.Bounds().Dy()
					if d := g - m; !edge && (d > 2 || d < -2) {
						t.Fatalf("block %d,%d: DC %d, average %d", bx, by, g, m)
					}
				}
			}
		})
	}
}

func TestRefusesWhatItCannotDecode(t *testing.T) {
	good := encode(t, testphoto.Photo(64, 48, 1), 90)
	progressive := bytes.Replace(good, []byte{0xFF, 0xC0}, []byte{0xFF, 0xC2}, 1)
	if _, err := Decode(progressive); !errors.Is(err, ErrUnsupported) {
		t.Errorf("progressive: %v, want ErrUnsupported", err)
	}
	for n := 0; n < len(good); n += 97 {
		if _, err := Decode(good[:n]); err == nil {
			t.Errorf("cut at %d of %d bytes: no error", n, len(good))
		}
	}
	if _, err := Decode([]byte("not a jpeg at all")); !errors.Is(err, ErrDamaged) {
		t.Errorf("not a JPEG: %v", err)
	}
}

// DecodeFull gives exactly image/jpeg's samples, for colour and grey, at odd sizes.
func TestDecodeFullIsImageJPEG(t *testing.T) {
	grey := image.NewGray(image.Rect(0, 0, 77, 41))
	for i := range grey.Pix {
		grey.Pix[i] = byte(i * 7)
	}
	for _, img := range []image.Image{testphoto.Photo(640, 480, 2), testphoto.Photo(333, 101, 3), testphoto.Photo(5, 3, 3), grey} {
		data := encode(t, img, 92)
		want, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeFull(data)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
		}
		b := want.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if got.At(x, y) != want.At(x, y) {
					t.Fatalf("%v: pixel %d,%d is %v, image/jpeg %v", b, x, y, got.At(x, y), want.At(x, y))
				}
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encode(f, testphoto.Photo(40, 24, 1), 90))
	f.Add(encode(f, testphoto.Photo(17, 9, 2), 50))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, dec := range []func([]byte) (image.Image, error){Decode, DecodeFull} {
			img, err := dec(data)
			if err != nil {
				continue
			}
			b := img.Bounds()
			// Every sample the image claims must be there (At would panic otherwise).
			img.At(b.Max.X-1, b.Max.Y-1)
			img.At(b.Min.X, b.Min.Y)
		}
	})
}

func BenchmarkDecode24MP(b *testing.B) {
	data := encode(b, testphoto.Photo(6000, 4000, 1), 92)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.Run("dc", func(b *testing.B) {
		for b.Loop() {
			if _, err := Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			if _, err := DecodeFull(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("image-jpeg", func(b *testing.B) {
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
