package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"logodesk/service/sandbox"
)

func TestFaultRateLimit(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.srv.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/zoho/crm/v8/org/photo", Kind: sandbox.RateLimit, RetryAfter: "2", Times: 2})
	for i := 0; i < 2; i++ {
		r := e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: zohoDemo})
		wantZohoErr(t, r, 429, "TOO_MANY_REQUESTS")
		if r.header.Get("Retry-After") != "2" {
			t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
		}
	}
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: zohoDemo}); r.status != 200 {
		t.Fatalf("third request: %d", r.status)
	}
	// other methods/paths were never affected
	e.srv.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoho/crm", Kind: sandbox.RateLimit})
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: zohoDemo}); r.status != 200 {
		t.Fatalf("GET hit by a POST fault: %d", r.status)
	}
	e.srv.ClearFaults()

	// Zoom: QPS and daily limit, Retry-After passed through exactly
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/zoom/v2/users/", Kind: sandbox.RateLimit, RetryAfter: "1"})
	r := e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: zoomDemo})
	wantZoomErr(t, r, 429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.")
	if r.header.Get("X-RateLimit-Type") != "QPS" || r.header.Get("X-RateLimit-Category") != "Light" || r.header.Get("Retry-After") != "1" {
		t.Fatalf("headers %v", r.header)
	}
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/zoom/v2/users/me/picture", Kind: sandbox.RateLimit,
		RetryAfter: "2026-08-23T00:00:00Z", RateLimitType: "Daily-limit"})
	r = e.do(req{method: "DELETE", path: "/zoom/v2/users/me/picture", auth: zoomDemo})
	wantZoomErr(t, r, 429, 429, "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.")
	if r.header.Get("X-RateLimit-Type") != "Daily-limit" || r.header.Get("X-RateLimit-Category") != "Medium" ||
		r.header.Get("Retry-After") != "2026-08-23T00:00:00Z" || r.header.Get("X-RateLimit-Remaining") != "0" {
		t.Fatalf("headers %v", r.header)
	}
	// Contracts
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/contracts", Kind: sandbox.RateLimit, RetryAfter: "Wed, 21 Oct 2026 07:28:00 GMT"})
	r = e.do(req{method: "GET", path: orgInfo, auth: zohoDemo})
	wantContractsErr(t, r, 429, "TOO_MANY_REQUESTS")
	if r.header.Get("Retry-After") != "Wed, 21 Oct 2026 07:28:00 GMT" {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
}

func TestFaultServerErrorAndCounters(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/zoho/bigin", Kind: sandbox.ServerError, Times: 2})
	for i := 0; i < 2; i++ {
		wantBody(t, e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts?fields=Email", auth: zohoDemo}), 500,
			`{"code":"INTERNAL_ERROR","details":{},"message":"Internal Server Error","status":"error"}`)
	}
	if r := e.do(req{method: "GET", path: "/zoho/bigin/v2/Contacts?fields=Email", auth: zohoDemo}); r.status != 200 {
		t.Fatalf("after the fault: %d", r.status)
	}
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/zoom", Kind: sandbox.ServerError})
	if r := e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: zoomDemo}); r.status != 500 {
		t.Fatalf("zoom 500: %d", r.status)
	}
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/contracts", Kind: sandbox.ServerError})
	wantContractsErr(t, e.do(req{method: "GET", path: orgInfo, auth: zohoDemo}), 500, "INTERNAL_ERROR")

	got := e.srv.Requests()
	if got["GET /zoho/bigin/v2/Contacts"] != 3 || got["GET /zoom/v2/users/me"] != 1 || got["GET "+orgInfo] != 1 {
		t.Fatalf("counters %v", got)
	}
	// the same over HTTP
	r := e.do(req{method: "GET", path: "/_sandbox/requests"})
	var overHTTP map[string]int
	decodeJSON(t, r.body, &overHTTP)
	if overHTTP["GET /zoho/bigin/v2/Contacts"] != 3 || len(overHTTP) != len(got) {
		t.Fatalf("/_sandbox/requests: %s", r.body)
	}
	if r := e.do(req{method: "DELETE", path: "/_sandbox/requests"}); r.status != 204 || len(e.srv.Requests()) != 0 {
		t.Fatalf("reset: %d %v", r.status, e.srv.Requests())
	}
}

