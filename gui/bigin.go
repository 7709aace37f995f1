package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/bigin"
	"logodesk/service/photo"
)

// biginTab lists a module's records and shows the selected record's photo.
type biginTab struct {
	u        *UI
	bar      *signInBar
	module   *widget.Select
	search   *keyEntry
	searchB  *widget.Button
	list     *recordList
	count    *widget.Label
	selected *widget.Label
	progress *widget.ProgressBarInfinite
	problem  *problemView
	panel    *photoPanel

	client      *bigin.Client
	records     []bigin.Record
	selectedRow int // -1 when no record is selected
	loading     tabLoad
	content     fyne.CanvasObject
}

// biginData is what a search fetches.
type biginData struct {
	client  *bigin.Client
	records []bigin.Record
}

const pickRecordHint = "Pick a record on the left to see its photo."

func newBiginTab(u *UI) *biginTab {
	t := &biginTab{u: u, selectedRow: -1}
	t.loading = tabLoad{u: u, p: Zoho, tab: t, load: t.load, signedOut: t.signedOut}
	s := u.signInFor(Zoho)
	t.bar = s.newBar()
	labels := make([]string, len(bigin.Modules))
	for i, m := range bigin.Modules {
		labels[i] = m.Label()
	}
	t.module = widget.NewSelect(labels, func(string) { t.load() })
	t.module.SetSelectedIndex(0)
	t.search = newKeyEntry(u)
	t.search.SetPlaceHolder("Search by name or email")
	t.search.OnSubmitted = func(string) { t.load() }
	t.searchB = &widget.Button{Text: "Search", Icon: theme.SearchIcon(), OnTapped: t.load} // words, not an icon alone: Fyne 2.7 has no tooltips
	t.list = newRecordList(
		func() int { return len(t.records) },
		func() fyne.CanvasObject {
			return container.NewVBox(widget.NewLabelWithStyle("name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel("detail"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(t.records[id].Name)
			box.Objects[1].(*widget.Label).SetText(t.records[id].Detail)
		})
	t.list.OnSelected = t.onSelected
	t.count = widget.NewLabel("")
	t.selected = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.progress = widget.NewProgressBarInfinite()
	t.progress.Stop()
	t.progress.Hide()
	t.loading.spinner = t.progress
	t.problem = newProblemView(u, Zoho)
	t.panel = newPhotoPanel(u, Zoho, "Bigin", "photo", pickRecordHint)

	left := container.NewBorder(
		container.NewVBox(t.module, container.NewBorder(nil, nil, nil, t.searchB, t.search), t.progress, t.count),
		nil, nil, nil, t.list)
	right := container.NewVScroll(container.NewPadded(container.NewVBox(t.selected, t.problem.content, t.panel.content)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	// The list and the photo form one column, centred as the other tabs' pages
	// are: the photo's buttons stay near the photo, the list near both.
	t.content = container.NewBorder(t.bar.content, nil, nil, nil, centredColumn(split))
	s.onChange(t.loading.signInChanged)
	return t
}

func (t *biginTab) opened() { t.loading.opened() }

// dropped takes files dropped on the window. Dropped on a row of the record
// list, they are for that record: it is selected first, and the file is opened
// once its photo is loaded, so the picture never lands on another record.
func (t *biginTab) dropped(pos fyne.Position, uris []fyne.URI) {
	row, overList := t.rowAt(pos)
	switch {
	case !overList:
		t.panel.dropped(uris)
	case row < 0:
		t.panel.refuse("Drop the image on a record in the list, or on the photo area on the right.")
	case row == t.selectedRow:
		t.panel.dropped(uris)
	default:
		t.list.Select(row)
		t.panel.dropAfterLoad(uris)
	}
}

// rowAt is the record row under the window position pos (-1 when none), and
// whether pos is over the record list at all.
func (t *biginTab) rowAt(pos fyne.Position) (int, bool) {
	top := t.u.app.Driver().AbsolutePositionForObject(t.list)
	size := t.list.Size()
	if pos.X < top.X || pos.Y < top.Y || pos.X >= top.X+size.Width || pos.Y >= top.Y+size.Height {
		return -1, false
	}
	// Every row has the template's height, and rows are a padding apart (Fyne's list layout).
	rowH := t.list.CreateItem().MinSize().Height + t.list.Theme().Size(theme.SizeNamePadding)
	i := int((pos.Y - top.Y + t.list.GetScrollOffset()) / rowH)
	if i < 0 || i >= len(t.records) {
		return -1, true
	}
	return i, true
}

func (t *biginTab) signedOut() {
	t.count.SetText("")
	t.panel.emptyHint = "Sign in to Zoho to see your Bigin records."
	t.panel.setTarget(nil, "")
}

func (t *biginTab) currentModule() bigin.Module {
	i := t.module.SelectedIndex()
	if i < 0 {
		i = 0
	}
	return bigin.Modules[i]
}

// load lists the records of the chosen module that match the search box.
func (t *biginTab) load() {
	if t.u == nil || t.list == nil { // the Select fires during construction
		return
	}
	m, q := t.currentModule(), t.search.Text
	t.records, t.selectedRow = nil, -1
	t.list.UnselectAll()
	t.list.Refresh()
	t.selected.SetText("")
	t.problem.show(nil)
	t.panel.emptyHint = pickRecordHint
	if !t.loading.start() {
		return
	}
	t.panel.setTarget(nil, "")
	t.count.SetText("Loading " + m.Label() + "…")
	services := t.u.env.Services
	fetch(&t.loading, func() (biginData, error) {
		c, err := services.Bigin()
		if err != nil {
			return biginData{}, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		recs, err := c.Records(ctx, m, q)
		return biginData{client: c, records: recs}, err
	}, func(d biginData, err error) { t.show(m, q, d, err) })
}

// show lists the records found for module m and search q.
func (t *biginTab) show(m bigin.Module, q string, d biginData, err error) {
	if err != nil {
		t.count.SetText("")
		t.problem.show(err)
		return
	}
	t.client, t.records = d.client, d.records
	t.list.Refresh()
	t.u.trace("Bigin %s listed (%d)", m.Label(), len(d.records))
	if len(d.records) > 0 {
		t.list.Select(0) // show a photo right away; the admin picks another in the list
	}
	switch n := len(d.records); {
	case n == 0 && q != "":
		t.count.SetText("No " + m.Label() + " match \u201c" + q + "\u201d.")
		t.panel.emptyHint = "No results. Try another name, or clear the search."
		t.panel.setTarget(nil, "")
	case n == 0:
		t.count.SetText("No " + m.Label() + " yet.")
		t.panel.emptyHint = "No " + m.Label() + " in Bigin yet."
		t.panel.setTarget(nil, "")
	case n == 1:
		t.count.SetText("1 record")
	default:
		t.count.SetText(itoa(n) + " records")
	}
}

func (t *biginTab) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(t.records) || t.client == nil {
		return
	}
	r := t.records[id]
	t.selectedRow = id
	t.selected.SetText(r.Name)
	t.panel.setRound(t.currentModule() == bigin.Contacts) // people in a circle, companies and products whole
	if t.currentModule() == bigin.Companies {
		t.panel.setNoun("logo") // a company has a logo, a person or a product a photo
	} else {
		t.panel.setNoun("photo")
	}
	t.panel.setTarget(photo.BiginRecord(t.client, t.currentModule(), r), r.Name)
}

// selectRecord selects the record named name; for tests.
func (t *biginTab) selectRecord(name string) bool {
	for i, r := range t.records {
		if r.Name == name {
			t.list.Select(i)
			return true
		}
	}
	return false
}

// recordList is Fyne's list, reached with Tab and moved in with the arrow keys
// as Fyne's is, where Enter also opens the highlighted record (Fyne's takes Space only).
type recordList struct {
	widget.List
}

func newRecordList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *recordList {
	l := &recordList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *recordList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		k = &fyne.KeyEvent{Name: fyne.KeySpace, Physical: k.Physical}
	}
	l.List.TypedKey(k)
}
