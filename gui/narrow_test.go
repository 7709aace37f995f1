package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// LogoDesk fits a 640×480 window: no tab asks for more width, and a photo
// panel too narrow for its two previews side by side puts New below Current.
func TestUsableAt640x480(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newBrandTestUI(t, e.Session)
	onUI(func() { u.win.Resize(fyne.NewSize(640, 480)) })
	for i := range u.list {
		selectTab(u, i)
		var min fyne.Size
		onUI(func() { min = u.win.Content().MinSize() })
		if min.Width > 640 || min.Height > 480 {
			t.Errorf("tab %d asks for %v, more than 640×480", i, min)
		}
	}
	selectTab(u, 2) // Bigin: the record list takes part of the width
	p := u.bigin.panel
	var cur, next fyne.Position
	onUI(func() {
		u.win.Content().Refresh()
		d := fyne.CurrentApp().Driver()
		cur, next = d.AbsolutePositionForObject(p.current.content), d.AbsolutePositionForObject(p.dropBox)
	})
	if next.Y <= cur.Y {
		t.Errorf("at 640 wide the New slot (y=%v) is not below the current picture (y=%v)", next.Y, cur.Y)
	}
	onUI(func() {
		u.win.Resize(fyne.NewSize(1200, 800))
		u.win.Content().Refresh()
		d := fyne.CurrentApp().Driver()
		cur, next = d.AbsolutePositionForObject(p.current.content), d.AbsolutePositionForObject(p.dropBox)
	})
	if next.Y != cur.Y || next.X <= cur.X {
		t.Errorf("at 1200 wide the previews are not side by side: current %v, new %v", cur, next)
	}

	// The Contracts form's fields sized to their content still fit: each
	// inside the window, none below its MinSize, the wide ones wider.
	onUI(func() { u.win.Resize(fyne.NewSize(640, 480)) })
	selectTab(u, 3)
	onUI(func() {
		u.win.Content().Refresh()
		d := fyne.CurrentApp().Driver()
		width := map[string]float32{}
		for _, f := range u.contracts.fields {
			x, w := d.AbsolutePositionForObject(f.entry).X, f.entry.Size().Width
			width[f.label] = w
			if x < 0 || x+w > 640 || w < f.entry.MinSize().Width {
				t.Errorf("at 640 wide the %s entry lies at x %.0f–%.0f (its MinSize is %.0f wide)", f.label, x, x+w, f.entry.MinSize().Width)
			}
		}
		if !(width["Country"] < width["Phone"] && width["Phone"] < width["Name"]) {
			t.Errorf("at 640 wide the Country, Phone and Name entries are %.0f, %.0f and %.0f wide", width["Country"], width["Phone"], width["Name"])
		}
	})
}
