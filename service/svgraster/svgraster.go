// Package svgraster checks SVG logos and rasterises them for upload.
//
// An SVG is read in three steps. A bounded pre-pass (encoding/xml: at most MaxFileBytes,
// maxDepth levels, maxElements elements, no DTD entities, every number within maxNumber)
// refuses what is dangerous or can't be drawn faithfully — external references, live
// text, embedded pictures, absurd sizes — with one plain sentence (*Problem). The checked
// tree is then rewritten into the regular subset that github.com/fyne-io/oksvg (Fyne's
// own SVG reader) handles well: colours, lengths, transforms, CSS classes, gradient
// chains and <use> resolved here. Last, rasterx renders it through extentScanner (even-odd
// fills, work bounded by a budget) at the largest size that fits a Box, keeping the aspect
// ratio and the transparency.
//
// Scripts and event attributes are ignored: nothing in the file is ever run or fetched.
// <a> links are drawn as plain groups (a link loads nothing). Clipping paths, masks,
// filters, markers and pattern fills are drawn without; Info.Ignored names them so the
// caller can ask the admin to check the preview.
package svgraster

import (
	"image"
	"image/color"
	"image/draw"
	"strings"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
)

// Info describes a checked SVG.
type Info struct {
	// Width and Height are the size the SVG asks to be shown at, in CSS pixels
	// (from width/height in any unit, else the viewBox).
	Width, Height float64
	Bytes         int // file size
	Elements      int
	// Ignored names effects the drawing is made without (e.g. "masks"), sorted; empty
	// when everything in the file is drawn.
	Ignored []string
}

// prepared is a checked SVG ready to draw.
type prepared struct {
	info Info
	vb   viewBox
	par  string
	doc  *document
}

func prepare(data []byte) (*prepared, error) {
	doc, err := parse(data)
	if err != nil {
		return nil, err
	}
	w, h, vb, err := naturalSize(doc.root)
	if err != nil {
		return nil, err
	}
	par := doc.root.attrs["preserveAspectRatio"]
	// Normalising at the natural size finds every refusal and ignored feature; draw
	// normalises again at the output size (gradient placement depends on it).
	_, ignored, err := normalize(doc, vb, viewBoxTransform(vb, w, h, par))
	if err != nil {
		return nil, err
	}
	return &prepared{
		info: Info{Width: w, Height: h, Bytes: len(data), Elements: doc.elements, Ignored: ignored},
		vb:   vb, par: par, doc: doc,
	}, nil
}

// Check tells whether data is an SVG LogoDesk will draw, without drawing it.
// Errors are *Problem.
func Check(data []byte) (Info, error) {
	if !IsSVG(data) {
		if len(data) == 0 {
			return Info{}, errEmpty
		}
		return Info{}, errNotSVG
	}
	p, err := prepare(data)
	if err != nil {
		return Info{}, err
	}
	return p.info, nil
}

// Rasterize draws the SVG at the largest size that fits box with the SVG's aspect ratio
// (box.Fit of its natural size), on a transparent background. Errors are *Problem,
// including a drawing that comes out fully transparent.
func Rasterize(data []byte, box Box) (*image.NRGBA, Info, error) {
	if !IsSVG(data) {
		if len(data) == 0 {
			return nil, Info{}, errEmpty
		}
		return nil, Info{}, errNotSVG
	}
	p, err := prepare(data)
	if err != nil {
		return nil, Info{}, err
	}
	w, h := box.Fit(p.info.Width, p.info.Height)
	img, err := p.draw(w, h)
	if err != nil {
		return nil, p.info, err
	}
	if isBlank(img) {
		return nil, p.info, errBlank
	}
	return img, p.info, nil
}

// draw renders the normalised document into a w×h picture. A renderer panic is a Problem.
func (p *prepared) draw(w, h int) (out *image.NRGBA, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, errCrash
			if r == errTooComplex {
				err = errTooComplex
			}
		}
	}()
	toPixels := viewBoxTransform(p.vb, float64(w), float64(h), p.par)
	doc, _, err := normalize(p.doc, p.vb, toPixels)
	if err != nil {
		return nil, err
	}
	icon, err := oksvg.ReadIconStream(strings.NewReader(doc))
	if err != nil {
		return nil, errCrash
	}
	markEvenOdd(icon)
	icon.Transform = toPixels
	// Premultiplied RGBA is image/draw's fast path; it becomes NRGBA at the end.
	rgba := image.NewRGBA(image.Rect(0, 0, w, h))
	icon.Draw(rasterx.NewDasher(w, h, newExtentScanner(rgba)), 1)
	out = image.NewNRGBA(rgba.Bounds())
	draw.Draw(out, out.Bounds(), rgba, image.Point{}, draw.Src)
	return out, nil
}

// markEvenOdd finds the paths the emitter ended with evenOddMarker, removes the marker
// and fills them even-odd.
func markEvenOdd(icon *oksvg.SvgIcon) {
	mark := fixed.Int26_6(evenOddMarker * 64)
	for i := range icon.SVGPaths {
		p := &icon.SVGPaths[i]
		n := len(p.Path)
		if n >= 3 && p.Path[n-3] == fixed.Int26_6(rasterx.PathMoveTo) && p.Path[n-2] == mark && p.Path[n-1] == mark {
			p.Path = p.Path[:n-3]
			p.UseNonZeroWinding = false
		}
	}
}

func isBlank(img *image.NRGBA) bool {
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 0 {
			return false
		}
	}
	return true
}

// FlattenOnWhite returns img composed over white, opaque, for services that take only
// JPEG. img is left as it is.
func FlattenOnWhite(img *image.NRGBA) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Over)
	return out
}
