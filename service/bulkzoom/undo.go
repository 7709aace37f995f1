package bulkzoom

import (
	"context"
	"errors"
	"sync"
	"time"

	"logodesk/service/backup"
	"logodesk/service/photo"
	"logodesk/service/zoom"
)

// ErrNothingToUndo is returned by Undo when no run is left to undo.
var ErrNothingToUndo = errors.New("there is no run of pictures from a folder to undo")

// LastRun is the newest run not yet undone (ErrNothingToUndo when none).
func (r *Runner) LastRun() (RunRecord, error) {
	runs, err := Runs(r.RecordDir)
	if err != nil {
		return RunRecord{}, err
	}
	for i := len(runs) - 1; i >= 0; i-- {
		if !runs[i].Undone && runs[i].Changed > 0 {
			return runs[i], nil
		}
	}
	return RunRecord{}, ErrNothingToUndo
}

// Undo puts back every picture the last run changed: the copy it kept where
// the user had a picture, and no picture where they had none. A picture
// changed again since the run is left as it is. Undoing is itself backed up
// (photo.Restore and photo.Delete keep the current picture first). Once every
// user is put back, the run is marked undone.
func (r *Runner) Undo(ctx context.Context, opt Options) (*Report, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	run, err := r.LastRun()
	if err != nil {
		return nil, err
	}
	rows := make([]Row, len(run.changes))
	for i, c := range run.changes {
		rows[i] = Row{User: zoom.User{ID: c.UserID, Email: c.Email}, File: c.File}
	}
	st := newRunState(len(rows), opt)
	lookups, uploads := newPacer(2*opt.pace()), newPacer(opt.pace())
	next := indexes(ctx, len(rows))
	var wg sync.WaitGroup
	for range opt.sendWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				s := sender{r: r, st: st, lookups: lookups, uploads: uploads}
				st.finish(i, s.undo(ctx, rows[i], run.changes[i]))
			}
		}()
	}
	wg.Wait()
	rep := st.report(rows, notTriedReason(ctx, st))
	rep.Undo, rep.RunID = true, run.ID
	if rep.OK() {
		if err := markUndone(run, time.Now()); err != nil {
			rep.Stopped = "The pictures were put back, but LogoDesk couldn't note that the run is undone."
		}
	}
	return rep, nil
}

func (s sender) undo(ctx context.Context, row Row, c change) Result {
	res := Result{Row: row, Backup: c.Backup}
	if reason := s.st.stopped(); reason != "" {
		return res.with(NotTried, reason)
	}
	if s.lookups.wait(ctx) != nil {
		return res.with(NotTried, "The undo was cancelled before this user.")
	}
	u, err := s.r.Zoom.User(ctx, c.UserID)
	if err != nil {
		return s.failed(ctx, res, err, false)
	}
	if c.PicURL != "" && u.PicURL != c.PicURL {
		return res.with(Unchanged, "The picture was changed again after the run, so it was left as it is.")
	}
	if s.uploads.wait(ctx) != nil {
		return res.with(NotTried, "The undo was cancelled before this user.")
	}
	t := photo.ZoomUser(s.r.Zoom, u)
	if c.HadPicture {
		if c.Backup == "" {
			return res.with(Failed, "LogoDesk has no copy of this user's earlier picture to put back.")
		}
		_, err = photo.Restore(ctx, t, backup.Entry{Account: c.BackupAccount, Key: t.Key(), Path: c.Backup, MIME: c.BackupMIME}, s.r.Backups)
	} else {
		_, err = photo.Delete(ctx, t, s.r.Backups) // the user had no picture before the run
	}
	if err != nil {
		return s.failed(ctx, res, err, true)
	}
	return res.with(Changed, "")
}
