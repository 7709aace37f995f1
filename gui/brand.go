package gui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/apply"
	"logodesk/service/bigin"
)

// Brand is one logo applied to every service (service/apply); *session.Session
// gives it through the small adapter in run.go.
type Brand interface {
	// Targets lists the places the logo can go; it may read the keyring, so it
	// is called off the UI goroutine.
	Targets() []apply.Target
}

// brandThumb is the size of the pictures in a Brand row.
const brandThumb = 96

// brandTab is the first tab: drop the brand logo once, see it fitted for each
// service beside what each has now, apply it to the ticked ones in one step, and
// undo that step in one more.
type brandTab struct {
	u       *UI
	loading tabLoad

	chooseB   *widget.Button
	fileName  *widget.Label
	status    *widget.Label
	spinner   *widget.Activity // beside the status: busy without moving the rows
	statusRow *fyne.Container
	applyB    *widget.Button
	undoB     *widget.Button
	rowsBox   *fyne.Container
	content   fyne.CanvasObject

	targets []apply.Target
	rows    map[string]*brandRow
	cands   []apply.Candidate      // fitted for the dropped file; nil before a drop
	thumbs  map[string]image.Image // each candidate scaled for its row, by target ID
	fileGen int                    // bumped by each dropped file: late fits are dropped
	run     *apply.Run
	running bool // an apply, retry or undo is under way
	fitting bool // a dropped file is being fitted: the rows may show its quick preview, not what Apply would send
	// prepare fits the logo for each target (apply.Prepare; tests hold it).
	prepare func(ctx context.Context, data []byte, targets []apply.Target) ([]apply.Candidate, error)
}

// brandData is what a load fetches: the targets and each one's current picture.
type brandData struct {
	targets []apply.Target
	current map[string]brandCurrent
}

type brandCurrent struct {
	thumb image.Image
	note  string // when there is no picture to show
}

