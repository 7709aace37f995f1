package svgraster

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"testing"
)

func TestGradientBadge(t *testing.T) {
	img, info := render(t, "gradient-badge.svg", Box{MaxWidth: 512, MaxHeight: 512})
	if img.Bounds() != image.Rect(0, 0, 512, 256) {
		t.Fatalf("size %v, want 512×256 (240×120 scaled up)", img.Bounds())
	}
	if info.Width != 240 || info.Height != 120 {
		t.Errorf("natural size %v×%v, want 240×120", info.Width, info.Height)
	}
	at := func(x, y float64) color.NRGBA { return userPixel(img, 240, 120, x, y) }
	// The linear gradient runs red → blue over the square's 120 units (userSpaceOnUse).
	assertColor(t, "left of linear gradient", at(3, 60), rgb(0xff0000), 20)
	assertColor(t, "middle of linear gradient", at(60, 60), rgb(0x800080), 20)
	assertColor(t, "right of linear gradient", at(117, 60), rgb(0x0000ff), 20)
	// The radial gradient is white in the centre, green at the rim.
	assertColor(t, "radial centre", at(180, 60), rgb(0xffffff), 12)
	assertColor(t, "radial rim", at(180, 12), rgb(0x00aa00), 30)
	// Transparent background: the rounded corner, between the shapes, outside the circle.
	assertColor(t, "rounded corner", at(1, 1), transparent, 0)
	assertColor(t, "gap", at(125, 60), transparent, 0)
	assertColor(t, "outside circle", at(238, 2), transparent, 0)
}

func TestWordmarkPaths(t *testing.T) {
	img, info := render(t, "wordmark-paths.svg", Box{MaxWidth: 1024, MaxHeight: 1024})
	if img.Bounds() != image.Rect(0, 0, 1024, 341) {
		t.Fatalf("size %v, want 1024×341 (viewBox 300×100 only)", img.Bounds())
	}
	if info.Width != 300 || info.Height != 100 || len(info.Ignored) != 0 {
		t.Errorf("info %+v, want 300×100 with nothing ignored", info)
	}
	navy := rgb(0x1a237e)
	at := func(x, y float64) color.NRGBA { return userPixel(img, 300, 100, x, y) }
	assertColor(t, "O ring", at(20, 50), navy, 4)
	assertColor(t, "O counter", at(60, 50), transparent, 0)
	assertColor(t, "K stem", at(150, 50), navy, 4)
	assertColor(t, "between K's arms", at(200, 50), transparent, 0)
	// The hidden magenta guide rectangle covers everything if drawn.
	assertColor(t, "corner (hidden layer not drawn)", at(2, 2), transparent, 0)
	assertColor(t, "right edge", at(298, 50), transparent, 0)
}

func TestTransformsAndStrokes(t *testing.T) {
	img, info := render(t, "transforms-strokes.svg", Box{MaxWidth: 500, MaxHeight: 500})
	if img.Bounds() != image.Rect(0, 0, 500, 500) {
		t.Fatalf("size %v, want 500×500", img.Bounds())
	}
	at := func(x, y float64) color.NRGBA { return userPixel(img, 100, 100, x, y) }
	assertColor(t, "rotated diamond centre (CSS class)", at(50, 50), rgb(0xff9800), 4)
	assertColor(t, "diamond tip (rotated 45°)", at(50, 37), rgb(0xff9800), 4)
	assertColor(t, "outside diamond, inside ring", at(40, 40), transparent, 0)
	assertColor(t, "tile via use under scale(0.5)", at(10, 10), rgb(0x2196f3), 4)
	assertColor(t, "beyond the half-scale tile", at(17, 17), transparent, 0)
	assertColor(t, "tile via matrix + scale(1.25)", at(93, 28), rgb(0x2196f3), 4)
	assertColor(t, "ring stroke (rgba colour)", at(50, 10), rgb(0x008000), 4)
	assertColor(t, "ring stroke width 6 (scaled with the drawing)", at(50, 12.5), rgb(0x008000), 4)
	assertColor(t, "inside the ring's stroke", at(50, 14.5), transparent, 0)
	assertColor(t, "group opacity on currentColor", at(15, 85), color.NRGBA{255, 0, 0, 128}, 3)
	assertColor(t, "corner (clip path shape not drawn)", at(1, 1), transparent, 0)
	if len(info.Ignored) != 0 {
		t.Errorf("ignored %v: the clip path is defined but used by nothing", info.Ignored)
	}
}

