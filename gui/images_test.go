package gui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"golang.org/x/image/draw"
)

// A transparent logo is previewed on a checkerboard; an opaque one is left alone.
func TestTransparentPreviewOnChecker(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 100, 100))
	src.SetNRGBA(50, 50, color.NRGBA{0, 0, 255, 255}) // one blue pixel, the rest see-through
	var buf bytes.Buffer
	if err := png.Encode(&buf, src); err != nil {
		t.Fatal(err)
	}
	thumb, err := thumbnail(buf.Bytes(), previewSize)
	if err != nil {
		t.Fatal(err)
	}
	light, dark := thumb.At(0, 0), thumb.At(checkerSquare, 0)
	if _, _, _, a := light.RGBA(); a != 0xffff {
		t.Fatalf("the see-through corner is still see-through in the preview: %v", light)
	}
	if light == dark {
		t.Fatalf("no checkerboard: %v and %v", light, dark)
	}
	if r, g, b, _ := thumb.At(50, 50).RGBA(); r != 0 || g != 0 || b != 0xffff {
		t.Errorf("the logo's own pixel changed: %v", thumb.At(50, 50))
	}
	opaque := image.NewRGBA(image.Rect(0, 0, 10, 10))
	for i := 3; i < len(opaque.Pix); i += 4 {
		opaque.Pix[i] = 0xff
	}
	if onChecker(opaque) != image.Image(opaque) {
		t.Error("an opaque picture was redrawn")
	}
}

// fittedJPEGPixels is what the fitter hands back for a 24 MP photo fitted to
// Zoho CRM: 3872×2581 pixels in 4:2:0, with some texture.
func fittedJPEGPixels() *image.YCbCr {
	src := image.NewYCbCr(image.Rect(0, 0, 3872, 2581), image.YCbCrSubsampleRatio420)
	for y := 0; y < 2581; y++ {
		for x := 0; x < 3872; x++ {
			src.Y[src.YOffset(x, y)] = uint8(x/16 + y/8 + (x*y)%7) // gradients with grain
		}
	}
	for y := 0; y < 2581; y += 2 {
		for x := 0; x < 3872; x += 2 {
			i := src.COffset(x, y)
			src.Cb[i], src.Cr[i] = uint8(64+x/32), uint8(200-y/16)
		}
	}
	return src
}

// halveYCbCr gives what the general scaler gives, near enough to look the same.
func TestHalveYCbCrMatchesTheScaler(t *testing.T) {
	src := fittedJPEGPixels()
	got := halveYCbCr(src)
	want := image.NewRGBA(got.Bounds())
	draw.ApproxBiLinear.Scale(want, want.Bounds(), src, src.Bounds(), draw.Src, nil)
	d := meanChannelDiff(got, want)
	t.Logf("mean difference %.2f per channel", d)
	if d > 3 {
		t.Fatalf("halveYCbCr differs from ApproxBiLinear by %.1f per channel", d)
	}
}

// BenchmarkPreviewOfFitted: the New slot's preview of a fitted 24 MP photo,
// made between the fit and the candidate shown.
func BenchmarkPreviewOfFitted(b *testing.B) {
	src := fittedJPEGPixels()
	for b.Loop() {
		onChecker(scaleDown(src, previewSize))
	}
}
