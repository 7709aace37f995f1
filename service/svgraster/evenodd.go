package svgraster

import (
	"image"
	"math"
	"slices"
)

// evenOddMask fills mask (from 0,0) with the anti-aliased even-odd coverage of the path ops,
// shifted by -ox,-oy. acc is a zeroed scratch buffer of (width+2)×height.
//
// It accumulates signed area per pixel, as font rasterisers do (the method of font-rs and
// x/image/vector): each line adds its coverage to the cells it crosses, and a running sum
// along each row gives the winding number, here folded even-odd. Unclosed subpaths are
// closed, as fills are.
func evenOddMask(mask *image.Alpha, acc []float32, ops []pathOp, ox, oy float32) {
	w, h := mask.Rect.Dx(), mask.Rect.Dy()
	stride := w + 2
	var firstX, firstY, penX, penY float32
	closeTo := func() {
		if penX != firstX || penY != firstY {
			accumulateLine(acc, stride, w, h, penX, penY, firstX, firstY)
		}
	}
	for _, op := range ops {
		x, y := op.x-ox, op.y-oy
		if op.move {
			closeTo()
			firstX, firstY = x, y
		} else {
			accumulateLine(acc, stride, w, h, penX, penY, x, y)
		}
		penX, penY = x, y
	}
	closeTo()
	for y := 0; y < h; y++ {
		sum := float32(0)
		row := acc[y*stride : y*stride+w]
		out := mask.Pix[y*mask.Stride : y*mask.Stride+w]
		for x, a := range row {
			sum += a
			c := float32(math.Mod(math.Abs(float64(sum)), 2))
			if c > 1 {
				c = 2 - c
			}
			out[x] = uint8(c*255 + 0.5)
		}
	}
}

// accumulateLine adds the signed coverage of the line (x0,y0)–(x1,y1) to acc. Parts left or
// right of the w×h area are moved onto its edge, which keeps the winding of every pixel inside.
func accumulateLine(acc []float32, stride, w, h int, x0, y0, x1, y1 float32) {
	if !(y0 != y1) || isBad(x0) || isBad(y0) || isBad(x1) || isBad(y1) {
		return
	}
	// Split where the line crosses x=0 and x=w, so each piece lies on one side of each edge.
	ts := []float32{0}
	for _, edge := range []float32{0, float32(w)} {
		if t := (edge - x0) / (x1 - x0); x0 != x1 && t > 0 && t < 1 {
			ts = append(ts, t)
		}
	}
	ts = append(ts, 1)
	slices.Sort(ts)
	clampX := func(x float32) float32 { return max(0, min(x, float32(w))) }
	for i := 0; i+1 < len(ts); i++ {
		ax, ay := x0+(x1-x0)*ts[i], y0+(y1-y0)*ts[i]
		bx, by := x0+(x1-x0)*ts[i+1], y0+(y1-y0)*ts[i+1]
		accumulateClamped(acc, stride, h, clampX(ax), ay, clampX(bx), by)
	}
}

func isBad(v float32) bool { return math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) }

// accumulateClamped is font-rs's draw_line for a line with 0 ≤ x ≤ w.
func accumulateClamped(acc []float32, stride, h int, x0, y0, x1, y1 float32) {
	if y0 == y1 {
		return
	}
	dir := float32(1)
	if y0 > y1 {
		dir, x0, y0, x1, y1 = -1, x1, y1, x0, y0
	}
	dxdy := (x1 - x0) / (y1 - y0)
	x := x0
	if y0 < 0 {
		x -= y0 * dxdy
	}
	yEnd := min(h, int(math.Ceil(float64(y1))))
	for y := max(0, int(y0)); y < yEnd; y++ {
		line := y * stride
		dy := min(float32(y+1), y1) - max(float32(y), y0)
		xnext := x + dxdy*dy
		d := dy * dir
		lo, hi := min(x, xnext), max(x, xnext)
		loFloor := float32(math.Floor(float64(lo)))
		loI := int(loFloor)
		hiCeil := float32(math.Ceil(float64(hi)))
		hiI := int(hiCeil)
		if hiI <= loI+1 {
			xmf := 0.5*(x+xnext) - loFloor
			acc[line+loI] += d - d*xmf
			acc[line+loI+1] += d * xmf
		} else {
			s := 1 / (hi - lo)
			lof := lo - loFloor
			a0 := 0.5 * s * (1 - lof) * (1 - lof)
			hif := hi - hiCeil + 1
			am := 0.5 * s * hif * hif
			acc[line+loI] += d * a0
			if hiI == loI+2 {
				acc[line+loI+1] += d * (1 - a0 - am)
			} else {
				a1 := s * (1.5 - lof)
				acc[line+loI+1] += d * (a1 - a0)
				for xi := loI + 2; xi < hiI-1; xi++ {
					acc[line+xi] += d * s
				}
				a2 := a1 + float32(hiI-loI-3)*s
				acc[line+hiI-1] += d * (1 - a2 - am)
			}
			acc[line+hiI] += d * am
		}
		x = xnext
	}
}