func TestUnitsMillimetres(t *testing.T) {
	img, info := render(t, "units-mm.svg", Box{MaxWidth: 1024, MaxHeight: 1024})
	if img.Bounds() != image.Rect(0, 0, 1024, 256) {
		t.Fatalf("size %v, want 1024×256 (80×20 mm)", img.Bounds())
	}
	if d := info.Width - 80*96/25.4; d > 1e-9 || d < -1e-9 {
		t.Errorf("width %v px, want 80 mm = %v px", info.Width, 80*96/25.4)
	}
	at := func(x, y float64) color.NRGBA { return userPixel(img, 400, 100, x, y) }
	assertColor(t, "frame", at(5, 5), rgb(0x004d40), 2)
	assertColor(t, "white band (relative path commands)", at(100, 50), rgb(0xffffff), 2)
	assertColor(t, "dot", at(200, 50), rgb(0xe91e63), 2)
}

func TestRasterizeKeepsAspectWithinPixelLimit(t *testing.T) {
	data := readTestdata(t, "wordmark-paths.svg")
	img, _, err := Rasterize(data, Box{MaxWidth: 1024, MaxHeight: 1024, MaxPixels: 30_000})
	if err != nil {
		t.Fatal(err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if w*h > 30_000 || w < 295 || w > 300 || h != (w+1)/3 && h != w/3 {
		t.Errorf("got %d×%d, want about 300×100 within 30000 pixels", w, h)
	}
}

func TestFlattenOnWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	img.SetNRGBA(0, 0, color.NRGBA{255, 0, 0, 128})
	flat := FlattenOnWhite(img)
	if got := flat.RGBAAt(0, 0); got.A != 255 || got.R != 255 || got.G < 126 || got.G > 128 || got.B != got.G {
		t.Errorf("half-transparent red on white = %v, want about (255,127,127,255)", got)
	}
	if got := flat.RGBAAt(1, 0); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("transparent on white = %v, want white", got)
	}
	if img.NRGBAAt(0, 0).A != 128 {
		t.Error("FlattenOnWhite changed its input")
	}
}

func TestFigmaExport(t *testing.T) {
	img, info := render(t, "figma-export.svg", Box{MaxWidth: 320, MaxHeight: 320})
	at := func(x, y float64) color.NRGBA { return userPixel(img, 160, 160, x, y) }
	assertColor(t, "ring, left (gradient start)", at(15, 80), rgb(0x6a11cb), 12)
	assertColor(t, "ring, top (gradient middle)", at(80, 20), color.NRGBA{0x48, 0x43, 0xe4, 255}, 12)
	assertColor(t, "ring, right (gradient end)", at(146, 80), rgb(0x2575fc), 12)
	assertColor(t, "hole (even-odd, both contours clockwise)", at(80, 58), transparent, 0)
	assertColor(t, "80% white square over the hole", at(80, 80), color.NRGBA{255, 255, 255, 204}, 2)
	assertColor(t, "corner", at(2, 2), transparent, 0)
	if len(info.Ignored) != 1 || info.Ignored[0] != "clipping paths" {
		t.Errorf("ignored %v, want [clipping paths]", info.Ignored)
	}
}

func TestInkscapeSymbolsAndGradientChain(t *testing.T) {
	img, _ := render(t, "inkscape-symbols.svg", Box{MaxWidth: 640, MaxHeight: 640})
	if img.Bounds() != image.Rect(0, 0, 640, 320) {
		t.Fatalf("size %v, want 640×320 (64×32 mm)", img.Bounds())
	}
	at := func(x, y float64) color.NRGBA { return userPixel(img, 64, 32, x, y) }
	assertColor(t, "gradient start (stops through href)", at(0.5, 16), rgb(0xffcc00), 12)
	assertColor(t, "gradient end", at(31.5, 16), rgb(0xff0066), 12)
	assertColor(t, "nested svg, 50% cyan", at(36, 4), color.NRGBA{0, 255, 255, 128}, 2)
	assertColor(t, "symbol dot, scaled to the use's 10×10", at(49, 17), rgb(0x123456), 2)
	assertColor(t, "outside the dot", at(45, 13), color.NRGBA{0, 255, 255, 128}, 2)
	assertColor(t, "unused symbol not drawn", at(0.5, 0.5), rgb(0xffcc00), 12)
}

// Rasterize keeps no shared state: the GUI may draw several candidates at once.
func TestRasterizeConcurrently(t *testing.T) {
	data := readTestdata(t, "figma-export.svg")
	want, _, err := Rasterize(data, Box{MaxWidth: 96, MaxHeight: 96})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, _, err := Rasterize(data, Box{MaxWidth: 96, MaxHeight: 96})
			if err == nil && !bytes.Equal(got.Pix, want.Pix) {
				err = errors.New("a concurrent drawing differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
