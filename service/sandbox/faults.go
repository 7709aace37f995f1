package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"logodesk/service/sandbox/tokens"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

const (
	// Latency waits Delay, then serves the request normally.
	Latency FaultKind = iota + 1
	// RateLimit answers 429 with the vendor's body and Retry-After exactly as given.
	RateLimit
	// ServerError answers 500 with the vendor's INTERNAL_ERROR body.
	ServerError
	// Drop closes the connection without any response.
	Drop
)

var faultKindNames = map[FaultKind]string{Latency: "latency", RateLimit: "rate_limit", ServerError: "server_error", Drop: "drop"}

func (k FaultKind) String() string {
	if n, ok := faultKindNames[k]; ok {
		return n
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// MarshalText spells the kind as in JSON: latency, rate_limit, server_error, drop.
func (k FaultKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText accepts latency, rate_limit, server_error, drop (any case, - or _).
func (k *FaultKind) UnmarshalText(b []byte) error {
	s := strings.ReplaceAll(strings.ToLower(string(b)), "-", "_")
	for kind, n := range faultKindNames {
		if n == s || strings.ReplaceAll(n, "_", "") == s {
			*k = kind
			return nil
		}
	}
	return fmt.Errorf("unknown fault kind %q", b)
}

// Fault makes the next Times requests matching Method and PathPrefix misbehave.
type Fault struct {
	Method     string // "" matches every method
	PathPrefix string // path from ROOT, e.g. "/zoho/crm/v8/org/photo"; "" matches every path
	Kind       FaultKind
	Delay      time.Duration // Latency: how long to wait
	RetryAfter string        // RateLimit / ServerError: Retry-After header value, sent as is ("" = none)
	// RateLimitType is Zoom's X-RateLimit-Type for RateLimit: "QPS" (default) or
	// "Daily-limit" (then the daily-limit message and X-RateLimit-Limit/Remaining).
	RateLimitType string
	// User narrows the fault to Zoom requests about one user: a user id or an
	// e-mail address (any case). It matches /zoom/v2/users/{userId}[/picture]
	// however the path names that user (id, e-mail or "me"), so "uploads for
	// maya@zylker.example fail" needs no knowledge of her id.
	User  string
	Times int // how many matching requests to affect; <=0 means 1
}

type faultJSON struct {
	Method        string          `json:"method,omitempty"`
	PathPrefix    string          `json:"path_prefix,omitempty"`
	Kind          FaultKind       `json:"kind"`
	Delay         json.RawMessage `json:"delay,omitempty"`
	RetryAfter    string          `json:"retry_after,omitempty"`
	RateLimitType string          `json:"rate_limit_type,omitempty"`
	User          string          `json:"user,omitempty"`
	Times         int             `json:"times,omitempty"`
}

// MarshalJSON writes {"method","path_prefix","kind","delay":"250ms","retry_after","rate_limit_type","user","times"}.
func (f Fault) MarshalJSON() ([]byte, error) {
	j := faultJSON{Method: f.Method, PathPrefix: f.PathPrefix, Kind: f.Kind, RetryAfter: f.RetryAfter,
		RateLimitType: f.RateLimitType, User: f.User, Times: f.Times}
	if f.Delay != 0 {
		j.Delay, _ = json.Marshal(f.Delay.String())
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads the form MarshalJSON writes; "delay" may be a Go duration
// string ("250ms") or a number of milliseconds.
func (f *Fault) UnmarshalJSON(b []byte) error {
	var j faultJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Fault{Method: j.Method, PathPrefix: j.PathPrefix, Kind: j.Kind, RetryAfter: j.RetryAfter,
		RateLimitType: j.RateLimitType, User: j.User, Times: j.Times}
	if len(j.Delay) > 0 {
		var s string
		var ms float64
		switch {
		case json.Unmarshal(j.Delay, &s) == nil:
			d, err := time.ParseDuration(s)
			if err != nil {
				return fmt.Errorf("delay: %w", err)
			}
			f.Delay = d
		case json.Unmarshal(j.Delay, &ms) == nil:
			f.Delay = time.Duration(ms * float64(time.Millisecond))
		default:
			return fmt.Errorf("delay: want a duration string or milliseconds, got %s", j.Delay)
		}
	}
	return nil
}

type faultQueue struct {
	mu     sync.Mutex
	faults []*Fault
}

// take consumes one use of the first pending fault matching the request.
// isUser tells whether the request is about the user a Fault.User names.
func (q *faultQueue) take(method, path string, isUser func(string) bool) *Fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, f := range q.faults {
		if (f.Method == "" || strings.EqualFold(f.Method, method)) && strings.HasPrefix(path, f.PathPrefix) &&
			(f.User == "" || isUser(f.User)) {
			f.Times--
			got := *f
			if f.Times <= 0 {
				q.faults = append(q.faults[:i], q.faults[i+1:]...)
			}
			return &got
		}
	}
	return nil
}

func (q *faultQueue) pending() []Fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]Fault, 0, len(q.faults))
	for _, f := range q.faults {
		out = append(out, *f)
	}
	return out
}

// InjectFault queues f; it applies to the next f.Times requests that match it.
// When several pending faults match a request, the one injected first applies.
func (s *Server) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.faults.mu.Lock()
	s.faults.faults = append(s.faults.faults, &f)
	s.faults.mu.Unlock()
}

