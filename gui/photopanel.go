package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/backup"
	"logodesk/service/limits"
	"logodesk/service/photo"
)

// photoPanel shows one picture slot (a photo.Target): the current picture, a
// drop zone, the fitted candidate beside the current one, and the backups.
// Its fields are touched on the UI goroutine only; work runs through u.goDo and
// comes back with fyne.Do, tagged with gen so results for a slot the user has
// since left are dropped.
type photoPanel struct {
	u         *UI
	p         Provider // whose sign-in the slot needs
	noun      string   // "logo", "photo", "picture"
	service   string   // "Zoho CRM", "Bigin", "Zoom"
	emptyHint string   // shown when there is no slot (no record picked yet)

	target photo.Target
	owner  string // whose picture it is, for the buttons: "Zylker Inc.", "Maya Member"
	gen    int
	busy   bool
	hasCur bool
	source []byte  // the dropped file, kept to re-fit when "square" changes
	fitted *Fitted // the candidate, ready to upload
	// fittedThumb and fittedCaption are the candidate's preview: the New slot may
	// show a quick preview of the next file instead while it is being fitted.
	fittedThumb   image.Image
	fittedCaption string
	entries       []backup.Entry
	listErr       error                  // the backup folder could not be read: said instead of "None yet"
	thumbs        map[string]image.Image // small previews of the kept versions, by file path
	showAll       bool                   // list every kept version, not only the newest
	queued        []fyne.URI             // dropped for this slot before its picture was loaded
	// pending keeps, per slot key, a candidate the admin left by picking another
	// record or user, so coming back finds it again instead of losing it silently.
	pending map[string]pendingCandidate

	// The crop editor, for people's pictures (limits.Limit.AvatarSide): the
	// admin frames the part to send; every move refits (frameSeq tells a fit
	// for an older frame from the one shown, and Replace waits for the latter).
	cropSrc             image.Image // the dropped picture upright, small: what the frame is drawn on
	frame               cropFrame
	frameSeq, fittedSeq int
	cropper             *cropEditor
	zoom                *widget.Slider
	zoomRow             *fyne.Container
	syncing             bool      // the slider is being set to the frame's zoom: not a user's change
	keptCrop            cropState // the candidate's crop while another file is fitted: back if that one fails
	small               *smallPreviews

	current, candidate *preview
	explain            *widget.Label
	square             *widget.Check
	replaceB, discardB *widget.Button
	deleteB, chooseB   *widget.Button
	cancelB            *widget.Button     // stops a Replace or Delete under way
	cancelOp           context.CancelFunc // the one cancelB stops
	noCopyB            *widget.Button     // "Replace without keeping a copy", after photo.ErrNoCopy
	spinner            *widget.Activity   // beside the status: busy without moving the page
	statusRow          *fyne.Container
	status             *widget.Label
	problem            *problemView
	history            *fyne.Container
	historyBox         *fyne.Container
	openFolderB        *widget.Button
	candidateBox       *fyne.Container
	dropBox            *fyne.Container
	dropZone           *dropZone
	content            fyne.CanvasObject
}

