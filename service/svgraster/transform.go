package svgraster

import (
	"math"
	"strings"

	"github.com/srwiley/rasterx"
)

// parseTransform reads an SVG transform list ("translate(10 20) rotate(45 5 5) scale(2)").
// It is parsed here rather than by oksvg, whose scale(s) with one argument squashes y to 0.
func parseTransform(s string) (rasterx.Matrix2D, bool) {
	m := rasterx.Identity
	s = strings.TrimSpace(s)
	for s != "" {
		open := strings.IndexByte(s, '(')
		closing := strings.IndexByte(s, ')')
		if open < 0 || closing < open {
			return m, false
		}
		name := strings.ToLower(strings.Trim(s[:open], " \t\r\n,"))
		args, ok := numberList(s[open+1 : closing])
		if !ok {
			return m, false
		}
		s = strings.TrimLeft(s[closing+1:], " \t\r\n,")
		n := len(args)
		switch {
		case name == "matrix" && n == 6:
			m = m.Mult(rasterx.Matrix2D{A: args[0], B: args[1], C: args[2], D: args[3], E: args[4], F: args[5]})
		case name == "translate" && (n == 1 || n == 2):
			m = m.Translate(args[0], at(args, 1, 0))
		case name == "scale" && (n == 1 || n == 2):
			m = m.Scale(args[0], at(args, 1, args[0]))
		case name == "rotate" && n == 1:
			m = m.Rotate(args[0] * math.Pi / 180)
		case name == "rotate" && n == 3:
			m = m.Translate(args[1], args[2]).Rotate(args[0]*math.Pi/180).Translate(-args[1], -args[2])
		case name == "skewx" && n == 1:
			m = m.SkewX(args[0] * math.Pi / 180)
		case name == "skewy" && n == 1:
			m = m.SkewY(args[0] * math.Pi / 180)
		default:
			return m, false
		}
	}
	return m, true
}

func at(v []float64, i int, def float64) float64 {
	if i < len(v) {
		return v[i]
	}
	return def
}

func matrixString(m rasterx.Matrix2D) string {
	return "matrix(" + num(m.A) + " " + num(m.B) + " " + num(m.C) + " " + num(m.D) + " " + num(m.E) + " " + num(m.F) + ")"
}

// viewBox is an SVG viewBox: the user-space rectangle shown in a viewport.
type viewBox struct{ X, Y, W, H float64 }

func parseViewBox(s string) (viewBox, bool) {
	v, ok := numberList(s)
	if !ok || len(v) != 4 || v[2] <= 0 || v[3] <= 0 {
		return viewBox{}, false
	}
	return viewBox{v[0], v[1], v[2], v[3]}, true
}

// viewBoxTransform maps vb into a w×h viewport as preserveAspectRatio par says
// (default "xMidYMid meet").
func viewBoxTransform(vb viewBox, w, h float64, par string) rasterx.Matrix2D {
	sx, sy := w/vb.W, h/vb.H
	fields := strings.Fields(par)
	align, slice := "xmidymid", false
	if len(fields) > 0 {
		align = strings.ToLower(fields[0])
	}
	if len(fields) > 1 {
		slice = strings.ToLower(fields[1]) == "slice"
	}
	if align == "none" {
		return rasterx.Identity.Translate(-vb.X*sx, -vb.Y*sy).Scale(sx, sy)
	}
	s := math.Min(sx, sy)
	if slice {
		s = math.Max(sx, sy)
	}
	tx, ty := -vb.X*s, -vb.Y*s
	switch {
	case strings.HasPrefix(align, "xmid"):
		tx += (w - vb.W*s) / 2
	case strings.HasPrefix(align, "xmax"):
		tx += w - vb.W*s
	}
	switch {
	case strings.HasSuffix(align, "ymid"):
		ty += (h - vb.H*s) / 2
	case strings.HasSuffix(align, "ymax"):
		ty += h - vb.H*s
	}
	return rasterx.Identity.Translate(tx, ty).Scale(s, s)
}
