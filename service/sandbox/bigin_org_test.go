package sandbox_test

import (
	"bytes"
	"testing"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
)

type biginOrgBody struct {
	Org []map[string]any `json:"org"`
}

func TestBiginOrgLogo(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	org := func() map[string]any {
		r := e.do(req{method: "GET", path: "/zoho/bigin/v2/org", auth: zohoDemo})
		var b biginOrgBody
		decodeJSON(t, r.body, &b)
		if r.status != 200 || len(b.Org) != 1 {
			t.Fatalf("GET org: %d %s", r.status, r.body)
		}
		return b.Org[0]
	}
	first := org()
	if first["id"] != sandbox.DemoBiginOrgID || first["company_name"] != "Zylker Inc." || first["photo_id"] != nil {
		t.Fatalf("demo Bigin org = %v, want its id, name and no logo", first)
	}
	if data, _ := e.srv.BiginOrgLogo(); data != nil {
		t.Fatal("demo Bigin org has a logo")
	}

	logo := pngBytes(t, 40, 30)
	wantBody(t, e.do(upload("POST", "/zoho/bigin/v2/org/photo", zohoDemo, "file", logo, "image/png", t)), 200,
		`{"code":"SUCCESS","details":{},"message":"photo uploaded successfully","status":"success"}`)
	if data, mime := e.srv.BiginOrgLogo(); !bytes.Equal(data, logo) || mime != "image/png" {
		t.Fatalf("stored logo differs from the upload (%s)", mime)
	}
	id1, _ := org()["photo_id"].(string)
	if id1 == "" {
		t.Fatal("no photo_id after an upload")
	}
	e.do(upload("POST", "/zoho/bigin/v2/org/photo", zohoDemo, "file", jpegBytes(t, 20, 20), "image/jpeg", t))
	if id2, _ := org()["photo_id"].(string); id2 == "" || id2 == id1 {
		t.Fatalf("photo_id %q → %q: each upload gives a new id", id1, id2)
	}

	// Bigin documents no way to read or delete the logo: Zoho's answer for a method the URL doesn't take.
	for _, m := range []string{"GET", "DELETE", "PUT"} {
		wantBody(t, e.do(req{method: m, path: "/zoho/bigin/v2/org/photo", auth: zohoDemo}), 400,
			`{"code":"INVALID_REQUEST_METHOD","details":{},"message":"The http request method type is not a valid one","status":"error"}`)
	}
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/org/logo", auth: zohoDemo}), 404, "INVALID_URL_PATTERN")
}

func TestBiginOrgLogoLimitsAndRights(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	const path = "/zoho/bigin/v2/org/photo"
	d := wantZohoErr(t, e.do(upload("POST", path, zohoDemo, "file", bigPNG(t, 1<<20), "image/png", t)), 413, "FILE_SIZE_EXCEEDS")
	if d["size"] != float64(1<<20) {
		t.Errorf("details %v, want the 1 MB limit", d)
	}
	wantZohoErr(t, e.do(upload("POST", path, zohoDemo, "file", hugePNG(t, 4000, 2501), "image/png", t)), 415, "FILE_RESOLUTION_EXCEEDS")
	legacy := newEnv(t, sandbox.Options{LegacySizeErrors: true})
	wantZohoErr(t, legacy.do(upload("POST", path, zohoDemo, "file", bigPNG(t, 1<<20), "image/png", t)), 415, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE")

	// A sign-in from before LogoDesk asked for ZohoBigin.org.* is refused for lack of scope.
	old := "Zoho-oauthtoken " + e.token(tokens.Zoho, sandbox.ZohoAdminID, "ZohoBigin.modules.ALL", "ZohoCRM.org.ALL")
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/org", auth: old}), 401, "OAUTH_SCOPE_MISMATCH")
	wantZohoErr(t, e.do(upload("POST", path, old, "file", pngBytes(t, 8, 8), "image/png", t)), 401, "OAUTH_SCOPE_MISMATCH")
	// READ reads the details but can't upload; CREATE uploads.
	reader := "Zoho-oauthtoken " + e.token(tokens.Zoho, sandbox.ZohoAdminID, "ZohoBigin.org.READ")
	if r := e.do(req{method: "GET", path: "/zoho/bigin/v2/org", auth: reader}); r.status != 200 {
		t.Fatalf("org.READ: %d %s", r.status, r.body)
	}
	wantZohoErr(t, e.do(upload("POST", path, reader, "file", pngBytes(t, 8, 8), "image/png", t)), 401, "OAUTH_SCOPE_MISMATCH")
	creator := "Zoho-oauthtoken " + e.token(tokens.Zoho, sandbox.ZohoAdminID, "ZohoBigin.org.CREATE")
	if r := e.do(upload("POST", path, creator, "file", pngBytes(t, 8, 8), "image/png", t)); r.status != 200 {
		t.Fatalf("org.CREATE upload: %d %s", r.status, r.body)
	}
	viewer := "Zoho-oauthtoken " + e.token(tokens.Zoho, sandbox.ZohoViewerID, "ZohoBigin.org.ALL")
	wantBody(t, e.do(upload("POST", path, viewer, "file", pngBytes(t, 8, 8), "image/png", t)), 403,
		`{"code":"NO_PERMISSION","details":{"permissions":["org.photo.upload"]},"message":"Permission denied to update","status":"error"}`)
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/org"}), 401, "AUTHENTICATION_FAILURE")
}

func TestBiginOrgLogoReadableOption(t *testing.T) {
	e := newEnv(t, sandbox.Options{BiginOrgLogoReadable: true})
	if r := e.do(req{method: "GET", path: "/zoho/bigin/v2/org/photo", auth: zohoDemo}); r.status != 204 || len(r.body) != 0 {
		t.Fatalf("no logo: %d %q", r.status, r.body)
	}
	logo := pngBytes(t, 16, 16)
	e.do(upload("POST", "/zoho/bigin/v2/org/photo", zohoDemo, "file", logo, "image/png", t))
	if r := e.do(req{method: "GET", path: "/zoho/bigin/v2/org/photo", auth: zohoDemo}); r.status != 200 || !bytes.Equal(r.body, logo) || r.header.Get("Content-Type") != "image/png" {
		t.Fatalf("logo: %d %s", r.status, r.header.Get("Content-Type"))
	}
	wantZohoErr(t, e.do(req{method: "DELETE", path: "/zoho/bigin/v2/org/photo", auth: zohoDemo}), 400, "INVALID_REQUEST_METHOD")
}
