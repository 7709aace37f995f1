package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/api"
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

// Each kept version shows a small preview and when it was kept; past five,
// "Show all" lists the rest.
func TestHistoryThumbnailsAndShowAll(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	acct, err := p.target.Account(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	slot := backup.Slot{Account: acct, Key: p.target.Key()}
	for i := 0; i < historyShown+2; i++ {
		pic := api.Photo{Present: true, MIME: "image/png", Bytes: sessiontest.PNG(40+i, 40)}
		if _, err := u.backups.Save(slot, pic, time.Now().Add(-time.Duration(i+1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	onUI(func() { u.crm.load() })
	u.waitIdle()
	rows := func() (versions int, more *widget.Button) {
		onUI(func() {
			for _, o := range p.history.Objects {
				row, ok := o.(*fyne.Container)
				if !ok {
					continue
				}
				if b, ok := row.Objects[0].(*widget.Button); ok && strings.HasPrefix(b.Text, "Show all") {
					more = b
					continue
				}
				img, _ := row.Objects[0].(*canvas.Image)
				label, _ := row.Objects[1].(*widget.Label)
				if img == nil || img.Image == nil || label == nil || !strings.HasPrefix(label.Text, "Kept on ") {
					t.Errorf("history row without a preview or a date: %#v", row.Objects)
				}
				versions++
			}
		})
		return
	}
	n, more := rows()
	if n != historyShown || more == nil || more.Text != fmt.Sprintf("Show all %d", historyShown+2) {
		t.Fatalf("%d versions listed, Show all button %v", n, more)
	}
	tap(u, more)
	if n, more = rows(); n != historyShown+2 || more != nil {
		t.Fatalf("after Show all: %d versions listed, button %v", n, more)
	}
}
