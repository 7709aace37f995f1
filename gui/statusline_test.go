package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// historyTop is where the history area starts in the window, laid out as the
// next frame would be.
func historyTop(u *UI, p *photoPanel) float32 {
	var y float32
	onUI(func() {
		u.win.Content().Refresh()
		y = fyne.CurrentApp().Driver().AbsolutePositionForObject(p.historyBox).Y
	})
	return y
}

// Being busy shows in the status line, which is always there: the page below
// it does not jump when a step starts or ends.
func TestBusyDoesNotMoveThePage(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	held := newHeldFitter()
	u.env.Images = held
	p := u.crm.panel
	idle := historyTop(u, p)

	go drop(u, writeTemp(t, "logo.png", sessiontest.PNG(300, 200)))
	<-held.started
	var busy bool
	onUI(func() { busy = p.busy && p.spinner.Visible() })
	if !busy {
		t.Error("no spinner while fitting")
	}
	if y := historyTop(u, p); y != idle {
		t.Errorf("the history area moved from y=%v to y=%v when fitting started", idle, y)
	}
	held.release <- nil
	u.waitIdle()
	if p.spinner.Visible() {
		t.Error("the spinner still shows after the fit")
	}
	// The words go back to where they were once the spinner is hidden.
	var x float32
	onUI(func() { x = p.status.Position().X })
	if x != 0 {
		t.Errorf("the status line still starts %v points in after the spinner went", x)
	}
}
