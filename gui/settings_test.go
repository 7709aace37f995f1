package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	d := u.loadSettings() // off the UI goroutine, as the dialog does
	onUI(func() { f = u.newSettingsForm(d) })
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
	var clients map[Provider]ClientSettings
	onUI(func() { f.savePrefs(); clients = f.clients() })
	if err := f.saveClients(clients); err != nil {
		t.Fatal(err)
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
	d = u.loadSettings()
	onUI(func() { f = u.newSettingsForm(d) })
	if f.zohoID.Text != "1000.ABCDEF" || f.dcCodes[f.dc.SelectedIndex()] != "eu" {
		t.Errorf("reopened: id %q dc %v", f.zohoID.Text, f.dc.SelectedIndex())
	}
}

func TestSettingsDialogOpensWithoutBlockingAndCancels(t *testing.T) {
	sess, err := session.Open(session.Config{Getenv: func(string) string { return "" }, Store: session.NewMemoryStore(), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	u := newTestUI(t, sess)
	onUI(u.showSettings)
	u.waitIdle()
	var open bool
	onUI(func() { open = u.win.Canvas().Overlays().Top() != nil && u.settingsOpen })
	if !open {
		t.Fatal("Settings did not open")
	}
	onUI(u.showSettings) // a second click while open does nothing
	u.waitIdle()
	var cancel *widget.Button
	onUI(func() {
		for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Cancel" {
				cancel = b
			}
		}
	})
	if cancel == nil {
		t.Fatal("no Cancel button")
	}
	tap(u, cancel)
	if u.settingsOpen || u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Settings still open after Cancel")
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
