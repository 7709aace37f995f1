package gui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
	u        *UI
	dc       *widget.Select
	dcCodes  []string
	zohoID   *keyEntry
	zohoSec  *keyEntry
	zoomID   *keyEntry
	zoomSec  *keyEntry
	backups  *keyEntry
	advanced *widget.Accordion // the raw OAuth fields, folded; nil in the sandbox
	problem  *widget.Label
	content  fyne.CanvasObject
}

func (u *UI) newSettingsForm(d settingsData) *settingsForm {
	f := &settingsForm{u: u, problem: wrapLabel("")}
	f.problem.Importance = widget.DangerImportance
	f.backups = entryWith(u, u.backups.Dir, false)
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
		f.zohoID, f.zohoSec = entryWith(u, d.zoho.ID, false), entryWith(u, d.zoho.Secret, true)
		f.zoomID, f.zoomSec = entryWith(u, d.zoom.ID, false), entryWith(u, d.zoom.Secret, true)
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
		if u.env.Sandbox {
			// The sandbox knows LogoDesk already: nothing to register, nothing to show.
			items = append(items, heading("Signing in"), wrapLabel("In the sandbox, signing in needs no setup."), widget.NewSeparator())
		} else {
			// The assistant walks a non-technical admin through registering LogoDesk; the raw
			// OAuth fields stay folded away for whoever manages the apps.
			setup := container.NewHBox(
				widget.NewButton("Set up Zoho sign-in…", func() { u.showSetup(Zoho) }),
				widget.NewButton("Set up Zoom sign-in…", func() { u.showSetup(Zoom) }))
			advanced := container.NewVBox(
				heading("Zoho (CRM, Bigin, Contracts)"), wrapLabel(zohoHowTo), zoho,
				widget.NewSeparator(),
				heading("Zoom"), wrapLabel(zoomHowTo), zoom)
			f.advanced = widget.NewAccordion(widget.NewAccordionItem("Advanced: the sign-in apps registered with Zoho and Zoom", advanced))
			items = append(items, heading("Signing in"),
				wrapLabel("Before the first sign-in, LogoDesk is registered once with Zoho and with Zoom; the assistant shows how."),
				setup, f.advanced, widget.NewSeparator())
		}
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
			cancel := func() {
				if !cancelB.Disabled() { // not while a save is under way
					u.settingsOpen = false
					dlg.Hide()
				}
			}
			cancelB = widget.NewButton("Cancel", cancel)
			saveB = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: func() {
				saveB.Disable()
				cancelB.Disable()
				f.save(func(err error) {
					saveB.Enable()
					cancelB.Enable()
					if err == nil {
						u.settingsOpen = false
						dlg.Hide()
					}
				})
			}}
			body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancelB, saveB), nil, nil, f.content)
			dlg = dialog.NewCustomWithoutButtons("Settings", body, u.win)
			s := u.win.Canvas().Size()
			dlg.Resize(fyne.NewSize(min(s.Width*0.9, 760), s.Height*0.9))
			u.showDialog(dlg, cancel)
		})
	})
}

// settingsChange is what the Settings dialog saves, read from the form and checked.
type settingsChange struct {
	backupDir string                      // the folder for kept copies
	dc        string                      // the Zoho data centre code, "" when none is offered
	clients   map[Provider]ClientSettings // nil when sign-ins are not configured here
}

// save saves every field or none: it checks them all first, writes the client
// details to the keyring (off the UI goroutine, putting back what it had written
// if a later write fails), and only then the preferences, which cannot fail.
// done runs on the UI goroutine; on failure the form shows why and keeps what
// was typed.
func (f *settingsForm) save(done func(error)) {
	f.problem.SetText("")
	ch, err := f.change()
	if err != nil {
		f.problem.SetText("Not saved: " + plainSentence(err))
		done(err)
		return
	}
	u := f.u
	u.goDo(func() {
		err := saveClients(u.env.Accounts, ch.clients)
		u.do(func() {
			if err != nil {
				f.problem.SetText("Not saved: " + plainSentence(err))
			} else {
				u.applySettings(ch)
			}
			done(err)
		})
	})
}

// change reads and checks the form (on the UI goroutine).
func (f *settingsForm) change() (settingsChange, error) {
	var ch settingsChange
	ch.backupDir = strings.TrimSpace(f.backups.Text)
	switch {
	case ch.backupDir == "":
		return ch, errors.New("choose a folder for the copies LogoDesk keeps")
	case !filepath.IsAbs(ch.backupDir):
		return ch, fmt.Errorf("the backup folder must be a full path, such as %s", filepath.Join(filepath.Dir(f.u.backups.Dir), "backups"))
	}
	if fi, err := os.Stat(ch.backupDir); err == nil && !fi.IsDir() {
		return ch, fmt.Errorf("%s is a file, not a folder; choose a folder for the backups", ch.backupDir)
	}
	if f.dc != nil {
		if i := f.dc.SelectedIndex(); i >= 0 {
			ch.dc = f.dcCodes[i]
		}
	}
	if f.u.env.Accounts == nil {
		return ch, nil
	}
	ch.clients = map[Provider]ClientSettings{
		Zoho: {ID: strings.TrimSpace(f.zohoID.Text), Secret: strings.TrimSpace(f.zohoSec.Text)},
		Zoom: {ID: strings.TrimSpace(f.zoomID.Text), Secret: strings.TrimSpace(f.zoomSec.Text)},
	}
	for _, p := range []Provider{Zoho, Zoom} {
		if c := ch.clients[p]; c.ID == "" && c.Secret != "" {
			return ch, fmt.Errorf("the %s client secret needs its client ID too", p.Title())
		}
	}
	return ch, nil
}

// applySettings applies what lives in preferences (on the UI goroutine).
func (u *UI) applySettings(ch settingsChange) {
	if ch.backupDir != u.backups.Dir {
		u.app.Preferences().SetString(prefBackupDir, ch.backupDir)
		u.backups = &backup.Store{Dir: ch.backupDir, Keep: u.backups.Keep}
	}
	if ch.dc != "" {
		u.app.Preferences().SetString(prefZohoDC, ch.dc)
	}
}

// saveClients writes the client details to the keyring; it may block, so it runs
// off the UI goroutine. When a write fails, the ones made before it are undone.
func saveClients(accts Accounts, clients map[Provider]ClientSettings) error {
	if accts == nil || clients == nil {
		return nil
	}
	var written []Provider
	before := map[Provider]ClientSettings{}
	for _, p := range []Provider{Zoho, Zoom} {
		before[p] = accts.ClientSettings(p)
		if before[p] == clients[p] {
			continue
		}
		if err := accts.SetClientSettings(p, clients[p]); err != nil {
			for _, done := range written {
				if undoErr := accts.SetClientSettings(done, before[done]); undoErr != nil {
					return fmt.Errorf("%w; and LogoDesk couldn't put back the %s client details it had just saved", err, done.Title())
				}
			}
			return err
		}
		written = append(written, p)
	}
	return nil
}

// entryWith is a text field holding text (hidden when secret) in which the
// window's keys work (Escape closes the dialog).
func entryWith(u *UI, text string, secret bool) *keyEntry {
	e := newKeyEntry(u)
	e.Password = secret
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
