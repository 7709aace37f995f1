package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"logodesk/session/sessiontest"
)

func TestBinaryBiginOrgLogo(t *testing.T) {
	e := startSandbox(t)
	if out := e.ok("bigin", "org"); !strings.Contains(out, "Zylker") || !strings.Contains(out, "no logo") {
		t.Errorf("bigin org: %q", out)
	}
	got := filepath.Join(t.TempDir(), "got.png")
	if out := e.ok("bigin", "get-org-logo", "-o", got); !strings.Contains(out, "No photo") {
		t.Errorf("get-org-logo without a logo: %q", out)
	}

	// No logo yet: nothing to keep, so no --no-backup needed. A large picture is fitted to 1 MB.
	big := e.file("big.png", sessiontest.NoisyPNG(1200, 900, 3))
	if out := e.ok("bigin", "set-org-logo", big); !strings.Contains(out, "1 MB") || !strings.Contains(out, "Uploaded") {
		t.Errorf("set-org-logo: %q", out)
	}
	if out := e.ok("bigin", "org"); !strings.Contains(out, "logo set") {
		t.Errorf("bigin org after upload: %q", out)
	}

	// Now a logo is set that Bigin won't hand out: replacing it needs --no-backup, and nothing is sent without it.
	logo := e.file("logo.png", sessiontest.PNG(300, 100))
	e.fails(1, "--no-backup", "bigin", "set-org-logo", logo)
	e.fails(1, "doesn't let apps download it", "bigin", "get-org-logo", "-o", got)
	if _, err := os.Stat(got); err == nil {
		t.Error("get-org-logo wrote a file")
	}
	if out := e.ok("bigin", "set-org-logo", "--no-backup", logo); !strings.Contains(out, "Uploaded") {
		t.Errorf("set-org-logo --no-backup: %q", out)
	}
	e.fails(2, "unknown command", "bigin", "delete-org-logo")
}
