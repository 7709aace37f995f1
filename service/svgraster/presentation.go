package svgraster

import (
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/srwiley/rasterx"
)

var (
	lineCaps  = map[string]bool{"butt": true, "round": true, "square": true}
	lineJoins = map[string]bool{"miter": true, "round": true, "bevel": true, "arc": true, "miter-clip": true, "arc-clip": true}
)

// minDashFraction bounds how fine a dash pattern may be, as a fraction of the drawing's size:
// each dash is a separate shape for the rasteriser.
const minDashFraction = 1.0 / 2000

// presentation turns computed style properties into the normalised attributes oksvg reads,
// updating the inherited state. extra is put in front of the element's own transform.
// Invalid values are dropped, as browsers ignore them.
func (e *emitter) presentation(a map[string]string, inh *inherited, extra rasterx.Matrix2D) ([]xml.Attr, rasterx.Matrix2D) {
	var out []xml.Attr
	set := func(k, v string) { out = append(out, xml.Attr{Name: xml.Name{Local: k}, Value: v}) }
	if c, ok := a["color"]; ok {
		if _, _, valid := parseColor(c, inh.color); valid && !strings.EqualFold(strings.TrimSpace(c), "currentcolor") {
			inh.color = c
		}
	}
	switch strings.TrimSpace(a["fill-rule"]) {
	case "evenodd":
		inh.evenOdd = true
	case "nonzero":
		inh.evenOdd = false
	}
	switch strings.TrimSpace(a["visibility"]) {
	case "hidden", "collapse":
		inh.hidden = true
	case "visible":
		inh.hidden = false
	}
	for prop, feature := range ignoredFeatures {
		if v := strings.TrimSpace(a[prop]); v != "" && v != "none" {
			e.ignored[feature] = true
		}
	}
	opacity := map[string]float64{}
	for _, k := range []string{"opacity", "fill-opacity", "stroke-opacity"} {
		if v, ok := a[k]; ok {
			if f, ok := parseNumberOrPercent(v); ok {
				opacity[k] = clamp01(f)
			}
		}
	}
	for _, k := range []string{"fill", "stroke"} {
		v, ok := a[k]
		if !ok {
			continue
		}
		p, alpha, ok := e.paint(v, inh.color)
		if !ok {
			continue
		}
		grad := strings.TrimSuffix(strings.TrimPrefix(p, "url(#"), ")")
		if grad == p {
			grad = ""
		}
		if k == "fill" {
			inh.fillGrad = grad
		} else {
			inh.strokeGrad = grad
		}
		set(k, p)
		if alpha < 1 {
			if _, has := opacity[k+"-opacity"]; !has {
				opacity[k+"-opacity"] = 1
			}
			opacity[k+"-opacity"] *= alpha
		}
	}
	for k, v := range opacity {
		set(k, num(v))
	}
	m := extra
	if t, ok := parseTransform(a["transform"]); ok && a["transform"] != "" {
		m = m.Mult(t)
	}
	if m != rasterx.Identity {
		set("transform", matrixString(m))
	}
	diag := e.ref('d')
	if v, ok := parseLength(a["stroke-width"], diag); ok && v >= 0 {
		inh.strokeWidth = v
	}
	if v, ok := parseLength(a["stroke-miterlimit"], 1); ok && v >= 1 {
		set("stroke-miterlimit", num(v))
	}
	if v, ok := parseLength(a["stroke-dashoffset"], diag); ok {
		inh.dashOffset = v
	}
	if v, ok := a["stroke-dasharray"]; ok {
		inh.dashes = parseDashes(v, diag)
	}
	if v := strings.TrimSpace(a["stroke-linecap"]); lineCaps[v] {
		set("stroke-linecap", v)
	}
	if v := strings.TrimSpace(a["stroke-linejoin"]); lineJoins[v] {
		set("stroke-linejoin", v)
	}
	return out, m
}

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

// paint reads a fill or stroke: none, a colour, or url(#gradient) with an optional
// fallback colour. A reference to anything but a usable gradient (a pattern, a missing id)
// paints nothing, as in browsers.
func (e *emitter) paint(v, cur string) (string, float64, bool) {
	v = strings.TrimSpace(v)
	if v == "none" {
		return "none", 1, true
	}
	if strings.HasPrefix(v, "url(") {
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return "", 0, false
		}
		id := strings.Trim(strings.TrimSpace(v[4:end]), `'"`)
		id = strings.TrimPrefix(id, "#")
		if e.grads[id] != nil {
			return "url(#" + id + ")", 1, true
		}
		if fallback := strings.TrimSpace(v[end+1:]); fallback != "" {
			return e.paint(fallback, cur)
		}
		if ref := e.ids[id]; ref != nil && ref.name == "pattern" {
			e.ignored["pattern fills"] = true
		}
		return "none", 1, true
	}
	rgb, alpha, ok := parseColor(v, cur)
	return rgb, alpha, ok
}

// gradientAttrs are inherited through a gradient's href (stops are too).
var gradientAttrs = []string{"x1", "y1", "x2", "y2", "cx", "cy", "r", "fx", "fy",
	"gradientUnits", "gradientTransform", "spreadMethod"}

