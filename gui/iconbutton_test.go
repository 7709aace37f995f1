package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// buttonsIn is every visible button drawn under o, through containers and
// widgets' renderers (LogoDesk's own button types included).
func buttonsIn(o fyne.CanvasObject) []*widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	var out []*widget.Button
	switch v := o.(type) {
	case *widget.Button:
		return []*widget.Button{v}
	case *focusButton:
		return []*widget.Button{&v.Button}
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, buttonsIn(c)...)
		}
		return out
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, buttonsIn(c)...)
		}
	}
	return out
}

// Fyne 2.7 has no tooltips, so no button may be an icon alone: every button on
// every tab, the folder view, the Settings dialog and the first-run assistant
// says in words what it does.
func TestEveryButtonHasWords(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{ZoomUsers: 8})
	u := newBrandTestUI(t, e.Session)
	onUI(func() { u.win.Resize(fyne.NewSize(1000, 800)) })
	seen := 0
	check := func(where string) {
		t.Helper()
		onUI(func() {
			for _, root := range append([]fyne.CanvasObject{u.win.Content()}, u.win.Canvas().Overlays().List()...) {
				for _, b := range buttonsIn(root) {
					seen++
					if b.Text == "" {
						t.Errorf("%s: a button with only an icon (%v)", where, b.Icon)
					}
				}
			}
		})
	}
	for _, name := range layoutViews(u) {
		showView(t, u, name)
		check(name)
	}
	onUI(u.showSettings)
	u.waitIdle()
	check("Settings")
	if seen < 30 {
		t.Fatalf("only %d buttons looked at: the walk misses some", seen)
	}
}
