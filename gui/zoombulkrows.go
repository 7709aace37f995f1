package gui

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/bulkzoom"
	"logodesk/service/limits"
	"logodesk/service/zoom"
)

// bulkThumbSize is the side of a row's pictures, in points; they are drawn at
// twice that in pixels, for sharp pictures on high-density screens.
const bulkThumbSize = 56

// bulkRowView is one row of the preview list. The list creates only as many
// as fit on screen and rebinds them to rows as the admin scrolls.
type bulkRowView struct {
	widget.BaseWidget
	b       *zoomBulk
	row     int // the row it shows; -1 while being rebound
	check   *widget.Check
	now     *bulkPic
	new     *bulkPic
	who     *widget.Label
	detail  *widget.Label
	result  *widget.Label
	content fyne.CanvasObject
}

func (b *zoomBulk) newRowView() fyne.CanvasObject {
	v := &bulkRowView{b: b, row: -1}
	v.check = widget.NewCheck("", v.onTick)
	v.now = newBulkPic("Now")
	v.new = newBulkPic("New")
	v.who = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.detail = widget.NewLabel("")
	v.result = widget.NewLabel("")
	for _, l := range []*widget.Label{v.who, v.detail, v.result} {
		l.Truncation = fyne.TextTruncateEllipsis // rows keep one height; the report has every word
	}
	text := container.NewVBox(layout.NewSpacer(), v.who, v.detail, v.result, layout.NewSpacer())
	v.content = container.NewBorder(nil, nil, container.NewHBox(container.NewCenter(v.check), v.now.content, v.new.content), nil, text)
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer implements fyne.Widget.
func (v *bulkRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.content)
}

func (v *bulkRowView) onTick(on bool) {
	if v.row < 0 || v.row >= len(v.b.rows) {
		return
	}
	v.b.rows[v.row].ticked = on
	v.b.update()
}

// updateRowView binds a list row to row i; its pictures are asked for only now
// that it is on screen.
func (b *zoomBulk) updateRowView(i widget.ListItemID, o fyne.CanvasObject) {
	v, ok := o.(*bulkRowView)
	if !ok || i >= len(b.rows) {
		return
	}
	r, pr := b.rows[i], b.plan.Rows[i]
	v.row = -1 // SetChecked calls onTick: the old row must not be changed
	v.check.SetChecked(r.ticked)
	v.row = i
	usable := r.preview == nil || r.preview.Problem == ""
	enable(v.check, !b.running && usable)
	v.who.SetText(describeUser(pr.User))
	v.detail.SetText(rowDetail(pr, r.preview))
	v.result.SetText(r.result)
	v.result.Importance = widget.MediumImportance
	if r.failed {
		v.result.Importance = widget.DangerImportance
	}
	v.result.Refresh()

	if r.sent { // what Zoom holds now is the file that was sent
		v.now.show(b.thumbs.get(i, thumbNew))
	} else {
		v.now.show(b.thumbs.get(i, thumbNow))
	}
	if usable {
		v.new.show(b.thumbs.get(i, thumbNew))
	} else {
		v.new.show(thumbResult{note: "Can't use"})
	}
}

// rowDetail says which file is the user's and what fitting does to it.
func rowDetail(row bulkzoom.Row, p *bulkzoom.Preview) string {
	s := filepath.Base(row.File)
	switch {
	case p == nil:
		return s + " — checking the picture…"
	case p.Problem != "":
		return s + " — not a picture LogoDesk can use: " + p.Problem
	}
	s += fmt.Sprintf(" — %d×%d %s, %s.", p.Width, p.Height, strings.ToUpper(strings.TrimPrefix(p.MIME, "image/")), limits.HumanBytes(int64(p.Size)))
	if p.Explanation != "" {
		s += " " + p.Explanation
	}
	return s
}

// bulkPic is a row's small picture with its caption, or a word where there is none.
type bulkPic struct {
	img     *canvas.Image
	hint    *canvas.Text // a Label's padding leaves no room for a word in the small square
	content fyne.CanvasObject
}

func newBulkPic(caption string) *bulkPic {
	p := &bulkPic{img: &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}}
	p.hint = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	p.hint.TextSize = theme.CaptionTextSize()
	p.hint.TextStyle.Italic = true
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	box := container.NewGridWrap(fyne.NewSize(bulkThumbSize, bulkThumbSize), container.NewStack(bg, p.img, container.NewCenter(p.hint)))
	label := widget.NewLabelWithStyle(caption, fyne.TextAlignCenter, fyne.TextStyle{})
	p.content = container.NewBorder(nil, nil, nil, nil, container.NewVBox(box, label))
	return p
}

func (p *bulkPic) show(t thumbResult) {
	p.img.Image = t.img
	p.img.Refresh()
	if t.img == nil && t.note == "" {
		t.note = "…" // still being loaded
	}
	if t.img != nil {
		t.note = ""
	}
	p.hint.Text = t.note
	p.hint.Refresh()
}

// thumbKind is which of a row's two pictures.
type thumbKind int

const (
	thumbNow thumbKind = iota // the user's current Zoom picture
	thumbNew                  // the file, as it would look once fitted
)

type thumbKey struct {
	row  int
	kind thumbKind
}

// thumbResult is a row's picture, or a word saying why there is none.
type thumbResult struct {
	img  image.Image
	note string
}

// bulkThumbs makes the rows' pictures when they come on screen, a few at a
// time, and keeps only the most recent ones: a folder of thousands of photos
// never has them all in memory. Its maps are touched on the UI goroutine only.
type bulkThumbs struct {
	b       *zoomBulk
	max     int
	gen     int // bumped by reset: pictures of an older folder are dropped
	cache   map[thumbKey]thumbResult
	order   []thumbKey // oldest first
	loading map[thumbKey]bool
	slots   chan struct{} // pictures made at once
}

