package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"logodesk/service/api"
)

// Options configure a Manager. Every field is optional.
type Options struct {
	// Store keeps the sign-ins and client settings. nil: the OS keyring, or a 0600 file
	// in ConfigDir where no keyring service exists (see Manager.UsingFileFallback).
	Store Store
	// HTTP is the client for the providers' token endpoints. nil: a client with a 30 s timeout.
	HTTP *http.Client
	// OpenBrowser opens a URL in the user's browser. nil: OpenBrowser (the system's opener, $BROWSER first).
	OpenBrowser func(url string) error
	// ZohoAccountsURL and ZoomAccountsURL replace the accounts servers' base URLs
	// (LOGODESK_ZOHO_ACCOUNTS, LOGODESK_ZOOM_ACCOUNTS); the vendors' paths go below them.
	// Outside Sandbox mode they must still be the vendors' own hosts.
	ZohoAccountsURL, ZoomAccountsURL string
	// ZoomAPIURL is the Zoom API base used to ask who signed in (GET /users/me).
	// "": https://api.zoom.us/v2 (LOGODESK_ZOOM_API in the sandbox).
	ZoomAPIURL string
	// Sandbox allows the sandbox's own loopback hosts as accounts server and API domain.
	Sandbox bool
	// ZohoPort is the loopback port of Zoho's redirect URI; 0: DefaultZohoPort (53682).
	ZohoPort int
	// ConfigDir holds the lock files and, without a keyring, the credentials file.
	// "": os.UserConfigDir()/LogoDesk.
	ConfigDir string
	// Log receives progress lines in plain language (never a token, code or secret).
	Log func(string)
	// Getenv reads the LOGODESK_*_CLIENT_ID/SECRET overrides; nil: os.Getenv.
	Getenv func(string) string
	// SignInTimeout bounds the wait for the browser; 0: 5 minutes.
	SignInTimeout time.Duration
	// Now is the clock for token expiry; nil: time.Now.
	Now func() time.Time
}

// ClientSettings are the OAuth client details the admin registered with a vendor.
type ClientSettings struct {
	ID     string
	Secret string // optional: Zoho "Mobile-based" and Zoom public clients use PKCE alone
}

// Account is a signed-in account.
type Account struct {
	Provider     Provider
	Name         string // "" when the provider didn't say
	Email        string
	DC           string // Zoho data centre id ("us", "eu" …); "" for Zoom
	APIDomain    string // Zoho: the token's api_domain (https://www.zohoapis.eu, or the sandbox's); "" for Zoom
	ContractsURL string // Zoho Contracts base URL for the account's data centre; "" if none
}

// Manager signs in, keeps and refreshes tokens, and signs out. It is safe for concurrent use.
type Manager struct {
	opts         Options
	store        Store
	fileFallback bool
	http         *http.Client
	now          func() time.Time

	mu      sync.Mutex
	sources map[Provider]*tokenSource

	// test hooks
	tamperVerifier func(string) string
}

// DefaultConfigDir is os.UserConfigDir()/LogoDesk.
func DefaultConfigDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", errors.New("LogoDesk could not find your settings folder (no home folder is set).")
	}
	return filepath.Join(d, "LogoDesk"), nil
}

