package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/oauth2"
)

// SignIn signs in to p through the user's browser and stores the sign-in. dc picks the
// Zoho data centre ("" is US; Zoho may send the user to their own one, which is
// followed when it is a known Zoho accounts server); Zoom ignores it. showURL, when not
// nil, receives the sign-in address so the user can copy it if no browser opens.
//
// It returns when the browser comes back with this sign-in's state, ctx is cancelled
// (ErrCancelled), or the sign-in timeout passes (ErrTimeout); a reply with another state
// is refused and the wait goes on. Other typed errors: ErrNotConfigured, ErrPortInUse,
// ErrDenied, ErrUntrustedServer, ErrCodeRejected, ErrClientRefused, ErrNetwork.
func (m *Manager) SignIn(ctx context.Context, p Provider, dc string, showURL func(string)) (Account, error) {
	if !p.valid() {
		return Account{}, fmt.Errorf("unknown provider %q", p)
	}
	cs, ok := m.ClientSettings(p)
	if !ok {
		return Account{}, newErr(ErrNotConfigured, fmt.Sprintf("LogoDesk has no %s client ID yet. Register LogoDesk with %s and enter the client ID in Settings.", p.Title(), p.Title()), nil)
	}
	var authBase string
	var dcInfo DataCentre
	var err error
	if p == Zoho {
		authBase, dcInfo, err = m.zohoAccountsBase(dc)
	} else {
		authBase, err = m.zoomAccountsBase()
	}
	if err != nil {
		return Account{}, err
	}

	port := 0
	if p == Zoho {
		port = m.opts.ZohoPort
	}
	ln, err := net.Listen("tcp4", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) || strings.Contains(strings.ToLower(err.Error()), "address already in use") || strings.Contains(strings.ToLower(err.Error()), "only one usage") {
			return Account{}, newErr(ErrPortInUse, portInUseMessage(port), nil)
		}
		return Account{}, fmt.Errorf("LogoDesk couldn't listen for the browser's return on 127.0.0.1: %w", err)
	}
	port = ln.Addr().(*net.TCPAddr).Port
	redirectURI := fmt.Sprintf("http://127.0.0.1:%d/callback/%s", port, p)

	verifier := oauth2.GenerateVerifier()
	state := randomString(32)
	authURL := authCodeURL(p, oauthConfig(p, authBase, cs, redirectURI), state, verifier)

	results := make(chan callback, 1)
	served := make(chan error, 1)
	srv := &http.Server{Handler: m.callbackHandler(p, state, results), ReadHeaderTimeout: 10 * time.Second}
	srv.SetKeepAlivesEnabled(false)
	go func() { served <- srv.Serve(ln) }()
	stop := sync.OnceFunc(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(sctx) != nil {
			srv.Close() // the same listener; a forced close has nothing more to report
		}
	})
	defer stop()

	m.log(fmt.Sprintf("Waiting for the %s sign-in to finish in the browser (listening on 127.0.0.1:%d only).", p.Title(), port))
	if showURL != nil {
		showURL(authURL)
	}
	if err := m.opts.OpenBrowser(authURL); err != nil {
		m.log("The browser didn't open by itself. Copy the sign-in address into your browser.")
	}

	wctx, cancel := context.WithTimeout(ctx, m.opts.SignInTimeout)
	defer cancel()
	var cb callback
	select {
	case cb = <-results:
	case err := <-served: // only before stop(): the listener failed by itself
		return Account{}, newErr(ErrNetwork, fmt.Sprintf("LogoDesk stopped listening for the browser's return from %s. Please try again.", p.Title()), err)
	case <-wctx.Done():
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Account{}, newErr(ErrCancelled, fmt.Sprintf("%s sign-in was cancelled.", p.Title()), nil)
		}
		return Account{}, newErr(ErrTimeout, fmt.Sprintf("The %s sign-in wasn't finished in the browser in time, so LogoDesk stopped waiting. Please try again.", p.Title()), nil)
	}
	stop() // one callback only: the listener closes now
	if cb.err != nil {
		return Account{}, cb.err
	}
	if m.tamperVerifier != nil {
		verifier = m.tamperVerifier(verifier)
	}
	return m.finish(ctx, p, cs, authBase, dcInfo, redirectURI, verifier, cb)
}

