package auth_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"

	"logodesk/auth"
	"logodesk/session"
)

// The port-in-use message tells the user to set an environment variable: it must be the
// one session.Open really reads, and setting it must move the redirect URI.
func TestPortInUseNamesTheVariableSessionReads(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	env := map[string]string{session.EnvZohoPort: strconv.Itoa(port), "LOGODESK_ZOHO_CLIENT_ID": "logodesk-test"}
	sess, err := session.Open(session.Config{Getenv: func(k string) string { return env[k] }, Store: session.NewMemoryStore(), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	m := sess.Auth()
	if got, want := m.RedirectURI(auth.Zoho), "http://127.0.0.1:"+strconv.Itoa(port)+"/callback/zoho"; got != want {
		t.Fatalf("%s=%d: redirect URI %s, want %s", session.EnvZohoPort, port, got, want)
	}
	_, err = m.SignIn(context.Background(), auth.Zoho, "", nil)
	if !errors.Is(err, auth.ErrPortInUse) {
		t.Fatalf("err = %v, want ErrPortInUse", err)
	}
	if !strings.Contains(err.Error(), session.EnvZohoPort) {
		t.Errorf("message %q doesn't name %s", err, session.EnvZohoPort)
	}
}
