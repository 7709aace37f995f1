package gui

import (
	"math"

	"fyne.io/fyne/v2"
)

// maxContentWidth is the widest a tab's content grows, in points; a larger
// window centres it with empty margins. In a 1400-point window every tab used
// to stretch edge to edge: sentences 1,300 points long, the Delete button far
// right of the picture it deletes. 1040 points is
//   - a little more than the default window (980 × 700), so the window at its
//     usual size shows every tab as before: the cap only starts to matter when
//     the admin makes the window larger;
//   - enough for Bigin's record list beside a photo panel whose two 250-point
//     previews sit side by side, and for a Zoom folder row's pictures and text;
//   - about 160 characters of Fyne's 14-point text (6.3 points a character on
//     average), already at the long end of a line one reads without losing it.
const maxContentWidth float32 = 1040

// centredColumn holds o at most maxContentWidth wide, centred; narrower
// windows give it their whole width. It goes inside a tab's scroll container,
// so the scroll bar stays at the window's edge.
func centredColumn(o fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: maxWidthLayout{max: maxContentWidth}, Objects: []fyne.CanvasObject{o}}
}

// maxWidthLayout gives each object the container's height and its width up to
// max (never less than the object's MinSize), centred. Its MinSize is the
// objects' own, so it never makes a small window ask for more room.
type maxWidthLayout struct {
	max float32
}

func (l maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := min(size.Width, max(l.max, o.MinSize().Width))
		// Whole points: a column half a point off blurs its text on a 1× screen.
		x := float32(math.Floor(float64(size.Width-w) / 2))
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		if o.Visible() {
			m = m.Max(o.MinSize())
		}
	}
	return m
}
