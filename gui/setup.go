package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// The first-run assistant: before LogoDesk can sign in to Zoho or Zoom, someone
// registers it once with the vendor. Instead of an error naming fields in
// Settings, the admin is walked through it: the steps, the redirect address to
// paste (with a Copy button), and the two fields to fill, then the sign-in goes on.

// setupSteps are the registration steps for p, as the README gives them.
func setupSteps(p Provider) []string {
	if p == Zoom {
		return []string{
			"Open marketplace.zoom.us and choose Develop \u2192 Build App \u2192 General App (user-managed).",
			"Paste the address below as the OAuth Redirect URL, and add it to the allow list too.",
			"Add the scopes user:read:user and user:write:profile_picture (admins who change other people's pictures: the :admin ones too).",
			"Copy the Client ID and Client Secret into the fields below.",
		}
	}
	return []string{
		"Open the Zoho API Console (api-console.zoho.com, or your data centre's, e.g. api-console.zoho.eu) and choose Add Client.",
		"Pick \u201cMobile-based Applications\u201d and name it LogoDesk; any page of yours will do as the homepage.",
		"Paste the address below as the Authorized Redirect URI, exactly as it is.",
		"Create it, then copy the Client ID (and the Client Secret, if Zoho shows one) into the fields below.",
	}
}

// showSetup opens the assistant for p; on "Save and sign in" the client details
// are kept (off the UI goroutine: the keyring may ask for a password) and the
// sign-in starts.
func (u *UI) showSetup(p Provider) {
	accts := u.env.Accounts
	if accts == nil || u.setupOpen {
		return
	}
	u.setupOpen = true
	u.goDo(func() {
		cs, redirect := accts.ClientSettings(p), accts.RedirectURI(p)
		u.do(func() { u.openSetup(p, cs, redirect) })
	})
}

func (u *UI) openSetup(p Provider, cs ClientSettings, redirect string) {
	id, secret := entryWith(u, cs.ID, false), entryWith(u, cs.Secret, true)
	id.SetPlaceHolder("Client ID from " + p.Title())
	secret.SetPlaceHolder("Client secret (if " + p.Title() + " gave one)")
	problem := wrapLabel("")
	problem.Importance = widget.DangerImportance
	intro := wrapLabel(fmt.Sprintf("LogoDesk signs in to %s through your browser, so it never sees your password. "+
		"For that, %s needs to know LogoDesk once: someone who manages %s for your company does these steps (about five minutes).",
		p.Title(), p.Title(), p.Title()))
	items := []fyne.CanvasObject{intro}
	for i, step := range setupSteps(p) {
		items = append(items, wrapLabel(fmt.Sprintf("%d. %s", i+1, step)))
		if strings.Contains(step, "address below") {
			items = append(items, copyable(u, redirect))
		}
	}
	items = append(items, widget.NewForm(widget.NewFormItem("Client ID", id), widget.NewFormItem("Client secret", secret)), problem)
	var d dialog.Dialog
	save := &widget.Button{Text: "Save and sign in", Importance: widget.HighImportance}
	closeSetup := func() {
		u.setupOpen = false
		d.Hide()
	}
	cancel := &widget.Button{Text: "Not now", OnTapped: closeSetup}
	save.OnTapped = func() {
		c := ClientSettings{ID: strings.TrimSpace(id.Text), Secret: strings.TrimSpace(secret.Text)}
		if c.ID == "" {
			problem.SetText("Paste the Client ID from " + p.Title() + " first.")
			return
		}
		save.Disable()
		accts := u.env.Accounts
		u.goDo(func() {
			err := accts.SetClientSettings(p, c)
			u.do(func() {
				save.Enable()
				if err != nil {
					problem.SetText(plainSentence(err))
					return
				}
				closeSetup()
				s := u.signInFor(p)
				s.needsSetup = false
				s.onSignIn()
			})
		})
	}
	content := container.NewBorder(nil, container.NewHBox(cancel, save), nil, nil,
		container.NewVScroll(container.NewVBox(items...)))
	d = dialog.NewCustomWithoutButtons("Connect LogoDesk to "+p.Title(), content, u.win)
	d.Resize(fyne.NewSize(640, 560))
	u.showDialog(d, closeSetup)
	u.win.Canvas().Focus(id)
}
