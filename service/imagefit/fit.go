package imagefit

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"

	"github.com/disintegration/imaging"

	"logodesk/service/imagefit/internal/jpegdc"
	"logodesk/service/imagefit/internal/jpegenc"
	"logodesk/service/limits"
)

// Options are the user's choices for one fit.
type Options struct {
	// Square asks for a centred square crop (offered for profile pictures, never forced).
	Square bool
	// Frame, when set, is the square the user framed in the crop editor: Fit crops it
	// (instead of Square's centred square) and always re-encodes.
	Frame *Frame
}

// Result is a fitted picture, ready to upload.
type Result struct {
	Bytes         []byte
	MIME          string
	Width, Height int
	Changed       bool   // false: Bytes are the original file, untouched
	Explanation   string // one plain sentence saying what was done and why
	Original      Info
	// Image holds the fitted pixels when Changed, so a preview needs no second
	// decode of Bytes (for a 10-megapixel JPEG that saves a third of a second). It is
	// the picture in Bytes: the same size, turned the same way; for a JPEG, the pixels
	// before encoding, which its decode matches up to JPEG's rounding. A JPEG fitted
	// from a JPEG gives an *image.YCbCr (4:2:0), others an *image.NRGBA or *image.RGBA.
	Image image.Image
}

// JPEG qualities tried when re-encoding, from the best down to the lowest we accept
// before making the picture smaller instead.
const (
	qualityMax = 92
	qualityMin = 60
)

var defaultFormats = []string{limits.JPEG, limits.PNG}

// Fit returns data fitted to lim with the smallest change that works. A picture that
// already fits (accepted format, within bytes and pixels, no crop asked) comes back
// byte-identical. Otherwise it is cropped (opt.Frame, or a centred square for
// opt.Square), turned upright (EXIF orientation), downscaled with a Lanczos filter (to
// at most lim.AvatarSide a side for a person's picture), and re-encoded: PNG when
// transparency (or a lossless source) matters and the PNG fits, otherwise JPEG at the
// highest quality that fits, then smaller dimensions if even quality 60 is too big.
// Errors are *Problem.
//
// Fit is NewSource and Source.Fit for one fit, which lets the decoded picture go as
// soon as it is resized; to fit one file to several limits, decode it once with a Source.
func Fit(data []byte, lim limits.Limit, opt Options) (Result, error) {
	s, err := NewSource(data)
	if err != nil {
		return Result{}, err
	}
	s.oneShot = true // never shared: its fit may let the decoded picture go
	return s.Fit(lim, opt)
}

