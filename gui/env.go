// Package gui is LogoDesk's window: one tab per service (Zoho CRM, Bigin, Zoho
// Contracts, Zoom) where an admin sees the current logo or photo, drops a new one,
// compares before and after, replaces, deletes and restores it.
//
// The package is Fyne only. It holds no HTTP and no business rules: it calls the
// service clients (service/…), the picture slots and their backups
// (service/photo, service/backup), the image fitter (service/imagefit) and the
// sign-in (auth) through the small interfaces in this file, so tests can drive
// the whole window against the sandbox with Fyne's test driver.
//
// Threading: every network or image step runs in a goroutine started by
// (*UI).goDo; its results reach widgets only through fyne.Do. Callbacks run on
// the UI goroutine and never block.
package gui

import (
	"context"
	"errors"
	"image"

	"fyne.io/fyne/v2"

	"logodesk/service/api"
	"logodesk/service/backup"
	"logodesk/service/bigin"
	"logodesk/service/contracts"
	"logodesk/service/crm"
	"logodesk/service/limits"
	"logodesk/service/zoom"
)

// Services builds the service clients; *session.Session implements it. A client
// that cannot be built yet (nobody signed in) returns an error that Accounts
// recognises with NeedsSignIn.
type Services interface {
	CRM() (*crm.Client, error)
	Bigin() (*bigin.Client, error)
	Contracts() (*contracts.Client, error)
	Zoom() (*zoom.Client, error)
}

// Provider is a vendor one signs in to.
type Provider string

// The two sign-ins: one Zoho sign-in serves CRM, Bigin and Contracts.
const (
	Zoho Provider = "zoho"
	Zoom Provider = "zoom"
)

// Title is the vendor's name for people.
func (p Provider) Title() string {
	if p == Zoom {
		return "Zoom"
	}
	return "Zoho"
}

// Account is who is signed in.
type Account struct {
	Name, Email string
	DC          string // Zoho data centre code ("eu"), empty for Zoom
}

// DataCentre is one Zoho data centre the admin can pick.
type DataCentre struct {
	Code  string // "us", "eu", …
	Label string // "EU data centre"
}

// ClientSettings are the OAuth client details an admin registered with a vendor.
type ClientSettings struct {
	ID, Secret string
}

// Accounts is the sign-in as the window needs it; the auth package's Manager is
// adapted to it in run.go.
type Accounts interface {
	// Account reports who is signed in to p, if anyone.
	Account(p Provider) (Account, bool)
	// SignIn opens the browser on the vendor's consent page, shows its URL
	// through showURL, and blocks until the browser comes back or ctx ends.
	SignIn(ctx context.Context, p Provider, dc string, showURL func(url string)) (Account, error)
	// SignOut revokes and forgets p's sign-in.
	SignOut(ctx context.Context, p Provider) error
	// NeedsSignIn reports whether err means "sign in (again) first".
	NeedsSignIn(err error) bool
	// Cancelled reports whether err is the user cancelling a sign-in.
	Cancelled(err error) bool
	// NeedsSetup reports whether err means LogoDesk isn't registered with the
	// vendor yet, or the vendor refused the registration given: the first-run
	// assistant (setup.go) is the way on.
	NeedsSetup(err error) bool

	ClientSettings(p Provider) ClientSettings
	SetClientSettings(p Provider, c ClientSettings) error
	// RedirectURI is what the admin pastes into the vendor's console.
	RedirectURI(p Provider) string
	DataCentres() []DataCentre
	// StorageNote is a sentence about where sign-ins are kept when that is
	// worth saying (no keyring: a private file), else "".
	StorageNote() string
}

// Fitted is a picture ready to upload, and what was done to it.
type Fitted struct {
	Bytes         []byte
	MIME          string
	Width, Height int
	Explanation   string      // "Resized from 6000×4000 to 3840×2560 … to fit Zoho CRM's 1 MB limit."
	Image         image.Image // the fitted pixels, when the fitter has them: previews skip a decode
	// FromCopy, when set, is the kept copy this picture is: sending it is a
	// restore (only to the account it came from, and the copy survives it).
	FromCopy *backup.Entry
}

// Images reads, checks and fits pictures (service/imagefit). Errors are one
// plain sentence.
type Images interface {
	ReadFile(path string) ([]byte, error)
	// QuickPreview is data drawn within maxSide×maxSide as fast as possible
	// (a large JPEG from its DC coefficients): shown while Fit works, never sent.
	QuickPreview(data []byte, maxSide int) (image.Image, error)
	Fit(data []byte, lim limits.Limit, choice FitChoice) (Fitted, error)
}

// FitChoice is what the admin chose for one fit.
type FitChoice struct {
	Square bool       // crop to the centred square
	Frame  *cropFrame // crop to this square, framed in the crop editor (wins over Square)
}

// Env is everything the window stands on.
type Env struct {
	Services Services
	Accounts Accounts // nil when a fixed token is used (Fixed says why)
	Images   Images
	Backups  *backup.Store // where replaced pictures are kept; nil means a folder in the app's storage
	Picker   FilePicker    // nil means Fyne's own file dialog
	Sandbox  bool          // running on demo data: the title says "Sandbox"
	// Fixed, when not empty, replaces the sign-in bars: the session uses a
	// token given from outside, e.g. "Using the access token from LOGODESK_TOKEN.".
	Fixed string
	// Brand applies one logo to every service; nil hides the Brand tab.
	Brand Brand
	// Trace, when set, receives timing lines (LOGODESK_TRACE=1).
	Trace func(format string, args ...any)
}

// needsSignIn reports whether err asks the user to sign in again.
func (e *Env) needsSignIn(err error) bool {
	var ae *api.Error
	if errors.As(err, &ae) && (ae.Kind == api.KindSignIn || ae.Kind == api.KindScope) {
		return true
	}
	return e.Accounts != nil && e.Accounts.NeedsSignIn(err)
}

// FilePicker lets the user choose one image file. done runs on the UI
// goroutine with the chosen path, or "" when the user cancelled.
type FilePicker interface {
	PickImage(w fyne.Window, done func(path string))
}