func newPhotoPanel(u *UI, p Provider, service, noun, emptyHint string) *photoPanel {
	pp := &photoPanel{u: u, p: p, noun: noun, service: service, emptyHint: emptyHint, pending: map[string]pendingCandidate{}}
	pp.current = newPreview("Current "+noun, "No "+noun+" yet")
	pp.candidate = newPreview("New "+noun, "")
	pp.explain = widget.NewLabel("")
	pp.explain.Wrapping = fyne.TextWrapWord
	pp.square = widget.NewCheck("Crop to a centred square", pp.onSquare)
	pp.cropper = newCropEditor(pp.onFrameChanged)
	pp.cropper.locked = func() bool { return pp.cancelOp != nil } // what is being sent stays as framed
	pp.cropper.onFocus = func() { u.scrollIntoView(pp.cropper) }
	pp.candidate.setEditor(pp.cropper)
	pp.zoom = widget.NewSlider(1, maxCropZoom)
	pp.zoom.Step = 0.05
	pp.zoom.OnChanged = pp.onZoom
	pp.zoomRow = container.NewBorder(nil, nil, widget.NewLabel("Zoom"), nil, pp.zoom)
	pp.zoomRow.Hide()
	pp.small = newSmallPreviews()
	pp.replaceB = &widget.Button{Text: "Replace " + noun, Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: pp.onReplace}
	pp.discardB = &widget.Button{Text: "Discard", Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: pp.onDiscard}
	pp.deleteB = &widget.Button{Text: "Delete " + noun + "…", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: pp.onDelete}
	pp.chooseB = &widget.Button{Text: "Choose file…", Icon: theme.FolderOpenIcon(), OnTapped: pp.onChooseFile}
	pp.noCopyB = &widget.Button{Icon: theme.WarningIcon(), Importance: widget.WarningImportance}
	pp.cancelB = &widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: pp.onCancelOp}
	pp.cancelB.Hide()
	pp.noCopyB.Hide()
	pp.spinner = widget.NewActivity()
	pp.spinner.Hide()
	pp.status = widget.NewLabel("")
	pp.status.Wrapping = fyne.TextWrapWord
	pp.statusRow = container.NewBorder(nil, nil, pp.spinner, nil, pp.status)
	pp.problem = newProblemView(u, p)
	pp.history = container.NewVBox()
	pp.openFolderB = &widget.Button{Text: "Open backups folder", Icon: theme.FolderOpenIcon(), Importance: widget.LowImportance, OnTapped: pp.onOpenFolder}
	heading := widget.NewLabelWithStyle("Earlier versions, kept on this computer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord // narrow windows wrap it rather than widen
	pp.historyBox = container.NewVBox(container.NewBorder(nil, nil, nil, pp.openFolderB, heading), pp.history)

	hint := widget.NewLabelWithStyle("Drop an image here", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	orLabel := widget.NewLabelWithStyle("or", fyne.TextAlignCenter, fyne.TextStyle{})
	upload := canvas.NewImageFromResource(theme.UploadIcon())
	upload.FillMode = canvas.ImageFillContain
	upload.SetMinSize(fyne.NewSize(48, 48))
	pp.dropZone = newDropZone(container.NewVBox(layout.NewSpacer(),
		container.NewCenter(upload), hint, orLabel, container.NewCenter(pp.chooseB), layout.NewSpacer()))
	pp.dropBox = container.NewVBox(widget.NewLabel(""), pp.dropZone, widget.NewLabel(""))
	pp.candidateBox = container.NewVBox(pp.candidate.content, pp.zoomRow, pp.small.content)
	pp.candidateBox.Hide()
	// Side by side when there is room, one above the other in a narrow window
	// (640 points wide, or beside Bigin's record list). Delete sits under the
	// picture it deletes.
	currentBox := container.NewVBox(pp.current.content, container.NewCenter(pp.deleteB))
	column := func(o fyne.CanvasObject) *fyne.Container { return container.New(&columnLayout{250, 310}, o) }
	previews := container.New(&sideBySide{}, column(currentBox), column(container.NewStack(pp.dropBox, pp.candidateBox)))
	actions := container.NewHBox(pp.replaceB, pp.discardB, pp.cancelB, pp.square)
	pp.content = container.NewVBox(
		previews,
		pp.explain,
		actions,
		// One line always there, the spinner inside it: busy or not, nothing below moves.
		pp.statusRow,
		pp.problem.content,
		container.NewHBox(pp.noCopyB),
		widget.NewSeparator(),
		pp.historyBox,
	)
	pp.setTarget(nil, "")
	return pp
}

// pendingCandidate is a fitted picture not sent yet, with its preview.
type pendingCandidate struct {
	source           []byte
	fitted           Fitted
	thumb            image.Image
	caption, explain string
	crop             cropState
}

// setTarget shows slot t (nil: none, e.g. no record picked), owned by owner
// (named on the buttons), and loads its picture.
func (pp *photoPanel) setTarget(t photo.Target, owner string) {
	pp.gen++
	if pp.target != nil && pp.fitted != nil {
		pp.pending[pp.target.Key()] = pendingCandidate{source: pp.source, fitted: *pp.fitted, thumb: pp.fittedThumb,
			caption: pp.fittedCaption, explain: pp.explain.Text, crop: pp.crop()}
	}
	pp.target, pp.owner = t, owner
	pp.deleteB.SetText("Delete " + pp.whose() + "…")
	pp.busy = false
	pp.hasCur = false
	pp.clearCandidate()
	pp.problem.show(nil)
	pp.status.SetText("")
	pp.entries, pp.listErr, pp.queued, pp.thumbs, pp.showAll = nil, nil, nil, nil, false
	pp.noCopyB.Hide()
	pp.cancelB.Hide() // a step on the slot before goes on; reportLate tells if it fails
	pp.cancelOp = nil
	pp.showHistory()
	if t == nil {
		pp.current.clear(pp.emptyHint)
		pp.endBusy("")
		return
	}
	if c, ok := pp.pending[t.Key()]; ok {
		delete(pp.pending, t.Key())
		pp.setCrop(c.crop)
		pp.fittedSeq = pp.frameSeq // the candidate kept was fitted to this frame
		pp.showCandidate(c.source, c.fitted, c.thumb, c.caption, c.explain)
		pp.reload(fmt.Sprintf("The new %s you chose earlier is still here. Nothing is sent until you press \u201c%s\u201d.", pp.noun, pp.replaceB.Text))
		return
	}
	pp.reload("")
}

// setNoun names the picture, for the slot set next: "logo" for a company, "photo" for a person.
func (pp *photoPanel) setNoun(noun string) {
	pp.noun = noun
	pp.current.title.SetText("Current " + noun)
	pp.candidate.title.SetText("New " + noun)
}

// setRound previews pictures in a circle (people's profile pictures) or whole (logos).
func (pp *photoPanel) setRound(round bool) {
	pp.current.setRound(round)
	pp.candidate.setRound(round)
}

// whose names the picture: "Zylker Inc.'s logo", or "the logo" when the owner is unknown.
func (pp *photoPanel) whose() string {
	if pp.owner == "" {
		return "the " + pp.noun
	}
	return pp.owner + "\u2019s " + pp.noun
}

// reload reads the slot's current picture and its backups; done, when not
// empty, is the confirmation shown once it is back.
func (pp *photoPanel) reload(done string) {
	t, gen := pp.target, pp.gen
	if t == nil {
		return
	}
	pp.startBusy(fmt.Sprintf("Loading the current %s from %s…", pp.noun, pp.service))
	store := pp.u.backups
	pp.u.goDo(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cur, err := t.Get(ctx)
		var thumb image.Image
		var thumbErr error
		var caption string
		if err == nil && cur.Present {
			thumb, thumbErr = thumbnail(cur.Bytes, previewSize)
			caption = describe(cur.Bytes, cur.MIME)
		}
		entries, listErr := photo.Versions(ctx, t, store)
		thumbs := historyThumbs(store, entries)
		pp.u.do(func() {
			if gen != pp.gen {
				return
			}
			pp.entries, pp.listErr, pp.thumbs = entries, listErr, thumbs
			pp.showHistory()
			switch {
			case err != nil:
				pp.hasCur = false
				pp.current.clear("Couldn't load the " + pp.noun + ".")
				pp.problem.show(err)
				pp.endBusy("")
				return
			case !cur.Present:
				pp.hasCur = false
				pp.current.clear("No " + pp.noun + " yet")
			case thumbErr != nil:
				pp.hasCur = true
				pp.current.clear(fmt.Sprintf("%s has a %s, but %s.", pp.service, pp.noun, thumbErr))
			default:
				pp.hasCur = true
				pp.current.set(thumb, caption)
			}
			pp.problem.show(nil)
			pp.endBusy(done)
			pp.u.trace("%s %s loaded", pp.service, pp.noun)
			if q := pp.queued; q != nil {
				pp.queued = nil
				pp.dropped(q)
			}
		})
	})
}

