package gui

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCropFrameStaysInsideThePicture(t *testing.T) {
	f := centredFrame(1200, 800)
	if !near(f.Side, 1) || !near(f.Left, 200.0/1200) || !near(f.Top, 0) {
		t.Fatalf("centred frame of 1200×800: %+v", f)
	}
	if g := f.moved(10_000, 10_000, 1200, 800); !near(g.Left, 400.0/1200) || !near(g.Top, 0) {
		t.Fatalf("moved far right and down: %+v, want the right-hand square", g)
	}
	z := f.zoomed(4, 1200, 800)
	if !near(z.Side, 0.25) {
		t.Fatalf("zoom 4: side %v", z.Side)
	}
	if cx, cy := z.centre(1200, 800); !near(cx, 0.5) || !near(cy, 0.5) {
		t.Fatalf("zooming moved the centre to %v,%v", cx, cy)
	}
	if g := z.moved(-10_000, -10_000, 1200, 800); !near(g.Left, 0) || !near(g.Top, 0) {
		t.Fatalf("moved far up-left: %+v", g)
	}
	if g := f.zoomed(1e9, 1200, 800); !near(g.zoom(), maxCropZoom) {
		t.Fatalf("zoom is capped at %d: %v", maxCropZoom, g.zoom())
	}
	if g := f.zoomed(math.NaN(), 1200, 800); !near(g.Side, 1) {
		t.Fatalf("NaN zoom: %+v", g)
	}
	// A portrait picture: the frame spans its width and moves up and down.
	p := centredFrame(600, 900)
	if !near(p.Left, 0) || !near(p.Top, 150.0/900) {
		t.Fatalf("centred frame of 600×900: %+v", p)
	}
}

// halves is a w×h JPEG, red on the left half and blue on the right.
func halves(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0xe0, 0x20, 0x20, 0xff}
			if x >= w/2 {
				c = color.RGBA{0x20, 0x20, 0xe0, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zoomPhotoDropped opens the window on a fresh sandbox, shows the Zoom tab and
// drops a w×h photo (halves) named name on it: the photo is in the crop editor.
func zoomPhotoDropped(t *testing.T, name string, w, h int) (*sessiontest.Env, *UI, *photoPanel) {
	t.Helper()
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 3)
	drop(u, writeTemp(t, name, halves(t, w, h)))
	return e, u, u.zoom.panel
}

// A Zoom picture is framed in the crop editor: it opens centred on the dropped
// photo, follows the mouse and the keys, and what is sent is what was framed,
// at 512 pixels, not the photo's 1200×800.
func TestZoomPictureIsFramedAndSentAsFramed(t *testing.T) {
	e, u, p := zoomPhotoDropped(t, "team photo.jpg", 1200, 800)
	if !p.candidate.editing() || !p.zoomRow.Visible() || !p.small.content.Visible() {
		t.Fatalf("after the drop: editor %v, zoom %v, small previews %v", p.candidate.editing(), p.zoomRow.Visible(), p.small.content.Visible())
	}
	if !p.square.Checked || p.square.Text != "Crop to the frame" {
		t.Fatalf("the crop is on by default for a profile picture: %q %v", p.square.Text, p.square.Checked)
	}
	if f := centredFrame(1200, 800); !near(p.frame.Left, f.Left) || !near(p.frame.Side, 1) {
		t.Fatalf("the frame starts centred: %+v", p.frame)
	}
	if p.fitted == nil || p.replaceB.Disabled() {
		t.Fatal("no candidate to send")
	}
	if p.fitted.Width != 512 || p.fitted.Height != 512 {
		t.Fatalf("a framed profile picture is sent at 512×512, not %d×%d", p.fitted.Width, p.fitted.Height)
	}

	// Drag the frame to the right edge: the blue half.
	var before int
	onUI(func() {
		before = p.frameSeq
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.cropper)
		test.Drag(u.win.Canvas(), pos.Add(fyne.NewPos(110, 110)), 400, 0)
	})
	onUI(func() {
		if p.frameSeq == before {
			t.Fatal("dragging did not move the frame")
		}
		if !near(p.frame.Left, 400.0/1200) {
			t.Errorf("dragged to the right edge: %+v", p.frame)
		}
		if !p.replaceB.Disabled() {
			t.Error("Replace is on before the moved frame is fitted")
		}
	})
	u.waitIdle() // the refit after the frame rests
	if p.replaceB.Disabled() || p.fittedSeq != p.frameSeq {
		t.Fatalf("after the refit: Replace disabled %v, fitted %d of frame %d", p.replaceB.Disabled(), p.fittedSeq, p.frameSeq)
	}
	// While it is sent, the frame holds still: what goes is what was framed.
	e.Sandbox.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoom/v2/users/me/picture", Kind: sandbox.Latency, Delay: time.Second})
	onUI(func() {
		test.Tap(p.replaceB)
		sent := p.frame
		p.cropper.change(sent.zoomed(3, 1200, 800))
		if p.frame != sent || !p.zoom.Disabled() {
			t.Errorf("the frame moved during the upload: %+v → %+v (zoom disabled %v)", sent, p.frame, p.zoom.Disabled())
		}
	})
	u.waitIdle()
	img, _, err := image.Decode(bytes.NewReader(zoomPicture(t, e.Session)))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("sent %v", b)
	}
	if r, _, b, _ := img.At(256, 256).RGBA(); b < r {
		t.Fatalf("the framed right-hand part is blue, but the middle of what was sent is %v", img.At(256, 256))
	}
}