// finish exchanges the code and stores the sign-in.
func (m *Manager) finish(ctx context.Context, p Provider, cs ClientSettings, authBase string, dcInfo DataCentre, redirectURI, verifier string, cb callback) (Account, error) {
	sa := storedAccount{}
	if p == Zoho && cb.accountsServer != "" {
		// Zoho sends the user to their own data centre: the code is valid only there.
		base, d, ok := m.trustedZohoAccounts(cb.accountsServer)
		if !ok {
			return Account{}, newErr(ErrUntrustedServer, "Zoho's reply pointed to an accounts server that isn't one of Zoho's own, so LogoDesk refused it.", nil)
		}
		authBase = base
		if d.ID != "" {
			dcInfo = d
		} else if d2, ok := ZohoDataCentre(cb.location); ok && cb.location != "" {
			dcInfo = d2
		}
	}
	tok, err := m.exchange(ctx, p, oauthConfig(p, authBase, cs, redirectURI), cb.code, verifier)
	if err != nil {
		return Account{}, err
	}
	if tok.RefreshToken == "" {
		return Account{}, newErr(ErrCodeRejected, fmt.Sprintf("%s signed you in but gave LogoDesk no lasting access. Please sign in again and allow access.", p.Title()), nil)
	}
	acct := Account{Provider: p}
	if p == Zoho {
		named := apiDomain(tok)
		if named == "" {
			named = dcInfo.APIDomain
		}
		dom, d, ok := m.trustedZohoAPIDomain(named, authBase)
		if !ok || dom == "" {
			return Account{}, newErr(ErrUntrustedServer, "Zoho named an API server that isn't one of Zoho's own, so LogoDesk won't send your sign-in there.", nil)
		}
		if d.ID != "" {
			dcInfo = d
		}
		sa.AccountsURL, sa.APIDomain, sa.DC = authBase, dom, dcInfo.ID
		sa.ContractsURL = dcInfo.ContractsURL
		if d.ID == "" { // the sandbox: ROOT/zoho → ROOT/contracts
			sa.ContractsURL = sandboxContracts(dom)
		}
		if sa.DC == "" {
			sa.DC = "us"
		}
		sa.Name, sa.Email, err = m.userInfo(ctx, p, authBase, tok.AccessToken)
	} else {
		if apiBase, ok := m.zoomAPIBase(); ok {
			sa.Name, sa.Email, err = m.userInfo(ctx, p, apiBase, tok.AccessToken)
		} else {
			err = errors.New("untrusted Zoom API address")
		}
	}
	if err != nil {
		m.log(fmt.Sprintf("Signed in, but %s didn't say who you are; the account name stays empty.", p.Title()))
	}

	// Store: refresh token first, then the access token and the account details.
	lk, lerr := m.lock(ctx, p)
	if lerr != nil {
		return Account{}, lerr
	}
	defer m.unlock(lk, p)
	old, err := m.store.Get(keyRefresh(p))
	m.keyringTrouble(err, "your earlier "+p.Title()+" sign-in")
	oldSA, err := m.loadAccount(p) // unreadable: revokeReplaced finds no server and says so
	m.keyringTrouble(err, "your earlier "+p.Title()+" account details")
	if err := m.store.Set(keyRefresh(p), tok.RefreshToken); err != nil {
		return Account{}, fmt.Errorf("LogoDesk couldn't save your %s sign-in: %w", p.Title(), err)
	}
	if err := m.saveAccount(p, sa); err != nil {
		return Account{}, fmt.Errorf("LogoDesk couldn't save your %s sign-in: %w", p.Title(), err)
	}
	exp := m.expiry(tok)
	if err := m.store.Set(keyAccess(p), encodeAccess(tok.AccessToken, exp)); err != nil {
		m.log(fmt.Sprintf("LogoDesk couldn't save the %s access token; it will fetch another when needed.", p.Title()))
	}
	ts := m.source(p)
	ts.forget()
	ts.set(tok.AccessToken, exp)
	if p == Zoho && old != "" && old != tok.RefreshToken {
		m.revokeReplaced(ctx, oldSA, old, cs)
	}
	acct.Name, acct.Email, acct.DC, acct.APIDomain, acct.ContractsURL = sa.Name, sa.Email, sa.DC, sa.APIDomain, sa.ContractsURL
	if p == Zoom {
		acct.DC = ""
	}
	who := acct.Email
	if who == "" {
		who = acct.Name
	}
	m.log(fmt.Sprintf("Signed in to %s as %s.", p.Title(), who))
	return acct, nil
}

// revokeReplaced withdraws the Zoho refresh token a new sign-in replaced, once the new
// one is stored: Zoho keeps at most 20 per user and silently deletes the oldest, which
// may be a sign-in still in use. A failure is only logged; the new sign-in stands.
// Zoom is left alone: its revoke uninstalls the app for the user, new sign-in included.
func (m *Manager) revokeReplaced(ctx context.Context, oldSA storedAccount, old string, cs ClientSettings) {
	const failed = "Signed in to Zoho, but LogoDesk couldn't withdraw your earlier Zoho sign-in. You can remove it in your Zoho account under Sessions, Connected Apps."
	base, _, ok := m.trustedZohoAccounts(oldSA.AccountsURL)
	if !ok {
		m.log(failed)
		return
	}
	// The user may cancel now that the sign-in is done; the withdrawal still goes out.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := m.revoke(rctx, Zoho, base, old, cs); err != nil {
		m.log(failed)
	}
}

// portInUseMessage says how to free Zoho's redirect port or choose another one; Zoho
// matches the redirect URI exactly, so another port must be registered with Zoho too.
func portInUseMessage(port int) string {
	other := port + 1
	if other > 65535 {
		other = port - 1
	}
	return fmt.Sprintf("Port %d, which Zoho's sign-in needs, is already in use by another program. "+
		"Close that program, or set the environment variable %s to another port (for example %d) "+
		"and add http://127.0.0.1:%d/callback/zoho as a redirect URI of LogoDesk in Zoho's API console.",
		port, zohoPortEnv, other, other)
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails: crypto/rand.Read aborts the program instead (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}
