package auth

import (
	"errors"
	"net/url"
)

// Sentinel errors. Test with errors.Is: every error the package returns that belongs to
// one of these kinds matches it, while its own message names the provider and says
// what to do. No message ever holds a token, code, verifier or secret.
var (
	// ErrSignInAgain: no sign-in is stored, or the provider refused the refresh token
	// (expired, revoked, or replaced by a newer sign-in). The user must sign in again.
	ErrSignInAgain = errors.New("You're not signed in, or your sign-in has expired. Please sign in again.")
	// ErrDenied: the user clicked Deny on the provider's page.
	ErrDenied = errors.New("Sign-in was cancelled on the sign-in page, so LogoDesk got no access.")
	// ErrPortInUse: the loopback port for the browser's return is taken.
	ErrPortInUse = errors.New("The port LogoDesk listens on for Zoho's sign-in is in use by another program. Close that program, or set LOGODESK_ZOHO_PORT to another port and register http://127.0.0.1:PORT/callback/zoho with Zoho.")
	// ErrNotConfigured: no OAuth client ID is set for the provider.
	ErrNotConfigured = errors.New("LogoDesk has no client ID for this service yet. Enter it in Settings.")
	// ErrClientRefused: the provider refused the client ID or secret, or the redirect URI.
	ErrClientRefused = errors.New("The service refused LogoDesk's client ID, secret or redirect address. Check them in Settings.")
	// ErrCodeRejected: the provider refused the one-time sign-in code (expired, used
	// already, or the PKCE check failed).
	ErrCodeRejected = errors.New("The service refused the one-time sign-in code. Please try signing in again.")
	// ErrUntrustedServer: an accounts server or API domain is not one of the provider's own.
	ErrUntrustedServer = errors.New("The sign-in pointed to a server that isn't one of the service's own, so LogoDesk refused it.")
	// ErrCancelled: the sign-in was cancelled before it finished.
	ErrCancelled = errors.New("Sign-in was cancelled.")
	// ErrTimeout: nobody finished the sign-in in the browser in time.
	ErrTimeout = errors.New("Sign-in took too long, so LogoDesk stopped waiting. Please try again.")
	// ErrNetwork: the provider's sign-in server could not be reached or answered badly.
	ErrNetwork = errors.New("Could not reach the service's sign-in server. Check your internet connection and try again.")
)

// Error is an error of one of the kinds above with a message specific to the case.
type Error struct {
	Kind error  // one of the sentinels
	Msg  string // plain language, no secrets
	Err  error  // underlying cause without secrets (never a *url.Error), may be nil
}

func (e *Error) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return e.Kind.Error()
}

// Unwrap gives the kind and the cause, so errors.Is works for both.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

func newErr(kind error, msg string, cause error) *Error {
	return &Error{Kind: kind, Msg: msg, Err: scrub(cause)}
}

// scrub drops a *url.Error's URL (it can carry a token in its query) and keeps only its cause.
func scrub(err error) error {
	var ue *url.Error
	for err != nil && errors.As(err, &ue) {
		err = ue.Err
	}
	return err
}
