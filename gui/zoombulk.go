package gui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/bulkzoom"
	"logodesk/service/zoom"
)

// zoomBulk is the Zoom tab's "Pictures from a folder" view: everyone's Zoom
// picture from one folder of photos, as `logodesk zoom pictures-from` does on
// the command line. The matching, fitting, sending, report and undo are
// service/bulkzoom's; this file only shows them.
type zoomBulk struct {
	u    *UI
	tab  *zoomTab
	pace float64 // users a second (0: bulkzoom.DefaultPace); tests run as fast as the sandbox answers

	backB, chooseB, applyB, cancelB, saveB, undoB *widget.Button
	square                                        *widget.Check
	folder, status, progressText, failures        *widget.Label
	progress                                      *widget.ProgressBar
	problem                                       *problemView
	list                                          *widget.List
	issues                                        *fyne.Container
	progressRow, top                              *fyne.Container
	content                                       *fyne.Container

	gen         int // bumped by each folder: answers about an older one are dropped
	client      *zoom.Client
	runner      *bulkzoom.Runner
	plan        *bulkzoom.Plan
	rows        []bulkRow
	thumbs      *bulkThumbs
	stopPreview context.CancelFunc
	cancelRun   context.CancelFunc
	running     bool
	report      *bulkzoom.Report // what the last run or undo did, for Save report…
}

// bulkRow is what the view knows of one matched user.
type bulkRow struct {
	ticked  bool
	preview *bulkzoom.Preview // nil until the file is fitted
	result  string            // what the last run or undo did to this user
	failed  bool
	sent    bool // the new picture was sent: Now shows it
	refetch bool // the picture changed since the users were listed (an undo): look the user up again
}

const bulkIntro = "Choose the folder with everyone's photos, or drop it on this window. " +
	"A file named after a user's e-mail address (ava@example.com.jpg) or the part before the @ (ava.jpg) becomes that user's Zoom picture. " +
	"LogoDesk keeps a copy of each picture it replaces."

func newZoomBulk(u *UI, tab *zoomTab) *zoomBulk {
	b := &zoomBulk{u: u, tab: tab}
	b.thumbs = newBulkThumbs(b)
	b.backB = &widget.Button{Text: "Back to one user", Icon: theme.NavigateBackIcon(), OnTapped: tab.hideBulk}
	b.chooseB = &widget.Button{Text: "Choose folder…", Icon: theme.FolderOpenIcon(), OnTapped: b.onChoose}
	b.square = widget.NewCheck("Crop each picture to a centred square", b.onSquare)
	b.folder = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.folder.Truncation = fyne.TextTruncateEllipsis
	b.folder.Hide() // until a folder is chosen: no empty line above the intro
	b.status = wrapLabel(bulkIntro)
	b.problem = newProblemView(u, Zoom)
	b.progress = widget.NewProgressBar()
	b.progress.TextFormatter = func() string { return fmt.Sprintf("%d of %d", int(b.progress.Value), int(b.progress.Max)) }
	b.progressText = widget.NewLabel("")
	b.cancelB = &widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: b.onCancel}
	b.applyB = &widget.Button{Text: "Apply", Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: b.onApply}
	b.saveB = &widget.Button{Text: "Save report…", Icon: theme.DocumentSaveIcon(), OnTapped: b.onSave}
	b.undoB = &widget.Button{Text: "Undo this run", Icon: theme.ContentUndoIcon(), OnTapped: b.onUndo}
	b.failures = wrapLabel("")
	b.failures.Importance = widget.DangerImportance
	b.issues = container.NewVBox()
	b.list = widget.NewList(func() int { return len(b.rows) }, b.newRowView, b.updateRowView)

	b.progressRow = container.NewBorder(nil, nil, nil, container.NewHBox(b.progressText, b.cancelB), b.progress)
	b.top = container.NewVBox(
		container.NewHBox(b.backB, b.chooseB, b.square, layout.NewSpacer()),
		b.folder, b.status, b.problem.content, b.progressRow,
		container.NewHBox(b.applyB, b.saveB, b.undoB, layout.NewSpacer()), b.failures)
	split := container.NewVSplit(b.list, container.NewVScroll(container.NewPadded(b.issues)))
	split.Offset = 0.7
	// One centred column, as Bigin's list and photo are: the rows' pictures stay
	// near their names, the buttons near the list they act on.
	b.content = centredColumn(container.NewBorder(container.NewPadded(b.top), nil, nil, nil, split))
	b.content.Hide()
	b.update()
	return b
}

