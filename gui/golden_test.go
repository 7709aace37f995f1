package gui

import (
	"image"
	"image/color"
	"image/draw"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// variantTheme is Fyne's default theme held in one variant, as a user's light
// or dark system setting would pick it.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// panelImage is the photo panel as drawn in the window, cropped out of it.
func panelImage(u *UI, p *photoPanel) image.Image { return panelImageAbove(u, p, nil) }

// panelImageAbove is panelImage cut off above the object below (nil: the
// whole panel): the list of kept versions says when each was kept.
func panelImageAbove(u *UI, p *photoPanel, below fyne.CanvasObject) image.Image {
	var out *image.NRGBA
	onUI(func() {
		// Lay everything out as the next frame of the real window would.
		u.win.Content().Refresh()
		shot := u.win.Canvas().Capture()
		d := fyne.CurrentApp().Driver()
		pos := d.AbsolutePositionForObject(p.content)
		size := p.content.Size()
		if below != nil {
			size.Height = d.AbsolutePositionForObject(below).Y - pos.Y
		}
		r := image.Rect(int(pos.X), int(pos.Y), int(pos.X+size.Width), int(pos.Y+size.Height)).Intersect(shot.Bounds())
		out = image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
		draw.Draw(out, out.Bounds(), shot, r.Min, draw.Src)
	})
	return out
}

// The photo panel's states look as committed under testdata/photopanel, in the
// light and the dark theme: the New slot empty, a candidate, uploading, done
// (above the kept versions, which say when), a refused file.
// After a deliberate change of look, delete the PNGs and copy the new ones from
// testdata/failed.
func TestPhotoPanelGolden(t *testing.T) {
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(v.name, func(t *testing.T) {
			e := sessiontest.Start(t, sandbox.Options{})
			a := test.NewTempApp(t)
			a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), v.variant})
			env := EnvFor(e.Session, t.TempDir())
			env.Picker, env.Brand = nil, nil
			var u *UI
			onUI(func() { u = newUI(a, env, testDo) })
			u.waitIdle()
			t.Cleanup(u.waitIdle)
			onUI(func() { u.win.Resize(fyne.NewSize(1000, 1000)) })
			p := u.crm.panel

			test.AssertImageMatches(t, "photopanel/empty_"+v.name+".png", panelImage(u, p))
			drop(u, writeTemp(t, "logo.png", sessiontest.PNG(300, 200)))
			test.AssertImageMatches(t, "photopanel/candidate_"+v.name+".png", panelImage(u, p))
			e.Sandbox.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoho/crm/v8/org/photo", Kind: sandbox.Latency, Delay: 2 * time.Second})
			onUI(func() { test.Tap(p.replaceB) }) // held in the sandbox
			test.AssertImageMatches(t, "photopanel/uploading_"+v.name+".png", panelImageAbove(u, p, p.historyBox))
			u.waitIdle()
			e.Sandbox.ClearFaults()
			test.AssertImageMatches(t, "photopanel/done_"+v.name+".png", panelImageAbove(u, p, p.historyBox))
			drop(u, writeTemp(t, "notes.png", []byte("%PDF-1.4 this is really a PDF\n")))
			test.AssertImageMatches(t, "photopanel/error_"+v.name+".png", panelImageAbove(u, p, p.historyBox))
		})
	}
}
