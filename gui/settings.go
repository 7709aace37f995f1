package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/backup"
)

const zohoHowTo = `To sign in, LogoDesk needs an OAuth client that your Zoho administrator registers once:
1. Open the Zoho API Console (api-console.zoho.com, or the one of your data centre) and choose Add Client.
2. Pick "Mobile-based Applications" (LogoDesk proves itself with PKCE), name it LogoDesk, and paste the redirect URI below as the Authorized Redirect URI.
3. Copy the Client ID (and the Client Secret, if one is shown) into the fields here.`

const zoomHowTo = `To sign in, LogoDesk needs an OAuth app that you create once in the Zoom App Marketplace:
1. Open marketplace.zoom.us, choose Develop → Build App → General App (user-managed).
2. Paste the redirect URI below as the OAuth Redirect URL and add it to the allow list.
3. Add the scopes user:read:user and user:write:profile_picture (admins: the :admin variants too).
4. Copy the Client ID (and Client Secret) into the fields here.`

// settingsData is what the Settings dialog shows that lives in the keyring; it is
// read off the UI goroutine, as a locked keyring may ask for a password first.
type settingsData struct {
	dcs          []DataCentre
	accountDC    string
	zoho, zoom   ClientSettings
	zohoRedirect string
	zoomRedirect string
	storageNote  string
}

// loadSettings reads the keyring; it may block, so it never runs on the UI goroutine.
func (u *UI) loadSettings() settingsData {
	var d settingsData
	accts := u.env.Accounts
	if accts == nil {
		return d
	}
	d.dcs = accts.DataCentres()
	if acc, ok := accts.Account(Zoho); ok {
		d.accountDC = acc.DC
	}
	d.zoho, d.zoom = accts.ClientSettings(Zoho), accts.ClientSettings(Zoom)
	d.zohoRedirect, d.zoomRedirect = accts.RedirectURI(Zoho), accts.RedirectURI(Zoom)
	d.storageNote = accts.StorageNote()
	return d
}

// settingsForm is the Settings dialog's content and what it saves.
type settingsForm struct {
	u       *UI
	dc      *widget.Select
	dcCodes []string
	zohoID  *widget.Entry
	zohoSec *widget.Entry
	zoomID  *widget.Entry
	zoomSec *widget.Entry
	backups *widget.Entry
	problem *widget.Label
	content fyne.CanvasObject
}

func (u *UI) newSettingsForm(d settingsData) *settingsForm {
	f := &settingsForm{u: u, problem: wrapLabel("")}
	f.problem.Importance = widget.DangerImportance
	f.backups = widget.NewEntry()
	f.backups.SetText(u.backups.Dir)
	backupHelp := wrapLabel("Before LogoDesk replaces or deletes a picture, it saves a copy in this folder (the newest " +
		itoa(backup.DefaultKeep) + " per picture).")
	items := []fyne.CanvasObject{}
	if u.env.Accounts != nil {
		var labels []string
		for _, dc := range d.dcs {
			labels = append(labels, dc.Label)
			f.dcCodes = append(f.dcCodes, dc.Code)
		}
		f.dc = widget.NewSelect(labels, nil)
		cur := u.app.Preferences().String(prefZohoDC)
		if cur == "" {
			cur = d.accountDC
		}
		if cur == "" {
			cur = "us" // Zoho's own default; its sign-in page moves other accounts to their data centre
		}
		for i, c := range f.dcCodes {
			if strings.EqualFold(c, cur) {
				f.dc.SetSelectedIndex(i)
			}
		}
		f.zohoID, f.zohoSec = entryWith(d.zoho.ID, false), entryWith(d.zoho.Secret, true)
		f.zoomID, f.zoomSec = entryWith(d.zoom.ID, false), entryWith(d.zoom.Secret, true)
		zoho := widget.NewForm(
			widget.NewFormItem("Data centre", f.dc),
			widget.NewFormItem("Client ID", f.zohoID),
			widget.NewFormItem("Client secret", f.zohoSec),
			widget.NewFormItem("Redirect URI", copyable(u, d.zohoRedirect)),
		)
		zoom := widget.NewForm(
			widget.NewFormItem("Client ID", f.zoomID),
			widget.NewFormItem("Client secret", f.zoomSec),
			widget.NewFormItem("Redirect URI", copyable(u, d.zoomRedirect)),
		)
		items = append(items,
			heading("Zoho (CRM, Bigin, Contracts)"), wrapLabel(zohoHowTo), zoho,
			widget.NewSeparator(),
			heading("Zoom"), wrapLabel(zoomHowTo), zoom,
			widget.NewSeparator())
		if d.storageNote != "" {
			items = append(items, wrapLabel(d.storageNote))
		}
	} else if u.env.Fixed != "" {
		items = append(items, wrapLabel(u.env.Fixed+" Sign-in settings are not used."), widget.NewSeparator())
	}
	items = append(items, heading("Backups"), backupHelp, widget.NewForm(widget.NewFormItem("Folder", f.backups)), f.problem)
	f.content = container.NewVScroll(container.NewVBox(items...))
	return f
}

