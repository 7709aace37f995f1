package gui

import (
	"errors"
	"fmt"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	sqdialog "github.com/sqweek/dialog"
)

// imageExtensions are offered by both pickers; the fitter checks the real type
// from the bytes, so this only keeps the list short.
var imageExtensions = []string{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".heic", ".heif",
	".PNG", ".JPG", ".JPEG", ".GIF", ".BMP", ".WEBP", ".HEIC", ".HEIF"}

// fynePicker is Fyne's own file dialog, drawn inside the window. It always
// works (tests use it) and is the fallback of the native picker.
type fynePicker struct{}

func (fynePicker) PickImage(w fyne.Window, done func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			done("")
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		done(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(imageExtensions))
	s := w.Canvas().Size()
	d.Resize(fyne.NewSize(s.Width*0.85, s.Height*0.85))
	d.Show()
}

// NativePicker is the operating system's file dialog (github.com/sqweek/dialog:
// GTK on Linux, the Windows and macOS pickers). The dialog blocks its caller, so
// it runs on its own goroutine while the window stays live; a second request
// while one is open is ignored. If it can't open (no GTK, no display, any
// failure), Fyne's own dialog is shown instead.
type NativePicker struct {
	open atomic.Bool
}

// PickImage implements FilePicker.
func (n *NativePicker) PickImage(w fyne.Window, done func(string)) {
	if !n.open.CompareAndSwap(false, true) {
		return
	}
	go func() {
		path, err := nativeLoad()
		n.open.Store(false)
		fyne.Do(func() {
			switch {
			case err == nil:
				done(path)
			case errors.Is(err, sqdialog.ErrCancelled):
				done("")
			default:
				fynePicker{}.PickImage(w, done)
			}
		})
	}()
}

func nativeLoad() (path string, err error) {
	defer func() {
		if r := recover(); r != nil { // sqweek panics when GTK could not start
			err = fmt.Errorf("native file dialog unavailable: %v", r)
		}
	}()
	return sqdialog.File().Title("Choose an image").
		Filter("Images", "png", "jpg", "jpeg", "gif", "bmp", "webp", "heic", "heif").
		Filter("All files", "*").Load()
}