func newBrandTab(u *UI) *brandTab {
	t := &brandTab{u: u, rows: map[string]*brandRow{}, prepare: apply.Prepare}
	t.chooseB = &widget.Button{Text: "Choose file…", Icon: theme.FolderOpenIcon(), OnTapped: t.onChooseFile}
	t.fileName = widget.NewLabel("")
	t.fileName.Truncation = fyne.TextTruncateEllipsis
	t.status = widget.NewLabel("Drop your logo (PNG, JPEG or SVG) anywhere on this window, or choose the file.")
	t.status.Wrapping = fyne.TextWrapWord
	t.spinner = widget.NewActivity()
	t.spinner.Hide()
	t.statusRow = container.NewBorder(nil, nil, t.spinner, nil, t.status)
	t.applyB = &widget.Button{Text: "Apply", Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: t.onApply}
	t.undoB = &widget.Button{Text: "Undo", Icon: theme.ContentUndoIcon(), OnTapped: t.onUndo}
	t.applyB.Disable()
	t.undoB.Disable()
	t.rowsBox = container.NewVBox()

	upload := canvas.NewImageFromResource(theme.UploadIcon())
	upload.FillMode = canvas.ImageFillContain
	upload.SetMinSize(fyne.NewSize(40, 40))
	intro := widget.NewLabel("One logo for every service: LogoDesk fits it to each one's limits, keeps a copy of each picture it replaces, and can put them all back.")
	intro.Wrapping = fyne.TextWrapWord
	drop := newDropZone(container.NewBorder(nil, nil, container.NewHBox(upload,
		widget.NewLabelWithStyle("Drop your logo here", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel("or"), t.chooseB), nil, t.fileName))
	// Apply and the summary sit above the rows, so they are on screen without scrolling.
	actions := container.NewHBox(t.applyB, t.undoB, layout.NewSpacer())
	body := container.NewVBox(intro, drop, actions, t.statusRow, widget.NewSeparator(), t.rowsBox)
	t.content = container.NewVScroll(centredColumn(container.NewPadded(body)))
	t.loading = tabLoad{u: u, p: anyProvider, tab: t, load: t.load, signedOut: t.signedOut}
	u.zohoSignIn.onChange(t.loading.signInChanged)
	u.zoomSignIn.onChange(t.loading.signInChanged)
	return t
}

func (t *brandTab) opened() { t.loading.opened() }

func (t *brandTab) signedOut() {
	t.targets = nil
	t.rowsBox.Objects = []fyne.CanvasObject{wrapLabel("Sign in to Zoho or Zoom (on their tabs) to apply your logo to them.")}
	t.rowsBox.Refresh()
	t.updateApply()
}

// load lists the targets and their current pictures; both may touch the keyring
// or the network, so they are fetched off the UI goroutine.
func (t *brandTab) load() {
	if t.running || !t.loading.start() {
		return
	}
	brand := t.u.env.Brand
	fetch(&t.loading, func() (brandData, error) {
		d := brandData{targets: brand.Targets(), current: map[string]brandCurrent{}}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, tg := range d.targets {
			if tg.Manual != "" || tg.Unavailable != nil {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := currentOf(tg)
				mu.Lock()
				d.current[tg.ID] = c
				mu.Unlock()
			}()
		}
		wg.Wait()
		return d, nil
	}, t.show)
}

// currentOf reads a target's picture now and scales it for its row.
func currentOf(tg apply.Target) brandCurrent {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p, err := tg.Current(ctx)
	switch {
	case errors.Is(err, bigin.ErrOrgLogoUnreadable):
		return brandCurrent{note: "Not shown to apps"}
	case err != nil:
		return brandCurrent{note: "Couldn't load"}
	case !p.Present:
		return brandCurrent{note: "None yet"}
	}
	img, err := thumbnail(p.Bytes, brandThumb)
	if err != nil {
		return brandCurrent{note: "Can't show it"}
	}
	return brandCurrent{thumb: img}
}

func (t *brandTab) show(d brandData, _ error) {
	t.targets = d.targets
	t.rows = map[string]*brandRow{}
	var objs []fyne.CanvasObject
	for _, tg := range d.targets {
		r := newBrandRow(t, tg)
		r.setCurrent(d.current[tg.ID])
		t.rows[tg.ID] = r
		objs = append(objs, r.content, widget.NewSeparator())
	}
	t.rowsBox.Objects = objs
	t.rowsBox.Refresh()
	t.showCandidates()
	t.updateApply()
	t.u.trace("brand rows loaded")
}

// dropped takes a file dropped anywhere on the window while the tab is shown.
func (t *brandTab) dropped(_ fyne.Position, uris []fyne.URI) {
	switch {
	case t.running:
		t.status.SetText("LogoDesk is still sending the last logo; drop the new one when it has finished.")
	case len(uris) == 0:
	case len(uris) > 1:
		t.status.SetText(fmt.Sprintf("You dropped %d files. Drop one logo at a time.", len(uris)))
	case uris[0].Scheme() != "file":
		t.status.SetText("LogoDesk can only use image files saved on this computer. Save the logo first, then drop the file.")
	default:
		t.openPath(uris[0].Path())
	}
}

func (t *brandTab) onChooseFile() {
	if t.running {
		return
	}
	picker := t.u.env.Picker
	if picker == nil {
		picker = fynePicker{}
	}
	picker.PickImage(t.u.win, func(path string) {
		if path != "" {
			t.openPath(path)
		}
	})
}

// openPath reads the logo and fits it for every target, off the UI goroutine.
// Until the fits arrive the rows keep what they showed; a newer file wins.
func (t *brandTab) openPath(path string) {
	t.fileGen++
	gen := t.fileGen
	t.fileName.SetText(filepath.Base(path))
	t.status.SetText("Fitting " + filepath.Base(path) + " to each service's limits…")
	t.spinner.Show()
	t.spinner.Start()
	t.statusRow.Refresh() // a container lays out again only when refreshed
	t.run = nil
	t.fitting = true
	t.updateApply()
	images, targets, prepare := t.u.env.Images, t.targets, t.prepare
	t.u.goDo(func() {
		data, err := images.ReadFile(path)
		var cands []apply.Candidate
		if err == nil {
			// Something to look at within moments of the drop; fitting a large photo
			// for three services takes a second or more.
			if q, qerr := images.QuickPreview(data, brandThumb); qerr == nil {
				t.u.do(func() {
					if gen == t.fileGen {
						t.showQuick(q)
					}
				})
			}
			cands, err = prepare(context.Background(), data, targets)
		}
		thumbs := make([]image.Image, len(cands))
		for i, c := range cands {
			switch {
			case c.Err != nil || c.Target.Manual != "":
			case c.Fit.Image != nil:
				thumbs[i] = scaleDown(c.Fit.Image, brandThumb)
			default: // sent as it is: the fitter kept no pixels
				thumbs[i], _ = thumbnail(c.Fit.Bytes, brandThumb)
			}
		}
		t.u.do(func() {
			if gen != t.fileGen {
				return
			}
			t.fitting = false
			t.spinner.Stop()
			t.spinner.Hide()
			t.statusRow.Refresh()
			if err != nil {
				t.cands = nil
				t.status.SetText(plainSentence(err))
				t.showCandidates()
				t.updateApply()
				return
			}
			t.cands = cands
			t.thumbs = map[string]image.Image{}
			for i := range cands {
				t.thumbs[cands[i].Target.ID] = thumbs[i]
			}
			t.showCandidates()
			t.updateApply()
			t.status.SetText("Tick the services to change, then press " + t.applyB.Text + ".")
			t.u.trace("brand candidates shown%s", sinceDrop(t.u))
			t.u.traceDrop = time.Time{}
		})
	})
}

// showQuick shows a rough preview of the file being fitted in every row it can
// go to, captioned as being fitted; Apply stays off until the fits are shown.
func (t *brandTab) showQuick(img image.Image) {
	for _, r := range t.rows {
		if r.t.Manual == "" && r.t.Unavailable == nil {
			r.candidate.set(img, "Fitting\u2026")
			r.note.SetText("")
		}
	}
	t.u.trace("quick preview shown%s", sinceDrop(t.u))
}

// sinceDrop is " N ms after the drop" for a trace line, when a drop is being timed.
func sinceDrop(u *UI) string {
	if u.traceDrop.IsZero() {
		return ""
	}
	return fmt.Sprintf(" %d ms after the drop", time.Since(u.traceDrop).Milliseconds())
}

// showCandidates puts each fitted logo in its row.
func (t *brandTab) showCandidates() {
	for _, r := range t.rows {
		r.setCandidate(nil, nil)
	}
	for i := range t.cands {
		if r := t.rows[t.cands[i].Target.ID]; r != nil {
			r.setCandidate(&t.cands[i], t.thumbs[t.cands[i].Target.ID])
		}
	}
}

// chosen are the candidates of the ticked rows that can be sent, with the
// rows' targets (a sign-in since the drop may have made one reachable).
func (t *brandTab) chosen() []apply.Candidate {
	var out []apply.Candidate
	for _, c := range t.cands {
		r := t.rows[c.Target.ID]
		if r != nil && r.sendable() && r.check.Checked {
			c.Target = r.t
			out = append(out, c)
		}
	}
	return out
}

// updateApply names the number of services on the Apply button.
func (t *brandTab) updateApply() {
	n := len(t.chosen())
	switch n {
	case 1:
		t.applyB.SetText("Apply to 1 service")
	default:
		t.applyB.SetText(fmt.Sprintf("Apply to %d services", n))
	}
	if n == 0 || t.running || t.fitting {
		t.applyB.Disable()
	} else {
		t.applyB.Enable()
	}
	if t.run != nil && !t.running {
		t.undoB.Enable()
	} else {
		t.undoB.Disable()
	}
	t.chooseB.Enable()
	if t.running {
		t.chooseB.Disable()
	}
}

// busy marks an apply, retry or undo as under way (or over).
func (t *brandTab) busy(on bool, msg string) {
	t.running = on
	if on {
		t.spinner.Show()
		t.spinner.Start()
		t.statusRow.Refresh() // a container lays out again only when refreshed
	} else {
		t.spinner.Stop()
		t.spinner.Hide()
		t.statusRow.Refresh()
	}
	for _, r := range t.rows {
		r.enable(!on)
	}
	t.status.SetText(msg)
	t.updateApply()
}

// onChange brings an apply's status to its row on the UI goroutine.
func (t *brandTab) onChange(st apply.Status) {
	t.u.do(func() {
		if r := t.rows[st.Target.ID]; r != nil {
			r.setStatus(st)
		}
	})
}

func (t *brandTab) onApply() {
	cands := t.chosen()
	if len(cands) == 0 || t.running {
		return
	}
	for _, r := range t.rows {
		r.clearStatus()
	}
	t.busy(true, fmt.Sprintf("Keeping a copy of each current picture, then sending the logo to %d services…", len(cands)))
	store := t.u.backups
	t.u.goDo(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		run, recErr := apply.Apply(ctx, cands, apply.Options{Store: store, OnChange: t.onChange})
		t.u.do(func() {
			t.run = run
			msg := run.Summary()
			if recErr != nil {
				msg += " (LogoDesk couldn't write down what it changed, so Undo works only until you close LogoDesk.)"
			}
			t.busy(false, msg)
			t.u.trace("brand apply done")
		})
	})
}

