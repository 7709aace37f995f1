package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"logodesk/service/backup"
	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// historyText is what the history area says, line by line.
func historyText(p *photoPanel) string {
	var lines []string
	onUI(func() {
		for _, o := range p.history.Objects {
			if l, ok := o.(*widget.Label); ok {
				lines = append(lines, l.Text)
			}
		}
	})
	return strings.Join(lines, "\n")
}

// A backup folder that can't be read is said so, not shown as "None yet".
func TestUnreadableBackupFolderIsSaid(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	if got := historyText(p); !strings.Contains(got, "None yet") {
		t.Fatalf("history with an empty folder says %q", got)
	}
	// A file where the folder should be: reading it fails (as root, a chmod would not).
	notAFolder := writeTemp(t, "backups", []byte("x"))
	onUI(func() {
		u.backups = &backup.Store{Dir: notAFolder}
		u.crm.load()
	})
	u.waitIdle()
	got := historyText(p)
	if !strings.Contains(got, "LogoDesk can't read the folder of kept copies: ") || strings.Contains(got, "None yet") {
		t.Fatalf("history with an unreadable folder says %q", got)
	}
	if p.current.shown() == nil {
		t.Error("the current logo is no longer shown because of the backup folder")
	}
}