// describe is the caption under a picture: "512×512 PNG, 44 KB".
func describe(data []byte, mime string) string {
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		return fmt.Sprintf("%d×%d %s, %s", cfg.Width, cfg.Height, kindOf(mime), limits.HumanBytes(int64(len(data))))
	}
	return fmt.Sprintf("%s, %s", kindOf(mime), limits.HumanBytes(int64(len(data))))
}

func kindOf(mime string) string {
	switch mime {
	case "image/png":
		return "PNG"
	case "image/jpeg":
		return "JPEG"
	case "image/gif":
		return "GIF"
	case "image/bmp":
		return "BMP"
	}
	return "image"
}

func (pp *photoPanel) startBusy(msg string) {
	pp.busy = true
	pp.noCopyB.Hide()
	pp.status.SetText(msg)
	pp.spinner.Show()
	pp.spinner.Start()
	pp.statusRow.Refresh() // a container lays out again only when refreshed
	pp.updateButtons()
}

func (pp *photoPanel) endBusy(msg string) {
	pp.busy = false
	pp.status.SetText(msg)
	pp.spinner.Stop()
	pp.spinner.Hide()
	pp.statusRow.Refresh()
	pp.updateButtons()
}

func (pp *photoPanel) updateButtons() {
	// The words match the state: nothing to replace is an "Add".
	if verb := "Replace "; pp.hasCur || pp.target == nil {
		pp.replaceB.SetText(verb + pp.whose())
	} else {
		pp.replaceB.SetText("Add " + pp.whose())
	}
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	has := pp.target != nil
	enable(pp.chooseB, has && !pp.busy)
	pp.dropZone.setEnabled(has && !pp.busy)
	// While the frame moves, Replace waits for the picture fitted to it.
	enable(pp.replaceB, has && !pp.busy && pp.fitted != nil && (!pp.cropping() || pp.fittedSeq == pp.frameSeq))
	enable(pp.discardB, !pp.busy && pp.fitted != nil)
	enable(pp.deleteB, has && !pp.busy && pp.hasCur)
	if pp.fitted != nil {
		pp.replaceB.Show()
		pp.discardB.Show()
	} else {
		pp.replaceB.Hide()
		pp.discardB.Hide()
	}
	if pp.cancelOp != nil {
		pp.zoom.Disable()
	} else {
		pp.zoom.Enable()
	}
	if pp.busy {
		pp.square.Disable()
	} else {
		pp.square.Enable()
	}
	if pp.cropSrc != nil {
		pp.square.Text = "Crop to the frame"
	} else {
		pp.square.Text = "Crop to a centred square"
	}
	if pp.fitted != nil && pp.target != nil && pp.target.Limit().Square {
		pp.square.Refresh()
		pp.square.Show()
	} else {
		pp.square.Hide()
	}
	for _, o := range pp.history.Objects {
		if row, ok := o.(*fyne.Container); ok {
			for _, c := range row.Objects {
				switch b := c.(type) {
				case *widget.Button:
					enable(b, has && !pp.busy)
				case *focusButton:
					enable(&b.Button, has && !pp.busy)
				}
			}
		}
	}
}

