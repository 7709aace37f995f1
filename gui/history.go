package gui

import (
	"fmt"
	"image"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/backup"
)

// The panel's history area: the versions kept on this computer, each with
// Restore (which puts it in the New slot; see onRestore).

// historyShown is how many backups a panel lists before "Show all".
const historyShown = 5

// historyThumbSize is the side of a kept version's preview, in points.
const historyThumbSize = 48

// historyThumbs makes the kept versions' previews; it reads files, so it runs
// off the UI goroutine. A version that can't be read has none.
func historyThumbs(store *backup.Store, entries []backup.Entry) map[string]image.Image {
	thumbs := map[string]image.Image{}
	for _, e := range entries {
		if data, err := store.Read(e); err == nil {
			if img, err := thumbnail(data, 2*historyThumbSize); err == nil {
				thumbs[e.Path] = img
			}
		}
	}
	return thumbs
}

func (pp *photoPanel) showHistory() {
	pp.history.RemoveAll()
	if pp.target == nil {
		pp.historyBox.Hide()
		return
	}
	pp.historyBox.Show()
	// The folder is there once something was kept in it.
	if len(pp.entries) > 0 {
		pp.openFolderB.Show()
	} else {
		pp.openFolderB.Hide()
	}
	switch {
	case pp.listErr != nil:
		l := wrapLabel("LogoDesk can't read the folder of kept copies: " + plainSentence(pp.listErr) + " You can choose another folder in Settings.")
		l.Importance = widget.DangerImportance
		pp.history.Add(l)
	case len(pp.entries) == 0:
		pp.history.Add(wrapLabel(fmt.Sprintf("None yet. LogoDesk saves a copy each time you replace or delete the %s.", pp.noun)))
	}
	for i, e := range pp.entries {
		if i == historyShown && !pp.showAll {
			more := &widget.Button{Text: fmt.Sprintf("Show all %d", len(pp.entries)), Importance: widget.LowImportance, OnTapped: func() {
				pp.showAll = true
				pp.showHistory()
			}}
			pp.history.Add(container.NewHBox(more))
			break
		}
		restore := newFocusButton(pp.u, "Restore", theme.HistoryIcon(), widget.LowImportance, func() { pp.onRestore(e) })
		thumb := canvas.NewImageFromImage(pp.thumbs[e.Path])
		thumb.FillMode = canvas.ImageFillContain
		thumb.SetMinSize(fyne.NewSquareSize(historyThumbSize))
		// The words wrap in a narrow window; the objects keep their reading order
		// (preview, date, Restore), which NewBorder would not.
		pp.history.Add(container.New(layout.NewBorderLayout(nil, nil, thumb, restore), thumb, wrapLabel("Kept on "+e.Name()), restore))
	}
	pp.updateButtons()
}

// onOpenFolder shows the folder of this slot's kept copies in the system's file manager.
func (pp *photoPanel) onOpenFolder() {
	if len(pp.entries) == 0 {
		return
	}
	dir := filepath.Dir(pp.entries[0].Path)
	u, err := url.Parse(storage.NewFileURI(dir).String())
	if err == nil {
		err = pp.u.openURL(u)
	}
	if err != nil {
		pp.status.SetText("LogoDesk couldn't open the folder; it is " + dir)
	}
}
