package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// refreshSkew: a token this close to expiry is refreshed rather than used.
const refreshSkew = 2 * time.Minute

// tokenSource is the one api.TokenSource per provider account. One refresh runs at a
// time: across goroutines (sem) and across running copies of the app (a file lock in the
// config folder). Under the lock it first rereads the store, so a token another copy
// just fetched is used rather than refreshed again (Zoom's refresh tokens rotate).
type tokenSource struct {
	m   *Manager
	p   Provider
	sem chan struct{} // held while fetching

	mu      sync.Mutex
	access  string
	expiry  time.Time
	invalid string // refused by a server: never hand it out again
}

func (ts *tokenSource) cached(now time.Time) (string, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.access != "" && ts.access != ts.invalid && now.Add(refreshSkew).Before(ts.expiry) {
		return ts.access, true
	}
	return "", false
}

func (ts *tokenSource) set(tok string, exp time.Time) {
	ts.mu.Lock()
	ts.access, ts.expiry = tok, exp
	ts.mu.Unlock()
}

func (ts *tokenSource) forget() {
	ts.mu.Lock()
	ts.access, ts.expiry, ts.invalid = "", time.Time{}, ""
	ts.mu.Unlock()
}

// Invalidate marks tok as refused by a server; the next Token call refreshes.
func (ts *tokenSource) Invalidate(tok string) {
	if tok == "" {
		return
	}
	ts.mu.Lock()
	ts.invalid = tok
	if ts.access == tok {
		ts.access, ts.expiry = "", time.Time{}
	}
	ts.mu.Unlock()
	if v, err := ts.m.store.Get(keyAccess(ts.p)); err == nil {
		if a, _, ok := decodeAccess(v); ok && a == tok {
			if err := ts.m.store.Delete(keyAccess(ts.p)); err != nil {
				// This copy won't use it again (ts.invalid); another running copy may try it once.
				ts.m.log(fmt.Sprintf("LogoDesk couldn't delete a refused %s access token from the keyring.", ts.p.Title()))
			}
		}
	}
}

// fromStore adopts a still-valid access token saved by this or another running copy.
func (ts *tokenSource) fromStore(now time.Time) (string, bool) {
	v, err := ts.m.store.Get(keyAccess(ts.p))
	if err != nil {
		return "", false
	}
	a, exp, ok := decodeAccess(v)
	ts.mu.Lock()
	bad := a == ts.invalid
	ts.mu.Unlock()
	if !ok || bad || !now.Add(refreshSkew).Before(exp) {
		return "", false
	}
	ts.set(a, exp)
	return a, true
}

// Token returns a valid access token, refreshing it first when it is missing, refused
// or about to expire. Errors wrap ErrSignInAgain when the user must sign in again.
func (ts *tokenSource) Token(ctx context.Context) (string, error) {
	if tok, ok := ts.cached(ts.m.now()); ok {
		return tok, nil
	}
	select {
	case ts.sem <- struct{}{}:
	case <-ctx.Done():
		return "", newErr(ErrCancelled, "", ctx.Err())
	}
	defer func() { <-ts.sem }()
	if tok, ok := ts.cached(ts.m.now()); ok { // another goroutine refreshed while we waited
		return tok, nil
	}
	if tok, ok := ts.fromStore(ts.m.now()); ok {
		return tok, nil
	}
	lk, err := ts.m.lock(ctx, ts.p)
	if err != nil {
		return "", err
	}
	defer ts.m.unlock(lk, ts.p)
	if tok, ok := ts.fromStore(ts.m.now()); ok { // another copy of the app refreshed
		return tok, nil
	}
	return ts.refreshLocked(ctx)
}

func (ts *tokenSource) signInAgain(format string) error {
	t := ts.p.Title()
	return newErr(ErrSignInAgain, fmt.Sprintf(format, t, t), nil)
}

