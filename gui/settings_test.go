package gui

import (
	"strings"
	"testing"

	"logodesk/session"
)

func TestSettingsSaveClientsDataCentreAndBackupFolder(t *testing.T) {
	// Not the sandbox: there the sandbox's own client overrides whatever is saved.
	sess, err := session.Open(session.Config{Getenv: func(string) string { return "" }, Store: session.NewMemoryStore(), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	u := newTestUI(t, sess)
	var f *settingsForm
	onUI(func() { f = u.newSettingsForm() })
	// The form shows the redirect URIs an admin must paste, and where sign-ins are kept.
	if got := u.env.Accounts.RedirectURI(Zoho); !strings.HasPrefix(got, "http://127.0.0.1:") || !strings.HasSuffix(got, "/callback/zoho") {
		t.Fatalf("Zoho redirect URI %q", got)
	}
	if f.dc == nil || len(f.dcCodes) < 9 {
		t.Fatalf("data centres offered: %v", f.dcCodes)
	}
	dir := t.TempDir()
	onUI(func() {
		f.dc.SetSelectedIndex(indexOf(f.dcCodes, "eu"))
		f.zohoID.SetText("  1000.ABCDEF  ")
		f.zohoSec.SetText("s3cret")
		f.zoomID.SetText("zoom-client")
		f.backups.SetText(dir)
	})
	if f.zohoSec.Password != true {
		t.Error("the client secret is typed in the clear")
	}
	var err2 error
	onUI(func() { err2 = f.save() })
	if err2 != nil {
		t.Fatal(err2)
	}
	if cs := u.env.Accounts.ClientSettings(Zoho); cs.ID != "1000.ABCDEF" || cs.Secret != "s3cret" {
		t.Errorf("Zoho client saved as %+v", cs)
	}
	if cs := u.env.Accounts.ClientSettings(Zoom); cs.ID != "zoom-client" || cs.Secret != "" {
		t.Errorf("Zoom client saved as %+v", cs)
	}
	if got := u.app.Preferences().String(prefZohoDC); got != "eu" {
		t.Errorf("data centre preference %q", got)
	}
	if u.backups.Dir != dir || u.app.Preferences().String(prefBackupDir) != dir {
		t.Errorf("backup folder %q / %q, want %q", u.backups.Dir, u.app.Preferences().String(prefBackupDir), dir)
	}
	// Reopening shows what was saved.
	onUI(func() { f = u.newSettingsForm() })
	if f.zohoID.Text != "1000.ABCDEF" || f.dcCodes[f.dc.SelectedIndex()] != "eu" {
		t.Errorf("reopened: id %q dc %v", f.zohoID.Text, f.dc.SelectedIndex())
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if strings.EqualFold(v, s) {
			return i
		}
	}
	return -1
}
