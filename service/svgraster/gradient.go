package svgraster

import (
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/srwiley/rasterx"
)

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
