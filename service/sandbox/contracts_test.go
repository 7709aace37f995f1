package sandbox_test

import (
	"testing"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
)

const orgInfo = "/contracts/api/v1/admin/orginfo"

func TestContractsGetOrg(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	r := e.do(req{method: "GET", path: orgInfo, auth: zohoDemo})
	const want = `{"organizationinfo":[{"country":"US","zipCode":94588,"apiName":"zylker","address":"4141 Hacienda Drive",` +
		`"city":"Pleasanton","zoid":60012345678,"orgURL":"https://contracts.zoho.com/zylker","webSite":"https://www.zylker.example",` +
		`"phoneNumber":"+1 925 924 9500","buildingNo":"4141","accountowner":{"displayName":"Ava Admin","emailId":"admin@zylker.example","id":3000000001001},` +
		`"name":"Zylker Inc.","currency":{"currency_name":"US Dollar","currency_number":840,"currency_symbol":"$","currency_code":"USD","currency_decimal":2},` +
		`"id":3000000002001,"state":"California"}]}`
	wantBody(t, r, 200, want)
}

func TestContractsUpdateOrg(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	put := func(auth, apiName, body string) resp {
		return e.do(req{method: "PUT", path: orgInfo + "/" + apiName, auth: auth, body: []byte(body), ctype: "application/json"})
	}
	r := put(zohoDemo, "zylker", `{"name":"Zylker Corp","address":"1 Main St","city":"Austin","state":"Texas","country":"us","webSite":"https://zylker.example","phoneNumber":"+1 512 555 0100"}`)
	wantBody(t, r, 200, `{"Type":"Success","apiName":"zylker"}`)
	var got struct{ Organizationinfo []map[string]any }
	decodeJSON(t, e.do(req{method: "GET", path: orgInfo, auth: zohoDemo}).body, &got)
	o := got.Organizationinfo[0]
	if o["name"] != "Zylker Corp" || o["city"] != "Austin" || o["country"] != "US" || o["webSite"] != "https://zylker.example" ||
		o["phoneNumber"] != "+1 512 555 0100" || o["state"] != "Texas" || o["address"] != "1 Main St" {
		t.Fatalf("after update: %v", o)
	}
	// partial update, doc spelling "website" accepted
	wantBody(t, put(zohoDemo, "zylker", `{"website":"https://w.example"}`), 200, `{"Type":"Success","apiName":"zylker"}`)

	// errors
	wantContractsErr(t, put(zohoDemo, "nosuchorg", `{"name":"x"}`), 404, "INVALID_URL_PATTERN")
	for _, bad := range []string{`{"country":"USA"}`, `{"country":"XX"}`, `{"country":""}`, `{"country":12}`} {
		wantContractsErr(t, put(zohoDemo, "zylker", bad), 400, "INVALID_DATA")
	}
	for _, bad := range []string{`not json`, `[]`, `{}`, `{"phone":"1"}`, `{"name":""}`} {
		wantContractsErr(t, put(zohoDemo, "zylker", bad), 400, "INVALID_DATA")
	}
	viewer := "Zoho-oauthtoken " + e.token(tokens.Zoho, sandbox.ZohoViewerID, "contracts.meta.UPDATE")
	wantBody(t, put(viewer, "zylker", `{"name":"x"}`), 403, `{"Errors":{"ErrorCode":"NO_PERMISSION","ErrorMessage":"Permission denied to update"}}`)
}

func TestContractsAuthScopeMethod(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	tok := func(s ...string) string { return "Zoho-oauthtoken " + e.token(tokens.Zoho, "admin", s...) }
	wantContractsErr(t, e.do(req{method: "GET", path: orgInfo}), 401, "AUTHENTICATION_FAILURE")
	wantContractsErr(t, e.do(req{method: "GET", path: orgInfo, auth: "Bearer " + tokens.DemoToken}), 401, "AUTHENTICATION_FAILURE")
	wantContractsErr(t, e.do(req{method: "GET", path: orgInfo, auth: "Zoho-oauthtoken bad"}), 401, "INVALID_TOKEN")
	for _, s := range []string{"contracts.meta.READ", "contracts.contracts.ALL", "contracts.meta.ALL"} {
		if r := e.do(req{method: "GET", path: orgInfo, auth: tok(s)}); r.status != 200 {
			t.Errorf("GET with %s: %d", s, r.status)
		}
	}
	wantContractsErr(t, e.do(req{method: "GET", path: orgInfo, auth: tok("contracts.meta.UPDATE")}), 401, "OAUTH_SCOPE_MISMATCH")
	body := []byte(`{"city":"Chennai"}`)
	for _, s := range []string{"contracts.meta.UPDATE", "contracts.contracts.ALL"} {
		if r := e.do(req{method: "PUT", path: orgInfo + "/zylker", auth: tok(s), body: body}); r.status != 200 {
			t.Errorf("PUT with %s: %d %s", s, r.status, r.body)
		}
	}
	wantBody(t, e.do(req{method: "PUT", path: orgInfo + "/zylker", auth: tok("contracts.meta.READ"), body: body}), 401,
		`{"Errors":{"ErrorCode":"OAUTH_SCOPE_MISMATCH","ErrorMessage":"Unauthorized"}}`)
	// methods: the docs' "-X UPDATE", POST/PATCH on the update URL, PUT on the list URL → 405
	for _, c := range []struct{ m, p string }{{"UPDATE", orgInfo + "/zylker"}, {"POST", orgInfo + "/zylker"}, {"PATCH", orgInfo + "/zylker"},
		{"GET", orgInfo + "/zylker"}, {"PUT", orgInfo}, {"DELETE", orgInfo}} {
		r := e.do(req{method: c.m, path: c.p, auth: zohoDemo, body: body})
		wantBody(t, r, 405, `{"Errors":{"ErrorCode":"INVALID_REQUEST_METHOD","ErrorMessage":"The HTTP request method is not a valid one."}}`)
	}
	for _, p := range []string{"/contracts/v1/admin/orginfo", "/contracts/api/v1/admin/org", "/contracts/api/v1/admin/orginfo/zylker/x", "/contracts"} {
		wantContractsErr(t, e.do(req{method: "GET", path: p, auth: zohoDemo}), 404, "INVALID_URL_PATTERN")
	}
}

func TestCountryCodes(t *testing.T) {
	codes := sandbox.CountryCodes()
	if len(codes) != 249 {
		t.Fatalf("%d ISO 3166-1 alpha-2 codes, want 249", len(codes))
	}
}
