package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

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
