package auth

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"logodesk/service/sandbox/tokens"
)

func TestZohoSignInRefreshSignOut(t *testing.T) {
	e := newEnv(t)
	if _, ok := e.m.Account(Zoho); ok {
		t.Fatal("signed in before signing in")
	}
	acct := e.mustSignIn(Zoho)
	want := Account{Provider: Zoho, Name: "Ava Admin", Email: "admin@zylker.example", DC: "us",
		APIDomain: e.root + "/zoho", ContractsURL: e.root + "/contracts"}
	if acct != want {
		t.Fatalf("account = %+v, want %+v", acct, want)
	}
	if got, ok := e.m.Account(Zoho); !ok || got != want {
		t.Fatalf("stored account = %+v %v", got, ok)
	}
	tok := e.token(Zoho)
	g, _ := e.tokens.Lookup(tok)
	for _, s := range ZohoScopes {
		if !g.HasAny(s) {
			t.Errorf("scope %s not granted: %v", s, g.Scopes)
		}
	}
	// The authorize URL carried one comma-joined scope string, offline access and consent.
	if r := e.lastTokenResps[0]; r["api_domain"] != e.root+"/zoho" {
		t.Errorf("api_domain = %v", r["api_domain"])
	}
	if again := e.token(Zoho); again != tok || e.acc.Refreshes(tokens.Zoho) != 0 {
		t.Fatal("a fresh token was refreshed")
	}
	rt, _ := e.store.Get(keyRefresh(Zoho))

	e.clock.Add(59 * time.Minute) // inside the refresh margin
	tok2 := e.token(Zoho)
	if tok2 == tok || e.acc.Refreshes(tokens.Zoho) != 1 {
		t.Fatalf("expected one refresh, got %d", e.acc.Refreshes(tokens.Zoho))
	}
	if rt2, _ := e.store.Get(keyRefresh(Zoho)); rt2 != rt {
		t.Fatal("Zoho's refresh token changed though Zoho doesn't rotate")
	}

	// Invalidate: the API core says the token was refused; the next call refreshes.
	e.m.TokenSource(Zoho).Invalidate(tok2)
	tok3 := e.token(Zoho)
	if tok3 == tok2 || e.acc.Refreshes(tokens.Zoho) != 2 {
		t.Fatal("Invalidate didn't lead to a refresh")
	}

	if err := e.m.SignOut(context.Background(), Zoho); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.tokens.Lookup(tok3); ok {
		t.Error("access token still valid at the server after sign-out")
	}
	for _, k := range []string{keyRefresh(Zoho), keyAccess(Zoho), keyAccount(Zoho)} {
		if _, err := e.store.Get(k); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s still stored after sign-out", k)
		}
	}
	if _, ok := e.m.Account(Zoho); ok {
		t.Error("still signed in")
	}
	_, err := e.m.TokenSource(Zoho).Token(context.Background())
	noteErr(err)
	if !errors.Is(err, ErrSignInAgain) {
		t.Fatalf("after sign-out: %v", err)
	}
	if cs, ok := e.m.ClientSettings(Zoho); !ok || cs.ID != testClientID {
		t.Error("sign-out removed the client settings")
	}
}

func TestZoomRotatedRefreshTokenIsSaved(t *testing.T) {
	e := newEnv(t)
	acct := e.mustSignIn(Zoom)
	if acct.Name != "Ava Admin" || acct.Email != "admin@zylker.example" || acct.DC != "" {
		t.Fatalf("account = %+v", acct)
	}
	e.token(Zoom)
	rt1, _ := e.store.Get(keyRefresh(Zoom))
	e.clock.Add(2 * time.Hour)
	e.token(Zoom)
	rt2, _ := e.store.Get(keyRefresh(Zoom))
	if rt2 == "" || rt2 == rt1 {
		t.Fatal("the rotated refresh token was not saved")
	}
	// The old one is dead at the server; the saved one works.
	c := &http.Client{}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt1}}
	req, _ := http.NewRequest("POST", e.root+"/accounts/zoom/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(testClientID, testClientSecret)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 4 || !strings.Contains(string(body), `"invalid_grant"`) {
		t.Fatalf("old refresh token still works: %d %s", resp.StatusCode, body)
	}
	e.clock.Add(2 * time.Hour)
	e.token(Zoom)
	if n := e.acc.Refreshes(tokens.Zoom); n != 2 {
		t.Fatalf("refreshes = %d", n)
	}
}

