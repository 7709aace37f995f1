package sandbox_test

import (
	"bytes"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/contract"
	"logodesk/service/sandbox/tokens"
)

// env is a sandbox on loopback, behind the contract checker.
type env struct {
	t    *testing.T
	srv  *sandbox.Server
	run  *sandbox.Running
	root string
}

func newEnv(t *testing.T, opt sandbox.Options) *env {
	t.Helper()
	srv := sandbox.New(opt)
	run, err := sandbox.Start("127.0.0.1:0", contract.Middleware(t, srv))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run.Close() })
	return &env{t: t, srv: srv, run: run, root: run.URL}
}

// token issues a token for vendor/user with scopes.
func (e *env) token(vendor, user string, scopes ...string) string {
	return e.srv.Tokens().Issue(tokens.Grant{Vendor: vendor, User: user, Scopes: scopes})
}

type req struct {
	method, path string // path from ROOT
	auth         string // full Authorization header value; "" = none
	body         []byte
	ctype        string
	badOnPurpose bool // the request breaks the vendor's contract on purpose
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (e *env) do(r req) resp {
	e.t.Helper()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	hr, err := http.NewRequest(r.method, e.root+r.path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if r.auth != "" {
		hr.Header.Set("Authorization", r.auth)
	}
	if r.ctype != "" {
		hr.Header.Set("Content-Type", r.ctype)
	}
	if r.badOnPurpose {
		hr.Header.Set(contract.SkipRequestHeader, "deliberately invalid request")
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp{status: res.StatusCode, header: res.Header, body: b}
}

const (
	zohoDemo = "Zoho-oauthtoken " + tokens.DemoToken
	zoomDemo = "Bearer " + tokens.DemoToken
)

// wantBody checks status and that the body is exactly want.
func wantBody(t *testing.T, r resp, status int, want string) {
	t.Helper()
	if r.status != status || string(r.body) != want {
		t.Fatalf("got %d %s\nwant %d %s", r.status, r.body, status, want)
	}
}

// wantZohoErr checks a CRM/Bigin error: status, code, the four keys, status "error".
func wantZohoErr(t *testing.T, r resp, status int, code string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("status %d, body %q: %v", r.status, r.body, err)
	}
	if r.status != status || m["code"] != code || m["status"] != "error" || len(m) != 4 {
		t.Fatalf("got %d %s, want %d code %s", r.status, r.body, status, code)
	}
	if _, ok := m["details"].(map[string]any); !ok {
		t.Fatalf("details is not an object: %s", r.body)
	}
	if msg, _ := m["message"].(string); msg == "" {
		t.Fatalf("no message: %s", r.body)
	}
	return m["details"].(map[string]any)
}

func wantZoomErr(t *testing.T, r resp, status, code int, msg string) {
	t.Helper()
	want, _ := json.Marshal(map[string]any{"code": code, "message": msg})
	wantBody(t, r, status, string(want))
}

func wantContractsErr(t *testing.T, r resp, status int, code string) {
	t.Helper()
	var m struct {
		Errors struct{ ErrorCode, ErrorMessage string }
	}
	if err := json.Unmarshal(r.body, &m); err != nil || r.status != status || m.Errors.ErrorCode != code || m.Errors.ErrorMessage == "" {
		t.Fatalf("got %d %s, want %d ErrorCode %s", r.status, r.body, status, code)
	}
}

type mpart struct {
	field, filename, ctype string
	data                   []byte
}

func multipartBody(t *testing.T, parts ...mpart) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p.field + `"`
		if p.filename != "" {
			cd += `; filename="` + p.filename + `"`
		}
		h.Set("Content-Disposition", cd)
		if p.ctype != "" {
			h.Set("Content-Type", p.ctype)
		}
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = pw.Write(p.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.FormDataContentType()
}

// upload builds a multipart request with one file part.
func upload(method, path, auth, field string, data []byte, ctype string, t *testing.T) req {
	body, ct := multipartBody(t, mpart{field: field, filename: "pic" + ext(ctype), ctype: ctype, data: data})
	return req{method: method, path: path, auth: auth, body: body, ctype: ct}
}

func ext(ctype string) string {
	switch ctype {
	case "image/jpeg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	}
	return ".png"
}

func solid(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	return img
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, solid(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, solid(w, h), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG is a valid PNG header claiming w×h pixels with a tiny body: enough for
// DecodeConfig, which is all a resolution check needs.
func hugePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	small := pngBytes(t, 1, 1)
	// IHDR width/height live at bytes 16..24, its CRC at 29..33.
	b := append([]byte(nil), small...)
	put := func(off int, v int) {
		b[off], b[off+1], b[off+2], b[off+3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
	put(16, w)
	put(20, h)
	put(29, int(crc32.ChecksumIEEE(b[12:29]))) // IHDR type+data
	return b
}

// bigPNG is a valid small-resolution PNG padded past n bytes with an ancillary chunk.
func bigPNG(t *testing.T, n int) []byte {
	t.Helper()
	small := pngBytes(t, 4, 4)
	iend := len(small) - 12
	pad := make([]byte, n)
	chunk := make([]byte, 0, n+12)
	l := len(pad)
	chunk = append(chunk, byte(l>>24), byte(l>>16), byte(l>>8), byte(l))
	chunk = append(chunk, "teXt"...)
	chunk = append(chunk, pad...)
	chunk = append(chunk, 0, 0, 0, 0)
	out := append(append(append([]byte(nil), small[:iend]...), chunk...), small[iend:]...)
	return out
}

func decodeJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
}

func within(t *testing.T, d, lo, hi time.Duration) {
	t.Helper()
	if d < lo || d > hi {
		t.Fatalf("took %v, want between %v and %v", d, lo, hi)
	}
}

var _ = strings.TrimSpace
