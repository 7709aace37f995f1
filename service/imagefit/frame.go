package imagefit

import (
	"image"
	"math"
)

// Frame is a square part of the picture that the user framed on the picture as
// it is shown (upright, after its EXIF orientation): Left and Top are fractions
// of the upright width and height, Side a fraction of the upright shorter side.
type Frame struct{ Left, Top, Side float64 }

// pixels is the framed square in upright pixels of a w×h (upright) picture: Side
// clamped to (0, 1] and at least one pixel, the square moved inside the picture. A
// frame with a NaN or infinite number is the centred full square.
func (f Frame) pixels(w, h int) image.Rectangle {
	short := min(w, h)
	if !finite(f.Left) || !finite(f.Top) || !finite(f.Side) {
		x0, y0 := (w-short)/2, (h-short)/2
		return image.Rect(x0, y0, x0+short, y0+short)
	}
	side := int(math.Round(clamp(f.Side, 0, 1) * float64(short)))
	side = max(1, min(side, short))
	// Clamped as fractions first, so a huge number never overflows an int.
	x0 := int(math.Round(clamp(f.Left, 0, 1) * float64(w)))
	y0 := int(math.Round(clamp(f.Top, 0, 1) * float64(h)))
	x0, y0 = min(x0, w-side), min(y0, h-side)
	return image.Rect(x0, y0, x0+side, y0+side)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(v, hi)) }

// storedRect maps r, a rectangle of the picture as shown (after EXIF orientation o),
// to the same pixels in the picture as stored, w×h pixels from (0, 0): the rectangle
// that, cropped and then turned by o (as prepare and prepareYCbCr do), shows r.
func storedRect(r image.Rectangle, w, h, o int) image.Rectangle {
	// Edges, not pixels: a pixel x in [x, x+1) mirrors to [w-1-x, w-x), so edge x
	// mirrors to w-x.
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	switch o {
	case 2: // mirrored
		return image.Rect(w-x1, y0, w-x0, y1)
	case 3: // upside down
		return image.Rect(w-x1, h-y1, w-x0, h-y0)
	case 4: // mirrored upside down
		return image.Rect(x0, h-y1, x1, h-y0)
	case 5: // transposed: shown (x, y) is stored (y, x)
		return image.Rect(y0, x0, y1, x1)
	case 6: // turned 90° clockwise to show: shown (x, y) is stored (y, h-1-x)
		return image.Rect(y0, h-x1, y1, h-x0)
	case 7: // transversed: shown (x, y) is stored (w-1-y, h-1-x)
		return image.Rect(w-y1, h-x1, w-y0, h-x0)
	case 8: // turned 90° anticlockwise to show: shown (x, y) is stored (w-1-y, x)
		return image.Rect(w-y1, x0, w-y0, x1)
	}
	return r
}
