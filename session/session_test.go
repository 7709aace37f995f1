package session

import (
	"context"
	"errors"
	"strings"
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

	// Tokens from the environment go where the environment says, each to its own vendor.
	s = New(Options{Accounts: fakeAccounts{zoho: eu, zoom: zoomIn}, Getenv: envOf(map[string]string{
		EnvZohoAPI: "http://127.0.0.1:1/zoho/", EnvContractsAPI: "http://127.0.0.1:1/contracts", EnvZoomAPI: "http://127.0.0.1:1/zoom/v2",
		EnvZohoToken: "zoho-given", EnvZoomToken: "zoom-given"})})
	crmBase, contractsBase, zoomBase = bases(t, s)
	if crmBase != "http://127.0.0.1:1/zoho" || contractsBase != "http://127.0.0.1:1/contracts" || zoomBase != "http://127.0.0.1:1/zoom/v2" {
		t.Errorf("overrides: %s %s %s", crmBase, contractsBase, zoomBase)
	}
	if c, _ := s.zohoAPI("Zoho CRM"); token(t, c.Tokens) != "zoho-given" {
		t.Error("LOGODESK_ZOHO_TOKEN must replace the stored Zoho sign-in's token")
	}
	if c, _ := s.zoomAPI(); token(t, c.Tokens) != "zoom-given" {
		t.Error("LOGODESK_ZOOM_TOKEN must replace the stored Zoom sign-in's token")
	}

	// The sandbox comes before the account.
	s = New(Options{Accounts: fakeAccounts{zoho: eu, zoom: zoomIn}, SandboxRoot: "http://127.0.0.1:9/"})
	crmBase, contractsBase, zoomBase = bases(t, s)
	if crmBase != "http://127.0.0.1:9/zoho" || contractsBase != "http://127.0.0.1:9/contracts" || zoomBase != "http://127.0.0.1:9/zoom/v2" {
		t.Errorf("sandbox: %s %s %s", crmBase, contractsBase, zoomBase)
	}

	// A bare Zoho token is Zoho's US data centre.
	s = New(Options{Getenv: envOf(map[string]string{EnvZohoToken: "self-client", EnvZoomToken: "zoom"})})
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

// LOGODESK_TOKEN is a Zoho token: it never reaches Zoom, nor overrides a Zoom sign-in.
func TestLegacyTokenIsZohoOnly(t *testing.T) {
	zoomIn := &SignIn{Tokens: api.StaticToken("zoom-signed-in")}
	s := New(Options{Getenv: envOf(map[string]string{EnvToken: "zoho-self-client"})})
	if c, err := s.zohoAPI("Zoho CRM"); err != nil || token(t, c.Tokens) != "zoho-self-client" || c.BaseURL != "https://www.zohoapis.com" {
		t.Fatalf("LOGODESK_TOKEN for Zoho: %v", err)
	}
	if !s.TokenOverride() {
		t.Error("LOGODESK_TOKEN is a Zoho token override")
	}
	var e *api.Error
	if _, err := s.zoomAPI(); !errors.As(err, &e) || e.Kind != api.KindSignIn {
		t.Fatalf("LOGODESK_TOKEN reached Zoom: %v", err)
	}
	s = New(Options{Accounts: fakeAccounts{zoom: zoomIn}, Getenv: envOf(map[string]string{EnvToken: "zoho-self-client"})})
	if c, err := s.zoomAPI(); err != nil || token(t, c.Tokens) != "zoom-signed-in" || c.BaseURL != DefaultZoomAPI {
		t.Fatalf("LOGODESK_TOKEN overrode the Zoom sign-in: %v", err)
	}
	// LOGODESK_ZOHO_TOKEN wins over its older name.
	s = New(Options{Getenv: envOf(map[string]string{EnvToken: "old", EnvZohoToken: "new"})})
	if c, _ := s.zohoAPI("Bigin"); token(t, c.Tokens) != "new" {
		t.Error("LOGODESK_ZOHO_TOKEN must win over LOGODESK_TOKEN")
	}
}

// A stored sign-in goes only to the vendor's own hosts, or to a sandbox the user named.
func TestStoredSignInStaysWithItsVendor(t *testing.T) {
	eu := &SignIn{APIDomain: "https://www.zohoapis.eu", ContractsURL: "https://contracts.zoho.eu", Tokens: api.StaticToken("signed-in")}
	zoomIn := &SignIn{Tokens: api.StaticToken("zoom-signed-in")}
	accounts := fakeAccounts{zoho: eu, zoom: zoomIn}
	elsewhere := map[string]string{EnvZohoAPI: "https://evil.example/zoho", EnvContractsAPI: "http://127.0.0.1:7/contracts", EnvZoomAPI: "https://api.zoom.us.evil.example/v2"}
	s := New(Options{Accounts: accounts, Getenv: envOf(elsewhere)})
	for name, f := range map[string]func() (*api.Client, error){
		EnvZohoAPI:      func() (*api.Client, error) { return s.zohoAPI("Zoho CRM") },
		EnvContractsAPI: s.contractsAPI,
		EnvZoomAPI:      s.zoomAPI,
	} {
		c, err := f()
		var e *api.Error
		if err == nil || !errors.As(err, &e) || !strings.Contains(e.Message, name) {
			t.Errorf("%s: stored sign-in sent to %v (err %v), want a sentence naming the variable", name, c, err)
		}
	}
	// Another data centre of the vendor is the vendor's own.
	s = New(Options{Accounts: accounts, Getenv: envOf(map[string]string{EnvZohoAPI: "https://www.zohoapis.com.au"})})
	if c, err := s.zohoAPI("Bigin"); err != nil || c.Realm != "zoho-au" {
		t.Errorf("vendor host refused: %v", err)
	}
	// LOGODESK_SANDBOX=1: the addresses are a sandbox the user started.
	s = New(Options{Accounts: accounts, Getenv: envOf(elsewhere), SandboxAddresses: true})
	if c, err := s.contractsAPI(); err != nil || c.Realm != api.RealmSandbox {
		t.Errorf("sandbox addresses refused: %v", err)
	}
}

// Realms keep copies apart: each data centre, Zoom, the sandbox and other addresses.
func TestRealms(t *testing.T) {
	eu := &SignIn{APIDomain: "https://www.zohoapis.eu", ContractsURL: "https://contracts.zoho.eu", Tokens: api.StaticToken("t")}
	zoomIn := &SignIn{Tokens: api.StaticToken("t")}
	realms := func(s *Session) []string {
		var out []string
		for _, f := range []func() (*api.Client, error){func() (*api.Client, error) { return s.zohoAPI("Zoho CRM") }, s.contractsAPI, s.zoomAPI} {
			c, err := f()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, c.Realm)
		}
		return out
	}
	if got := realms(New(Options{Accounts: fakeAccounts{zoho: eu, zoom: zoomIn}})); strings.Join(got, " ") != "zoho-eu zoho-eu zoom" {
		t.Errorf("signed in: %v", got)
	}
	if got := realms(New(Options{Accounts: fakeAccounts{zoho: eu, zoom: zoomIn}, SandboxRoot: "http://127.0.0.1:9"})); strings.Join(got, " ") != "sandbox sandbox sandbox" {
		t.Errorf("embedded sandbox: %v", got)
	}
	env := envOf(map[string]string{EnvZohoAPI: "http://127.0.0.1:8765/zoho", EnvContractsAPI: "http://127.0.0.1:8765/contracts",
		EnvZoomAPI: "http://127.0.0.1:8765/zoom/v2", EnvZohoToken: "a", EnvZoomToken: "b"})
	if got := realms(New(Options{Getenv: env})); strings.Join(got, " ") != "host-127.0.0.1:8765 host-127.0.0.1:8765 host-127.0.0.1:8765" {
		t.Errorf("tokens to another address: %v", got)
	}
}
