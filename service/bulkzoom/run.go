package bulkzoom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"logodesk/service/api"
	"logodesk/service/backup"
	"logodesk/service/photo"
	"logodesk/service/zoom"
)

// Options tune a run.
type Options struct {
	Square bool // crop each picture to a centred square first
	// Pace is how many users a second are changed: 0 means DefaultPace, a
	// negative number as fast as Zoom answers (for the sandbox and tests).
	Pace        float64
	FitWorkers  int // pictures fitted at once; 0: one per core, at most 4
	SendWorkers int // users handled at once; 0: 4 (uploads overlap, the pace still holds)
	// OnProgress is called after each user, from one goroutine at a time.
	OnProgress func(Progress)
}

func (o Options) pace() float64 {
	if o.Pace == 0 {
		return DefaultPace
	}
	return o.Pace
}

func (o Options) sendWorkers() int {
	if o.SendWorkers > 0 {
		return o.SendWorkers
	}
	return 4
}

// Progress is reported after each user.
type Progress struct {
	Done, Total                          int
	Changed, Unchanged, Failed, NotTried int
	Elapsed, Left                        time.Duration // Left: an estimate of the time still needed
	Index                                int           // the row just finished (into Plan.Rows, or the undone run's list)
	Last                                 Result
}

// Runner changes pictures on one Zoom account.
type Runner struct {
	Zoom    *zoom.Client
	Backups *backup.Store // where replaced pictures are kept; required
	// RecordDir holds the run records Undo reads and that tell a later run
	// which pictures it already sent (e.g. next to the backups).
	RecordDir string
}

func (r *Runner) check() error {
	if r.Zoom == nil || r.Backups == nil || r.Backups.Dir == "" || r.RecordDir == "" {
		return errors.New("there is no backup folder to keep the replaced pictures in, so nothing was changed")
	}
	return nil
}

// Apply changes the picture of every row of plan: it fits the files a few at a
// time, and for each user backs up the current picture, skips users who
// already have this picture, and uploads the fitted one, at opt's pace. One
// user's failure never stops the others; a daily limit, an expired sign-in or
// ctx's end stops the rest, which are reported as not tried. The error is
// only for a run that could not start; what happened to each user is in the
// Report.
func (r *Runner) Apply(ctx context.Context, plan *Plan, opt Options) (*Report, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	runs, err := Runs(r.RecordDir)
	if err != nil {
		return nil, err
	}
	sent := lastSent(runs)
	st := newRunState(len(plan.Rows), opt)
	rec := newRecorder(r.RecordDir, plan.Folder, st.start)
	fitCtx, stopFitting := context.WithCancel(ctx)
	defer stopFitting()
	st.onStop = stopFitting // once stopped, the remaining files need not be fitted
	lookups, uploads := newPacer(2*opt.pace()), newPacer(opt.pace())
	fits := fitRows(fitCtx, plan.Rows, opt.Square, opt.FitWorkers, opt.sendWorkers())

	var wg sync.WaitGroup
	for range opt.sendWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range fits {
				s := sender{r: r, st: st, rec: rec, sent: sent, lookups: lookups, uploads: uploads}
				st.finish(f.index, s.apply(ctx, plan.Rows[f.index], f))
			}
		}()
	}
	wg.Wait()
	rep := st.report(plan.Rows, notTriedReason(ctx, st))
	rep.Plan, rep.RunID = plan, rec.close()
	return rep, nil
}

// notTriedReason is what the rows a run never reached are told.
func notTriedReason(ctx context.Context, st *runState) string {
	if reason := st.stopped(); reason != "" {
		return reason
	}
	if ctx.Err() != nil {
		return "The run was cancelled before this user."
	}
	return "Not tried."
}

// sender changes one user's picture.
type sender struct {
	r                *Runner
	st               *runState
	rec              *recorder
	sent             map[string]change
	lookups, uploads *pacer
}