// retry tries one failed service again, with or without keeping a copy.
func (t *brandTab) retry(id string, withoutCopy bool) {
	run := t.run
	if run == nil || t.running {
		return
	}
	t.busy(true, "Trying "+serviceOf(t.targets, id)+" again…")
	t.u.goDo(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if withoutCopy {
			_ = run.RetryWithoutCopy(ctx, id) // the row shows the outcome
		} else {
			_ = run.Retry(ctx, id)
		}
		t.u.do(func() { t.busy(false, run.Summary()) })
	})
}

func (t *brandTab) onUndo() {
	run := t.run
	if run == nil || t.running {
		return
	}
	t.busy(true, "Putting back the pictures this apply replaced…")
	t.u.goDo(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		rep := run.Undo(ctx, func(it apply.UndoItem) {
			t.u.do(func() {
				if r := t.rows[it.Change.Target]; r != nil {
					r.setUndo(it)
				}
			})
		})
		t.u.do(func() {
			t.busy(false, rep.Summary())
			t.u.trace("brand undo done")
		})
	})
}

func serviceOf(targets []apply.Target, id string) string {
	if tg, ok := apply.Find(targets, id); ok {
		return tg.Service
	}
	return id
}

// brandRow is one service in the Brand tab: tick, name, current picture, the
// fitted logo with its sentence, and its state with the buttons that state needs.
type brandRow struct {
	tab       *brandTab
	t         apply.Target
	check     *widget.Check
	current   *thumbView
	candidate *thumbView
	note      *widget.Label // the fit sentence, or why this row can't be applied
	state     *widget.Label
	signInB   *widget.Button
	retryB    *widget.Button
	noCopyB   *widget.Button
	cand      *apply.Candidate
	before    brandCurrent // the picture before an apply, shown again after an undo
	content   fyne.CanvasObject
}