// NewManager returns a Manager. It fails only when no settings folder can be found or created.
func NewManager(opts Options) (*Manager, error) {
	if opts.ConfigDir == "" {
		d, err := DefaultConfigDir()
		if err != nil {
			return nil, err
		}
		opts.ConfigDir = d
	}
	if err := os.MkdirAll(opts.ConfigDir, 0o700); err != nil {
		return nil, fmt.Errorf("LogoDesk could not create its settings folder: %w", err)
	}
	m := &Manager{opts: opts, store: opts.Store, http: opts.HTTP, now: opts.Now, sources: map[Provider]*tokenSource{}}
	if m.store == nil {
		if KeyringAvailable() {
			m.store = KeyringStore{}
		} else {
			m.store = NewFileStore(opts.ConfigDir)
			m.fileFallback = true
			m.log("No system keyring is available, so LogoDesk keeps its sign-in in a file only you can read: " + filepath.Join(opts.ConfigDir, "credentials.json"))
		}
	}
	if m.http == nil {
		m.http = &http.Client{Timeout: 30 * time.Second}
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.opts.OpenBrowser == nil {
		m.opts.OpenBrowser = OpenBrowser
	}
	if m.opts.Getenv == nil {
		m.opts.Getenv = os.Getenv
	}
	if m.opts.ZohoPort == 0 {
		m.opts.ZohoPort = DefaultZohoPort
	}
	if m.opts.SignInTimeout == 0 {
		m.opts.SignInTimeout = 5 * time.Minute
	}
	return m, nil
}

// UsingFileFallback reports that sign-ins are kept in a 0600 file because the system has
// no keyring service; the app should tell the user so.
func (m *Manager) UsingFileFallback() bool { return m.fileFallback }

// CredentialsFile is the fallback file's path (meaningful when UsingFileFallback).
func (m *Manager) CredentialsFile() string {
	return filepath.Join(m.opts.ConfigDir, "credentials.json")
}

func (m *Manager) log(s string) {
	if m.opts.Log != nil {
		m.opts.Log(s)
	}
}

func (m *Manager) lock(ctx context.Context, p Provider) (*flock.Flock, error) {
	lk := flock.New(filepath.Join(m.opts.ConfigDir, string(p)+".lock"), flock.SetPermissions(0o600))
	ok, err := lk.TryLockContext(ctx, 25*time.Millisecond)
	switch {
	case ctx.Err() != nil:
		return nil, newErr(ErrCancelled, "", ctx.Err())
	case err != nil:
		return nil, fmt.Errorf("LogoDesk could not lock its %s sign-in: %w", p.Title(), err)
	case !ok:
		return nil, fmt.Errorf("LogoDesk could not lock its %s sign-in.", p.Title())
	}
	return lk, nil
}

// unlock releases a lock from m.lock. Should that fail, the lock goes when this copy of
// LogoDesk exits, and another copy waits until then: worth a line in the log.
func (m *Manager) unlock(lk *flock.Flock, p Provider) {
	if err := lk.Unlock(); err != nil {
		m.log(fmt.Sprintf("LogoDesk couldn't release its %s sign-in lock; another running LogoDesk may wait until this one closes.", p.Title()))
	}
}

// keyringTrouble logs a store read that failed for another reason than a missing entry
// (a locked or broken keyring), where the caller can only go on as if nothing were stored.
func (m *Manager) keyringTrouble(err error, what string) {
	if err != nil && !errors.Is(err, ErrNotFound) {
		m.log("LogoDesk couldn't read " + what + " from the system keyring, so it carries on without it.")
	}
}

func envName(p Provider, what string) string {
	return "LOGODESK_" + strings.ToUpper(string(p)) + "_CLIENT_" + what
}

// ClientSettings returns the client details for p: from LOGODESK_<P>_CLIENT_ID and
// _SECRET when the ID variable is set, otherwise from the keyring.
func (m *Manager) ClientSettings(p Provider) (ClientSettings, bool) {
	if id := strings.TrimSpace(m.opts.Getenv(envName(p, "ID"))); id != "" {
		return ClientSettings{ID: id, Secret: strings.TrimSpace(m.opts.Getenv(envName(p, "SECRET")))}, true
	}
	id, err := m.store.Get(keyClientID(p))
	if err != nil || id == "" {
		m.keyringTrouble(err, "the "+p.Title()+" client ID")
		return ClientSettings{}, false
	}
	secret, err := m.store.Get(keyClientSecret(p))
	m.keyringTrouble(err, "the "+p.Title()+" client secret")
	return ClientSettings{ID: id, Secret: secret}, true
}

// SetClientSettings saves the client details for p in the keyring. An empty ID removes them.
func (m *Manager) SetClientSettings(p Provider, cs ClientSettings) error {
	if !p.valid() {
		return fmt.Errorf("unknown provider %q", p)
	}
	cs.ID, cs.Secret = strings.TrimSpace(cs.ID), strings.TrimSpace(cs.Secret)
	if strings.ContainsAny(cs.ID+cs.Secret, " \t\r\n") {
		return errors.New("The client ID and secret can't contain spaces. Copy them again from the vendor's console.")
	}
	if cs.ID == "" {
		if err := m.store.Delete(keyClientID(p)); err != nil {
			return err
		}
		return m.store.Delete(keyClientSecret(p))
	}
	if err := m.store.Set(keyClientID(p), cs.ID); err != nil {
		return err
	}
	if cs.Secret == "" {
		return m.store.Delete(keyClientSecret(p))
	}
	return m.store.Set(keyClientSecret(p), cs.Secret)
}

// RedirectURI is the exact redirect URI to register in the vendor's console:
// Zoho http://127.0.0.1:53682/callback/zoho (with the configured port),
// Zoom http://127.0.0.1/callback/zoom (Zoom ignores a loopback port, so any free one is used).
func (m *Manager) RedirectURI(p Provider) string {
	if p == Zoho {
		return fmt.Sprintf("http://127.0.0.1:%d/callback/zoho", m.opts.ZohoPort)
	}
	return "http://127.0.0.1/callback/" + string(p)
}

// Account returns the signed-in account of p, if a sign-in is stored.
func (m *Manager) Account(p Provider) (Account, bool) {
	if rt, err := m.store.Get(keyRefresh(p)); err != nil || rt == "" {
		m.keyringTrouble(err, "your "+p.Title()+" sign-in")
		return Account{}, false
	}
	// Unreadable details leave the fields empty: the caller then asks the user to sign
	// in again (session: "doesn't know which data centre"), and refresh says so too.
	sa, err := m.loadAccount(p)
	m.keyringTrouble(err, "your "+p.Title()+" account details")
	return Account{Provider: p, Name: sa.Name, Email: sa.Email, DC: sa.DC, APIDomain: sa.APIDomain, ContractsURL: sa.ContractsURL}, true
}

func (m *Manager) loadAccount(p Provider) (storedAccount, error) {
	var sa storedAccount
	v, err := m.store.Get(keyAccount(p))
	if err != nil {
		return sa, err
	}
	if err := json.Unmarshal([]byte(v), &sa); err != nil {
		return sa, errors.New("LogoDesk's saved sign-in details are damaged. Please sign in again.")
	}
	return sa, nil
}

func (m *Manager) saveAccount(p Provider, sa storedAccount) error {
	b, _ := json.Marshal(sa) // strings only: cannot fail
	return m.store.Set(keyAccount(p), string(b))
}

// TokenSource returns the one token source of p's account; it serves and refreshes
// access tokens for the service layer.
func (m *Manager) TokenSource(p Provider) api.TokenSource {
	return m.source(p)
}

func (m *Manager) source(p Provider) *tokenSource {
	m.mu.Lock()
	defer m.mu.Unlock()
	ts := m.sources[p]
	if ts == nil {
		ts = &tokenSource{m: m, p: p, sem: make(chan struct{}, 1)}
		m.sources[p] = ts
	}
	return ts
}

// SignOut withdraws LogoDesk's access at the provider and deletes every local copy of
// p's tokens (the client settings stay). When the provider can't be reached the local
// copies are still deleted and the error says how to withdraw access by hand.
func (m *Manager) SignOut(ctx context.Context, p Provider) error {
	if !p.valid() {
		return fmt.Errorf("unknown provider %q", p)
	}
	lk, err := m.lock(ctx, p)
	if err != nil {
		return err
	}
	defer m.unlock(lk, p)
	revokeErr := m.withdraw(ctx, p)
	m.source(p).forget()
	var delErr error
	for _, k := range []string{keyRefresh(p), keyAccess(p), keyAccount(p)} {
		if err := m.store.Delete(k); err != nil && delErr == nil {
			delErr = err
		}
	}
	if delErr != nil {
		if revokeErr != nil {
			m.log(fmt.Sprintf("%s didn't confirm it withdrew LogoDesk's access either.", p.Title()))
		}
		return delErr
	}
	if revokeErr != nil {
		m.log(fmt.Sprintf("Signed out of %s on this computer, but %s didn't confirm it withdrew LogoDesk's access.", p.Title(), p.Title()))
		where := "your Zoho account's Connected Apps page (accounts.zoho.com → Sessions → Connected Apps)"
		if p == Zoom {
			where = "the Zoom App Marketplace (Manage → Added Apps)"
		}
		return newErr(ErrNetwork, fmt.Sprintf("Signed out on this computer, but LogoDesk couldn't confirm that %s withdrew its access. To be sure, remove LogoDesk in %s.", p.Title(), where), revokeErr)
	}
	m.log(fmt.Sprintf("Signed out of %s.", p.Title()))
	return nil
}

// withdraw revokes p's stored refresh token at the provider; nil when none is stored.
func (m *Manager) withdraw(ctx context.Context, p Provider) error {
	rt, err := m.store.Get(keyRefresh(p))
	if errors.Is(err, ErrNotFound) || (err == nil && rt == "") {
		return nil
	}
	if err != nil {
		return err // unreadable: it can't be withdrawn, and the user must hear so
	}
	cs, ok := m.ClientSettings(p)
	if !ok {
		return errors.New("no client settings to withdraw access with")
	}
	var base string
	if p == Zoho {
		// The saved address is checked again, as refresh does: the token goes in its query.
		sa, err := m.loadAccount(p)
		if err != nil {
			return err
		}
		if base, _, ok = m.trustedZohoAccounts(sa.AccountsURL); !ok {
			return errors.New("the saved Zoho accounts server is not trusted")
		}
	} else if base, err = m.zoomAccountsBase(); err != nil {
		return err
	}
	return m.revoke(ctx, p, base, rt, cs)
}

// zohoAccountsBase picks the accounts server for a Zoho sign-in: the override when set
// (checked against the allow-list), otherwise the data centre's.
func (m *Manager) zohoAccountsBase(dc string) (string, DataCentre, error) {
	d, ok := ZohoDataCentre(dc)
	if !ok {
		ids := make([]string, len(ZohoDataCentres))
		for i, x := range ZohoDataCentres {
			ids[i] = x.ID
		}
		return "", DataCentre{}, fmt.Errorf("%q is not a Zoho data centre. Pick one of: %s.", dc, strings.Join(ids, ", "))
	}
	if o := strings.TrimRight(m.opts.ZohoAccountsURL, "/"); o != "" {
		if base, od, ok := m.trustedZohoAccounts(o); ok {
			if od.ID != "" {
				d = od
			}
			return base, d, nil
		}
		return "", DataCentre{}, newErr(ErrUntrustedServer, "The Zoho accounts server set in LOGODESK_ZOHO_ACCOUNTS isn't one of Zoho's own, so LogoDesk won't sign in there.", nil)
	}
	return d.AccountsURL, d, nil
}

// trustedZohoAccounts accepts a known Zoho accounts host (https), or in Sandbox mode the
// sandbox's own loopback host. It returns the base URL to use.
func (m *Manager) trustedZohoAccounts(raw string) (string, DataCentre, bool) {
	if d, ok := zohoDCByAccounts(raw); ok {
		return d.AccountsURL, d, true
	}
	if m.sandboxHost(raw, m.opts.ZohoAccountsURL) {
		return strings.TrimRight(raw, "/"), DataCentre{}, true
	}
	return "", DataCentre{}, false
}

// trustedZohoAPIDomain accepts a Zoho API domain from the table (https), or in Sandbox
// mode the sandbox's own host.
func (m *Manager) trustedZohoAPIDomain(raw, accountsBase string) (string, DataCentre, bool) {
	if d, ok := zohoDCByAPIDomain(raw); ok {
		return d.APIDomain, d, true
	}
	if m.sandboxHost(raw, accountsBase) {
		return strings.TrimRight(raw, "/"), DataCentre{}, true
	}
	return "", DataCentre{}, false
}

// sandboxHost: in Sandbox mode, raw is on a loopback host, the same host[:port] as ref when ref is set.
func (m *Manager) sandboxHost(raw, ref string) bool {
	if !m.opts.Sandbox {
		return false
	}
	scheme, host := hostOf(raw)
	if scheme == "" || !isLoopbackHost(host) {
		return false
	}
	if ref != "" {
		_, rh := hostOf(ref)
		return rh == host
	}
	return true
}

func (m *Manager) zoomAccountsBase() (string, error) {
	o := strings.TrimRight(m.opts.ZoomAccountsURL, "/")
	if o == "" || o == ZoomAccountsURL {
		return ZoomAccountsURL, nil
	}
	if m.sandboxHost(o, "") {
		return o, nil
	}
	return "", newErr(ErrUntrustedServer, "The Zoom accounts server set in LOGODESK_ZOOM_ACCOUNTS isn't Zoom's own, so LogoDesk won't sign in there.", nil)
}

func (m *Manager) zoomAPIBase() (string, bool) {
	o := strings.TrimRight(m.opts.ZoomAPIURL, "/")
	if o == "" || o == ZoomAPIURL {
		return ZoomAPIURL, true
	}
	return o, m.sandboxHost(o, "")
}

// sandboxContracts is the sandbox's Contracts base for a sandbox API domain (ROOT/zoho → ROOT/contracts).
func sandboxContracts(apiDomain string) string {
	scheme, host := hostOf(apiDomain)
	if scheme == "" {
		return ""
	}
	return scheme + "://" + host + "/contracts"
}
