package gui

import (
	"bytes"
	"strings"
	"testing"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// A candidate is kept per record: picking another record and coming back finds it again.
func TestCandidateIsKeptPerRecord(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 1)
	b := u.bigin
	first := b.records[0].Name
	drop(u, writeTemp(t, "face.png", sessiontest.PNG(300, 300)))
	if b.panel.fitted == nil {
		t.Fatalf("no candidate: %q", b.panel.problem.text())
	}
	chosen := b.panel.fitted.Bytes
	// A contact's photo is framed in the crop editor: move the frame before leaving.
	if !b.panel.cropping() {
		t.Fatal("a contact's photo is not in the crop editor")
	}
	onUI(func() { b.panel.cropper.change(b.panel.frame.zoomed(2, 300, 300)) })
	u.waitIdle()
	chosen, framed := b.panel.fitted.Bytes, b.panel.frame
	onUI(func() { b.list.Select(1) })
	u.waitIdle()
	if b.panel.fitted != nil || b.panel.candidate.shown() != nil || b.panel.candidate.editing() {
		t.Fatal("the first record's candidate is shown for the second record")
	}
	onUI(func() { b.selectRecord(first) })
	u.waitIdle()
	if b.panel.fitted == nil || !bytes.Equal(b.panel.fitted.Bytes, chosen) || !b.panel.candidate.editing() {
		t.Fatalf("coming back to %s: the candidate is gone", first)
	}
	if b.panel.frame != framed || !b.panel.cropping() {
		t.Fatalf("coming back to %s: the frame was %+v, now %+v", first, framed, b.panel.frame)
	}
	if !strings.Contains(b.panel.status.Text, "still here") || b.panel.replaceB.Disabled() {
		t.Errorf("status %q, replace disabled %v", b.panel.status.Text, b.panel.replaceB.Disabled())
	}
}

// A bad file chosen after a good one is refused, and the good one stays.
func TestBadSecondFileKeepsTheCandidate(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	drop(u, writeTemp(t, "logo.png", sessiontest.PNG(300, 200)))
	if p.fitted == nil {
		t.Fatalf("no candidate: %q", p.problem.text())
	}
	chosen := p.fitted.Bytes
	drop(u, writeTemp(t, "notes.png", []byte("these are not pixels")))
	if p.problem.text() == "" || !strings.Contains(p.problem.text(), "still here") {
		t.Fatalf("the bad file is not refused in words: %q", p.problem.text())
	}
	if p.fitted == nil || !bytes.Equal(p.fitted.Bytes, chosen) || p.candidate.shown() == nil || p.replaceB.Disabled() {
		t.Fatal("the bad file threw away the good candidate")
	}
}

// Reload on the Contracts form with unsaved changes asks first.
func TestContractsReloadAsksBeforeDiscardingEdits(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 2)
	ct := u.contracts
	name := ct.fields[0].entry
	original := name.Text
	onUI(func() { name.SetText("Zylker Renamed") })
	tap(u, ct.reloadB)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Reload threw the edits away without asking")
	}
	tapDialogButton(t, u, "Keep editing")
	if name.Text != "Zylker Renamed" {
		t.Fatalf("after Keep editing the name is %q", name.Text)
	}
	tap(u, ct.reloadB)
	tapDialogButton(t, u, "Discard and reload")
	if name.Text != original {
		t.Fatalf("after Discard and reload the name is %q, want %q", name.Text, original)
	}
	// Nothing changed: Reload reloads at once.
	tap(u, ct.reloadB)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Reload asked although nothing was changed")
	}
}
