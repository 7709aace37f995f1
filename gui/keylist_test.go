package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// The Bigin record list is reached with Tab from the search field; the arrow
// keys move in it and Enter opens the record highlighted.
func TestBiginListByKeyboard(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 1)
	b := u.bigin
	if len(b.records) < 3 || b.selectedRow != 0 {
		t.Fatalf("records %d, selected %d", len(b.records), b.selectedRow)
	}
	reached := false
	onUI(func() {
		c := u.win.Canvas()
		c.Focus(b.search)
		for range 5 {
			c.FocusNext()
			if c.Focused() == b.list {
				reached = true
				break
			}
		}
	})
	if !reached {
		t.Fatal("Tab from the search field does not reach the record list")
	}
	onUI(func() {
		for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyReturn} {
			u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
		}
	})
	u.waitIdle()
	if b.selectedRow != 2 || b.panel.owner != b.records[2].Name {
		t.Fatalf("after Down, Down, Enter: row %d selected, panel for %q", b.selectedRow, b.panel.owner)
	}
}