func newBulkThumbs(b *zoomBulk) *bulkThumbs {
	t := &bulkThumbs{b: b, max: 120, slots: make(chan struct{}, 3)}
	t.reset()
	return t
}

func (t *bulkThumbs) reset() {
	t.gen++
	t.cache, t.order, t.loading = map[thumbKey]thumbResult{}, nil, map[thumbKey]bool{}
}

// forgetNew drops the fitted pictures (the square crop changed).
func (t *bulkThumbs) forgetNew() {
	for k := range t.cache {
		if k.kind == thumbNew {
			delete(t.cache, k)
		}
	}
	t.gen++ // pictures under way were made with the old crop
	t.loading = map[thumbKey]bool{}
}

// forgetNow drops row's current picture: it has changed (an undo).
func (t *bulkThumbs) forgetNow(row int) { delete(t.cache, thumbKey{row, thumbNow}) }

// get is the picture if made, else starts making it and returns an empty result.
func (t *bulkThumbs) get(row int, kind thumbKind) thumbResult {
	k := thumbKey{row, kind}
	if r, ok := t.cache[k]; ok {
		return r
	}
	if t.loading[k] {
		return thumbResult{}
	}
	t.loading[k] = true
	gen, b := t.gen, t.b
	pr, square, client, refetch := b.plan.Rows[row], b.square.Checked, b.client, b.rows[row].refetch
	b.u.goDo(func() {
		t.slots <- struct{}{}
		var r thumbResult
		if kind == thumbNew {
			r = newThumb(pr.File, square)
		} else {
			r = nowThumb(client, pr.User, refetch)
		}
		<-t.slots
		b.u.do(func() {
			if gen != t.gen {
				return
			}
			delete(t.loading, k)
			t.put(k, r)
			if row < len(b.rows) {
				b.list.RefreshItem(row)
			}
		})
	})
	return thumbResult{}
}

func (t *bulkThumbs) put(k thumbKey, r thumbResult) {
	if _, ok := t.cache[k]; !ok {
		t.order = append(t.order, k)
	}
	t.cache[k] = r
	for len(t.order) > t.max {
		delete(t.cache, t.order[0])
		t.order = t.order[1:]
	}
}

func newThumb(path string, square bool) thumbResult {
	img, err := bulkzoom.Thumbnail(path, 2*bulkThumbSize, square)
	if err != nil {
		return thumbResult{note: "Can't use"}
	}
	return thumbResult{img: onChecker(scaleDown(img, 2*bulkThumbSize))}
}

// nowThumb downloads u's current picture. Zoom's list of users has no
// pic_url, so the user is looked up first (and again after an undo).
func nowThumb(c *zoom.Client, u zoom.User, refetch bool) thumbResult {
	if c == nil {
		return thumbResult{note: "?"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if refetch || u.PicURL == "" { // the list of users has no pic_url
		fresh, err := c.User(ctx, u.ID)
		if err != nil {
			return thumbResult{note: "Can't load"}
		}
		u = fresh
	}
	p, err := c.Picture(ctx, u)
	switch {
	case err != nil:
		return thumbResult{note: "Can't load"}
	case !p.Present:
		return thumbResult{note: "None"}
	}
	img, err := thumbnail(p.Bytes, 2*bulkThumbSize)
	if err != nil {
		return thumbResult{note: "Can't show"}
	}
	return thumbResult{img: img}
}

// showIssues lists, plainly, what the folder offered that will not be used.
func (b *zoomBulk) showIssues() {
	b.issues.RemoveAll()
	p := b.plan
	if p == nil {
		return
	}
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		b.issues.Add(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		b.issues.Add(wrapLabel(strings.Join(lines, "\n")))
	}
	files := func(l []bulkzoom.FileIssue) []string {
		out := make([]string, len(l))
		for i, f := range l {
			out[i] = "• " + filepath.Base(f.File) + ": " + f.Reason
		}
		return out
	}
	var unusable []string
	for i, r := range b.rows {
		if r.preview != nil && r.preview.Problem != "" {
			unusable = append(unusable, fmt.Sprintf("• %s (for %s): %s", filepath.Base(p.Rows[i].File), p.Rows[i].User.Email, r.preview.Problem))
		}
	}
	n := len(unusable)
	section(fmt.Sprintf("%d %s not a picture LogoDesk can use, so %s unticked:", n, plural(n, "file is", "files are"), plural(n, "its user is", "their users are")), unusable)
	n = len(p.NoUser)
	section(fmt.Sprintf("%d %s no user:", n, plural(n, "file matches", "files match")), files(p.NoUser))
	n = len(p.SeveralUsers)
	section(fmt.Sprintf("%d %s more than one user, so %s not used:", n, plural(n, "file matches", "files match"), plural(n, "it is", "they are")), files(p.SeveralUsers))
	n = len(p.NotUsed)
	section(fmt.Sprintf("%d %s not used:", n, plural(n, "file is", "files are")), files(p.NotUsed))
	if n = len(p.UsersWithoutFile); n > 0 {
		const shown = 50 // the saved report lists them all
		var lines []string
		for _, u := range p.UsersWithoutFile[:min(n, shown)] {
			lines = append(lines, "• "+describeUser(u))
		}
		if n > shown {
			lines = append(lines, fmt.Sprintf("and %d more (Save report… lists them all after a run)", n-shown))
		}
		section(fmt.Sprintf("%d %s no file, so %s not touched:", n, plural(n, "user has", "users have"), plural(n, "that picture is", "their pictures are")), lines)
	}
	section("In the CSV file:", p.CSVProblems)
	b.issues.Refresh()
}