func TestFaultLatency(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.srv.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/zoho/crm/v8/org", Kind: sandbox.Latency, Delay: 150 * time.Millisecond})
	start := time.Now()
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: zohoDemo}); r.status != 200 {
		t.Fatalf("delayed request: %d", r.status)
	}
	// Upper bounds are generous: a busy machine may be slow, never early.
	within(t, time.Since(start), 150*time.Millisecond, time.Minute)
	// The fault was used up by that request (Times 0 means once): none is pending,
	// so the next request is not delayed. Checked by state, not by a stopwatch.
	var pending []sandbox.Fault
	decodeJSON(t, e.do(req{method: "GET", path: "/_sandbox/faults"}).body, &pending)
	if len(pending) != 0 {
		t.Fatalf("the latency fault is still pending after one request: %+v", pending)
	}
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: zohoDemo}); r.status != 200 {
		t.Fatalf("request after the fault: %d", r.status)
	}

	// a client that gives up during the delay gets a context error, not a response
	// (long before the delay is over)
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/zoom", Kind: sandbox.Latency, Delay: 5 * time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	hr, _ := http.NewRequestWithContext(ctx, "GET", e.root+"/zoom/v2/users/me", nil)
	hr.Header.Set("Authorization", zoomDemo)
	start = time.Now()
	if _, err := http.DefaultClient.Do(hr); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	within(t, time.Since(start), 0, time.Minute)
}

func TestFaultDrop(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	e.srv.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoho/crm/v8/org/photo", Kind: sandbox.Drop})
	body, ct := multipartBody(t, mpart{field: "file", filename: "a.png", ctype: "image/png", data: pngBytes(t, 4, 4)})
	hr, _ := http.NewRequest("POST", e.root+"/zoho/crm/v8/org/photo", bytes.NewReader(body))
	hr.Header.Set("Authorization", zohoDemo)
	hr.Header.Set("Content-Type", ct)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Do(hr)
	if err == nil {
		res.Body.Close()
		t.Fatalf("dropped request got a response: %d", res.StatusCode)
	}
	if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "EOF") && !strings.Contains(err.Error(), "reset") {
		t.Fatalf("unexpected error kind: %v", err)
	}
	// the photo was not changed, and the next request works
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org/photo", auth: zohoDemo}); r.status != 200 || !bytes.Equal(r.body, sandbox.DemoLogoPNG()) {
		t.Fatalf("after drop: %d", r.status)
	}
	if n := e.srv.Requests()["POST /zoho/crm/v8/org/photo"]; n != 1 {
		t.Fatalf("dropped request counted %d times", n)
	}
}

func TestFaultsOverHTTP(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	post := func(body string) resp {
		return e.do(req{method: "POST", path: "/_sandbox/faults", body: []byte(body), ctype: "application/json"})
	}
	r := post(`{"method":"GET","path_prefix":"/zoom/v2/users","kind":"rate_limit","retry_after":"3","rate_limit_type":"QPS","times":2}`)
	if r.status != 201 {
		t.Fatalf("inject: %d %s", r.status, r.body)
	}
	var pending []sandbox.Fault
	decodeJSON(t, e.do(req{method: "GET", path: "/_sandbox/faults"}).body, &pending)
	if len(pending) != 1 || pending[0].Kind != sandbox.RateLimit || pending[0].Times != 2 || pending[0].RetryAfter != "3" {
		t.Fatalf("pending %+v", pending)
	}
	for i := 0; i < 2; i++ {
		if r := e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: zoomDemo}); r.status != 429 || r.header.Get("Retry-After") != "3" {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	if r := e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: zoomDemo}); r.status != 200 {
		t.Fatalf("after: %d", r.status)
	}
	// latency given as a duration string or milliseconds
	for _, body := range []string{`{"kind":"latency","delay":"120ms","path_prefix":"/zoho/crm/v8/org"}`, `{"kind":"latency","delay":120,"path_prefix":"/zoho/crm/v8/org"}`} {
		if r := post(body); r.status != 201 {
			t.Fatalf("%s: %d %s", body, r.status, r.body)
		}
		start := time.Now()
		e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: zohoDemo})
		within(t, time.Since(start), 120*time.Millisecond, time.Minute)
	}
	for _, bad := range []string{`{"kind":"explode"}`, `{}`, `{"kind":"latency","delay":"soon"}`, `nope`} {
		if r := post(bad); r.status != 400 {
			t.Fatalf("%s: %d", bad, r.status)
		}
	}
	post(`{"kind":"drop"}`)
	if r := e.do(req{method: "DELETE", path: "/_sandbox/faults"}); r.status != 204 {
		t.Fatalf("clear: %d", r.status)
	}
	if r := e.do(req{method: "GET", path: "/zoho/crm/v8/org", auth: zohoDemo}); r.status != 200 {
		t.Fatalf("cleared fault still applied: %d", r.status)
	}
	// Fault JSON round trip
	f := sandbox.Fault{Method: "POST", PathPrefix: "/x", Kind: sandbox.Latency, Delay: 1500 * time.Millisecond, User: "maya@zylker.example", Times: 3}
	b, _ := json.Marshal(f)
	var back sandbox.Fault
	if err := json.Unmarshal(b, &back); err != nil || back != f {
		t.Fatalf("round trip %s → %+v (%v)", b, back, err)
	}
}

