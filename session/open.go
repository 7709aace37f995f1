package session

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"logodesk/auth"
	"logodesk/service/sandbox"
)

// More environment variables, read by Open.
const (
	EnvZohoAccounts = "LOGODESK_ZOHO_ACCOUNTS" // Zoho accounts server base URL
	EnvZoomAccounts = "LOGODESK_ZOOM_ACCOUNTS" // Zoom accounts server base URL
	EnvZohoPort     = "LOGODESK_ZOHO_PORT"     // loopback port of the Zoho redirect URI
	// EnvSandbox=1 says the addresses above are a `logodesk sandbox` in another
	// process: its loopback sign-in servers are then trusted, and its sign-ins are
	// kept apart from real ones (in a sandbox file, never the keyring).
	EnvSandbox = "LOGODESK_SANDBOX"
)

// SandboxClientID is the OAuth client the embedded sandbox's sign-in pages know.
const SandboxClientID = "logodesk-sandbox"

// Config says how the window or the command line starts.
type Config struct {
	// Sandbox runs the embedded sandbox in this process and points everything at it:
	// sign-ins go through its consent pages and are kept in memory only.
	Sandbox bool
	Getenv  func(string) string // nil: os.Getenv
	Log     func(string)        // plain-language progress lines from the sign-in
	// OpenBrowser opens sign-in pages; nil: the system's browser.
	OpenBrowser func(url string) error
	// Store overrides where sign-ins are kept (tests); nil: the OS keyring, or the
	// in-memory store in Sandbox mode.
	Store auth.Store
	// ConfigDir overrides the settings folder (tests); "": os.UserConfigDir()/LogoDesk.
	ConfigDir string
}

// Open starts what the app needs: the sign-in manager and, in sandbox mode, the
// sandbox itself. Close the session when done.
func Open(cfg Config) (*Session, error) {
	getenv := cfg.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	o := Options{Getenv: getenv}
	ao := auth.Options{
		ZohoAccountsURL: strings.TrimSpace(getenv(EnvZohoAccounts)),
		ZoomAccountsURL: strings.TrimSpace(getenv(EnvZoomAccounts)),
		ZoomAPIURL:      strings.TrimSpace(getenv(EnvZoomAPI)),
		Log:             cfg.Log,
		OpenBrowser:     cfg.OpenBrowser,
		Store:           cfg.Store,
		ConfigDir:       cfg.ConfigDir,
		Getenv:          getenv,
	}
	if p, err := strconv.Atoi(getenv(EnvZohoPort)); err == nil && p > 0 && p < 65536 {
		ao.ZohoPort = p
	}
	var closers []func()
	if !cfg.Sandbox && getenv(EnvSandbox) == "1" {
		ao.Sandbox = true
		o.SandboxAddresses = true
		if ao.Store == nil {
			dir := cfg.ConfigDir
			if dir == "" {
				d, err := auth.DefaultConfigDir()
				if err != nil {
					return nil, err
				}
				dir = d
			}
			ao.Store = auth.NewFileStore(filepath.Join(dir, "sandbox"))
			if err := os.MkdirAll(filepath.Join(dir, "sandbox"), 0o700); err != nil {
				return nil, err
			}
		}
	}
	if cfg.Sandbox {
		run, err := sandbox.Start("127.0.0.1:0", sandbox.New(sandbox.Options{}))
		if err != nil {
			return nil, err
		}
		closers = append(closers, func() { _ = run.Close() })
		o.SandboxRoot = run.URL
		ao.Sandbox = true
		ao.ZohoAccountsURL, ao.ZoomAccountsURL, ao.ZoomAPIURL = run.ZohoAccounts(), run.ZoomAccounts(), run.ZoomAPI()
		if ao.Store == nil {
			ao.Store = NewMemoryStore()
		}
		// The sandbox knows one client; the admin has nothing to register.
		ao.Getenv = func(k string) string {
			switch k {
			case "LOGODESK_ZOHO_CLIENT_ID", "LOGODESK_ZOOM_CLIENT_ID":
				return SandboxClientID
			case "LOGODESK_ZOHO_CLIENT_SECRET", "LOGODESK_ZOOM_CLIENT_SECRET":
				return "" // a real secret in the environment never goes to the sandbox
			}
			return getenv(k)
		}
	}
	m, err := auth.NewManager(ao)
	if err != nil {
		for _, c := range closers {
			c()
		}
		return nil, err
	}
	o.Auth = m
	o.Accounts = authAccounts{m}
	s := New(o)
	s.closers = closers
	return s, nil
}

// Auth is the sign-in manager (nil for sessions built with New without one).
func (s *Session) Auth() *auth.Manager { return s.o.Auth }

// Close stops what Open started.
func (s *Session) Close() {
	for _, c := range s.closers {
		c()
	}
	s.closers = nil
}

// authAccounts adapts auth.Manager to Accounts.
type authAccounts struct{ m *auth.Manager }

func (a authAccounts) Zoho() (SignIn, bool) {
	acc, ok := a.m.Account(auth.Zoho)
	if !ok {
		return SignIn{}, false
	}
	in := SignIn{Name: firstOf(acc.Name, acc.Email), APIDomain: acc.APIDomain, ContractsURL: acc.ContractsURL, Tokens: a.m.TokenSource(auth.Zoho)}
	if dc, ok := auth.ZohoDataCentre(acc.DC); ok {
		in.DataCentre = dc.Name
	}
	return in, true
}

func (a authAccounts) Zoom() (SignIn, bool) {
	acc, ok := a.m.Account(auth.Zoom)
	if !ok {
		return SignIn{}, false
	}
	return SignIn{Name: firstOf(acc.Name, acc.Email), Tokens: a.m.TokenSource(auth.Zoom)}, true
}

// MemoryStore keeps sign-ins in memory only: the sandbox's are worthless outside
// this process and must never mix with real ones in the keyring.
type MemoryStore struct {
	mu sync.Mutex
	m  map[string]string
}

// NewMemoryStore returns an empty store.
func NewMemoryStore() *MemoryStore { return &MemoryStore{m: map[string]string{}} }

// Get returns the value of key, or auth.ErrNotFound.
func (s *MemoryStore) Get(key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	if !ok {
		return "", auth.ErrNotFound
	}
	return v, nil
}

// Set stores value under key.
func (s *MemoryStore) Set(key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = value
	return nil
}

// Delete forgets key.
func (s *MemoryStore) Delete(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}
