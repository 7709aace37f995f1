package sandbox_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
)

func orgDetails(t *testing.T, e *env) map[string]any {
	t.Helper()
	r := e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: zohoDemo})
	var got struct{ Org []map[string]any }
	decodeJSON(t, r.body, &got)
	if r.status != 200 || len(got.Org) != 1 {
		t.Fatalf("GET org: %d %s", r.status, r.body)
	}
	return got.Org[0]
}

func TestCRMOrgDetails(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	org := orgDetails(t, e)
	if org["company_name"] != "Zylker Inc." || org["id"] != sandbox.DemoOrgID || org["country_code"] != "US" {
		t.Fatalf("org = %v", org)
	}
	if id, _ := org["photo_id"].(string); id == "" {
		t.Fatalf("demo org has a logo, photo_id = %v", org["photo_id"])
	}
}

func TestCRMOrgPhotoLifecycle(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	// demo logo
	r := e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: zohoDemo})
	if r.status != 200 || r.header.Get("Content-Type") != "image/png" || !bytes.Equal(r.body, sandbox.DemoLogoPNG()) {
		t.Fatalf("GET demo logo: %d %s %d bytes", r.status, r.header.Get("Content-Type"), len(r.body))
	}
	firstID := orgDetails(t, e)["photo_id"]

	// upload a JPEG through an older version path; photo_id changes; GET gives it back as JPEG
	jpg := jpegBytes(t, 64, 48)
	r = e.do(upload("POST", "/zoho/crm/v2/org/photo", zohoDemo, "file", jpg, "image/jpeg", t))
	wantBody(t, r, 200, `{"code":"SUCCESS","details":{},"message":"photo uploaded successfully","status":"success"}`)
	secondID := orgDetails(t, e)["photo_id"]
	if secondID == firstID || secondID == nil {
		t.Fatalf("photo_id did not change on upload: %v → %v", firstID, secondID)
	}
	r = e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: zohoDemo})
	if r.status != 200 || r.header.Get("Content-Type") != "image/jpeg" || !bytes.Equal(r.body, jpg) {
		t.Fatalf("GET after upload: %d %s", r.status, r.header.Get("Content-Type"))
	}
	// a second upload gets yet another id
	r = e.do(upload("POST", "/zoho/crm/v8/org/photo", zohoDemo, "file", pngBytes(t, 10, 10), "image/png", t))
	if r.status != 200 || orgDetails(t, e)["photo_id"] == secondID {
		t.Fatalf("second upload: %d, photo_id %v", r.status, orgDetails(t, e)["photo_id"])
	}

	// delete → 204 and photo_id null
	r = e.do(req{method: "DELETE", path: "/zoho/crm/v8/org/photo", auth: zohoDemo})
	wantBody(t, r, 200, `{"code":"SUCCESS","details":{},"message":"Photo deleted","status":"success"}`)
	r = e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: zohoDemo})
	if r.status != 204 || len(r.body) != 0 {
		t.Fatalf("GET after delete: %d %q", r.status, r.body)
	}
	if id, present := orgDetails(t, e)["photo_id"]; !present || id != nil {
		t.Fatalf("photo_id after delete = %v (present %v), want null", id, present)
	}
}

