package imagefit

import (
	"image"
	"runtime"
	"sync"

	"logodesk/service/imagefit/internal/resample"
)

// prepareYCbCr crops, resizes and turns upright a decoded JPEG without leaving its
// planes: Y, Cb and Cr are each resized with Lanczos-3 straight into a 4:2:0 picture
// of tw×th (before turning upright), which the JPEG encoder takes as it is. Compared
// with converting to RGBA first, that is 1.5 samples per pixel instead of 4.
// It only reads src; the picture it returns is a new one.
func prepareYCbCr(src *image.YCbCr, crop image.Rectangle, tw, th, orientation int) *image.YCbCr {
	dst := image.NewYCbCr(image.Rect(0, 0, tw, th), image.YCbCrSubsampleRatio420)
	r := src.Rect
	yWin := resample.Window{X0: float64(crop.Min.X - r.Min.X), Y0: float64(crop.Min.Y - r.Min.Y),
		X1: float64(crop.Max.X - r.Min.X), Y1: float64(crop.Max.Y - r.Min.Y)}
	resample.Lanczos(lumaPlane(dst), lumaPlane(src), yWin)
	dx, dy := chromaDivisors(src.SubsampleRatio)
	cWin := resample.Window{X0: yWin.X0 / float64(dx), Y0: yWin.Y0 / float64(dy), X1: yWin.X1 / float64(dx), Y1: yWin.Y1 / float64(dy)}
	for _, p := range [][2][]byte{{dst.Cb, src.Cb}, {dst.Cr, src.Cr}} {
		resample.Lanczos(chromaPlane(dst, p[0], 2, 2), chromaPlane(src, p[1], dx, dy), cWin)
	}
	if orientation > 1 {
		dst = orientYCbCr(dst, orientation)
	}
	return dst
}

func lumaPlane(img *image.YCbCr) resample.Plane {
	return resample.Plane{Pix: img.Y, Stride: img.YStride, W: img.Rect.Dx(), H: img.Rect.Dy()}
}

// chromaPlane is one chroma plane of img, subsampled by dx across and dy down.
func chromaPlane(img *image.YCbCr, pix []byte, dx, dy int) resample.Plane {
	r := img.Rect
	w := (r.Max.X+dx-1)/dx - r.Min.X/dx
	h := (r.Max.Y+dy-1)/dy - r.Min.Y/dy
	return resample.Plane{Pix: pix, Stride: img.CStride, W: w, H: h}
}

// chromaDivisors is how many luma samples share one chroma sample, across and down.
func chromaDivisors(r image.YCbCrSubsampleRatio) (dx, dy int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return 2, 1
	case image.YCbCrSubsampleRatio420:
		return 2, 2
	case image.YCbCrSubsampleRatio440:
		return 1, 2
	case image.YCbCrSubsampleRatio411:
		return 4, 1
	case image.YCbCrSubsampleRatio410:
		return 4, 2
	}
	return 1, 1
}

// orientYCbCr applies an EXIF orientation (2–8) to a 4:2:0 picture, plane by plane.
// Its chroma planes are the luma's halves rounded up, so they turn the same way.
func orientYCbCr(img *image.YCbCr, o int) *image.YCbCr {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if o >= 5 {
		w, h = h, w
	}
	out := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	orientPlane(lumaPlane(out), lumaPlane(img), o)
	orientPlane(chromaPlane(out, out.Cb, 2, 2), chromaPlane(img, img.Cb, 2, 2), o)
	orientPlane(chromaPlane(out, out.Cr, 2, 2), chromaPlane(img, img.Cr, 2, 2), o)
	return out
}

// orientPlane writes src turned by EXIF orientation o into dst (already of the turned size).
func orientPlane(dst, src resample.Plane, o int) {
	for y := 0; y < src.H; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+src.W]
		for x, v := range row {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = src.W-1-x, y
			case 3: // upside down
				dx, dy = src.W-1-x, src.H-1-y
			case 4: // mirrored upside down
				dx, dy = x, src.H-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // turn 90° clockwise
				dx, dy = src.H-1-y, x
			case 7: // transversed
				dx, dy = src.H-1-y, src.W-1-x
			case 8: // turn 90° anticlockwise
				dx, dy = y, src.W-1-x
			default:
				dx, dy = x, y
			}
			dst.Pix[dy*dst.Stride+dx] = v
		}
	}
}

// planesOf returns img as Y, Cb and Cr planes: itself when it is a YCbCr picture (not a
// copy: a Source's picture, to read only), a 4:2:0 copy of an opaque RGBA or NRGBA
// picture (which can then be let go: a quarter of the memory), or nil. It only reads img.
func planesOf(img image.Image) *image.YCbCr {
	var pix []byte
	var stride int
	switch p := img.(type) {
	case *image.YCbCr:
		return p
	case *image.RGBA:
		pix, stride = p.Pix, p.Stride
	case *image.NRGBA:
		pix, stride = p.Pix, p.Stride
	default:
		return nil
	}
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	out := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	rows := (h + 1) / 2
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			for cy := k * rows / workers; cy < (k+1)*rows/workers; cy++ {
				toYCbCrRows(out, pix, stride, w, h, cy)
			}
		}(k)
	}
	wg.Wait()
	return out
}

// toYCbCrRows converts luma rows 2cy and 2cy+1 and chroma row cy (each chroma sample the
// average of its 2×2 pixels), with the JPEG (BT.601 full-range) coefficients.
func toYCbCrRows(out *image.YCbCr, pix []byte, stride, w, h, cy int) {
	crow := cy * out.CStride
	for cx := 0; cx < (w+1)/2; cx++ {
		var cb, cr float32
		n := float32(0)
		for y := 2 * cy; y < min(2*cy+2, h); y++ {
			for x := 2 * cx; x < min(2*cx+2, w); x++ {
				p := pix[y*stride+4*x : y*stride+4*x+3 : y*stride+4*x+3]
				r, g, b := float32(p[0]), float32(p[1]), float32(p[2])
				out.Y[y*out.YStride+x] = uint8(0.299*r + 0.587*g + 0.114*b + 0.5)
				cb += -0.168736*r - 0.331264*g + 0.5*b
				cr += 0.5*r - 0.418688*g - 0.081312*b
				n++
			}
		}
		out.Cb[crow+cx] = uint8(max(0, min(cb/n+128.5, 255)))
		out.Cr[crow+cx] = uint8(max(0, min(cr/n+128.5, 255)))
	}
}
