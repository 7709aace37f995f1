package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Every documented code has its own plain message and next step, with no
// placeholder left once personalised.
func TestEveryDocumentedCodeHasAPlainMessage(t *testing.T) {
	check := func(t *testing.T, e *Error, wantCode string) {
		t.Helper()
		e.personalise("change the organization photo")
		if e.Code != wantCode {
			t.Errorf("code %s decoded as %q", wantCode, e.Code)
		}
		if e.Message == "" || e.NextStep == "" || strings.ContainsAny(e.Message+e.NextStep, "{}") {
			t.Errorf("code %s: message %q next %q", wantCode, e.Message, e.NextStep)
		}
		if strings.Contains(e.Message, "vendor text") || strings.Contains(e.Error(), `"status"`) {
			t.Errorf("code %s: the vendor's raw text leaked into the message: %q", wantCode, e.Error())
		}
	}
	for code := range zohoErrors {
		body := `{"code":"` + code + `","details":{},"message":"vendor text","status":"error"}`
		e := Decode(Zoho, "Zoho CRM", 400, http.Header{}, []byte(body), time.Now())
		check(t, e, code)
		if code != "INVALID_DATA" && e.Kind != zohoErrors[code].kind && e.HTTPStatus != 401 {
			t.Errorf("%s: kind %d want %d", code, e.Kind, zohoErrors[code].kind)
		}
		// Contracts' own body shape carries the same codes.
		ce := Decode(ZohoContracts, "Zoho Contracts", 400, http.Header{}, []byte(`{"Errors":{"ErrorCode":"`+code+`","ErrorMessage":"vendor text"}}`), time.Now())
		check(t, ce, code)
	}
	for code := range zoomErrors {
		body := `{"code":` + strconv.Itoa(code) + `,"message":"vendor text"}`
		e := Decode(Zoom, "Zoom", 400, http.Header{}, []byte(body), time.Now())
		check(t, e, strconv.Itoa(code))
	}
}

func TestDecodeKinds(t *testing.T) {
	cases := []struct {
		name   string
		v      Vendor
		status int
		body   string
		kind   Kind
		msg    string
	}{
		{"crm no permission", Zoho, 403, `{"code":"NO_PERMISSION","details":{"permissions":["org.photo.upload"]},"message":"Permission denied to update","status":"error"}`,
			KindPermission, "Your Zoho CRM user isn't allowed to change the organization photo."},
		{"legacy size", Zoho, 415, `{"code":"FILE_SIZE_MORE_THAN_ALLOWED_SIZE","details":{},"message":"x","status":"error"}`, KindTooLarge, ""},
		{"new size", Zoho, 413, `{"code":"FILE_SIZE_EXCEEDS","details":{"size":1048576},"message":"x","status":"error"}`, KindTooLarge, ""},
		{"resolution", Zoho, 415, `{"code":"FILE_RESOLUTION_EXCEEDS","details":{"resolution":10000000},"message":"x","status":"error"}`, KindTooLarge, ""},
		{"not an image", Zoho, 415, `{"code":"INVALID_DATA","details":{},"message":"Invalid file format. Only image files are allowed","status":"error"}`,
			KindInvalidInput, "Zoho CRM didn't accept this file as an image."},
		{"unknown record", Zoho, 400, `{"code":"INVALID_DATA","details":{"id":"42"},"message":"the id given seems to be invalid","status":"error"}`, KindNotFound, ""},
		{"expired token", Zoho, 401, `{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}`, KindSignIn, ""},
		{"scope", Zoho, 401, `{"code":"OAUTH_SCOPE_MISMATCH","details":{},"message":"x","status":"error"}`, KindScope, ""},
		{"contracts 405", ZohoContracts, 405, `{"Errors":{"ErrorCode":"INVALID_REQUEST_METHOD","ErrorMessage":"x"}}`, KindBadMethod, ""},
		{"contracts numeric", ZohoContracts, 409, `{"Errors":{"ErrorCode":5300,"ErrorMessage":"conflict"}}`, KindInvalidInput, ""},
		{"zoom not found", Zoom, 404, `{"code":1001,"message":"User does not exist: x@y.z."}`, KindNotFound, "Zoom has no user with that ID or email address."},
		{"zoom admin only", Zoom, 400, `{"code":200,"message":"Only an account administrator can change a profile picture."}`, KindPermission, ""},
		{"html gateway error", Zoho, 502, `<html>Bad gateway</html>`, KindServer, "Zoho CRM is having trouble right now."},
		{"empty 404", Zoom, 404, ``, KindNotFound, ""},
	}
	for _, tc := range cases {
		service := map[Vendor]string{Zoho: "Zoho CRM", ZohoContracts: "Zoho Contracts", Zoom: "Zoom"}[tc.v]
		e := Decode(tc.v, service, tc.status, http.Header{}, []byte(tc.body), time.Now())
		e.personalise("change the organization photo")
		if e.Kind != tc.kind {
			t.Errorf("%s: kind %d want %d (%s)", tc.name, e.Kind, tc.kind, e.Message)
		}
		if tc.msg != "" && e.Message != tc.msg {
			t.Errorf("%s: message %q want %q", tc.name, e.Message, tc.msg)
		}
		if e.HTTPStatus != tc.status {
			t.Errorf("%s: status %d", tc.name, e.HTTPStatus)
		}
	}
}

