package imagefit

import (
	"bytes"
	"unicode/utf8"
)

// readable formats: the ones with a registered Go decoder.
var readable = []struct {
	format, mime string
	match        func([]byte) bool
}{
	{"jpeg", "image/jpeg", func(b []byte) bool { return bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}) }},
	{"png", "image/png", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }},
	{"gif", "image/gif", func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
	}},
	{"bmp", "image/bmp", func(b []byte) bool { return len(b) >= 14 && bytes.HasPrefix(b, []byte("BM")) }},
	{"webp", "image/webp", func(b []byte) bool {
		return len(b) >= 12 && bytes.HasPrefix(b, []byte("RIFF")) && bytes.Equal(b[8:12], []byte("WEBP"))
	}},
}

// sniffReadable returns the format name and MIME type when data starts like a format we decode.
func sniffReadable(data []byte) (format, mime string, ok bool) {
	for _, r := range readable {
		if r.match(data) {
			return r.format, r.mime, true
		}
	}
	return "", "", false
}

const exportJPEGorPNG = "Export it as JPEG or PNG and try again."

// unreadableReason names a file we can't read, from its first bytes, in one plain sentence.
func unreadableReason(data []byte) string {
	has := func(prefix string) bool { return bytes.HasPrefix(data, []byte(prefix)) }
	switch {
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return isoBMFFReason(data)
	case has("%PDF-"):
		return "This file is a PDF document, not an image. Export the page as PNG or JPEG."
	case has("II*\x00\x10\x00\x00\x00CR"):
		return "This is a Canon RAW photo, which LogoDesk can't read. " + exportJPEGorPNG
	case has("II*\x00"), has("MM\x00*"):
		return "This is a TIFF image (or a camera RAW photo), which LogoDesk can't read. " + exportJPEGorPNG
	case has("8BPS"):
		return "This is a Photoshop file (PSD), which LogoDesk can't read. Export it as PNG or JPEG and try again."
	case has("\x00\x00\x01\x00"), has("\x00\x00\x02\x00"):
		return "This is an icon file (ICO), which LogoDesk can't read. Export it as PNG and try again."
	case has("\xFF\x0A"), has("\x00\x00\x00\x0CJXL \r\n\x87\n"):
		return "This is a JPEG XL image, which LogoDesk can't read. " + exportJPEGorPNG
	case has("\x00\x00\x00\x0CjP  \r\n\x87\n"), has("\xFF\x4F\xFF\x51"):
		return "This is a JPEG 2000 image, which LogoDesk can't read. " + exportJPEGorPNG
	case has("gimp xcf"):
		return "This is a GIMP file (XCF), which LogoDesk can't read. Export it as PNG or JPEG and try again."
	case has("%!PS"), has("\xC5\xD0\xD3\xC6"):
		return "This is a PostScript or EPS file, not an image LogoDesk can read. Export it as PNG or JPEG."
	case has("RIFF") && len(data) >= 12:
		return "This file is audio or video, not an image. Pick a photo or picture file instead."
	case has("PK\x03\x04"):
		return "This file is a ZIP archive or an Office document, not an image. Save the picture itself as PNG or JPEG."
	case has("Rar!"), has("7z\xBC\xAF\x27\x1C"), has("\x1F\x8B"):
		return "This file is a compressed archive, not an image. Unpack it and pick the picture inside."
	case has("MZ"), has("\x7FELF"):
		return "This file is a program, not an image. Pick a photo or picture file instead."
	case has("\x1A\x45\xDF\xA3"), has("OggS"), has("ID3"), has("fLaC"):
		return "This file is audio or video, not an image. Pick a photo or picture file instead."
	}
	if text, ok := asText(data); ok {
		lower := bytes.ToLower(text)
		switch {
		case bytes.Contains(lower, []byte("<svg")):
			return "This looks like an SVG drawing, but LogoDesk couldn't read it as one. Export it as PNG and try again."
		case bytes.Contains(lower, []byte("<html")), bytes.Contains(lower, []byte("<!doctype html")):
			return "This file is a web page, not an image. Save the picture itself as PNG or JPEG."
		}
		return "This file is text, not an image. Pick a photo or picture file instead."
	}
	return "This file isn't an image LogoDesk can read. Use a JPEG or PNG file."
}

// isoBMFFReason names HEIC, HEIF, AVIF and the video files that share their container.
func isoBMFFReason(data []byte) string {
	// The major brand, then the compatible brands, up to the end of the ftyp box.
	end := len(data)
	if size := int(uint32(data[0])<<24 | uint32(data[1])<<16 | uint32(data[2])<<8 | uint32(data[3])); size >= 16 && size < end {
		end = size
	}
	brands := []string{string(data[8:12])}
	for i := 16; i+4 <= end && i < 256; i += 4 {
		brands = append(brands, string(data[i:i+4]))
	}
	for _, b := range brands {
		switch b {
		case "heic", "heix", "hevc", "hevx", "heim", "heis":
			return "This is a HEIC photo, which LogoDesk can't read. " + exportJPEGorPNG
		case "avif", "avis":
			return "This is an AVIF image, which LogoDesk can't read. " + exportJPEGorPNG
		case "crx ":
			return "This is a Canon RAW photo, which LogoDesk can't read. " + exportJPEGorPNG
		}
	}
	for _, b := range brands {
		if b == "mif1" || b == "msf1" {
			return "This is a HEIF image, which LogoDesk can't read. " + exportJPEGorPNG
		}
	}
	return "This file is a video, not an image. Pick a photo or picture file instead."
}

// asText returns the start of data, without a byte-order mark and leading space, when it looks like text.
func asText(data []byte) ([]byte, bool) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	// A cut in the middle of a multi-byte character at the end is fine.
	for i := 0; i < 3 && len(head) > 0 && !utf8.Valid(head); i++ {
		head = head[:len(head)-1]
	}
	if len(head) == 0 || !utf8.Valid(head) {
		return nil, false
	}
	for _, c := range head {
		if c < 0x09 || (c > 0x0D && c < 0x20) {
			return nil, false
		}
	}
	return bytes.TrimLeft(head, " \t\r\n"), true
}
