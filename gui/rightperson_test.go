package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// After a failed Zoom lookup the panel no longer shows (or takes a drop for) the
// signed-in admin while the search box names someone else.
func TestZoomFailedLookupShowsNobody(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 3)
	z := u.zoom
	if z.panel.current.shown() == nil {
		t.Fatalf("my picture is not shown: %q", z.panel.problem.text())
	}
	onUI(func() { test.Type(z.who, "nobody@zylker.example") })
	tap(u, z.findB)
	if !strings.Contains(z.problem.text(), "no user") {
		t.Fatalf("unknown user: %q", z.problem.text())
	}
	if z.panel.target != nil || z.panel.current.shown() != nil || z.user.Text != "" {
		t.Fatalf("after a failed lookup: target %v, picture shown %v, user %q", z.panel.target, z.panel.current.shown() != nil, z.user.Text)
	}
	if !z.panel.chooseB.Disabled() {
		t.Error("Choose file… is enabled with nobody shown")
	}
	drop(u, writeTemp(t, "who.png", sessiontest.PNG(256, 256)))
	if z.panel.fitted != nil {
		t.Fatal("a dropped picture became a candidate with nobody shown")
	}
	if n := uploads(e.Sandbox, "POST", "/zoom/v2/users/me/picture"); n != 0 {
		t.Fatalf("%d uploads", n)
	}
}

// A file dropped on a row of the Bigin record list is for that row's record.
func TestBiginDropOnARowIsForThatRecord(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 1)
	b := u.bigin
	if len(b.records) < 3 || b.selectedRow != 0 {
		t.Fatalf("contacts listed: %d, selected row %d", len(b.records), b.selectedRow)
	}
	var row2 fyne.Position
	onUI(func() {
		top := u.app.Driver().AbsolutePositionForObject(b.list)
		h := b.list.CreateItem().MinSize().Height + b.list.Theme().Size("padding")
		row2 = top.Add(fyne.NewPos(20, 2*h+h/2)) // the middle of the third row
	})
	uris := []fyne.URI{storage.NewFileURI(writeTemp(t, "third.png", sessiontest.PNG(200, 200)))}
	onUI(func() { u.onDropped(row2, uris) })
	u.waitIdle()
	want := b.records[2].Name
	if b.selectedRow != 2 || b.selected.Text != want {
		t.Fatalf("after a drop on the third row, selected row %d (%q), want %q", b.selectedRow, b.selected.Text, want)
	}
	if b.panel.fitted == nil || !strings.Contains(b.panel.target.Label(), want) {
		t.Fatalf("candidate %v for %q, want one for %q (problem %q)", b.panel.fitted != nil, b.panel.target.Label(), want, b.panel.problem.text())
	}
	// Below the last row: refused in a sentence, the selection stays.
	var below fyne.Position
	var inside bool
	onUI(func() {
		top := u.app.Driver().AbsolutePositionForObject(b.list)
		h := b.list.CreateItem().MinSize().Height + b.list.Theme().Size("padding")
		below = top.Add(fyne.NewPos(20, float32(len(b.records))*h+h/2))
		inside = below.Y < top.Y+b.list.Size().Height
	})
	if !inside {
		t.Fatalf("the test window is too small to leave room below %d rows", len(b.records))
	}
	onUI(func() { u.onDropped(below, uris) })
	u.waitIdle()
	if b.selectedRow != 2 || !strings.Contains(b.panel.problem.text(), "Drop the image on a record") {
		t.Fatalf("drop below the rows: selected %d, problem %q", b.selectedRow, b.panel.problem.text())
	}
}
