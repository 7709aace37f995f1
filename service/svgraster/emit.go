package svgraster

import (
	"encoding/xml"
	"math"
	"sort"
	"strings"

	"github.com/srwiley/rasterx"
)

// The emitter rewrites the checked tree into the small, regular SVG that oksvg draws well:
// every colour, length and transform normalised (oksvg refuses a whole file over one
// rgba() or 50%), CSS classes and inline styles resolved, gradients first with their
// href'd stops resolved (Figma writes <defs> last, Inkscape chains gradients), <use>
// expanded here under a budget (oksvg's own <use> can recurse without end), nested <svg>
// turned into groups, and never-drawn elements (clip paths, masks, symbols…) left out
// instead of being drawn as plain shapes.

// evenOddMarker ends the path of every even-odd filled shape: oksvg has no fill-rule, so
// the marker (a move far outside maxNumber) tells draw which paths to fill even-odd.
const evenOddMarker = -4_000_000.25

// ignoredFeatures names, for Info.Ignored, what is drawn without.
var ignoredFeatures = map[string]string{
	"clip-path": "clipping paths", "mask": "masks", "filter": "filters",
	"marker-start": "line markers", "marker-mid": "line markers", "marker-end": "line markers", "marker": "line markers",
}

type emitter struct {
	out     strings.Builder
	ids     map[string]*node
	grads   map[string]*gradDef // gradients with at least one stop
	rules   []cssRule
	budget  int
	active  map[*node]bool // <use> targets being expanded, to catch loops
	clones  int            // gradient copies placed so far
	ignored map[string]bool
	vb      viewBox
}

type inherited struct {
	color   string
	evenOdd bool
	hidden  bool
	// fillGrad and strokeGrad are the gradient ids painting fill and stroke, if any.
	fillGrad, strokeGrad string
	// Stroke geometry in user units: rasterx strokes in output pixels, so each shape gets
	// them scaled by its own transform.
	strokeWidth float64
	dashes      []float64
	dashOffset  float64
}

var initialStyle = inherited{strokeWidth: 1}

// normalize returns the rewritten document and the features it leaves out. base maps the
// root's user space to output pixels: userSpaceOnUse gradients are placed in pixels.
func normalize(doc *document, vb viewBox, base rasterx.Matrix2D) (string, []string, error) {
	e := &emitter{ids: map[string]*node{}, grads: map[string]*gradDef{}, budget: maxElements,
		active: map[*node]bool{}, ignored: map[string]bool{}, vb: vb}
	var gradients []*node
	walk(doc.root, func(n *node) {
		if id := n.attrs["id"]; id != "" && e.ids[id] == nil {
			e.ids[id] = n
		}
		switch n.name {
		case "linearGradient", "radialGradient":
			gradients = append(gradients, n)
		case "style":
			e.rules = append(e.rules, parseCSS(string(n.text))...)
		}
	})
	e.out.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="` +
		num(vb.X) + " " + num(vb.Y) + " " + num(vb.W) + " " + num(vb.H) + `">`)
	for _, g := range gradients {
		e.defineGradient(g)
	}
	for _, id := range sortedKeys(e.grads) {
		if g := e.grads[id]; !g.userSpace {
			e.writeGradient(id, g, rasterx.Identity)
		}
	}
	if err := e.emitGroup(doc.root, initialStyle, base, rasterx.Identity, false); err != nil {
		return "", nil, err
	}
	e.out.WriteString("</svg>")
	var ignored []string
	for f := range e.ignored {
		ignored = append(ignored, f)
	}
	sort.Strings(ignored)
	return e.out.String(), ignored, nil
}

func walk(n *node, f func(*node)) {
	f(n)
	for _, c := range n.children {
		walk(c, f)
	}
}

// computed is n's attributes with the style sheet's rules and then its inline style on top.
func (e *emitter) computed(n *node) map[string]string {
	a := make(map[string]string, len(n.attrs)+len(n.style))
	for k, v := range n.attrs {
		a[k] = v
	}
	for _, r := range e.rules {
		if r.matches(n) {
			for k, v := range r.decls {
				a[k] = v
			}
		}
	}
	for k, v := range n.style {
		a[k] = v
	}
	return a
}

