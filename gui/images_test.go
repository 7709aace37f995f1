package gui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
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