// visible reports whether the view is the one the Zoom tab shows.
func (b *zoomBulk) visible() bool { return b.content.Visible() }

func (b *zoomBulk) onChoose() {
	if b.running {
		return
	}
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			b.openFolder(l.Path())
		}
	}, b.u.win)
	s := b.u.win.Canvas().Size()
	d.Resize(fyne.NewSize(s.Width*0.85, s.Height*0.85))
	b.u.showDialog(d, nil)
}

// dropped takes a folder dropped anywhere on the window while the view is shown.
func (b *zoomBulk) dropped(uris []fyne.URI) {
	switch {
	case b.running:
		b.status.SetText("LogoDesk is still changing pictures; drop the next folder when it has finished.")
	case len(uris) == 0:
	case len(uris) > 1:
		b.status.SetText(fmt.Sprintf("You dropped %d items. Drop one folder with everyone's photos.", len(uris)))
	case uris[0].Scheme() != "file":
		b.status.SetText("LogoDesk can only use a folder on this computer.")
	default:
		b.openFolder(uris[0].Path()) // bulkzoom.CheckFolder says so when it is a file
	}
}

// openFolder lists the account's users and matches the folder's files with
// them, off the UI goroutine; then the files are fitted for the preview.
func (b *zoomBulk) openFolder(folder string) {
	b.gen++
	gen := b.gen
	b.stopPreviews()
	b.plan, b.rows, b.report = nil, nil, nil
	b.thumbs.reset()
	b.list.Refresh()
	b.issues.RemoveAll()
	b.failures.SetText("")
	b.problem.show(nil)
	b.folder.SetText(folder)
	b.folder.Show()
	b.status.SetText("Listing your Zoom account's users and matching them with the files…")
	b.update()
	services, backups := b.u.env.Services, b.u.backups
	b.u.goDo(func() {
		var (
			c    *zoom.Client
			plan *bulkzoom.Plan
		)
		err := bulkzoom.CheckFolder(folder)
		if err == nil {
			c, err = services.Zoom()
		}
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			var users []zoom.User
			users, err = c.Users(ctx) // a non-admin gets Zoom's plain "only an administrator" sentence
			cancel()
			if err == nil {
				plan, err = bulkzoom.Match(folder, users, "")
			}
		}
		b.u.do(func() {
			if gen != b.gen {
				return
			}
			if err != nil {
				b.status.SetText("")
				b.problem.show(err)
				b.update()
				return
			}
			b.client = c
			// Run records sit beside the backups, as the command line keeps them.
			b.runner = &bulkzoom.Runner{Zoom: c, Backups: backups, RecordDir: filepath.Join(backups.Dir, "zoom-runs")}
			b.showPlan(plan)
		})
	})
}

func (b *zoomBulk) showPlan(plan *bulkzoom.Plan) {
	b.plan = plan
	b.rows = make([]bulkRow, len(plan.Rows))
	for i := range b.rows {
		b.rows[i].ticked = true
	}
	b.list.Refresh()
	b.list.ScrollToTop()
	b.showIssues()
	switch n := len(plan.Rows); n {
	case 0:
		b.status.SetText("No file in this folder is named after a user of your Zoom account, so there is nothing to change. The lists below say what LogoDesk found.")
	default:
		b.status.SetText(fmt.Sprintf("%d of the folder's %d files %s. Untick anyone whose picture should stay as it is, then press Apply.",
			n, plan.Files(), plural(n, "matches a user", "match users")))
	}
	b.update()
	b.startPreviews()
	b.u.trace("zoom folder matched")
}

