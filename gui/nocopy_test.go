package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"logodesk/service/api"
	"logodesk/service/photo"
	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// noCopyTarget is a real slot whose next download, the one made to keep a
// copy, fails with photo.ErrNoCopy.
type noCopyTarget struct {
	photo.Target
	failNext bool
}

func (t *noCopyTarget) Get(ctx context.Context) (api.Photo, error) {
	if t.failNext {
		t.failNext = false
		return api.Photo{}, photo.ErrNoCopy
	}
	return t.Target.Get(ctx)
}

// When no copy of the current picture can be kept, the window says so and offers
// a clearly worded button that does the step with no copy.
func TestReplaceAndDeleteWithoutKeepingACopy(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	c, err := e.Session.CRM()
	if err != nil {
		t.Fatal(err)
	}
	target := &noCopyTarget{Target: photo.CRMOrg(c)}
	onUI(func() { p.setTarget(target, "Zylker Inc.") })
	u.waitIdle()

	drop(u, writeTemp(t, "logo.png", sessiontest.PNG(300, 300)))
	target.failNext = true
	tap(u, p.replaceB)
	if !strings.Contains(p.problem.text(), "couldn't keep a copy of the current picture") {
		t.Fatalf("problem shown: %q", p.problem.text())
	}
	if n := uploads(e.Sandbox, "POST", "/zoho/crm/v8/org/photo"); n != 0 {
		t.Fatalf("%d uploads although no copy was kept", n)
	}
	if !p.noCopyB.Visible() || p.noCopyB.Text != "Replace without keeping a copy" || p.fitted == nil {
		t.Fatalf("button %q visible=%v, candidate kept=%v", p.noCopyB.Text, p.noCopyB.Visible(), p.fitted != nil)
	}
	tap(u, p.noCopyB)
	if n := uploads(e.Sandbox, "POST", "/zoho/crm/v8/org/photo"); n != 1 || p.noCopyB.Visible() {
		t.Fatalf("after the button: %d uploads, button visible=%v, problem %q", n, p.noCopyB.Visible(), p.problem.text())
	}
	if !strings.Contains(p.status.Text, "the new logo is in Zoho CRM") {
		t.Errorf("status %q", p.status.Text)
	}

	// Delete: the same, after its confirmation.
	target.failNext = true
	tap(u, p.deleteB)
	tapDialogButton(t, u, "Delete logo")
	if !p.noCopyB.Visible() || p.noCopyB.Text != "Delete without keeping a copy" {
		t.Fatalf("after a failed delete: button %q visible=%v, problem %q", p.noCopyB.Text, p.noCopyB.Visible(), p.problem.text())
	}
	onUI(func() { test.Tap(p.noCopyB) })
	u.waitIdle()
	if n := uploads(e.Sandbox, "DELETE", "/zoho/crm/v8/org/photo"); n != 1 {
		t.Fatalf("%d deletes after the button", n)
	}
	if p.current.shown() != nil {
		t.Error("the logo is still shown after the delete")
	}
}
