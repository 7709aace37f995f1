package gui

import (
	"net/url"
	"path/filepath"
	"testing"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// "Open backups folder" asks the system to show the folder of the slot's kept
// copies; it is offered once there is something in it.
func TestOpenBackupsFolder(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	var asked []*url.URL
	u.openURL = func(l *url.URL) error { asked = append(asked, l); return nil }
	p := u.crm.panel
	if p.openFolderB.Visible() {
		t.Fatal("Open backups folder is offered before anything was kept")
	}
	drop(u, writeTemp(t, "logo.png", sessiontest.PNG(120, 80)))
	tap(u, p.replaceB)
	if len(p.entries) != 1 || !p.openFolderB.Visible() {
		t.Fatalf("after Replace: %d kept, button visible %v", len(p.entries), p.openFolderB.Visible())
	}
	tap(u, p.openFolderB)
	if len(asked) != 1 || asked[0].Scheme != "file" || filepath.Clean(asked[0].Path) != filepath.Dir(p.entries[0].Path) {
		t.Fatalf("asked to open %v, want file://%s", asked, filepath.Dir(p.entries[0].Path))
	}
}
