package bulkzoom

import (
	"bytes"
	"image"

	"logodesk/service/imagefit"
	"logodesk/service/limits"
)

// Thumbnail is the picture of one file as it would look once fitted, of about
// size×size pixels (upright, and cropped square when square is set), for a
// window to draw when the row becomes visible. It reads the whole file, so
// call it lazily, off the UI goroutine.
func Thumbnail(path string, size int, square bool) (image.Image, error) {
	data, err := imagefit.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lim := limits.Limit{Service: "Zoom", What: "thumbnail", MaxPixels: int64(size) * int64(size),
		Formats: limits.ZoomProfilePicture.Formats, Square: square}
	res, err := imagefit.Fit(data, lim, imagefit.Options{Square: square})
	if err != nil {
		return nil, err
	}
	if res.Image != nil {
		return res.Image, nil
	}
	img, _, err := image.Decode(bytes.NewReader(res.Bytes)) // already small: Fit sent it back as it was
	return img, err
}
