package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	content fyne.CanvasObject
}

func (u *UI) newSettingsForm() *settingsForm {
	f := &settingsForm{u: u}
	f.backups = widget.NewEntry()
	f.backups.SetText(u.backups.Dir)
	backupHelp := wrapLabel("Before LogoDesk replaces or deletes a picture, it saves a copy in this folder (the newest " +
		itoa(backup.DefaultKeep) + " per picture).")
	items := []fyne.CanvasObject{}
	accts := u.env.Accounts
	if accts != nil {
		var labels []string
		for _, dc := range accts.DataCentres() {
			labels = append(labels, dc.Label)
			f.dcCodes = append(f.dcCodes, dc.Code)
		}
		f.dc = widget.NewSelect(labels, nil)
		cur := u.app.Preferences().String(prefZohoDC)
		if acc, ok := accts.Account(Zoho); ok && acc.DC != "" && cur == "" {
			cur = acc.DC
		}
		for i, c := range f.dcCodes {
			if strings.EqualFold(c, cur) {
				f.dc.SetSelectedIndex(i)
			}
		}
		zc, mc := accts.ClientSettings(Zoho), accts.ClientSettings(Zoom)
		f.zohoID, f.zohoSec = entryWith(zc.ID, false), entryWith(zc.Secret, true)
		f.zoomID, f.zoomSec = entryWith(mc.ID, false), entryWith(mc.Secret, true)
		zoho := widget.NewForm(
			widget.NewFormItem("Data centre", f.dc),
			widget.NewFormItem("Client ID", f.zohoID),
			widget.NewFormItem("Client secret", f.zohoSec),
			widget.NewFormItem("Redirect URI", copyable(u, accts.RedirectURI(Zoho))),
		)
		zoom := widget.NewForm(
			widget.NewFormItem("Client ID", f.zoomID),
			widget.NewFormItem("Client secret", f.zoomSec),
			widget.NewFormItem("Redirect URI", copyable(u, accts.RedirectURI(Zoom))),
		)
		items = append(items,
			heading("Zoho (CRM, Bigin, Contracts)"), wrapLabel(zohoHowTo), zoho,
			widget.NewSeparator(),
			heading("Zoom"), wrapLabel(zoomHowTo), zoom,
			widget.NewSeparator())
		if note := accts.StorageNote(); note != "" {
			items = append(items, wrapLabel(note))
		}
	} else if u.env.Fixed != "" {
		items = append(items, wrapLabel(u.env.Fixed+" Sign-in settings are not used."), widget.NewSeparator())
	}
	items = append(items, heading("Backups"), backupHelp, widget.NewForm(widget.NewFormItem("Folder", f.backups)))
	f.content = container.NewVScroll(container.NewVBox(items...))
	return f
}

func (u *UI) showSettings() {
	if u.settingsOpen {
		return
	}
	u.settingsOpen = true
	f := u.newSettingsForm()
	d := dialog.NewCustomConfirm("Settings", "Save", "Cancel", f.content, func(ok bool) {
		u.settingsOpen = false
		if ok {
			if err := f.save(); err != nil {
				dialog.ShowError(err, u.win)
			}
		}
	}, u.win)
	s := u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(s.Width*0.9, 760), s.Height*0.9))
	d.Show()
}

// save applies the form: client details go to the sign-in store, the rest to preferences.
func (f *settingsForm) save() error {
	u := f.u
	if dir := strings.TrimSpace(f.backups.Text); dir != "" && dir != u.backups.Dir {
		u.app.Preferences().SetString(prefBackupDir, dir)
		u.backups = &backup.Store{Dir: dir, Keep: u.backups.Keep}
	}
	accts := u.env.Accounts
	if accts == nil {
		return nil
	}
	if i := f.dc.SelectedIndex(); i >= 0 {
		u.app.Preferences().SetString(prefZohoDC, f.dcCodes[i])
	}
	if err := accts.SetClientSettings(Zoho, ClientSettings{ID: strings.TrimSpace(f.zohoID.Text), Secret: strings.TrimSpace(f.zohoSec.Text)}); err != nil {
		return err
	}
	return accts.SetClientSettings(Zoom, ClientSettings{ID: strings.TrimSpace(f.zoomID.Text), Secret: strings.TrimSpace(f.zoomSec.Text)})
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
