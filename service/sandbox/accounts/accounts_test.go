package accounts_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"logodesk/service/sandbox/accounts"
	"logodesk/service/sandbox/tokens"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	t     *testing.T
	root  string
	store *tokens.Store
	srv   *accounts.Server
	clk   *clock
	c     *http.Client
}

const (
	verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	redirect = "http://127.0.0.1:53682/callback/zoho"
)

func challenge(v string) string {
	s := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(s[:])
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, store: tokens.New(), clk: &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	f.srv = accounts.New(f.store, accounts.Config{
		Now:       f.clk.now,
		ZohoUsers: []accounts.User{{ID: "admin", Name: "Ava Admin", Email: "admin@zylker.example"}, {ID: "viewer", Name: "Victor Viewer", Email: "viewer@zylker.example"}},
	})
	mux := http.NewServeMux()
	mux.Handle("/accounts/", http.StripPrefix("/accounts", f.srv))
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	f.root = hs.URL
	f.c = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return f
}

func (f *fixture) authQuery(vendor string) url.Values {
	q := url.Values{"response_type": {"code"}, "client_id": {"cid"}, "redirect_uri": {redirect}, "state": {"st4te"},
		"code_challenge": {challenge(verifier)}, "code_challenge_method": {"S256"}}
	if vendor == "zoho" {
		q.Set("scope", "ZohoCRM.org.ALL,AaaServer.profile.READ")
	}
	return q
}

func authPath(vendor string) string {
	if vendor == "zoho" {
		return "/accounts/zoho/oauth/v2/auth"
	}
	return "/accounts/zoom/oauth/authorize"
}

// decide posts the consent form and returns the redirect back to the app.
func (f *fixture) decide(vendor, decision, user string) *url.URL {
	f.t.Helper()
	form := f.authQuery(vendor)
	form.Set("decision", decision)
	form.Set("user", user)
	resp, err := f.c.PostForm(f.root+authPath(vendor), form)
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		f.t.Fatalf("decision: HTTP %d", resp.StatusCode)
	}
	u, _ := url.Parse(resp.Header.Get("Location"))
	return u
}

func (f *fixture) post(path string, form url.Values, basic bool) (int, map[string]any) {
	f.t.Helper()
	req, _ := http.NewRequest("POST", f.root+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basic {
		req.SetBasicAuth("cid", "secret")
	}
	resp, err := f.c.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &v); err != nil {
		f.t.Fatalf("%s: not JSON: %s", path, b)
	}
	return resp.StatusCode, v
}

func codeForm(code, v string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "client_id": {"cid"}, "code": {code}, "redirect_uri": {redirect}, "code_verifier": {v}}
}