// emit writes n; ctm maps n's parent's user space to output pixels.
func (e *emitter) emit(n *node, inh inherited, ctm rasterx.Matrix2D) error {
	e.budget--
	if e.budget < 0 {
		return tooManyElements()
	}
	switch n.name {
	case "g", "a", "switch":
		return e.emitGroup(n, inh, ctm, rasterx.Identity, true)
	case "svg":
		return e.emitNestedSVG(n, inh, ctm)
	case "use":
		return e.emitUse(n, inh, ctm)
	case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
		return e.emitShape(n, inh, ctm)
	}
	return nil // defs, gradients, style, symbol, clipPath, mask, pattern, marker, filter and unknown elements
}

// emitGroup writes n as a <g> with the extra transform in front of its own, then its children.
func (e *emitter) emitGroup(n *node, inh inherited, ctm, extra rasterx.Matrix2D, ownTransform bool) error {
	a := e.computed(n)
	if strings.TrimSpace(a["display"]) == "none" {
		return nil
	}
	if !ownTransform {
		delete(a, "transform")
	}
	attrs, m := e.presentation(a, &inh, extra)
	e.open("g", attrs, false)
	for _, c := range n.children {
		if err := e.emit(c, inh, ctm.Mult(m)); err != nil {
			return err
		}
	}
	e.out.WriteString("</g>")
	return nil
}

// emitNestedSVG draws an inner <svg> as a group placed at x,y with its viewBox mapping.
func (e *emitter) emitNestedSVG(n *node, inh inherited, ctm rasterx.Matrix2D) error {
	x, _ := parseLength(n.attrs["x"], e.vb.W)
	y, _ := parseLength(n.attrs["y"], e.vb.H)
	m := rasterx.Identity.Translate(x, y)
	if vb, ok := parseViewBox(n.attrs["viewBox"]); ok {
		w, okW := parseLength(orDefault(n.attrs["width"], "100%"), e.vb.W)
		h, okH := parseLength(orDefault(n.attrs["height"], "100%"), e.vb.H)
		if !okW || !okH || w <= 0 || h <= 0 {
			return nil
		}
		m = m.Mult(viewBoxTransform(vb, w, h, n.attrs["preserveAspectRatio"]))
	}
	return e.emitGroup(n, inh, ctm, m, false)
}

// emitUse draws the referenced element in a group moved by x,y.
func (e *emitter) emitUse(n *node, inh inherited, ctm rasterx.Matrix2D) error {
	ref := e.ids[strings.TrimPrefix(strings.TrimSpace(n.attrs["href"]), "#")]
	if ref == nil || !strings.HasPrefix(strings.TrimSpace(n.attrs["href"]), "#") {
		return nil
	}
	if e.active[ref] {
		return errLoop
	}
	a := e.computed(n)
	if strings.TrimSpace(a["display"]) == "none" {
		return nil
	}
	x, _ := parseLength(a["x"], e.vb.W)
	y, _ := parseLength(a["y"], e.vb.H)
	own := rasterx.Identity
	if t, ok := parseTransform(a["transform"]); ok {
		own = t
	}
	delete(a, "transform")
	attrs, m := e.presentation(a, &inh, own.Translate(x, y))
	e.open("g", attrs, false)
	e.active[ref] = true
	var err error
	if ref.name == "symbol" {
		err = e.emitSymbol(ref, a, inh, ctm.Mult(m))
	} else {
		err = e.emit(ref, inh, ctm.Mult(m))
	}
	delete(e.active, ref)
	e.out.WriteString("</g>")
	return err
}

// emitSymbol draws a <symbol> for a <use> (use's computed attributes a): its viewBox is
// fitted to the use's width and height, 100% by default.
func (e *emitter) emitSymbol(sym *node, a map[string]string, inh inherited, ctm rasterx.Matrix2D) error {
	e.budget--
	if e.budget < 0 {
		return tooManyElements()
	}
	fit := rasterx.Identity
	if vb, ok := parseViewBox(sym.attrs["viewBox"]); ok {
		w, okW := parseLength(orDefault(a["width"], "100%"), e.vb.W)
		h, okH := parseLength(orDefault(a["height"], "100%"), e.vb.H)
		if !okW || !okH || w <= 0 || h <= 0 {
			return nil
		}
		fit = viewBoxTransform(vb, w, h, sym.attrs["preserveAspectRatio"])
	}
	return e.emitGroup(sym, inh, ctm, fit, false)
}

