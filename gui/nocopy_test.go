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

// gatedTarget is a real slot whose downloads, once armed and after the first
// pass ones, wait for the test and say when one starts.
type gatedTarget struct {
	photo.Target
	armed   bool
	pass    int
	started chan struct{}
	release chan struct{}
}

func (t *gatedTarget) Get(ctx context.Context) (api.Photo, error) {
	if t.armed {
		if t.pass > 0 {
			t.pass--
		} else {
			t.started <- struct{}{}
			<-t.release
		}
	}
	return t.Target.Get(ctx)
}

// After Replace the new picture is shown as current at once: the old one does
// not come back while the slot is read again.
func TestNoFlashOfTheOldLogoAfterReplace(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	c, err := e.Session.CRM()
	if err != nil {
		t.Fatal(err)
	}
	target := &gatedTarget{Target: photo.CRMOrg(c), started: make(chan struct{}), release: make(chan struct{})}
	onUI(func() { p.setTarget(target, "Zylker Inc.") })
	u.waitIdle()
	old := p.current.shown()
	drop(u, writeTemp(t, "new.png", sessiontest.PNG(300, 300)))
	candidate := p.candidate.shown()
	if old == nil || candidate == nil {
		t.Fatal("no current logo or no candidate")
	}
	// The first download is Replace's backup copy; the second is the reload after it.
	target.armed, target.pass = true, 1
	onUI(func() { test.Tap(p.replaceB) })
	<-target.started // the upload is done; the slot is being read again
	var shown any
	onUI(func() { shown = p.current.shown() })
	close(target.release)
	u.waitIdle()
	if shown != candidate {
		t.Fatal("while the slot was read again after Replace, the current preview was not the new picture")
	}
}
