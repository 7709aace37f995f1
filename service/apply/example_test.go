package apply_test

import (
	"context"
	"fmt"

	"logodesk/service/apply"
	"logodesk/service/backup"
	"logodesk/session"
)

// How the window's Brand tab uses the package (compiled, not run).
func Example() {
	var s *session.Session                     // the window's session
	store := &backup.Store{Dir: "backups"}     // the backup folder from Settings
	logo := []byte("the dropped file's bytes") // imagefit.ReadFile(path)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // the Cancel button

	targets := apply.Targets(s) // one row each; tick t.Default; show t.Manual or t.Unavailable instead of a tick
	cands, err := apply.Prepare(ctx, logo, targets)
	if err != nil {
		fmt.Println(err) // the file can't be used at all: one plain sentence
		return
	}
	// Each candidate's c.Fit (preview: c.Fit.Image; c.Fit.Explanation) or c.Err is shown in its row.
	run, err := apply.Apply(ctx, cands, apply.Options{Store: store, OnChange: func(st apply.Status) {
		// From Apply's goroutines: hop to the UI goroutine (fyne.Do) and show st.State, st.Reason().
		// st.NoCopy: offer "Replace without keeping a copy" → run.RetryWithoutCopy(ctx, st.Target.ID).
	}})
	if err != nil {
		fmt.Println(err) // the record for a later Undo couldn't be written; Undo still works now
	}
	fmt.Println(run.Summary())
	_ = run.Retry(ctx, apply.Zoom) // the "Try again" button of one failed row
	report := run.Undo(ctx, nil)   // the "Undo" button; apply.UndoLast after a restart
	fmt.Println(report.Summary())
}
