package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// The sandbox banner's colours: dark amber text on pale amber, readable in the
// light and the dark theme alike (contrast about 8:1; WCAG asks 4.5:1). The
// theme's warning colour as text on the light background is about 2:1.
var (
	bannerText = color.NRGBA{R: 0x5c, G: 0x3b, B: 0x00, A: 0xff}
	bannerBack = color.NRGBA{R: 0xff, G: 0xf0, B: 0xc2, A: 0xff}
)

// sandboxBanner says that the window shows demo data.
func sandboxBanner() fyne.CanvasObject {
	text := canvas.NewText("Sandbox: demo data, nothing here touches a real account.", bannerText)
	text.TextStyle = fyne.TextStyle{Bold: true}
	bg := canvas.NewRectangle(bannerBack)
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(text))
}
