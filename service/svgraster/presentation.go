package svgraster

import (
	"encoding/xml"
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
