package imagefit

import (
	"errors"
	"image"
	"math"

	"logodesk/service/limits"
	"logodesk/service/svgraster"
)

// SVG logos are checked and drawn by service/svgraster; here they become an
// Info and a picture like any other, so the rest of Fit treats a drawn logo as
// a lossless picture with transparency that no service takes as it is.

const svgMIME = "image/svg+xml"

// checkSVG is Check for an SVG file: its size is the size the drawing asks for.
func checkSVG(data []byte) (Info, error) {
	si, err := svgraster.Check(data)
	if err != nil {
		return Info{}, svgProblem(err)
	}
	w, h := max(1, int(math.Ceil(si.Width))), max(1, int(math.Ceil(si.Height)))
	return Info{Format: "svg", MIME: svgMIME, Width: w, Height: h, Bytes: len(data), Orientation: 1}, nil
}

// drawSVG draws the logo at the largest size lim allows, capped at a sensible logo
// size (svgraster.LogoBox); ignored lists what the drawing was made without.
func drawSVG(data []byte, box svgraster.Box) (img *image.NRGBA, ignored []string, err error) {
	img, si, err := svgraster.Rasterize(data, box)
	if err != nil {
		return nil, nil, svgProblem(err)
	}
	return img, si.Ignored, nil
}

// svgBox is where a logo for lim is drawn: within the service's pixel limit and
// the logo size, and within a person's picture's avatar size unless it will be cropped
// (then the crop is made smaller afterwards, so it loses no sharpness).
func svgBox(lim limits.Limit, cropping bool) svgraster.Box {
	b := svgraster.LogoBox(lim)
	if a := lim.AvatarSide; a > 0 && !cropping {
		b.MaxWidth, b.MaxHeight = min(b.MaxWidth, a), min(b.MaxHeight, a)
	}
	return b
}

// svgProblem keeps svgraster's plain sentence as this package's Problem.
func svgProblem(err error) error {
	var p *svgraster.Problem
	if errors.As(err, &p) {
		return &Problem{Reason: p.Reason}
	}
	return &Problem{Reason: "LogoDesk couldn't draw this SVG logo. Export it as PNG and try again."}
}