// Fit is the package-level Fit (see there) of the Source's file: the same result,
// byte for byte, without decoding the file again. Errors are *Problem.
func (s *Source) Fit(lim limits.Limit, opt Options) (Result, error) {
	data := s.data
	info := s.info // this fit's copy: an SVG's becomes the size it is drawn at
	// A frame around the whole of a square picture crops nothing (the crop editor
	// opens so): fit it as if none were asked, so one that already fits goes unchanged.
	if f := opt.Frame; f != nil && info.Width == info.Height && info.Width > 0 &&
		f.pixels(info.Width, info.Height) == image.Rect(0, 0, info.Width, info.Height) {
		opt.Frame = nil
	}
	var src image.Image
	var ignored []string // what an SVG was drawn without
	var err error
	if info.Format == "svg" {
		cropping := opt.Frame != nil || opt.Square && info.Width != info.Height
		img, ign, err := drawSVG(data, svgBox(lim, cropping))
		if err != nil {
			return Result{}, err
		}
		src, ignored = img, ign
		info.Width, info.Height = img.Bounds().Dx(), img.Bounds().Dy()
	} else if src, err = s.pixels(); err != nil {
		return Result{}, err
	}
	formats := lim.Formats
	if len(formats) == 0 {
		formats = defaultFormats
	}
	accepts := func(mime string) bool {
		for _, f := range formats {
			if f == mime {
				return true
			}
		}
		return false
	}
	sb := src.Bounds()
	needSquare := opt.Square && sb.Dx() != sb.Dy()
	overBytes := lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes
	overPixels := lim.MaxPixels > 0 && int64(sb.Dx())*int64(sb.Dy()) > lim.MaxPixels
	badFormat := !accepts(info.MIME)
	// Not every service honours EXIF orientation: a picture the camera stored sideways
	// is always re-encoded upright, so it shows the same everywhere.
	sideways := info.Orientation > 1
	if opt.Frame == nil && !overBytes && !overPixels && !badFormat && !needSquare && !sideways {
		return Result{Bytes: data, MIME: info.MIME, Width: info.Width, Height: info.Height, Original: info,
			Explanation: fmt.Sprintf("Already fits %s's limits: LogoDesk will send it unchanged.", lim.Service)}, nil
	}
	canJPEG, canPNG := accepts(limits.JPEG), accepts(limits.PNG)
	if !canJPEG && !canPNG {
		return Result{}, problem("LogoDesk can't make a picture in a format %s accepts.", lim.Service)
	}

	crop := sb // in the picture as stored; prepare and prepareYCbCr turn it upright afterwards
	explain := explainer{info: info, lim: lim, overBytes: overBytes, overPixels: overPixels, badFormat: badFormat,
		formats: formats, ignored: ignored, asked: opt.Frame != nil}
	switch {
	case opt.Frame != nil:
		uw, uh := sb.Dx(), sb.Dy() // as shown
		if info.Orientation >= 5 {
			uw, uh = uh, uw
		}
		crop = storedRect(opt.Frame.pixels(uw, uh), sb.Dx(), sb.Dy(), info.Orientation).Add(sb.Min)
		if crop != sb {
			explain.crop = "cropped to the square you framed"
		}
	case needSquare:
		side := min(sb.Dx(), sb.Dy())
		x0 := sb.Min.X + (sb.Dx()-side)/2
		y0 := sb.Min.Y + (sb.Dy()-side)/2
		crop = image.Rect(x0, y0, x0+side, y0+side)
		explain.crop = "cropped to a centred square"
	}
	cw, ch := crop.Dx(), crop.Dy()
	explain.cw, explain.ch = cw, ch
	tw, th := fitPixels(cw, ch, lim.MaxPixels)
	explain.pixelsCut = tw != cw || th != ch
	if side := max(tw, th); side > maxJPEGSide { // JPEG's limit; no service wants more anyway
		f := float64(maxJPEGSide) / float64(side)
		tw, th = max(1, int(float64(tw)*f)), max(1, int(float64(th)*f))
	}
	if a := lim.AvatarSide; a > 0 && max(tw, th) > a { // a person's picture: shown small, sent small
		tw, th = avatarSize(cw, ch, a)
		explain.avatarW, explain.avatarH = tw, th
	}

	alpha := !isOpaque(src)
	lossless := info.Format == "png" || info.Format == "gif" || info.Format == "bmp" || info.Format == "svg"
	var maxBytes int64 = math.MaxInt64
	if b := lim.FitBudget(); b > 0 {
		maxBytes = b
	}

	// A JPEG's planes go from decoding to encoding as they are; an opaque picture that
	// will be a JPEG anyway is turned into such planes first, and the RGBA let go (by a
	// one-shot fit; a Source keeps it for its other fits).
	planar := canJPEG && !alpha && !(canPNG && lossless && pngWorthTrying(info, int64(tw)*int64(th), sb, maxBytes))
	_, isYCbCr := src.(*image.YCbCr)
	var ycc *image.YCbCr
	if canJPEG && (isYCbCr || planar) {
		ycc = planesOf(src) // src itself when it is YCbCr: only read from here on
	}
	if ycc != nil {
		src = nil // so that a one-shot fit can let the decoded picture go once resized
		return fitYCbCr(s, ycc, crop, tw, th, maxBytes, explain)
	}
	for attempt := 0; attempt < 12; attempt++ {
		if attempt > 0 && (tw < 16 || th < 16) { // shrink no further; the first size is always tried
			break
		}
		img := prepare(src, crop, tw, th, info.Orientation)
		ow, oh := img.Bounds().Dx(), img.Bounds().Dy()
		out := Result{MIME: limits.PNG, Width: ow, Height: oh, Changed: true, Original: info}
		explain.sized(tw, th, ow, oh, attempt > 0)

		var pngSize int64
		if canPNG && (!canJPEG || ((alpha || lossless) && pngWorthTrying(info, int64(tw)*int64(th), sb, maxBytes))) {
			b, err := encodePNG(img)
			if err == nil && int64(len(b)) <= maxBytes {
				out.Bytes, out.Image = b, img
				out.Explanation = explain.sentence("saved as PNG", alpha)
				return out, nil
			}
			pngSize = int64(len(b))
		}
		if !canJPEG {
			tw, th = shrink(tw, th, cw, ch, float64(maxBytes)/float64(max(pngSize, 1)))
			continue
		}
		rgba := flattenOnWhite(img)
		b, q, sizeAtMin := searchJPEG(jpegenc.Transform(rgba), maxBytes)
		if b != nil {
			out.Bytes, out.MIME, out.Image = b, limits.JPEG, rgba
			explain.lowQuality = q < qualityMax
			out.Explanation = explain.sentence(fmt.Sprintf("saved as JPEG (quality %d)", q), false)
			if alpha {
				out.Explanation = strings.TrimSuffix(out.Explanation, ".") + "; transparent areas are now white."
			}
			return out, nil
		}
		tw, th = shrink(tw, th, cw, ch, float64(maxBytes)/float64(sizeAtMin))
	}
	return Result{}, tooSmallProblem(lim)
}

