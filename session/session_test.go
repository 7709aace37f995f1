package session

import (
	"context"
	"errors"
	"testing"

	"logodesk/service/api"
)

type fakeAccounts struct{ zoho, zoom *SignIn }

func (f fakeAccounts) Zoho() (SignIn, bool) {
	if f.zoho == nil {
		return SignIn{}, false
	}
	return *f.zoho, true
}

func (f fakeAccounts) Zoom() (SignIn, bool) {
	if f.zoom == nil {
		return SignIn{}, false
	}
	return *f.zoom, true
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func token(t *testing.T, ts api.TokenSource) string {
	t.Helper()
	tok, err := ts.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestResolution(t *testing.T) {
	eu := &SignIn{APIDomain: "https://www.zohoapis.eu", ContractsURL: "https://contracts.zoho.eu", Tokens: api.StaticToken("signed-in")}
	zoomIn := &SignIn{Tokens: api.StaticToken("zoom-signed-in")}

	// Signed in: the account's own addresses and tokens.
	s := New(Options{Accounts: fakeAccounts{zoho: eu, zoom: zoomIn}})
	crmBase, contractsBase, zoomBase := bases(t, s)
	if crmBase != "https://www.zohoapis.eu" || contractsBase != "https://contracts.zoho.eu" || zoomBase != DefaultZoomAPI {
		t.Errorf("signed in: %s %s %s", crmBase, contractsBase, zoomBase)
	}

	// Env overrides win over the account, and LOGODESK_TOKEN over its tokens.
	s = New(Options{Accounts: fakeAccounts{zoho: eu, zoom: zoomIn}, Getenv: envOf(map[string]string{
		EnvZohoAPI: "http://127.0.0.1:1/zoho/", EnvContractsAPI: "http://127.0.0.1:1/contracts", EnvZoomAPI: "http://127.0.0.1:1/zoom/v2", EnvToken: "given"})})
	crmBase, contractsBase, zoomBase = bases(t, s)
	if crmBase != "http://127.0.0.1:1/zoho" || contractsBase != "http://127.0.0.1:1/contracts" || zoomBase != "http://127.0.0.1:1/zoom/v2" {
		t.Errorf("overrides: %s %s %s", crmBase, contractsBase, zoomBase)
	}
	if c, _ := s.zoomAPI(); token(t, c.Tokens) != "given" {
		t.Error("LOGODESK_TOKEN must replace the stored sign-in's token")
	}

	// The sandbox comes before the account.
	s = New(Options{Accounts: fakeAccounts{zoho: eu, zoom: zoomIn}, SandboxRoot: "http://127.0.0.1:9/"})
	crmBase, contractsBase, zoomBase = bases(t, s)
	if crmBase != "http://127.0.0.1:9/zoho" || contractsBase != "http://127.0.0.1:9/contracts" || zoomBase != "http://127.0.0.1:9/zoom/v2" {
		t.Errorf("sandbox: %s %s %s", crmBase, contractsBase, zoomBase)
	}

	// A bare token is Zoho's US data centre.
	s = New(Options{Getenv: envOf(map[string]string{EnvToken: "self-client"})})
	crmBase, contractsBase, _ = bases(t, s)
	if crmBase != "https://www.zohoapis.com" || contractsBase != "https://contracts.zoho.com" {
		t.Errorf("bare token: %s %s", crmBase, contractsBase)
	}
}

// bases builds the clients and returns the base URLs they call.
func bases(t *testing.T, s *Session) (zoho, contracts, zoom string) {
	t.Helper()
	var urls []string
	for _, f := range []func() (*api.Client, error){func() (*api.Client, error) { return s.zohoAPI("Zoho CRM") }, s.contractsAPI, s.zoomAPI} {
		c, err := f()
		if err != nil {
			t.Fatal(err)
		}
		if token(t, c.Tokens) == "" {
			t.Fatal("no token")
		}
		urls = append(urls, c.BaseURL)
	}
	return urls[0], urls[1], urls[2]
}

func TestNotSignedIn(t *testing.T) {
	s := New(Options{})
	for name, f := range map[string]func() error{
		"crm":       func() error { _, err := s.CRM(); return err },
		"bigin":     func() error { _, err := s.Bigin(); return err },
		"contracts": func() error { _, err := s.Contracts(); return err },
		"zoom":      func() error { _, err := s.Zoom(); return err },
	} {
		var e *api.Error
		if err := f(); !errors.As(err, &e) || e.Kind != api.KindSignIn || e.Message == "" {
			t.Errorf("%s: %v, want a plain sign-in error", name, err)
		}
	}
}

func TestOpenSandbox(t *testing.T) {
	s, err := Open(Config{Sandbox: true, ConfigDir: t.TempDir(), Getenv: envOf(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Sandbox() || s.Auth() == nil {
		t.Fatal("sandbox session without sandbox or sign-in manager")
	}
	if cs, ok := s.Auth().ClientSettings("zoho"); !ok || cs.ID != SandboxClientID {
		t.Errorf("sandbox client settings = %+v %v", cs, ok)
	}
	if _, err := s.CRM(); err == nil {
		t.Error("a fresh sandbox session must start signed out")
	}
}