// refreshLocked runs a refresh_token grant; the caller holds the file lock.
func (ts *tokenSource) refreshLocked(ctx context.Context) (string, error) {
	m, p := ts.m, ts.p
	rt, err := m.store.Get(keyRefresh(p))
	if errors.Is(err, ErrNotFound) || (err == nil && rt == "") {
		return "", ts.signInAgain("You're not signed in to %s. Please sign in to %s.")
	}
	if err != nil {
		return "", err
	}
	cs, ok := m.ClientSettings(p)
	if !ok {
		return "", newErr(ErrNotConfigured, fmt.Sprintf("LogoDesk has no %s client ID. Enter it in Settings.", p.Title()), nil)
	}
	sa, err := m.loadAccount(p)
	if err != nil {
		return "", ts.signInAgain("LogoDesk's saved %s sign-in is incomplete. Please sign in to %s again.")
	}
	var base string
	switch p {
	case Zoho:
		var ok bool
		if base, _, ok = m.trustedZohoAccounts(sa.AccountsURL); !ok {
			return "", newErr(ErrUntrustedServer, "The saved Zoho accounts server isn't one of Zoho's own. Please sign in to Zoho again.", nil)
		}
	default:
		if base, err = m.zoomAccountsBase(); err != nil {
			return "", err
		}
	}
	// Once sent, the refresh must finish even if the caller gives up: Zoom rotates
	// refresh tokens, and a rotated token lost before it is saved signs the user out.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	tok, err := m.refresh(rctx, p, oauthConfig(p, base, cs, ""), rt)
	if err != nil {
		if errors.Is(err, ErrSignInAgain) {
			m.dropDeadSignIn(p)
		}
		return "", err
	}
	// Zoom rotates refresh tokens: the old one is dead now, so the new one is saved
	// before the access token is used at all.
	if tok.RefreshToken != "" && tok.RefreshToken != rt {
		if err := m.store.Set(keyRefresh(p), tok.RefreshToken); err != nil {
			return "", fmt.Errorf("LogoDesk couldn't save its renewed %s sign-in, so you may need to sign in again: %w", p.Title(), err)
		}
		m.log(fmt.Sprintf("Saved the renewed %s sign-in.", p.Title()))
	}
	if named := apiDomain(tok); p == Zoho && named != "" && named != sa.APIDomain {
		d, _, ok := m.trustedZohoAPIDomain(named, sa.AccountsURL)
		if !ok {
			return "", newErr(ErrUntrustedServer, "Zoho named an API server that isn't one of Zoho's own, so LogoDesk won't send your sign-in there.", nil)
		}
		sa.APIDomain = d
		if err := m.saveAccount(p, sa); err != nil {
			m.log("LogoDesk couldn't save Zoho's new API server address; it keeps the old one until the next renewal.")
		}
	}
	exp := m.expiry(tok)
	if err := m.store.Set(keyAccess(p), encodeAccess(tok.AccessToken, exp)); err != nil {
		m.log(fmt.Sprintf("LogoDesk couldn't save the %s access token; it will fetch another next time.", p.Title()))
	}
	ts.set(tok.AccessToken, exp)
	m.log(fmt.Sprintf("Renewed the %s access token.", p.Title()))
	return tok.AccessToken, nil
}

// dropDeadSignIn deletes a sign-in the provider no longer accepts, so nothing retries
// with it; the caller has the file lock.
func (m *Manager) dropDeadSignIn(p Provider) {
	ts := m.source(p)
	ts.forget()
	m.log(fmt.Sprintf("%s no longer accepts LogoDesk's sign-in; signing in again is needed.", p.Title()))
	for _, k := range []string{keyRefresh(p), keyAccess(p)} {
		if err := m.store.Delete(k); err != nil {
			m.log(fmt.Sprintf("LogoDesk couldn't delete its expired %s sign-in from the keyring; signing in again replaces it.", p.Title()))
			return
		}
	}
}
