package accounts

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"logodesk/service/sandbox/tokens"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func expiresIn(exp, now time.Time) int { return int(exp.Sub(now) / time.Second) }

// zohoToken answers Zoho's token endpoint. Zoho reads the parameters from the query
// string or the form body, and reports every failure with HTTP 200 and an "error" field.
func (s *Server) zohoToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"error": "method_not_allowed"})
		return
	}
	_ = r.ParseForm()
	f := r.Form
	fail := func(e *tokenError) { writeJSON(w, http.StatusOK, map[string]any{"error": e.code}) }
	apiDomain := rootBase(r) + "/zoho"
	switch f.Get("grant_type") {
	case "authorization_code":
		g, e := s.redeem(tokens.Zoho, f.Get("code"), f.Get("client_id"), f.Get("redirect_uri"), f.Get("code_verifier"), f.Get("client_secret") != "")
		if e != nil {
			fail(e)
			return
		}
		tok, exp := s.issueAccess(g)
		writeJSON(w, http.StatusOK, map[string]any{
			"access_token":  tok,
			"refresh_token": g.refreshToken,
			"scope":         strings.Join(g.scopes, " "),
			"api_domain":    apiDomain,
			"token_type":    "Bearer",
			"expires_in":    expiresIn(exp, s.cfg.Now()),
		})
	case "refresh_token":
		g, e := s.useRefresh(tokens.Zoho, f.Get("refresh_token"), f.Get("client_id"))
		if e != nil {
			fail(e)
			return
		}
		tok, exp := s.issueAccess(g)
		writeJSON(w, http.StatusOK, map[string]any{
			"access_token": tok,
			"scope":        strings.Join(g.scopes, " "),
			"api_domain":   apiDomain,
			"token_type":   "Bearer",
			"expires_in":   expiresIn(exp, s.cfg.Now()),
		})
	default:
		fail(errBadGrantType)
	}
}

// zoomToken answers Zoom's token endpoint: client credentials in HTTP Basic auth (or a
// client_id in the body for a public client using PKCE), errors as 400/401 with
// {"reason","error"}, and a new refresh token on every refresh.
func (s *Server) zoomToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"reason": "Method not allowed", "error": "invalid_request"})
		return
	}
	_ = r.ParseForm()
	f := r.Form
	fail := func(e *tokenError) {
		code := e.code
		if code == "invalid_code" {
			code = "invalid_grant"
		}
		writeJSON(w, e.status, map[string]any{"reason": e.reason, "error": code})
	}
	clientID, secret, basic := r.BasicAuth()
	if !basic {
		clientID = f.Get("client_id")
	} else if f.Get("client_id") != "" && f.Get("client_id") != clientID {
		fail(errInvalidClient)
		return
	}
	if clientID == "" {
		fail(errInvalidClient)
		return
	}
	var (
		g *grant
		e *tokenError
	)
	switch f.Get("grant_type") {
	case "authorization_code":
		g, e = s.redeem(tokens.Zoom, f.Get("code"), clientID, f.Get("redirect_uri"), f.Get("code_verifier"), secret != "")
	case "refresh_token":
		g, e = s.useRefresh(tokens.Zoom, f.Get("refresh_token"), clientID)
	default:
		e = errBadGrantType
	}
	if e != nil {
		fail(e)
		return
	}
	tok, exp := s.issueAccess(g)
	s.mu.Lock()
	rt := g.refreshToken
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token":  tok,
		"token_type":    "bearer",
		"refresh_token": rt,
		"expires_in":    expiresIn(exp, s.cfg.Now()) - 1, // Zoom says 3599
		"scope":         strings.Join(g.scopes, " "),
	})
}

// zohoUserInfo answers GET /oauth/user/info for a Zoho access token with AaaServer.profile.READ.
func (s *Server) zohoUserInfo(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"error": "method_not_allowed"})
		return
	}
	h := r.Header.Get("Authorization")
	tok := ""
	for _, p := range []string{"Zoho-oauthtoken ", "Bearer "} {
		if len(h) > len(p) && strings.EqualFold(h[:len(p)], p) {
			tok = strings.TrimSpace(h[len(p):])
		}
	}
	g, ok := s.store.Lookup(tok)
	if tok == "" || !ok || g.Expired(s.cfg.Now()) || (g.Vendor != tokens.Zoho && g.Vendor != "") {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"response": "error", "cause": "invalid_oauthtoken"})
		return
	}
	if !g.HasAny("AaaServer.profile.READ", "AaaServer.profile.ALL") {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"response": "error", "cause": "invalid_oauthscope"})
		return
	}
	u, ok := s.user(tokens.Zoho, g.User)
	if !ok {
		u = User{ID: g.User, Name: g.User}
	}
	first, last, _ := strings.Cut(u.Name, " ")
	writeJSON(w, http.StatusOK, map[string]any{
		"First_Name":   first,
		"Last_Name":    last,
		"Display_Name": u.Name,
		"Email":        u.Email,
		"ZUID":         u.ID,
	})
}
