package imagefit

import (
	"image"

	"logodesk/service/imagefit/internal/resample"
)

// prepareYCbCr crops, resizes and turns upright a decoded JPEG without leaving its
// planes: Y, Cb and Cr are each resized with Lanczos-3 straight into a 4:2:0 picture
// of tw×th (before turning upright), which the JPEG encoder takes as it is. Compared
// with converting to RGBA first, that is 1.5 samples per pixel instead of 4.
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
