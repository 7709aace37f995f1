// Package accounts emulates the Zoho and Zoom accounts (OAuth) servers for the sandbox:
// a consent page with Allow / Deny, authorization codes bound to PKCE (S256) that are
// single-use and expire after two minutes, refresh (rotating for Zoom), revocation, and
// Zoho's user-info endpoint. Access tokens are issued into the shared tokens.Store, so
// the emulated APIs accept them.
//
// Paths, relative to where the server is mounted (the sandbox mounts it at ROOT/accounts
// with http.StripPrefix("/accounts", ...)):
//
//	/zoho/oauth/v2/auth          GET consent page, POST the decision
//	/zoho/oauth/v2/token         authorization_code, refresh_token
//	/zoho/oauth/v2/token/revoke  ?token=<refresh token>
//	/zoho/oauth/user/info        the signed-in user (AaaServer.profile.READ)
//	/zoom/oauth/authorize        GET consent page, POST the decision
//	/zoom/oauth/token            authorization_code, refresh_token (rotating)
//	/zoom/oauth/revoke           token=<access or refresh token>; uninstalls the app for
//	                             the user, as Zoom's does: all their grants to the client die
//
// Errors are answered as the vendors do: Zoho with HTTP 200 and {"error":"invalid_code"},
// Zoom with 400/401 and {"reason":"...","error":"invalid_grant"}.
package accounts

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"logodesk/service/sandbox/tokens"
)

// User is a person who can sign in on the consent page.
type User struct {
	ID    string // the sandbox user id the tokens act as (tokens.Grant.User)
	Name  string
	Email string
}

// Config sets up the server.
type Config struct {
	ZohoUsers []User           // who can sign in to Zoho; one demo admin when empty
	ZoomUsers []User           // who can sign in to Zoom; one demo admin when empty
	Now       func() time.Time // clock; time.Now when nil
	AppName   string           // the app named on the consent page; "LogoDesk" when empty
}

// Lifetimes, as the vendors use them.
const (
	CodeLifetime   = 2 * time.Minute
	AccessLifetime = time.Hour
)

// ZoomDefaultScopes are granted on Zoom when the authorize request names none
// (Zoom takes the scopes from the app's registration, not from the request).
var ZoomDefaultScopes = []string{
	"user:read:user", "user:read:user:admin", "user:read:list_users:admin",
	"user:write:profile_picture", "user:write:profile_picture:admin",
	"user:read:admin", "user:write:admin", "user:write",
}

var defaultUsers = []User{{ID: "admin", Name: "Alex Admin", Email: "admin@example.com"}}

// Server is the accounts server; it is an http.Handler.
type Server struct {
	store *tokens.Store
	cfg   Config
	mux   *http.ServeMux

	mu        sync.Mutex
	codes     map[string]*authCode
	refresh   map[string]*grant // refresh token → grant
	refreshes map[string]int    // vendor → successful refreshes
}

type authCode struct {
	vendor, clientID, redirectURI, challenge, user string
	scopes                                         []string
	expiry                                         time.Time
	used                                           bool
	issued                                         *grant // the grant this code produced, revoked on reuse
}

type grant struct {
	vendor, clientID, user string
	scopes                 []string
	refreshToken           string
	access                 []string // access tokens issued under this grant
	revoked                bool
}

// New returns a server that issues access tokens into store.
func New(store *tokens.Store, cfg Config) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.ZohoUsers) == 0 {
		cfg.ZohoUsers = defaultUsers
	}
	if len(cfg.ZoomUsers) == 0 {
		cfg.ZoomUsers = defaultUsers
	}
	if cfg.AppName == "" {
		cfg.AppName = "LogoDesk"
	}
	s := &Server{
		store:     store,
		cfg:       cfg,
		mux:       http.NewServeMux(),
		codes:     map[string]*authCode{},
		refresh:   map[string]*grant{},
		refreshes: map[string]int{},
	}
	s.mux.HandleFunc("/zoho/oauth/v2/auth", func(w http.ResponseWriter, r *http.Request) { s.authorize(w, r, tokens.Zoho) })
	s.mux.HandleFunc("/zoho/oauth/v2/token", s.zohoToken)
	s.mux.HandleFunc("/zoho/oauth/v2/token/revoke", func(w http.ResponseWriter, r *http.Request) { s.revoke(w, r, tokens.Zoho) })
	s.mux.HandleFunc("/zoho/oauth/user/info", s.zohoUserInfo)
	s.mux.HandleFunc("/zoom/oauth/authorize", func(w http.ResponseWriter, r *http.Request) { s.authorize(w, r, tokens.Zoom) })
	s.mux.HandleFunc("/zoom/oauth/token", s.zoomToken)
	s.mux.HandleFunc("/zoom/oauth/revoke", func(w http.ResponseWriter, r *http.Request) { s.revoke(w, r, tokens.Zoom) })
	return s
}

// ServeHTTP serves the accounts endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	s.mux.ServeHTTP(w, r)
}