// The frame moves with the arrow keys and zooms with the slider and + / -.
func TestCropEditorByKeyboardAndSlider(t *testing.T) {
	_, u, p := zoomPhotoDropped(t, "portrait.jpg", 600, 900)
	start := p.frame
	onUI(func() {
		u.win.Canvas().Focus(p.cropper)
		test.Type(p.cropper, "+")
	})
	if !(p.frame.Side < start.Side) {
		t.Fatalf("+ did not zoom in: %+v", p.frame)
	}
	if !near(p.zoom.Value, p.frame.zoom()) {
		t.Fatalf("the slider shows %v, the frame is at %v", p.zoom.Value, p.frame.zoom())
	}
	zoomed := p.frame
	onUI(func() { p.cropper.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) })
	if !(p.frame.Top > zoomed.Top) || !near(p.frame.Left, zoomed.Left) {
		t.Fatalf("Down did not move the frame down: %+v → %+v", zoomed, p.frame)
	}
	onUI(func() { p.zoom.SetValue(1) })
	if !near(p.frame.Side, 1) {
		t.Fatalf("the slider at 1 shows the whole width: %+v", p.frame)
	}
	u.waitIdle()
	if p.replaceB.Disabled() {
		t.Fatal("Replace stays off after the keys and slider")
	}
	// Unticked, the whole picture is sent, as it is when it already fits Zoom.
	onUI(func() { p.square.SetChecked(false) })
	u.waitIdle()
	if p.candidate.editing() || p.zoomRow.Visible() {
		t.Fatal("the editor stays with the crop unticked")
	}
	if p.fitted.Width != 600 || p.fitted.Height != 900 {
		t.Fatalf("uncropped 600×900: %d×%d", p.fitted.Width, p.fitted.Height)
	}
}

// BenchmarkFrameMove is one step of a drag on the UI goroutine: the frame
// moves and the small previews are drawn from the 720-pixel crop picture.
func BenchmarkFrameMove(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, cropPreviewSize, cropPreviewSize*2/3))
	for i := range src.Pix {
		src.Pix[i] = byte(i * 7)
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	f := centredFrame(w, h).zoomed(2, w, h)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f = f.moved(float64(i%7-3), float64(i%5-2), w, h)
		framedPart(src, f, smallPreviewPixels)
	}
}

// Tab reaches the crop editor, and in a small window the page scrolls to it.
func TestCropEditorIsReachedByTab(t *testing.T) {
	_, u, p := zoomPhotoDropped(t, "face.jpg", 900, 600)
	onUI(func() { u.win.Resize(fyne.NewSize(640, 480)) })
	s := scrollHolding(u.win.Content(), p.cropper)
	if s == nil {
		t.Fatal("the crop editor is not in a scrolled page")
	}
	onUI(func() { s.ScrollToBottom() })
	reached := false
	for i := 0; i < 40 && !reached; i++ {
		onUI(func() {
			u.win.Canvas().FocusNext()
			reached = u.win.Canvas().Focused() == p.cropper
		})
	}
	if !reached {
		t.Fatal("40 presses of Tab did not reach the crop editor")
	}
	onUI(func() {
		top := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.cropper).Y - fyne.CurrentApp().Driver().AbsolutePositionForObject(s).Y
		if top < 0 || top+p.cropper.Size().Height > s.Size().Height+1 {
			t.Errorf("the focused crop editor is out of sight: %.0f–%.0f in a page %.0f high", top, top+p.cropper.Size().Height, s.Size().Height)
		}
	})
}

// A second photo that can't be fitted leaves the first one framed as it was.
func TestFailedSecondPhotoKeepsTheFrame(t *testing.T) {
	_, u, p := zoomPhotoDropped(t, "first.jpg", 1200, 800)
	onUI(func() { p.cropper.change(p.frame.moved(1000, 0, 1200, 800)) })
	u.waitIdle()
	framed, fitted, src := p.frame, p.fitted.Bytes, p.cropSrc
	held := newHeldFitter()
	u.env.Images = held
	go drop(u, writeTemp(t, "second.jpg", halves(t, 800, 1200)))
	<-held.started // the second photo is in the editor, being fitted
	held.release <- errors.New("This picture can't be used.")
	u.waitIdle()
	if p.cropSrc != src || p.frame != framed || !p.cropping() || !bytes.Equal(p.fitted.Bytes, fitted) {
		t.Fatalf("after a failed second photo: frame %+v (was %+v), same picture %v", p.frame, framed, p.cropSrc == src)
	}
	if p.replaceB.Disabled() || !strings.Contains(p.problem.text(), "still here") {
		t.Fatalf("Replace disabled %v, problem %q", p.replaceB.Disabled(), p.problem.text())
	}
}
