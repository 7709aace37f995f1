package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"logodesk/service/sandbox/accounts"
	"logodesk/service/sandbox/tokens"
)

// capture collects every log line and error message of the whole test run, and every
// secret value that went over the wire, so TestMain can check none leaked.
var capture struct {
	mu      sync.Mutex
	out     []string
	secrets map[string]bool
}

func captureOut(s string) {
	capture.mu.Lock()
	capture.out = append(capture.out, s)
	capture.mu.Unlock()
}

func noteSecret(s string) {
	if len(s) < 8 { // nothing real is this short; avoid matching common words
		return
	}
	capture.mu.Lock()
	if capture.secrets == nil {
		capture.secrets = map[string]bool{}
	}
	capture.secrets[s] = true
	capture.mu.Unlock()
}

// noteErr captures err's message and that of every error it wraps: a caller may log
// any of them (%+v of a wrapper prints only its own message).
func noteErr(err error) {
	for _, line := range errorTree(err) {
		captureOut("error: " + line)
	}
}

// errorTree is the message of err and of each error it wraps, depth first.
func errorTree(err error) []string {
	if err == nil {
		return nil
	}
	out := []string{err.Error(), fmt.Sprintf("%+v", err)}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		out = append(out, errorTree(u.Unwrap())...)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			out = append(out, errorTree(e)...)
		}
	}
	return out
}

func TestMain(m *testing.M) {
	code := m.Run()
	capture.mu.Lock()
	defer capture.mu.Unlock()
	if len(capture.out) > 0 && len(capture.secrets) == 0 {
		// Sign-ins ran and logged, yet no secret was harvested: the scan would prove nothing.
		fmt.Fprintln(os.Stderr, "secret scan: no secret values were collected, so the scan is broken")
		if code == 0 {
			code = 1
		}
	}
	for _, l := range leaks(capture.out, capture.secrets) {
		fmt.Fprintln(os.Stderr, "secret scan: "+l)
		code = 1
	}
	if code == 0 {
		fmt.Fprintf(os.Stderr, "secret scan: %d log/error lines checked against %d secret values: clean\n", len(capture.out), len(capture.secrets))
	}
	os.Exit(code)
}

// leaks describes, without quoting it, each secret that appears in out.
func leaks(out []string, secrets map[string]bool) []string {
	all := strings.Join(out, "\n")
	var found []string
	for s := range secrets {
		if strings.Contains(all, s) {
			found = append(found, fmt.Sprintf("a token, code, verifier or secret (%d chars, starts %.4s) appears in the captured log/errors", len(s), s))
		}
	}
	return found
}

// The scan finds a secret anywhere in a line, also deep in a wrapped error's %+v.
func TestSecretScanFindsLeaks(t *testing.T) {
	const secret = "1000.0123456789abcdef0123456789abcdef"
	wrapped := fmt.Errorf("outer: %w", newErr(ErrNetwork, "plain message", errors.New("cause quoting "+secret)))
	secrets := map[string]bool{secret: true}
	if got := leaks(append([]string{"log: all fine"}, errorTree(wrapped)...), secrets); len(got) != 1 {
		t.Fatalf("a leak in a wrapped cause wasn't found: %v", got)
	}
	if got := leaks([]string{"log: all fine", "error: " + wrapped.Error()}, secrets); len(got) != 0 {
		t.Fatalf("the wrapper's own message holds no secret, yet: %v", got)
	}
	if got := leaks([]string{"log: x" + secret + "x"}, secrets); len(got) != 1 {
		t.Fatalf("a secret inside a word wasn't found: %v", got)
	}
}

