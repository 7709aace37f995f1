package gui

import (
	"context"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

type signInState int

const (
	checking signInState = iota
	signedOut
	waiting
	signedIn
	fixed
)

// signIn is one vendor's sign-in, shared by every tab that needs it (the Zoho
// sign-in serves the CRM, Bigin and Contracts tabs). All fields are touched on
// the UI goroutine only.
type signIn struct {
	u       *UI
	p       Provider
	state   signInState
	account Account
	url     string
	problem string // last sign-in failure, one plain sentence
	// needsSetup: the last failure was LogoDesk not being registered with the
	// vendor (or refused as registered); the bar offers the assistant.
	needsSetup bool
	cancel     context.CancelFunc
	attempt    int // bumped by each sign-in and cancel: a late answer of an older attempt is dropped

	bars      []*signInBar
	listeners []func()
}

func newSignIn(u *UI, p Provider) *signIn {
	s := &signIn{u: u, p: p}
	switch {
	case u.env.Fixed != "":
		s.state = fixed
	case u.env.Accounts == nil:
		s.state = signedOut
	}
	return s
}

// check looks up the stored sign-in (the keyring may be slow) and tells the
// tabs; New calls it once every tab is built.
func (s *signIn) check() {
	if s.state != checking {
		return
	}
	accts, p := s.u.env.Accounts, s.p
	s.u.goDo(func() {
		acc, ok := accts.Account(p)
		s.u.do(func() {
			if s.state != checking {
				return
			}
			if ok {
				s.state, s.account = signedIn, acc
			} else {
				s.state = signedOut
			}
			s.changed(true)
		})
	})
}

// ready reports whether service calls can be tried.
func (s *signIn) ready() bool { return s.state == signedIn || s.state == fixed }

// onChange registers f to run (on the UI goroutine) when someone signs in or out.
func (s *signIn) onChange(f func()) { s.listeners = append(s.listeners, f) }

func (s *signIn) changed(notify bool) {
	for _, b := range s.bars {
		b.refresh()
	}
	if notify {
		for _, f := range s.listeners {
			f()
		}
	}
}

func (s *signIn) dataCentreLabel(code string) string {
	if code == "" {
		return ""
	}
	if s.u.env.Accounts != nil {
		for _, dc := range s.u.env.Accounts.DataCentres() {
			if strings.EqualFold(dc.Code, code) {
				return dc.Label
			}
		}
	}
	return strings.ToUpper(code) + " data centre"
}

func (s *signIn) onSignIn() {
	if s.u.env.Accounts == nil || s.state == waiting {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.attempt++
	attempt := s.attempt
	s.state, s.url, s.problem, s.cancel = waiting, "", "", cancel
	s.changed(false)
	accts := s.u.env.Accounts
	dc := s.u.app.Preferences().String(prefZohoDC)
	s.u.goDo(func() {
		acc, err := accts.SignIn(ctx, s.p, dc, func(link string) {
			s.u.do(func() {
				if s.state == waiting && s.attempt == attempt {
					s.url = link
					s.changed(false)
				}
			})
		})
		cancelled := ctx.Err() != nil
		cancel()
		s.u.do(func() {
			if s.state != waiting || s.attempt != attempt {
				return
			}
			s.cancel = nil
			switch {
			case err == nil:
				s.state, s.account = signedIn, acc
				if acc.DC != "" && s.p == Zoho {
					s.u.app.Preferences().SetString(prefZohoDC, acc.DC)
				}
				s.changed(true)
			case accts.Cancelled(err) || cancelled:
				s.state = signedOut
				s.changed(false)
			default:
				s.state = signedOut
				s.problem = plainSentence(err)
				s.needsSetup = accts.NeedsSetup(err)
				s.changed(false)
				if s.needsSetup {
					s.u.showSetup(s.p)
				}
			}
		})
	})
}

func (s *signIn) onCancel() {
	s.attempt++
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	if s.state == waiting {
		s.state = signedOut
		s.changed(false)
	}
}

func (s *signIn) onSignOut() {
	if s.u.env.Accounts == nil || s.state != signedIn {
		return
	}
	accts := s.u.env.Accounts
	s.state = signedOut
	s.account = Account{}
	s.changed(false)
	s.u.goDo(func() {
		err := accts.SignOut(context.Background(), s.p)
		s.u.do(func() {
			if err != nil {
				s.problem = "Signed out here, but " + s.p.Title() + " may not have been told: " + plainSentence(err)
			}
			s.changed(true)
		})
	})
}

// signInBar shows one signIn in one tab.
type signInBar struct {
	s        *signIn
	status   *widget.Label
	signInB  *widget.Button
	setupB   *widget.Button // the first-run assistant, after a "not registered" failure
	cancelB  *widget.Button
	signOutB *widget.Button
	copyB    *widget.Button
	link     *widget.Hyperlink
	spinner  *widget.Activity // turns while LogoDesk checks or waits for the browser
	content  fyne.CanvasObject
}

func (s *signIn) newBar() *signInBar {
	b := &signInBar{s: s}
	b.status = widget.NewLabel("")
	b.status.Wrapping = fyne.TextWrapWord
	b.signInB = &widget.Button{Text: "Sign in to " + s.p.Title() + "…", Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: s.onSignIn}
	b.setupB = &widget.Button{Text: "Set up " + s.p.Title() + " sign-in…", Icon: theme.SettingsIcon(), OnTapped: func() { s.u.showSetup(s.p) }}
	b.cancelB = &widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: s.onCancel}
	b.signOutB = &widget.Button{Text: "Sign out", Icon: theme.LogoutIcon(), Importance: widget.LowImportance, OnTapped: s.onSignOut}
	b.copyB = &widget.Button{Text: "Copy link", Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance, OnTapped: b.onCopy}
	b.link = widget.NewHyperlink("Open the sign-in page", nil)
	b.spinner = widget.NewActivity()
	buttons := container.NewHBox(b.spinner, b.setupB, b.signInB, b.cancelB, b.link, b.copyB, b.signOutB)
	b.content = container.NewBorder(nil, widget.NewSeparator(), nil, buttons, b.status)
	s.bars = append(s.bars, b)
	b.refresh()
	return b
}

func (b *signInBar) onCopy() {
	b.s.u.app.Clipboard().SetContent(b.s.url)
	b.copyB.SetText("Copied")
}

// refresh shows the sign-in's state; UI goroutine only.
func (b *signInBar) refresh() {
	s := b.s
	show := func(o fyne.CanvasObject, v bool) {
		if v {
			o.Show()
		} else {
			o.Hide()
		}
	}
	var text string
	switch s.state {
	case checking:
		text = "Checking your " + s.p.Title() + " sign-in…"
	case signedOut:
		text = "Not signed in to " + s.p.Title() + "."
		if s.p == Zoho {
			text = "Not signed in to Zoho. One sign-in serves Zoho CRM, Bigin and Zoho Contracts."
		}
		if s.problem != "" {
			text = s.problem
		}
	case waiting:
		text = "Waiting for your browser… Allow LogoDesk on the " + s.p.Title() + " page, then come back here."
		if s.url != "" {
			text += " If no browser opened, copy the link into one."
		}
	case signedIn:
		who := s.account.Name
		if who == "" {
			who = s.account.Email
		}
		text = "Signed in as " + who
		if dc := s.dataCentreLabel(s.account.DC); dc != "" && s.p == Zoho {
			text += " (" + dc + ")"
		}
		if s.problem != "" {
			text += ". " + s.problem
		}
		// Without a keyring the user must know the sign-in sits in a file.
		if note := s.u.env.Accounts.StorageNote(); note != "" {
			text += ". " + note
		}
	case fixed:
		text = s.u.env.Fixed
	}
	b.status.SetText(text)
	show(b.signInB, s.state == signedOut && s.u.env.Accounts != nil)
	show(b.setupB, s.state == signedOut && s.needsSetup && s.u.env.Accounts != nil)
	show(b.cancelB, s.state == waiting)
	show(b.spinner, s.state == waiting || s.state == checking)
	if s.state == waiting || s.state == checking {
		b.spinner.Start()
	} else {
		b.spinner.Stop()
	}
	link, _ := url.Parse(s.url)
	show(b.link, s.state == waiting && s.url != "" && link != nil)
	if link != nil {
		b.link.SetURL(link)
	}
	show(b.copyB, s.state == waiting && s.url != "")
	b.copyB.SetText("Copy link")
	show(b.signOutB, s.state == signedIn && s.u.env.Accounts != nil)
}
