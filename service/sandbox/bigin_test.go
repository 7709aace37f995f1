package sandbox_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"testing"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
)

type recordsPage struct {
	Data []map[string]any
	Info struct {
		PerPage     int  `json:"per_page"`
		Count       int  `json:"count"`
		Page        int  `json:"page"`
		MoreRecords bool `json:"more_records"`
	}
}

func records(t *testing.T, e *env, auth, path string) (recordsPage, resp) {
	t.Helper()
	r := e.do(req{method: "GET", path: path, auth: auth})
	var p recordsPage
	if r.status == 200 {
		decodeJSON(t, r.body, &p)
	}
	return p, r
}

func TestBiginListRecords(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	p, r := records(t, e, zohoDemo, "/zoho/bigin/v2/Contacts?fields=First_Name,Last_Name,Email,Record_Image")
	if r.status != 200 || len(p.Data) != 4 || p.Info.Count != 4 || p.Info.PerPage != 200 || p.Info.Page != 1 || p.Info.MoreRecords {
		t.Fatalf("contacts: %d %s", r.status, r.body)
	}
	first := p.Data[0]
	if first["id"] != sandbox.DemoContactWithPic || first["First_Name"] != "Patricia" || first["Record_Image"] == nil {
		t.Fatalf("first contact %v", first)
	}
	if _, has := first["Mobile"]; has {
		t.Fatalf("field not asked for is present: %v", first)
	}
	if p.Data[1]["Record_Image"] != nil {
		t.Fatalf("contact without photo has Record_Image %v", p.Data[1]["Record_Image"])
	}
	// Accounts (Companies) and Products
	if p, r := records(t, e, zohoDemo, "/zoho/bigin/v2/Accounts?fields=Account_Name,Website"); r.status != 200 || len(p.Data) != 3 || p.Data[0]["Account_Name"] != "Zylker Inc." {
		t.Fatalf("accounts: %d %s", r.status, r.body)
	}
	if p, r := records(t, e, zohoDemo, "/zoho/bigin/v2/products?fields=Product_Name"); r.status != 200 || len(p.Data) != 2 {
		t.Fatalf("products (lower-case module name): %d %s", r.status, r.body)
	}
	// paging
	p, r = records(t, e, zohoDemo, "/zoho/bigin/v2/Contacts?fields=Email&per_page=3&page=1")
	if len(p.Data) != 3 || !p.Info.MoreRecords || p.Info.PerPage != 3 {
		t.Fatalf("page 1: %s", r.body)
	}
	p, r = records(t, e, zohoDemo, "/zoho/bigin/v2/Contacts?fields=Email&per_page=3&page=2")
	if len(p.Data) != 1 || p.Info.MoreRecords || p.Info.Page != 2 {
		t.Fatalf("page 2: %s", r.body)
	}
	if _, r := records(t, e, zohoDemo, "/zoho/bigin/v2/Contacts?fields=Email&per_page=3&page=3"); r.status != 204 || len(r.body) != 0 {
		t.Fatalf("page past the end: %d %q", r.status, r.body)
	}
	// errors
	wantBody(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts", auth: zohoDemo}), 400,
		`{"code":"REQUIRED_PARAM_MISSING","details":{"param":"fields"},"message":"One of the expected parameter is missing","status":"error"}`)
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts?fields=Email&per_page=201", auth: zohoDemo}), 400, "INVALID_DATA")
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts?fields=Email&page=0", auth: zohoDemo}), 400, "INVALID_DATA")
	wantBody(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Deals?fields=Email", auth: zohoDemo}), 400,
		`{"code":"INVALID_MODULE","details":{"resource_path_index":0},"message":"the module name given seems to be invalid","status":"error"}`)
	// one record
	p, r = records(t, e, zohoDemo, "/zoho/bigin/v2/Products/"+sandbox.DemoProductWithPic)
	if r.status != 200 || len(p.Data) != 1 || p.Data[0]["Product_Name"] != "Zylker Desk Lamp" {
		t.Fatalf("one record: %d %s", r.status, r.body)
	}
	wantBody(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Products/123", auth: zohoDemo}), 400,
		`{"code":"INVALID_DATA","details":{"id":"123"},"message":"the id given seems to be invalid","status":"error"}`)
}

