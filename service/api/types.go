// Package api is the HTTP core shared by the four service wrappers: it adds the
// vendor's auth header, retries what is worth retrying, and turns every vendor
// error body into an *Error that says in plain words what happened and what to do.
package api

import (
	"context"
	"time"
)

// Vendor selects a family of conventions: auth header and error body shape.
type Vendor int

const (
	Zoho          Vendor = iota // CRM and Bigin: "Zoho-oauthtoken", {code,details,message,status}
	ZohoContracts               // "Zoho-oauthtoken", {"Errors":{ErrorCode,ErrorMessage}} or CRM-style
	Zoom                        // "Bearer", {"code":int,"message":..}
)

// TokenSource supplies access tokens. The auth package implements it for signed-in
// accounts; StaticToken serves a token given by hand (LOGODESK_TOKEN).
type TokenSource interface {
	// Token returns a valid access token, refreshing it first when needed.
	Token(ctx context.Context) (string, error)
	// Invalidate says the server refused tok as expired or invalid, so the
	// next Token call must not return it again (it refreshes instead).
	Invalidate(tok string)
}

// StaticToken is a TokenSource that always returns the same token and cannot refresh.
type StaticToken string

// Token returns the token.
func (s StaticToken) Token(context.Context) (string, error) { return string(s), nil }

// Invalidate does nothing: a static token cannot be refreshed.
func (StaticToken) Invalidate(string) {}

// Photo is a picture as a service returns it. A service with no picture set
// (Zoho's 204) gives a Photo with Present false, not an error.
type Photo struct {
	Present bool
	Bytes   []byte
	MIME    string // sniffed from the bytes, e.g. "image/png"
}

// Kind sorts errors by what the user can do about them.
type Kind int

const (
	KindUnknown      Kind = iota
	KindSignIn            // token missing, expired or revoked: sign in again
	KindScope             // the sign-in lacks a permission scope: sign in again granting it
	KindPermission        // the user's role forbids it: ask an administrator
	KindNotFound          // the record, user or URL does not exist
	KindInvalidInput      // the request was refused as malformed (bad file, bad field)
	KindTooLarge          // file or resolution over the service's limit
	KindRateLimited       // too many requests; try later
	KindServer            // the service failed; try again later
	KindNetwork           // no answer: connection refused, dropped, timed out
	KindBadMethod         // the service does not accept this HTTP method (Contracts' update)
)

// Error is a failed call. Message and NextStep are plain language for the user;
// Code, HTTPStatus and VendorMessage are the technical detail behind "Details".
// It never holds a token or a raw response body.
type Error struct {
	Service       string // "Zoho CRM", "Bigin", "Zoho Contracts", "Zoom"
	Kind          Kind
	HTTPStatus    int       // 0 when no response arrived
	Code          string    // vendor code: "NO_PERMISSION", "1001", "5300"
	VendorMessage string    // the vendor's own message text, for Details only
	Message       string    // what happened, in one plain sentence
	NextStep      string    // what to do next, in one plain sentence
	RetryAt       time.Time // for rate limits: when the service accepts calls again (zero if unknown)
	Err           error     // underlying cause (network errors), if any

	retryAfter time.Duration // what Retry-After asked for, if anything
	dailyLimit bool          // Zoom's daily quota: report it, don't wait it out
}

func (e *Error) Error() string {
	if e.NextStep == "" {
		return e.Message
	}
	return e.Message + " " + e.NextStep
}

func (e *Error) Unwrap() error { return e.Err }
