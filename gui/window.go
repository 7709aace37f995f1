package gui

import (
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/backup"
)

// Preference keys.
const (
	prefWidth     = "window.width"
	prefHeight    = "window.height"
	prefTab       = "window.tab"
	prefBackupDir = "backup.dir"
	prefZohoDC    = "zoho.dc"
)

// Default window size: room for two 220-pixel previews side by side plus a record list.
const defaultWidth, defaultHeight = 980, 700

// tab is what every service tab offers the window.
type tab interface {
	// opened runs when the tab becomes visible: load what it shows, once.
	opened()
	// dropped receives files dropped anywhere on the window while the tab is
	// visible, and where (window coordinates).
	dropped(pos fyne.Position, uris []fyne.URI)
}

// UI is the LogoDesk window.
type UI struct {
	app fyne.App
	win fyne.Window
	env Env

	tabs                       *container.AppTabs
	brand                      *brandTab // nil when Env.Brand is
	crm                        *crmTab
	bigin                      *biginTab
	contracts                  *contractsTab
	zoom                       *zoomTab
	zohoSignIn, zoomSignIn     *signIn
	list                       []tab
	backups                    *backup.Store
	tasks                      sync.WaitGroup
	started                    time.Time
	traceDrop                  time.Time
	settingsOpen               bool
	setupOpen                  bool              // the first-run assistant (setup.go) is showing
	keys                       map[string]func() // the window's shortcuts by name (keys.go)
	escapes                    []escapable       // open dialogs, topmost last: Escape cancels it
	onCandidateShownForTesting func()
	// do runs f on the UI goroutine without waiting (fyne.Do in the app).
	do func(f func())
	// openURL opens a web page or a folder with the system (the app's OpenURL;
	// Fyne's test app ignores it, so tests look at what was asked).
	openURL func(*url.URL) error
}

// New builds the window on a without showing it.
func New(a fyne.App, env Env) *UI { return newUI(a, env, fyne.Do) }

// newUI is New with the function that brings results back to the UI goroutine.
// Fyne's test driver has no UI goroutine (its fyne.Do runs f on the caller), so
// the tests pass one that takes turns with their own taps.
func newUI(a fyne.App, env Env, do func(func())) *UI {
	u := &UI{app: a, env: env, started: time.Now(), do: do, openURL: a.OpenURL}
	title := "LogoDesk"
	if env.Sandbox {
		title = "LogoDesk — Sandbox"
	}
	u.win = a.NewWindow(title)
	u.backups = env.Backups
	if u.backups == nil {
		u.backups = &backup.Store{Dir: u.backupDir()}
	}

	u.zohoSignIn = newSignIn(u, Zoho)
	u.zoomSignIn = newSignIn(u, Zoom)
	u.crm = newCRMTab(u)
	u.bigin = newBiginTab(u)
	u.contracts = newContractsTab(u)
	u.zoom = newZoomTab(u)
	u.list = []tab{u.crm, u.bigin, u.contracts, u.zoom}
	items := []*container.TabItem{
		container.NewTabItemWithIcon("Zoho CRM", theme.HomeIcon(), u.crm.content),
		container.NewTabItemWithIcon("Bigin", theme.AccountIcon(), u.bigin.content),
		container.NewTabItemWithIcon("Zoho Contracts", theme.DocumentIcon(), u.contracts.content),
		container.NewTabItemWithIcon("Zoom", theme.MediaVideoIcon(), u.zoom.content),
	}
	if env.Brand != nil {
		// The reason LogoDesk exists comes first: one logo, every service.
		u.brand = newBrandTab(u)
		u.list = append([]tab{u.brand}, u.list...)
		items = append([]*container.TabItem{container.NewTabItemWithIcon("Brand", theme.ColorPaletteIcon(), u.brand.content)}, items...)
	}
	u.tabs = container.NewAppTabs(items...)
	last := a.Preferences().IntWithFallback(prefTab, 0)
	if last < 0 || last >= len(u.list) {
		last = 0
	}
	u.tabs.SelectIndex(last)
	u.tabs.OnSelected = u.onTabSelected

	settings := &widget.Button{Text: "Settings…", Icon: theme.SettingsIcon(), Importance: widget.LowImportance, OnTapped: u.showSettings}
	var heading fyne.CanvasObject = widget.NewLabel("See and replace your organization's logos and photos.")
	if env.Sandbox {
		heading = sandboxBanner()
	}
	top := container.NewBorder(nil, nil, heading, settings)
	u.win.SetContent(container.NewBorder(top, nil, nil, nil, u.tabs))

	w := a.Preferences().FloatWithFallback(prefWidth, defaultWidth)
	h := a.Preferences().FloatWithFallback(prefHeight, defaultHeight)
	u.win.Resize(fyne.NewSize(float32(max(w, 640)), float32(max(h, 480))))
	u.win.SetOnDropped(u.onDropped)
	u.win.SetOnClosed(u.onClosed)
	u.win.SetCloseIntercept(u.onCloseRequest)
	u.addShortcuts()
	u.list[last].opened()
	u.zohoSignIn.check()
	u.zoomSignIn.check()
	return u
}

