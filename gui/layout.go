package gui

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// formField is a form entry no wider than what it holds: a two-letter country
// code gets a narrow field, a phone number a medium one, a name or an address
// the whole width. widget.Form still sees the entry's validation through it
// (the hint line turns into the entry's message), and a disabled field greys
// its label as before; the entry itself keeps the keyboard focus, in form order.
type formField struct {
	widget.BaseWidget
	entry *keyEntry
	chars int // room for this many "M"s beside the entry's padding and icons; 0: the whole width

	// Validator is the entry's. widget.Form looks for a field of this name to
	// decide whether an item without a hint gets a line for its validation message.
	Validator fyne.StringValidator
}

func newFormField(e *keyEntry, chars int) *formField {
	f := &formField{entry: e, chars: chars, Validator: e.Validator}
	f.ExtendBaseWidget(f)
	return f
}

// width is how wide the entry is drawn in a cell avail wide.
func (f *formField) width(avail float32) float32 {
	if f.chars <= 0 {
		return avail
	}
	th := f.entry.Theme()
	size, style := th.Size(theme.SizeNameText), f.entry.TextStyle
	// The entry's MinSize is one "M" plus its padding and icons (Fyne's own measure).
	frame := f.entry.MinSize().Width - fyne.MeasureText("M", size, style).Width
	return min(avail, frame+fyne.MeasureText(strings.Repeat("M", f.chars), size, style).Width)
}

// CreateRenderer implements fyne.Widget.
func (f *formField) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{Layout: formFieldLayout{f}, Objects: []fyne.CanvasObject{f.entry}})
}

// formFieldLayout puts the entry at the left of its cell, as wide as width says.
type formFieldLayout struct{ f *formField }

func (l formFieldLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.f.entry.Move(fyne.Position{})
	l.f.entry.Resize(fyne.NewSize(l.f.width(size.Width), size.Height))
}

// MinSize is the entry's own, so narrow windows still fit the form.
func (l formFieldLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.f.entry.MinSize() }

// Validate and SetOnValidationChanged make the field fyne.Validatable for widget.Form.
func (f *formField) Validate() error                       { return f.entry.Validate() }
func (f *formField) SetOnValidationChanged(cb func(error)) { f.entry.SetOnValidationChanged(cb) }

// Enable, Disable and Disabled make the field fyne.Disableable for widget.Form.
func (f *formField) Enable()        { f.entry.Enable() }
func (f *formField) Disable()       { f.entry.Disable() }
func (f *formField) Disabled() bool { return f.entry.Disabled() }
