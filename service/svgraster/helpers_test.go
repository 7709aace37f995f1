package svgraster

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// render rasterises a test logo and saves it as PNG in a temporary folder (or in
// SVGRASTER_SAVE_DIR, to look at the pictures).
func render(t *testing.T, name string, box Box) (*image.NRGBA, Info) {
	t.Helper()
	img, info, err := Rasterize(readTestdata(t, name), box)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	dir := os.Getenv("SVGRASTER_SAVE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return img, info
}

// userPixel returns the pixel at user coordinates (x, y) of a drawing whose viewBox is
// vbW×vbH starting at 0,0 and fills the picture.
func userPixel(img *image.NRGBA, vbW, vbH, x, y float64) color.NRGBA {
	b := img.Bounds()
	px := int(x / vbW * float64(b.Dx()))
	py := int(y / vbH * float64(b.Dy()))
	return img.NRGBAAt(px, py)
}

func assertColor(t *testing.T, what string, got color.NRGBA, want color.NRGBA, tol int) {
	t.Helper()
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	if want.A == 0 {
		if got.A > uint8(tol) {
			t.Errorf("%s: got %v, want transparent", what, got)
		}
		return
	}
	if d(got.R, want.R) > tol || d(got.G, want.G) > tol || d(got.B, want.B) > tol || d(got.A, want.A) > tol {
		t.Errorf("%s: got %v, want %v (±%d)", what, got, want, tol)
	}
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 255}
}

var transparent = color.NRGBA{}