// Ten goroutines, split over two Managers sharing the store and config folder (two
// running copies of the app), ask for a token after expiry: one refresh at the server.
func TestConcurrentRefreshHappensOnce(t *testing.T) {
	for _, p := range []Provider{Zoom, Zoho} {
		t.Run(string(p), func(t *testing.T) {
			e := newEnv(t)
			e.mustSignIn(p)
			e.token(p)
			other := e.manager(e.m.opts)
			e.clock.Add(3 * time.Hour)
			var wg sync.WaitGroup
			toks := make([]string, 10)
			errs := make([]error, 10)
			start := make(chan struct{})
			for i := range 10 {
				m := e.m
				if i%2 == 1 {
					m = other
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					toks[i], errs[i] = m.TokenSource(p).Token(context.Background())
				}()
			}
			close(start)
			wg.Wait()
			for i := range 10 {
				noteErr(errs[i])
				if errs[i] != nil {
					t.Fatalf("goroutine %d: %v", i, errs[i])
				}
				if toks[i] != toks[0] {
					t.Fatalf("goroutine %d got a different token", i)
				}
			}
			e.checkValid(p, toks[0])
			if n := e.acc.Refreshes(string(p)); n != 1 {
				t.Fatalf("%d refreshes at the server, want exactly 1", n)
			}
		})
	}
}

func TestRevokedRefreshTokenSaysSignInAgain(t *testing.T) {
	for _, p := range []Provider{Zoho, Zoom} {
		t.Run(string(p), func(t *testing.T) {
			e := newEnv(t)
			e.mustSignIn(p)
			e.acc.RevokeAll(string(p))
			e.clock.Add(2 * time.Hour)
			_, err := e.m.TokenSource(p).Token(context.Background())
			noteErr(err)
			if !errors.Is(err, ErrSignInAgain) {
				t.Fatalf("err = %v, want ErrSignInAgain", err)
			}
			if !strings.Contains(err.Error(), p.Title()) {
				t.Errorf("message doesn't name the service: %q", err)
			}
			if _, ok := e.m.Account(p); ok {
				t.Error("a dead sign-in still counts as signed in")
			}
		})
	}
}

func TestNoSignInStored(t *testing.T) {
	e := newEnv(t)
	_, err := e.m.TokenSource(Zoom).Token(context.Background())
	noteErr(err)
	if !errors.Is(err, ErrSignInAgain) {
		t.Fatalf("err = %v", err)
	}
}

func TestDenied(t *testing.T) {
	for _, p := range []Provider{Zoho, Zoom} {
		e := newEnv(t)
		_, res, err := e.signIn(p, newFakeBrowser("deny"))
		if !errors.Is(err, ErrDenied) {
			t.Fatalf("%s: err = %v, want ErrDenied", p, err)
		}
		if !strings.Contains(res.body, "You chose Deny") {
			t.Errorf("%s: refusal page: %q", p, res.body)
		}
		if _, ok := e.m.Account(p); ok {
			t.Error("signed in after Deny")
		}
	}
}