func TestZohoAuthErrors(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	e := newEnv(t, sandbox.Options{Now: func() time.Time { return now }})
	expired := e.srv.Tokens().Issue(tokens.Grant{Vendor: tokens.Zoho, User: "admin", Scopes: []string{"ZohoCRM.org.ALL"},
		Expiry: now.Add(-time.Second)})
	live := e.srv.Tokens().Issue(tokens.Grant{Vendor: tokens.Zoho, User: "admin", Scopes: []string{"ZohoCRM.org.ALL"},
		Expiry: now.Add(time.Hour)})
	zoomTok := e.token(tokens.Zoom, "admin", "user:read")
	for _, tc := range []struct {
		name, auth string
		status     int
		code       string
	}{
		{"no header", "", 401, "AUTHENTICATION_FAILURE"},
		{"bearer style", "Bearer " + tokens.DemoToken, 401, "AUTHENTICATION_FAILURE"},
		{"unknown token", "Zoho-oauthtoken 1000.nope", 401, "INVALID_TOKEN"},
		{"expired token", "Zoho-oauthtoken " + expired, 401, "INVALID_TOKEN"},
		{"zoom token", "Zoho-oauthtoken " + zoomTok, 401, "INVALID_TOKEN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range []string{"/zoho/crm/v8/org", "/zoho/crm/v8/org/photo", "/zoho/bigin/v2/Contacts?fields=Email"} {
				wantZohoErr(t, e.do(req{method: "GET", path: p, auth: tc.auth}), tc.status, tc.code)
			}
		})
	}
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: "Zoho-oauthtoken " + live}); r.status != 200 {
		t.Fatalf("live token: %d %s", r.status, r.body)
	}
	// exact documented body
	wantBody(t, e.do(req{method: "GET", path: "/zoho/crm/v8/org"}), 401,
		`{"code":"AUTHENTICATION_FAILURE","details":{},"message":"Authentication failed","status":"error"}`)
	e.srv.Tokens().Expire(live)
	wantBody(t, e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: "Zoho-oauthtoken " + live}), 401,
		`{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}`)
}

func TestCRMScopes(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	png := pngBytes(t, 8, 8)
	for _, tc := range []struct {
		method string
		path   string
		ok     []string
		bad    []string
	}{
		{"GET", "/zoho/crm/v8/org", []string{"ZohoCRM.org.ALL", "ZohoCRM.org.READ", "zohocrm.org.read"}, []string{"ZohoCRM.org.CREATE", "ZohoCRM.modules.ALL"}},
		{"GET", "/zoho/crm/v8/org/photo", []string{"ZohoCRM.org.ALL", "ZohoCRM.org.READ"}, []string{"ZohoCRM.org.DELETE", "ZohoCRM.org.WRITE"}},
		{"POST", "/zoho/crm/v8/org/photo", []string{"ZohoCRM.org.ALL", "ZohoCRM.org.CREATE", "ZohoCRM.org.WRITE"}, []string{"ZohoCRM.org.READ", "ZohoCRM.org.DELETE"}},
		{"DELETE", "/zoho/crm/v8/org/photo", []string{"ZohoCRM.org.ALL", "ZohoCRM.org.DELETE"}, []string{"ZohoCRM.org.READ", "ZohoCRM.org.CREATE", "ZohoCRM.org.WRITE"}},
	} {
		mk := func(scope string) req {
			auth := "Zoho-oauthtoken " + e.token(tokens.Zoho, "admin", scope)
			if tc.method == "POST" {
				return upload("POST", tc.path, auth, "file", png, "image/png", t)
			}
			return req{method: tc.method, path: tc.path, auth: auth}
		}
		for _, s := range tc.ok {
			if r := e.do(mk(s)); r.status != 200 && r.status != 204 {
				t.Errorf("%s %s with %s: %d %s", tc.method, tc.path, s, r.status, r.body)
			}
		}
		for _, s := range tc.bad {
			wantBody(t, e.do(mk(s)), 401, `{"code":"OAUTH_SCOPE_MISMATCH","details":{},"message":"invalid oauth scope to access this URL","status":"error"}`)
		}
	}
}

