package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxResponseBytes bounds what we read of any answer: the largest picture a
// service stores is 10 MB, so anything far beyond that is not a real answer.
// A variable so tests can lower it.
var maxResponseBytes int64 = 32 << 20

// Client calls one service's REST API. It is safe for concurrent use.
type Client struct {
	HTTP    *http.Client // injected so tests and the app choose timeouts and transports
	BaseURL string       // e.g. "https://www.zohoapis.eu" or "https://api.zoom.us/v2"; no trailing slash
	Vendor  Vendor
	Service string // product name for messages: "Zoho CRM", "Bigin", "Zoho Contracts", "Zoom"
	Tokens  TokenSource
	Retry   RetryPolicy
	// Realm is the vendor installation BaseURL belongs to (see realm.go); it keys
	// kept copies by account. Set by the session.
	Realm string

	// sleep waits for d or until ctx ends; tests replace it to run retries instantly.
	sleep func(ctx context.Context, d time.Duration) error
	now   func() time.Time
}

// Request is one API call. Body is sent as it is on every attempt, so a retry
// never re-reads a consumed stream.
type Request struct {
	Method      string
	Path        string // below BaseURL, starting with "/"
	Query       url.Values
	Body        []byte
	ContentType string
	Accept      string // default "application/json"
	Action      string // what the user is doing, for messages: "change the organization photo"
}

// Response is a successful answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v; a body that is not the JSON we expect is a
// service fault, reported in plain words.
func (r *Response) JSON(service string, v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return &Error{Service: service, Kind: KindServer, HTTPStatus: r.Status,
			Message:  service + " sent an answer LogoDesk doesn't understand.",
			NextStep: "Try again later; if it keeps happening, LogoDesk may need an update.", Err: err}
	}
	return nil
}

// NewRequest is a convenience for a request without a body.
func NewRequest(method, path string) Request { return Request{Method: method, Path: path} }

// authPrefix is the scheme word each vendor expects before the token.
func (v Vendor) authPrefix() string {
	if v == Zoom {
		return "Bearer "
	}
	return "Zoho-oauthtoken "
}

// Do sends req, retrying what is worth retrying, and returns the answer or an
// error. Errors are *Error, except a cancelled ctx (ctx.Err()) and errors from
// the TokenSource (for instance auth's "sign in again"), which pass through.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	policy := c.Retry.withDefaults()
	start := c.clock()
	refreshed := false
	for attempt := 1; ; attempt++ {
		tok, err := c.Tokens.Token(ctx)
		if err != nil {
			return nil, err
		}
		resp, callErr := c.once(ctx, req, tok)
		if callErr == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var apiErr *Error
		if !errors.As(callErr, &apiErr) {
			return nil, callErr
		}
		// An expired token is renewed once, without counting as an attempt.
		if apiErr.Kind == KindSignIn && !refreshed {
			refreshed = true
			c.Tokens.Invalidate(tok)
			attempt--
			continue
		}
		wait, ok := c.retryDelay(apiErr, attempt, policy, c.clock().Sub(start))
		if !ok {
			return nil, apiErr
		}
		if err := c.pause(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// once makes a single HTTP exchange and classifies its outcome.
func (c *Client) once(ctx context.Context, req Request, tok string) (*Response, error) {
	u := c.BaseURL + req.Path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, u, body)
	if err != nil {
		return nil, &Error{Service: c.Service, Kind: KindInvalidInput, // only a malformed BaseURL gets here
			Message: "LogoDesk built a request " + c.Service + " can't accept.", NextStep: "Check the service address in Settings.", Err: err}
	}
	hreq.Header.Set("Authorization", c.Vendor.authPrefix()+tok)
	if req.ContentType != "" {
		hreq.Header.Set("Content-Type", req.ContentType)
	}
	accept := req.Accept
	if accept == "" {
		accept = "application/json"
	}
	hreq.Header.Set("Accept", accept)
	hreq.Header.Set("User-Agent", "LogoDesk")

	hresp, err := c.HTTP.Do(hreq)
	if err != nil {
		return nil, c.networkError(err)
	}
	defer hresp.Body.Close()
	data, err := ReadCapped(hresp.Body, maxResponseBytes)
	if errors.Is(err, ErrTooLarge) {
		return nil, TooLargeAnswer(c.Service, hresp.StatusCode, maxResponseBytes)
	}
	if err != nil {
		// The connection dropped while the answer was arriving.
		return nil, c.networkError(err)
	}
	if hresp.StatusCode < 400 && !c.Vendor.bodySaysError(data) {
		return &Response{Status: hresp.StatusCode, Header: hresp.Header, Body: data}, nil
	}
	e := Decode(c.Vendor, c.Service, hresp.StatusCode, hresp.Header, data, c.clock())
	e.personalise(req.Action)
	return nil, e
}

// bodySaysError catches Zoho's habit of reporting some failures with a 2xx status:
// success is decided by the body's status/code, never by the message text.
func (v Vendor) bodySaysError(body []byte) bool {
	if v == Zoom || len(body) == 0 || body[0] != '{' {
		return false
	}
	var probe struct {
		Status string          `json:"status"`
		Errors json.RawMessage `json:"Errors"`
	}
	if json.Unmarshal(body, &probe) != nil {
		return false
	}
	return strings.EqualFold(probe.Status, "error") || len(probe.Errors) > 0
}

func (c *Client) networkError(err error) *Error {
	msg := "LogoDesk couldn't reach " + c.Service + "."
	next := "Check your internet connection and try again."
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Timeout() {
		msg = c.Service + " took too long to answer."
		next = "Try again in a moment."
	}
	return &Error{Service: c.Service, Kind: KindNetwork, Message: msg, NextStep: next, Err: scrub(err)}
}

// scrub drops the URL from a *url.Error: URLs can carry query parameters we
// don't want in logs, and the user doesn't need them.
func scrub(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return fmt.Errorf("%s: %w", uerr.Op, uerr.Err)
	}
	return err
}

func (c *Client) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

func (c *Client) pause(ctx context.Context, d time.Duration) error {
	if c.sleep != nil {
		return c.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