// Zoho's port is fixed, so any web page can send the listener a reply. One with a wrong
// or missing state (even one saying Deny) is refused with a plain 400 page, and the
// sign-in keeps waiting for the real reply, which then signs in.
func TestWrongStateKeepsWaiting(t *testing.T) {
	e := newEnv(t)
	b := newFakeBrowser("allow")
	var problems []string
	b.before = func(real *url.URL) {
		c := &http.Client{Timeout: 5 * time.Second}
		for _, q := range []url.Values{
			{"state": {"forged-state-value"}, "code": {"forged-code-1234"}},
			{"code": {"forged-code-1234"}},
			{"state": {"forged-state-value"}, "error": {"access_denied"}},
			{"state": {""}, "error": {"access_denied"}},
		} {
			stray := *real
			stray.RawQuery = q.Encode()
			resp, err := c.Get(stray.String())
			if err != nil {
				problems = append(problems, "stray reply: "+err.Error())
				continue
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
				!strings.Contains(string(body), "LogoDesk ignored it") || strings.Contains(string(body), "forged") {
				problems = append(problems, fmt.Sprintf("stray reply %s: HTTP %d %q %q", q.Encode(), resp.StatusCode, resp.Header.Get("Content-Type"), body))
			}
		}
	}
	acct, res, err := e.signIn(Zoho, b)
	for _, p := range problems {
		t.Error(p)
	}
	if err != nil {
		t.Fatalf("a stray reply ended the sign-in: %v", err)
	}
	if res.status != http.StatusOK || acct.Email != "admin@zylker.example" {
		t.Fatalf("the real reply after stray ones: %+v %+v", res, acct)
	}
}

// A reply with the right state and an error is the provider's real answer: it ends the
// attempt at once.
func TestRightStateWithErrorEndsSignIn(t *testing.T) {
	e := newEnv(t)
	b := newFakeBrowser("allow")
	b.tamper = func(u *url.URL) {
		q := u.Query()
		q.Del("code")
		q.Set("error", "server_error")
		u.RawQuery = q.Encode()
	}
	_, res, err := e.signIn(Zoho, b)
	if !errors.Is(err, ErrDenied) || !strings.Contains(err.Error(), "server_error") {
		t.Fatalf("err = %v, want ErrDenied naming the code", err)
	}
	if !strings.Contains(html.UnescapeString(res.body), "didn't sign LogoDesk in") {
		t.Errorf("page: %d %q", res.status, res.body)
	}
}

func TestWrongVerifier(t *testing.T) {
	for _, p := range []Provider{Zoho, Zoom} {
		e := newEnv(t)
		e.m.tamperVerifier = func(v string) string { noteSecret(v); return v[:len(v)-4] + "AAAA" }
		_, _, err := e.signIn(p, newFakeBrowser("allow"))
		if !errors.Is(err, ErrCodeRejected) {
			t.Fatalf("%s: err = %v, want ErrCodeRejected", p, err)
		}
	}
}

func TestReusedCode(t *testing.T) {
	for _, p := range []Provider{Zoho, Zoom} {
		e := newEnv(t)
		var first string
		b := newFakeBrowser("allow")
		b.tamper = func(u *url.URL) { first = u.Query().Get("code") }
		if _, _, err := e.signIn(p, b); err != nil {
			t.Fatal(err)
		}
		// Replay the first code into a new sign-in (with the new one's state).
		b = newFakeBrowser("allow")
		b.tamper = func(u *url.URL) { q := u.Query(); q.Set("code", first); u.RawQuery = q.Encode() }
		_, _, err := e.signIn(p, b)
		if !errors.Is(err, ErrCodeRejected) {
			t.Fatalf("%s: err = %v, want ErrCodeRejected", p, err)
		}
	}
}

func TestExpiredCode(t *testing.T) {
	e := newEnv(t)
	b := newFakeBrowser("allow")
	b.before = func(*url.URL) { e.clock.Add(3 * time.Minute) }
	_, _, err := e.signIn(Zoho, b)
	if !errors.Is(err, ErrCodeRejected) {
		t.Fatalf("err = %v, want ErrCodeRejected", err)
	}
}

func TestUntrustedAccountsServerFromRedirect(t *testing.T) {
	for _, evil := range []string{"https://accounts.zoho.com.evil.example", "http://accounts.zoho.eu", "https://attacker.example", "http://127.0.0.2:9/accounts/zoho"} {
		e := newEnv(t)
		b := newFakeBrowser("allow")
		b.tamper = func(u *url.URL) { q := u.Query(); q.Set("accounts-server", evil); u.RawQuery = q.Encode() }
		_, _, err := e.signIn(Zoho, b)
		if !errors.Is(err, ErrUntrustedServer) {
			t.Fatalf("%s: err = %v, want ErrUntrustedServer", evil, err)
		}
	}
}

func TestUntrustedAPIDomain(t *testing.T) {
	e := newEnv(t)
	e.rewriteAPIDom = "https://www.zohoapis.com.evil.example"
	_, _, err := e.signIn(Zoho, newFakeBrowser("allow"))
	if !errors.Is(err, ErrUntrustedServer) {
		t.Fatalf("err = %v, want ErrUntrustedServer", err)
	}
	if _, ok := e.m.Account(Zoho); ok {
		t.Fatal("signed in with an untrusted api_domain")
	}
}

func TestSandboxHostsRefusedOutsideSandboxMode(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Sandbox = false })
	for _, p := range []Provider{Zoho, Zoom} {
		b := newFakeBrowser("allow")
		e.m.opts.OpenBrowser = b.Open
		_, err := e.m.SignIn(context.Background(), p, "", nil)
		noteErr(err)
		if !errors.Is(err, ErrUntrustedServer) {
			t.Fatalf("%s: err = %v, want ErrUntrustedServer", p, err)
		}
		select {
		case <-b.opened:
			t.Fatalf("%s: the browser was opened on an untrusted server", p)
		default:
		}
	}
}

