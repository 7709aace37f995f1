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
	frame := container.NewGridWrap(fyne.NewSize(230, 230), container.NewStack(p.placeholder, p.img, p.badge))
	p.content = container.NewVBox(p.title, frame, p.caption)
	p.clear(empty)
	return p
}

// setRound shows the picture in a circle, as the service shows profile
// pictures, or whole, as it shows logos.
func (p *preview) setRound(round bool) {
	if round {
		p.img.FillMode = canvas.ImageFillCover
		p.img.CornerRadius = p.img.MinSize().Width / 2
	} else {
		p.img.FillMode = canvas.ImageFillContain
		p.img.CornerRadius = 0
	}
	p.img.Refresh()
}

// set shows img, already scaled down off the UI goroutine.
func (p *preview) set(img image.Image, caption string) {
	p.badge.Hide()
	p.img.Resource = nil
	p.img.File = ""
	p.img.Image = img
	p.img.Show()
	p.img.Refresh()
	p.placeholder.Hide()
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
