package gui

import (
	"errors"
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
	if err := saveForm(u, f); err != nil {
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

// saveForm presses Save's logic and waits for its answer.
func saveForm(u *UI, f *settingsForm) error {
	var got error
	onUI(func() { f.save(func(err error) { got = err }) })
	u.waitIdle()
	return got
}

// failingAccounts is the real sign-in store, except that its nth client write fails.
type failingAccounts struct {
	Accounts
	failOn, writes int
}

func (a *failingAccounts) SetClientSettings(p Provider, c ClientSettings) error {
	a.writes++
	if a.writes == a.failOn {
		return errors.New("the keyring is locked")
	}
	return a.Accounts.SetClientSettings(p, c)
}

// Settings saves all its fields or none: a failed write undoes the earlier ones,
// and a field that can't be saved stops the save before anything is written.
func TestSettingsSaveAllOrNothing(t *testing.T) {
	sess, err := session.Open(session.Config{Getenv: func(string) string { return "" }, Store: session.NewMemoryStore(), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	u := newTestUI(t, sess)
	real := u.env.Accounts
	if err := real.SetClientSettings(Zoho, ClientSettings{ID: "old-zoho"}); err != nil {
		t.Fatal(err)
	}
	failing := &failingAccounts{Accounts: real, failOn: 2}
	onUI(func() { u.env.Accounts = failing })
	oldDir := u.backups.Dir
	newDir := t.TempDir()
	fill := func(f *settingsForm, backups string) {
		onUI(func() {
			f.dc.SetSelectedIndex(indexOf(f.dcCodes, "eu"))
			f.zohoID.SetText("new-zoho")
			f.zoomID.SetText("new-zoom")
			f.backups.SetText(backups)
		})
	}
	unchanged := func(when string) {
		t.Helper()
		if cs := real.ClientSettings(Zoho); cs.ID != "old-zoho" {
			t.Errorf("%s: Zoho client is %+v, want the old one back", when, cs)
		}
		if cs := real.ClientSettings(Zoom); cs.ID != "" {
			t.Errorf("%s: Zoom client is %+v, want none", when, cs)
		}
		if u.backups.Dir != oldDir || u.app.Preferences().String(prefBackupDir) != "" || u.app.Preferences().String(prefZohoDC) != "" {
			t.Errorf("%s: preferences written: backups %q (%q), data centre %q", when, u.backups.Dir,
				u.app.Preferences().String(prefBackupDir), u.app.Preferences().String(prefZohoDC))
		}
	}

	// The second keyring write (Zoom) fails: the first (Zoho) is put back.
	var f *settingsForm
	d := u.loadSettings()
	onUI(func() { f = u.newSettingsForm(d) })
	fill(f, newDir)
	if err := saveForm(u, f); err == nil {
		t.Fatal("the save reported success although the keyring refused")
	}
	unchanged("after a failed write")
	if !strings.Contains(f.problem.Text, "keyring is locked") || f.zohoID.Text != "new-zoho" {
		t.Errorf("the form says %q and keeps %q; want the reason and what was typed", f.problem.Text, f.zohoID.Text)
	}

	// A backup folder that is a file: nothing at all is written.
	failing.failOn, failing.writes = 0, 0
	file := writeTemp(t, "not-a-folder", []byte("x"))
	fill(f, file)
	if err := saveForm(u, f); err == nil || failing.writes != 0 {
		t.Fatalf("save with a file as backup folder: err %v, %d keyring writes", err, failing.writes)
	}
	unchanged("after a refused folder")
	if !strings.Contains(f.problem.Text, "not a folder") {
		t.Errorf("the form says %q", f.problem.Text)
	}

	// Everything fine: everything saved.
	fill(f, newDir)
	if err := saveForm(u, f); err != nil {
		t.Fatal(err)
	}
	if real.ClientSettings(Zoho).ID != "new-zoho" || real.ClientSettings(Zoom).ID != "new-zoom" || u.backups.Dir != newDir ||
		u.app.Preferences().String(prefZohoDC) != "eu" {
		t.Errorf("after a good save: zoho %+v zoom %+v backups %q dc %q", real.ClientSettings(Zoho), real.ClientSettings(Zoom),
			u.backups.Dir, u.app.Preferences().String(prefZohoDC))
	}
}