func TestAllowLists(t *testing.T) {
	m := &Manager{}
	for _, dc := range ZohoDataCentres {
		if _, d, ok := m.trustedZohoAccounts(dc.AccountsURL); !ok || d.ID != dc.ID {
			t.Errorf("%s accounts refused", dc.AccountsURL)
		}
		if got, d, ok := m.trustedZohoAPIDomain(dc.APIDomain, ""); !ok || d.ID != dc.ID || got != dc.APIDomain {
			t.Errorf("%s API domain refused", dc.APIDomain)
		}
	}
	for _, bad := range []string{"http://accounts.zoho.com", "https://accounts.zoho.com.evil.example", "https://evil.example/accounts.zoho.com",
		"https://user@accounts.zoho.com", "https://www.zohoapis.com", "http://127.0.0.1:8765/accounts/zoho", "", "accounts.zoho.com"} {
		if _, _, ok := m.trustedZohoAccounts(bad); ok {
			t.Errorf("accounts server %q accepted", bad)
		}
	}
	for _, bad := range []string{"http://www.zohoapis.com", "https://www.zohoapis.com.evil.example", "https://zohoapis.evil", "https://accounts.zoho.com",
		"http://127.0.0.1:8765/zoho", "https://www.zohoapis.xyz"} {
		if _, _, ok := m.trustedZohoAPIDomain(bad, ""); ok {
			t.Errorf("API domain %q accepted", bad)
		}
	}
	sb := &Manager{opts: Options{Sandbox: true, ZohoAccountsURL: "http://127.0.0.1:8765/accounts/zoho"}}
	if _, _, ok := sb.trustedZohoAPIDomain("http://127.0.0.1:8765/zoho", "http://127.0.0.1:8765/accounts/zoho"); !ok {
		t.Error("sandbox API domain refused in sandbox mode")
	}
	for _, bad := range []string{"http://127.0.0.1:9999/zoho", "http://10.0.0.1:8765/zoho", "http://evil.example:8765/zoho"} {
		if _, _, ok := sb.trustedZohoAPIDomain(bad, "http://127.0.0.1:8765/accounts/zoho"); ok {
			t.Errorf("sandbox mode accepted %q", bad)
		}
	}
}

