package cli_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// requests returns the sandbox's request counters and resets them.
func (e *e2e) requests() map[string]int {
	e.t.Helper()
	resp, err := http.Get(e.root + "/_sandbox/requests")
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var counts map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&counts); err != nil {
		e.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodDelete, e.root+"/_sandbox/requests", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	return counts
}

func (e *e2e) fault(json string) {
	e.t.Helper()
	resp, err := http.Post(e.root+"/_sandbox/faults", "application/json", strings.NewReader(json))
	if err != nil || resp.StatusCode >= 300 {
		e.t.Fatalf("inject fault: %v %v", resp, err)
	}
	resp.Body.Close()
}

func (e *e2e) crmLogo() []byte {
	e.t.Helper()
	p := filepath.Join(e.t.TempDir(), "crm.img")
	e.ok("crm", "get-logo", "-o", p)
	return read(e.t, p)
}

func TestBinaryApply(t *testing.T) {
	e := startSandbox(t)
	logo := e.file("logo.png", sessiontest.PNG(400, 200))

	// A dry run fits and explains, and sends nothing at all.
	e.requests()
	out := e.ok("apply", "--dry-run", logo)
	if n := len(e.requests()); n != 0 {
		t.Errorf("--dry-run made %d kinds of request", n)
	}
	for _, want := range []string{"Zoho CRM organization logo: would send 400×200 PNG", "Bigin organization logo: would send 400×200 PNG",
		"Zoho Contracts: not sent. Zoho Contracts doesn't let apps change its logo", "Nothing was sent (dry run)."} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Zoom") {
		t.Errorf("Zoom is in the default targets:\n%s", out)
	}

	// Every service, Zoom named: all succeed.
	out = e.ok("apply", logo, "--to", "crm,bigin,zoom")
	if !strings.Contains(out, "Zoom profile picture (yours): sent 400×200 PNG") || !strings.Contains(out, "Logo applied to Zoho CRM, Bigin and Zoom.") ||
		!strings.Contains(out, "Undo can't take this one away: Bigin doesn't let apps remove its logo") {
		t.Errorf("apply output:\n%s", out)
	}
	if !bytes.Equal(e.crmLogo(), read(t, logo)) {
		t.Error("Zoho CRM doesn't show the logo sent")
	}

	// Undo: CRM and Zoom are back; Bigin had no logo and apps can't remove one, so undo says so and fails.
	out, errOut, code := e.run("apply", "--undo")
	if code != 1 || !strings.Contains(out, "Zoho CRM: put back the previous picture.") || !strings.Contains(out, "Zoom: put back the previous picture.") ||
		!strings.Contains(errOut, "Bigin is not back: Bigin doesn't let apps remove its logo") {
		t.Fatalf("undo: exit %d\n%s\n%s", code, out, errOut)
	}
	if !bytes.Equal(e.crmLogo(), sandbox.DemoLogoPNG()) {
		t.Error("Zoho CRM's logo is not back byte for byte")
	}

	// One service fails (Zoom asks for an hour's pause): the other still gets the logo, exit 1.
	e.fault(`{"method":"POST","path_prefix":"/zoom/v2/users/","kind":"rate_limit","retry_after":"3600"}`)
	second := e.file("second.png", sessiontest.PNG(300, 300))
	out, errOut, code = e.run("apply", second, "--to", "crm,zoom")
	if code != 1 || !strings.Contains(out, "Zoho CRM organization logo: sent") || !strings.Contains(out, "Zoom profile picture (yours): failed.") ||
		!strings.Contains(errOut, "Logo applied to 1 of 2 services; Zoom failed: ") {
		t.Fatalf("partial failure: exit %d\n%s\n%s", code, out, errOut)
	}
	if !bytes.Equal(e.crmLogo(), read(t, second)) {
		t.Error("Zoho CRM didn't get the logo although only Zoom failed")
	}
	// Undo takes back only what that apply changed, and then everything is as it was.
	if out := e.ok("apply", "--undo"); !strings.Contains(out, "Zoho CRM is back as before.") || strings.Contains(out, "Zoom") {
		t.Errorf("undo:\n%s", out)
	}
	if !bytes.Equal(e.crmLogo(), sandbox.DemoLogoPNG()) {
		t.Error("Zoho CRM's logo is not back byte for byte")
	}
	if out := e.ok("apply", "--undo"); !strings.Contains(out, "nothing to undo") {
		t.Errorf("second undo: %q", out)
	}

	// Bigin kept the first logo (apps can't remove it) and won't hand it out: replacing it needs --no-backup.
	out, _, code = e.run("apply", second, "--to", "bigin")
	if code != 1 || !strings.Contains(out, "can't keep a copy of it. Run it again with --no-backup") {
		t.Fatalf("bigin without --no-backup: exit %d\n%s", code, out)
	}
	if out := e.ok("apply", second, "--to", "bigin", "--no-backup"); !strings.Contains(out, "Logo applied to Bigin.") {
		t.Errorf("bigin with --no-backup:\n%s", out)
	}

	e.fails(2, "one image file", "apply")
	e.fails(2, "unknown service", "apply", logo, "--to", "crm,slack")
	e.fails(1, "not an image", "apply", e.file("fake.png", []byte("%PDF-1.7")))
	e.without("LOGODESK_ZOHO_TOKEN=")
	e.fails(1, "not signed in to Zoho", "apply", logo)
}
