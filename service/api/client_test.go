package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeTokens hands out tok1, then tok2 after Invalidate, counting calls.
type fakeTokens struct {
	mu          sync.Mutex
	current     string
	invalidated []string
	err         error
}

func (f *fakeTokens) Token(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.current, f.err
}

func (f *fakeTokens) Invalidate(tok string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invalidated = append(f.invalidated, tok)
	f.current = "tok2"
}

// newTestClient points a client at h and records every backoff wait instead of sleeping.
func newTestClient(t *testing.T, v Vendor, h http.Handler) (*Client, *[]time.Duration) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	var waits []time.Duration
	c := &Client{HTTP: srv.Client(), BaseURL: srv.URL, Vendor: v, Service: "Zoho CRM", Tokens: &fakeTokens{current: "tok1"}}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}
	return c, &waits
}

func zohoError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"code":"` + code + `","details":{},"message":"vendor text","status":"error"}`))
}

func TestAuthHeaderPerVendor(t *testing.T) {
	for _, tc := range []struct {
		v    Vendor
		want string
	}{{Zoho, "Zoho-oauthtoken tok1"}, {ZohoContracts, "Zoho-oauthtoken tok1"}, {Zoom, "Bearer tok1"}} {
		var got string
		c, _ := newTestClient(t, tc.v, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got = r.Header.Get("Authorization")
		}))
		if _, err := c.Do(context.Background(), NewRequest("GET", "/x")); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("vendor %d: Authorization = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestRetriesServerErrorsWithBackoff(t *testing.T) {
	var calls atomic.Int32
	c, waits := newTestClient(t, Zoho, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			zohoError(w, 500, "INTERNAL_ERROR")
			return
		}
		_, _ = w.Write([]byte(`{"code":"SUCCESS","status":"success"}`))
	}))
	if _, err := c.Do(context.Background(), NewRequest("GET", "/x")); err != nil {
		t.Fatalf("want success after retries, got %v", err)
	}
	if calls.Load() != 3 || len(*waits) != 2 {
		t.Fatalf("calls=%d waits=%v, want 3 calls and 2 waits", calls.Load(), *waits)
	}
	// Exponential with jitter: the second wait's range (500ms..1s) starts where the first's (250..500ms) ends.
	if w := *waits; w[0] < 250*time.Millisecond || w[0] > 500*time.Millisecond || w[1] < 500*time.Millisecond || w[1] > time.Second {
		t.Errorf("waits %v not within the jittered exponential ranges", w)
	}
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	var calls atomic.Int32
	c, _ := newTestClient(t, Zoho, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		zohoError(w, 503, "INTERNAL_ERROR")
	}))
	c.Retry = RetryPolicy{MaxAttempts: 3}
	_, err := c.Do(context.Background(), NewRequest("GET", "/x"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindServer || calls.Load() != 3 {
		t.Fatalf("err=%v calls=%d, want KindServer after 3 calls", err, calls.Load())
	}
}

func TestNeverRetriesDeliberateRefusals(t *testing.T) {
	for _, code := range []string{"NO_PERMISSION", "INVALID_DATA", "OAUTH_SCOPE_MISMATCH", "FILE_SIZE_EXCEEDS"} {
		var calls atomic.Int32
		c, _ := newTestClient(t, Zoho, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			status := map[string]int{"NO_PERMISSION": 403, "INVALID_DATA": 400, "OAUTH_SCOPE_MISMATCH": 401, "FILE_SIZE_EXCEEDS": 413}[code]
			zohoError(w, status, code)
		}))
		_, err := c.Do(context.Background(), NewRequest("POST", "/x"))
		if err == nil || calls.Load() != 1 {
			t.Errorf("%s: err=%v calls=%d, want an error after exactly 1 call", code, err, calls.Load())
		}
	}
}

func TestRetryAfterForms(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		header string
		want   time.Duration
	}{
		{"3", 3 * time.Second},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second},
		{now.Add(5 * time.Second).Format(time.RFC3339), 5 * time.Second},
	}
	for _, tc := range cases {
		var calls atomic.Int32
		c, waits := newTestClient(t, Zoom, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) == 1 {
				w.Header().Set("Retry-After", tc.header)
				w.WriteHeader(429)
				_, _ = w.Write([]byte(`{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}`))
				return
			}
			_, _ = w.Write([]byte(`{}`))
		}))
		c.now = func() time.Time { return now }
		if _, err := c.Do(context.Background(), NewRequest("GET", "/x")); err != nil {
			t.Fatalf("Retry-After %q: %v", tc.header, err)
		}
		if len(*waits) != 1 || (*waits)[0] != tc.want {
			t.Errorf("Retry-After %q: waits %v, want [%v]", tc.header, *waits, tc.want)
		}
	}
}

func TestZoomDailyLimitIsReportedNotWaited(t *testing.T) {
	var calls atomic.Int32
	reset := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	c, waits := newTestClient(t, Zoom, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("X-RateLimit-Type", "Daily-limit")
		w.Header().Set("X-RateLimit-Category", "Medium")
		w.Header().Set("Retry-After", reset.Format(time.RFC3339))
		w.WriteHeader(429)
		_, _ = w.Write([]byte(`{"code":429,"message":"You have reached the maximum daily rate limit for this API."}`))
	}))
	c.now = func() time.Time { return reset.Add(-2 * time.Hour) }
	_, err := c.Do(context.Background(), NewRequest("POST", "/users/me/picture"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindRateLimited || !e.RetryAt.Equal(reset) {
		t.Fatalf("err=%#v, want KindRateLimited with RetryAt %v", err, reset)
	}
	if calls.Load() != 1 || len(*waits) != 0 {
		t.Errorf("calls=%d waits=%v: a daily limit must not be waited out", calls.Load(), *waits)
	}
	if !strings.Contains(e.Message, "today") || !strings.Contains(e.NextStep, "after") {
		t.Errorf("message %q / %q should explain the daily limit and when it ends", e.Message, e.NextStep)
	}
}

func TestLongRetryAfterIsReported(t *testing.T) {
	var calls atomic.Int32
	c, _ := newTestClient(t, Zoho, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Retry-After", "3600")
		zohoError(w, 429, "TOO_MANY_REQUESTS")
	}))
	_, err := c.Do(context.Background(), NewRequest("GET", "/x"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindRateLimited || calls.Load() != 1 {
		t.Fatalf("err=%v calls=%d, want an immediate rate-limit report", err, calls.Load())
	}
}

func TestDroppedConnectionIsRetried(t *testing.T) {
	var calls atomic.Int32
	c, _ := newTestClient(t, Zoho, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		_, _ = w.Write([]byte(`{"code":"SUCCESS","status":"success"}`))
	}))
	if _, err := c.Do(context.Background(), NewRequest("POST", "/x")); err != nil {
		t.Fatalf("want success after a dropped connection, got %v", err)
	}
	if calls.Load() != 2 {
		t.Errorf("calls=%d, want 2", calls.Load())
	}
}

func TestUnreachableServiceIsPlainNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := &Client{HTTP: http.DefaultClient, BaseURL: url, Vendor: Zoho, Service: "Bigin", Tokens: StaticToken("secret-token-value"),
		Retry: RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}}
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/bigin/v2/Contacts", Query: map[string][]string{"q": {"x"}}})
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindNetwork {
		t.Fatalf("err=%v, want KindNetwork", err)
	}
	if strings.Contains(err.Error(), "secret-token-value") || strings.Contains(e.Details(), "secret-token-value") || strings.Contains(e.Details(), "q=x") {
		t.Errorf("error leaks request details: %q / %q", err.Error(), e.Details())
	}
	if e.Message != "LogoDesk couldn't reach Bigin." {
		t.Errorf("message = %q", e.Message)
	}
}

func TestCancellationStopsRetries(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { zohoError(w, 500, "INTERNAL_ERROR") }))
	defer srv.Close()
	c := &Client{HTTP: srv.Client(), BaseURL: srv.URL, Vendor: Zoho, Service: "Zoho CRM", Tokens: StaticToken("t"),
		Retry: RetryPolicy{BaseDelay: 10 * time.Second, MaxDelay: 10 * time.Second, MaxTotal: time.Minute}}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Do(ctx, NewRequest("GET", "/x"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err=%v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancel took %v to take effect", d)
	}
}

func TestExpiredTokenIsRefreshedOnce(t *testing.T) {
	var seen []string
	var mu sync.Mutex
	c, _ := newTestClient(t, Zoho, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.Header.Get("Authorization") != "Zoho-oauthtoken tok2" {
			zohoError(w, 401, "INVALID_TOKEN")
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	if _, err := c.Do(context.Background(), NewRequest("GET", "/x")); err != nil {
		t.Fatal(err)
	}
	ft := c.Tokens.(*fakeTokens)
	if len(ft.invalidated) != 1 || ft.invalidated[0] != "tok1" || len(seen) != 2 {
		t.Fatalf("invalidated=%v seen=%v, want tok1 invalidated once and 2 calls", ft.invalidated, seen)
	}
}

func TestRejectedAfterRefreshIsSignIn(t *testing.T) {
	var calls atomic.Int32
	c, _ := newTestClient(t, Zoom, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(401)
		_, _ = w.Write([]byte(`{"code":124,"message":"Invalid access token."}`))
	}))
	_, err := c.Do(context.Background(), NewRequest("GET", "/users/me"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindSignIn || e.Code != "124" || calls.Load() != 2 {
		t.Fatalf("err=%v calls=%d, want KindSignIn code 124 after exactly one refresh", err, calls.Load())
	}
}

func TestTokenSourceErrorPassesThrough(t *testing.T) {
	sentinel := errors.New("sign in again")
	c, _ := newTestClient(t, Zoho, http.NotFoundHandler())
	c.Tokens = &fakeTokens{err: sentinel}
	if _, err := c.Do(context.Background(), NewRequest("GET", "/x")); !errors.Is(err, sentinel) {
		t.Fatalf("err=%v, want the token source's error", err)
	}
}

func TestZohoErrorWithSuccessStatusIsError(t *testing.T) {
	c, _ := newTestClient(t, Zoho, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"code":"NO_PERMISSION","details":{},"message":"photo uploaded successfully","status":"error"}`))
	}))
	_, err := c.Do(context.Background(), NewRequest("POST", "/x"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindPermission {
		t.Fatalf("err=%v: a body with status error must fail whatever its message says", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true}, {"120", 2 * time.Minute, true}, {" 5 ", 5 * time.Second, true},
		{"Wed, 25 Nov 2026 12:01:00 GMT", time.Minute, true},
		{"2026-11-25T12:00:30Z", 30 * time.Second, true},
		{"2026-11-25T11:00:00Z", 0, true}, // already past: no wait
		{"", 0, false}, {"soon", 0, false}, {"-3", 0, false},
	} {
		got, _, ok := ParseRetryAfter(tc.in, now)
		if ok != tc.ok || got != tc.want {
			t.Errorf("ParseRetryAfter(%q) = %v,%v want %v,%v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
