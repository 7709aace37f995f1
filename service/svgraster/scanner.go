package svgraster

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// extentScanner is the rasterx.Scanner LogoDesk draws with, in place of rasterx's ScannerGV,
// which ignores the even-odd fill rule and composites the whole picture for every path (a
// logo of a thousand small shapes cost a thousand full-picture passes). It keeps a path's
// lines, then draws only over the path's extent: non-zero paths through x/image/vector, as
// ScannerGV does, even-odd paths through evenOddMask.
type extentScanner struct {
	dest    *image.RGBA
	src     image.Image
	clip    image.Rectangle
	nonZero bool
	ops     []pathOp
	min     fixed.Point26_6
	max     fixed.Point26_6
	vec     vector.Rasterizer
	mask    image.Alpha
	acc     []float32
	// work is what is left of the drawing budget, in pixel operations: each path costs its
	// extent's area plus the rows its lines cross. When it runs out, Draw panics with
	// errTooComplex (the caller recovers), so a file of many huge shapes can't take minutes.
	work int64
	rows float64 // rows crossed by the current path's lines
}

// workPerPixel is the drawing budget: as much work as this many full-picture layers.
const workPerPixel = 256

// gradientCost weighs a gradient fill's pixels: each is a colour-function call.
const gradientCost = 4

// pathOp is a MoveTo (move) or LineTo in pixels.
type pathOp struct {
	move bool
	x, y float32
}

var _ rasterx.Scanner = (*extentScanner)(nil)

func newExtentScanner(dest *image.RGBA) *extentScanner {
	s := &extentScanner{dest: dest, nonZero: true, src: image.NewUniform(color.Black),
		work: workPerPixel * int64(dest.Rect.Dx()) * int64(dest.Rect.Dy())}
	s.Clear()
	return s
}

func (s *extentScanner) Start(a fixed.Point26_6) { s.add(true, a) }
func (s *extentScanner) Line(b fixed.Point26_6)  { s.add(false, b) }

func (s *extentScanner) add(move bool, p fixed.Point26_6) {
	s.min.X, s.min.Y = min(s.min.X, p.X), min(s.min.Y, p.Y)
	s.max.X, s.max.Y = max(s.max.X, p.X), max(s.max.Y, p.Y)
	op := pathOp{move, float32(p.X) / 64, float32(p.Y) / 64}
	if !move && len(s.ops) > 0 {
		s.rows += math.Abs(float64(op.y-s.ops[len(s.ops)-1].y)) + 1
	}
	s.ops = append(s.ops, op)
}

// GetPathExtent is the bounding box of the path so far (objectBoundingBox gradients use it).
func (s *extentScanner) GetPathExtent() fixed.Rectangle26_6 {
	return fixed.Rectangle26_6{Min: s.min, Max: s.max}
}

func (s *extentScanner) SetBounds(int, int)           {} // the destination's bounds are used
func (s *extentScanner) SetWinding(nonZero bool)      { s.nonZero = nonZero }
func (s *extentScanner) SetClip(rect image.Rectangle) { s.clip = rect }
func (s *extentScanner) SetColor(c interface{})       { s.src = sourceImage(c) }
func (s *extentScanner) Clear() {
	s.ops, s.rows = s.ops[:0], 0
	const far = fixed.Int26_6(math.MaxInt32)
	s.min, s.max = fixed.Point26_6{X: far, Y: far}, fixed.Point26_6{X: -far, Y: -far}
}

// sourceImage turns what rasterx paints with (a colour, or a gradient's colour function) into an image.
func sourceImage(c interface{}) image.Image {
	switch c := c.(type) {
	case color.Color:
		return image.NewUniform(c)
	case rasterx.ColorFunc:
		return funcImage(c)
	}
	return image.NewUniform(color.Transparent)
}

// funcImage is a colour function seen as an endless image.
type funcImage rasterx.ColorFunc

func (f funcImage) ColorModel() color.Model { return color.RGBAModel }
func (f funcImage) Bounds() image.Rectangle {
	return image.Rect(math.MinInt32/2, math.MinInt32/2, math.MaxInt32/2, math.MaxInt32/2)
}
func (f funcImage) At(x, y int) color.Color { return f(x, y) }

// Draw composites the current path's fill over the destination, within the path's extent.
func (s *extentScanner) Draw() {
	if len(s.ops) == 0 {
		return
	}
	r := image.Rect(s.min.X.Floor(), s.min.Y.Floor(), s.max.X.Ceil()+1, s.max.Y.Ceil()+1).Intersect(s.dest.Rect)
	if s.clip != image.ZR {
		r = r.Intersect(s.clip)
	}
	if r.Empty() {
		return
	}
	w, h := r.Dx(), r.Dy()
	cost := int64(w * h)
	if _, ok := s.src.(funcImage); ok {
		cost *= gradientCost
	}
	s.work -= cost + int64(min(s.rows, float64(len(s.ops))*float64(h+1)))
	if s.work < 0 {
		panic(errTooComplex)
	}
	s.mask.Rect, s.mask.Stride = image.Rect(0, 0, w, h), w
	s.mask.Pix = grow(s.mask.Pix, w*h)
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	if s.nonZero {
		s.vec.Reset(w, h)
		for _, op := range s.ops {
			if op.move {
				s.vec.MoveTo(op.x-ox, op.y-oy)
			} else {
				s.vec.LineTo(op.x-ox, op.y-oy)
			}
		}
		if u, ok := s.src.(*image.Uniform); ok { // a flat colour: vector composites it directly
			s.vec.DrawOp = draw.Over
			s.vec.Draw(s.dest, r, u, image.Point{})
			return
		}
		s.vec.DrawOp = draw.Src
		s.vec.Draw(&s.mask, s.mask.Rect, image.Opaque, image.Point{})
	} else {
		s.acc = grow(s.acc, (w+2)*h)
		evenOddMask(&s.mask, s.acc, s.ops, ox, oy)
	}
	draw.DrawMask(s.dest, r, s.src, r.Min, &s.mask, image.Point{}, draw.Over)
}

// grow returns buf resized to n and zeroed, reusing its memory when it can.
func grow[T uint8 | float32](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}
