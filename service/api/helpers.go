package api

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
)

// Multipart builds a multipart/form-data body holding one file in field, with
// an explicit Content-Type on the part (Zoom checks it; CreateFormFile would
// label every file application/octet-stream).
func Multipart(field, filename, mime string, data []byte) (body []byte, contentType string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, field, filename))
	h.Set("Content-Type", mime)
	part, _ := w.CreatePart(h) // writes to a bytes.Buffer cannot fail
	_, _ = part.Write(data)
	_ = w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

// FileName gives an upload a name whose extension matches its type.
func FileName(base, mime string) string {
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/bmp": ".bmp"}[mime]
	if ext == "" {
		ext = ".img"
	}
	return base + ext
}

// GetPhoto fetches a picture endpoint: 200 with image bytes, or 204 (or an empty
// body) for "no picture yet", which is a result, not an error.
func (c *Client) GetPhoto(ctx context.Context, path, action string) (Photo, error) {
	resp, err := c.Do(ctx, Request{Method: http.MethodGet, Path: path, Accept: "image/*", Action: action})
	if err != nil {
		return Photo{}, err
	}
	return PhotoFromBody(c.Service, resp.Status, resp.Body)
}

// PhotoFromBody checks that a successful answer really is a picture.
func PhotoFromBody(service string, status int, body []byte) (Photo, error) {
	if status == http.StatusNoContent || len(body) == 0 {
		return Photo{}, nil
	}
	mime := http.DetectContentType(body)
	if !strings.HasPrefix(mime, "image/") {
		return Photo{}, &Error{Service: service, Kind: KindServer, HTTPStatus: status,
			Message:  service + " sent something that isn't a picture.",
			NextStep: "Try again later; if it keeps happening, LogoDesk may need an update."}
	}
	return Photo{Present: true, Bytes: body, MIME: mime}, nil
}
