package gui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// preview is one picture with a title and a caption, or a placeholder.
type preview struct {
	title       *widget.Label
	img         *canvas.Image
	placeholder *fyne.Container
	hint        *widget.Label
	caption     *widget.Label
	badge       *fyne.Container // "Fitting…" over a quick preview
	badgeText   *widget.Label
	stack       *fyne.Container
	round       bool              // a person's picture, which the service shows in a circle
	editor      fyne.CanvasObject // shown instead of the picture while it is on (the crop editor)
	content     fyne.CanvasObject
}

func newPreview(title, empty string) *preview {
	p := &preview{}
	p.title = widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.img = &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}
	p.img.SetMinSize(fyne.NewSize(220, 220))
	p.hint = widget.NewLabelWithStyle(empty, fyne.TextAlignCenter, fyne.TextStyle{})
	p.hint.Wrapping = fyne.TextWrapWord
	icon := canvas.NewImageFromResource(theme.MediaPhotoIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	p.placeholder = container.NewStack(bg, container.NewVBox(layout.NewSpacer(), container.NewCenter(icon), p.hint, layout.NewSpacer()))
	p.caption = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	// The badge sits on a shade of the window's background, readable over any picture.
	p.badgeText = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	shade := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	shade.CornerRadius = theme.InputRadiusSize()
	p.badge = container.NewVBox(layout.NewSpacer(), container.NewCenter(container.NewStack(shade, p.badgeText)))
	p.badge.Hide()
	p.stack = container.NewStack(p.placeholder, p.img, p.badge)
	frame := container.NewGridWrap(fyne.NewSize(230, 230), p.stack)
	p.content = container.NewVBox(p.title, frame, p.caption)
	p.clear(empty)
	return p
}

// setRound shows the picture in a circle, as the service shows profile
// pictures, or whole, as it shows logos.
func (p *preview) setRound(round bool) {
	p.round = round
	if round {
		p.img.FillMode = canvas.ImageFillCover
		p.img.CornerRadius = p.img.MinSize().Width / 2
	} else {
		p.img.FillMode = canvas.ImageFillContain
		p.img.CornerRadius = 0
	}
	p.img.Refresh()
}

// setEditor puts e where the picture goes, hidden until showEditor.
func (p *preview) setEditor(e fyne.CanvasObject) {
	p.editor = e
	e.Hide()
	p.stack.Objects = []fyne.CanvasObject{p.placeholder, p.img, e, p.badge}
	p.stack.Refresh()
}

// showEditor shows the editor in place of the picture (on), or the picture.
func (p *preview) showEditor(on bool) {
	if p.editor == nil || on == p.editor.Visible() {
		return
	}
	if on {
		p.editor.Show()
		p.img.Hide()
		p.placeholder.Hide()
		return
	}
	p.editor.Hide()
	if p.img.Image != nil {
		p.img.Show()
	} else {
		p.placeholder.Show()
	}
}

func (p *preview) editing() bool { return p.editor != nil && p.editor.Visible() }

// set shows img, already scaled down off the UI goroutine (behind the editor, while it is on).
func (p *preview) set(img image.Image, caption string) {
	p.badge.Hide()
	p.img.Resource = nil
	p.img.File = ""
	p.img.Image = img
	if !p.editing() {
		p.img.Show()
		p.placeholder.Hide()
	}
	p.img.Refresh()
	p.caption.SetText(caption)
}

// setPending shows a stand-in picture with badge over it, until set replaces it.
func (p *preview) setPending(img image.Image, badge, caption string) {
	p.set(img, caption)
	p.setBadge(badge)
}

// setBadge puts a short word ("Fitting…", "Uploading…") over the picture shown.
func (p *preview) setBadge(badge string) {
	p.badgeText.SetText(badge)
	p.badge.Show()
}

func (p *preview) clear(hint string) {
	p.showEditor(false)
	p.badge.Hide()
	p.img.Image = nil
	p.img.Hide()
	p.hint.SetText(hint)
	p.placeholder.Show()
	p.caption.SetText("")
}

// shown reports whether a picture (not the placeholder) is displayed; for tests.
func (p *preview) shown() image.Image {
	if !p.img.Visible() {
		return nil
	}
	return p.img.Image
}

// Sizes of the small previews, in points: a picture as people mostly see it,
// in a list or beside a name, where a fine line or small text disappears.
const smallPreviewBig, smallPreviewTiny = 48, 24

// smallPreviewPixels is the small previews' picture side: sharp at 2× scale.
const smallPreviewPixels = 2 * smallPreviewBig

// smallPreviews shows the new picture at the sizes people see it, beside the
// enlarged preview: a logo that reads well at 230 points may not at 24.
type smallPreviews struct {
	big, tiny *canvas.Image
	content   *fyne.Container
}

func newSmallPreviews() *smallPreviews {
	s := &smallPreviews{}
	mk := func(side float32) *canvas.Image {
		img := &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}
		img.SetMinSize(fyne.NewSquareSize(side))
		return img
	}
	s.big, s.tiny = mk(smallPreviewBig), mk(smallPreviewTiny)
	label := widget.NewLabel("Seen small:")
	s.content = container.NewHBox(layout.NewSpacer(), label, container.NewCenter(s.big), container.NewCenter(s.tiny), layout.NewSpacer())
	s.content.Hide()
	return s
}

// set shows img small, in a circle when round.
func (s *smallPreviews) set(img image.Image, round bool) {
	if img == nil {
		s.clear()
		return
	}
	for _, c := range []*canvas.Image{s.big, s.tiny} {
		c.Image = img
		c.FillMode = canvas.ImageFillContain
		c.CornerRadius = 0
		if round {
			c.FillMode = canvas.ImageFillCover
			c.CornerRadius = c.MinSize().Width / 2
		}
		c.Refresh()
	}
	s.content.Show()
}

func (s *smallPreviews) clear() {
	s.big.Image, s.tiny.Image = nil, nil
	s.content.Hide()
}
