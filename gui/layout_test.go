package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"logodesk/service/contracts"
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

// contractsEntry is the Contracts form's entry for label.
func contractsEntry(t *testing.T, ct *contractsTab, label string) *keyEntry {
	t.Helper()
	for _, f := range ct.fields {
		if f.label == label {
			return f.entry
		}
	}
	t.Fatalf("no field %s", label)
	return nil
}

// formTexts are the texts the form draws (labels, hints, validation messages).
func formTexts(ct *contractsTab) []*canvas.Text {
	var out []*canvas.Text
	onUI(func() {
		for _, o := range test.LaidOutObjects(ct.form) {
			if tx, ok := o.(*canvas.Text); ok && tx.Visible() {
				out = append(out, tx)
			}
		}
	})
	return out
}

func hasText(texts []*canvas.Text, s string) bool {
	for _, tx := range texts {
		if tx.Text == s {
			return true
		}
	}
	return false
}

// The Contracts form's fields are as wide as what they hold: the country code
// narrow, name, address and website wide. Labels, hints, validation messages,
// Tab order and Enter to save work as in a plain widget.Form.
func TestLayoutContractsFieldWidths(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	onUI(func() { u.win.Resize(fyne.NewSize(1400, 950)) })
	selectTab(u, 2)
	ct := u.contracts
	onUI(func() { u.win.Content().Refresh() })
	width := func(label string) float32 {
		var w float32
		onUI(func() { w = contractsEntry(t, ct, label).Size().Width })
		return w
	}
	if w := width("Country"); w >= 200 || w < contractsEntry(t, ct, "Country").MinSize().Width {
		t.Errorf("the Country entry is %.0f wide: want room for a two-letter code, under 200", w)
	}
	for _, l := range []string{"City", "State", "Phone"} {
		if w := width(l); w <= width("Country") || w >= width("Name") {
			t.Errorf("the %s entry is %.0f wide: want between Country (%.0f) and Name (%.0f)", l, w, width("Country"), width("Name"))
		}
	}
	for _, l := range []string{"Name", "Address", "Website"} {
		if w := width(l); w <= 400 || w > maxContentWidth {
			t.Errorf("the %s entry is %.0f wide: want over 400, within the column", l, w)
		}
	}
	// The entries sit in one column, left-aligned, beside their labels.
	var xs []float32
	onUI(func() {
		for _, f := range ct.fields {
			xs = append(xs, fyne.CurrentApp().Driver().AbsolutePositionForObject(f.entry).X)
		}
	})
	for i, x := range xs {
		if x != xs[0] {
			t.Errorf("the %s entry starts at x %.0f, the Name entry at %.0f", ct.fields[i].label, x, xs[0])
		}
	}

	// Hints show, and a wrong value turns its hint into the message (here and
	// for Name, which has no hint: widget.Form finds its validator).
	if texts := formTexts(ct); !hasText(texts, "Two-letter code, such as US, DE or IN") || !hasText(texts, "Country") {
		t.Error("the Country hint or label is not shown")
	}
	country, name := contractsEntry(t, ct, "Country"), contractsEntry(t, ct, "Name")
	onUI(func() {
		country.SetText("")
		test.Type(country, "Germany")
		name.SetText("")
	})
	texts := formTexts(ct)
	for _, err := range []error{contracts.ValidateCountry("Germany"), name.Validator("")} {
		if !hasText(texts, err.Error()) {
			var shown []string
			for _, tx := range texts {
				shown = append(shown, tx.Text)
			}
			t.Errorf("the message %q is not shown under its field; the form shows %q", err, shown)
		}
	}
	if !ct.saveB.Disabled() {
		t.Error("Save is enabled with a wrong country")
	}
	onUI(func() {
		country.SetText("DE")
		name.SetText("Zylker Inc.")
	})

	// Tab goes through the fields in form order.
	var order []string
	onUI(func() {
		c := u.win.Canvas()
		c.Focus(name)
		for range ct.fields {
			for _, f := range ct.fields {
				if c.Focused() == fyne.Focusable(f.entry) {
					order = append(order, f.label)
				}
			}
			c.FocusNext()
		}
	})
	if got, want := strings.Join(order, " "), "Name Address City State Country Website Phone"; got != want {
		t.Errorf("Tab order %q, want %q", got, want)
	}
	// Enter in a field saves.
	onUI(func() {
		u.win.Canvas().Focus(country)
		country.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	u.waitIdle()
	if ct.status.Text != "Saved in Zoho Contracts." {
		t.Fatalf("Enter did not save: status %q, problem %q", ct.status.Text, ct.problem.text())
	}
	c, _ := e.Session.Contracts()
	if info, err := c.OrgInfo(t.Context()); err != nil || info.Country != "DE" {
		t.Errorf("saved info = %+v, %v", info, err)
	}
}
