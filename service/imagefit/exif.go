package imagefit

import (
	"bytes"
	"encoding/binary"
	"image"

	"github.com/disintegration/imaging"
	"github.com/rwcarlsen/goexif/exif"
)

// jpegOrientation returns the EXIF orientation (1–8) of a JPEG, 1 when absent or unreadable.
// It walks the JPEG segments up to the image data to find the APP1 "Exif" segment (at most
// 64 KB), and lets goexif parse that segment's TIFF structure.
func jpegOrientation(data []byte) int {
	seg := exifSegment(data)
	if seg == nil {
		return 1
	}
	o := 1
	func() {
		defer func() { _ = recover() }() // a malformed EXIF block never stops the picture
		x, err := exif.Decode(bytes.NewReader(seg))
		if err != nil && x == nil {
			return
		}
		tag, err := x.Get(exif.Orientation)
		if err != nil {
			return
		}
		if v, err := tag.Int(0); err == nil && v >= 1 && v <= 8 {
			o = v
		}
	}()
	return o
}

// exifSegment returns the TIFF payload of the first APP1 Exif segment, or nil.
func exifSegment(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return nil
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan / end of image: no more headers
			return nil
		}
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		if size < 2 || i+2+size > len(data) {
			return nil
		}
		body := data[i+4 : i+2+size]
		if marker == 0xE1 && bytes.HasPrefix(body, []byte("Exif\x00\x00")) {
			tiff := body[6:]
			if bytes.HasPrefix(tiff, []byte("II*\x00")) || bytes.HasPrefix(tiff, []byte("MM\x00*")) {
				return tiff
			}
			return nil
		}
		i += 2 + size
	}
	return nil
}

// upright applies an EXIF orientation (imaging's transforms, as imaging.Decode's AutoOrientation does).
func upright(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}