// showSettings reads the keyring in the background, then opens the dialog. A
// failed save keeps the dialog open with everything the admin typed.
func (u *UI) showSettings() {
	if u.settingsOpen {
		return
	}
	u.settingsOpen = true
	u.goDo(func() {
		d := u.loadSettings()
		u.do(func() {
			f := u.newSettingsForm(d)
			var dlg dialog.Dialog
			var saveB, cancelB *widget.Button
			cancelB = widget.NewButton("Cancel", func() {
				u.settingsOpen = false
				dlg.Hide()
			})
			saveB = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: func() {
				f.problem.SetText("")
				f.savePrefs()
				saveB.Disable()
				cancelB.Disable()
				clients := f.clients()
				u.goDo(func() {
					err := f.saveClients(clients)
					u.do(func() {
						saveB.Enable()
						cancelB.Enable()
						if err != nil {
							f.problem.SetText("Not saved: " + plainSentence(err))
							return
						}
						u.settingsOpen = false
						dlg.Hide()
					})
				})
			}}
			body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancelB, saveB), nil, nil, f.content)
			dlg = dialog.NewCustomWithoutButtons("Settings", body, u.win)
			s := u.win.Canvas().Size()
			dlg.Resize(fyne.NewSize(min(s.Width*0.9, 760), s.Height*0.9))
			dlg.Show()
		})
	})
}

// savePrefs applies what lives in preferences: the backup folder and the data centre.
func (f *settingsForm) savePrefs() {
	u := f.u
	if dir := strings.TrimSpace(f.backups.Text); dir != "" && dir != u.backups.Dir {
		u.app.Preferences().SetString(prefBackupDir, dir)
		u.backups = &backup.Store{Dir: dir, Keep: u.backups.Keep}
	}
	if f.dc != nil {
		if i := f.dc.SelectedIndex(); i >= 0 {
			u.app.Preferences().SetString(prefZohoDC, f.dcCodes[i])
		}
	}
}

// clients reads the client details typed in the form (on the UI goroutine).
func (f *settingsForm) clients() map[Provider]ClientSettings {
	if f.u.env.Accounts == nil {
		return nil
	}
	return map[Provider]ClientSettings{
		Zoho: {ID: strings.TrimSpace(f.zohoID.Text), Secret: strings.TrimSpace(f.zohoSec.Text)},
		Zoom: {ID: strings.TrimSpace(f.zoomID.Text), Secret: strings.TrimSpace(f.zoomSec.Text)},
	}
}

// saveClients writes the client details to the keyring; it may block, so it runs off the UI goroutine.
func (f *settingsForm) saveClients(c map[Provider]ClientSettings) error {
	accts := f.u.env.Accounts
	if accts == nil {
		return nil
	}
	for _, p := range []Provider{Zoho, Zoom} {
		if err := accts.SetClientSettings(p, c[p]); err != nil {
			return err
		}
	}
	return nil
}

func entryWith(text string, secret bool) *widget.Entry {
	var e *widget.Entry
	if secret {
		e = widget.NewPasswordEntry()
	} else {
		e = widget.NewEntry()
	}
	e.SetText(text)
	return e
}

// copyable is read-only text with a Copy button.
func copyable(u *UI, text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	l.Selectable = true
	var b *widget.Button
	b = &widget.Button{Text: "Copy", Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance, OnTapped: func() {
		u.app.Clipboard().SetContent(text)
		b.SetText("Copied")
	}}
	return container.NewBorder(nil, nil, nil, b, l)
}

func heading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}
