// Package session decides where each service lives and which token it gets:
// the LOGODESK_* overrides first, then the embedded sandbox, then the signed-in
// account. The command line and the window both build their clients here, so
// they always agree.
package session

import (
	"net"
	"net/http"
	"net/url"
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
	EnvZohoToken    = "LOGODESK_ZOHO_TOKEN"    // a Zoho access token used as it is (e.g. a "self client" token)
	EnvZoomToken    = "LOGODESK_ZOOM_TOKEN"    // a Zoom access token used as it is
	// EnvToken is the name LOGODESK_ZOHO_TOKEN had before the split; it is still
	// read as a Zoho token, and never sent to Zoom.
	EnvToken = "LOGODESK_TOKEN"
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
	// SandboxAddresses says the LOGODESK_*_API addresses are a `logodesk sandbox`
	// (LOGODESK_SANDBOX=1): stored (sandbox) sign-ins may go there.
	SandboxAddresses bool
	Auth             *auth.Manager // the sign-in manager, when there is one
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

// TokenOverride reports whether a Zoho token is given in the environment
// (LOGODESK_ZOHO_TOKEN or LOGODESK_TOKEN): Zoho needs no sign-in then.
func (s *Session) TokenOverride() bool { return s.zohoEnvToken() != "" }

// EnvTokens names the token variables set in the environment, Zoho's first.
func (s *Session) EnvTokens() []string {
	var out []string
	for _, k := range []string{EnvZohoToken, EnvToken, EnvZoomToken} {
		if strings.TrimSpace(s.o.Getenv(k)) != "" {
			out = append(out, k)
		}
	}
	return out
}

func (s *Session) zohoEnvToken() string {
	return firstOf(strings.TrimSpace(s.o.Getenv(EnvZohoToken)), strings.TrimSpace(s.o.Getenv(EnvToken)))
}

func (s *Session) env(k string) string {
	return strings.TrimRight(strings.TrimSpace(s.o.Getenv(k)), "/")
}

// credentials is a vendor's token source and whether it came from the environment.
type credentials struct {
	in      SignIn
	fromEnv bool
}

// zoho resolves the Zoho credentials: a token in the environment wins over a stored sign-in.
func (s *Session) zoho() (credentials, error) {
	var c credentials
	if s.o.Accounts != nil {
		if a, ok := s.o.Accounts.Zoho(); ok {
			c.in = a
		}
	}
	if tok := s.zohoEnvToken(); tok != "" {
		c.in.Tokens, c.fromEnv = api.StaticToken(tok), true
	}
	if c.in.Tokens == nil {
		return c, notSignedIn("Zoho")
	}
	return c, nil
}

// zoom resolves the Zoom credentials; only LOGODESK_ZOOM_TOKEN is a Zoom token.
func (s *Session) zoom() (credentials, error) {
	var c credentials
	if s.o.Accounts != nil {
		if a, ok := s.o.Accounts.Zoom(); ok {
			c.in = a
		}
	}
	if tok := strings.TrimSpace(s.o.Getenv(EnvZoomToken)); tok != "" {
		c.in.Tokens, c.fromEnv = api.StaticToken(tok), true
	}
	if c.in.Tokens == nil {
		return c, notSignedIn("Zoom")
	}
	return c, nil
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

// endpoint says where one service's calls go.
type endpoint struct {
	service, vendor string
	kind            api.Vendor
	envVar          string                   // the LOGODESK_*_API variable
	sandboxPrefix   string                   // below the embedded sandbox's root
	signedIn        string                   // the stored sign-in's own address for it ("" if none)
	fallback        string                   // for a token from the environment with no address: the vendor's default
	realmOf         func(base string) string // the vendor realm of base, "" when base isn't the vendor's
}

// client builds the api.Client for e. A stored sign-in goes only to the
// vendor's own hosts, or to the sandbox; a token from the environment is the
// user's explicit choice and goes where the environment says.
func (s *Session) client(e endpoint, c credentials) (*api.Client, error) {
	fromEnv := s.env(e.envVar)
	base := firstOf(fromEnv, s.sandbox(e.sandboxPrefix), strings.TrimRight(e.signedIn, "/"))
	if base == "" && c.fromEnv {
		base = e.fallback
	}
	if base == "" {
		return nil, noAddress(e.service, e.envVar)
	}
	realm := e.realmOf(base)
	sandboxed := s.o.SandboxRoot != "" || s.o.SandboxAddresses
	if realm == "" && fromEnv != "" && !c.fromEnv && !sandboxed {
		return nil, &api.Error{Service: e.service, Kind: api.KindSignIn,
			Message: e.envVar + " points to " + hostPart(base) + ", which isn't " + e.vendor + "'s own address, so LogoDesk won't send your " +
				e.vendor + " sign-in there.",
			NextStep: "Unset " + e.envVar + ", or set LOGODESK_SANDBOX=1 if it is a LogoDesk sandbox."}
	}
	if realm == "" {
		if sandboxed {
			realm = api.RealmSandbox
		} else {
			realm = api.RealmOtherPrefix + hostPart(base)
		}
	}
	return &api.Client{HTTP: s.o.HTTP, BaseURL: base, Vendor: e.kind, Service: e.service, Tokens: c.in.Tokens, Realm: realm}, nil
}

// hostPart is base's host[:port], for messages and realm names.
func hostPart(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return base
}

// zohoRealm is "zoho-<dc>" when base is the https API domain (or Contracts host,
// with contracts) of one of Zoho's data centres.
func zohoRealm(contracts bool) func(string) string {
	return func(base string) string {
		u, err := url.Parse(base)
		if err != nil || u.Scheme != "https" {
			return ""
		}
		for _, dc := range auth.ZohoDataCentres {
			want := dc.APIDomain
			if contracts {
				want = dc.ContractsURL
			}
			if w, err := url.Parse(want); err == nil && want != "" && strings.EqualFold(w.Host, u.Host) {
				return "zoho-" + dc.ID
			}
		}
		return ""
	}
}

// zoomRealm is "zoom" for Zoom's own API.
func zoomRealm(base string) string {
	u, err := url.Parse(base)
	if err == nil && u.Scheme == "https" && strings.EqualFold(u.Host, "api.zoom.us") {
		return "zoom"
	}
	return ""
}

// zohoAPI is the Zoho API domain for CRM and Bigin.
func (s *Session) zohoAPI(service string) (*api.Client, error) {
	c, err := s.zoho()
	if err != nil {
		return nil, err
	}
	return s.client(endpoint{service: service, vendor: "Zoho", kind: api.Zoho, envVar: EnvZohoAPI, sandboxPrefix: "/zoho",
		signedIn: c.in.APIDomain, fallback: "https://www.zohoapis.com", realmOf: zohoRealm(false)}, c)
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
	c, err := s.zoho()
	if err != nil {
		return nil, err
	}
	return s.client(endpoint{service: "Zoho Contracts", vendor: "Zoho", kind: api.ZohoContracts, envVar: EnvContractsAPI,
		sandboxPrefix: "/contracts", signedIn: c.in.ContractsURL, fallback: "https://contracts.zoho.com", realmOf: zohoRealm(true)}, c)
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
	c, err := s.zoom()
	if err != nil {
		return nil, err
	}
	// Zoom has one API for every account.
	return s.client(endpoint{service: "Zoom", vendor: "Zoom", kind: api.Zoom, envVar: EnvZoomAPI, sandboxPrefix: "/zoom/v2",
		signedIn: DefaultZoomAPI, realmOf: zoomRealm}, c)
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