// Window is the LogoDesk window.
func (u *UI) Window() fyne.Window { return u.win }

// backupDir is where replaced pictures are kept: the preference, else the app's storage.
func (u *UI) backupDir() string {
	if d := u.app.Preferences().String(prefBackupDir); d != "" {
		return d
	}
	if root := u.app.Storage().RootURI(); root != nil && root.Path() != "" {
		return filepath.Join(root.Path(), "backups")
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "LogoDesk", "backups")
	}
	return filepath.Join(os.TempDir(), "logodesk-backups")
}

func (u *UI) onTabSelected(item *container.TabItem) {
	i := u.tabs.SelectedIndex()
	u.app.Preferences().SetInt(prefTab, i)
	u.list[i].opened()
	u.trace("tab %q opened", item.Text)
}

// onDropped routes files dropped anywhere on the window to the visible tab.
// Fyne calls it on the UI goroutine.
func (u *UI) onDropped(pos fyne.Position, uris []fyne.URI) {
	u.traceDrop = time.Now()
	u.trace("drop received (%d item(s))", len(uris))
	u.list[u.tabs.SelectedIndex()].dropped(pos, uris)
}

func (u *UI) onClosed() {
	s := u.win.Canvas().Size()
	if s.Width >= 100 && s.Height >= 100 {
		u.app.Preferences().SetFloat(prefWidth, float64(s.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(s.Height))
	}
}

// onCloseRequest asks before closing while logos, or Zoom pictures from a
// folder, are being sent: closing would stop them half-way (each picture is
// either changed or not, but the admin would not see which).
func (u *UI) onCloseRequest() {
	msg := "LogoDesk is still sending your logo to the services. If you close it now, some may not get it, and this window won't show which."
	switch {
	case u.zoom.bulk.running:
		msg = "LogoDesk is still changing Zoom pictures from a folder. If you close it now, the users it has not reached keep their pictures, and this window won't show who was changed."
	case u.brand == nil || !u.brand.running:
		u.win.Close()
		return
	}
	d := dialog.NewConfirm("Close LogoDesk?", msg,
		func(ok bool) {
			if ok {
				u.win.Close()
			}
		}, u.win)
	d.SetConfirmText("Close anyway")
	d.SetDismissText("Keep sending")
	u.showDialog(d, nil)
}

func (u *UI) visiblePanel() *photoPanel {
	switch u.list[u.tabs.SelectedIndex()] {
	case u.crm:
		return u.crm.panel
	case u.bigin:
		return u.bigin.panel
	case u.zoom:
		if u.zoom.bulk.visible() {
			return nil // the one-user panel is not on screen
		}
		return u.zoom.panel
	}
	return nil
}

// goDo runs work in a goroutine; work reports back with fyne.Do. Tests wait
// for all of them with waitIdle.
func (u *UI) goDo(work func()) {
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		work()
	}()
}

// waitIdle waits until no goroutine started by goDo is running.
func (u *UI) waitIdle() { u.tasks.Wait() }

func (u *UI) trace(format string, args ...any) {
	if u.env.Trace != nil {
		u.env.Trace(format, args...)
	}
}

// signInFor is the shared sign-in state of p.
func (u *UI) signInFor(p Provider) *signIn {
	if p == Zoom {
		return u.zoomSignIn
	}
	return u.zohoSignIn
}
