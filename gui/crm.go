package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/crm"
	"logodesk/service/photo"
)

// crmTab shows the Zoho CRM organization and its photo (the logo in CRM).
type crmTab struct {
	u       *UI
	bar     *signInBar
	org     *widget.Label
	panel   *photoPanel
	problem *problemView
	loading tabLoad
	content fyne.CanvasObject
}

// crmData is what the tab fetches: the client, and the organization (orgErr
// alone does not stop the logo from showing).
type crmData struct {
	client *crm.Client
	org    crm.Org
	orgErr error
}

func newCRMTab(u *UI) *crmTab {
	t := &crmTab{u: u}
	s := u.signInFor(Zoho)
	t.bar = s.newBar()
	t.org = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.panel = newPhotoPanel(u, Zoho, "Zoho CRM", "logo", "Sign in to Zoho to see your organization's logo.")
	t.problem = newProblemView(u, Zoho)
	body := container.NewVBox(t.org, t.problem.content, t.panel.content)
	t.content = container.NewBorder(t.bar.content, nil, nil, nil, container.NewVScroll(centredColumn(container.NewPadded(body))))
	t.loading = tabLoad{u: u, p: Zoho, tab: t, load: t.load, signedOut: t.signedOut}
	s.onChange(t.loading.signInChanged)
	return t
}

func (t *crmTab) opened() { t.loading.opened() }

func (t *crmTab) dropped(_ fyne.Position, uris []fyne.URI) { t.panel.dropped(uris) }

func (t *crmTab) signedOut() {
	t.org.SetText("")
	t.panel.emptyHint = "Sign in to Zoho to see your organization's logo."
	t.panel.setTarget(nil, "")
}

func (t *crmTab) load() {
	t.problem.show(nil)
	if !t.loading.start() {
		return
	}
	t.org.SetText("Loading the organization…")
	services := t.u.env.Services
	fetch(&t.loading, func() (crmData, error) {
		c, err := services.CRM()
		if err != nil {
			return crmData{}, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		org, orgErr := c.Org(ctx)
		return crmData{client: c, org: org, orgErr: orgErr}, nil
	}, t.show)
}

func (t *crmTab) show(d crmData, err error) {
	if err != nil {
		t.org.SetText("")
		t.problem.show(err)
		t.panel.setTarget(nil, "")
		return
	}
	if d.orgErr != nil {
		t.org.SetText("")
		t.problem.show(d.orgErr)
	} else {
		t.org.SetText("Organization: " + d.org.Name)
	}
	t.panel.setTarget(photo.CRMOrg(d.client), d.org.Name)
}
