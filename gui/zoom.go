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
	who      *widget.Entry
	findB    *widget.Button
	meB      *widget.Button
	user     *widget.Label
	progress *widget.ProgressBarInfinite
	problem  *problemView
	panel    *photoPanel

	shown   zoom.User
	gen     int
	loaded  bool
	content fyne.CanvasObject
}

func newZoomTab(u *UI) *zoomTab {
	t := &zoomTab{u: u}
	s := u.signInFor(Zoom)
	t.bar = s.newBar()
	t.who = widget.NewEntry()
	t.who.SetPlaceHolder("Another user's email address (Zoom admins)")
	t.who.OnSubmitted = func(string) { t.onFind() }
	t.findB = &widget.Button{Text: "Find", Icon: theme.SearchIcon(), OnTapped: t.onFind}
	t.meB = &widget.Button{Text: "Me", Icon: theme.AccountIcon(), OnTapped: t.onMe}
	t.user = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.user.Wrapping = fyne.TextWrapWord
	t.progress = widget.NewProgressBarInfinite()
	t.progress.Stop()
	t.progress.Hide()
	t.problem = newProblemView(u, Zoom)
	t.panel = newPhotoPanel(u, Zoom, "Zoom", "picture", "Sign in to Zoom to see your profile picture.")
	search := container.NewBorder(nil, nil, t.meB, t.findB, t.who)
	body := container.NewVBox(search, t.progress, t.user, t.problem.content, t.panel.content)
	t.content = container.NewBorder(t.bar.content, nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	s.onChange(t.signInChanged)
	return t
}

func (t *zoomTab) opened() {
	if !t.loaded {
		t.load(zoom.Me)
	}
}

func (t *zoomTab) dropped(uris []fyne.URI) { t.panel.dropped(uris) }

func (t *zoomTab) signInChanged() {
	t.loaded = false
	if t.u.list[t.u.tabs.SelectedIndex()] == t {
		t.load(zoom.Me)
	}
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
	t.loaded = true
	t.gen++
	gen := t.gen
	t.problem.show(nil)
	t.progress.Stop() // a load in progress is dropped (gen): its spinner too
	t.progress.Hide()
	if s := t.u.signInFor(Zoom); s.state == checking {
		t.loaded = false // loads when the sign-in check finishes
		return
	} else if !s.ready() {
		t.user.SetText("")
		t.panel.emptyHint = "Sign in to Zoom to see your profile picture."
		t.panel.setTarget(nil)
		return
	}
	if who == zoom.Me {
		t.user.SetText("Loading your Zoom profile…")
	} else {
		t.user.SetText("Looking up " + who + "…")
	}
	t.progress.Show()
	t.progress.Start()
	services := t.u.env.Services
	t.u.goDo(func() {
		c, err := services.Zoom()
		var usr zoom.User
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			usr, err = c.User(ctx, who)
			cancel()
		}
		t.u.do(func() {
			if gen != t.gen {
				return
			}
			t.progress.Stop()
			t.progress.Hide()
			if err != nil {
				// Keep showing the previous user; say what went wrong.
				t.user.SetText(describeUser(t.shown))
				t.problem.show(err)
				return
			}
			t.shown = usr
			t.user.SetText(describeUser(usr))
			t.panel.setTarget(photo.ZoomUser(c, usr))
		})
	})
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