// The listener is bound to 127.0.0.1 only, refuses other paths, and closes after one callback.
func TestListenerLoopbackOnlyAndSingleUse(t *testing.T) {
	e := newEnv(t)
	b := newFakeBrowser("allow")
	var port string
	var checks []string
	b.before = func(cb *url.URL) {
		port = cb.Port()
		if cb.Hostname() != "127.0.0.1" || cb.Path != "/callback/zoho" {
			checks = append(checks, "redirect URI is "+cb.String())
		}
		c := &http.Client{Timeout: 2 * time.Second}
		// favicon and stray paths: 404; the other provider's callback: refused, flow goes on.
		for path, want := range map[string]int{"/favicon.ico": 404, "/": 404, "/callback/zoom?code=x&state=y": 400} {
			resp, err := c.Get("http://127.0.0.1:" + port + path)
			if err != nil {
				checks = append(checks, path+": "+err.Error())
				continue
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				checks = append(checks, fmt.Sprintf("%s: HTTP %d, want %d", path, resp.StatusCode, want))
			}
		}
		// Not reachable on any other address of this machine.
		addrs, _ := net.InterfaceAddrs()
		others := []string{"::1"}
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && !ipn.IP.IsLinkLocalUnicast() {
				others = append(others, ipn.IP.String())
			}
		}
		for _, ip := range others {
			conn, err := net.DialTimeout("tcp", net.JoinHostPort(ip, port), time.Second)
			if err == nil {
				conn.Close()
				checks = append(checks, "listener reachable on "+ip)
			}
		}
		if len(others) < 2 {
			t.Log("this machine has no non-loopback IPv4/IPv6 address to probe; only ::1 was tried")
		}
	}
	e.m.opts.OpenBrowser = b.Open
	acct, err := e.m.SignIn(context.Background(), Zoho, "", nil)
	noteErr(err)
	if err != nil {
		t.Fatal(err)
	}
	res := <-b.done
	if res.status != 200 || acct.Email == "" {
		t.Fatalf("sign-in: %+v %+v", res, acct)
	}
	for _, c := range checks {
		t.Error(c)
	}
	// After the one callback the listener is gone.
	deadline := time.Now().Add(3 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second)
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatal("the listener still accepts connections after the callback")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	e := newEnv(t, func(o *Options) { o.ZohoPort = port })
	_, err = e.m.SignIn(context.Background(), Zoho, "", nil)
	noteErr(err)
	if !errors.Is(err, ErrPortInUse) {
		t.Fatalf("err = %v", err)
	}
	// The message names a way to choose another port that exists (no Settings field
	// does), and the redirect URI to register for it.
	msg := err.Error()
	other := fmt.Sprintf("http://127.0.0.1:%d/callback/zoho", port+1)
	for _, want := range []string{fmt.Sprint(port), "LOGODESK_ZOHO_PORT", other, "Zoho"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q doesn't say %q", msg, want)
		}
	}
	if strings.Contains(msg, "Settings") || strings.Count(msg, ". ") > 1 {
		t.Errorf("message %q: not one or two plain sentences about a way that exists", msg)
	}
	if e.m.RedirectURI(Zoho) != fmt.Sprintf("http://127.0.0.1:%d/callback/zoho", port) {
		t.Errorf("RedirectURI = %s", e.m.RedirectURI(Zoho))
	}
}

func TestCancelAndTimeout(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.SignInTimeout = 300 * time.Millisecond })
	e.m.opts.OpenBrowser = func(string) error { return nil } // nobody comes back
	_, err := e.m.SignIn(context.Background(), Zoom, "", nil)
	noteErr(err)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("timeout: %v", err)
	}
	e.m.opts.SignInTimeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err = e.m.SignIn(ctx, Zoom, "", nil)
	noteErr(err)
	if !errors.Is(err, ErrCancelled) {
		t.Fatalf("cancel: %v", err)
	}
}

