// Package session decides where each service lives and which token it gets:
// the LOGODESK_* overrides first, then the embedded sandbox, then the signed-in
// account. The command line and the window both build their clients here, so
// they always agree.
package session

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"logodesk/auth"
	"logodesk/service/api"
	"logodesk/service/bigin"
	"logodesk/service/contracts"
	"logodesk/service/crm"
	"logodesk/service/zoom"
)

// Environment variables that override the signed-in account, for scripts and tests.
const (
	EnvZohoAPI      = "LOGODESK_ZOHO_API"      // Zoho API domain for CRM and Bigin, e.g. https://www.zohoapis.eu
	EnvContractsAPI = "LOGODESK_CONTRACTS_API" // Zoho Contracts host, e.g. https://contracts.zoho.eu
	EnvZoomAPI      = "LOGODESK_ZOOM_API"      // Zoom API base, e.g. https://api.zoom.us/v2
	EnvToken        = "LOGODESK_TOKEN"         // an access token used as it is (Zoho "self client" tokens)
)

// DefaultZoomAPI is Zoom's API base; Zoom has a single one.
const DefaultZoomAPI = "https://api.zoom.us/v2"

// SignIn is what a stored sign-in gives the service layer.
type SignIn struct {
	Name         string // who is signed in, for the sign-in bar
	DataCentre   string // Zoho only: "EU"
	APIDomain    string // Zoho only: the account's API domain (CRM, Bigin)
	ContractsURL string // Zoho only: the data centre's Contracts host
	Tokens       api.TokenSource
}

// Accounts looks up the stored sign-ins; auth.Manager provides it.
type Accounts interface {
	Zoho() (SignIn, bool)
	Zoom() (SignIn, bool)
}

// Options configure a Session.
type Options struct {
	Getenv      func(string) string // os.Getenv in the app; a map in tests
	HTTP        *http.Client        // nil: NewHTTPClient()
	Accounts    Accounts            // nil: no stored sign-ins
	SandboxRoot string              // the embedded sandbox's base URL, when it runs
	Auth        *auth.Manager       // the sign-in manager, when there is one
}

// Session builds service clients. It is safe for concurrent use.
type Session struct {
	o       Options
	closers []func()
}

// New returns a session for o.
func New(o Options) *Session {
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.HTTP == nil {
		o.HTTP = NewHTTPClient()
	}
	return &Session{o: o}
}

// NewHTTPClient has bounded connection set-up times but no overall timeout:
// a 10 MB upload on a slow line may take minutes, and every call has a context.
func NewHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 15 * time.Second
	t.ResponseHeaderTimeout = 90 * time.Second
	return &http.Client{Transport: t}
}

// Sandbox reports whether the session talks to the embedded sandbox.
func (s *Session) Sandbox() bool { return s.o.SandboxRoot != "" }

// SandboxRoot is the embedded sandbox's base URL ("" when none runs).
func (s *Session) SandboxRoot() string { return s.o.SandboxRoot }

// HTTP is the client every service call goes through.
func (s *Session) HTTP() *http.Client { return s.o.HTTP }

// Accounts gives access to the stored sign-ins (nil when none are configured).
func (s *Session) Accounts() Accounts { return s.o.Accounts }

// TokenOverride reports whether LOGODESK_TOKEN is set (no sign-in needed).
func (s *Session) TokenOverride() bool { return s.o.Getenv(EnvToken) != "" }

func (s *Session) env(k string) string {
	return strings.TrimRight(strings.TrimSpace(s.o.Getenv(k)), "/")
}

// zoho resolves the Zoho sign-in: LOGODESK_TOKEN wins over a stored one.
func (s *Session) zoho() (SignIn, error) {
	var in SignIn
	if s.o.Accounts != nil {
		if a, ok := s.o.Accounts.Zoho(); ok {
			in = a
		}
	}
	if tok := s.o.Getenv(EnvToken); tok != "" {
		in.Tokens = api.StaticToken(tok)
	}
	if in.Tokens == nil {
		return in, notSignedIn("Zoho")
	}
	return in, nil
}

func notSignedIn(vendor string) error {
	return &api.Error{Service: vendor, Kind: api.KindSignIn,
		Message: "You're not signed in to " + vendor + ".", NextStep: "Sign in to " + vendor + " first."}
}