func TestBiginSearch(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	search := func(q string) (recordsPage, resp) {
		return records(t, e, zohoDemo, "/zoho/bigin/v2/Contacts/search?fields=Full_Name,Email&"+q)
	}
	ids := func(p recordsPage) (out []string) {
		for _, d := range p.Data {
			out = append(out, d["Full_Name"].(string))
		}
		return out
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"word=zylker", []string{"Patricia Boyle", "Carissa Kidman"}}, // email and company name
		{"word=MARRIER", []string{"Kris Marrier"}},
		{"email=Chanay@Morlong.example", []string{"Chanay Jeffrey"}},
		{"phone=%2B1%20555%200101", []string{"Kris Marrier"}},
		{"criteria=" + url.QueryEscape("(Last_Name:equals:Boyle)"), []string{"Patricia Boyle"}},
		{"criteria=" + url.QueryEscape("((Last_Name:starts_with:K)or(First_Name:equals:chanay))"), []string{"Chanay Jeffrey", "Carissa Kidman"}},
		{"criteria=" + url.QueryEscape("((Account_Name:equals:Zylker Inc.)and(Title:equals:CEO))"), []string{"Patricia Boyle"}},
	} {
		p, r := search(tc.q)
		if got := ids(p); r.status != 200 || len(got) != len(tc.want) || func() bool {
			for i := range got {
				if got[i] != tc.want[i] {
					return true
				}
			}
			return false
		}() {
			t.Errorf("%s: %d %v, want %v", tc.q, r.status, got, tc.want)
		}
	}
	if _, r := search("word=nobody-like-this"); r.status != 204 || len(r.body) != 0 {
		t.Fatalf("no match: %d %q", r.status, r.body)
	}
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts/search", auth: zohoDemo}), 400, "REQUIRED_PARAM_MISSING")
	for _, bad := range []string{"Last_Name:equals:Boyle", "(Last_Name=Boyle)", "((Last_Name:equals:Boyle)", "(Last_Name:like:B)"} {
		wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts/search?criteria=" + url.QueryEscape(bad), auth: zohoDemo}), 400, "INVALID_QUERY")
	}
	// search needs the module scope AND ZohoSearch.securesearch.READ
	onlyModule := "Zoho-oauthtoken " + e.token(tokens.Zoho, "admin", "ZohoBigin.modules.contacts.READ")
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts/search?word=x", auth: onlyModule}), 401, "OAUTH_SCOPE_MISMATCH")
	onlySearch := "Zoho-oauthtoken " + e.token(tokens.Zoho, "admin", "ZohoSearch.securesearch.READ")
	wantZohoErr(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts/search?word=x", auth: onlySearch}), 401, "OAUTH_SCOPE_MISMATCH")
	both := "Zoho-oauthtoken " + e.token(tokens.Zoho, "admin", "ZohoBigin.modules.contacts.READ", "ZohoSearch.securesearch.READ")
	if _, r := records(t, e, both, "/zoho/bigin/v2/Contacts/search?word=Boyle"); r.status != 200 {
		t.Fatalf("both scopes: %d %s", r.status, r.body)
	}
}