func (pp *photoPanel) clearCandidate() {
	pp.noCopyB.Hide() // it would send the candidate being cleared
	pp.fitted = nil
	pp.source = nil
	pp.fittedThumb, pp.fittedCaption = nil, ""
	pp.cropSrc = nil
	pp.showCrop()
	pp.small.clear()
	pp.candidate.clear("")
	pp.candidateBox.Hide()
	pp.dropBox.Show()
	pp.explain.SetText("")
	pp.explain.Hide()
	pp.square.SetChecked(false)
	pp.updateButtons()
}

// refuse shows one plain sentence about unusable input; nothing is uploaded.
func (pp *photoPanel) refuse(sentence string) {
	pp.clearCandidate()
	pp.say(sentence)
}

// refuseFile refuses a file but keeps the candidate chosen before it, if any:
// a bad second choice does not throw the first away.
func (pp *photoPanel) refuseFile(sentence string) {
	if pp.fitted == nil {
		pp.refuse(sentence)
		return
	}
	// Back from a quick preview of the refused file to the candidate, framed as it was.
	if pp.cropSrc != pp.keptCrop.src {
		pp.setCrop(pp.keptCrop)
		pp.frameSeq++
		pp.fittedSeq = pp.frameSeq // the candidate was fitted to this frame
		pp.showCrop()
		pp.updateButtons()
	}
	pp.candidate.set(pp.fittedThumb, pp.fittedCaption)
	pp.explain.Show()
	pp.say(sentence + " The " + pp.noun + " you chose before is still here.")
}

// say shows sentence where problems go and ends the busy state.
func (pp *photoPanel) say(sentence string) {
	pp.problem.show(nil)
	pp.endBusy("")
	pp.problem.msg.SetText(sentence)
	pp.problem.fold.Hide()
	pp.problem.signIn.Hide()
	pp.problem.content.Show()
}

// dropped takes the files dropped on the window while this panel is visible.
func (pp *photoPanel) dropped(uris []fyne.URI) {
	switch {
	case pp.target == nil:
		pp.refuse(pp.emptyHint)
	case pp.busy:
		// Only say so: the step under way keeps its state, buttons and candidate.
		pp.status.SetText("LogoDesk is still busy with the last step; drop the image again in a moment.")
	case len(uris) == 0:
	case len(uris) > 1:
		pp.refuseFile(fmt.Sprintf("You dropped %d files. Drop one image at a time.", len(uris)))
	case uris[0].Scheme() != "file":
		pp.refuseFile("LogoDesk can only use image files saved on this computer. Save the image first, then drop the file.")
	default:
		pp.openPath(uris[0].Path())
	}
}

