package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// While Replace runs, the picture being sent stays on screen marked
// "Uploading…", with a Cancel that stops it; afterwards the slot shows what the
// service has, and the candidate is still there to send again.
func TestReplaceCanBeCancelled(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	drop(u, writeTemp(t, "logo.png", sessiontest.PNG(200, 100)))
	if p.fitted == nil {
		t.Fatalf("no candidate: %q", p.problem.text())
	}
	if p.cancelB.Visible() {
		t.Fatal("Cancel is shown with nothing under way")
	}
	e.Sandbox.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoho/crm/v8/org/photo", Kind: sandbox.Latency, Delay: 5 * time.Second})
	onUI(func() { test.Tap(p.replaceB) }) // the upload now waits in the sandbox
	onUI(func() {
		if p.candidate.shown() == nil || !p.candidate.badge.Visible() || !strings.Contains(p.candidate.badgeText.Text, "Uploading") {
			t.Errorf("while sending: picture shown %v, badge %v %q", p.candidate.shown() != nil, p.candidate.badge.Visible(), p.candidate.badgeText.Text)
		}
		if !p.cancelB.Visible() || p.cancelB.Disabled() {
			t.Error("no Cancel while sending")
		}
		test.Tap(p.cancelB)
	})
	u.waitIdle()
	if !strings.Contains(p.status.Text, "Stopped") || p.problem.text() != "" {
		t.Fatalf("after Cancel: status %q, problem %q", p.status.Text, p.problem.text())
	}
	if p.fitted == nil || p.candidate.badge.Visible() || p.cancelB.Visible() || p.replaceB.Disabled() {
		t.Fatalf("after Cancel: candidate %v, badge %v, Cancel %v, Replace disabled %v",
			p.fitted != nil, p.candidate.badge.Visible(), p.cancelB.Visible(), p.replaceB.Disabled())
	}
	if p.current.shown() == nil {
		t.Fatal("no current logo after Cancel")
	}
}