func (s sender) apply(ctx context.Context, row Row, f fitted) Result {
	res := Result{Row: row, Detail: f.res.Explanation}
	if f.err != nil {
		return res.with(Failed, "This file is not a picture LogoDesk can use: "+problemText(f.err))
	}
	if reason := s.st.stopped(); reason != "" {
		return res.with(NotTried, reason)
	}
	if s.lookups.wait(ctx) != nil {
		return res.with(NotTried, "The run was cancelled before this user.")
	}
	u, err := s.r.Zoom.User(ctx, row.User.ID)
	if err != nil {
		return s.failed(ctx, res, err, false)
	}
	// Zoom serves its own copy of an upload, so the bytes it returns can differ
	// from what was sent: a picture this account sent earlier is recognised by
	// the record of that run (same bytes sent, and pic_url unchanged since).
	if prev, ok := s.sent[u.ID]; ok && prev.SHA256 == f.hash && u.PicURL != "" && prev.PicURL == u.PicURL {
		return res.with(Unchanged, "Already has this picture (sent by an earlier run).")
	}
	cur, err := s.r.Zoom.Picture(ctx, u)
	if err != nil {
		res = s.failed(ctx, res, err, false)
		if res.Status == Failed {
			res.Reason = "LogoDesk couldn't download the current picture to keep a copy, so nothing was changed. " + res.Reason
		}
		return res
	}
	if cur.Present && bytes.Equal(cur.Bytes, f.res.Bytes) {
		return res.with(Unchanged, "Already has this picture.")
	}
	if reason := s.st.stopped(); reason != "" {
		return res.with(NotTried, reason)
	}
	if s.uploads.wait(ctx) != nil {
		return res.with(NotTried, "The run was cancelled before this user.")
	}
	t := photo.ZoomUser(s.r.Zoom, u)
	kept, err := photo.Replace(ctx, knownPicture{t, cur}, f.res.Bytes, f.res.MIME, s.r.Backups)
	if err != nil {
		return s.failed(ctx, res, err, true)
	}
	c := change{UserID: u.ID, Email: u.Email, File: row.File, HadPicture: cur.Present, SHA256: f.hash}
	if kept.Path != "" {
		c.Backup, c.BackupMIME, c.BackupAccount, res.Backup = kept.Path, kept.MIME, kept.Account, kept.Path
	}
	if s.lookups.wait(ctx) == nil {
		if after, err := s.r.Zoom.User(ctx, u.ID); err == nil {
			c.PicURL = after.PicURL
		}
	}
	if err := s.rec.add(c); err != nil {
		return res.with(Changed, "Changed, but LogoDesk couldn't note it for undo: "+err.Error())
	}
	return res.with(Changed, "")
}

// failed turns an error into the user's result; account-wide errors (the
// daily limit, the sign-in) stop the run. sending is true when the upload may
// have reached Zoom.
func (s sender) failed(ctx context.Context, res Result, err error, sending bool) Result {
	if ctx.Err() != nil {
		if sending {
			return res.with(Failed, "The run was cancelled while this picture was being sent; run the folder again to finish.")
		}
		return res.with(NotTried, "The run was cancelled before this user.")
	}
	if at, ok := zoom.LimitLifts(err, time.Now()); ok {
		reason := "Not tried: Zoom's daily limit for this is used up; it lifts at " + at.Local().Format("15:04 on 2 January") + "."
		s.st.stop(reason)
		return res.with(NotTried, reason)
	}
	var e *api.Error
	switch {
	case errors.As(err, &e) && (e.Kind == api.KindSignIn || e.Kind == api.KindScope):
		s.st.stop("Not tried: " + e.Error())
	case errors.As(err, &e) && e.Kind == api.KindRateLimited:
		s.uploads.slower()
		s.lookups.slower()
	}
	return res.with(Failed, plain(err))
}

// knownPicture is a user's picture slot whose current picture was just
// downloaded, so photo.Replace backs up those very bytes without a second download.
type knownPicture struct {
	photo.Target
	current api.Photo
}

func (k knownPicture) Get(context.Context) (api.Photo, error) { return k.current, nil }

// plain is the sentence an admin sees for err.
func plain(err error) string {
	var e *api.Error
	switch {
	case errors.As(err, &e):
		return e.Error()
	case errors.Is(err, context.Canceled):
		return "Cancelled."
	}
	return fmt.Sprint(err)
}