// dropAfterLoad takes files dropped for the slot just set: they are opened once
// its current picture is loaded (the panel is busy until then).
func (pp *photoPanel) dropAfterLoad(uris []fyne.URI) {
	if pp.target == nil {
		pp.dropped(uris)
		return
	}
	pp.queued = uris
}

func (pp *photoPanel) onChooseFile() {
	if pp.target == nil || pp.busy {
		return
	}
	picker := pp.u.env.Picker
	if picker == nil {
		picker = fynePicker{}
	}
	picker.PickImage(pp.u.win, func(path string) {
		if path != "" {
			pp.openPath(path)
		}
	})
}

// openPath reads, checks and fits the file at path, then shows it as the candidate.
func (pp *photoPanel) openPath(path string) {
	if pp.target == nil || pp.busy {
		return
	}
	pp.problem.show(nil)
	pp.startBusy("Checking the image…")
	pp.keptCrop = pp.crop()
	gen := pp.gen
	images := pp.u.env.Images
	// A person's picture is framed on its quick preview: a larger one, so the
	// frame can zoom in and still show enough of the face.
	size := previewSize
	if pp.avatar() {
		size = cropPreviewSize
	}
	pp.u.goDo(func() {
		data, err := images.ReadFile(path) // refuses folders, empty and huge files in one sentence
		var quick image.Image
		if err == nil {
			// No quick preview is no verdict: Fit says what is wrong in its own words.
			if q, qerr := images.QuickPreview(data, size); qerr == nil {
				quick = onChecker(q)
			}
		}
		pp.u.do(func() {
			if gen != pp.gen {
				return
			}
			if err != nil {
				pp.refuseFile(plainSentence(err))
				return
			}
			pp.setCrop(cropState{})
			if quick != nil && pp.avatar() {
				// The crop editor is on by default for people's pictures.
				b := quick.Bounds()
				pp.setCrop(cropState{quick, centredFrame(b.Dx(), b.Dy()), true})
				quick = scaleDown(quick, previewSize)
			}
			pp.frameSeq++
			if quick != nil {
				pp.showQuick(quick)
			}
			pp.fit(data, pp.choice())
		})
	})
}

// cropState is what the crop editor shows: the picture, the frame, and whether it is used.
type cropState struct {
	src   image.Image
	frame cropFrame
	on    bool
}

// crop is the crop editor's state now.
func (pp *photoPanel) crop() cropState { return cropState{pp.cropSrc, pp.frame, pp.square.Checked} }

// setCrop puts c back; the tick is set without its callback, which would fit
// the picture again.
func (pp *photoPanel) setCrop(c cropState) {
	pp.cropSrc, pp.frame, pp.square.Checked = c.src, c.frame, c.on
	pp.square.Refresh()
}

// cropPreviewSize is the longest side of the picture the crop frame is drawn
// on: room to zoom in threefold on a 220-point editor at 2× scale… and still
// small enough for a 24-megapixel JPEG to come from its DC coefficients.
const cropPreviewSize = 720

// avatar reports whether the slot is a person's picture: shown small and round,
// framed in the crop editor.
func (pp *photoPanel) avatar() bool {
	return pp.target != nil && pp.target.Limit().AvatarSide > 0
}

// cropping reports whether the picture is sent as framed in the crop editor.
func (pp *photoPanel) cropping() bool {
	return pp.cropSrc != nil && pp.square.Checked
}

// choice is how the picture is to be fitted: as framed, as a centred square, or whole.
func (pp *photoPanel) choice() FitChoice {
	if pp.cropping() {
		f := pp.frame
		return FitChoice{Frame: &f}
	}
	return FitChoice{Square: pp.square.Checked}
}

// showCrop shows the crop editor, its zoom and the small previews as the frame is now.
func (pp *photoPanel) showCrop() {
	on := pp.cropping()
	pp.candidate.showEditor(on)
	if !on {
		pp.zoomRow.Hide()
		return
	}
	pp.cropper.round = pp.current.round
	pp.cropper.setImage(pp.cropSrc, pp.frame)
	pp.zoomRow.Show()
	pp.showFrame()
}

