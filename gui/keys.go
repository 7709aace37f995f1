package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// addShortcuts: Alt+1…N pick a tab, Ctrl+O chooses a file for the visible tab,
// Ctrl+S saves the Contracts form, Ctrl+Enter applies the Brand tab's logo. They are kept in u.keys as well as on the
// canvas: Fyne hands a shortcut to the focused widget instead of the canvas,
// and an Entry drops the ones it doesn't know, so keyEntry passes them on.
func (u *UI) addShortcuts() {
	u.keys = map[string]func(){}
	add := func(s *desktop.CustomShortcut, f func()) {
		u.keys[s.ShortcutName()] = f
		u.win.Canvas().AddShortcut(s, func(fyne.Shortcut) { f() })
	}
	for i := range u.list {
		add(&desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: fyne.KeyModifierAlt}, func() {
			u.tabs.SelectIndex(i)
		})
	}
	add(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func() {
		if p := u.visiblePanel(); p != nil {
			p.onChooseFile()
		} else if u.brandVisible() {
			u.brand.onChooseFile()
		}
	})
	// Ctrl+Enter applies the Brand tab's logo to the ticked services.
	add(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}, func() {
		if u.brandVisible() && !u.brand.applyB.Disabled() {
			u.brand.onApply()
		}
	})
	add(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}, func() {
		if u.list[u.tabs.SelectedIndex()] == u.contracts && !u.contracts.saveB.Disabled() {
			u.contracts.onSave()
		}
	})
	u.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			u.onEscape()
		}
	})
}

// escapable is a dialog LogoDesk shows and what Escape does to it.
type escapable struct {
	d      dialog.Dialog
	cancel func()
}

// showDialog shows d; Escape closes it with cancel (nil: hide it, which answers
// "no" to a confirmation).
func (u *UI) showDialog(d dialog.Dialog, cancel func()) {
	if cancel == nil {
		cancel = d.Hide
	}
	u.escapes = append(u.escapes, escapable{d, cancel})
	d.SetOnClosed(func() {
		for i, e := range u.escapes {
			if e.d == d {
				u.escapes = append(u.escapes[:i], u.escapes[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// onEscape cancels the topmost dialog, if one is open.
func (u *UI) onEscape() bool {
	if len(u.escapes) == 0 {
		return false
	}
	u.escapes[len(u.escapes)-1].cancel()
	return true
}

// windowShortcut runs the window's shortcut s, if it is one.
func (u *UI) windowShortcut(s fyne.Shortcut) bool {
	f, ok := u.keys[s.ShortcutName()]
	if ok {
		f()
	}
	return ok
}

// keyEntry is a text field that lets the window's shortcuts through while it
// has the focus.
type keyEntry struct {
	widget.Entry
	u *UI
}

func newKeyEntry(u *UI) *keyEntry {
	e := &keyEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey lets Escape cancel the dialog the field is in.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.u.onEscape() {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut gives the window's shortcuts to the window, the rest (copy,
// paste, undo…) to the text field.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.u.windowShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// brandVisible reports whether the Brand tab is the one shown.
func (u *UI) brandVisible() bool { return u.brand != nil && u.list[u.tabs.SelectedIndex()] == u.brand }