func newBrandRow(tab *brandTab, tg apply.Target) *brandRow {
	r := &brandRow{tab: tab, t: tg}
	r.check = widget.NewCheck("", func(bool) { tab.updateApply() })
	r.check.SetChecked(tg.Default)
	r.current = newThumbView("Now")
	r.candidate = newThumbView("New")
	if tg.Limit.AvatarSide > 0 { // a profile picture: in the circle the service crops it to
		r.current.setRound()
		r.candidate.setRound()
	}
	r.note = widget.NewLabel("")
	r.note.Wrapping = fyne.TextWrapWord
	r.state = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.state.Wrapping = fyne.TextWrapWord
	r.retryB = &widget.Button{Text: "Try again", Icon: theme.ViewRefreshIcon(), OnTapped: func() { tab.retry(tg.ID, false) }}
	r.noCopyB = &widget.Button{Text: "Replace without keeping a copy", Icon: theme.WarningIcon(), Importance: widget.WarningImportance,
		OnTapped: func() { tab.retry(tg.ID, true) }}
	r.retryB.Hide()
	r.noCopyB.Hide()
	r.signInB = &widget.Button{Text: "Sign in to " + vendorOf(tg), Icon: theme.LoginIcon(), OnTapped: func() {
		tab.u.signInFor(providerOf(tg)).onSignIn()
	}}
	r.signInB.Hide()

	name := widget.NewLabelWithStyle(tg.Service, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what := widget.NewLabel(tg.What)
	head := container.NewVBox(container.NewHBox(r.check, name), what)
	pics := container.NewHBox(r.current.content, r.candidate.content)
	text := container.NewVBox(r.note, r.state, container.NewHBox(r.signInB, r.retryB, r.noCopyB))
	switch {
	case tg.Manual != "":
		r.check.Hide()
		pics.Hide()
		r.note.SetText(tg.Manual)
	case tg.Unavailable != nil:
		r.check.SetChecked(false)
		r.check.Hide()
		pics.Hide()
		r.note.SetText(plainSentence(tg.Unavailable))
		r.signInB.Show()
	}
	r.content = container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(170, 60), head), nil,
		container.NewBorder(nil, nil, pics, nil, text))
	return r
}

// sendable: the row's service is reachable and a fitted logo is ready for it.
func (r *brandRow) sendable() bool {
	return r.t.Manual == "" && r.t.Unavailable == nil && r.cand != nil && r.cand.Err == nil
}

