package gui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"logodesk/service/apply"
	"logodesk/service/limits"
	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// heldFitter is the real fitter whose Fit waits until the test lets it go, so
// the window can be looked at between the quick preview and the fitted picture.
type heldFitter struct {
	Images
	started chan struct{} // receives one value per Fit call, once it is waiting
	release chan error    // a value lets one Fit go on; non-nil: it fails with it
}

func newHeldFitter() *heldFitter {
	return &heldFitter{Images: fitter{}, started: make(chan struct{}, 4), release: make(chan error)}
}

func (h *heldFitter) Fit(data []byte, lim limits.Limit, square FitChoice) (Fitted, error) {
	h.started <- struct{}{}
	if err := <-h.release; err != nil {
		return Fitted{}, err
	}
	return h.Images.Fit(data, lim, square)
}

// A dropped photo shows in the New slot before it is fitted, marked as being
// fitted and with nothing to send yet; the fitted picture then takes its place.
func TestDropShowsQuickPreviewWhileFitting(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	held := newHeldFitter()
	u.env.Images = held
	p := u.crm.panel
	path := writeTemp(t, "photo.jpg", sessiontest.JPEG(1600, 1200))

	go drop(u, path)
	<-held.started // the quick preview is shown before Fit is called
	onUI(func() {
		if p.candidate.shown() == nil || !p.candidateBox.Visible() || p.dropBox.Visible() {
			t.Error("no quick preview in the New slot while fitting")
		}
		if !p.candidate.badge.Visible() || !strings.Contains(p.candidate.badgeText.Text, "Fitting") {
			t.Errorf("badge visible=%v %q, want \u201cFitting\u2026\u201d over the preview", p.candidate.badge.Visible(), p.candidate.badgeText.Text)
		}
		if !strings.Contains(p.candidate.caption.Text, "Fitting to Zoho CRM") {
			t.Errorf("caption %q", p.candidate.caption.Text)
		}
		if p.fitted != nil || p.replaceB.Visible() && !p.replaceB.Disabled() {
			t.Error("Replace is offered before the fit is done")
		}
	})
	held.release <- nil
	u.waitIdle()
	if p.fitted == nil || p.candidate.badge.Visible() || p.candidate.shown() != p.fittedThumb {
		t.Fatalf("the fitted candidate did not replace the quick preview (problem %q)", p.problem.text())
	}
	if !strings.Contains(p.candidate.caption.Text, "JPEG") || !p.explain.Visible() {
		t.Errorf("caption %q, explanation shown %v", p.candidate.caption.Text, p.explain.Visible())
	}

	// A second file that can't be fitted leaves the first candidate, not its quick preview.
	first, firstThumb := p.fitted, p.fittedThumb
	go drop(u, writeTemp(t, "second.png", sessiontest.PNG(300, 300)))
	<-held.started
	onUI(func() {
		if p.candidate.shown() == firstThumb {
			t.Error("the second file's quick preview is not shown")
		}
	})
	held.release <- errors.New("this picture can't be used")
	u.waitIdle()
	if p.fitted != first || p.candidate.shown() != firstThumb || p.candidate.badge.Visible() || !p.explain.Visible() {
		t.Fatal("after a failed fit the New slot does not show the candidate before")
	}
	if !strings.Contains(p.problem.text(), "still here") {
		t.Errorf("problem %q", p.problem.text())
	}
}

// On the Brand tab a dropped logo shows in each row it can go to at once,
// captioned as being fitted, with Apply off until the fitted logos replace it.
func TestBrandDropShowsQuickPreviewWhileFitting(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newBrandTestUI(t, e.Session)
	b := u.brand
	drop(u, writeTemp(t, "first.png", sessiontest.PNG(600, 300)))
	if b.applyB.Disabled() {
		t.Fatal("Apply is off after the first logo was fitted")
	}
	started, release := make(chan struct{}), make(chan struct{})
	b.prepare = func(ctx context.Context, data []byte, targets []apply.Target) ([]apply.Candidate, error) {
		started <- struct{}{}
		<-release
		return apply.Prepare(ctx, data, targets)
	}

	go drop(u, writeTemp(t, "logo.jpg", sessiontest.JPEG(1600, 800)))
	<-started
	onUI(func() {
		for _, id := range []string{apply.CRM, apply.Bigin, apply.Zoom} {
			r := brandRowOf(t, u, id)
			if r.candidate.shown() == nil || r.candidate.caption.Text != "Fitting\u2026" {
				t.Errorf("%s row while fitting: shown=%v caption %q", id, r.candidate.shown() != nil, r.candidate.caption.Text)
			}
		}
		if !b.applyB.Disabled() {
			t.Error("Apply is on while the rows show a logo not fitted yet")
		}
	})
	close(release)
	u.waitIdle()
	r := brandRowOf(t, u, apply.CRM)
	if r.candidate.caption.Text == "Fitting\u2026" || r.cand == nil || b.applyB.Disabled() {
		t.Fatalf("after the fit: caption %q, candidate %v, Apply disabled %v", r.candidate.caption.Text, r.cand != nil, b.applyB.Disabled())
	}
}