func TestStartLoopbackOnly(t *testing.T) {
	h := sandbox.New(sandbox.Options{})
	for _, addr := range []string{"0.0.0.0:0", "192.0.2.1:0", "example.com:80", "nonsense"} {
		if r, err := sandbox.Start(addr, h); err == nil {
			r.Close()
			t.Fatalf("Start(%q) succeeded", addr)
		}
	}
	r, err := sandbox.Start("localhost:0", h)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !strings.HasPrefix(r.URL, "http://127.0.0.1:") || r.ZohoAPI() != r.URL+"/zoho" || r.ContractsAPI() != r.URL+"/contracts" ||
		r.ZoomAPI() != r.URL+"/zoom/v2" || r.ZohoAccounts() != r.URL+"/accounts/zoho" || r.ZoomAccounts() != r.URL+"/accounts/zoom" {
		t.Fatalf("urls: %s", r.URL)
	}
	res, err := http.Get(r.ZohoAPI() + "/crm/v8/org")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Fatalf("no token: %d", res.StatusCode)
	}
	// fresh state per New
	a, b := sandbox.New(sandbox.Options{}), sandbox.New(sandbox.Options{})
	if a.Tokens() == b.Tokens() {
		t.Fatal("servers share a token store")
	}
}

func TestDemoUsers(t *testing.T) {
	zoho, zoom := sandbox.ZohoUsers(), sandbox.ZoomUsers()
	if len(zoho) != 2 || zoho[0].ID != "admin" || !zoho[0].Admin || zoho[1].ID != "viewer" || zoho[1].Admin {
		t.Fatalf("zoho users %+v", zoho)
	}
	if len(zoom) != 2 || zoom[0].ID != "admin" || !zoom[0].Admin || zoom[1].ID != sandbox.ZoomMemberID || zoom[1].Admin {
		t.Fatalf("zoom users %+v", zoom)
	}
	// deterministic demo logo, a real 256×256 PNG
	if !bytes.Equal(sandbox.DemoLogoPNG(), sandbox.DemoLogoPNG()) || !bytes.HasPrefix(sandbox.DemoLogoPNG(), []byte("\x89PNG")) {
		t.Fatal("demo logo not deterministic PNG")
	}
}

func TestAccountsMounted(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	// without parameters the token endpoint refuses, but it is there (not the mux's 404)
	if r := e.do(req{method: "POST", path: "/accounts/zoho/oauth/v2/token"}); r.status == http.StatusNotFound {
		t.Fatalf("Zoho accounts not mounted: %d %s", r.status, r.body)
	}
	if r := e.do(req{method: "POST", path: "/accounts/zoom/oauth/token"}); r.status == http.StatusNotFound {
		t.Fatalf("Zoom accounts not mounted: %d %s", r.status, r.body)
	}
	// the sign-in id names the Zoom user too
	if u, r := getZoomUser(t, e, zoomDemo, sandbox.ZoomAdminID); r.status != 200 || u.ID != sandbox.DemoZoomAdminUserID {
		t.Fatalf("GET users/admin: %d %s", r.status, r.body)
	}
}