// geometry lists each shape's length attributes and what a percentage is of: 'w' width,
// 'h' height, 'd' the normalised diagonal.
var geometry = map[string]map[string]byte{
	"rect":    {"x": 'w', "y": 'h', "width": 'w', "height": 'h', "rx": 'w', "ry": 'h'},
	"circle":  {"cx": 'w', "cy": 'h', "r": 'd'},
	"ellipse": {"cx": 'w', "cy": 'h', "rx": 'w', "ry": 'h'},
	"line":    {"x1": 'w', "y1": 'h', "x2": 'w', "y2": 'h'},
}

func (e *emitter) ref(kind byte) float64 {
	switch kind {
	case 'w':
		return e.vb.W
	case 'h':
		return e.vb.H
	}
	return math.Hypot(e.vb.W, e.vb.H) / math.Sqrt2
}

func (e *emitter) emitShape(n *node, inh inherited, ctm rasterx.Matrix2D) error {
	a := e.computed(n)
	if strings.TrimSpace(a["display"]) == "none" {
		return nil
	}
	attrs, m := e.presentation(a, &inh, rasterx.Identity)
	if inh.hidden {
		return nil
	}
	ctm = ctm.Mult(m)
	attrs = e.placeGradients(attrs, inh, ctm)
	name := n.name
	geo := map[string]float64{}
	for k, kind := range geometry[name] {
		if v, ok := parseLength(a[k], e.ref(kind)); ok {
			geo[k] = v
		}
	}
	switch name {
	case "rect":
		if _, ok := geo["rx"]; !ok {
			geo["rx"] = geo["ry"]
		}
		if _, ok := geo["ry"]; !ok {
			geo["ry"] = geo["rx"]
		}
		if geo["width"] <= 0 || geo["height"] <= 0 {
			return nil
		}
		geo["rx"] = math.Max(0, math.Min(geo["rx"], geo["width"]/2))
		geo["ry"] = math.Max(0, math.Min(geo["ry"], geo["height"]/2))
	case "circle":
		if geo["r"] <= 0 {
			return nil
		}
	case "ellipse":
		if geo["rx"] <= 0 || geo["ry"] <= 0 {
			return nil
		}
	case "polyline", "polygon":
		pts, ok := numberList(a["points"])
		if !ok || len(pts) < 4 {
			return nil
		}
		d := pointsPath(pts, name == "polygon")
		name, attrs = "path", append(attrs, xml.Attr{Name: xml.Name{Local: "d"}, Value: d})
	case "path":
		d := strings.TrimSpace(a["d"])
		if d == "" {
			return nil
		}
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "d"}, Value: d})
	}
	for k, v := range geo {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: k}, Value: num(v)})
	}
	attrs = append(attrs, e.strokeInPixels(inh, ctm, shapeLength(name, geo, attrs))...)
	if name == "path" && inh.evenOdd {
		for i := range attrs {
			if attrs[i].Name.Local == "d" {
				attrs[i].Value += " M" + num(evenOddMarker) + " " + num(evenOddMarker)
			}
		}
	}
	e.open(name, attrs, true)
	return nil
}

// pointsPath turns polyline/polygon points into path data (so even-odd can be marked).
func pointsPath(pts []float64, closed bool) string {
	var b strings.Builder
	for i := 0; i+1 < len(pts); i += 2 {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString(" L")
		}
		b.WriteString(num(pts[i]) + " " + num(pts[i+1]))
	}
	if closed {
		b.WriteString(" Z")
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// open writes <name attrs> (or <name attrs/>) with the attributes in a stable order.
func (e *emitter) open(name string, attrs []xml.Attr, selfClose bool) {
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].Name.Local < attrs[j].Name.Local })
	e.out.WriteString("<" + name)
	for _, at := range attrs {
		e.out.WriteString(" " + at.Name.Local + `="`)
		_ = xml.EscapeText(&e.out, []byte(at.Value))
		e.out.WriteString(`"`)
	}
	if selfClose {
		e.out.WriteString("/>")
	} else {
		e.out.WriteString(">")
	}
}
