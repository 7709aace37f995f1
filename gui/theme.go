package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's theme (light or dark as the system says) with a focus
// colour that shows on coloured buttons too: Fyne blends its focus colour, a
// see-through primary, over the button, which on a primary-coloured button
// (Replace, Apply, Sign in) changes nothing one can see. A shade of the text
// colour darkens light buttons and lightens dark ones on every background.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x50}
		}
		return color.NRGBA{A: 0x48}
	}
	return t.Theme.Color(n, v)
}
