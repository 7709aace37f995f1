package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestFileStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "LogoDesk")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	s := NewFileStore(dir)
	if _, err := s.Get("zoho/refresh_token"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty store: %v", err)
	}
	if err := s.Set("zoho/refresh_token", "1000.abc"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("zoom/refresh_token", "eyJ.def"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, want 0600", fi.Mode().Perm())
	}
	if v, err := NewFileStore(dir).Get("zoho/refresh_token"); err != nil || v != "1000.abc" {
		t.Fatalf("reopened: %q %v", v, err)
	}
	if err := s.Delete("zoho/refresh_token"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("never/set"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("zoho/refresh_token"); !errors.Is(err, ErrNotFound) {
		t.Fatal("deleted key still there")
	}
	if v, _ := s.Get("zoom/refresh_token"); v != "eyJ.def" {
		t.Fatal("delete removed another key")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".credentials-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	if err := os.WriteFile(s.Path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("x"); err == nil || errors.Is(err, ErrNotFound) {
		t.Fatalf("damaged file: %v", err)
	}
}

// With no keyring service (the mock fails like a headless Linux box), the Manager keeps
// sign-ins in a 0600 file, says so, and a second Manager (a restart) finds them.
func TestFileFallbackWhenNoKeyring(t *testing.T) {
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	t.Cleanup(keyring.MockInit)
	if KeyringAvailable() {
		t.Fatal("a failing keyring counted as available")
	}
	e := newEnv(t, func(o *Options) { o.Store = nil })
	if !e.m.UsingFileFallback() {
		t.Fatal("UsingFileFallback = false without a keyring")
	}
	e.mustSignIn(Zoom)
	fi, err := os.Stat(e.m.CredentialsFile())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file mode %v", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(e.m.CredentialsFile())
	if !strings.Contains(string(b), "zoom/refresh_token") || strings.Contains(string(b), "zoho/refresh_token") {
		t.Fatalf("unexpected file content keys")
	}
	again, err := NewManager(e.m.opts2())
	if err != nil {
		t.Fatal(err)
	}
	if acct, ok := again.Account(Zoom); !ok || acct.Email != "admin@zylker.example" {
		t.Fatalf("after restart: %+v %v", acct, ok)
	}
	e.clock.Add(2 * time.Hour)
	tok, err := again.TokenSource(Zoom).Token(context.Background())
	noteErr(err)
	if err != nil {
		t.Fatal(err)
	}
	e.checkValid(Zoom, tok)
}

// opts2 returns the options a restarted app would pass (no Store: detect again).
func (m *Manager) opts2() Options {
	o := m.opts
	o.Store = nil
	return o
}

func TestKeyringStore(t *testing.T) {
	keyring.MockInit()
	var s Store = KeyringStore{}
	if _, err := s.Get("zoho/account"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty keyring: %v", err)
	}
	if err := s.Set("zoho/account", `{"name":"A"}`); err != nil {
		t.Fatal(err)
	}
	if v, err := keyring.Get("LogoDesk", "zoho/account"); err != nil || v != `{"name":"A"}` {
		t.Fatalf("not under service LogoDesk: %q %v", v, err)
	}
	if err := s.Delete("zoho/account"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("zoho/account"); err != nil {
		t.Fatalf("deleting a missing entry: %v", err)
	}
}

// Every stored value stays far below Windows' 2560-byte credential limit, and the
// account entry holds no token.
func TestStoredEntriesAreSmall(t *testing.T) {
	e := newEnv(t)
	e.mustSignIn(Zoho)
	e.mustSignIn(Zoom)
	ms := e.store.(*memStore)
	ms.mu.Lock()
	defer ms.mu.Unlock()
	for k, v := range ms.m {
		if len(v) > 1500 {
			t.Errorf("%s is %d bytes", k, len(v))
		}
	}
	for _, p := range []Provider{Zoho, Zoom} {
		rt := ms.m[keyRefresh(p)]
		a, _, _ := decodeAccess(ms.m[keyAccess(p)])
		if acct := ms.m[keyAccount(p)]; rt == "" || a == "" || strings.Contains(acct, rt) || strings.Contains(acct, a) {
			t.Errorf("%s: account entry holds a token, or a token is missing", p)
		}
	}
}

func TestClientSettingsFromEnv(t *testing.T) {
	envs := map[string]string{"LOGODESK_ZOOM_CLIENT_ID": " env-id ", "LOGODESK_ZOOM_CLIENT_SECRET": "env-secret-123456"}
	e := newEnv(t, func(o *Options) { o.Getenv = func(k string) string { return envs[k] } })
	if cs, ok := e.m.ClientSettings(Zoom); !ok || cs != (ClientSettings{ID: "env-id", Secret: "env-secret-123456"}) {
		t.Fatalf("Zoom from env: %+v", cs)
	}
	if cs, ok := e.m.ClientSettings(Zoho); !ok || cs.ID != testClientID || cs.Secret != testClientSecret {
		t.Fatalf("Zoho from the store: %+v", cs)
	}
	if err := e.m.SetClientSettings(Zoho, ClientSettings{ID: "has space"}); err == nil {
		t.Fatal("an ID with a space was accepted")
	}
	if err := e.m.SetClientSettings(Zoho, ClientSettings{ID: "id-only"}); err != nil {
		t.Fatal(err)
	}
	if cs, _ := e.m.ClientSettings(Zoho); cs.Secret != "" {
		t.Fatal("the old secret survived a new ID without one")
	}
	if got := e.m.RedirectURI(Zoom); got != "http://127.0.0.1/callback/zoom" {
		t.Errorf("Zoom redirect URI %s", got)
	}
	if got := (&Manager{opts: Options{ZohoPort: DefaultZohoPort}}).RedirectURI(Zoho); got != "http://127.0.0.1:53682/callback/zoho" {
		t.Errorf("Zoho redirect URI %s", got)
	}
}