// startPreviews fits every matched file (bulkzoom.Previews) and fills in each
// row as its file is done; a file that is not a usable picture is unticked.
func (b *zoomBulk) startPreviews() {
	b.stopPreviews()
	if b.plan == nil || len(b.plan.Rows) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.stopPreview = cancel
	gen, plan, square := b.gen, b.plan, b.square.Checked
	b.u.goDo(func() {
		_ = bulkzoom.Previews(ctx, plan, square, func(p bulkzoom.Preview) {
			b.u.do(func() {
				if gen != b.gen || ctx.Err() != nil {
					return
				}
				b.rows[p.Index].preview = &p
				if p.Problem != "" {
					b.rows[p.Index].ticked = false
					b.showIssues()
					b.update()
				}
				b.list.RefreshItem(p.Index)
			})
		})
	})
}

func (b *zoomBulk) stopPreviews() {
	if b.stopPreview != nil {
		b.stopPreview()
		b.stopPreview = nil
	}
}

func (b *zoomBulk) onSquare(bool) {
	if b.plan == nil {
		return
	}
	for i := range b.rows {
		b.rows[i].preview = nil
	}
	b.thumbs.forgetNew()
	b.list.Refresh()
	b.startPreviews()
}

// ticked are the rows to apply, as indexes into the plan's rows.
func (b *zoomBulk) ticked() []int {
	var out []int
	for i, r := range b.rows {
		if r.ticked {
			out = append(out, i)
		}
	}
	return out
}

func (b *zoomBulk) applyText() string {
	n := len(b.ticked())
	return fmt.Sprintf("Apply to %d %s", n, plural(n, "user", "users"))
}

// update sets the buttons for the view's state.
func (b *zoomBulk) update() {
	b.applyB.SetText(b.applyText())
	enable(b.applyB, !b.running && len(b.ticked()) > 0)
	enable(b.chooseB, !b.running)
	enable(b.backB, !b.running)
	enable(b.saveB, !b.running && b.report != nil)
	enable(b.undoB, !b.running && b.report != nil && !b.report.Undo && b.report.RunID != "")
	enable(b.square, !b.running)
	enable(b.cancelB, b.running)
	show(b.progressRow, b.running)
	show(b.saveB, b.report != nil)
	show(b.undoB, b.report != nil)
	show(b.failures, b.failures.Text != "")
	b.top.Refresh() // lay out again what was shown or hidden
}

