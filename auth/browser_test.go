package auth

import (
	"context"
	"errors"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/zalando/go-keyring"

	"logodesk/service/api"
	"logodesk/service/crm"
	"logodesk/service/sandbox"
	"logodesk/service/zoom"
)

const chromiumPath = "/usr/bin/chromium"

// needChromium skips when Debian's chromium is missing, except in CI, where the sign-in
// test must run: there a missing browser fails the test.
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if ci := strings.ToLower(os.Getenv("CI")); ci != "" && ci != "false" && ci != "0" {
			t.Fatalf("CI is set but %s is missing: the browser sign-in test must run in CI (make test installs Debian's chromium)", chromiumPath)
		}
		t.Skipf("skipping the real-browser sign-in test: %s is not installed (apt-get install chromium, or run make test)", chromiumPath)
	}
}

// sandboxRoot serves the whole sandbox (APIs and accounts servers) on loopback.
func sandboxRoot(t *testing.T) (root string, sb *sandbox.Server) {
	t.Helper()
	sb = sandbox.New(sandbox.Options{})
	rec := httptest.NewRecorder()
	sb.ServeHTTP(rec, httptest.NewRequest("POST", "/accounts/zoho/oauth/v2/token", nil))
	if rec.Code == http.StatusNotFound {
		t.Fatal("the sandbox doesn't mount the accounts servers under ROOT/accounts")
	}
	run, err := sandbox.Start("127.0.0.1:0", (&env{t: t}).recordSecrets(sb))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run.Close() })
	return run.URL, sb
}

// TestBrowserSignIn drives Debian's chromium, headless, through the whole sign-in on the
// sandbox's consent pages (Allow for Zoho and Zoom, Deny once), then calls the sandbox's
// APIs through the service layer with the tokens, including one refresh after the API
// refuses an expired token.
func TestBrowserSignIn(t *testing.T) {
	needChromium(t)
	root, sb := sandboxRoot(t)

	keyring.MockInit() // the manager below uses the (in-memory) OS keyring
	if !KeyringAvailable() {
		t.Fatal("the mock keyring isn't seen as available")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("chromium didn't start: %v", err)
	}

	env := map[string]string{"LOGODESK_ZOHO_CLIENT_ID": "logodesk-sandbox", "LOGODESK_ZOOM_CLIENT_ID": "logodesk-sandbox"}
	m, err := NewManager(Options{
		ConfigDir:       t.TempDir(),
		ZohoAccountsURL: root + "/accounts/zoho",
		ZoomAccountsURL: root + "/accounts/zoom",
		ZoomAPIURL:      root + "/zoom/v2",
		Sandbox:         true,
		ZohoPort:        freePort(t),
		Getenv:          func(k string) string { return env[k] },
		Log:             func(s string) { captureOut("log: " + s) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.UsingFileFallback() {
		t.Fatal("file fallback chosen though a keyring is available")
	}
	m.tamperVerifier = func(v string) string { noteSecret(v); return v }

	// click runs one sign-in in a new tab, clicking button (#allow or #deny), and returns
	// the heading of the page the loopback listener showed.
	click := func(p Provider, button string) (Account, string, error) {
		tab, closeTab := chromedp.NewContext(browser)
		defer closeTab()
		done := make(chan error, 1)
		var heading string
		m.opts.OpenBrowser = func(u string) error {
			go func() {
				err := chromedp.Do(tab,
					chromedp.Navigate(u),
					chromedp.WaitVisible(chromedp.CSS(button)),
					chromedp.Click(chromedp.CSS(button)),
					chromedp.WaitVisible(chromedp.CSS("#result")),
				)
				if err == nil {
					heading, err = chromedp.Run(tab, chromedp.Text(chromedp.CSS("#result")))
				}
				done <- err
			}()
			return nil
		}
		var shown string
		acct, err := m.SignIn(ctx, p, "", func(u string) { shown = u })
		noteErr(err)
		if berr := <-done; berr != nil {
			t.Fatalf("%s: browser: %v", p, berr)
		}
		if !strings.Contains(shown, "code_challenge_method=S256") {
			t.Errorf("%s: the shown sign-in address has no S256 challenge", p)
		}
		return acct, html.UnescapeString(heading), err
	}

	// Zoho: Allow.
	acct, heading, err := click(Zoho, "#allow")
	if err != nil {
		t.Fatalf("Zoho sign-in: %v", err)
	}
	if heading != "You're signed in to Zoho. You can close this tab." {
		t.Errorf("Zoho page: %q", heading)
	}
	if acct.Email != "admin@zylker.example" || acct.APIDomain != root+"/zoho" || acct.ContractsURL != root+"/contracts" {
		t.Errorf("Zoho account: %+v", acct)
	}
	if v, err := keyring.Get(KeyringService, keyRefresh(Zoho)); err != nil || v == "" {
		t.Error("the Zoho refresh token isn't in the keyring")
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	crmc := crm.New(&api.Client{HTTP: hc, BaseURL: acct.APIDomain, Vendor: api.Zoho, Service: "Zoho CRM", Tokens: m.TokenSource(Zoho)})
	if _, err := crmc.Org(ctx); err != nil {
		t.Fatalf("CRM org with the signed-in token: %v", err)
	}
	// The API refuses an expired token: the API core invalidates it, we refresh, it retries.
	tok, _ := m.TokenSource(Zoho).Token(ctx)
	sb.Tokens().Expire(tok)
	if _, err := crmc.Org(ctx); err != nil {
		t.Fatalf("CRM org after the token expired at the server: %v", err)
	}
	if tok2, _ := m.TokenSource(Zoho).Token(ctx); tok2 == tok {
		t.Error("the refused token is still handed out")
	}

	// Zoom: Allow (public client: PKCE, no secret).
	acct, heading, err = click(Zoom, "#allow")
	if err != nil {
		t.Fatalf("Zoom sign-in: %v", err)
	}
	if heading != "You're signed in to Zoom. You can close this tab." {
		t.Errorf("Zoom page: %q", heading)
	}
	if acct.Email != "admin@zylker.example" || acct.Name == "" {
		t.Errorf("Zoom account: %+v", acct)
	}
	zc := zoom.New(&api.Client{HTTP: hc, BaseURL: root + "/zoom/v2", Vendor: api.Zoom, Service: "Zoom", Tokens: m.TokenSource(Zoom)})
	if u, err := zc.User(ctx, "me"); err != nil || u.Email != "admin@zylker.example" {
		t.Fatalf("Zoom user me with the signed-in token: %+v %v", u, err)
	}

	// Deny.
	if err := m.SignOut(ctx, Zoom); err != nil {
		t.Fatal(err)
	}
	_, heading, err = click(Zoom, "#deny")
	if !errors.Is(err, ErrDenied) {
		t.Fatalf("Deny: err = %v", err)
	}
	if heading != "LogoDesk was not allowed access" {
		t.Errorf("Deny page: %q", heading)
	}
	if _, ok := m.Account(Zoom); ok {
		t.Error("signed in to Zoom after Deny")
	}
	if err := m.SignOut(ctx, Zoho); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(KeyringService, keyRefresh(Zoho)); !errors.Is(err, keyring.ErrNotFound) {
		t.Error("the Zoho refresh token is still in the keyring after sign-out")
	}
}
