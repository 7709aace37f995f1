package gui

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// contrast is the WCAG contrast ratio of two colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// The sandbox banner is readable: its text has at least 4.5:1 contrast with
// what is behind it on the light theme.
func TestSandboxBannerContrast(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	onUI(func() { test.ApplyTheme(t, theme.LightTheme()) }) // the light theme's colours, as a person sees them
	var textColor, behind color.Color
	onUI(func() {
		behind = theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
		var textPos fyne.Position
		objs := test.LaidOutObjects(u.win.Content())
		for _, o := range objs {
			if txt, ok := o.(*canvas.Text); ok && strings.HasPrefix(txt.Text, "Sandbox:") {
				textColor = txt.Color
				textPos = u.app.Driver().AbsolutePositionForObject(txt)
			}
		}
		for _, o := range objs { // the last filled rectangle under the text is what it is drawn on
			r, ok := o.(*canvas.Rectangle)
			if !ok || !o.Visible() {
				continue
			}
			p, s := u.app.Driver().AbsolutePositionForObject(r), r.Size()
			if textPos.X >= p.X && textPos.Y >= p.Y && textPos.X < p.X+s.Width && textPos.Y < p.Y+s.Height && r.FillColor != nil {
				if _, _, _, a := r.FillColor.RGBA(); a == 0xffff {
					behind = r.FillColor
				}
			}
		}
	})
	if textColor == nil {
		t.Fatal("no sandbox banner")
	}
	if r := contrast(textColor, behind); r < 4.5 {
		t.Fatalf("sandbox banner contrast %.1f:1 (text %v on %v), want at least 4.5:1", r, textColor, behind)
	}
}