func show(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// start marks a run or undo of total users as under way.
func (b *zoomBulk) start(total int, msg string) context.Context {
	b.running = true
	ctx, cancel := context.WithCancel(context.Background())
	b.cancelRun = cancel
	b.progress.Max = float64(total)
	b.progress.SetValue(0)
	b.progressText.SetText("")
	b.status.SetText(msg)
	b.failures.SetText("")
	b.update()
	return ctx
}

func (b *zoomBulk) onApply() {
	idx := b.ticked()
	if b.running || b.runner == nil || len(idx) == 0 {
		return
	}
	b.stopPreviews() // the run fits every file again; the CPU is better spent there
	sub := *b.plan   // only the ticked rows are sent
	sub.Rows = make([]bulkzoom.Row, len(idx))
	for k, i := range idx {
		sub.Rows[k] = b.plan.Rows[i]
		b.rows[i].result, b.rows[i].failed = "Waiting…", false
	}
	b.list.Refresh()
	ctx := b.start(len(idx), fmt.Sprintf("Keeping a copy of each current picture, then changing the pictures of %d %s…", len(idx), plural(len(idx), "user", "users")))
	runner, plan := b.runner, b.plan
	opt := bulkzoom.Options{Square: b.square.Checked, Pace: b.pace, OnProgress: func(p bulkzoom.Progress) {
		b.u.do(func() { b.showProgress(p, idx[p.Index], false) })
	}}
	b.u.goDo(func() {
		rep, err := runner.Apply(ctx, &sub, opt)
		b.u.do(func() { b.applied(plan, idx, rep, err) })
	})
}

// showProgress puts one user's result in its row and moves the bar.
func (b *zoomBulk) showProgress(p bulkzoom.Progress, row int, undo bool) {
	b.progress.SetValue(float64(p.Done))
	if p.Done < p.Total {
		b.progressText.SetText("about " + aboutDuration(p.Left) + " left")
	} else {
		b.progressText.SetText("")
	}
	if row < 0 || row >= len(b.rows) {
		return
	}
	r := &b.rows[row]
	r.result, r.failed = resultText(p.Last, undo), p.Last.Status == bulkzoom.Failed
	switch {
	case p.Last.Status != bulkzoom.Changed:
	case undo:
		r.sent, r.refetch = false, true
		b.thumbs.forgetNow(row)
	default:
		r.sent = true
	}
	b.list.RefreshItem(row)
}

// applied shows a finished run: the summary, the failures, Save report and Undo.
func (b *zoomBulk) applied(plan *bulkzoom.Plan, idx []int, rep *bulkzoom.Report, err error) {
	b.running = false
	b.cancelRun = nil
	if err != nil {
		b.status.SetText("")
		b.problem.show(err)
		for _, i := range idx {
			b.rows[i].result = ""
		}
		b.list.Refresh()
		b.update()
		return
	}
	b.report = b.withUnticked(plan, idx, rep)
	msg := rep.Summary()
	unticked, unusable := b.leftOut(idx)
	if unticked > 0 {
		msg += fmt.Sprintf(" %d unticked %s left as %s.", unticked, plural(unticked, "user was", "users were"), plural(unticked, "it was", "they were"))
	}
	if unusable > 0 {
		msg += fmt.Sprintf(" %d %s not a picture LogoDesk can use.", unusable, plural(unusable, "file is", "files are"))
	}
	if rep.Stopped != "" {
		msg += " The run stopped early: " + strings.TrimPrefix(rep.Stopped, "Not tried: ")
	}
	b.status.SetText(msg)
	b.failures.SetText(problemLines(rep))
	b.list.Refresh() // the tick boxes can be used again
	b.update()
	b.u.trace("zoom folder applied")
}

// withUnticked is the run's report with every row of plan, so a saved report
// accounts for the whole folder: a row left out is not tried, or failed when
// its file is not a usable picture (as a run would have said).
func (b *zoomBulk) withUnticked(plan *bulkzoom.Plan, idx []int, rep *bulkzoom.Report) *bulkzoom.Report {
	full := *rep
	full.Plan = plan
	full.Results = make([]bulkzoom.Result, len(plan.Rows))
	for i, row := range plan.Rows {
		full.Results[i] = bulkzoom.Result{Row: row, Status: bulkzoom.NotTried, Reason: "Unticked in LogoDesk's window, so not changed."}
		if p := b.rows[i].preview; p != nil && p.Problem != "" {
			full.Results[i].Status, full.Results[i].Reason = bulkzoom.Failed, "This file is not a picture LogoDesk can use: "+p.Problem
		}
	}
	for k, i := range idx {
		if k < len(rep.Results) {
			full.Results[i] = rep.Results[k]
		}
	}
	return &full
}

// leftOut counts the rows a run did not include: unticked by the admin, and
// unticked because their file is not a usable picture.
func (b *zoomBulk) leftOut(idx []int) (unticked, unusable int) {
	in := map[int]bool{}
	for _, i := range idx {
		in[i] = true
	}
	for i, r := range b.rows {
		switch {
		case in[i]:
		case r.preview != nil && r.preview.Problem != "":
			unusable++
		default:
			unticked++
		}
	}
	return unticked, unusable
}

// problemLines lists the users a run did not change, and why.
func problemLines(rep *bulkzoom.Report) string {
	problems := rep.Problems()
	if len(problems) == 0 {
		return ""
	}
	lines := []string{"Not changed:"}
	for _, r := range problems {
		lines = append(lines, fmt.Sprintf("• %s (%s): %s", r.Row.User.Email, filepath.Base(r.Row.File), r.Reason))
	}
	return strings.Join(lines, "\n")
}

func (b *zoomBulk) onCancel() {
	if b.cancelRun != nil {
		b.cancelRun()
		b.status.SetText("Stopping… the pictures being sent now are finished first.")
		b.cancelB.Disable()
	}
}

func (b *zoomBulk) onUndo() {
	if b.running || b.runner == nil || b.report == nil || b.report.RunID == "" {
		return
	}
	byID := map[string]int{}
	for i, r := range b.plan.Rows {
		byID[r.User.ID] = i
	}
	ctx := b.start(b.report.Count(bulkzoom.Changed), "Putting back the pictures this run changed…")
	runner := b.runner
	opt := bulkzoom.Options{Pace: b.pace, OnProgress: func(p bulkzoom.Progress) {
		b.u.do(func() {
			row, ok := byID[p.Last.Row.User.ID]
			if !ok {
				row = -1
			}
			b.showProgress(p, row, true)
		})
	}}
	b.u.goDo(func() {
		rep, err := runner.Undo(ctx, opt)
		b.u.do(func() {
			b.running = false
			b.cancelRun = nil
			if err != nil {
				b.status.SetText(plainSentence(err))
				b.update()
				return
			}
			b.report = rep
			b.status.SetText(rep.Summary())
			b.failures.SetText(problemLines(rep))
			b.list.Refresh()
			b.update()
			b.u.trace("zoom folder undone")
		})
	})
}

func (b *zoomBulk) onSave() {
	if b.report == nil {
		return
	}
	rep := b.report
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		b.saveReport(rep, w)
	}, b.u.win)
	d.SetFileName("zoom-pictures-" + time.Now().Format("2006-01-02") + ".csv")
	s := b.u.win.Canvas().Size()
	d.Resize(fyne.NewSize(s.Width*0.85, s.Height*0.85))
	b.u.showDialog(d, nil)
}

