package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// span is where a view's content lies across the window, in window points.
type span struct{ left, right float32 }

// bodySpans lays the window out at its size and returns, for every visible
// object of the shown tab's body (not its sign-in bar), where it lies across
// the window. Containers, scrolls and splits are looked through: they may be
// as wide as the window, what they hold is what the admin sees. area is the
// tab's whole page: the window's width less its padding.
func bodySpans(u *UI) (objs []fyne.CanvasObject, spans []span, area span) {
	bars := map[fyne.CanvasObject]bool{}
	for _, b := range []*signInBar{u.crm.bar, u.bigin.bar, u.contracts.bar, u.zoom.bar} {
		bars[b.content] = true
	}
	onUI(func() {
		u.win.Content().Refresh()
		d := fyne.CurrentApp().Driver()
		page := u.tabs.Selected().Content
		x := d.AbsolutePositionForObject(page).X
		area = span{x, x + page.Size().Width}
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			if !o.Visible() || bars[o] {
				return
			}
			if _, ok := o.(*layout.Spacer); ok { // draws nothing (and HBox stretches the last one past the padding)
				return
			}
			switch v := o.(type) {
			case *fyne.Container:
				for _, c := range v.Objects {
					walk(c)
				}
			case *container.Scroll:
				walk(v.Content)
			case *container.Split:
				walk(v.Leading)
				walk(v.Trailing)
			default:
				x := d.AbsolutePositionForObject(o).X
				objs = append(objs, o)
				spans = append(spans, span{x, x + o.Size().Width})
			}
		}
		walk(page)
	})
	return objs, spans, area
}

// union is the smallest span holding all of spans.
func union(spans []span) span {
	u := span{left: 1e9, right: -1e9}
	for _, s := range spans {
		u.left, u.right = min(u.left, s.left), max(u.right, s.right)
	}
	return u
}

// layoutViews is every view of the window: each tab, and the Zoom tab's
// "Pictures from a folder" with a folder's users listed.
func layoutViews(u *UI) []string {
	var names []string
	for _, item := range u.tabs.Items {
		names = append(names, item.Text)
	}
	return append(names, "Zoom: Pictures from a folder")
}

// showView shows the view named name (from layoutViews).
func showView(t *testing.T, u *UI, name string) {
	t.Helper()
	if name == "Zoom: Pictures from a folder" {
		showView(t, u, "Zoom")
		dir, _ := bulkFolder(t)
		b := u.zoom.bulk
		tap(u, u.zoom.bulkB)
		drop(u, dir)
		if len(b.rows) == 0 {
			t.Fatalf("no Zoom user matched the folder: %q %q", b.status.Text, b.problem.text())
		}
		return
	}
	for i, item := range u.tabs.Items {
		if item.Text == name {
			if u.zoom.bulk.visible() {
				onUI(u.zoom.hideBulk)
			}
			selectTab(u, i)
			return
		}
	}
	t.Fatalf("no tab %q", name)
}

// In a large window every tab's content is one column at most maxContentWidth
// wide, centred: nothing of it lies outside the column, and it reaches both
// of the column's sides (less the padding).
func TestLayoutCentredInLargeWindow(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{ZoomUsers: 8})
	u := newBrandTestUI(t, e.Session)
	const w, h = 1400, 950
	onUI(func() { u.win.Resize(fyne.NewSize(w, h)) })
	for _, name := range layoutViews(u) {
		showView(t, u, name)
		objs, spans, area := bodySpans(u)
		mid := (area.left + area.right) / 2
		colLeft, colRight := mid-maxContentWidth/2, mid+maxContentWidth/2
		if len(spans) == 0 {
			t.Fatalf("%s: nothing shown", name)
		}
		for i, s := range spans {
			if s.left < colLeft-1 || s.right > colRight+1 {
				t.Errorf("%s: %T lies at x %.0f–%.0f, outside the centred column %.0f–%.0f", name, objs[i], s.left, s.right, colLeft, colRight)
			}
		}
		all := union(spans)
		if all.right-all.left > maxContentWidth {
			t.Errorf("%s: content %.0f wide, more than %v", name, all.right-all.left, maxContentWidth)
		}
		// Centred: both margins alike (give or take the padding Bigin's record
		// list has not), and no wider than the padding.
		pad := theme.Padding()
		if l, r := all.left-colLeft, colRight-all.right; l > 2*pad || r > 2*pad || l-r > pad+0.5 || r-l > pad+0.5 {
			t.Errorf("%s: content at x %.0f–%.0f is not centred in the column %.0f–%.0f", name, all.left, all.right, colLeft, colRight)
		}
	}
}

// In a window narrower than the column, the content takes the whole width.
func TestLayoutFillsSmallerWindow(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{ZoomUsers: 8})
	u := newBrandTestUI(t, e.Session)
	const w, h = 800, 600
	onUI(func() { u.win.Resize(fyne.NewSize(w, h)) })
	for _, name := range layoutViews(u) {
		showView(t, u, name)
		objs, spans, area := bodySpans(u)
		for i, s := range spans {
			if s.left < area.left || s.right > area.right {
				t.Errorf("%s: %T lies at x %.0f–%.0f, outside the page %.0f–%.0f", name, objs[i], s.left, s.right, area.left, area.right)
			}
		}
		if pad, all := theme.Padding(), union(spans); all.left > area.left+2*pad || all.right < area.right-2*pad {
			t.Errorf("%s: content at x %.0f–%.0f does not fill the page %.0f–%.0f", name, all.left, all.right, area.left, area.right)
		}
	}
}

// The column asks for no more than its content (a 640-point window fits), and
// never squeezes content whose MinSize is wider than the cap.
func TestLayoutMaxWidthSizes(t *testing.T) {
	test.NewTempApp(t)
	small, wide := canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	small.SetMinSize(fyne.NewSize(300, 20))
	wide.SetMinSize(fyne.NewSize(1200, 20))
	for _, c := range []struct {
		o            *canvas.Rectangle
		avail        float32
		wantW, wantX float32
	}{
		{small, 600, 600, 0},
		{small, 1400, maxContentWidth, (1400 - maxContentWidth) / 2},
		{wide, 1400, 1200, 100},
	} {
		col := centredColumn(c.o)
		if got := col.MinSize(); got != c.o.MinSize() {
			t.Errorf("the column asks for %v, its content %v", got, c.o.MinSize())
		}
		col.Resize(fyne.NewSize(c.avail, 50))
		if c.o.Size().Width != c.wantW || c.o.Position().X != c.wantX {
			t.Errorf("in %v points a %v-wide object is %v wide at x %v; want %v at %v", c.avail, c.o.MinSize().Width, c.o.Size().Width, c.o.Position().X, c.wantW, c.wantX)
		}
	}
}
