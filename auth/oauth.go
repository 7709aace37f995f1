package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// tokenResponse is what both vendors' token endpoints answer.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    any    `json:"expires_in"`
	APIDomain    string `json:"api_domain"` // Zoho only
	Error        string `json:"error"`
	Reason       string `json:"reason"` // Zoom's error text
}

func (t *tokenResponse) lifetime() time.Duration {
	var sec float64
	switch v := t.ExpiresIn.(type) {
	case float64:
		sec = v
	case string:
		sec, _ = strconv.ParseFloat(v, 64)
	}
	if sec <= 0 || sec > 365*24*3600 {
		sec = 3600
	}
	return time.Duration(sec) * time.Second
}

type grantKind int

const (
	grantCode grantKind = iota
	grantRefresh
)

// safeCode keeps a vendor's error code printable and short; it comes from the network.
func safeCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= 40 {
			break
		}
		if r == '_' || r == '-' || r == ' ' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// noRedirect is the HTTP client for token, revoke and user-info calls: it never follows
// a redirect, so a code, secret or token is never re-sent to another address.
func (m *Manager) noRedirect() *http.Client {
	c := *m.http
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// postToken calls a token endpoint and classifies the answer. Any "error" in the body is
// a failure, whatever the HTTP status (Zoho answers errors with 200).
func (m *Manager) postToken(ctx context.Context, p Provider, tokenURL string, form url.Values, cs ClientSettings, kind grantKind) (*tokenResponse, error) {
	basic := p == Zoom && cs.Secret != "" // Zoom: client credentials in HTTP Basic auth (x/oauth2's AuthStyleInHeader)
	if !basic {
		form.Set("client_id", cs.ID)
		if cs.Secret != "" {
			form.Set("client_secret", cs.Secret)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, newErr(ErrNetwork, fmt.Sprintf("The %s sign-in server address is not valid.", p.Title()), nil)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if basic {
		req.SetBasicAuth(cs.ID, cs.Secret)
	}
	resp, err := m.noRedirect().Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, newErr(ErrCancelled, "", ctx.Err())
		}
		return nil, newErr(ErrNetwork, fmt.Sprintf("Could not reach %s's sign-in server. Check your internet connection and try again.", p.Title()), err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	var tr tokenResponse
	jerr := json.Unmarshal(body, &tr)
	if jerr == nil && tr.Error == "" && resp.StatusCode == http.StatusOK && tr.AccessToken != "" {
		return &tr, nil
	}
	code := safeCode(tr.Error)
	switch strings.ToLower(code) {
	case "invalid_client", "unauthorized_client", "invalid_client_secret", "invalid_redirect_uri":
		return nil, newErr(ErrClientRefused, fmt.Sprintf("%s refused LogoDesk's client ID, secret or redirect address (%s). Check them in Settings against the app you registered with %s.", p.Title(), code, p.Title()), nil)
	case "invalid_code", "invalid_grant", "invalid_token", "invalid_code_verifier":
		if kind == grantRefresh {
			return nil, newErr(ErrSignInAgain, fmt.Sprintf("Your %s sign-in has expired or was withdrawn. Please sign in to %s again.", p.Title(), p.Title()), nil)
		}
		return nil, newErr(ErrCodeRejected, fmt.Sprintf("%s refused the one-time sign-in code (it may have expired or been used already). Please try signing in again.", p.Title()), nil)
	}
	if code != "" {
		return nil, newErr(ErrNetwork, fmt.Sprintf("%s's sign-in server refused the request (%s). Wait a minute and try again.", p.Title(), code), nil)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, newErr(ErrNetwork, fmt.Sprintf("%s's sign-in server answered with an error (HTTP %d). Try again later.", p.Title(), resp.StatusCode), nil)
	}
	return nil, newErr(ErrNetwork, fmt.Sprintf("%s's sign-in server answered in a way LogoDesk doesn't understand. Try again later.", p.Title()), nil)
}

// revoke withdraws a refresh token at the provider.
func (m *Manager) revoke(ctx context.Context, p Provider, accountsURL, refreshToken string, cs ClientSettings) error {
	var req *http.Request
	var err error
	if p == Zoho {
		// As Zoho documents it: POST {accounts}/oauth/v2/token/revoke?token=...
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, accountsURL+"/oauth/v2/token/revoke?"+url.Values{"token": {refreshToken}}.Encode(), nil)
	} else {
		form := url.Values{"token": {refreshToken}}
		if cs.Secret == "" {
			form.Set("client_id", cs.ID)
		}
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, accountsURL+"/oauth/revoke", strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if cs.Secret != "" {
				req.SetBasicAuth(cs.ID, cs.Secret)
			}
		}
	}
	if err != nil {
		return newErr(ErrNetwork, fmt.Sprintf("The %s sign-in server address is not valid.", p.Title()), nil)
	}
	resp, err := m.noRedirect().Do(req)
	if err != nil {
		return newErr(ErrNetwork, fmt.Sprintf("Could not reach %s to withdraw LogoDesk's access.", p.Title()), err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	var r struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(body, &r)
	if resp.StatusCode == http.StatusOK && r.Error == "" {
		return nil
	}
	if strings.Contains(strings.ToLower(r.Error), "invalid") {
		return nil // already dead: nothing left to withdraw
	}
	return newErr(ErrNetwork, fmt.Sprintf("%s didn't confirm that LogoDesk's access was withdrawn (HTTP %d).", p.Title(), resp.StatusCode), nil)
}

// userInfo asks who signed in. Zoho: GET {accounts}/oauth/user/info; Zoom: GET {api}/users/me.
func (m *Manager) userInfo(ctx context.Context, p Provider, base, accessToken string) (name, email string, err error) {
	u := base + "/oauth/user/info"
	auth := "Zoho-oauthtoken " + accessToken
	if p == Zoom {
		u = base + "/users/me"
		auth = "Bearer " + accessToken
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", "", newErr(ErrNetwork, "The user-information address is not valid.", nil)
	}
	req.Header.Set("Authorization", auth)
	req.Header.Set("Accept", "application/json")
	resp, err := m.noRedirect().Do(req)
	if err != nil {
		return "", "", newErr(ErrNetwork, fmt.Sprintf("Could not ask %s who signed in.", p.Title()), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", "", newErr(ErrNetwork, fmt.Sprintf("%s didn't say who signed in (HTTP %d).", p.Title(), resp.StatusCode), nil)
	}
	var raw map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&raw); err != nil {
		return "", "", newErr(ErrNetwork, fmt.Sprintf("%s's answer about who signed in could not be read.", p.Title()), nil)
	}
	str := func(k string) string { s, _ := raw[k].(string); return s }
	first, last, display, email := str("First_Name"), str("Last_Name"), str("Display_Name"), str("Email")
	if p == Zoom {
		first, last, display, email = str("first_name"), str("last_name"), str("display_name"), str("email")
	}
	name = strings.TrimSpace(first + " " + last)
	if name == "" {
		name = display
	}
	return name, email, nil
}