// saveReport writes rep as CSV to w and closes it, off the UI goroutine.
func (b *zoomBulk) saveReport(rep *bulkzoom.Report, w io.WriteCloser) {
	b.u.goDo(func() {
		err := rep.WriteCSV(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		b.u.do(func() {
			if err != nil {
				b.status.SetText("LogoDesk couldn't save the report: " + plainSentence(err))
				return
			}
			b.status.SetText(rep.Summary() + " The report is saved.")
		})
	})
}

// resultText is one user's outcome in their row.
func resultText(r bulkzoom.Result, undo bool) string {
	switch r.Status {
	case bulkzoom.Changed:
		if undo {
			return "Put back as before."
		}
		return "Changed."
	case bulkzoom.Unchanged:
		if r.Reason != "" {
			return r.Reason
		}
		return "Already had this picture."
	case bulkzoom.Failed:
		return "Failed: " + r.Reason
	case bulkzoom.NotTried:
		return "Not tried: " + strings.TrimPrefix(r.Reason, "Not tried: ")
	}
	return ""
}

// aboutDuration is a rough time for people: "a few seconds", "3 minutes".
func aboutDuration(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return "a few seconds"
	case d < 90*time.Second:
		return fmt.Sprintf("%d seconds", int(d.Round(10*time.Second).Seconds()))
	case d < 90*time.Minute:
		return fmt.Sprintf("%d minutes", int(d.Round(time.Minute).Minutes()))
	}
	return fmt.Sprintf("%d hours", int(d.Round(time.Hour).Hours()))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