// showFrame sets the zoom slider to the frame (without its callback) and draws
// the small previews from the framed part.
func (pp *photoPanel) showFrame() {
	pp.syncing = true
	pp.zoom.SetValue(pp.frame.zoom())
	pp.syncing = false
	pp.small.set(framedPart(pp.cropSrc, pp.frame, smallPreviewPixels), pp.current.round)
}

// onFrameChanged runs when the admin moved or zoomed the frame: the small
// previews follow at once, the fit a moment after the last move.
func (pp *photoPanel) onFrameChanged(f cropFrame) {
	if !pp.cropping() {
		return
	}
	pp.frame = f
	pp.frameSeq++
	pp.showFrame()
	pp.updateButtons() // Replace waits for the fit of this frame
	pp.u.trace("frame moved")
	seq, gen := pp.frameSeq, pp.gen
	pp.u.goDo(func() {
		time.Sleep(refitDelay)
		pp.u.do(func() {
			if gen == pp.gen && seq == pp.frameSeq && !pp.busy && pp.source != nil {
				pp.fit(pp.source, pp.choice())
			}
		})
	})
}

// refitDelay is how long the frame rests before the picture is fitted again:
// a drag sends many moves, and each fit of a large photo takes a few tenths of a second.
const refitDelay = 250 * time.Millisecond

// onZoom is the slider: the frame zooms around its centre.
func (pp *photoPanel) onZoom(z float64) {
	if pp.syncing || !pp.cropping() {
		return
	}
	b := pp.cropSrc.Bounds()
	f := pp.frame.zoomed(z, b.Dx(), b.Dy())
	pp.cropper.setFrame(f)
	pp.onFrameChanged(f)
}

// showQuick shows a rough preview of the file being fitted in the New slot, so
// a drop shows something at once; Replace stays off until the fit is shown.
func (pp *photoPanel) showQuick(img image.Image) {
	pp.candidate.setPending(img, "Fitting\u2026", "Fitting to "+pp.service+"\u2019s limits\u2026")
	pp.showCrop()
	pp.candidateBox.Show()
	pp.dropBox.Hide()
	pp.explain.Hide() // it would describe the candidate before
	pp.u.trace("quick preview shown%s", sinceDrop(pp.u))
}

// fit fits data to the slot's limits as chosen (framed, square or whole) and
// shows the result as the candidate; when it can't be fitted, the candidate
// before stays.
func (pp *photoPanel) fit(data []byte, choice FitChoice) {
	gen, seq, lim := pp.gen, pp.frameSeq, pp.target.Limit()
	images := pp.u.env.Images
	pp.startBusy("Fitting the image to " + lim.Service + "'s limits…")
	if pp.candidate.shown() != nil {
		pp.candidate.setBadge("Fitting\u2026")
	}
	pp.u.goDo(func() {
		start := time.Now()
		f, err := images.Fit(data, lim, choice)
		pp.u.trace("fitted in %d ms", time.Since(start).Milliseconds())
		var thumb image.Image
		switch {
		case err == nil && f.Image != nil:
			thumb = onChecker(scaleDown(f.Image, previewSize))
		case err == nil:
			thumb, err = thumbnail(f.Bytes, previewSize)
		}
		pp.u.do(func() {
			if gen != pp.gen {
				return
			}
			if seq != pp.frameSeq {
				// The frame moved while this was fitted: fit what is framed now.
				pp.endBusy("")
				pp.fit(data, pp.choice())
				return
			}
			if err != nil {
				pp.refuseFile(plainSentence(err))
				return
			}
			pp.fittedSeq = seq
			explain := strings.TrimSpace(f.Explanation + " " + shapeWarning(f.Width, f.Height, lim.Square, pp.noun))
			pp.showCandidate(data, f, thumb, fmt.Sprintf("%d×%d %s, %s", f.Width, f.Height, kindOf(f.MIME), limits.HumanBytes(int64(len(f.Bytes)))), explain)
			look := fmt.Sprintf("This is how the new %s will look.", pp.noun)
			if pp.cropping() {
				look = "Drag the frame, or zoom, to choose what is shown."
			}
			pp.endBusy(fmt.Sprintf("%s Nothing is sent until you press \u201c%s\u201d.", look, pp.replaceB.Text))
			if !pp.u.traceDrop.IsZero() {
				pp.u.trace("candidate shown %d ms after the drop", time.Since(pp.u.traceDrop).Milliseconds())
				pp.u.traceDrop = time.Time{}
			}
			if pp.u.onCandidateShownForTesting != nil {
				pp.u.onCandidateShownForTesting()
			}
		})
	})
}

