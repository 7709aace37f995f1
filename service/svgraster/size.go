package svgraster

import (
	"math"

	"logodesk/service/limits"
)

const (
	// LogoSide is the long side LogoBox asks for: sharp in every service's logo slot.
	LogoSide = 1024
	// MaxSide bounds any raster whatever the caller asks: 4096×4096 is 64 MB of pixels.
	MaxSide = 4096
	// maxAspect refuses hairline drawings (a 1000:1 logo would be a line of pixels).
	maxAspect = 1000
)

// Box is the raster size a caller can take: the largest size with the SVG's aspect ratio
// that fits MaxWidth×MaxHeight and MaxPixels. Zero fields mean "no limit" (MaxSide still applies).
type Box struct {
	MaxWidth, MaxHeight int
	MaxPixels           int64
}

// LogoBox is the box for a service slot: LogoSide on the long side, within the slot's
// pixel limit.
func LogoBox(lim limits.Limit) Box {
	return Box{MaxWidth: LogoSide, MaxHeight: LogoSide, MaxPixels: lim.MaxPixels}
}

// Fit returns the largest width×height with the aspect ratio of natW×natH (±1 px) inside b.
// A vector drawing scales up as well as down, so a 16×16 icon comes out box-sized.
func (b Box) Fit(natW, natH float64) (w, h int) {
	maxW, maxH := capSide(b.MaxWidth), capSide(b.MaxHeight)
	maxPx := int64(MaxSide) * MaxSide
	if b.MaxPixels > 0 && b.MaxPixels < maxPx {
		maxPx = b.MaxPixels
	}
	s := math.Min(float64(maxW)/natW, float64(maxH)/natH)
	s = math.Min(s, math.Sqrt(float64(maxPx)/(natW*natH)))
	if natH > natW { // work on the long side, so it gets the full box
		h, w := fitLong(natH, natW, s, maxH, maxW, maxPx)
		return w, h
	}
	return fitLong(natW, natH, s, maxW, maxH, maxPx)
}

// fitLong sizes the long side first, then the short one from the aspect ratio, shrinking
// until the pixel limit is met.
func fitLong(natLong, natShort, s float64, maxLong, maxShort int, maxPx int64) (long, short int) {
	long = clampInt(int(math.Floor(natLong*s+1e-9)), 1, maxLong)
	for {
		short = clampInt(int(math.Round(float64(long)*natShort/natLong)), 1, maxShort)
		if int64(long)*int64(short) <= maxPx || long == 1 {
			return long, short
		}
		long--
	}
}

func capSide(v int) int {
	if v <= 0 || v > MaxSide {
		return MaxSide
	}
	return v
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// naturalSize returns the size the SVG asks to be shown at, in px, and the viewBox that
// maps onto it: width and height (px, pt, mm, cm, in, em…), else the viewBox's size;
// one of them with a viewBox keeps the viewBox's aspect ratio. Percentages are of the
// viewBox (there is no page around a logo).
func naturalSize(root *node) (w, h float64, vb viewBox, err error) {
	vb, hasVB := parseViewBox(root.attr("viewBox"))
	w, hasW := rootLength(root.attr("width"), vb.W, hasVB)
	h, hasH := rootLength(root.attr("height"), vb.H, hasVB)
	switch {
	case hasW && hasH:
	case hasVB && hasW:
		h = w * vb.H / vb.W
	case hasVB && hasH:
		w = h * vb.W / vb.H
	case hasVB:
		w, h = vb.W, vb.H
	default:
		return 0, 0, vb, errNoSize
	}
	if !(w > 0 && h > 0 && w <= maxNumber && h <= maxNumber) || w/h > maxAspect || h/w > maxAspect {
		return 0, 0, vb, absurdSize(w, h)
	}
	if !hasVB {
		vb = viewBox{0, 0, w, h}
	}
	return w, h, vb, nil
}

// rootLength reads the root's width or height; a percentage counts only with a viewBox.
func rootLength(s string, ref float64, hasVB bool) (float64, bool) {
	if s == "" || (!hasVB && len(s) > 0 && s[len(s)-1] == '%') {
		return 0, false
	}
	v, ok := parseLength(s, ref)
	if !ok || v == 0 {
		return 0, false
	}
	return v, true
}
