package gui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/photo"
	"logodesk/service/zoom"
)

// zoomTab shows a Zoom user's profile picture: the signed-in user ("Me") by
// default; admins can look up anyone in the account by email.
type zoomTab struct {
	u        *UI
	bar      *signInBar
	who      *keyEntry
	findB    *widget.Button
	meB      *widget.Button
	user     *widget.Label
	progress *widget.ProgressBarInfinite
	problem  *problemView
	panel    *photoPanel
	bulkB    *widget.Button
	bulk     *zoomBulk // "Pictures from a folder": everyone's picture at once
	single   fyne.CanvasObject

	shown   zoom.User
	loading tabLoad
	content fyne.CanvasObject
}

// zoomData is what a lookup fetches.
type zoomData struct {
	client *zoom.Client
	user   zoom.User
}

func newZoomTab(u *UI) *zoomTab {
	t := &zoomTab{u: u}
	s := u.signInFor(Zoom)
	t.bar = s.newBar()
	t.who = newKeyEntry(u)
	t.who.SetPlaceHolder("Another user's email address (Zoom admins)")
	t.who.OnSubmitted = func(string) { t.onFind() }
	t.findB = &widget.Button{Text: "Find", Icon: theme.SearchIcon(), OnTapped: t.onFind}
	t.meB = &widget.Button{Text: "Me", Icon: theme.AccountIcon(), OnTapped: t.onMe}
	t.user = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.user.Wrapping = fyne.TextWrapWord
	t.progress = widget.NewProgressBarInfinite()
	t.progress.Stop()
	t.progress.Hide()
	t.loading = tabLoad{u: u, p: Zoom, tab: t, load: t.onMe, signedOut: t.signedOut, spinner: t.progress}
	t.problem = newProblemView(u, Zoom)
	t.panel = newPhotoPanel(u, Zoom, "Zoom", "picture", "Sign in to Zoom to see your profile picture.")
	t.panel.setRound(true) // Zoom shows profile pictures in a circle
	t.bulkB = &widget.Button{Text: "Pictures from a folder…", Icon: theme.FolderOpenIcon(), OnTapped: t.showBulk}
	t.bulk = newZoomBulk(u, t)
	search := container.NewBorder(nil, nil, t.meB, container.NewHBox(t.findB, t.bulkB), t.who)
	body := container.NewVBox(search, t.progress, t.user, t.problem.content, t.panel.content)
	t.single = container.NewVScroll(centredColumn(container.NewPadded(body)))
	t.content = container.NewBorder(t.bar.content, nil, nil, nil, container.NewStack(t.single, t.bulk.content))
	s.onChange(t.loading.signInChanged)
	return t
}

func (t *zoomTab) opened() { t.loading.opened() }

func (t *zoomTab) dropped(_ fyne.Position, uris []fyne.URI) {
	if t.bulk.visible() {
		t.bulk.dropped(uris)
		return
	}
	t.panel.dropped(uris)
}

// showBulk swaps the one-user view for "Pictures from a folder", and hideBulk back.
func (t *zoomTab) showBulk() {
	t.single.Hide()
	t.bulk.content.Show()
}

func (t *zoomTab) hideBulk() {
	t.bulk.content.Hide()
	t.single.Show()
}

func (t *zoomTab) signedOut() {
	t.user.SetText("")
	t.panel.emptyHint = "Sign in to Zoom to see your profile picture."
	t.panel.setTarget(nil, "")
}

func (t *zoomTab) onMe() {
	t.who.SetText("")
	t.load(zoom.Me)
}

func (t *zoomTab) onFind() {
	q := strings.TrimSpace(t.who.Text)
	if q == "" {
		t.onMe()
		return
	}
	if !strings.Contains(q, "@") {
		t.problem.show(nil)
		t.user.SetText("Type the user's full email address, such as jane@example.com.")
		return
	}
	t.load(q)
}

// load shows user who ("me", an id or an email).
func (t *zoomTab) load(who string) {
	t.problem.show(nil)
	if !t.loading.start() {
		return
	}
	// Nobody is shown while a lookup runs: the panel must never show, or take a
	// drop for, someone other than the person the search box names.
	t.shown = zoom.User{}
	if who == zoom.Me {
		t.user.SetText("Loading your Zoom profile…")
		t.panel.emptyHint = "Loading your Zoom profile…"
	} else {
		t.user.SetText("Looking up " + who + "…")
		t.panel.emptyHint = "Looking up " + who + "…"
	}
	t.panel.setTarget(nil, "")
	services := t.u.env.Services
	fetch(&t.loading, func() (zoomData, error) {
		c, err := services.Zoom()
		if err != nil {
			return zoomData{}, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		usr, err := c.User(ctx, who)
		return zoomData{client: c, user: usr}, err
	}, t.show)
}

func (t *zoomTab) show(d zoomData, err error) {
	if err != nil {
		t.user.SetText("")
		t.panel.emptyHint = "No one is shown. Type a user's email and press Find, or press Me for your own picture."
		t.panel.setTarget(nil, "")
		t.problem.show(err)
		return
	}
	t.shown = d.user
	t.user.SetText(describeUser(d.user))
	t.panel.setTarget(photo.ZoomUser(d.client, d.user), d.user.Name())
}

func describeUser(u zoom.User) string {
	if u.ID == "" {
		return ""
	}
	s := u.Name()
	if u.Email != "" && u.Email != s {
		s += " <" + u.Email + ">"
	}
	return s
}
