package contract_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/contract"
	"logodesk/service/sandbox/tokens"
)

// recTB records what the middleware reports instead of failing the test.
type recTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recTB) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func (r *recTB) reported() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// fixed answers every request with status, content type and body.
func fixed(status int, ctype, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

func run(t *testing.T, h http.Handler, method, path string, body []byte, ctype string, skip bool) []string {
	t.Helper()
	rec := &recTB{TB: t}
	srv := httptest.NewServer(contract.Middleware(rec, h))
	defer srv.Close()
	req, _ := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if skip {
		req.Header.Set(contract.SkipRequestHeader, "1")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return rec.reported()
}

func form(t *testing.T, field, ctype string, data []byte) ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{`form-data; name="` + field + `"; filename="x"`}
	h["Content-Type"] = []string{ctype}
	p, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = p.Write(data)
	_ = w.Close()
	return b.Bytes(), w.FormDataContentType()
}

func TestLoadAndMatch(t *testing.T) {
	s, err := contract.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		method, path, tmpl string
		ok                 bool
	}{
		{"GET", "/zoho/crm/v8/org", "/crm/v8/org", true},
		{"GET", "/zoho/crm/v2.1/org/photo", "/org/photo", true},
		{"POST", "/zoho/crm/v8/org/photo", "/org/photo", true},
		{"DELETE", "/zoho/bigin/v2/Contacts/123/photo", "/{module}/{record}/photo", true},
		{"GET", "/zoom/v2/users", "/users", true},
		{"GET", "/zoom/v2/users/me", "/users/{userId}", true},
		{"POST", "/zoom/v2/users/me/picture", "/users/{userId}/picture", true},
		{"PUT", "/zoho/crm/v8/org/photo", "", false}, // method not in the spec
		{"GET", "/zoho/bigin/v2/Contacts", "", false},
		{"GET", "/contracts/api/v1/admin/orginfo", "", false},
	} {
		route, _, ok := s.Match(c.method, c.path)
		if ok != c.ok || (ok && route.Path != c.tmpl) {
			t.Errorf("%s %s: ok=%v route=%v", c.method, c.path, ok, route)
		}
	}
}

// The checker must be able to fail: responses and requests that break the specs are reported.
func TestReportsMismatches(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\nrest")
	okBody, okType := form(t, "file", "image/png", png)
	wrongBody, wrongType := form(t, "photo", "image/png", png)
	for _, c := range []struct {
		name, method, path string
		h                  http.Handler
		body               []byte
		ctype              string
	}{
		{"org upload success with wrong code", "POST", "/zoho/crm/v8/org/photo",
			fixed(200, "application/json", `{"code":"OK","details":{},"message":"m","status":"success"}`), okBody, okType},
		{"org upload 413 with size as string", "POST", "/zoho/crm/v8/org/photo",
			fixed(413, "application/json", `{"code":"FILE_SIZE_EXCEEDS","details":{"size":"1MB"},"message":"m","status":"error"}`), okBody, okType},
		{"org upload 415 with an unknown code", "POST", "/zoho/crm/v8/org/photo",
			fixed(415, "application/json", `{"code":"TOO_BIG","details":{},"message":"m","status":"error"}`), okBody, okType},
		{"record photo 400 missing details", "GET", "/zoho/bigin/v2/Contacts/1/photo",
			fixed(400, "application/json", `{"code":"INVALID_DATA","message":"m","status":"error"}`), nil, ""},
		{"org photo GET answered as JSON", "GET", "/zoho/crm/v8/org/photo", fixed(200, "application/json", `{}`), nil, ""},
		{"org without required keys", "GET", "/zoho/crm/v8/org", fixed(200, "application/json", `{"org":[{"id":"1"}]}`), nil, ""},
		{"zoom user with string type", "GET", "/zoom/v2/users/me", fixed(200, "application/json", `{"id":"x","type":"2"}`), nil, ""},
		{"zoom list item without type", "GET", "/zoom/v2/users", fixed(200, "application/json", `{"users":[{"email":"a@zylker.example"}]}`), nil, ""},
		{"upload under the wrong field", "POST", "/zoho/crm/v8/org/photo",
			fixed(200, "application/json", `{"code":"SUCCESS","details":{},"message":"m","status":"success"}`),
			wrongBody, wrongType},
	} {
		t.Run(c.name, func(t *testing.T) {
			if errs := run(t, c.h, c.method, c.path, c.body, c.ctype, false); len(errs) == 0 {
				t.Fatal("mismatch not reported")
			}
		})
	}
}

