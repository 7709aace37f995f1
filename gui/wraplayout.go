package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// sideBySide lays its objects out in a row, tops aligned, when the width
// allows it, else one above the other (a narrow window, or the pane beside
// Bigin's record list). Each keeps its own size, unlike a GridWrap's equal
// cells, so a tall New column does not leave a gap under a short Current one.
// Like GridWrap, its minimum height follows the width it was last given.
type sideBySide struct{ stacked bool }

func (l *sideBySide) rowWidth(objs []fyne.CanvasObject) float32 {
	w, n := float32(0), 0
	for _, o := range objs {
		if o.Visible() {
			w += o.MinSize().Width
			n++
		}
	}
	return w + float32(max(n-1, 0))*theme.Padding()*4
}

func (l *sideBySide) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.stacked = size.Width < l.rowWidth(objs)
	pos := fyne.NewPos(0, 0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		o.Move(pos)
		o.Resize(m)
		if l.stacked {
			pos.Y += m.Height + theme.Padding()
		} else {
			pos.X += m.Width + theme.Padding()*4
		}
	}
}

func (l *sideBySide) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		if l.stacked {
			s.Height += m.Height
			n++
		} else {
			s.Height = max(s.Height, m.Height)
		}
	}
	if n > 1 {
		s.Height += float32(n-1) * theme.Padding()
	}
	return s
}

// columnLayout gives its content a fixed width and at least a height: the
// photo panel's Current and New columns, so a drop zone has room to be a target.
type columnLayout struct{ width, minHeight float32 }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := l.minHeight
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(l.width, h)
}