const (
	testClientID     = "1000.TESTCLIENTID42"
	testClientSecret = "client-secret-c0ffee-0123456789"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// memStore is an in-memory Store.
type memStore struct {
	mu sync.Mutex
	m  map[string]string
}

func newMemStore() *memStore { return &memStore{m: map[string]string{}} }
func (s *memStore) Get(k string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}
func (s *memStore) Set(k, v string) error { s.mu.Lock(); s.m[k] = v; s.mu.Unlock(); return nil }
func (s *memStore) Delete(k string) error { s.mu.Lock(); delete(s.m, k); s.mu.Unlock(); return nil }

// env is a sandbox accounts server on loopback plus a Manager pointed at it.
type env struct {
	t      *testing.T
	root   string
	acc    *accounts.Server
	tokens *tokens.Store
	clock  *fakeClock
	store  Store
	dir    string
	m      *Manager

	mu            sync.Mutex
	rewriteAPIDom string // when set, Zoho token responses name this api_domain
	// answer, when set, may answer a request to the accounts server itself (true).
	answer func(w http.ResponseWriter, r *http.Request) bool
	// beforeReply, when set, runs after the accounts server handled a request and before
	// its reply is sent.
	beforeReply    func(r *http.Request)
	tokenReqs      []tokenReq
	lastTokenResps []map[string]any
}

func newEnv(t *testing.T, mutate ...func(*Options)) *env {
	t.Helper()
	e := &env{t: t, tokens: tokens.New(), clock: &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}}
	e.acc = accounts.New(e.tokens, accounts.Config{
		Now:       e.clock.Now,
		ZohoUsers: []accounts.User{{ID: "admin", Name: "Ava Admin", Email: "admin@zylker.example"}},
		ZoomUsers: []accounts.User{{ID: "admin", Name: "Ava Admin", Email: "admin@zylker.example"}},
	})
	mux := http.NewServeMux()
	mux.Handle("/accounts/", e.recordSecrets(http.StripPrefix("/accounts", e.acc)))
	mux.HandleFunc("/zoom/v2/users/me", func(w http.ResponseWriter, r *http.Request) {
		g, ok := e.tokens.Lookup(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		if !ok || g.Vendor != tokens.Zoom || g.Expired(e.clock.Now()) {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"code":124,"message":"Invalid access token."}`)
			return
		}
		_, _ = io.WriteString(w, `{"id":"admin","first_name":"Ava","last_name":"Admin","email":"admin@zylker.example"}`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	e.root = srv.URL
	e.dir = t.TempDir()
	e.store = newMemStore()
	o := Options{
		Store:           e.store,
		ConfigDir:       e.dir,
		ZohoAccountsURL: e.root + "/accounts/zoho",
		ZoomAccountsURL: e.root + "/accounts/zoom",
		ZoomAPIURL:      e.root + "/zoom/v2",
		Sandbox:         true,
		ZohoPort:        -1, // replaced below
		Log:             func(s string) { captureOut("log: " + s) },
		Getenv:          func(string) string { return "" },
		OpenBrowser:     func(string) error { return errors.New("no browser in this test") },
		Now:             e.clock.Now,
		SignInTimeout:   20 * time.Second,
	}
	o.ZohoPort = freePort(t)
	for _, f := range mutate {
		f(&o)
	}
	e.m = e.manager(o)
	return e
}

func (e *env) manager(o Options) *Manager {
	e.t.Helper()
	m, err := NewManager(o)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, p := range []Provider{Zoho, Zoom} {
		if err := m.SetClientSettings(p, ClientSettings{ID: testClientID, Secret: testClientSecret}); err != nil {
			e.t.Fatal(err)
		}
	}
	noteSecret(testClientSecret)
	m.tamperVerifier = func(v string) string { noteSecret(v); return v }
	return m
}

func freePort(t *testing.T) int {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	u, _ := url.Parse(srv.URL)
	srv.Close()
	var p int
	fmt.Sscan(u.Port(), &p)
	return p
}

// recordSecrets notes every token the accounts server hands out and every code it
// redirects with, and can rewrite Zoho's api_domain.
func (e *env) recordSecrets(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		for _, k := range []string{"code", "refresh_token", "code_verifier", "token", "client_secret"} {
			noteSecret(r.Form.Get(k))
		}
		e.mu.Lock()
		answer, beforeReply := e.answer, e.beforeReply
		if strings.HasSuffix(r.URL.Path, "/token") {
			user, _, basic := r.BasicAuth()
			e.tokenReqs = append(e.tokenReqs, tokenReq{path: r.URL.Path, form: r.PostForm, basicUser: user, basic: basic})
		}
		e.mu.Unlock()
		if answer != nil && answer(w, r) {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if beforeReply != nil {
			beforeReply(r)
		}
		body := rec.Body.Bytes()
		if loc := rec.Header().Get("Location"); loc != "" {
			if u, err := url.Parse(loc); err == nil {
				noteSecret(u.Query().Get("code"))
			}
		}
		if strings.HasSuffix(r.URL.Path, "/token") {
			var v map[string]any
			if json.Unmarshal(body, &v) == nil {
				for _, k := range []string{"access_token", "refresh_token"} {
					if s, ok := v[k].(string); ok {
						noteSecret(s)
					}
				}
				e.mu.Lock()
				if e.rewriteAPIDom != "" && v["api_domain"] != nil {
					v["api_domain"] = e.rewriteAPIDom
					body, _ = json.Marshal(v)
				}
				e.lastTokenResps = append(e.lastTokenResps, v)
				e.mu.Unlock()
			}
		}
		for k, vs := range rec.Header() {
			if k == "Content-Length" {
				continue
			}
			w.Header()[k] = vs
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	})
}

// tokenReq is a request to a token endpoint as the accounts server got it.
type tokenReq struct {
	path      string
	form      url.Values // the body only
	basicUser string
	basic     bool
}

// browserResult is what the fake browser saw at the end of the flow.
type browserResult struct {
	status int
	body   string
	err    error
}

// fakeBrowser plays the user's browser over plain HTTP: it loads the consent page, clicks
// Allow or Deny, lets tamper change the redirect back, and follows it to the loopback
// listener. before runs just before the callback is delivered.
type fakeBrowser struct {
	decision string
	tamper   func(*url.URL)
	before   func(callback *url.URL)
	done     chan browserResult
	opened   chan string
}

func newFakeBrowser(decision string) *fakeBrowser {
	return &fakeBrowser{decision: decision, done: make(chan browserResult, 1), opened: make(chan string, 1)}
}

func (b *fakeBrowser) Open(authURL string) error {
	b.opened <- authURL
	go func() { b.done <- b.run(authURL) }()
	return nil
}

func (b *fakeBrowser) run(authURL string) browserResult {
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(authURL)
	if err != nil {
		return browserResult{err: err}
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`id="allow"`)) || !bytes.Contains(page, []byte(`id="deny"`)) {
		return browserResult{err: fmt.Errorf("consent page: HTTP %d", resp.StatusCode)}
	}
	u, _ := url.Parse(authURL)
	form := u.Query()
	form.Set("decision", b.decision)
	form.Set("user", "admin")
	u.RawQuery = ""
	resp, err = c.PostForm(u.String(), form)
	if err != nil {
		return browserResult{err: err}
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return browserResult{err: fmt.Errorf("consent decision: HTTP %d", resp.StatusCode)}
	}
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return browserResult{err: err}
	}
	if b.tamper != nil {
		b.tamper(back)
	}
	if b.before != nil {
		b.before(back)
	}
	resp, err = c.Get(back.String())
	if err != nil {
		return browserResult{err: err}
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return browserResult{status: resp.StatusCode, body: string(body)}
}

// signIn runs a sign-in with b as the browser.
func (e *env) signIn(p Provider, b *fakeBrowser) (Account, browserResult, error) {
	e.t.Helper()
	e.m.opts.OpenBrowser = b.Open
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	shown := ""
	acct, err := e.m.SignIn(ctx, p, "", func(u string) { shown = u })
	noteErr(err)
	var res browserResult
	select {
	case res = <-b.done:
	case <-time.After(15 * time.Second):
		e.t.Fatal("the fake browser never finished")
	}
	if shown == "" {
		e.t.Error("showURL was not called")
	}
	return acct, res, err
}

func (e *env) mustSignIn(p Provider) Account {
	e.t.Helper()
	acct, res, err := e.signIn(p, newFakeBrowser("allow"))
	if err != nil {
		e.t.Fatalf("sign-in to %s: %v", p, err)
	}
	if res.err != nil || res.status != 200 || !strings.Contains(html.UnescapeString(res.body), "You're signed in to "+p.Title()+". You can close this tab.") {
		e.t.Fatalf("browser after sign-in: %+v", res)
	}
	return acct
}

// token gets an access token and checks the sandbox accepts it for p.
func (e *env) token(p Provider) string {
	e.t.Helper()
	tok, err := e.m.TokenSource(p).Token(context.Background())
	noteErr(err)
	if err != nil {
		e.t.Fatalf("Token(%s): %v", p, err)
	}
	e.checkValid(p, tok)
	return tok
}

func (e *env) checkValid(p Provider, tok string) {
	e.t.Helper()
	g, ok := e.tokens.Lookup(tok)
	if !ok || g.Expired(e.clock.Now()) || g.Vendor != string(p) || g.User != "admin" {
		e.t.Fatalf("the sandbox doesn't accept the %s token: %+v %v", p, g, ok)
	}
}
