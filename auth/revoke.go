package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// revoke withdraws a refresh token at the provider. It is written by hand because
// golang.org/x/oauth2 has no revocation, and the vendors differ: Zoho takes the token in
// the query string (as it documents), Zoom in the body with the client in Basic auth.
func (m *Manager) revoke(ctx context.Context, p Provider, accountsURL, refreshToken string, cs ClientSettings) error {
	var req *http.Request
	var err error
	if p == Zoho {
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
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return newErr(ErrNetwork, fmt.Sprintf("%s's answer to withdrawing LogoDesk's access was cut off.", p.Title()), err)
	}
	var r struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &r) != nil {
		r.Error = "" // an empty or non-JSON body: the status alone tells
	}
	if resp.StatusCode == http.StatusOK && r.Error == "" {
		return nil
	}
	if code := strings.ToLower(r.Error); strings.Contains(code, "invalid") && !strings.Contains(code, "client") {
		return nil // the token is already dead: nothing left to withdraw
	}
	return newErr(ErrNetwork, fmt.Sprintf("%s didn't confirm that LogoDesk's access was withdrawn (HTTP %d).", p.Title(), resp.StatusCode), nil)
}