func tooSmallProblem(lim limits.Limit) *Problem {
	return problem("LogoDesk couldn't make this picture small enough for %s's %s limit.", lim.Service, limits.HumanBytes(lim.MaxBytes))
}

// decode decodes the whole image; a decoder panic on a hostile file is a damaged image.
// A baseline JPEG is decoded by internal/jpegdc on every core (the same samples as
// image/jpeg, faster); anything it declines goes to image.Decode, which has the last word.
func decode(data []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, errDamaged
		}
	}()
	if format, _, _ := sniffReadable(data); format == "jpeg" {
		if img, err := jpegdc.DecodeFull(data); err == nil {
			return img, nil
		}
	}
	img, _, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, decodeProblem(err)
	}
	return img, nil
}

// fitPixels returns the largest w×h ≤ maxPx with the aspect ratio of cw×ch (±1 px).
func fitPixels(cw, ch int, maxPx int64) (int, int) {
	if maxPx <= 0 || int64(cw)*int64(ch) <= maxPx {
		return cw, ch
	}
	s := math.Sqrt(float64(maxPx) / (float64(cw) * float64(ch)))
	w := max(1, int(float64(cw)*s))
	for {
		h := max(1, int(math.Round(float64(w)*float64(ch)/float64(cw))))
		if int64(w)*int64(h) <= maxPx {
			return w, h
		}
		if w == 1 { // a one-pixel-wide strip: as tall as allowed
			return 1, int(min(int64(h), maxPx))
		}
		w--
	}
}

// avatarSize is cw×ch made side pixels on its longer side, the aspect ratio kept (±1 px).
func avatarSize(cw, ch, side int) (int, int) {
	if cw >= ch {
		return side, max(1, int(math.Round(float64(side)*float64(ch)/float64(cw))))
	}
	return max(1, int(math.Round(float64(side)*float64(cw)/float64(ch)))), side
}

// shrink makes tw×th smaller so that its byte size, now 1/ratio of the budget, should fit.
func shrink(tw, th, cw, ch int, ratio float64) (int, int) {
	f := math.Sqrt(ratio) * 0.95 // bytes grow roughly with the pixel count
	f = math.Max(0.3, math.Min(f, 0.9))
	w := max(1, int(float64(tw)*f))
	return w, max(1, int(math.Round(float64(w)*float64(ch)/float64(cw))))
}

// pngWorthTrying guesses whether a PNG of px pixels could fit, to skip slow hopeless encodes.
func pngWorthTrying(info Info, px int64, sb image.Rectangle, maxBytes int64) bool {
	if px <= 2_000_000 {
		return true
	}
	if info.Format == "png" || info.Format == "gif" {
		srcPx := int64(sb.Dx()) * int64(sb.Dy())
		est := float64(info.Bytes) * float64(px) / float64(srcPx)
		return est <= 1.5*float64(maxBytes)
	}
	return false
}

// prepare crops, resizes (Lanczos) and turns the picture upright. Resizing happens before
// rotating so that the rotation works on the smaller image. It only reads src: the
// picture it returns is always a new one (imaging's Clone, Resize and turns all copy),
// which the caller may change (flattenOnWhite).
func prepare(src image.Image, crop image.Rectangle, tw, th, orientation int) *image.NRGBA {
	var img image.Image = src
	if crop != src.Bounds() {
		if s, ok := src.(interface {
			SubImage(image.Rectangle) image.Image
		}); ok {
			img = s.SubImage(crop)
		} else {
			img = imaging.Crop(src, crop)
		}
	}
	var out *image.NRGBA
	if tw == crop.Dx() && th == crop.Dy() {
		out = imaging.Clone(img)
	} else {
		out = imaging.Resize(img, tw, th, imaging.Lanczos)
	}
	if orientation > 1 {
		out = upright(out, orientation).(*image.NRGBA)
	}
	return out
}

// isOpaque reports whether every pixel is fully opaque.
func isOpaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}

// flattenOnWhite composes img over white, in place, and returns it as an opaque *image.RGBA
// (same pixel layout: with alpha 255, straight and premultiplied colours are equal). img
// must be the fit's own picture (prepare's), never a Source's.
func flattenOnWhite(img *image.NRGBA) *image.RGBA {
	pix := img.Pix
	for i := 0; i+3 < len(pix); i += 4 {
		a := uint32(pix[i+3])
		if a == 255 {
			continue
		}
		for c := 0; c < 3; c++ {
			pix[i+c] = uint8((uint32(pix[i+c])*a + 255*(255-a) + 127) / 255)
		}
		pix[i+3] = 255
	}
	return &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img)
	return buf.Bytes(), err
}

