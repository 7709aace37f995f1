package gui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// focusShift is how much focusing a button changes its look: the mean
// difference per colour channel (0–255) over the button.
func focusShift(t *testing.T, th fyne.Theme, imp widget.Importance) float64 {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, th)
	b := &widget.Button{Text: "Replace", Importance: imp}
	w := test.NewWindow(b)
	defer w.Close()
	w.Resize(fyne.NewSize(160, 50))
	before := w.Canvas().Capture()
	w.Canvas().Focus(b)
	after := w.Canvas().Capture()
	return meanChannelDiff(before, after)
}

func meanChannelDiff(a, b image.Image) float64 {
	var sum, n float64
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab := rgb(a.At(x, y))
			br, bg, bb := rgb(b.At(x, y))
			sum += float64(abs(ar-br) + abs(ag-bg) + abs(ab-bb))
			n += 3
		}
	}
	return sum / n
}

// Tab onto a coloured button (Replace, Apply, Sign in) shows as clearly as onto
// a plain one, in both themes.
func TestFocusShowsOnColouredButtons(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := variantTheme{appTheme{theme.DefaultTheme()}, v}
		for _, imp := range []widget.Importance{widget.HighImportance, widget.MediumImportance, widget.DangerImportance} {
			got := focusShift(t, th, imp)
			fyneOwn := focusShift(t, variantTheme{theme.DefaultTheme(), v}, imp)
			t.Logf("variant %d importance %d: focus changes the button by %.1f per channel (Fyne's focus colour: %.1f)", v, imp, got, fyneOwn)
			if got < 10 {
				t.Errorf("variant %d importance %d: focusing changes the button by only %.1f per channel", v, imp, got)
			}
		}
	}
}
