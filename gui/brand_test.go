package gui

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"logodesk/service/apply"
	"logodesk/service/sandbox"
	"logodesk/service/zoom"
	"logodesk/session"
	"logodesk/session/sessiontest"
)

// newBrandTestUI opens the window with its Brand tab (first) on sess.
func newBrandTestUI(t *testing.T, sess *session.Session) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	env := EnvFor(sess, t.TempDir())
	env.Picker = nil
	var u *UI
	onUI(func() { u = newUI(a, env, testDo) })
	u.waitIdle()
	t.Cleanup(u.waitIdle)
	if u.brand == nil || u.list[0] != u.brand {
		t.Fatal("the Brand tab is not the first tab")
	}
	return u
}

func zoomPicture(t *testing.T, s *session.Session) []byte {
	t.Helper()
	c, err := s.Zoom()
	if err != nil {
		t.Fatal(err)
	}
	me, err := c.User(context.Background(), zoom.Me)
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Picture(context.Background(), me)
	if err != nil {
		t.Fatal(err)
	}
	return p.Bytes
}

func brandRowOf(t *testing.T, u *UI, id string) *brandRow {
	t.Helper()
	r := u.brand.rows[id]
	if r == nil {
		t.Fatalf("no Brand row for %s", id)
	}
	return r
}

func TestBrandAppliesOneLogoEverywhereAndUndoes(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	crmBefore, err := crmPhoto(e.Session)
	if err != nil || len(crmBefore) == 0 {
		t.Fatalf("demo CRM logo: %v", err)
	}
	zoomBefore := zoomPicture(t, e.Session)
	u := newBrandTestUI(t, e.Session)
	b := u.brand

	// One row per target; Contracts explains where its logo is set; Zoom is off by default.
	if len(b.rows) != 4 {
		t.Fatalf("rows = %d, want CRM, Bigin, Zoom, Contracts", len(b.rows))
	}
	if r := brandRowOf(t, u, apply.Contracts); !strings.Contains(r.note.Text, "Organization Info") || r.check.Visible() {
		t.Errorf("Contracts row: %q", r.note.Text)
	}
	if brandRowOf(t, u, apply.Zoom).check.Checked || !brandRowOf(t, u, apply.CRM).check.Checked {
		t.Error("Zoom must be unticked and CRM ticked by default")
	}
	if brandRowOf(t, u, apply.CRM).current.shown() == nil {
		t.Error("the CRM row does not show the current logo")
	}
	if !b.applyB.Disabled() {
		t.Error("Apply is enabled before any logo is dropped")
	}

	logo := writeTemp(t, "logo.png", sessiontest.PNG(600, 300))
	drop(u, logo)
	for _, id := range []string{apply.CRM, apply.Bigin, apply.Zoom} {
		r := brandRowOf(t, u, id)
		if r.candidate.shown() == nil || r.note.Text == "" {
			t.Fatalf("%s row: no candidate or no fit sentence (%q); status %q", id, r.note.Text, b.status.Text)
		}
	}
	if b.applyB.Text != "Apply to 2 services" || b.applyB.Disabled() {
		t.Fatalf("apply button %q disabled=%v", b.applyB.Text, b.applyB.Disabled())
	}
	onUI(func() { brandRowOf(t, u, apply.Zoom).check.SetChecked(true) })
	if b.applyB.Text != "Apply to 3 services" {
		t.Fatalf("after ticking Zoom: %q", b.applyB.Text)
	}

	tap(u, b.applyB)
	for _, id := range []string{apply.CRM, apply.Bigin, apply.Zoom} {
		if st := brandRowOf(t, u, id).state.Text; !strings.HasPrefix(st, "Done") {
			t.Errorf("%s: %q", id, st)
		}
	}
	if !strings.Contains(b.status.Text, "Logo applied to Zoho CRM, Bigin and Zoom.") {
		t.Errorf("summary %q", b.status.Text)
	}
	sent := b.cands[0].Fit.Bytes
	if got, _ := crmPhoto(e.Session); !bytes.Equal(got, sent) {
		t.Error("CRM does not hold the logo sent")
	}
	if got, _ := e.Sandbox.BiginOrgLogo(); len(got) == 0 {
		t.Error("Bigin has no logo after Apply")
	}
	if got := zoomPicture(t, e.Session); bytes.Equal(got, zoomBefore) {
		t.Error("Zoom picture unchanged after Apply")
	}

	// Undo puts each original back, byte for byte.
	if b.undoB.Disabled() {
		t.Fatal("Undo is disabled after an apply")
	}
	tap(u, b.undoB)
	if got, _ := crmPhoto(e.Session); !bytes.Equal(got, crmBefore) {
		t.Error("Undo did not put the CRM logo back")
	}
	if got := zoomPicture(t, e.Session); !bytes.Equal(got, zoomBefore) {
		t.Error("Undo did not put the Zoom picture back")
	}
	if !strings.Contains(brandRowOf(t, u, apply.CRM).state.Text, "Back as before") || b.status.Text == "" {
		t.Errorf("after Undo: row %q, summary %q", brandRowOf(t, u, apply.CRM).state.Text, b.status.Text)
	}
}

func TestBrandOneFailureNeverStopsTheOthers(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newBrandTestUI(t, e.Session)
	b := u.brand
	drop(u, writeTemp(t, "logo.png", sessiontest.PNG(400, 400)))
	// Every upload of the CRM logo fails for a while (retries included).
	e.Sandbox.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoho/crm/v8/org/photo", Kind: sandbox.ServerError, Times: 20})
	tap(u, b.applyB)
	crm, bigin := brandRowOf(t, u, apply.CRM), brandRowOf(t, u, apply.Bigin)
	if !strings.HasPrefix(crm.state.Text, "Failed") || !crm.retryB.Visible() {
		t.Fatalf("CRM row: %q (retry shown %v)", crm.state.Text, crm.retryB.Visible())
	}
	if !strings.HasPrefix(bigin.state.Text, "Done") {
		t.Fatalf("Bigin row: %q, want Done although CRM failed", bigin.state.Text)
	}
	if !strings.Contains(b.status.Text, "1 of 2") {
		t.Errorf("summary %q", b.status.Text)
	}
	e.Sandbox.ClearFaults()
	tap(u, crm.retryB)
	if !strings.HasPrefix(crm.state.Text, "Done") {
		t.Fatalf("after Try again: %q", crm.state.Text)
	}
	if got, _ := crmPhoto(e.Session); !bytes.Equal(got, b.cands[0].Fit.Bytes) {
		t.Error("CRM does not hold the logo after Try again")
	}
}

func TestBrandRefusesWhatItCannotUse(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newBrandTestUI(t, e.Session)
	b := u.brand
	drop(u, writeTemp(t, "a.png", sessiontest.PNG(10, 10)), writeTemp(t, "b.png", sessiontest.PNG(10, 10)))
	if !strings.Contains(b.status.Text, "one logo at a time") {
		t.Errorf("two files: %q", b.status.Text)
	}
	drop(u, writeTemp(t, "notes.png", []byte("%PDF-1.7 not an image")))
	if !strings.Contains(b.status.Text, "not an image") || !b.applyB.Disabled() {
		t.Errorf("a PDF named .png: %q (apply disabled %v)", b.status.Text, b.applyB.Disabled())
	}
}
