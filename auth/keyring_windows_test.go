//go:build windows

package auth

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/danieljoos/wincred"
)

const keyringChildEnv = "LOGODESK_TEST_CREDENTIAL_MANAGER"

// On Windows, KeyringStore must keep sign-ins in Credential Manager: written through
// LogoDesk, each one is a generic credential named "LogoDesk:<key>" that Windows'
// own credential API reads back. Other tests in this package replace the keyring
// with go-keyring's in-memory mock for the rest of the process, so the real check
// runs in a fresh copy of this test binary.
func TestKeyringIsWindowsCredentialManager(t *testing.T) {
	if os.Getenv(keyringChildEnv) == "1" {
		checkCredentialManager(t)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestKeyringIsWindowsCredentialManager$", "-test.v")
	cmd.Env = append(os.Environ(), keyringChildEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestKeyringIsWindowsCredentialManager") {
		t.Fatalf("Credential Manager check failed (%v):\n%s", err, out)
	}
}

func checkCredentialManager(t *testing.T) {
	if !KeyringAvailable() {
		t.Fatal("KeyringAvailable() = false on Windows; LogoDesk would fall back to a file")
	}
	key := "test/credential-manager-" + strconv.Itoa(os.Getpid())
	var s KeyringStore
	if err := s.Set(key, "secret é"); err != nil {
		t.Fatal(err)
	}
	cred, err := wincred.GetGenericCredential(KeyringService + ":" + key)
	if err != nil {
		s.Delete(key)
		t.Fatalf("written through KeyringStore, but not in Credential Manager: %v", err)
	}
	if got := string(cred.CredentialBlob); got != "secret é" {
		t.Errorf("Credential Manager holds %q", got)
	}
	if got, err := s.Get(key); err != nil || got != "secret é" {
		t.Errorf("Get = %q, %v", got, err)
	}
	if err := s.Delete(key); err != nil {
		t.Fatal(err)
	}
	if _, err := wincred.GetGenericCredential(KeyringService + ":" + key); err != syscall.ERROR_NOT_FOUND {
		t.Errorf("after Delete, Credential Manager answers %v; want ERROR_NOT_FOUND", err)
	}
}