// Refreshes reports how many refresh_token grants succeeded for vendor (tokens.Zoho or tokens.Zoom).
func (s *Server) Refreshes(vendor string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes[vendor]
}

// RevokeAll revokes every refresh token and access token issued for vendor.
func (s *Server) RevokeAll(vendor string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for rt, g := range s.refresh {
		if g.vendor == vendor {
			s.revokeGrantLocked(g)
			delete(s.refresh, rt)
		}
	}
}

func (s *Server) users(vendor string) []User {
	if vendor == tokens.Zoom {
		return s.cfg.ZoomUsers
	}
	return s.cfg.ZohoUsers
}

func (s *Server) user(vendor, id string) (User, bool) {
	for _, u := range s.users(vendor) {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

// authRequest is the authorize request, from the query (GET) or the consent form (POST).
type authRequest struct {
	vendor, clientID, redirectURI, state, scope, challenge, method string
}

func parseAuthRequest(vendor string, v url.Values) (authRequest, string) {
	a := authRequest{
		vendor:      vendor,
		clientID:    v.Get("client_id"),
		redirectURI: v.Get("redirect_uri"),
		state:       v.Get("state"),
		scope:       v.Get("scope"),
		challenge:   v.Get("code_challenge"),
		method:      v.Get("code_challenge_method"),
	}
	if rt := v.Get("response_type"); rt != "code" {
		return a, "response_type must be \"code\"."
	}
	if a.clientID == "" {
		return a, "The request has no client_id."
	}
	if !loopbackRedirect(a.redirectURI) {
		return a, "The redirect_uri is not a loopback address (http://127.0.0.1:PORT/...)."
	}
	if a.challenge != "" && a.method != "S256" {
		return a, "code_challenge_method must be S256."
	}
	if vendor == tokens.Zoho && a.scope == "" {
		return a, "The request names no scope."
	}
	return a, ""
}

// loopbackRedirect accepts only http redirects to the loopback interface, so the sandbox
// never redirects a browser (and a code) anywhere else.
func loopbackRedirect(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.User != nil || u.Fragment != "" {
		return false
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

func splitScopes(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (s *Server) authorize(w http.ResponseWriter, r *http.Request, vendor string) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if err := r.ParseForm(); err != nil {
		renderError(w, "The request could not be read.")
		return
	}
	a, problem := parseAuthRequest(vendor, r.Form)
	if problem != "" {
		renderError(w, problem)
		return
	}
	if r.Method == http.MethodGet {
		s.renderConsent(w, a)
		return
	}
	back, _ := url.Parse(a.redirectURI)
	q := back.Query()
	switch r.PostForm.Get("decision") {
	case "deny":
		q.Set("error", "access_denied")
	case "allow":
		uid := r.PostForm.Get("user")
		if _, ok := s.user(vendor, uid); !ok {
			renderError(w, "Pick a user to sign in as.")
			return
		}
		scopes := splitScopes(a.scope)
		if vendor == tokens.Zoom && len(scopes) == 0 {
			scopes = append([]string(nil), ZoomDefaultScopes...)
		}
		code := s.newCode(&authCode{
			vendor: vendor, clientID: a.clientID, redirectURI: a.redirectURI,
			challenge: a.challenge, user: uid, scopes: scopes,
			expiry: s.cfg.Now().Add(CodeLifetime),
		})
		q.Set("code", code)
		if vendor == tokens.Zoho {
			q.Set("location", "us")
			q.Set("accounts-server", selfBase(r)+"/zoho")
		}
	default:
		renderError(w, "Click Allow or Deny.")
		return
	}
	if a.state != "" {
		q.Set("state", a.state)
	}
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// selfBase is this server's base URL as the browser sees it: scheme, Host, and the
// prefix the server is mounted under (what http.StripPrefix removed from the path).
func selfBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	prefix := ""
	if orig, err := url.ParseRequestURI(r.RequestURI); err == nil && strings.HasSuffix(orig.Path, r.URL.Path) {
		prefix = strings.TrimSuffix(orig.Path, r.URL.Path)
	}
	return scheme + "://" + r.Host + prefix
}

// rootBase is the sandbox root as the browser sees it (scheme and Host only): the
// emulated APIs live under it (ROOT/zoho for the Zoho API domain).
func rootBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func randomToken(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func (s *Server) newCode(c *authCode) string {
	code := randomToken("1000.", 20)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	for k, old := range s.codes { // forget codes long gone
		if now.After(old.expiry.Add(10 * time.Minute)) {
			delete(s.codes, k)
		}
	}
	s.codes[code] = c
	return code
}

// tokenError is a failed token request: the vendor's error code and Zoom's reason text.
type tokenError struct {
	code, reason string
	status       int // Zoom's HTTP status (Zoho always answers 200)
}

var (
	errInvalidCode     = &tokenError{"invalid_code", "Invalid authorization code", http.StatusBadRequest}
	errInvalidVerifier = &tokenError{"invalid_code", "Invalid code verifier", http.StatusBadRequest}
	errInvalidClient   = &tokenError{"invalid_client", "Invalid client_id or client_secret", http.StatusUnauthorized}
	errInvalidRedirect = &tokenError{"invalid_redirect_uri", "Redirect URI mismatch", http.StatusBadRequest}
	errInvalidRefresh  = &tokenError{"invalid_code", "Invalid Token!", http.StatusUnauthorized}
	errBadGrantType    = &tokenError{"unsupported_grant_type", "Unsupported grant type", http.StatusBadRequest}
)

// redeem checks and consumes an authorization code and returns the new grant.
func (s *Server) redeem(vendor, code, clientID, redirectURI, verifier string, hasSecret bool) (*grant, *tokenError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.codes[code]
	if !ok || c.vendor != vendor {
		return nil, errInvalidCode
	}
	if c.used {
		// RFC 6749 §4.1.2: a code used twice revokes what it granted.
		if c.issued != nil {
			s.revokeGrantLocked(c.issued)
			delete(s.refresh, c.issued.refreshToken)
		}
		return nil, errInvalidCode
	}
	if !s.cfg.Now().Before(c.expiry) {
		delete(s.codes, code)
		return nil, errInvalidCode
	}
	if clientID != c.clientID {
		return nil, errInvalidClient
	}
	if redirectURI != c.redirectURI {
		return nil, errInvalidRedirect
	}
	if c.challenge != "" {
		sum := sha256.Sum256([]byte(verifier))
		got := base64.RawURLEncoding.EncodeToString(sum[:])
		if verifier == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.challenge)) != 1 {
			c.used = true // a failed PKCE check burns the code
			return nil, errInvalidVerifier
		}
	} else if !hasSecret {
		return nil, errInvalidClient // no PKCE and no secret: nothing proves who is asking
	}
	c.used = true
	g := &grant{vendor: vendor, clientID: clientID, user: c.user, scopes: c.scopes}
	g.refreshToken = newRefreshToken(vendor)
	s.refresh[g.refreshToken] = g
	c.issued = g
	return g, nil
}

func newRefreshToken(vendor string) string {
	if vendor == tokens.Zoom {
		b := make([]byte, 48)
		_, _ = rand.Read(b)
		return "eyJzYW5kYm94Ijoiem9vbSJ9." + base64.RawURLEncoding.EncodeToString(b)
	}
	return randomToken("1000.", 32)
}

// useRefresh checks a refresh token and returns its grant; for Zoom it rotates the token.
func (s *Server) useRefresh(vendor, rt, clientID string) (*grant, *tokenError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.refresh[rt]
	if !ok || g.vendor != vendor || g.revoked {
		return nil, errInvalidRefresh
	}
	if clientID != g.clientID {
		return nil, errInvalidClient
	}
	if vendor == tokens.Zoom { // rotation: the old token dies, a new one is issued
		delete(s.refresh, rt)
		g.refreshToken = newRefreshToken(vendor)
		s.refresh[g.refreshToken] = g
	}
	s.refreshes[vendor]++
	return g, nil
}

func (s *Server) issueAccess(g *grant) (string, time.Time) {
	exp := s.cfg.Now().Add(AccessLifetime)
	tok := s.store.Issue(tokens.Grant{Vendor: g.vendor, User: g.user, Scopes: append([]string(nil), g.scopes...), Expiry: exp})
	s.mu.Lock()
	g.access = append(g.access, tok)
	s.mu.Unlock()
	return tok, exp
}

func (s *Server) revokeGrantLocked(g *grant) {
	g.revoked = true
	for _, a := range g.access {
		s.store.Revoke(a)
	}
	g.access = nil
}

// grantOfLocked finds the live grant of vendor that tok (a refresh or access token) belongs to.
func (s *Server) grantOfLocked(vendor, tok string) *grant {
	if g, ok := s.refresh[tok]; ok && g.vendor == vendor {
		return g
	}
	for _, g := range s.refresh {
		if g.vendor != vendor {
			continue
		}
		for _, a := range g.access {
			if a == tok {
				return g
			}
		}
	}
	return nil
}

func (s *Server) revoke(w http.ResponseWriter, r *http.Request, vendor string) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"error": "method_not_allowed"})
		return
	}
	_ = r.ParseForm()
	tok := r.Form.Get("token")
	s.mu.Lock()
	hit := s.grantOfLocked(vendor, tok)
	if hit != nil {
		for rt, g := range s.refresh {
			// Zoom's revoke uninstalls the app for the user (Zoom staff on its developer
			// forum), so every grant that user gave the client dies; Zoho's revokes one.
			same := g == hit || (vendor == tokens.Zoom && g.vendor == vendor && g.clientID == hit.clientID && g.user == hit.user)
			if same {
				s.revokeGrantLocked(g)
				delete(s.refresh, rt)
			}
		}
	}
	found := hit != nil
	s.mu.Unlock()
	if !found {
		if vendor == tokens.Zoom {
			writeJSON(w, http.StatusBadRequest, map[string]any{"reason": "Invalid Token!", "error": "invalid_request"})
		} else {
			writeJSON(w, http.StatusOK, map[string]any{"error": "invalid_token"})
		}
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "success"})
}
