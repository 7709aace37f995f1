// Package auth signs LogoDesk in to Zoho (every data centre) and Zoom through the
// system browser (OAuth 2.0 authorization code with PKCE S256 and a loopback redirect,
// RFC 8252), keeps the refresh tokens in the OS keyring (or a 0600 file where there is
// none), and serves fresh access tokens to the service layer as api.TokenSource.
//
// No token, code, verifier or secret ever appears in an error message or a log line.
package auth

import (
	"net"
	"net/url"
	"strings"
)

// Provider is a vendor LogoDesk signs in to.
type Provider string

// Providers.
const (
	Zoho Provider = "zoho"
	Zoom Provider = "zoom"
)

// Title is the provider's name for people: "Zoho", "Zoom".
func (p Provider) Title() string {
	switch p {
	case Zoho:
		return "Zoho"
	case Zoom:
		return "Zoom"
	}
	return string(p)
}

func (p Provider) valid() bool { return p == Zoho || p == Zoom }

// DataCentre is one of Zoho's data centres.
type DataCentre struct {
	ID           string // "us", "eu", "in", "au", "jp", "uk", "sa", "cn", "ca"
	Name         string // for people: "US", "EU", "India" …
	AccountsURL  string // https://accounts.zoho.eu
	APIDomain    string // https://www.zohoapis.eu
	ContractsURL string // https://contracts.zoho.eu; "" where Zoho Contracts isn't offered (CN) or not confirmed (UK)
}

// ZohoDataCentres lists Zoho's data centres, US first.
var ZohoDataCentres = []DataCentre{
	{"us", "US", "https://accounts.zoho.com", "https://www.zohoapis.com", "https://contracts.zoho.com"},
	{"eu", "EU", "https://accounts.zoho.eu", "https://www.zohoapis.eu", "https://contracts.zoho.eu"},
	{"in", "India", "https://accounts.zoho.in", "https://www.zohoapis.in", "https://contracts.zoho.in"},
	{"au", "Australia", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au", "https://contracts.zoho.com.au"},
	{"jp", "Japan", "https://accounts.zoho.jp", "https://www.zohoapis.jp", "https://contracts.zoho.jp"},
	{"uk", "UK", "https://accounts.zoho.uk", "https://www.zohoapis.uk", ""},
	{"sa", "Saudi Arabia", "https://accounts.zoho.sa", "https://www.zohoapis.sa", "https://contracts.zoho.sa"},
	{"cn", "China", "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn", ""},
	{"ca", "Canada", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca", "https://contracts.zohocloud.ca"},
}

// ZohoDataCentre returns the data centre with id ("" means "us"), case-insensitive.
func ZohoDataCentre(id string) (DataCentre, bool) {
	if id == "" {
		id = "us"
	}
	for _, dc := range ZohoDataCentres {
		if strings.EqualFold(dc.ID, id) {
			return dc, true
		}
	}
	return DataCentre{}, false
}

// ZohoScopes are the scopes LogoDesk asks Zoho for: CRM org, Bigin records and search,
// the Contracts organization, and the user's name and email.
var ZohoScopes = []string{
	"ZohoCRM.org.ALL",
	"ZohoBigin.modules.ALL",
	"ZohoBigin.org.ALL", // Bigin's organization logo
	"ZohoSearch.securesearch.READ",
	"contracts.meta.READ",
	"contracts.meta.UPDATE",
	"AaaServer.profile.READ",
}

// Zoom's fixed endpoints.
const (
	ZoomAccountsURL = "https://zoom.us"
	ZoomAPIURL      = "https://api.zoom.us/v2"
)

// DefaultZohoPort is the loopback port of Zoho's redirect URI (Zoho matches it exactly).
const DefaultZohoPort = 53682

// zohoPortEnv names the environment variable that chooses another port for Zoho's
// redirect URI; session.Open reads it (session.EnvZohoPort) into Options.ZohoPort.
const zohoPortEnv = "LOGODESK_ZOHO_PORT"

// hostOf returns the lower-case host[:port] of an absolute http(s) URL, or "".
func hostOf(raw string) (scheme, host string) {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", ""
	}
	return u.Scheme, strings.ToLower(u.Host)
}

func isLoopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// zohoDCByAccounts finds the data centre whose accounts server is raw (https, exact host).
func zohoDCByAccounts(raw string) (DataCentre, bool) {
	scheme, host := hostOf(raw)
	if scheme != "https" {
		return DataCentre{}, false
	}
	for _, dc := range ZohoDataCentres {
		if _, h := hostOf(dc.AccountsURL); h == host {
			return dc, true
		}
	}
	return DataCentre{}, false
}

// zohoDCByAPIDomain finds the data centre whose API domain is raw (https, exact host).
func zohoDCByAPIDomain(raw string) (DataCentre, bool) {
	scheme, host := hostOf(raw)
	if scheme != "https" {
		return DataCentre{}, false
	}
	for _, dc := range ZohoDataCentres {
		if _, h := hostOf(dc.APIDomain); h == host {
			return dc, true
		}
	}
	return DataCentre{}, false
}