// gradDef is a gradient resolved through its href chain, ready to write.
type gradDef struct {
	name      string // linearGradient or radialGradient
	attrs     []xml.Attr
	transform rasterx.Matrix2D // gradientTransform
	userSpace bool
	stops     string // the <stop/> elements
}

// defineGradient resolves g with what it inherits through href chains, and registers it
// as usable when it has stops.
func (e *emitter) defineGradient(g *node) {
	id := g.attrs["id"]
	if id == "" || e.ids[id] != g {
		return
	}
	a := e.computed(g)
	stops := g.stopNodes()
	cur := g
	for hops := 0; hops < 16; hops++ {
		ref := e.ids[strings.TrimPrefix(strings.TrimSpace(cur.attrs["href"]), "#")]
		if ref == nil || ref == g || (ref.name != "linearGradient" && ref.name != "radialGradient") {
			break
		}
		for _, k := range gradientAttrs {
			if _, has := a[k]; !has && ref.attrs[k] != "" && (ref.name == g.name || k[0] == 'g' || k[0] == 's') {
				a[k] = ref.attrs[k]
			}
		}
		if len(stops) == 0 {
			stops = ref.stopNodes()
		}
		cur = ref
	}
	if len(stops) == 0 {
		return
	}
	def := &gradDef{name: g.name, transform: rasterx.Identity,
		userSpace: strings.TrimSpace(a["gradientUnits"]) == "userSpaceOnUse"}
	set := func(k, v string) { def.attrs = append(def.attrs, xml.Attr{Name: xml.Name{Local: k}, Value: v}) }
	for _, k := range gradientAttrs[:9] {
		v, ok := a[k]
		if !ok {
			continue
		}
		if f, ok := parseNumberOrPercent(v); ok {
			if def.userSpace && strings.HasSuffix(strings.TrimSpace(v), "%") {
				f *= e.ref(gradientRef(k))
			}
			set(k, num(f))
		} else if f, ok := parseLength(v, 1); ok {
			set(k, num(f))
		}
	}
	if def.userSpace {
		set("gradientUnits", "userSpaceOnUse")
	}
	if t, ok := parseTransform(a["gradientTransform"]); ok && a["gradientTransform"] != "" {
		def.transform = t
	}
	if v := strings.TrimSpace(a["spreadMethod"]); v == "pad" || v == "reflect" || v == "repeat" {
		set("spreadMethod", v)
	}
	var b strings.Builder
	last := 0.0
	for _, s := range stops {
		sa := e.computed(s)
		off, _ := parseNumberOrPercent(orDefault(sa["offset"], "0"))
		off = math.Max(last, clamp01(off)) // offsets never go back
		last = off
		rgb, alpha, ok := parseColor(orDefault(sa["stop-color"], "black"), orDefault(sa["color"], "black"))
		if !ok {
			rgb, alpha = "#000000", 1
		}
		if op, ok := parseNumberOrPercent(orDefault(sa["stop-opacity"], "1")); ok {
			alpha *= clamp01(op)
		}
		b.WriteString(`<stop offset="` + num(off) + `" stop-color="` + rgb + `" stop-opacity="` + num(alpha) + `"/>`)
	}
	def.stops = b.String()
	e.grads[id] = def
}

// writeGradient writes a gradient under id, with ctm put in front of its gradientTransform.
func (e *emitter) writeGradient(id string, g *gradDef, ctm rasterx.Matrix2D) {
	attrs := append([]xml.Attr{{Name: xml.Name{Local: "id"}, Value: id}}, g.attrs...)
	if m := ctm.Mult(g.transform); m != rasterx.Identity {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "gradientTransform"}, Value: matrixString(m)})
	}
	e.open(g.name, attrs, false)
	e.out.WriteString(g.stops + "</" + g.name + ">")
}

// placeGradients gives a shape painted with a userSpaceOnUse gradient its own copy of it,
// placed in output pixels: rasterx reads such gradients in pixels, not in the shape's
// user space, so each shape's transform is put into its copy.
func (e *emitter) placeGradients(attrs []xml.Attr, inh inherited, ctm rasterx.Matrix2D) []xml.Attr {
	for _, p := range []struct{ prop, id string }{{"fill", inh.fillGrad}, {"stroke", inh.strokeGrad}} {
		g := e.grads[p.id]
		if g == nil || !g.userSpace {
			continue
		}
		e.clones++
		e.budget--
		clone := "lds-placed-" + strconv.Itoa(e.clones)
		e.writeGradient(clone, g, ctm)
		attrs = slices.DeleteFunc(attrs, func(a xml.Attr) bool { return a.Name.Local == p.prop })
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: p.prop}, Value: "url(#" + clone + ")"})
	}
	return attrs
}

// gradientRef says what a userSpaceOnUse percentage of gradient attribute k is of.
func gradientRef(k string) byte {
	switch {
	case k == "r":
		return 'd'
	case strings.Contains(k, "y"):
		return 'h'
	}
	return 'w'
}

func (n *node) stopNodes() []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == "stop" {
			out = append(out, c)
		}
	}
	return out
}
