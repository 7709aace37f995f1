package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// typeShortcut does what Fyne's window does with a shortcut: it goes to the
// focused widget when that takes shortcuts, else to the canvas.
func typeShortcut(u *UI, s fyne.Shortcut) {
	onUI(func() {
		if f, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(s)
			return
		}
		u.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
	})
	u.waitIdle()
}

func alt(n string) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyName(n), Modifier: fyne.KeyModifierAlt}
}

// The window's shortcuts work while a text field has the focus: Alt+N picks a
// tab, Ctrl+S saves the Contracts form, Enter in a field saves it too.
func TestShortcutsWorkWhileTyping(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 3)
	onUI(func() { u.win.Canvas().Focus(u.zoom.who) })
	typeShortcut(u, alt("2"))
	if i := u.tabs.SelectedIndex(); i != 1 {
		t.Fatalf("Alt+2 with the Zoom search box focused: tab %d, want 1 (Bigin)", i)
	}
	onUI(func() { u.win.Canvas().Focus(u.bigin.search) })
	typeShortcut(u, alt("3"))
	if i := u.tabs.SelectedIndex(); i != 2 {
		t.Fatalf("Alt+3 with the Bigin search box focused: tab %d, want 2", i)
	}

	ct := u.contracts
	phone := ct.fields[6].entry
	onUI(func() {
		u.win.Canvas().Focus(phone)
		phone.SetText("+1 415 555 0199")
	})
	typeShortcut(u, &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	if !strings.Contains(ct.status.Text, "Saved") {
		t.Fatalf("Ctrl+S in a field: status %q (problem %q)", ct.status.Text, ct.problem.text())
	}
	onUI(func() {
		phone.SetText("+1 415 555 0100")
		phone.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	u.waitIdle()
	if !strings.Contains(ct.status.Text, "Saved") || ct.info.Phone != "+1 415 555 0100" {
		t.Fatalf("Enter in a field: status %q, phone saved %q", ct.status.Text, ct.info.Phone)
	}
	// Copy and paste still reach the field.
	onUI(func() {
		u.app.Clipboard().SetContent("pasted")
		phone.SetText("")
		phone.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.app.Clipboard()})
	})
	if phone.Text != "pasted" {
		t.Errorf("paste in a field gave %q", phone.Text)
	}
}

func escape(u *UI) {
	onUI(func() {
		ev := &fyne.KeyEvent{Name: fyne.KeyEscape}
		if f := u.win.Canvas().Focused(); f != nil {
			f.TypedKey(ev)
			return
		}
		u.win.Canvas().OnTypedKey()(ev)
	})
	u.waitIdle()
}

// Escape cancels the Delete confirmation (nothing deleted) and Settings, also
// while one of its fields has the focus.
func TestEscapeCancelsDialogs(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	tap(u, u.crm.panel.deleteB)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Delete asked nothing")
	}
	escape(u)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape left the Delete confirmation open")
	}
	if n := uploads(e.Sandbox, "DELETE", "/zoho/crm/v8/org/photo"); n != 0 || u.crm.panel.current.shown() == nil {
		t.Fatalf("Escape deleted the logo (%d deletes)", n)
	}

	onUI(u.showSettings)
	u.waitIdle()
	if u.win.Canvas().Overlays().Top() == nil || !u.settingsOpen {
		t.Fatal("Settings did not open")
	}
	focused := false
	onUI(func() {
		for _, o := range testLaidOut(u) {
			if e, ok := o.(*keyEntry); ok && !focused {
				u.win.Canvas().Focus(e)
				focused = true
			}
		}
	})
	if !focused {
		t.Fatal("no text field in Settings")
	}
	escape(u)
	if u.win.Canvas().Overlays().Top() != nil || u.settingsOpen {
		t.Fatal("Escape in a Settings field left Settings open")
	}
}

func testLaidOut(u *UI) []fyne.CanvasObject {
	return test.LaidOutObjects(u.win.Canvas().Overlays().Top())
}
