// Package tokens is the sandbox's record of which access tokens are valid, for whom
// and with which scopes. The emulated APIs check tokens here; the emulated accounts
// servers issue, expire and revoke them here.
package tokens

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// Vendors whose tokens the sandbox knows.
const (
	Zoho = "zoho"
	Zoom = "zoom"
)

// DemoToken is accepted by every emulated API with every scope, as the demo admin.
// `logodesk sandbox` prints it; it exists only inside the sandbox.
const DemoToken = "sandbox-demo-token"

// Grant is what a token stands for.
type Grant struct {
	Vendor string    // Zoho or Zoom; the DemoToken has "" and works for both
	User   string    // the sandbox user id the token acts as
	Scopes []string  // granted scopes, exactly as the vendor spells them
	Expiry time.Time // zero: never expires
}

// Expired reports whether the grant has expired at now.
func (g Grant) Expired(now time.Time) bool { return !g.Expiry.IsZero() && !now.Before(g.Expiry) }

// HasAny reports whether the grant holds at least one of scopes (case-insensitive, as Zoho is).
func (g Grant) HasAny(scopes ...string) bool {
	for _, have := range g.Scopes {
		if have == "*" {
			return true
		}
		for _, want := range scopes {
			if strings.EqualFold(have, want) {
				return true
			}
		}
	}
	return false
}

// Store holds the live tokens. The zero value is not usable; call New.
type Store struct {
	mu sync.Mutex
	m  map[string]Grant
}

// New returns a store that already holds the DemoToken.
func New() *Store {
	return &Store{m: map[string]Grant{DemoToken: {User: "admin", Scopes: []string{"*"}}}}
}

// Issue records g under a fresh random token and returns the token.
func (s *Store) Issue(g Grant) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	tok := "1000." + hex.EncodeToString(b)
	s.Add(tok, g)
	return tok
}

// Add records g under tok.
func (s *Store) Add(tok string, g Grant) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[tok] = g
}

// Lookup returns the grant of tok.
func (s *Store) Lookup(tok string) (Grant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.m[tok]
	return g, ok
}

// Revoke forgets tok.
func (s *Store) Revoke(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, tok)
}

// Expire makes tok expire now (tests use it to exercise refresh).
func (s *Store) Expire(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.m[tok]; ok {
		g.Expiry = time.Unix(1, 0)
		s.m[tok] = g
	}
}