func noAddress(service, env string) error {
	return &api.Error{Service: service, Kind: api.KindSignIn,
		Message:  "LogoDesk doesn't know which " + service + " data centre your account is in.",
		NextStep: "Sign in again, or set " + env + "."}
}

func (s *Session) client(service string, v api.Vendor, base string, tokens api.TokenSource) *api.Client {
	return &api.Client{HTTP: s.o.HTTP, BaseURL: base, Vendor: v, Service: service, Tokens: tokens}
}

// zohoAPI is the Zoho API domain for CRM and Bigin.
func (s *Session) zohoAPI(service string) (*api.Client, error) {
	in, err := s.zoho()
	if err != nil {
		return nil, err
	}
	base := firstOf(s.env(EnvZohoAPI), s.sandbox("/zoho"), strings.TrimRight(in.APIDomain, "/"), s.usDefault("https://www.zohoapis.com"))
	if base == "" {
		return nil, noAddress(service, EnvZohoAPI)
	}
	return s.client(service, api.Zoho, base, in.Tokens), nil
}

// CRM returns a Zoho CRM client for the current sign-in.
func (s *Session) CRM() (*crm.Client, error) {
	c, err := s.zohoAPI("Zoho CRM")
	if err != nil {
		return nil, err
	}
	return crm.New(c), nil
}

// Bigin returns a Bigin client for the current sign-in.
func (s *Session) Bigin() (*bigin.Client, error) {
	c, err := s.zohoAPI("Bigin")
	if err != nil {
		return nil, err
	}
	return bigin.New(c), nil
}

// Contracts returns a Zoho Contracts client for the current sign-in.
func (s *Session) Contracts() (*contracts.Client, error) {
	c, err := s.contractsAPI()
	if err != nil {
		return nil, err
	}
	return contracts.New(c), nil
}

func (s *Session) contractsAPI() (*api.Client, error) {
	in, err := s.zoho()
	if err != nil {
		return nil, err
	}
	base := firstOf(s.env(EnvContractsAPI), s.sandbox("/contracts"), strings.TrimRight(in.ContractsURL, "/"), s.usDefault("https://contracts.zoho.com"))
	if base == "" {
		return nil, noAddress("Zoho Contracts", EnvContractsAPI)
	}
	return s.client("Zoho Contracts", api.ZohoContracts, base, in.Tokens), nil
}

// Zoom returns a Zoom client for the current sign-in.
func (s *Session) Zoom() (*zoom.Client, error) {
	c, err := s.zoomAPI()
	if err != nil {
		return nil, err
	}
	return zoom.New(c), nil
}

func (s *Session) zoomAPI() (*api.Client, error) {
	var in SignIn
	if s.o.Accounts != nil {
		if a, ok := s.o.Accounts.Zoom(); ok {
			in = a
		}
	}
	if tok := s.o.Getenv(EnvToken); tok != "" {
		in.Tokens = api.StaticToken(tok)
	}
	if in.Tokens == nil {
		return nil, notSignedIn("Zoom")
	}
	base := firstOf(s.env(EnvZoomAPI), s.sandbox("/zoom/v2"), DefaultZoomAPI)
	return s.client("Zoom", api.Zoom, base, in.Tokens), nil
}

// usDefault is Zoho's US data centre, assumed for a LOGODESK_TOKEN given without
// an address (as Zoho's own samples do); a stored sign-in always knows its own.
func (s *Session) usDefault(url string) string {
	if s.TokenOverride() {
		return url
	}
	return ""
}

func (s *Session) sandbox(prefix string) string {
	if s.o.SandboxRoot == "" {
		return ""
	}
	return strings.TrimRight(s.o.SandboxRoot, "/") + prefix
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// EnvBackupDir overrides where replaced pictures are kept.
const EnvBackupDir = "LOGODESK_BACKUP_DIR"

// DefaultBackupDir is where the command line and the window keep the pictures
// they replace, unless LOGODESK_BACKUP_DIR or the window's settings say otherwise.
func DefaultBackupDir(getenv func(string) string) string {
	if d := strings.TrimSpace(getenv(EnvBackupDir)); d != "" {
		return d
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "LogoDesk", "backups")
	}
	return filepath.Join(os.TempDir(), "LogoDesk", "backups")
}