func TestZoomContentRefusalOnUpload(t *testing.T) {
	e := Decode(Zoom, "Zoom", 400, http.Header{}, []byte(`{"code":300,"message":"x"}`), time.Now())
	e.personalise("change this user's profile picture")
	if !strings.Contains(e.Message, "explicit content") {
		t.Errorf("code 300 on upload: %q", e.Message)
	}
}

// FuzzDecode: any status, headers and body give a usable plain error, and the
// body never reaches the message.
func FuzzDecode(f *testing.F) {
	f.Add(0, 400, `{"code":"INVALID_DATA","details":{"id":"1"},"message":"m","status":"error"}`, "")
	f.Add(1, 405, `{"Errors":{"ErrorCode":5300,"ErrorMessage":"m"}}`, "")
	f.Add(2, 429, `{"code":429,"message":"m"}`, "2026-08-23T00:00:00Z")
	f.Add(2, 404, `{"code":"1001"}`, "12")
	f.Add(0, 500, `<html>`, "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add(0, 200, `{"data":[{"code":"RECORD_LOCKED","message":"m"}]}`, "")
	f.Fuzz(func(t *testing.T, vendor, status int, body, retryAfter string) {
		v := Vendor(((vendor % 3) + 3) % 3)
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("X-RateLimit-Type", "Daily-limit")
		e := Decode(v, "Zoom", status, h, []byte(body), time.Unix(1700000000, 0))
		e.personalise("")
		if e.Message == "" || e.NextStep == "" {
			t.Fatalf("empty message for status %d body %q", status, body)
		}
		if len(body) > 12 && strings.Contains(e.Error(), body) {
			t.Fatalf("raw body leaked into %q", e.Error())
		}
		if len(e.VendorMessage) > 204 {
			t.Fatalf("vendor message not truncated: %d bytes", len(e.VendorMessage))
		}
		_ = e.Details()
	})
}

// FuzzParseRetryAfter: any header value gives a non-negative wait or none.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "120", "Wed, 21 Oct 2015 07:28:00 GMT", "2026-08-23T00:00:00Z", "-1", "99999999999999999999", " 5 "} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, at, ok := ParseRetryAfter(v, now)
		if !ok {
			if d != 0 || !at.IsZero() {
				t.Fatalf("%q: not ok but %v %v", v, d, at)
			}
			return
		}
		if d < 0 || at.IsZero() {
			t.Fatalf("%q: wait %v until %v", v, d, at)
		}
	})
}