// ClearFaults drops every pending fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	s.faults.faults = nil
	s.faults.mu.Unlock()
}

// applyFault applies a pending fault to r. It reports whether the request should
// go on to be served normally.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request) bool {
	f := s.faults.take(r.Method, r.URL.Path, func(user string) bool { return s.zoomRequestIsFor(r, user) })
	if f == nil {
		return true
	}
	switch f.Kind {
	case Latency:
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
			return true
		case <-r.Context().Done():
			return false
		}
	case RateLimit:
		s.writeRateLimited(w, r, f)
	case ServerError:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		s.writeServerError(w, r)
	case Drop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return false
			}
		}
		panic(http.ErrAbortHandler) // HTTP/2 or a wrapped writer: abort the stream instead
	}
	return false
}

func (s *Server) writeRateLimited(w http.ResponseWriter, r *http.Request, f *Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	p := r.URL.Path
	switch {
	case hasPrefix(p, "/zoho"):
		// Zoho documents the code TOO_MANY_REQUESTS with HTTP 429 but shows no body for
		// CRM; this is its usual error shape with a message of our own.
		zohoErr(w, http.StatusTooManyRequests, "TOO_MANY_REQUESTS",
			"The number of API requests has exceeded the limit. Try again later.", nil)
	case hasPrefix(p, "/contracts"):
		// Contracts documents no 429 at all; answer in its own error shape.
		contractsErr(w, http.StatusTooManyRequests, "TOO_MANY_REQUESTS", "Too many requests. Try again later.")
	case hasPrefix(p, "/zoom"):
		typ := f.RateLimitType
		if typ == "" {
			typ = "QPS"
		}
		w.Header().Set("X-RateLimit-Category", zoomRateCategory(r))
		w.Header().Set("X-RateLimit-Type", typ)
		msg := "You have reached the maximum per-second rate limit for this API. Try again later."
		if strings.EqualFold(typ, "Daily-limit") {
			w.Header().Set("X-RateLimit-Limit", "2000")
			w.Header().Set("X-RateLimit-Remaining", "0")
			msg = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request."
		}
		zoomErr(w, http.StatusTooManyRequests, 429, msg)
	default:
		http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
	}
}

func (s *Server) writeServerError(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case hasPrefix(p, "/zoho"):
		zohoErr(w, http.StatusInternalServerError, "INTERNAL_ERROR", "Internal Server Error", nil)
	case hasPrefix(p, "/contracts"):
		contractsErr(w, http.StatusInternalServerError, "INTERNAL_ERROR", "Internal Server Error")
	case hasPrefix(p, "/zoom"):
		// Zoom documents no 5xx body; use its error shape.
		zoomErr(w, http.StatusInternalServerError, 500, "Internal server error.")
	default:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	}
}

// zoomRequestIsFor reports whether r is a Zoom /users/{userId}… request about
// the user named by user (an id or an e-mail address, any case).
func (s *Server) zoomRequestIsFor(r *http.Request, user string) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, "/zoom/v2/users/")
	if !ok {
		return false
	}
	id, _, _ := strings.Cut(rest, "/")
	var g tokens.Grant
	if id == "me" {
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		g, _ = s.tokens.Lookup(strings.TrimSpace(tok))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findZoomUser(id, g)
	return u != nil && (u.ID == user || strings.EqualFold(u.Email, user))
}