func TestCRMViewerNoPermission(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	viewer := "Zoho-oauthtoken " + e.token(tokens.Zoho, sandbox.ZohoViewerID, "ZohoCRM.org.ALL")
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: viewer}); r.status != 200 {
		t.Fatalf("viewer may read: %d", r.status)
	}
	d := wantZohoErr(t, e.do(upload("POST", "/zoho/crm/v8/org/photo", viewer, "file", pngBytes(t, 4, 4), "image/png", t)), 403, "NO_PERMISSION")
	if b, _ := json.Marshal(d); string(b) != `{"permissions":["org.photo.upload"]}` {
		t.Fatalf("details %s", b)
	}
	d = wantZohoErr(t, e.do(req{method: "DELETE", path: "/zoho/crm/v8/org/photo", auth: viewer}), 403, "NO_PERMISSION")
	if b, _ := json.Marshal(d); string(b) != `{"permissions":["org.photo.delete"]}` {
		t.Fatalf("details %s", b)
	}
	// still there
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: zohoDemo}); r.status != 200 {
		t.Fatalf("viewer's delete went through: %d", r.status)
	}
}

func TestZohoURLAndMethodErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	wantBody(t, e.do(req{method: "GET", path: "/zoho/crm/v8/org/logo", auth: zohoDemo}), 404,
		`{"code":"INVALID_URL_PATTERN","details":{},"message":"Please check if the URL trying to access is a correct one","status":"error"}`)
	for _, p := range []string{"/zoho/crm/v9/org", "/zoho/crm/v8/orgs", "/zoho/nothing", "/zoho/bigin/v1/Contacts", "/zoho/bigin/v2/Contacts/1/photo/x", "/zoho/bigin/v2/Contacts/1/picture"} {
		wantZohoErr(t, e.do(req{method: "GET", path: p, auth: zohoDemo}), 404, "INVALID_URL_PATTERN")
	}
	wantBody(t, e.do(req{method: "PUT", path: "/zoho/crm/v8/org/photo", auth: zohoDemo}), 400,
		`{"code":"INVALID_REQUEST_METHOD","details":{},"message":"The http request method type is not a valid one","status":"error"}`)
	for _, c := range []struct{ m, p string }{{"POST", "/zoho/crm/v8/org"}, {"PATCH", "/zoho/crm/v8/org/photo"},
		{"PUT", "/zoho/bigin/v2/Contacts/" + sandbox.DemoContactWithPic + "/photo"}, {"DELETE", "/zoho/bigin/v2/Contacts"}} {
		wantZohoErr(t, e.do(req{method: c.m, path: c.p, auth: zohoDemo}), 400, "INVALID_REQUEST_METHOD")
	}
}

func TestCRMOrgPhotoUploadErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	const p = "/zoho/crm/v8/org/photo"
	png := pngBytes(t, 16, 16)

	t.Run("no file", func(t *testing.T) {
		body, ct := multipartBody(t)
		r := e.do(req{method: "POST", path: p, auth: zohoDemo, body: body, ctype: ct, badOnPurpose: true})
		wantBody(t, r, 400, `{"code":"INVALID_DATA","details":{},"message":"The request does not contain any file","status":"error"}`)
		wantZohoErr(t, e.do(req{method: "POST", path: p, auth: zohoDemo, badOnPurpose: true}), 400, "INVALID_DATA")
	})
	t.Run("wrong field", func(t *testing.T) {
		r := upload("POST", p, zohoDemo, "photo", png, "image/png", t)
		r.badOnPurpose = true
		wantZohoErr(t, e.do(r), 400, "INVALID_DATA")
	})
	t.Run("extra field", func(t *testing.T) {
		body, ct := multipartBody(t, mpart{field: "file", filename: "a.png", ctype: "image/png", data: png},
			mpart{field: "note", data: []byte("hi")})
		wantZohoErr(t, e.do(req{method: "POST", path: p, auth: zohoDemo, body: body, ctype: ct, badOnPurpose: true}), 400, "INVALID_DATA")
	})
	t.Run("two files", func(t *testing.T) {
		body, ct := multipartBody(t, mpart{field: "file", filename: "a.png", ctype: "image/png", data: png},
			mpart{field: "file", filename: "b.png", ctype: "image/png", data: png})
		r := e.do(req{method: "POST", path: p, auth: zohoDemo, body: body, ctype: ct, badOnPurpose: true})
		wantBody(t, r, 400, `{"code":"INVALID_DATA","details":{},"message":"The request contains more than one file","status":"error"}`)
	})
	t.Run("not an image", func(t *testing.T) {
		for _, data := range [][]byte{[]byte("%PDF-1.4 not a picture"), []byte("just text"), append([]byte("\x89PNG\r\n\x1a\n"), "broken"...)} {
			r := e.do(upload("POST", p, zohoDemo, "file", data, "image/png", t))
			wantBody(t, r, 415, `{"code":"INVALID_DATA","details":{},"message":"Invalid file format. Only image files are allowed","status":"error"}`)
		}
	})
	t.Run("too large", func(t *testing.T) {
		r := e.do(upload("POST", p, zohoDemo, "file", bigPNG(t, 1<<20), "image/png", t))
		wantBody(t, r, 413, `{"code":"FILE_SIZE_EXCEEDS","details":{"size":1048576},"message":"File size exceeds the maximum allowed limit","status":"error"}`)
		// exactly at the limit is fine
		exact := bigPNG(t, 1<<20)
		exact = append(exact[:0:0], bigPNG(t, (1<<20)-(len(exact)-(1<<20)))...)
		if len(exact) != 1<<20 {
			t.Fatalf("test image is %d bytes", len(exact))
		}
		if r := e.do(upload("POST", p, zohoDemo, "file", exact, "image/png", t)); r.status != 200 {
			t.Fatalf("1 MiB exactly: %d %s", r.status, r.body)
		}
	})
	t.Run("resolution", func(t *testing.T) {
		r := e.do(upload("POST", p, zohoDemo, "file", hugePNG(t, 4000, 2501), "image/png", t))
		wantBody(t, r, 415, `{"code":"FILE_RESOLUTION_EXCEEDS","details":{"resolution":10000000},"message":"File resolution exceeds the maximum allowed limit","status":"error"}`)
		if r := e.do(upload("POST", p, zohoDemo, "file", hugePNG(t, 4000, 2500), "image/png", t)); r.status != 200 {
			t.Fatalf("exactly 10 MP: %d %s", r.status, r.body)
		}
	})
	t.Run("gif accepted", func(t *testing.T) {
		if r := e.do(upload("POST", p, zohoDemo, "file", gifBytes(t, 5, 5), "image/gif", t)); r.status != 200 {
			t.Fatalf("gif: %d %s", r.status, r.body)
		}
	})
}

func TestCRMLegacySizeErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{LegacySizeErrors: true})
	const want = `{"code":"FILE_SIZE_MORE_THAN_ALLOWED_SIZE","details":{},"message":"Please check if the file size is in the correct range","status":"error"}`
	wantBody(t, e.do(upload("POST", "/zoho/crm/v8/org/photo", zohoDemo, "file", bigPNG(t, 1<<20), "image/png", t)), 415, want)
	wantBody(t, e.do(upload("POST", "/zoho/crm/v8/org/photo", zohoDemo, "file", hugePNG(t, 5000, 5000), "image/png", t)), 415, want)
	wantBody(t, e.do(upload("POST", "/zoho/bigin/v2/Contacts/"+sandbox.DemoContactNoPic+"/photo", zohoDemo, "file", hugePNG(t, 5000, 5000), "image/png", t)), 415, want)
}

func TestIndexAndUnknownHost(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	r := e.do(req{method: "GET", path: "/"})
	if r.status != 200 || !bytes.Contains(r.body, []byte(tokens.DemoToken)) || !bytes.Contains(r.body, []byte(e.root+"/zoom/v2")) {
		t.Fatalf("index: %d %s", r.status, r.body)
	}
	if r := e.do(req{method: "GET", path: "/elsewhere"}); r.status != http.StatusNotFound {
		t.Fatalf("unknown prefix: %d", r.status)
	}
}