// explainer builds the sentence shown before upload.
type explainer struct {
	info                             Info
	lim                              limits.Limit
	crop                             string // "cropped to …", or "" when not cropped
	asked                            bool   // the user framed a crop: re-encoded whatever the limits
	cw, ch                           int    // the crop, as stored
	avatarW, avatarH                 int    // the size lim.AvatarSide made it, as stored; 0 when it made none
	pixelsCut                        bool   // the pixel limit made the crop smaller
	resized                          bool
	outW, outH                       int  // as sent (upright)
	shrunk, lowQuality               bool // made smaller, or of a lower quality, to fit the byte budget
	overBytes, overPixels, badFormat bool
	formats                          []string
	ignored                          []string // an SVG's features it was drawn without
}

// sized records the size the picture is sent at: tw×th as stored, ow×oh as shown;
// shrunk when that is smaller than planned, for the byte budget.
func (e *explainer) sized(tw, th, ow, oh int, shrunk bool) {
	e.resized = tw != e.cw || th != e.ch
	e.outW, e.outH = ow, oh
	e.shrunk = shrunk
}

func (e explainer) sentence(saved string, keptAlpha bool) string {
	var acts []string
	if e.info.Format == "svg" {
		acts = append(acts, fmt.Sprintf("drawn from the SVG at %d×%d", e.info.Width, e.info.Height))
	}
	if e.crop != "" {
		acts = append(acts, e.crop)
	}
	if o := e.info.Orientation; o > 1 {
		acts = append(acts, "turned upright (the camera had stored it "+storedAs(o)+")")
	}
	if e.resized {
		fromW, fromH := e.info.Width, e.info.Height // the picture as shown, or the crop of it
		if e.crop != "" {
			fromW, fromH = e.cw, e.ch
			if e.info.Orientation >= 5 {
				fromW, fromH = fromH, fromW
			}
		}
		r := fmt.Sprintf("resized from %d×%d to %d×%d", fromW, fromH, e.outW, e.outH)
		if e.avatarW > 0 && !e.shrunk {
			r += fmt.Sprintf(" (plenty for a %s, which %s shows small)", e.lim.What, e.lim.Service)
		}
		acts = append(acts, r)
	}
	if keptAlpha {
		saved += " to keep its transparency"
	}
	acts = append(acts, saved)
	s := joinAnd(acts)
	s = strings.ToUpper(s[:1]) + s[1:]
	// The limits the picture broke: why it was changed. When the user framed a crop, that
	// is why; a limit is then named only when it made the picture smaller or its quality lower.
	overBytes, overPixels := e.overBytes, e.overPixels
	if e.asked {
		overBytes = overBytes && (e.shrunk || e.lowQuality)
		overPixels = overPixels && e.pixelsCut && e.avatarW == 0
	}
	var limitsHit []string
	if overBytes {
		limitsHit = append(limitsHit, limits.HumanBytes(e.lim.MaxBytes))
	}
	if overPixels {
		limitsHit = append(limitsHit, pixelLimit(e.lim.MaxPixels))
	}
	switch {
	case len(limitsHit) == 1:
		s += fmt.Sprintf(" to fit %s's %s limit", e.lim.Service, limitsHit[0])
	case len(limitsHit) == 2:
		s += fmt.Sprintf(" to fit %s's %s and %s limits", e.lim.Service, limitsHit[0], limitsHit[1])
	case e.badFormat:
		s += fmt.Sprintf(" because %s takes only %s", e.lim.Service, formatNames(e.formats))
	}
	s += "."
	if len(e.ignored) > 0 {
		s += " LogoDesk drew it without its " + joinAnd(e.ignored) + "; check the preview."
	}
	return s
}

// storedAs says how a camera stored a picture with EXIF orientation o (2–8).
func storedAs(o int) string {
	switch o {
	case 2, 4:
		return "mirrored"
	case 3:
		return "upside down"
	}
	return "sideways"
}

func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func formatNames(mimes []string) string {
	names := make([]string, len(mimes))
	for i, m := range mimes {
		names[i] = strings.ToUpper(strings.TrimPrefix(m, "image/"))
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// pixelLimit names a pixel limit as an adjective: "10-megapixel", "30000-pixel".
func pixelLimit(px int64) string {
	if px < 1_000_000 {
		return fmt.Sprintf("%d-pixel", px)
	}
	return strings.Replace(megapixels(px), " megapixels", "-megapixel", 1)
}
