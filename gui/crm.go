package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/photo"
)

// crmTab shows the Zoho CRM organization and its photo (the logo in CRM).
type crmTab struct {
	u       *UI
	bar     *signInBar
	org     *widget.Label
	panel   *photoPanel
	problem *problemView
	loaded  bool
	gen     int // bumped on every load: a late answer for an older one is dropped
	content fyne.CanvasObject
}

func newCRMTab(u *UI) *crmTab {
	t := &crmTab{u: u}
	s := u.signInFor(Zoho)
	t.bar = s.newBar()
	t.org = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.panel = newPhotoPanel(u, Zoho, "Zoho CRM", "logo", "Sign in to Zoho to see your organization's logo.")
	t.problem = newProblemView(u, Zoho)
	body := container.NewVBox(t.org, t.problem.content, t.panel.content)
	t.content = container.NewBorder(t.bar.content, nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	s.onChange(t.signInChanged)
	return t
}

func (t *crmTab) opened() {
	if !t.loaded {
		t.load()
	}
}

func (t *crmTab) dropped(uris []fyne.URI) { t.panel.dropped(uris) }

func (t *crmTab) signInChanged() {
	t.loaded = false
	if t.u.list[t.u.tabs.SelectedIndex()] == t {
		t.load()
	}
}

func (t *crmTab) load() {
	t.gen++
	gen := t.gen
	t.loaded = true
	t.problem.show(nil)
	if s := t.u.signInFor(Zoho); s.state == checking {
		t.loaded = false // loads when the sign-in check finishes
		return
	} else if !s.ready() {
		t.org.SetText("")
		t.panel.emptyHint = "Sign in to Zoho to see your organization's logo."
		t.panel.setTarget(nil)
		return
	}
	t.org.SetText("Loading the organization…")
	services := t.u.env.Services
	t.u.goDo(func() {
		c, err := services.CRM()
		if err != nil {
			t.u.do(func() {
				if gen != t.gen {
					return
				}
				t.org.SetText("")
				t.problem.show(err)
				t.panel.setTarget(nil)
			})
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		org, orgErr := c.Org(ctx)
		t.u.do(func() {
			if gen != t.gen {
				return
			}
			if orgErr != nil {
				t.org.SetText("")
				t.problem.show(orgErr)
			} else {
				t.org.SetText("Organization: " + org.Name)
			}
			t.panel.setTarget(photo.CRMOrg(c))
		})
	})
}
