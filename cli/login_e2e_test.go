package cli_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMain lets the test binary double as a scripted web browser: BROWSER points
// at it, and it opens the sign-in page, clicks Allow (or Deny) on the sandbox's
// consent form and follows the redirect back to LogoDesk, as a person would.
func TestMain(m *testing.M) {
	if decision := os.Getenv("LOGODESK_TEST_BROWSER"); decision != "" {
		if err := browse(os.Args[len(os.Args)-1], decision); err != nil {
			fmt.Fprintln(os.Stderr, "test browser:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

func browse(page, decision string) error {
	resp, err := http.Get(page)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	form := url.Values{"decision": {decision}, "user": {"admin"}}
	for _, m := range hiddenInput.FindAllStringSubmatch(string(body), -1) {
		form.Set(m[1], htmlUnescape(m[2]))
	}
	if form.Get("state") == "" {
		return fmt.Errorf("no consent form at %s (status %d)", resp.Request.URL.Path, resp.StatusCode)
	}
	// Posting the form redirects to LogoDesk's loopback listener; the client follows it.
	resp, err = http.PostForm(resp.Request.URL.String(), form)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	done, _ := io.ReadAll(resp.Body)
	fmt.Println(string(done))
	return nil
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestBinaryLoginWhoamiLogout(t *testing.T) {
	e := startSandbox(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	e.without("LOGODESK_ZOHO_TOKEN=")
	e.without("LOGODESK_ZOOM_TOKEN=")
	e.env = append(e.env, "BROWSER="+self, "LOGODESK_TEST_BROWSER=allow", "LOGODESK_ZOHO_PORT="+strings.Split(freeAddr(t), ":")[1])

	e.fails(1, "not signed in to Zoho", "crm", "org")
	out := e.ok("login", "zoho")
	if !strings.Contains(out, "Signed in to Zoho as Ava Admin") {
		t.Fatalf("login zoho: %q", out)
	}
	if !strings.Contains(out, "http://127.0.0.1:") || strings.Contains(out, "code_verifier") {
		t.Errorf("login should show the sign-in address to copy, and no verifier: %q", out)
	}
	out = e.ok("login", "zoom")
	if !strings.Contains(out, "Signed in to Zoom") {
		t.Fatalf("login zoom: %q", out)
	}
	if out := e.ok("whoami"); !strings.Contains(out, "Zoho: signed in as Ava Admin") || !strings.Contains(out, "Zoom: signed in") {
		t.Errorf("whoami: %q", out)
	}
	// The stored sign-in now serves the API calls, with no token in the environment.
	if out := e.ok("crm", "org"); !strings.Contains(out, "Zylker") {
		t.Errorf("crm org after login: %q", out)
	}
	e.ok("zoom", "user")
	// Sandbox sign-ins are kept apart from real ones, in a file only the user can read.
	files, _ := filepath.Glob(filepath.Join(e.home, ".config", "LogoDesk", "sandbox", "*"))
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s is readable by others: %v", f, fi.Mode())
		}
	}

	e.ok("logout", "zoho")
	if out := e.ok("whoami"); !strings.Contains(out, "Zoho: not signed in") {
		t.Errorf("whoami after logout: %q", out)
	}
	e.fails(1, "not signed in to Zoho", "crm", "org")

	// Deny on the consent page fails plainly.
	e.env = append(e.env, "LOGODESK_TEST_BROWSER=deny")
	e.fails(1, "chose not to let LogoDesk use your Zoho account", "login", "zoho")
	e.fails(2, "expects zoho or zoom", "login", "slack")
}

func TestBinaryLoginNeedsClientWhenNotInteractive(t *testing.T) {
	e := startSandbox(t)
	e.without("LOGODESK_ZOHO_CLIENT_ID=")
	e.fails(1, "LOGODESK_ZOHO_CLIENT_ID", "login", "zoho")
}
