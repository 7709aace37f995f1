package gui

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// The tab-loading helper: a late answer of a replaced load is dropped, the
// spinner runs only while a load does, and the sign-in gates every load.
func TestTabLoadDropsLateAnswersAndGatesOnSignIn(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	spinner := widget.NewProgressBarInfinite()
	outShown := 0
	l := &tabLoad{u: u, p: Zoho, tab: u.crm, load: func() {}, signedOut: func() { outShown++ }, spinner: spinner}

	var applied []string
	apply := func(v string, err error) { applied = append(applied, v) }
	release := make(chan struct{})
	onUI(func() {
		if !l.start() || !spinner.Visible() {
			t.Fatalf("a signed-in load did not start its spinner")
		}
		fetch(l, func() (string, error) { <-release; return "first", nil }, apply)
		if !l.start() {
			t.Fatal("the second load did not start")
		}
		fetch(l, func() (string, error) { return "second", nil }, apply)
	})
	close(release)
	u.waitIdle()
	if len(applied) != 1 || applied[0] != "second" {
		t.Fatalf("applied %v, want only the newest answer", applied)
	}
	if spinner.Visible() {
		t.Error("the spinner still shows after the answer")
	}

	onUI(func() {
		u.zohoSignIn.state = checking
		if l.start() || l.loaded {
			t.Error("a load started while the sign-in was being checked")
		}
		u.zohoSignIn.state = signedOut
		if l.start() || outShown != 1 || spinner.Visible() {
			t.Errorf("signed out: load started or signed-out state not shown (%d) or spinner on", outShown)
		}
		u.zohoSignIn.state = fixed
	})
}
