// Package sandbox emulates the four APIs LogoDesk talks to (Zoho CRM, Bigin, Zoho
// Contracts, Zoom) behind one http.Handler, with in-memory state and demo data.
//
// It is used by the app's demo mode, by `logodesk sandbox` and by every service-layer
// test over real HTTP, so it answers with the vendors' own status codes and error
// bodies as documented (see ../shared/api-notes.md and ../shared/seeds/). Where the
// vendor sources disagree, the choice made is written next to the code.
//
// One listener emulates several hosts by path prefix (ROOT is the listener's URL):
//
//	ROOT/zoho        Zoho API domain: /crm/{version}/org, /crm/{version}/org/photo,
//	                 /bigin/v2/{module}[/{id}[/photo]], /bigin/v2/{module}/search,
//	                 /bigin/v2/org, /bigin/v2/org/photo
//	ROOT/contracts   Zoho Contracts: /api/v1/admin/orginfo[/{apiName}]
//	ROOT/zoom/v2     Zoom API: /users, /users/{userId}, /users/{userId}/picture
//	ROOT/zoom-cdn    Zoom picture CDN (pic_url targets): /p/{userId}/{version}.{jpg,png}
//	ROOT/accounts    Zoho and Zoom accounts servers (package sandbox/accounts)
//	ROOT/_sandbox    test controls: /faults (inject), /requests (counters)
package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"logodesk/service/sandbox/tokens"
)

// Options tune a Server.
type Options struct {
	// LegacySizeErrors makes Zoho answer both "file too large" and "resolution too
	// high" with 415 FILE_SIZE_MORE_THAN_ALLOWED_SIZE, as the older docs say, instead
	// of the newer OpenAPI's 413 FILE_SIZE_EXCEEDS / 415 FILE_RESOLUTION_EXCEEDS.
	LegacySizeErrors bool
	// BiginOrgLogoReadable answers GET /bigin/v2/org/photo as CRM answers its
	// /org/photo (200 image, 204 none). Bigin documents no such call, so by default
	// the sandbox refuses it; this emulates a Bigin that has it after all.
	BiginOrgLogoReadable bool
	// Now is the clock used for token expiry; time.Now when nil.
	Now func() time.Time
	// ZoomUsers, when more than the three demo users, adds generated active users
	// until the Zoom account has this many (e.g. 1200, several pages of GET /users).
	// Zero keeps the small demo account.
	ZoomUsers int
}

// Server is the emulator. It is an http.Handler; all state lives in memory.
type Server struct {
	opt    Options
	now    func() time.Time
	tokens *tokens.Store

	mu        sync.Mutex // guards the emulated services' state below
	seq       int64      // for fresh Zoho ids
	org       crmOrg
	bigin     map[string]*biginModule // by module API name
	biginOrg  crmOrg                  // Bigin's organization and its logo (same shape as CRM's)
	contracts []*contractsOrg
	zoom      []*zoomUser
	zoomIndex zoomIndex // the same users by id, sign-in id and e-mail
	zoomSeq   int       // picture versions

	faults faultQueue

	cmu    sync.Mutex
	counts map[string]int // "METHOD /path" → requests seen

	accounts http.Handler // the accounts servers, mounted under /accounts; nil if absent
}

// New returns a Server with fresh demo state.
func New(opt Options) *Server {
	s := &Server{opt: opt, now: opt.Now, tokens: tokens.New(), counts: map[string]int{}}
	if s.now == nil {
		s.now = time.Now
	}
	s.loadDemo()
	s.addZoomUsers(opt.ZoomUsers)
	s.zoomIndex = indexZoomUsers(s.zoom)
	s.accounts = mountAccounts(s)
	return s
}

// Tokens is the token store the emulated APIs check (and the accounts servers issue into).
func (s *Server) Tokens() *tokens.Store { return s.tokens }

// User is a sandbox sign-in identity. The accounts servers are configured with
// ZohoUsers and ZoomUsers; a token's Grant.User is one of these IDs.
type User struct {
	ID, Name, Email string
	Admin           bool // Zoho: administrator (else read-only); Zoom: account admin
}

// Sandbox user IDs.
const (
	ZohoAdminID  = "admin"  // Zoho administrator: may read and write everything
	ZohoViewerID = "viewer" // Zoho read-only user: every write answers 403 NO_PERMISSION
	ZoomAdminID  = "admin"  // the Zoom account admin (also what tokens.DemoToken acts as)
	ZoomMemberID = "u7Q3mN2pR5sT8vW1xY4zAb"
)

// ZohoUsers lists the Zoho identities of the sandbox (CRM, Bigin and Contracts share them).
func ZohoUsers() []User {
	return []User{
		{ID: ZohoAdminID, Name: "Ava Admin", Email: "admin@zylker.example", Admin: true},
		{ID: ZohoViewerID, Name: "Victor Viewer", Email: "viewer@zylker.example"},
	}
}

