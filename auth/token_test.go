package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"logodesk/service/sandbox/tokens"
)

// Each vendor gets its client credentials the way it documents: Zoho in the body, Zoom
// in HTTP Basic auth (a public Zoom client: its client_id in the body), for the code
// exchange and the refresh alike, and never both ways at once.
func TestClientCredentialsPerVendor(t *testing.T) {
	e := newEnv(t)
	e.mustSignIn(Zoho)
	e.mustSignIn(Zoom)
	e.clock.Add(2 * time.Hour)
	e.token(Zoho)
	e.token(Zoom)
	if err := e.m.SetClientSettings(Zoom, ClientSettings{ID: testClientID}); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(2 * time.Hour)
	e.token(Zoom)

	e.mu.Lock()
	defer e.mu.Unlock()
	kinds := map[string]int{}
	for _, r := range e.tokenReqs {
		grant := r.form.Get("grant_type")
		bodyID, bodySecret := r.form.Get("client_id"), r.form.Get("client_secret")
		switch {
		case strings.Contains(r.path, "/zoho/"):
			if r.basic || bodyID != testClientID || bodySecret != testClientSecret {
				t.Errorf("Zoho %s: basic=%v body client_id=%q, secret sent=%v", grant, r.basic, bodyID, bodySecret != "")
			}
			kinds["zoho "+grant]++
		case r.basic:
			if r.basicUser != testClientID || bodyID != "" || bodySecret != "" {
				t.Errorf("Zoom %s: basic user %q, body client_id=%q, secret in body=%v", grant, r.basicUser, bodyID, bodySecret != "")
			}
			kinds["zoom basic "+grant]++
		default:
			if bodyID != testClientID || bodySecret != "" {
				t.Errorf("Zoom public %s: body client_id=%q, secret in body=%v", grant, bodyID, bodySecret != "")
			}
			kinds["zoom public "+grant]++
		}
	}
	for _, k := range []string{"zoho authorization_code", "zoho refresh_token", "zoom basic authorization_code", "zoom basic refresh_token", "zoom public refresh_token"} {
		if kinds[k] != 1 {
			t.Errorf("%d %s requests, want 1 (all: %v)", kinds[k], k, kinds)
		}
	}
}

// A refresh, once sent, finishes even if the caller gives up meanwhile: Zoom has rotated
// the refresh token by then, and losing the new one would sign the user out.
func TestRefreshFinishesAfterCallerGivesUp(t *testing.T) {
	e := newEnv(t)
	e.mustSignIn(Zoom)
	e.clock.Add(2 * time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	aborted := make(chan bool, 1)
	e.mu.Lock()
	e.beforeReply = func(r *http.Request) {
		if r.PostForm.Get("grant_type") != "refresh_token" {
			return
		}
		cancel() // the caller gives up after the server rotated the token
		select {
		case <-r.Context().Done(): // LogoDesk hung up: the rotated token is lost
			aborted <- true
		case <-time.After(time.Second): // waits for an abort that must not come
			aborted <- false
		}
	}
	e.mu.Unlock()
	_, err := e.m.TokenSource(Zoom).Token(ctx)
	noteErr(err)
	if <-aborted {
		t.Fatal("the refresh was abandoned when the caller gave up")
	}
	e.mu.Lock()
	e.beforeReply = nil
	e.mu.Unlock()
	e.token(Zoom) // the saved token is the fresh one
	e.clock.Add(2 * time.Hour)
	e.token(Zoom) // and the saved refresh token is the rotated one
	if n := e.acc.Refreshes(tokens.Zoom); n != 2 {
		t.Fatalf("%d refreshes, want 2", n)
	}
}

// A token endpoint that fails in other ways gives a typed, plain error that quotes
// nothing of the answer's body.
func TestTokenEndpointFailures(t *testing.T) {
	const leak = "body-text-that-must-not-leak-0123456789"
	noteSecret(leak)
	for _, c := range []struct {
		name, contentType, body string
		status                  int
		want                    string
	}{
		{"server error", "text/html", "<h1>" + leak + "</h1>", 500, "HTTP 500"},
		{"JSON error without a code", "application/json", `{"message":"` + leak + `"}`, 503, "HTTP 503"},
		{"not JSON", "application/json", leak, 200, "doesn't understand"},
		{"no access token", "application/json", `{"note":"` + leak + `"}`, 200, "doesn't understand"},
		{"rate limited", "application/json", `{"error":"Access Denied","error_description":"` + leak + `"}`, 200, "refused the request (Access Denied)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.mustSignIn(Zoho)
			e.clock.Add(2 * time.Hour)
			e.mu.Lock()
			e.answer = func(w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Type", c.contentType)
				w.WriteHeader(c.status)
				_, _ = io.WriteString(w, c.body)
				return true
			}
			e.mu.Unlock()
			_, err := e.m.TokenSource(Zoho).Token(context.Background())
			noteErr(err)
			if !errors.Is(err, ErrNetwork) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want ErrNetwork saying %q", err, c.want)
			}
			if _, ok := e.m.Account(Zoho); !ok {
				t.Error("a server fault signed the user out")
			}
		})
	}
	t.Run("unreachable", func(t *testing.T) {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		dead := "http://" + ln.Addr().String()
		ln.Close()
		e := newEnv(t)
		e.mustSignIn(Zoho)
		e.clock.Add(2 * time.Hour)
		sa, _ := e.m.loadAccount(Zoho)
		sa.AccountsURL = dead + "/accounts/zoho"
		if err := e.m.saveAccount(Zoho, sa); err != nil {
			t.Fatal(err)
		}
		m := e.manager(Options{Store: e.store, ConfigDir: e.dir, Sandbox: true, ZohoAccountsURL: sa.AccountsURL, Now: e.clock.Now,
			Getenv: func(string) string { return "" }, Log: func(s string) { captureOut("log: " + s) }})
		_, err = m.TokenSource(Zoho).Token(context.Background())
		noteErr(err)
		if !errors.Is(err, ErrNetwork) || !strings.Contains(err.Error(), "Could not reach Zoho") {
			t.Fatalf("err = %v", err)
		}
	})
}

// Zoho naming another API domain at refresh is followed when it is Zoho's own, refused otherwise.
func TestRefreshChecksZohoAPIDomain(t *testing.T) {
	e := newEnv(t)
	e.mustSignIn(Zoho)
	e.clock.Add(2 * time.Hour)
	e.mu.Lock()
	e.rewriteAPIDom = "https://www.zohoapis.eu"
	e.mu.Unlock()
	e.token(Zoho)
	if acct, _ := e.m.Account(Zoho); acct.APIDomain != "https://www.zohoapis.eu" {
		t.Fatalf("API domain after refresh: %q", acct.APIDomain)
	}
	e.clock.Add(2 * time.Hour)
	e.mu.Lock()
	e.rewriteAPIDom = "https://www.zohoapis.eu.evil.example"
	e.mu.Unlock()
	_, err := e.m.TokenSource(Zoho).Token(context.Background())
	noteErr(err)
	if !errors.Is(err, ErrUntrustedServer) {
		t.Fatalf("err = %v, want ErrUntrustedServer", err)
	}
}
