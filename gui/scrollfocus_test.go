package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// Tab onto a Restore button below the fold scrolls the page until it shows.
func TestFocusedRestoreScrollsIntoView(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	drop(u, writeTemp(t, "logo.png", sessiontest.PNG(120, 80)))
	tap(u, p.replaceB) // one version kept: a Restore button at the bottom of the page
	onUI(func() { u.win.Resize(fyne.NewSize(1000, 420)) })
	var b *focusButton
	onUI(func() {
		row := p.history.Objects[0].(*fyne.Container)
		b = row.Objects[len(row.Objects)-1].(*focusButton)
	})
	s := scrollHolding(u.win.Content(), b)
	if s == nil {
		t.Fatal("no scrolled page holds the Restore button")
	}
	visible := func() (top, bottom, btnTop, btnBottom float32) {
		onUI(func() {
			u.win.Content().Refresh()
			d := fyne.CurrentApp().Driver()
			top = d.AbsolutePositionForObject(s).Y
			bottom = top + s.Size().Height
			btnTop = d.AbsolutePositionForObject(b).Y
			btnBottom = btnTop + b.Size().Height
		})
		return
	}
	if top, bottom, bt, bb := visible(); bt >= top && bb <= bottom {
		t.Fatalf("the Restore button (%v–%v) is in view (%v–%v) already; the test needs it below the fold", bt, bb, top, bottom)
	}
	onUI(func() { u.win.Canvas().Focus(b) })
	if top, bottom, bt, bb := visible(); bt < top || bb > bottom {
		t.Fatalf("focused Restore button at %v–%v, page shows %v–%v", bt, bb, top, bottom)
	}
}
