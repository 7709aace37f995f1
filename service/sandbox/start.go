package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Running is a sandbox listening on loopback.
type Running struct {
	// URL is ROOT, e.g. "http://127.0.0.1:8765" (no trailing slash).
	URL string
	srv *http.Server
	ln  net.Listener
}

// Start serves h (usually a *Server) on addr, which must be a loopback address:
// "127.0.0.1:8765", "localhost:0", ":8765" or "" (both mean 127.0.0.1). Tests pass
// "127.0.0.1:0" for a free port. It returns once the listener is open.
func Start(addr string, h http.Handler) (*Running, error) {
	host, port, err := net.SplitHostPort(addr)
	if addr == "" {
		host, port, err = "", "0", nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox address %q: %w", addr, err)
	}
	switch host {
	case "", "localhost", "127.0.0.1":
		host = "127.0.0.1"
	default:
		return nil, fmt.Errorf("sandbox address %q: the sandbox listens on 127.0.0.1 only", addr)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = err // the listener was closed under us; Close reports nothing more useful
		}
	}()
	return &Running{URL: "http://" + ln.Addr().String(), srv: srv, ln: ln}, nil
}

// Close stops the listener and closes every connection at once.
func (r *Running) Close() error { return r.srv.Close() }

// Shutdown stops accepting connections and waits for requests in flight, until ctx ends.
func (r *Running) Shutdown(ctx context.Context) error { return r.srv.Shutdown(ctx) }

// ZohoAPI is the base URL standing for the Zoho API domain (https://www.zohoapis.com).
func (r *Running) ZohoAPI() string { return r.URL + "/zoho" }

// ContractsAPI is the base URL standing for https://contracts.zoho.com.
func (r *Running) ContractsAPI() string { return r.URL + "/contracts" }

// ZoomAPI is the base URL standing for https://api.zoom.us/v2.
func (r *Running) ZoomAPI() string { return r.URL + "/zoom/v2" }

// ZohoAccounts is the base URL standing for https://accounts.zoho.com.
func (r *Running) ZohoAccounts() string { return r.URL + "/accounts/zoho" }

// ZoomAccounts is the base URL standing for https://zoom.us (OAuth).
func (r *Running) ZoomAccounts() string { return r.URL + "/accounts/zoom" }
