package sandbox

import (
	"bytes"
	"errors"
	"image"
	_ "image/gif" // decoders for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime"
	"net/http"
	"strings"

	_ "golang.org/x/image/bmp"
)

// maxRequestBody bounds what the sandbox reads of any upload.
const maxRequestBody = 64 << 20

// part is one part of a multipart/form-data body.
type part struct {
	field    string
	filename string
	data     []byte // at most max+1 bytes
	size     int64  // the full size, also when data was cut short
	tooBig   bool   // size > max
}

// readParts reads every part of r's multipart/form-data body, keeping at most max+1
// bytes of each. A body that is not multipart yields no parts (and no error).
func readParts(w http.ResponseWriter, r *http.Request, max int64) ([]part, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	var parts []part
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return parts, nil
		}
		if err != nil {
			return parts, err
		}
		var buf bytes.Buffer
		n, err := io.Copy(&buf, io.LimitReader(p, max+1))
		if err != nil {
			return parts, err
		}
		pt := part{field: p.FormName(), filename: p.FileName(), data: buf.Bytes(), size: n}
		if n > max {
			pt.tooBig = true
			rest, err := io.Copy(io.Discard, io.LimitReader(p, maxRequestBody))
			if err != nil {
				return parts, err
			}
			pt.size += rest
		}
		parts = append(parts, pt)
	}
}

// sniffImage returns the MIME type sniffed from data and, when Go can decode the
// header, its width×height. ok is false when data is not an image we can read.
func sniffImage(data []byte) (mimeType string, pixels int64, ok bool) {
	mimeType = http.DetectContentType(data)
	if !strings.HasPrefix(mimeType, "image/") {
		return mimeType, 0, false
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return mimeType, 0, false
	}
	return mimeType, int64(cfg.Width) * int64(cfg.Height), true
}
