package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/sandbox"
	"logodesk/session"
	"logodesk/session/sessiontest"
)

// The first sign-in with LogoDesk not yet registered with Zoho opens the
// assistant (steps, the redirect address to copy, the two fields) instead of an
// error naming Settings; "Save and sign in" keeps the client ID and signs in.
func TestFirstSignInOpensTheAssistant(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	env := map[string]string{
		session.EnvSandbox: "1", session.EnvZohoPort: freePort(t),
		session.EnvZohoAPI: e.Root + "/zoho", session.EnvContractsAPI: e.Root + "/contracts",
		session.EnvZohoAccounts: e.Root + "/accounts/zoho", session.EnvZoomAccounts: e.Root + "/accounts/zoom",
		session.EnvZoomAPI: e.Root + "/zoom/v2",
	}
	sess, err := session.Open(session.Config{Getenv: func(k string) string { return env[k] }, Store: session.NewMemoryStore(),
		OpenBrowser: fakeBrowser(t, sandbox.ZohoAdminID), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	u := newTestUI(t, sess)
	bar := u.crm.bar
	tap(u, bar.signInB)
	if !u.setupOpen {
		t.Fatalf("no assistant after a sign-in with no client ID; bar says %q", bar.status.Text)
	}
	if !bar.setupB.Visible() {
		t.Error("the sign-in bar offers no way back to the assistant")
	}
	d := topDialog(t, u)
	texts := labelsIn(d)
	if !strings.Contains(texts, "api-console.zoho.com") || !strings.Contains(texts, "/callback/zoho") {
		t.Fatalf("the assistant lacks the steps or the redirect address: %q", texts)
	}
	id := entriesIn(d)[0]
	onUI(func() { test.Type(id, sessionClientID) })
	tap(u, buttonIn(t, d, "Save and sign in"))
	if u.setupOpen || !strings.HasPrefix(bar.status.Text, "Signed in as Ava Admin") {
		t.Fatalf("after Save and sign in: open=%v, bar %q", u.setupOpen, bar.status.Text)
	}
	if cs := u.env.Accounts.ClientSettings(Zoho); cs.ID != sessionClientID {
		t.Fatalf("client ID kept = %q", cs.ID)
	}
}

const sessionClientID = session.SandboxClientID

// Settings: the OAuth fields are folded under Advanced, and not shown at all in the sandbox.
func TestSettingsFoldsTheTechnicalFields(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	env := map[string]string{session.EnvSandbox: "1", session.EnvZohoAccounts: e.Root + "/accounts/zoho"}
	sess, err := session.Open(session.Config{Getenv: func(k string) string { return env[k] }, Store: session.NewMemoryStore(), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	u := newTestUI(t, sess)
	var f *settingsForm
	onUI(func() { f = u.newSettingsForm(u.loadSettings()) })
	if f.advanced == nil || f.advanced.Items[0].Open {
		t.Fatal("the OAuth fields are not folded under Advanced")
	}
	u.env.Sandbox = true
	onUI(func() { f = u.newSettingsForm(u.loadSettings()) })
	if f.advanced != nil || strings.Contains(labelsIn(f.content), "Client ID") {
		t.Fatal("the sandbox shows OAuth fields")
	}
}

// A problem that sends the admin to Settings comes with the button to it.
func TestProblemNamingSettingsHasTheButton(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	v := u.crm.problem
	onUI(func() { v.show(errString("Check your Zoho data centre in Settings.")) })
	if !v.settings.Visible() {
		t.Fatal("no Open Settings button")
	}
	onUI(func() { v.show(errString("Zoho CRM is busy.")) })
	if v.settings.Visible() {
		t.Fatal("Open Settings shown for a message that doesn't name it")
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func topDialog(t *testing.T, u *UI) fyne.CanvasObject {
	t.Helper()
	ov := u.win.Canvas().Overlays().Top()
	if ov == nil {
		t.Fatal("no dialog is open")
	}
	return ov
}

// walk visits o and everything inside it.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			walk(k, visit)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		for _, k := range r.Objects() {
			walk(k, visit)
		}
	}
}

func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(k fyne.CanvasObject) {
		if l, ok := k.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func entriesIn(o fyne.CanvasObject) []*keyEntry {
	var out []*keyEntry
	walk(o, func(k fyne.CanvasObject) {
		if e, ok := k.(*keyEntry); ok {
			out = append(out, e)
		}
	})
	return out
}

func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(k fyne.CanvasObject) {
		if b, ok := k.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}
