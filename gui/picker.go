package gui

import (
	"errors"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
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

// errPickerCancelled is the user closing the native picker without a file.
var errPickerCancelled = errors.New("no file chosen")

// NativePicker is the operating system's file dialog: the Windows and macOS
// pickers through github.com/sqweek/dialog, and on Linux the desktop's own picker
// through the XDG desktop portal (picker_linux.go says why). The dialog blocks its caller, so
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
			case errors.Is(err, errPickerCancelled):
				done("")
			default:
				fynePicker{}.PickImage(w, done)
			}
		})
	}()
}
