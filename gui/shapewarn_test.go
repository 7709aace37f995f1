package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

func TestShapeWarning(t *testing.T) {
	for _, c := range []struct {
		w, h    int
		profile bool
		want    string
	}{
		{512, 512, true, ""},
		{120, 120, true, "blurry"},
		{900, 300, true, "round profile frame"},
		{400, 300, false, ""},
		{2000, 200, false, "long strip"},
		{120, 120, false, ""}, // a small logo is fine
	} {
		got := shapeWarning(c.w, c.h, c.profile, "picture")
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("shapeWarning(%d, %d, %v) = %q, want %q", c.w, c.h, c.profile, got, c.want)
		}
	}
}

// The preview says in one sentence when a profile picture is too small.
func TestSmallProfilePictureIsWarned(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 3)
	p := u.zoom.panel
	drop(u, writeTemp(t, "tiny.png", sessiontest.PNG(100, 100)))
	if p.fitted == nil {
		t.Fatalf("no candidate: %q", p.problem.text())
	}
	if !p.explain.Visible() || !strings.Contains(p.explain.Text, "blurry") {
		t.Fatalf("explanation %q, want a warning about the size", p.explain.Text)
	}
}

// People's pictures are previewed in a circle, as the services show them; logos whole.
func TestProfilePicturesPreviewRound(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 3)
	if img := u.zoom.panel.current.img; img.CornerRadius < 100 || img.FillMode != canvas.ImageFillCover {
		t.Errorf("Zoom picture preview: radius %v, fill %v; want a circle", img.CornerRadius, img.FillMode)
	}
	if img := u.crm.panel.candidate.img; img.CornerRadius != 0 || img.FillMode != canvas.ImageFillContain {
		t.Errorf("CRM logo preview: radius %v, fill %v; want the whole logo", img.CornerRadius, img.FillMode)
	}
	selectTab(u, 1) // Bigin Contacts: people
	if img := u.bigin.panel.current.img; img.CornerRadius < 100 {
		t.Errorf("Bigin contact photo preview radius %v; want a circle", img.CornerRadius)
	}
}
