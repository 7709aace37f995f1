package api

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds how hard the client tries. Zero fields take the defaults.
type RetryPolicy struct {
	MaxAttempts int           // calls in all, first included (default 4)
	BaseDelay   time.Duration // first backoff (default 500 ms); doubles each time, with jitter
	MaxDelay    time.Duration // longest single wait, Retry-After included (default 20 s)
	MaxTotal    time.Duration // longest time spent on one request (default 45 s)
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 20 * time.Second
	}
	if p.MaxTotal <= 0 {
		p.MaxTotal = 45 * time.Second
	}
	return p
}

// retryable reports whether trying again can help: the service was busy or
// broken, or the connection failed. What the server refused on purpose (4xx
// other than 429) is never retried.
func retryable(e *Error) bool {
	switch e.Kind {
	case KindRateLimited:
		return e.RetryAt.IsZero() || !e.dailyLimit
	case KindNetwork:
		return true
	case KindServer:
		return e.HTTPStatus >= 500 || e.HTTPStatus == 0
	}
	return false
}

// retryDelay says how long to wait before attempt+1, or false to give up.
func (c *Client) retryDelay(e *Error, attempt int, p RetryPolicy, spent time.Duration) (time.Duration, bool) {
	if !retryable(e) || attempt >= p.MaxAttempts {
		return 0, false
	}
	var wait time.Duration
	if e.retryAfter > 0 {
		wait = e.retryAfter
		if wait > p.MaxDelay {
			return 0, false // the service asks for a longer pause than we wait: report it
		}
	} else {
		backoff := p.BaseDelay << (attempt - 1)
		if backoff > p.MaxDelay || backoff <= 0 {
			backoff = p.MaxDelay
		}
		// Full jitter between half and all of the backoff spreads retries of many clients.
		wait = backoff/2 + rand.N(backoff/2+1)
	}
	if spent+wait > p.MaxTotal {
		return 0, false
	}
	return wait, true
}

// ParseRetryAfter reads a Retry-After value in any form the vendors use:
// delta-seconds ("120"), an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"), or
// Zoom's ISO-8601 timestamp for daily limits ("2026-08-23T00:00:00Z").
// It returns the wait from now (never negative) and the moment it ends.
func ParseRetryAfter(v string, now time.Time) (time.Duration, time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, time.Time{}, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, time.Time{}, false
		}
		if secs > 1<<31 {
			secs = 1 << 31
		}
		d := time.Duration(secs) * time.Second
		return d, now.Add(d), true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		at, err = time.Parse(time.RFC3339, v)
	}
	if err != nil {
		return 0, time.Time{}, false
	}
	d := at.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, at, true
}
