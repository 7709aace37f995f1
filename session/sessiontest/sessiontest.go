// Package sessiontest starts a fresh sandbox on loopback for a test and gives a
// session whose clients talk to it over real HTTP, with every request and
// response checked against the vendors' OpenAPI files where they cover it.
package sessiontest

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"logodesk/service/api"
	"logodesk/service/sandbox"
	"logodesk/service/sandbox/contract"
	"logodesk/service/sandbox/tokens"
	"logodesk/session"
)

// Env is a running sandbox and a session pointed at it.
type Env struct {
	Sandbox *sandbox.Server
	Root    string // the sandbox's base URL
	Session *session.Session
}

// Start runs a sandbox for t, with the session using the demo token.
func Start(t testing.TB, opt sandbox.Options) *Env {
	return StartWithToken(t, opt, tokens.DemoToken)
}

// StartWithToken is Start with the given access token.
func StartWithToken(t testing.TB, opt sandbox.Options, token string) *Env {
	t.Helper()
	sb := sandbox.New(opt)
	srv := httptest.NewServer(contract.Middleware(t, sb))
	t.Cleanup(srv.Close)
	e := &Env{Sandbox: sb, Root: srv.URL}
	e.Session = e.WithToken(token)
	return e
}

// WithToken is a session on the same sandbox with another token.
func (e *Env) WithToken(token string) *session.Session {
	env := map[string]string{session.EnvZohoToken: token, session.EnvZoomToken: token}
	return session.New(session.Options{Getenv: func(k string) string { return env[k] }, SandboxRoot: e.Root, HTTP: &http.Client{}})
}

// Issue makes a token on the sandbox for user with exactly scopes.
func (e *Env) Issue(vendor, user string, scopes ...string) string {
	return e.Sandbox.Tokens().Issue(tokens.Grant{Vendor: vendor, User: user, Scopes: scopes})
}

// WantError fails t unless err is an *api.Error of kind with the vendor code and
// HTTP status, carrying a plain message and a next step; it returns the error.
func WantError(t testing.TB, err error, kind api.Kind, code string, status int) *api.Error {
	t.Helper()
	var e *api.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *api.Error", err, err)
	}
	if e.Kind != kind || e.Code != code || e.HTTPStatus != status {
		t.Fatalf("got kind %d code %q status %d (%s), want kind %d code %q status %d", e.Kind, e.Code, e.HTTPStatus, e.Error(), kind, code, status)
	}
	if e.Message == "" || e.NextStep == "" {
		t.Fatalf("error without plain message or next step: %#v", e)
	}
	return e
}
