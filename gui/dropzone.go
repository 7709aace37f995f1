package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dropZone is the dashed-looking frame that says "Drop an image here". Fyne 2.7
// has no per-widget drop targets: the window's SetOnDropped handler routes drops
// to the visible tab, so this widget only has to look like a target. Its
// colours follow the theme (light or dark) on every refresh.
type dropZone struct {
	widget.BaseWidget
	inner    fyne.CanvasObject
	disabled bool // nothing to drop onto (no record, not signed in) or busy: looks greyed out
}

// setEnabled shows whether a drop would be taken now.
func (d *dropZone) setEnabled(on bool) {
	if d.disabled == !on {
		return
	}
	d.disabled = !on
	d.Refresh()
}

func newDropZone(inner fyne.CanvasObject) *dropZone {
	d := &dropZone{inner: inner}
	d.ExtendBaseWidget(d)
	return d
}

func (d *dropZone) CreateRenderer() fyne.WidgetRenderer {
	frame := canvas.NewRectangle(nil)
	frame.StrokeWidth = 2
	frame.CornerRadius = theme.InputRadiusSize() * 2
	r := &dropZoneRenderer{frame: frame, d: d}
	r.box = container.NewStack(frame, container.NewPadded(container.NewPadded(d.inner)))
	r.Refresh()
	return r
}

type dropZoneRenderer struct {
	d     *dropZone
	frame *canvas.Rectangle
	box   *fyne.Container
}

func (r *dropZoneRenderer) Layout(s fyne.Size)           { r.box.Resize(s) }
func (r *dropZoneRenderer) MinSize() fyne.Size           { return r.box.MinSize() }
func (r *dropZoneRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }
func (r *dropZoneRenderer) Destroy()                     {}
func (r *dropZoneRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := r.d.Theme()
	if r.d.disabled {
		r.frame.StrokeColor = th.Color(theme.ColorNameDisabled, v)
		r.frame.FillColor = th.Color(theme.ColorNameDisabledButton, v)
	} else {
		r.frame.StrokeColor = th.Color(theme.ColorNamePrimary, v)
		r.frame.FillColor = th.Color(theme.ColorNameHover, v)
	}
	r.frame.Refresh()
	r.d.inner.Refresh()
}