func TestNotConfigured(t *testing.T) {
	e := newEnv(t)
	if err := e.m.SetClientSettings(Zoom, ClientSettings{}); err != nil {
		t.Fatal(err)
	}
	_, err := e.m.SignIn(context.Background(), Zoom, "", nil)
	noteErr(err)
	if !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("err = %v", err)
	}
	if _, err := e.m.SignIn(context.Background(), Zoho, "mars", nil); err == nil || !strings.Contains(err.Error(), "not a Zoho data centre") {
		t.Fatalf("unknown DC: %v", err)
	}
}

func TestPublicClientWithoutSecret(t *testing.T) {
	e := newEnv(t)
	if err := e.m.SetClientSettings(Zoom, ClientSettings{ID: testClientID}); err != nil {
		t.Fatal(err)
	}
	e.mustSignIn(Zoom)
	e.clock.Add(2 * time.Hour)
	e.token(Zoom)
}

// refreshWorks asks the sandbox's Zoho token endpoint directly whether rt still refreshes.
func (e *env) zohoRefreshWorks(rt string) bool {
	e.t.Helper()
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {testClientID}, "client_secret": {testClientSecret}}
	resp, err := http.PostForm(e.root+"/accounts/zoho/oauth/v2/token", form)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode == http.StatusOK && strings.Contains(string(body), `"access_token"`)
}

// Zoho keeps at most 20 refresh tokens per user and silently drops the oldest: signing
// in again withdraws the refresh token it replaces, once the new one is stored.
func TestZohoSignInAgainRevokesReplacedRefreshToken(t *testing.T) {
	e := newEnv(t)
	e.mustSignIn(Zoho)
	old, _ := e.store.Get(keyRefresh(Zoho))
	if !e.zohoRefreshWorks(old) {
		t.Fatal("the first refresh token doesn't work")
	}
	e.mustSignIn(Zoho)
	cur, _ := e.store.Get(keyRefresh(Zoho))
	if cur == "" || cur == old {
		t.Fatal("the second sign-in stored no new refresh token")
	}
	if e.zohoRefreshWorks(old) {
		t.Error("the replaced refresh token still works at Zoho")
	}
	if !e.zohoRefreshWorks(cur) {
		t.Error("the new refresh token doesn't work")
	}
}

// A revoke that fails doesn't fail the new sign-in; it is logged in a plain line.
func TestZohoFailedRevokeKeepsNewSignIn(t *testing.T) {
	log := &logLines{}
	e := newEnv(t, func(o *Options) { o.Log = log.add })
	e.mustSignIn(Zoho)
	old, _ := e.store.Get(keyRefresh(Zoho))
	e.mu.Lock()
	e.answer = func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasSuffix(r.URL.Path, "/revoke") {
			return false
		}
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return true
	}
	e.mu.Unlock()
	e.mustSignIn(Zoho)
	cur, _ := e.store.Get(keyRefresh(Zoho))
	if cur == "" || cur == old || !e.zohoRefreshWorks(cur) {
		t.Fatal("the new sign-in wasn't kept")
	}
	if !log.has("couldn't withdraw your earlier Zoho sign-in") {
		t.Errorf("no log line about the earlier sign-in that couldn't be withdrawn: %q", log.lines)
	}
}

// Zoom's revoke uninstalls the app for the user, new sign-in included, so signing in to
// Zoom again must not withdraw the sign-in it replaces: the new one keeps working.
func TestZoomSignInAgainKeepsWorking(t *testing.T) {
	e := newEnv(t)
	e.mustSignIn(Zoom)
	e.mustSignIn(Zoom)
	e.clock.Add(2 * time.Hour)
	e.token(Zoom)
}