// showCandidate shows f (fitted from source) as the picture Replace would send.
func (pp *photoPanel) showCandidate(source []byte, f Fitted, thumb image.Image, caption, explain string) {
	pp.source, pp.fitted = source, &f
	pp.fittedThumb, pp.fittedCaption = thumb, caption
	pp.candidate.set(thumb, caption)
	pp.showCrop()
	pp.small.set(thumb, pp.current.round) // what is sent, exactly
	pp.candidateBox.Show()
	pp.dropBox.Hide()
	pp.explain.SetText(explain)
	pp.explain.Show()
	pp.updateButtons()
}

func (pp *photoPanel) onSquare(bool) {
	if pp.source == nil || pp.busy || pp.target == nil {
		return
	}
	pp.frameSeq++
	pp.showCrop()
	pp.fit(pp.source, pp.choice())
}

func (pp *photoPanel) onDiscard() {
	pp.clearCandidate()
	pp.status.SetText("")
}

func (pp *photoPanel) onReplace() {
	if pp.fitted == nil || pp.target == nil || pp.busy {
		return
	}
	f := *pp.fitted
	send := func(ctx context.Context, t photo.Target, store *backup.Store) error {
		_, err := photo.Replace(ctx, t, f.Bytes, f.MIME, store)
		return err
	}
	withoutCopy := "Replace without keeping a copy"
	if e := f.FromCopy; e != nil {
		// A kept version goes back through Restore: it checks the copy is this
		// account's and never prunes the copy it puts back.
		send = func(ctx context.Context, t photo.Target, store *backup.Store) error {
			_, err := photo.Restore(ctx, t, *e, store)
			return err
		}
		withoutCopy = "" // Restore needs the backup folder anyway
	}
	pp.change(fmt.Sprintf("Sending the new %s to %s…", pp.noun, pp.service), 3*time.Minute, withoutCopy, send,
		func() {
			// What was sent is what the service now has: show it as current at once,
			// so the old picture never flashes back while the slot is read again.
			pp.current.set(pp.fittedThumb, pp.fittedCaption)
			pp.hasCur = true
			pp.clearCandidate()
			pp.reload(fmt.Sprintf("Done: the new %s is in %s. The previous one is kept below; \u201cRestore\u201d puts it back.", pp.noun, pp.service))
		})
	pp.candidate.setBadge("Uploading\u2026") // the picture being sent stays in view
}

