package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// oauthConfig is p's OAuth client at the accounts server base, for golang.org/x/oauth2.
// The auth style is set per vendor, never probed: a probe would send the code twice.
func oauthConfig(p Provider, base string, cs ClientSettings, redirectURI string) *oauth2.Config {
	c := &oauth2.Config{ClientID: cs.ID, ClientSecret: cs.Secret, RedirectURL: redirectURI}
	if p == Zoho {
		// Zoho takes client_id and client_secret in the body, and scopes joined with
		// commas (x/oauth2 joins Scopes with spaces, so they go as one string).
		c.Endpoint = oauth2.Endpoint{AuthURL: base + "/oauth/v2/auth", TokenURL: base + "/oauth/v2/token", AuthStyle: oauth2.AuthStyleInParams}
		c.Scopes = []string{strings.Join(ZohoScopes, ",")}
		return c
	}
	// Zoom takes the client credentials in HTTP Basic auth; a public client (PKCE, no
	// secret) sends its client_id in the body. Zoom takes the scopes from the app's
	// registration, so none are asked for.
	style := oauth2.AuthStyleInHeader
	if cs.Secret == "" {
		style = oauth2.AuthStyleInParams
	}
	c.Endpoint = oauth2.Endpoint{AuthURL: base + "/oauth/authorize", TokenURL: base + "/oauth/token", AuthStyle: style}
	return c
}

// authCodeURL is the address of p's sign-in page for this attempt (PKCE S256).
func authCodeURL(p Provider, c *oauth2.Config, state, verifier string) string {
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}
	if p == Zoho {
		// offline: a refresh token is issued; consent: issued again on a new sign-in.
		opts = append(opts, oauth2.AccessTypeOffline, oauth2.SetAuthURLParam("prompt", "consent"))
	}
	return c.AuthCodeURL(state, opts...)
}

// noRedirect is the HTTP client for token, revoke and user-info calls: it never follows
// a redirect, so a code, secret or token is never re-sent to another address.
func (m *Manager) noRedirect() *http.Client {
	c := *m.http
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// oauthContext hands x/oauth2 LogoDesk's HTTP client.
func (m *Manager) oauthContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, m.noRedirect())
}

// exchange trades the sign-in code for tokens.
func (m *Manager) exchange(ctx context.Context, p Provider, c *oauth2.Config, code, verifier string) (*oauth2.Token, error) {
	tok, err := c.Exchange(m.oauthContext(ctx), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, tokenFailure(ctx, p, err, false)
	}
	return tok, nil
}

// refresh runs a refresh_token grant. The returned token's RefreshToken is Zoom's rotated
// one, or rt itself where the provider doesn't rotate (x/oauth2 keeps it).
func (m *Manager) refresh(ctx context.Context, p Provider, c *oauth2.Config, rt string) (*oauth2.Token, error) {
	tok, err := c.TokenSource(m.oauthContext(ctx), &oauth2.Token{RefreshToken: rt}).Token()
	if err != nil {
		return nil, tokenFailure(ctx, p, err, true)
	}
	return tok, nil
}

// tokenFailure turns an x/oauth2 error into a typed, plain one. The vendor's body is
// never kept: only its error code, and a *url.Error only without its URL.
func tokenFailure(ctx context.Context, p Provider, err error, refreshing bool) error {
	t := p.Title()
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		var ue *url.Error
		switch {
		case errors.Is(ctx.Err(), context.Canceled):
			return newErr(ErrCancelled, "", ctx.Err())
		case errors.As(err, &ue):
			return newErr(ErrNetwork, fmt.Sprintf("Could not reach %s's sign-in server. Check your internet connection and try again.", t), err)
		}
		// An answer without a token that x/oauth2 couldn't read; its text may quote the body.
		return newErr(ErrNetwork, fmt.Sprintf("%s's sign-in server answered in a way LogoDesk doesn't understand. Try again later.", t), nil)
	}
	// Zoho answers errors with HTTP 200 and an "error" field; x/oauth2 reports both as RetrieveError.
	code := safeCode(re.ErrorCode)
	switch strings.ToLower(code) {
	case "invalid_client", "unauthorized_client", "invalid_client_secret", "invalid_redirect_uri":
		return newErr(ErrClientRefused, fmt.Sprintf("%s refused LogoDesk's client ID, secret or redirect address (%s). Check them in Settings against the app you registered with %s.", t, code, t), nil)
	case "invalid_code", "invalid_grant", "invalid_token", "invalid_code_verifier":
		if refreshing {
			return newErr(ErrSignInAgain, fmt.Sprintf("Your %s sign-in has expired or was withdrawn. Please sign in to %s again.", t, t), nil)
		}
		return newErr(ErrCodeRejected, fmt.Sprintf("%s refused the one-time sign-in code (it may have expired or been used already). Please try signing in again.", t), nil)
	}
	if code != "" {
		return newErr(ErrNetwork, fmt.Sprintf("%s's sign-in server refused the request (%s). Wait a minute and try again.", t, code), nil)
	}
	status := 0
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	return newErr(ErrNetwork, fmt.Sprintf("%s's sign-in server answered with an error (HTTP %d). Try again later.", t, status), nil)
}

// expiry is when tok's access token expires by LogoDesk's clock (x/oauth2's Expiry uses
// the system clock). A missing or implausible lifetime counts as the vendors' one hour.
func (m *Manager) expiry(tok *oauth2.Token) time.Time {
	sec := tok.ExpiresIn
	if sec <= 0 || sec > 24*3600 {
		sec = 3600
	}
	return m.now().Add(time.Duration(sec) * time.Second)
}

// apiDomain is Zoho's api_domain from the token answer, "" when absent.
func apiDomain(tok *oauth2.Token) string {
	s, _ := tok.Extra("api_domain").(string)
	return s
}

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
