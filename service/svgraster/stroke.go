package svgraster

import (
	"encoding/xml"
	"math"
	"strings"

	"github.com/srwiley/rasterx"
)

// parseDashes reads a dash array in user units; none or an invalid one is nil (solid).
func parseDashes(v string, diag float64) []float64 {
	var out []float64
	sum := 0.0
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		d, ok := parseLength(f, diag)
		if !ok || d < 0 {
			return nil
		}
		sum += d
		out = append(out, d)
	}
	if sum <= 0 {
		return nil
	}
	if len(out)%2 == 1 {
		out = append(out, out...)
	}
	return out
}

const maxStrokePixels = 100_000

// maxDashes bounds the dashes of one shape: each dash is a separate shape to rasterise.
const maxDashes = 100_000

// strokeInPixels writes the shape's stroke width and dashes in output pixels (ctm maps
// its user space to pixels; a non-uniform scale uses the mean). A dash pattern that would
// cut a shape of about length user units into more than maxDashes dashes is drawn solid.
func (e *emitter) strokeInPixels(inh inherited, ctm rasterx.Matrix2D, length float64) []xml.Attr {
	scale := math.Sqrt(math.Abs(ctm.A*ctm.D - ctm.B*ctm.C))
	// Wider than maxStrokePixels covers the whole picture anyway, and far wider would
	// overflow rasterx's 26.6 fixed-point numbers.
	width := math.Min(inh.strokeWidth*scale, maxStrokePixels)
	out := []xml.Attr{{Name: xml.Name{Local: "stroke-width"}, Value: num(width)}}
	if len(inh.dashes) == 0 {
		return out
	}
	period := 0.0
	for _, d := range inh.dashes {
		period += d
	}
	if length/period > maxDashes || period*scale < 0.01 {
		e.ignored["dash patterns too fine to draw"] = true
		return out
	}
	parts := make([]string, len(inh.dashes))
	for i, d := range inh.dashes {
		parts[i] = num(d * scale)
	}
	return append(out,
		xml.Attr{Name: xml.Name{Local: "stroke-dasharray"}, Value: strings.Join(parts, ",")},
		xml.Attr{Name: xml.Name{Local: "stroke-dashoffset"}, Value: num(inh.dashOffset * scale)})
}

// shapeLength is a generous bound on a shape's outline length in user units.
func shapeLength(name string, geo map[string]float64, attrs []xml.Attr) float64 {
	switch name {
	case "rect":
		return 2 * (geo["width"] + geo["height"])
	case "circle":
		return 2 * math.Pi * geo["r"]
	case "ellipse":
		return 2 * math.Pi * math.Max(geo["rx"], geo["ry"])
	case "line":
		return math.Hypot(geo["x2"]-geo["x1"], geo["y2"]-geo["y1"])
	}
	total := 0.0
	for _, a := range attrs {
		if a.Name.Local == "d" {
			// Every segment is at most as long as the sum of its coordinates' sizes (×2 for
			// absolute coordinates, which may jump from -v to +v).
			scanNumbers(a.Value, func(v float64) bool { total += 2 * math.Abs(v); return true })
		}
	}
	return total
}
