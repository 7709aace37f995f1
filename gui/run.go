package gui

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"image"
	"logodesk/service/apply"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"logodesk/auth"
	"logodesk/service/backup"
	"logodesk/service/imagefit"
	"logodesk/service/limits"
	"logodesk/session"
)

// AppID is LogoDesk's application ID (preferences, storage, the .desktop file).
const AppID = "io.logodesk.app"

//go:embed icon.png
var iconPNG []byte

// Icon is the app icon (the same picture as Icon.png at the repository root).
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

// processStart approximates the process start for LOGODESK_TRACE timings.
var processStart = time.Now()

// Run opens the LogoDesk window on sess and returns when it is closed.
// LOGODESK_TRACE=1 prints timings (window shown, tabs opened, drop to candidate)
// to standard error, for scripts/measure-gui.sh.
func Run(sess *session.Session) {
	a := app.NewWithID(AppID)
	a.SetIcon(Icon)
	a.Settings().SetTheme(newAppTheme())
	env := EnvFor(sess, a.Preferences().String(prefBackupDir))
	if os.Getenv("LOGODESK_TRACE") != "" {
		env.Trace = func(format string, args ...any) {
			fmt.Fprintf(os.Stderr, "logodesk trace: +%dms %s\n", time.Since(processStart).Milliseconds(), fmt.Sprintf(format, args...))
		}
		a.Lifecycle().SetOnStarted(func() {
			env.Trace("started")
			// The first queued function runs once the event loop turns, after the first frame.
			fyne.Do(func() {
				env.Trace("first frame")
				go watchStalls(env.Trace)
			})
		})
	}
	u := New(a, env)
	u.win.SetMaster()
	u.win.ShowAndRun()
}

// watchStalls reports when the UI goroutine took more than 100 ms to run a queued function.
func watchStalls(trace func(string, ...any)) {
	for {
		time.Sleep(50 * time.Millisecond)
		start := time.Now()
		done := make(chan struct{})
		fyne.Do(func() { close(done) })
		select {
		case <-done:
		case <-time.After(10 * time.Second):
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			trace("UI stall %d ms", d.Milliseconds())
		}
	}
}

// EnvFor connects the window to a session: its service clients, its sign-in
// manager, the image fitter and the backup folder (backupDir, or the default).
func EnvFor(sess *session.Session, backupDir string) Env {
	env := Env{Services: sess, Images: fitter{}, Sandbox: sess.Sandbox(), Picker: &NativePicker{}, Brand: brandOf{sess}}
	if os.Getenv("LOGODESK_PICKER") == "fyne" {
		env.Picker = nil
	}
	switch {
	case len(sess.EnvTokens()) > 0:
		env.Fixed = "Using the access token from " + strings.Join(sess.EnvTokens(), " and ") + "; no sign-in needed."
	case sess.Auth() != nil:
		env.Accounts = authAccounts{sess.Auth()}
	default:
		env.Fixed = "No sign-in is configured."
	}
	switch {
	case backupDir != "":
	case sess.Sandbox():
		// Demo pictures never mix with real backups.
		backupDir = filepath.Join(os.TempDir(), "LogoDesk-sandbox-backups")
	default:
		backupDir = session.DefaultBackupDir(os.Getenv)
	}
	env.Backups = &backup.Store{Dir: backupDir}
	return env
}

// fitter adapts service/imagefit to Images.
type fitter struct{}

func (fitter) ReadFile(path string) ([]byte, error) { return imagefit.ReadFile(path) }

func (fitter) QuickPreview(data []byte, maxSide int) (image.Image, error) {
	return imagefit.QuickPreviewData(data, maxSide)
}

func (fitter) Fit(data []byte, lim limits.Limit, choice FitChoice) (Fitted, error) {
	opt := imagefit.Options{Square: choice.Square}
	if f := choice.Frame; f != nil {
		opt.Frame = &imagefit.Frame{Left: f.Left, Top: f.Top, Side: f.Side}
	}
	r, err := imagefit.Fit(data, lim, opt)
	if err != nil {
		return Fitted{}, err
	}
	return Fitted{Bytes: r.Bytes, MIME: r.MIME, Width: r.Width, Height: r.Height, Explanation: r.Explanation, Image: r.Image}, nil
}

// authAccounts adapts auth.Manager to Accounts.
type authAccounts struct{ m *auth.Manager }

func (a authAccounts) Account(p Provider) (Account, bool) {
	acc, ok := a.m.Account(auth.Provider(p))
	if !ok {
		return Account{}, false
	}
	return Account{Name: acc.Name, Email: acc.Email, DC: acc.DC}, true
}

func (a authAccounts) SignIn(ctx context.Context, p Provider, dc string, showURL func(string)) (Account, error) {
	acc, err := a.m.SignIn(ctx, auth.Provider(p), dc, showURL)
	if err != nil {
		return Account{}, err
	}
	return Account{Name: acc.Name, Email: acc.Email, DC: acc.DC}, nil
}

func (a authAccounts) SignOut(ctx context.Context, p Provider) error {
	return a.m.SignOut(ctx, auth.Provider(p))
}

func (authAccounts) NeedsSignIn(err error) bool { return errors.Is(err, auth.ErrSignInAgain) }

func (authAccounts) Cancelled(err error) bool { return errors.Is(err, auth.ErrCancelled) }

func (authAccounts) NeedsSetup(err error) bool {
	return errors.Is(err, auth.ErrNotConfigured) || errors.Is(err, auth.ErrClientRefused)
}

func (a authAccounts) ClientSettings(p Provider) ClientSettings {
	cs, _ := a.m.ClientSettings(auth.Provider(p))
	return ClientSettings{ID: cs.ID, Secret: cs.Secret}
}

func (a authAccounts) SetClientSettings(p Provider, c ClientSettings) error {
	return a.m.SetClientSettings(auth.Provider(p), auth.ClientSettings{ID: c.ID, Secret: c.Secret})
}

func (a authAccounts) RedirectURI(p Provider) string { return a.m.RedirectURI(auth.Provider(p)) }

func (authAccounts) DataCentres() []DataCentre {
	out := make([]DataCentre, len(auth.ZohoDataCentres))
	for i, dc := range auth.ZohoDataCentres {
		out[i] = DataCentre{Code: dc.ID, Label: dc.Name + " data centre"}
	}
	return out
}

func (a authAccounts) StorageNote() string {
	if !a.m.UsingFileFallback() {
		return ""
	}
	return "This computer has no system keyring, so LogoDesk keeps its sign-ins in a file only you can read: " +
		a.m.CredentialsFile() + "."
}

// brandOf gives the Brand tab the apply targets of a session.
type brandOf struct{ s *session.Session }

func (b brandOf) Targets() []apply.Target { return apply.Targets(b.s) }