// ZoomUsers lists the Zoom identities that can sign in to the sandbox.
func ZoomUsers() []User {
	return []User{
		{ID: ZoomAdminID, Name: "Ava Admin", Email: "admin@zylker.example", Admin: true},
		{ID: ZoomMemberID, Name: "Maya Member", Email: "maya@zylker.example"},
	}
}

func zohoIsAdmin(user string) bool {
	for _, u := range ZohoUsers() {
		if u.ID == user {
			return u.Admin
		}
	}
	return false
}

// ServeHTTP routes by host prefix, after counting the request and applying any fault.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/_sandbox" || strings.HasPrefix(p, "/_sandbox/") {
		s.serveControl(w, r)
		return
	}
	s.count(r.Method + " " + p)
	if !s.applyFault(w, r) {
		return
	}
	switch {
	case hasPrefix(p, "/zoho"):
		s.serveZoho(w, r, strings.TrimPrefix(p, "/zoho"))
	case hasPrefix(p, "/contracts"):
		s.serveContracts(w, r, strings.TrimPrefix(p, "/contracts"))
	case hasPrefix(p, "/zoom/v2"):
		s.serveZoom(w, r, strings.TrimPrefix(p, "/zoom/v2"))
	case hasPrefix(p, "/zoom"):
		zoomErr(w, http.StatusNotFound, 2300, "This API endpoint is not recognized.")
	case hasPrefix(p, "/zoom-cdn"):
		s.serveZoomCDN(w, r, strings.TrimPrefix(p, "/zoom-cdn"))
	case hasPrefix(p, "/accounts"):
		if s.accounts == nil {
			http.Error(w, "the sandbox accounts servers are not built into this binary", http.StatusNotFound)
			return
		}
		s.accounts.ServeHTTP(w, r)
	case p == "/" || p == "":
		s.serveIndex(w, r)
	default:
		http.NotFound(w, r)
	}
}

// hasPrefix reports whether p is prefix itself or below it.
func hasPrefix(p, prefix string) bool {
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	root := "http://" + r.Host
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "LogoDesk sandbox: emulated Zoho CRM, Bigin, Zoho Contracts and Zoom APIs.\n\n"+
		"LOGODESK_ZOHO_API=%[1]s/zoho\nLOGODESK_CONTRACTS_API=%[1]s/contracts\nLOGODESK_ZOOM_API=%[1]s/zoom/v2\n"+
		"LOGODESK_ZOHO_ACCOUNTS=%[1]s/accounts/zoho\nLOGODESK_ZOOM_ACCOUNTS=%[1]s/accounts/zoom\nLOGODESK_SANDBOX=1\n"+
		"LOGODESK_ZOHO_TOKEN=%[2]s\nLOGODESK_ZOOM_TOKEN=%[2]s\n",
		root, tokens.DemoToken)
}

// count records one request under key.
func (s *Server) count(key string) {
	s.cmu.Lock()
	s.counts[key]++
	s.cmu.Unlock()
}

// Requests returns how many requests each "METHOD /path" (path from ROOT, without
// the query) has received, including ones answered by an injected fault.
// Requests to ROOT/_sandbox are not counted.
func (s *Server) Requests() map[string]int {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	m := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		m[k] = v
	}
	return m
}

// ResetRequests zeroes the request counters.
func (s *Server) ResetRequests() {
	s.cmu.Lock()
	s.counts = map[string]int{}
	s.cmu.Unlock()
}

// serveControl answers ROOT/_sandbox/...:
//
//	POST   /_sandbox/faults    body: a JSON Fault (see Fault.UnmarshalJSON) → 201
//	GET    /_sandbox/faults    the faults still pending
//	DELETE /_sandbox/faults    clear them → 204
//	GET    /_sandbox/requests  {"METHOD /path": n, ...}
//	DELETE /_sandbox/requests  reset the counters → 204
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_sandbox/faults":
		switch r.Method {
		case http.MethodPost:
			var f Fault
			dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
			if err := dec.Decode(&f); err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
				return
			}
			if f.Kind < Latency || f.Kind > Drop {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "kind must be latency, rate_limit, server_error or drop"})
				return
			}
			s.InjectFault(f)
			writeJSON(w, http.StatusCreated, f)
		case http.MethodGet:
			writeJSON(w, http.StatusOK, s.faults.pending())
		case http.MethodDelete:
			s.ClearFaults()
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Allow", "GET, POST, DELETE")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	case "/_sandbox/requests":
		switch r.Method {
		case http.MethodGet:
			writeJSON(w, http.StatusOK, s.Requests())
		case http.MethodDelete:
			s.ResetRequests()
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Allow", "GET, DELETE")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	default:
		http.NotFound(w, r)
	}
}

// writeJSON writes v as JSON with status. Key order follows the Go types (structs in
// field order, maps sorted), so bodies are byte-for-byte predictable.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONType(w, status, "application/json; charset=utf-8", v)
}

func writeJSONType(w http.ResponseWriter, status int, ctype string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
