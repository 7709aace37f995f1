package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7 moves the keyboard focus without scrolling: Tab onto a Restore
// button below the fold leaves it out of sight. focusButton scrolls the page
// that holds it until it shows.

// focusButton is a button that scrolls itself into view when it gets the focus.
type focusButton struct {
	widget.Button
	u *UI
}

func newFocusButton(u *UI, text string, icon fyne.Resource, imp widget.Importance, tapped func()) *focusButton {
	f := &focusButton{u: u}
	f.Text, f.Icon, f.Importance, f.OnTapped = text, icon, imp, tapped
	f.ExtendBaseWidget(f)
	return f
}

func (b *focusButton) FocusGained() {
	b.Button.FocusGained()
	b.u.scrollIntoView(b)
}

// scrollIntoView scrolls the innermost scrolled page holding o so that o is in sight.
func (u *UI) scrollIntoView(o fyne.CanvasObject) {
	s := scrollHolding(u.win.Content(), o)
	if s == nil {
		return
	}
	d := u.app.Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y // in the page
	off := s.Offset
	switch h := o.Size().Height; {
	case y < off.Y:
		off.Y = y
	case y+h > off.Y+s.Size().Height:
		off.Y = y + h - s.Size().Height
	default:
		return
	}
	s.ScrollToOffset(off)
}

// scrollHolding finds the innermost Scroll under root that holds o, through the
// containers LogoDesk builds its pages from.
func scrollHolding(root, o fyne.CanvasObject) *container.Scroll {
	var found *container.Scroll
	var walk func(c fyne.CanvasObject, in *container.Scroll) bool
	walk = func(c fyne.CanvasObject, in *container.Scroll) bool {
		if c == o {
			found = in
			return true
		}
		switch v := c.(type) {
		case *fyne.Container:
			for _, ch := range v.Objects {
				if walk(ch, in) {
					return true
				}
			}
		case *container.Scroll:
			return walk(v.Content, v)
		case *container.AppTabs:
			if t := v.Selected(); t != nil {
				return walk(t.Content, in)
			}
		case *container.Split:
			return walk(v.Leading, in) || walk(v.Trailing, in)
		}
		return false
	}
	walk(root, nil)
	return found
}