func (r *brandRow) setCurrent(c brandCurrent) {
	r.before = c
	if c.thumb != nil {
		r.current.set(c.thumb, "")
	} else {
		r.current.clear(c.note)
	}
}

func (r *brandRow) setCandidate(c *apply.Candidate, thumb image.Image) {
	r.cand = c
	if r.t.Manual != "" || r.t.Unavailable != nil {
		return
	}
	switch {
	case c == nil:
		r.candidate.clear("")
		r.note.SetText("")
	case c.Err != nil:
		r.candidate.clear("")
		r.note.SetText(plainSentence(c.Err))
	default:
		r.candidate.set(thumb, fmt.Sprintf("%d×%d", c.Fit.Width, c.Fit.Height))
		r.note.SetText(c.Fit.Explanation)
	}
}

func (r *brandRow) clearStatus() {
	r.state.SetText("")
	r.retryB.Hide()
	r.noCopyB.Hide()
}

// setStatus shows where the row's service is in an apply.
func (r *brandRow) setStatus(st apply.Status) {
	r.retryB.Hide()
	r.noCopyB.Hide()
	switch st.State {
	case apply.Waiting:
		r.state.SetText("Waiting…")
	case apply.KeepingCopy:
		r.state.SetText("Keeping a copy of the current picture…")
	case apply.Sending:
		r.state.SetText("Sending…")
	case apply.Done:
		msg := "Done."
		if st.UndoNote != "" {
			msg += " " + st.UndoNote
		}
		r.state.SetText(msg)
		// What was sent is what the service holds now.
		if img := r.candidate.shown(); img != nil {
			r.current.set(img, "")
		}
	case apply.Failed:
		r.state.SetText("Failed: " + st.Reason())
		if st.NoCopy {
			r.noCopyB.Show()
		} else {
			r.retryB.Show()
		}
	}
}

// setUndo shows where the row's service is in an undo.
func (r *brandRow) setUndo(it apply.UndoItem) {
	r.retryB.Hide()
	r.noCopyB.Hide()
	switch it.State {
	case apply.Done:
		r.state.SetText("Back as before: " + it.Did + ".")
		if r.before.thumb != nil {
			r.current.set(r.before.thumb, "")
		} else {
			r.current.clear(r.before.note)
		}
	case apply.Failed:
		r.state.SetText("Not put back: " + apply.Reason(it.Err))
	default:
		r.state.SetText("Putting back…")
	}
}

func (r *brandRow) enable(on bool) {
	for _, b := range []*widget.Button{r.retryB, r.noCopyB, r.signInB} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if on {
		r.check.Enable()
	} else {
		r.check.Disable()
	}
}

func vendorOf(tg apply.Target) string {
	if providerOf(tg) == Zoom {
		return "Zoom"
	}
	return "Zoho"
}

func providerOf(tg apply.Target) Provider {
	if tg.ID == apply.Zoom {
		return Zoom
	}
	return Zoho
}

// thumbView is a small picture with a caption, or a hint where there is none.
type thumbView struct {
	img     *canvas.Image
	hint    *widget.Label
	caption *widget.Label
	content fyne.CanvasObject
}

func newThumbView(title string) *thumbView {
	v := &thumbView{}
	v.img = &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}
	v.hint = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	v.hint.Truncation = fyne.TextTruncateEllipsis // a short phrase; the row's note says more
	v.caption = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	box := container.NewGridWrap(fyne.NewSize(brandThumb+8, brandThumb+8), container.NewStack(bg, container.NewPadded(v.img), container.NewVBox(layout.NewSpacer(), v.hint, layout.NewSpacer())))
	v.content = container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Italic: false}), box, v.caption)
	v.clear("")
	return v
}

// setRound shows the picture in a circle, as services show profile pictures.
func (v *thumbView) setRound() {
	v.img.FillMode = canvas.ImageFillCover
	v.img.CornerRadius = brandThumb / 2
}

func (v *thumbView) set(img image.Image, caption string) {
	v.img.Image = img
	v.img.Show()
	v.img.Refresh()
	v.hint.SetText("")
	v.caption.SetText(caption)
}

func (v *thumbView) clear(hint string) {
	v.img.Image = nil
	v.img.Hide()
	v.hint.SetText(hint)
	v.caption.SetText("")
}

// shown is the picture displayed, for tests.
func (v *thumbView) shown() image.Image {
	if !v.img.Visible() {
		return nil
	}
	return v.img.Image
}
