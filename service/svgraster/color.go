package svgraster

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"github.com/fyne-io/oksvg"
)

// parseColor reads a CSS colour into an opaque colour and an alpha (0–1). It takes what
// oksvg takes (names, #rgb, #rrggbb, rgb(), hsl()) plus the forms design tools also write
// and oksvg would refuse the whole file for: transparent, #rgba, #rrggbbaa, rgba(), hsla().
// currentColor is the inherited colour cur.
func parseColor(s string, cur string) (rgb string, alpha float64, ok bool) {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	switch {
	case lower == "currentcolor":
		if cur == "" {
			return "#000000", 1, true
		}
		return parseColor(cur, "")
	case lower == "transparent":
		return "#000000", 0, true
	case strings.HasPrefix(lower, "#") && (len(lower) == 5 || len(lower) == 9):
		hex := lower[1:]
		if len(hex) == 4 {
			hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2], hex[3], hex[3]})
		}
		a, err := strconv.ParseUint(hex[6:], 16, 8)
		if err != nil {
			return "", 0, false
		}
		rgb, _, ok := parseColor("#"+hex[:6], "")
		return rgb, float64(a) / 255, ok
	case strings.HasPrefix(lower, "rgba(") || strings.HasPrefix(lower, "hsla("):
		return withAlpha(lower[:3]+"(", lower[5:])
	case (strings.HasPrefix(lower, "rgb(") || strings.HasPrefix(lower, "hsl(")) && strings.ContainsAny(lower, "/"):
		return withAlpha(lower[:4], lower[4:])
	}
	c, err := parseOKSVGColor(s)
	if err != nil || c == nil {
		return "", 0, false
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B), float64(n.A) / 255, true
}

// withAlpha reads "r,g,b,a)" or "r g b / a)" after fn ("rgb(" or "hsl(").
func withAlpha(fn, rest string) (string, float64, bool) {
	rest = strings.TrimSuffix(strings.TrimSpace(rest), ")")
	parts := strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == '/' || r == ' ' })
	if len(parts) != 4 {
		if len(parts) == 3 {
			return parseColor(fn+strings.Join(parts, ",")+")", "")
		}
		return "", 0, false
	}
	a, ok := parseNumberOrPercent(parts[3])
	if !ok {
		return "", 0, false
	}
	rgb, alpha, ok := parseColor(fn+strings.Join(parts[:3], ",")+")", "")
	return rgb, alpha * clamp01(a), ok
}

// parseOKSVGColor is oksvg's own parser, which panics on some malformed hsl() values.
func parseOKSVGColor(s string) (c color.Color, err error) {
	defer func() {
		if recover() != nil {
			c, err = nil, errDamaged
		}
	}()
	return oksvg.ParseSVGColor(s)
}
