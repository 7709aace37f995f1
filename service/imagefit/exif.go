package imagefit

import (
	"bytes"
	"encoding/binary"
	"image"

	"github.com/disintegration/imaging"
)

// jpegOrientation returns the EXIF orientation (1–8) of a JPEG, 1 when absent or unreadable.
// It walks the JPEG segments up to the image data to find the APP1 "Exif" segment (at most
// 64 KB), and reads the Orientation tag from that segment's first IFD itself: every offset
// and count is checked against the segment, and nothing is allocated, whatever the file
// claims. (A general EXIF parser allocated what a tag's count said: a 660-byte JPEG whose
// Orientation claimed 2³¹ values cost 16 GB.)
func jpegOrientation(data []byte) int {
	tiff := exifSegment(data)
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder = binary.BigEndian
	if tiff[0] == 'I' {
		order = binary.LittleEndian
	}
	ifd := int64(order.Uint32(tiff[4:8]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return 1
	}
	n := int64(order.Uint16(tiff[ifd:]))
	for i := int64(0); i < n; i++ {
		e := ifd + 2 + 12*i
		if e+12 > int64(len(tiff)) {
			return 1
		}
		if order.Uint16(tiff[e:]) != 0x0112 { // Orientation
			continue
		}
		typ, count := order.Uint16(tiff[e+2:]), order.Uint32(tiff[e+4:])
		var v uint32
		switch {
		case count == 0:
			return 1
		case typ == 3: // SHORT, as the standard says
			v = uint32(order.Uint16(tiff[e+8:])) // the first value, in the entry when there are one or two
			if count > 2 {
				off := int64(order.Uint32(tiff[e+8:]))
				if off+2 > int64(len(tiff)) {
					return 1
				}
				v = uint32(order.Uint16(tiff[off:]))
			}
		case typ == 4 && count == 1: // LONG, as some writers put it
			v = order.Uint32(tiff[e+8:])
		case typ == 1 && count <= 4: // BYTE, in the entry
			v = uint32(tiff[e+8])
		default:
			return 1
		}
		if v >= 1 && v <= 8 {
			return int(v)
		}
		return 1
	}
	return 1
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