func TestTolerances(t *testing.T) {
	jpegOK := fixed(200, "image/jpeg", "\xff\xd8\xff jpeg bytes")
	if errs := run(t, jpegOK, "GET", "/zoho/crm/v8/org/photo", nil, "", false); len(errs) != 0 {
		t.Fatalf("JPEG org photo: %v", errs)
	}
	picBody, picType := form(t, "pic_file", "image/png", []byte("x"))
	if errs := run(t, fixed(201, "", ""), "POST", "/zoom/v2/users/me/picture", picBody, picType, false); len(errs) != 0 {
		t.Fatalf("empty 201: %v", errs)
	}
	legacy := fixed(415, "application/json", `{"code":"FILE_SIZE_MORE_THAN_ALLOWED_SIZE","details":{},"message":"m","status":"error"}`)
	body, ct := form(t, "file", "image/png", []byte("\x89PNG"))
	if errs := run(t, legacy, "POST", "/zoho/crm/v8/org/photo", body, ct, false); len(errs) != 0 {
		t.Fatalf("legacy size error: %v", errs)
	}
	// a wrong field is reported unless the test says it is on purpose
	body, ct = form(t, "photo", "image/png", []byte("\x89PNG"))
	ok := fixed(400, "application/json", `{"code":"INVALID_DATA","details":{},"message":"m","status":"error"}`)
	if errs := run(t, ok, "POST", "/zoho/crm/v8/org/photo", body, ct, false); len(errs) == 0 {
		t.Fatal("wrong field not reported")
	}
	if errs := run(t, ok, "POST", "/zoho/crm/v8/org/photo", body, ct, true); len(errs) != 0 {
		t.Fatalf("skipped request still reported: %v", errs)
	}
	// undocumented statuses (401 here) and uncovered paths pass
	if errs := run(t, fixed(401, "application/json", `{"whatever":1}`), "GET", "/zoho/crm/v8/org", nil, "", false); len(errs) != 0 {
		t.Fatalf("401: %v", errs)
	}
	if errs := run(t, fixed(200, "text/plain", "x"), "GET", "/contracts/api/v1/admin/orginfo", nil, "", false); len(errs) != 0 {
		t.Fatalf("uncovered: %v", errs)
	}
}

// The sandbox's demo answers on every covered endpoint match the specs.
func TestSandboxMatchesSpecs(t *testing.T) {
	rec := &recTB{TB: t}
	srv := httptest.NewServer(contract.Middleware(rec, sandbox.New(sandbox.Options{})))
	defer srv.Close()
	get := func(path, auth string) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Authorization", auth)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	zoho, zoom := "Zoho-oauthtoken "+tokens.DemoToken, "Bearer "+tokens.DemoToken
	get("/zoho/crm/v8/org", zoho)
	get("/zoho/crm/v8/org/photo", zoho)
	get("/zoho/bigin/v2/Contacts/"+sandbox.DemoContactWithPic+"/photo", zoho)
	get("/zoho/bigin/v2/Contacts/"+sandbox.DemoContactNoPic+"/photo", zoho)
	get("/zoho/bigin/v2/Contacts/1/photo", zoho)
	get("/zoom/v2/users", zoom)
	get("/zoom/v2/users/me", zoom)
	get("/zoom/v2/users/nobody", zoom)
	if errs := rec.reported(); len(errs) != 0 {
		t.Fatalf("sandbox answers break the specs:\n%s", strings.Join(errs, "\n"))
	}
}
