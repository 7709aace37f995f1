// Command minimalwindow is the smallest Fyne app: one window with one label.
// scripts/measure-gui.sh runs it beside LogoDesk under the same Xvfb to compare
// resident memory and start-up time.
package main

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	start := time.Now()
	a := app.NewWithID("io.logodesk.minimalwindow")
	w := a.NewWindow("Minimal Fyne window")
	w.SetContent(widget.NewLabel("Hello from a minimal Fyne window."))
	w.Resize(fyne.NewSize(980, 700))
	a.Lifecycle().SetOnStarted(func() {
		fyne.Do(func() { fmt.Fprintf(os.Stderr, "minimal trace: +%dms first frame\n", time.Since(start).Milliseconds()) })
	})
	w.ShowAndRun()
}