func (pp *photoPanel) onDelete() {
	if pp.target == nil || pp.busy {
		return
	}
	// The confirmation names the slot and shows what goes, and holds for it alone:
	// if another record or user is shown by the time the user answers, nothing is deleted.
	gen := pp.gen
	thumb := canvas.NewImageFromImage(pp.current.img.Image)
	thumb.FillMode = canvas.ImageFillContain
	thumb.SetMinSize(fyne.NewSize(120, 120))
	msg := wrapLabel(fmt.Sprintf("%s will be removed from %s. LogoDesk keeps a copy on this computer, so you can restore it later.", capitalise(pp.whose()), pp.service))
	body := container.NewBorder(nil, nil, thumb, nil, msg)
	d := dialog.NewCustomConfirm("Delete "+pp.whose()+"?", "Delete "+pp.noun, "Cancel", body, func(ok bool) {
		if ok && gen == pp.gen {
			pp.doDelete()
		}
	}, pp.u.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(520, 220))
	pp.u.showDialog(d, nil)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (pp *photoPanel) doDelete() {
	if pp.target == nil || pp.busy {
		return
	}
	del := func(ctx context.Context, t photo.Target, store *backup.Store) error {
		_, err := photo.Delete(ctx, t, store)
		return err
	}
	pp.change(fmt.Sprintf("Deleting the %s in %s…", pp.noun, pp.service), 2*time.Minute, "Delete without keeping a copy", del, func() {
		pp.reload(fmt.Sprintf("The %s was deleted. A copy is kept below; \u201cRestore\u201d puts it back.", pp.noun))
	})
}

// onRestore puts a kept version in the New slot, as if it had been dropped:
// one more press of Replace sends it back (keeping the current one first).
func (pp *photoPanel) onRestore(e backup.Entry) {
	if pp.target == nil || pp.busy {
		return
	}
	gen, store := pp.gen, pp.u.backups
	when := e.Time.Local().Format("2 Jan 2006 15:04")
	pp.problem.show(nil)
	pp.startBusy("Opening the copy kept on " + when + "…")
	pp.keptCrop = pp.crop() // a copy that can't be read changes nothing
	pp.u.goDo(func() {
		data, err := store.Read(e)
		var thumb image.Image
		var cfg image.Config
		if err == nil {
			thumb, err = thumbnail(data, previewSize)
			cfg, _, _ = image.DecodeConfig(bytes.NewReader(data))
		}
		pp.u.do(func() {
			if gen != pp.gen {
				return
			}
			if err != nil {
				pp.refuseFile(plainSentence(err))
				return
			}
			pp.setCrop(cropState{}) // a kept version goes back as it was, never cropped
			f := Fitted{Bytes: data, MIME: e.MIME, Width: cfg.Width, Height: cfg.Height, FromCopy: &e,
				Explanation: fmt.Sprintf("The %s kept on %s, as %s had it.", pp.noun, when, pp.service)}
			pp.showCandidate(data, f, thumb, describe(data, e.MIME), f.Explanation)
			pp.endBusy(fmt.Sprintf("Nothing is sent until you press \u201c%s\u201d; the current %s is kept first.", pp.replaceB.Text, pp.noun))
		})
	})
}

// change runs op (Replace, Delete or Restore, each backing up first) on the slot
// shown, off the UI goroutine, then calls done. A failure keeps what is on screen
// (a candidate stays, so the user can try again); a failure on a slot no longer
// shown is still reported. When op could not keep a copy (photo.ErrNoCopy) and
// withoutCopy names a button, that button offers the same op with no backup.
func (pp *photoPanel) change(busyMsg string, timeout time.Duration, withoutCopy string, op func(context.Context, photo.Target, *backup.Store) error, done func()) {
	t, gen, store := pp.target, pp.gen, pp.u.backups
	pp.problem.show(nil)
	pp.startBusy(busyMsg)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	pp.cancelOp = cancel
	pp.cancelB.Enable()
	pp.cancelB.Show()
	pp.updateButtons() // the crop frame's zoom holds still while the picture is sent
	pp.u.goDo(func() {
		defer cancel()
		err := op(ctx, t, store)
		stopped := err != nil && errors.Is(ctx.Err(), context.Canceled)
		pp.u.do(func() {
			if gen != pp.gen {
				if !stopped {
					pp.reportLate(t, err)
				}
				return
			}
			pp.cancelOp = nil
			pp.cancelB.Hide()
			pp.candidate.badge.Hide()
			if stopped {
				// The service may have taken the change just before the stop:
				// show what it has now rather than guess.
				pp.endBusy("")
				pp.reload(fmt.Sprintf("Stopped. The current %s above is what %s has now.", pp.noun, pp.service))
				return
			}
			if err != nil {
				pp.endBusy("")
				pp.problem.show(err)
				if withoutCopy != "" && errors.Is(err, photo.ErrNoCopy) {
					pp.offerWithoutCopy(withoutCopy, func() {
						pp.change(busyMsg, timeout, "", func(ctx context.Context, t photo.Target, _ *backup.Store) error {
							return op(ctx, t, nil) // nil: no backup
						}, done)
					})
				}
				return
			}
			done()
		})
	})
}

// onCancelOp stops the Replace or Delete under way.
func (pp *photoPanel) onCancelOp() {
	if pp.cancelOp != nil {
		pp.cancelOp()
		pp.cancelB.Disable() // until the step has stopped
		pp.status.SetText("Stopping\u2026")
	}
}

// offerWithoutCopy shows the button that does the step anyway, with no copy kept.
func (pp *photoPanel) offerWithoutCopy(label string, do func()) {
	pp.noCopyB.SetText(label)
	pp.noCopyB.OnTapped = func() {
		if pp.target != nil && !pp.busy {
			do()
		}
	}
	pp.noCopyB.Show()
}

// reportLate tells about a failed step on a slot that is no longer shown (the user
// picked another record or user meanwhile); success needs no word.
func (pp *photoPanel) reportLate(t photo.Target, err error) {
	if err != nil {
		dialog.ShowInformation(t.Label()+" was not changed", plainSentence(err), pp.u.win)
	}
}
