package gui

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	_ "image/gif"  // Bigin record photos may be GIF
	_ "image/jpeg" // JPEG previews
	_ "image/png"  // PNG previews

	_ "golang.org/x/image/bmp" // Bigin record photos may be BMP
	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // WebP files dropped by users
)

// previewSize is the largest side of a preview, in pixels: enough for a sharp
// 220-point preview at 2× scale, small enough to upload to the GPU instantly.
const previewSize = 440

// maxPreviewPixels refuses to decode absurd images for a preview (the fitter
// has its own, stricter checks before anything is uploaded).
const maxPreviewPixels = 120_000_000

// thumbnail decodes data and scales it to fit within size×size. It runs off the
// UI goroutine: decoding a 24-megapixel photo takes a few hundred milliseconds,
// and handing canvas.Image a small image.Image keeps every refresh cheap.
func thumbnail(data []byte, size int) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("this picture can't be shown")
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPreviewPixels {
		return nil, errors.New("this picture is too large to preview")
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("this picture can't be shown")
	}
	return onChecker(scaleDown(src, size)), nil
}

// checkerSquare is the side of a checkerboard square, in preview pixels.
const checkerSquare = 12

// onChecker draws a picture with transparent parts over a light checkerboard,
// as image editors do, so that what is see-through is seen as such instead of
// taking the window's colour. Opaque pictures are returned as they are.
func onChecker(img image.Image) image.Image {
	if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
		return img
	}
	b := img.Bounds()
	dst := image.NewNRGBA(b)
	light, dark := color.NRGBA{0xff, 0xff, 0xff, 0xff}, color.NRGBA{0xd6, 0xd6, 0xd6, 0xff}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := light
			if ((x-b.Min.X)/checkerSquare+(y-b.Min.Y)/checkerSquare)%2 == 1 {
				c = dark
			}
			dst.SetNRGBA(x, y, c)
		}
	}
	draw.Draw(dst, b, img, b.Min, draw.Over)
	return dst
}

// scaleDown scales src to fit within size×size (a small image is returned as it is).
func scaleDown(src image.Image, size int) image.Image {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= size && h <= size {
		return src
	}
	if w >= h {
		h = max(1, h*size/w)
		w = size
	} else {
		w = max(1, w*size/h)
		h = size
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// Halve with the fast filter while far too large, then finish with a good one.
	// RGBA, not NRGBA: x/image/draw has fast paths into RGBA only (a fitted
	// 10 MP JPEG took 450 ms into NRGBA, 150 ms into RGBA, ~40 ms with halveYCbCr).
	for b.Dx() > 4*w && b.Dy() > 4*h {
		if y, ok := src.(*image.YCbCr); ok && y.SubsampleRatio == image.YCbCrSubsampleRatio420 {
			src = halveYCbCr(y)
		} else {
			half := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
			draw.ApproxBiLinear.Scale(half, half.Bounds(), src, b, draw.Src, nil)
			src = half
		}
		b = src.Bounds()
	}
	draw.BiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst
}

// halveYCbCr averages each 2×2 block of a 4:2:0 picture (the fitter's JPEGs),
// whose block shares one chroma sample: one colour conversion per output pixel.
func halveYCbCr(src *image.YCbCr) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		sy := b.Min.Y + 2*y
		row0 := src.Y[src.YOffset(b.Min.X, sy):]
		row1 := src.Y[src.YOffset(b.Min.X, sy+1):]
		out := dst.Pix[y*dst.Stride:]
		for x := 0; x < w; x++ {
			lum := (uint32(row0[2*x]) + uint32(row0[2*x+1]) + uint32(row1[2*x]) + uint32(row1[2*x+1]) + 2) / 4
			ci := src.COffset(b.Min.X+2*x, sy)
			r, g, bl := color.YCbCrToRGB(uint8(lum), src.Cb[ci], src.Cr[ci])
			out[4*x], out[4*x+1], out[4*x+2], out[4*x+3] = r, g, bl, 0xff
		}
	}
	return dst
}