func TestConsentPage(t *testing.T) {
	f := newFixture(t)
	resp, err := f.c.Get(f.root + authPath("zoho") + "?" + f.authQuery("zoho").Encode())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	for _, want := range []string{"LogoDesk", "ZohoCRM.org.ALL", "AaaServer.profile.READ", `id="allow"`, `id="deny"`, "Ava Admin", "Victor Viewer"} {
		if !strings.Contains(page, want) {
			t.Errorf("consent page lacks %q", want)
		}
	}
	// Refused before any consent: a redirect off the loopback, plain PKCE, a missing client.
	for name, change := range map[string]func(url.Values){
		"remote redirect": func(q url.Values) { q.Set("redirect_uri", "http://evil.example/callback") },
		"https redirect":  func(q url.Values) { q.Set("redirect_uri", "https://127.0.0.1/cb") },
		"plain PKCE":      func(q url.Values) { q.Set("code_challenge_method", "plain") },
		"no client":       func(q url.Values) { q.Del("client_id") },
		"token flow":      func(q url.Values) { q.Set("response_type", "token") },
	} {
		q := f.authQuery("zoho")
		change(q)
		resp, err := f.c.Get(f.root + authPath("zoho") + "?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Errorf("%s: HTTP %d, Location %q", name, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

func TestZohoFlow(t *testing.T) {
	f := newFixture(t)
	back := f.decide("zoho", "allow", "viewer")
	q := back.Query()
	if back.Host != "127.0.0.1:53682" || back.Path != "/callback/zoho" || q.Get("state") != "st4te" || q.Get("code") == "" ||
		q.Get("location") != "us" || q.Get("accounts-server") != f.root+"/accounts/zoho" {
		t.Fatalf("redirect back: %s", back)
	}
	code := q.Get("code")
	// Wrong verifier: HTTP 200 with an error, and the code is burnt.
	if st, v := f.post("/accounts/zoho/oauth/v2/token", codeForm(code, verifier+"x"), false); st != 200 || v["error"] != "invalid_code" || v["access_token"] != nil {
		t.Fatalf("wrong verifier: %d %v", st, v)
	}
	if _, v := f.post("/accounts/zoho/oauth/v2/token", codeForm(code, verifier), false); v["error"] != "invalid_code" {
		t.Fatalf("a code burnt by a failed PKCE check still works: %v", v)
	}

	code = f.decide("zoho", "allow", "viewer").Query().Get("code")
	st, v := f.post("/accounts/zoho/oauth/v2/token", codeForm(code, verifier), false)
	if st != 200 || v["error"] != nil || v["api_domain"] != f.root+"/zoho" || v["refresh_token"] == nil || v["expires_in"].(float64) != 3600 {
		t.Fatalf("exchange: %d %v", st, v)
	}
	at, rt := v["access_token"].(string), v["refresh_token"].(string)
	g, ok := f.store.Lookup(at)
	if !ok || g.Vendor != tokens.Zoho || g.User != "viewer" || !g.HasAny("ZohoCRM.org.ALL") || !g.Expiry.Equal(f.clk.now().Add(time.Hour)) {
		t.Fatalf("grant %+v", g)
	}
	// User info.
	req, _ := http.NewRequest("GET", f.root+"/accounts/zoho/oauth/user/info", nil)
	req.Header.Set("Authorization", "Zoho-oauthtoken "+at)
	resp, err := f.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var info map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&info)
	resp.Body.Close()
	if info["Email"] != "viewer@zylker.example" || info["First_Name"] != "Victor" || info["ZUID"] != "viewer" {
		t.Fatalf("user info %v", info)
	}
	// Reuse: refused, and what the code granted is revoked.
	if _, v := f.post("/accounts/zoho/oauth/v2/token", codeForm(code, verifier), false); v["error"] != "invalid_code" {
		t.Fatalf("reused code: %v", v)
	}
	if _, ok := f.store.Lookup(at); ok {
		t.Fatal("tokens of a reused code stay valid")
	}
	// Refresh token from the first exchange died with it; a fresh grant refreshes without rotating.
	if _, v := f.post("/accounts/zoho/oauth/v2/token", url.Values{"grant_type": {"refresh_token"}, "client_id": {"cid"}, "refresh_token": {rt}}, false); v["error"] != "invalid_code" {
		t.Fatalf("refresh after reuse: %v", v)
	}
	code = f.decide("zoho", "allow", "admin").Query().Get("code")
	_, v = f.post("/accounts/zoho/oauth/v2/token", codeForm(code, verifier), false)
	rt = v["refresh_token"].(string)
	_, v = f.post("/accounts/zoho/oauth/v2/token", url.Values{"grant_type": {"refresh_token"}, "client_id": {"cid"}, "refresh_token": {rt}}, false)
	if v["access_token"] == nil || v["refresh_token"] != nil || v["api_domain"] != f.root+"/zoho" {
		t.Fatalf("refresh: %v", v)
	}
	if f.srv.Refreshes(tokens.Zoho) != 1 {
		t.Fatal("refresh not counted")
	}
	// Revoke (token in the query, as Zoho documents), then refresh fails.
	if st, v := f.post("/accounts/zoho/oauth/v2/token/revoke?token="+url.QueryEscape(rt), nil, false); st != 200 || v["status"] != "success" {
		t.Fatalf("revoke: %d %v", st, v)
	}
	if st, v := f.post("/accounts/zoho/oauth/v2/token", url.Values{"grant_type": {"refresh_token"}, "client_id": {"cid"}, "refresh_token": {rt}}, false); st != 200 || v["error"] != "invalid_code" {
		t.Fatalf("refresh after revoke: %d %v", st, v)
	}
	// Codes expire after two minutes.
	code = f.decide("zoho", "allow", "admin").Query().Get("code")
	f.clk.add(accounts.CodeLifetime)
	if _, v := f.post("/accounts/zoho/oauth/v2/token", codeForm(code, verifier), false); v["error"] != "invalid_code" {
		t.Fatalf("expired code: %v", v)
	}
	// Deny.
	if back := f.decide("zoho", "deny", ""); back.Query().Get("error") != "access_denied" || back.Query().Get("code") != "" || back.Query().Get("state") != "st4te" {
		t.Fatalf("deny: %s", back)
	}
}

func TestZoomFlowRotationAndErrors(t *testing.T) {
	f := newFixture(t)
	code := f.decide("zoom", "allow", "admin").Query().Get("code")
	form := codeForm(code, verifier)
	form.Del("client_id")
	st, v := f.post("/accounts/zoom/oauth/token", form, true)
	if st != 200 || v["refresh_token"] == nil || v["token_type"] != "bearer" {
		t.Fatalf("exchange: %d %v", st, v)
	}
	g, _ := f.store.Lookup(v["access_token"].(string))
	if g.Vendor != tokens.Zoom || !g.HasAny("user:write:profile_picture") {
		t.Fatalf("grant %+v", g)
	}
	rt1 := v["refresh_token"].(string)
	refresh := func(rt string) (int, map[string]any) {
		return f.post("/accounts/zoom/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, true)
	}
	st, v = refresh(rt1)
	rt2, _ := v["refresh_token"].(string)
	if st != 200 || rt2 == "" || rt2 == rt1 {
		t.Fatalf("refresh didn't rotate: %d %v", st, v)
	}
	if st, v := refresh(rt1); st != 401 || v["error"] != "invalid_grant" || v["reason"] == nil {
		t.Fatalf("old refresh token: %d %v", st, v)
	}
	// No client at all: 401 invalid_client.
	if st, v := f.post("/accounts/zoom/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt2}}, false); st != 401 || v["error"] != "invalid_client" {
		t.Fatalf("no client: %d %v", st, v)
	}
	if st, _ := f.post("/accounts/zoom/oauth/revoke", url.Values{"token": {rt2}}, true); st != 200 {
		t.Fatal("revoke failed")
	}
	if st, v := refresh(rt2); st != 401 || v["error"] != "invalid_grant" {
		t.Fatalf("after revoke: %d %v", st, v)
	}
	// Reused code: 400 invalid_grant.
	if st, v := f.post("/accounts/zoom/oauth/token", form, true); st != 400 || v["error"] != "invalid_grant" {
		t.Fatalf("reused code: %d %v", st, v)
	}
	// No PKCE and no secret: refused.
	q := f.authQuery("zoom")
	q.Del("code_challenge")
	q.Del("code_challenge_method")
	q.Set("decision", "allow")
	q.Set("user", "admin")
	resp, err := f.c.PostForm(f.root+authPath("zoom"), q)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if st, v := f.post("/accounts/zoom/oauth/token", url.Values{"grant_type": {"authorization_code"}, "client_id": {"cid"}, "code": {loc.Query().Get("code")}, "redirect_uri": {redirect}}, false); st != 401 || v["error"] != "invalid_client" {
		t.Fatalf("no PKCE, no secret: %d %v", st, v)
	}
}

// Zoom's revoke uninstalls the app for the user: every grant that user gave the client
// dies, including a newer one. Zoho's revoke withdraws only the token it names.
func TestRevokeScope(t *testing.T) {
	f := newFixture(t)
	exchange := func(vendor string) string {
		code := f.decide(vendor, "allow", "admin").Query().Get("code")
		path := "/accounts/zoho/oauth/v2/token"
		if vendor == "zoom" {
			path = "/accounts/zoom/oauth/token"
		}
		_, v := f.post(path, codeForm(code, verifier), vendor == "zoom")
		rt, _ := v["refresh_token"].(string)
		if rt == "" {
			t.Fatalf("%s exchange: %v", vendor, v)
		}
		return rt
	}
	zoomRefresh := func(rt string) int {
		st, _ := f.post("/accounts/zoom/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, true)
		return st
	}
	zohoRefresh := func(rt string) map[string]any {
		_, v := f.post("/accounts/zoho/oauth/v2/token", url.Values{"grant_type": {"refresh_token"}, "client_id": {"cid"}, "refresh_token": {rt}}, false)
		return v
	}
	older, newer := exchange("zoom"), exchange("zoom")
	if st, _ := f.post("/accounts/zoom/oauth/revoke", url.Values{"token": {older}}, true); st != 200 {
		t.Fatal("Zoom revoke failed")
	}
	if st := zoomRefresh(newer); st != 401 {
		t.Fatalf("Zoom: a newer grant survived revoking an older one (HTTP %d)", st)
	}

	older, newer = exchange("zoho"), exchange("zoho")
	if st, v := f.post("/accounts/zoho/oauth/v2/token/revoke?token="+url.QueryEscape(older), nil, false); st != 200 || v["status"] != "success" {
		t.Fatalf("Zoho revoke: %d %v", st, v)
	}
	if v := zohoRefresh(older); v["error"] != "invalid_code" {
		t.Fatalf("Zoho: the revoked token still refreshes: %v", v)
	}
	if v := zohoRefresh(newer); v["access_token"] == nil {
		t.Fatalf("Zoho: revoking one token killed another: %v", v)
	}
}
