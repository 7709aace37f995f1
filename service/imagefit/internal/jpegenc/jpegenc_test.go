package jpegenc

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"

	"logodesk/service/imagefit/internal/testphoto"
)

func psnr(t *testing.T, a *image.RGBA, b image.Image) float64 {
	t.Helper()
	var se float64
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca := a.RGBAAt(x, y)
			cr, cg, cb, _ := b.At(x, y).RGBA()
			for _, d := range []float64{float64(ca.R) - float64(cr>>8), float64(ca.G) - float64(cg>>8), float64(ca.B) - float64(cb>>8)} {
				se += d * d
			}
		}
	}
	mse := se / float64(3*r.Dx()*r.Dy())
	return 10 * math.Log10(255*255/mse)
}

// Our files decode with image/jpeg to (nearly) the same pixels as image/jpeg's own
// files at the same quality, and are smaller (optimized Huffman tables); Size predicts
// Encode's length.
func TestEncodeMatchesStdlibQualityAndIsSmaller(t *testing.T) {
	for _, sz := range [][2]int{{640, 480}, {333, 101}, {17, 9}, {1, 1}, {16, 16}} {
		img := testphoto.Photo(sz[0], sz[1], 5)
		c := Transform(img)
		for _, q := range []int{1, 30, 60, 85, 92, 100} {
			ours := c.Encode(q)
			dec, err := jpeg.Decode(bytes.NewReader(ours))
			if err != nil {
				t.Fatalf("%v q%d: our JPEG does not decode: %v", sz, q, err)
			}
			if dec.Bounds() != img.Bounds() {
				t.Fatalf("%v: decoded bounds %v", sz, dec.Bounds())
			}
			var std bytes.Buffer
			_ = jpeg.Encode(&std, img, &jpeg.Options{Quality: q})
			sdec, _ := jpeg.Decode(bytes.NewReader(std.Bytes()))
			po, ps := psnr(t, img, dec), psnr(t, img, sdec)
			if sz[0]*sz[1] >= 10000 && po < ps-0.3 {
				t.Errorf("%v q%d: PSNR %.2f dB, image/jpeg %.2f dB", sz, q, po, ps)
			}
			if sz[0]*sz[1] >= 10000 && len(ours) > std.Len() {
				t.Errorf("%v q%d: %d bytes, image/jpeg %d", sz, q, len(ours), std.Len())
			}
			if est := c.Size(q); math.Abs(float64(est-len(ours))) > 16+0.01*float64(len(ours)) {
				t.Errorf("%v q%d: Size %d, Encode %d bytes", sz, q, est, len(ours))
			}
		}
	}
}

func TestFlatAndExtremePictures(t *testing.T) {
	for name, c := range map[string]color.RGBA{"black": {A: 255}, "white": {255, 255, 255, 255}, "red": {255, 0, 0, 255}} {
		img := image.NewRGBA(image.Rect(0, 0, 100, 37))
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
		for _, q := range []int{1, 92, 100} {
			dec, err := jpeg.Decode(bytes.NewReader(Transform(img).Encode(q)))
			if err != nil {
				t.Fatalf("%s q%d: %v", name, q, err)
			}
			r, g, b, _ := dec.At(50, 20).RGBA()
			if d := math.Abs(float64(r>>8)-float64(c.R)) + math.Abs(float64(g>>8)-float64(c.G)) + math.Abs(float64(b>>8)-float64(c.B)); q > 1 && d > 12 {
				t.Errorf("%s q%d: decoded %d,%d,%d", name, q, r>>8, g>>8, b>>8)
			}
		}
	}
}

func TestOptimalTableIsPrefixFreeAndLimited(t *testing.T) {
	var counts [256]int64
	a, b := int64(1), int64(1)
	for s := 0; s < 60; s++ { // Fibonacci counts force codes longer than 16 bits before limiting
		counts[s] = a
		a, b = b, a+b
	}
	ht := optimalTable(&counts)
	kraft := 0.0
	for s := 0; s < 60; s++ {
		if ht.size[s] == 0 || ht.size[s] > 16 {
			t.Fatalf("symbol %d: length %d", s, ht.size[s])
		}
		kraft += math.Pow(2, -float64(ht.size[s]))
	}
	if kraft >= 1 { // < 1: the all-ones code stays unused
		t.Errorf("Kraft sum %f", kraft)
	}
}

func TestEstimateIsClose(t *testing.T) {
	c := Transform(testphoto.Photo(1200, 800, 9)) // 50 MCU rows: sampled
	for _, q := range []int{60, 75, 92} {
		est, size := c.Estimate(q), c.Size(q)
		if math.Abs(float64(est-size)) > 0.05*float64(size) {
			t.Errorf("q%d: Estimate %d, Size %d", q, est, size)
		}
	}
}

func BenchmarkSearch10MP(b *testing.B) {
	img := testphoto.Photo(3872, 2581, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := Transform(img)
		for _, q := range []int{92, 60, 76, 84, 88, 86, 87} {
			c.Estimate(q)
		}
		c.Size(86)
		c.Size(87)
		c.Encode(86)
	}
}

func BenchmarkParts10MP(b *testing.B) {
	img := testphoto.Photo(3872, 2581, 1)
	c := Transform(img)
	b.Run("transform", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Transform(img)
		}
	})
	b.Run("size", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c.stats(newQuantizer(quantTables(86)), 1)
		}
	})
	b.Run("encode", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c.Encode(86)
		}
	})
}

// A 4:2:0 picture's planes are encoded as they are: decoding gives back the same planes,
// up to quantization, at odd sizes too.
func TestTransformYCbCrKeepsThePlanes(t *testing.T) {
	for _, sz := range [][2]int{{640, 480}, {333, 101}, {17, 9}, {1, 1}} {
		var buf bytes.Buffer
		_ = jpeg.Encode(&buf, testphoto.Photo(sz[0], sz[1], 5), &jpeg.Options{Quality: 100})
		dec, _ := jpeg.Decode(&buf)
		src := dec.(*image.YCbCr)
		out, err := jpeg.Decode(bytes.NewReader(TransformYCbCr(src).Encode(92)))
		if err != nil {
			t.Fatalf("%v: %v", sz, err)
		}
		got := out.(*image.YCbCr)
		if got.Rect != src.Rect || got.SubsampleRatio != image.YCbCrSubsampleRatio420 {
			t.Fatalf("%v: decoded %v %v", sz, got.Rect, got.SubsampleRatio)
		}
		cw, ch := (sz[0]+1)/2, (sz[1]+1)/2
		for name, planes := range map[string][2][]byte{"Y": {src.Y, got.Y}, "Cb": {src.Cb, got.Cb}, "Cr": {src.Cr, got.Cr}} {
			w, h, stride := sz[0], sz[1], src.YStride
			if name != "Y" {
				w, h, stride = cw, ch, src.CStride
			}
			var se float64
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					d := float64(planes[0][y*stride+x]) - float64(planes[1][y*stride+x])
					se += d * d
				}
			}
			if p := 10 * math.Log10(255*255*float64(w*h)/math.Max(se, 1e-9)); p < 36 {
				t.Errorf("%v %s: PSNR %.1f dB after a quality-92 round trip", sz, name, p)
			}
		}
	}
}
