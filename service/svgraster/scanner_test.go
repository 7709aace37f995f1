package svgraster

import (
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/math/fixed"
)

// fillPath draws closed polygons (in pixels) with the extent scanner and returns the alpha
// of every pixel.
func fillPath(t *testing.T, w, h int, nonZero bool, polys ...[]float64) []uint8 {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	s := newExtentScanner(img)
	s.SetWinding(nonZero)
	s.SetColor(color.Black)
	for _, p := range polys {
		pt := func(i int) fixed.Point26_6 {
			return fixed.Point26_6{X: fixed.Int26_6(p[i] * 64), Y: fixed.Int26_6(p[i+1] * 64)}
		}
		s.Start(pt(0))
		for i := 2; i+1 < len(p); i += 2 {
			s.Line(pt(i))
		}
		s.Line(pt(0))
	}
	s.Draw()
	alpha := make([]uint8, w*h)
	for i := range alpha {
		alpha[i] = img.Pix[4*i+3]
	}
	return alpha
}

func rect(x0, y0, x1, y1 float64) []float64 { return []float64{x0, y0, x1, y0, x1, y1, x0, y1} }

// A single shape fills the same under both rules: the even-odd accumulator must match
// x/image/vector's non-zero fill, edges and anti-aliasing included, also where the shape
// runs off the picture on every side.
func TestEvenOddMatchesVectorOnSimpleShapes(t *testing.T) {
	for name, poly := range map[string][]float64{
		"rect on half pixels": rect(2.5, 3.25, 13.75, 12.5),
		"triangle":            {1, 1, 15, 4, 6, 15},
		"off every edge":      {-7, 3, 8, -5, 25, 9, 6, 22},
		"thin sliver":         {0.2, 0.2, 15.8, 15.1, 15.8, 15.8},
	} {
		nz := fillPath(t, 16, 16, true, poly)
		eo := fillPath(t, 16, 16, false, poly)
		for i := range nz {
			// vector works in fixed point below 512 px: sloped edges differ by a few levels.
			if d := int(nz[i]) - int(eo[i]); d > 6 || d < -6 {
				t.Errorf("%s: pixel (%d,%d): non-zero %d, even-odd %d", name, i%16, i/16, nz[i], eo[i])
			}
		}
	}
}

func TestEvenOddCutsHoles(t *testing.T) {
	// Two squares drawn the same way round: non-zero fills the inner one, even-odd doesn't.
	outer, inner := rect(0, 0, 20, 20), rect(5, 5, 15, 15)
	nz := fillPath(t, 20, 20, true, outer, inner)
	eo := fillPath(t, 20, 20, false, outer, inner)
	if centre := 10*20 + 10; nz[centre] != 255 || eo[centre] != 0 {
		t.Errorf("centre: non-zero %d (want 255), even-odd %d (want 0)", nz[centre], eo[centre])
	}
	if ring := 2*20 + 10; eo[ring] != 255 {
		t.Errorf("ring: even-odd %d, want 255", eo[ring])
	}
	// Three nested squares: the innermost is filled again.
	eo3 := fillPath(t, 20, 20, false, outer, inner, rect(8, 8, 12, 12))
	if eo3[10*20+10] != 255 || eo3[6*20+10] != 0 {
		t.Errorf("three squares: centre %d (want 255), middle ring %d (want 0)", eo3[10*20+10], eo3[6*20+10])
	}
}

// Only the path's extent is rasterised: a 2×2 square on a 1000×1000 picture needs a
// 3×3 mask, not a million-pixel pass.
func TestScannerDrawsOnlyTheExtent(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1000, 1000))
	s := newExtentScanner(img)
	s.SetColor(color.RGBA{0, 0, 255, 255})
	s.Start(fixed.P(0, 0))
	s.Line(fixed.P(2, 0))
	s.Line(fixed.P(2, 2))
	s.Line(fixed.P(0, 2))
	s.Draw()
	if got := img.RGBAAt(1, 1); got != (color.RGBA{0, 0, 255, 255}) {
		t.Errorf("inside: %v", got)
	}
	if s.mask.Rect != image.Rect(0, 0, 3, 3) {
		t.Errorf("mask %v, want the path's 3×3 extent", s.mask.Rect)
	}
}
