package imagefit

import (
	"image"
	"logodesk/service/svgraster"

	"github.com/disintegration/imaging"

	"logodesk/service/imagefit/internal/jpegdc"
)

// QuickPreview reads the picture at path and returns it upright, scaled to fit within
// maxSide×maxSide, as fast as it can: for something to show the moment a file is dropped,
// while Fit works. A large JPEG is decoded at 1/8 scale (each 8×8 block's average, see
// internal/jpegdc), a 24-megapixel photo in a few tens of milliseconds; other pictures are
// decoded fully. The result is for looking at, not for uploading. Errors are *Problem,
// the same as ReadFile's and Check's.
func QuickPreview(path string, maxSide int) (image.Image, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return QuickPreviewData(data, maxSide)
}

// QuickPreviewData is QuickPreview for a file already read (with ReadFile), so that the
// window can read a dropped file once, show this, then Fit the same bytes.
func QuickPreviewData(data []byte, maxSide int) (image.Image, error) {
	info, err := Check(data)
	if err != nil {
		return nil, err
	}
	maxSide = max(1, maxSide)
	if info.Format == "svg" {
		img, _, err := drawSVG(data, svgraster.Box{MaxWidth: maxSide, MaxHeight: maxSide})
		if err != nil {
			return nil, err
		}
		return img, nil
	}
	var img image.Image
	// An eighth is enough when it still fills maxSide.
	if info.Format == "jpeg" && max(info.Width, info.Height) >= 8*maxSide {
		img = decodeDC(data)
	}
	if img == nil {
		if img, err = decode(data); err != nil {
			return nil, err
		}
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if info.Orientation >= 5 {
		w, h = h, w
	}
	var out *image.NRGBA
	if s := float64(maxSide) / float64(max(w, h)); s < 1 {
		tw, th := max(1, int(float64(b.Dx())*s+0.5)), max(1, int(float64(b.Dy())*s+0.5))
		out = imaging.Resize(img, tw, th, imaging.Linear)
	} else {
		out = imaging.Clone(img)
	}
	if info.Orientation > 1 {
		return upright(out, info.Orientation), nil
	}
	return out, nil
}

// decodeDC is jpegdc.Decode, or nil when it can't (the caller then decodes fully).
func decodeDC(data []byte) (img image.Image) {
	defer func() {
		if recover() != nil {
			img = nil
		}
	}()
	img, err := jpegdc.Decode(data)
	if err != nil {
		return nil
	}
	return img
}