func TestBiginScopes(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	list := "/zoho/bigin/v2/Contacts?fields=Email"
	photo := "/zoho/bigin/v2/Contacts/" + sandbox.DemoContactWithPic + "/photo"
	png := pngBytes(t, 8, 8)
	type op struct{ method, path string }
	mk := func(o op, scope string) req {
		auth := "Zoho-oauthtoken " + e.token(tokens.Zoho, "admin", scope)
		if o.method == "POST" {
			return upload("POST", o.path, auth, "file", png, "image/png", t)
		}
		return req{method: o.method, path: o.path, auth: auth}
	}
	for _, tc := range []struct {
		op      op
		ok, bad []string
	}{
		{op{"GET", list}, []string{"ZohoBigin.modules.ALL", "ZohoBigin.modules.contacts.ALL", "ZohoBigin.modules.contacts.READ", "ZohoBigin.modules.Contacts.read"},
			[]string{"ZohoBigin.modules.accounts.READ", "ZohoBigin.modules.contacts.CREATE", "ZohoCRM.modules.ALL"}},
		{op{"GET", photo}, []string{"ZohoBigin.modules.ALL", "ZohoBigin.modules.contacts.ALL", "ZohoBigin.modules.contacts.READ"},
			[]string{"ZohoBigin.modules.contacts.DELETE", "ZohoBigin.modules.products.READ"}},
		{op{"POST", photo}, []string{"ZohoBigin.modules.ALL", "ZohoBigin.modules.contacts.ALL", "ZohoBigin.modules.contacts.WRITE", "ZohoBigin.modules.contacts.CREATE"},
			[]string{"ZohoBigin.modules.contacts.READ", "ZohoBigin.modules.contacts.DELETE", "ZohoBigin.modules.accounts.ALL"}},
		{op{"DELETE", photo}, []string{"ZohoBigin.modules.ALL", "ZohoBigin.modules.contacts.ALL", "ZohoBigin.modules.contacts.DELETE"},
			[]string{"ZohoBigin.modules.contacts.READ", "ZohoBigin.modules.contacts.WRITE", "ZohoBigin.modules.contacts.CREATE"}},
	} {
		for _, s := range tc.ok {
			if r := e.do(mk(tc.op, s)); r.status != 200 && r.status != 204 {
				t.Errorf("%v with %s: %d %s", tc.op, s, r.status, r.body)
			}
		}
		for _, s := range tc.bad {
			wantZohoErr(t, e.do(mk(tc.op, s)), 401, "OAUTH_SCOPE_MISMATCH")
		}
	}
}

func TestBiginRecordPhoto(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	base := "/zoho/bigin/v2/Contacts/"
	// demo photos: with → 200 image, without → 204
	r := e.do(req{method: "GET", path: base + sandbox.DemoContactWithPic + "/photo", auth: zohoDemo})
	if r.status != 200 || r.header.Get("Content-Type") != "image/png" || len(r.body) < 100 {
		t.Fatalf("demo photo: %d %s", r.status, r.header.Get("Content-Type"))
	}
	r = e.do(req{method: "GET", path: base + sandbox.DemoContactNoPic + "/photo", auth: zohoDemo})
	if r.status != 204 || len(r.body) != 0 {
		t.Fatalf("no photo: %d %q", r.status, r.body)
	}
	// upload GIF (allowed for records), read it back, Record_Image set
	gif := gifBytes(t, 20, 20)
	r = e.do(upload("POST", base+sandbox.DemoContactNoPic+"/photo", zohoDemo, "file", gif, "image/gif", t))
	wantBody(t, r, 200, `{"code":"SUCCESS","details":{},"message":"Photo uploaded successfully","status":"success"}`)
	r = e.do(req{method: "GET", path: base + sandbox.DemoContactNoPic + "/photo", auth: zohoDemo})
	if r.status != 200 || r.header.Get("Content-Type") != "image/gif" || !bytes.Equal(r.body, gif) {
		t.Fatalf("read back: %d %s", r.status, r.header.Get("Content-Type"))
	}
	p, _ := records(t, e, zohoDemo, "/zoho/bigin/v2/Contacts/"+sandbox.DemoContactNoPic+"?fields=Record_Image")
	if p.Data[0]["Record_Image"] == nil {
		t.Fatalf("Record_Image not set after upload: %v", p.Data[0])
	}
	// delete
	r = e.do(req{method: "DELETE", path: base + sandbox.DemoContactNoPic + "/photo", auth: zohoDemo})
	wantBody(t, r, 200, `{"code":"SUCCESS","details":{},"message":"Photo deleted","status":"success"}`)
	if r := e.do(req{method: "GET", path: base + sandbox.DemoContactNoPic + "/photo", auth: zohoDemo}); r.status != 204 {
		t.Fatalf("after delete: %d", r.status)
	}
	// other modules
	for _, p := range []string{"/zoho/bigin/v2/Accounts/" + sandbox.DemoAccountWithPic + "/photo", "/zoho/bigin/v2/Products/" + sandbox.DemoProductWithPic + "/photo"} {
		if r := e.do(req{method: "GET", path: p, auth: zohoDemo}); r.status != 200 {
			t.Fatalf("%s: %d", p, r.status)
		}
	}
}

func TestBiginRecordPhotoErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	p := "/zoho/bigin/v2/Contacts/" + sandbox.DemoContactNoPic + "/photo"
	for _, m := range []string{"GET", "DELETE"} {
		wantBody(t, e.do(req{method: m, path: "/zoho/bigin/v2/Contacts/999/photo", auth: zohoDemo}), 400,
			`{"code":"INVALID_DATA","details":{"id":"999"},"message":"the id given seems to be invalid","status":"error"}`)
		wantZohoErr(t, e.do(req{method: m, path: "/zoho/bigin/v2/Leads/999/photo", auth: zohoDemo}), 400, "INVALID_MODULE")
	}
	wantZohoErr(t, e.do(upload("POST", "/zoho/bigin/v2/Contacts/999/photo", zohoDemo, "file", pngBytes(t, 4, 4), "image/png", t)), 400, "INVALID_DATA")

	body, ct := multipartBody(t)
	wantZohoErr(t, e.do(req{method: "POST", path: p, auth: zohoDemo, body: body, ctype: ct, badOnPurpose: true}), 400, "INVALID_DATA")
	body, ct = multipartBody(t, mpart{field: "file", filename: "a.png", ctype: "image/png", data: pngBytes(t, 4, 4)},
		mpart{field: "file2", filename: "b.png", ctype: "image/png", data: pngBytes(t, 4, 4)})
	wantZohoErr(t, e.do(req{method: "POST", path: p, auth: zohoDemo, body: body, ctype: ct, badOnPurpose: true}), 400, "INVALID_DATA")

	// 10 MB limit (the org photo's 1 MB does not apply)
	if r := e.do(upload("POST", p, zohoDemo, "file", bigPNG(t, 2<<20), "image/png", t)); r.status != 200 {
		t.Fatalf("2 MB record photo: %d %s", r.status, r.body)
	}
	wantBody(t, e.do(upload("POST", p, zohoDemo, "file", bigPNG(t, 10<<20), "image/png", t)), 413,
		`{"code":"FILE_SIZE_EXCEEDS","details":{"size":10485760},"message":"File size exceeds the maximum allowed limit","status":"error"}`)
	wantBody(t, e.do(upload("POST", p, zohoDemo, "file", hugePNG(t, 4008, 4008), "image/png", t)), 415,
		`{"code":"FILE_RESOLUTION_EXCEEDS","details":{"resolution":16064064},"message":"File exceeded its maximum limit","status":"error"}`)
	// formats: PNG/JPEG/GIF/BMP only
	wantBody(t, e.do(upload("POST", p, zohoDemo, "file", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), "image/webp", t)), 415,
		`{"code":"INVALID_DATA","details":{},"message":"invalid file type","status":"error"}`)
	wantZohoErr(t, e.do(upload("POST", p, zohoDemo, "file", []byte("plain text"), "text/plain", t)), 415, "INVALID_DATA")

	// read-only user
	viewer := "Zoho-oauthtoken " + e.token(tokens.Zoho, sandbox.ZohoViewerID, "ZohoBigin.modules.ALL")
	d := wantZohoErr(t, e.do(upload("POST", p, viewer, "file", pngBytes(t, 4, 4), "image/png", t)), 403, "NO_PERMISSION")
	if b, _ := json.Marshal(d); string(b) != `{"permissions":["contacts.photo.upload"]}` {
		t.Fatalf("details %s", b)
	}
	wantZohoErr(t, e.do(req{method: "DELETE", path: p, auth: viewer}), 403, "NO_PERMISSION")
	if r := e.do(req{method: "GET", path: p, auth: viewer}); r.status != 200 {
		t.Fatalf("viewer reads: %d", r.status)
	}
}
