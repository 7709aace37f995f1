package apply

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"logodesk/service/backup"
	"logodesk/service/imagefit"
	"logodesk/service/photo"
)

// State is where one target is in an apply (or an undo).
type State int

const (
	Waiting     State = iota // not started: waiting for its turn
	KeepingCopy              // downloading the current picture to keep a copy
	Sending                  // uploading the logo (or, in an undo, the old picture)
	Done                     // finished
	Failed                   // gave up; Status.Err says why
)

func (s State) String() string {
	return [...]string{"waiting", "keeping a copy", "sending", "done", "failed"}[s]
}

// Status is one target's progress.
type Status struct {
	Target Target
	State  State
	Err    error // when Failed
	// NoCopy: Failed because the current picture couldn't be downloaded to keep a
	// copy, so nothing was changed; RetryWithoutCopy replaces it anyway.
	NoCopy bool
	Fit    imagefit.Result
	// Copy is the copy kept of the picture replaced (empty Path when the slot had no
	// picture, or when replaced without a copy).
	Copy backup.Entry
	// UndoNote, once Done, says in one sentence when Undo won't be able to put this
	// target back as it was ("" when it will).
	UndoNote string
}

// Reason is the plain sentence for a failed status ("" otherwise).
func (s Status) Reason() string {
	if s.State != Failed {
		return ""
	}
	return Reason(s.Err)
}

// Options tune Apply.
type Options struct {
	// Store keeps the copies and the record Undo reads. nil keeps no copies, so
	// nothing can be undone.
	Store *backup.Store
	// OnChange is called on every state change of every target, from Apply's
	// goroutines (several at once); the window must hop to its UI goroutine.
	OnChange func(Status)
	// Parallel is how many targets are sent at once (default 3).
	Parallel int
}

// Run is one apply: its targets' statuses, and what Undo needs.
type Run struct {
	opt   Options
	id    string // when it started; names its record on disk
	mu    sync.Mutex
	st    []Status
	busy  map[int]bool // targets being retried
	slots map[string]photo.Target
	done  []Change // what this run changed, in the targets' order
}

// Apply sends each candidate's fitted logo to its target, side by side (bounded):
// first a copy of the current picture is kept, then the logo is uploaded. A failure
// never stops the others. Manual targets are left out. Apply returns when every
// target has finished or ctx ends; Run is never nil. The error is only about the
// record of what changed (then Undo works in this process only).
func Apply(ctx context.Context, cands []Candidate, opt Options) (*Run, error) {
	if opt.Parallel <= 0 {
		opt.Parallel = 3
	}
	r := &Run{opt: opt, id: time.Now().UTC().Format(time.RFC3339Nano), busy: map[int]bool{}, slots: map[string]photo.Target{}}
	for _, c := range cands {
		if c.Target.Manual == "" {
			r.st = append(r.st, Status{Target: c.Target, Fit: c.Fit, Err: c.Err})
		}
	}
	for i := range r.st {
		r.emit(i, func(s *Status) { s.State = Waiting })
	}
	bounded(ctx, len(r.st), opt.Parallel, nil,
		func(i int) { r.send(ctx, i, false) },
		func(i int) { r.emit(i, func(s *Status) { s.State, s.Err = Failed, ctx.Err() }) })
	return r, r.save()
}

// Retry tries one failed target again, keeping a copy first as before.
func (r *Run) Retry(ctx context.Context, id string) error { return r.retry(ctx, id, false) }

// RetryWithoutCopy tries one failed target again without keeping a copy of its
// current picture: for a NoCopy failure, once the admin has agreed to lose it.
func (r *Run) RetryWithoutCopy(ctx context.Context, id string) error { return r.retry(ctx, id, true) }

func (r *Run) retry(ctx context.Context, id string, withoutCopy bool) error {
	r.mu.Lock()
	i := r.index(id)
	if i < 0 || r.st[i].State != Failed || r.busy[i] {
		r.mu.Unlock()
		return fmt.Errorf("%s has nothing to try again.", serviceName(id))
	}
	r.busy[i] = true // a second click while this one runs does nothing
	r.mu.Unlock()
	defer func() { r.mu.Lock(); delete(r.busy, i); r.mu.Unlock() }()
	r.send(ctx, i, withoutCopy)
	if err := r.save(); err != nil {
		return err
	}
	if s := r.Statuses()[i]; s.State == Failed {
		return s.Err
	}
	return nil
}

// index finds target id's status. Callers hold r.mu.
func (r *Run) index(id string) int {
	for i, s := range r.st {
		if s.Target.ID == id {
			return i
		}
	}
	return -1
}

// Statuses returns every target's current status.
func (r *Run) Statuses() []Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Status(nil), r.st...)
}

// emit changes status i and reports it.
func (r *Run) emit(i int, change func(*Status)) {
	r.mu.Lock()
	change(&r.st[i])
	s := r.st[i]
	r.mu.Unlock()
	if r.opt.OnChange != nil {
		r.opt.OnChange(s)
	}
}

// send keeps a copy of target i's picture and uploads the logo.
func (r *Run) send(ctx context.Context, i int, withoutCopy bool) {
	r.mu.Lock()
	s := r.st[i]
	r.mu.Unlock()
	fail := func(err error) {
		r.emit(i, func(s *Status) { s.State, s.Err, s.NoCopy = Failed, err, isNoCopy(err) })
	}
	if s.Target.Unavailable != nil {
		fail(s.Target.Unavailable)
		return
	}
	if s.Fit.Bytes == nil {
		if s.Err == nil {
			s.Err = errors.New("LogoDesk has no picture fitted for " + s.Target.Service + "; choose the logo again.")
		}
		fail(s.Err)
		return
	}
	r.emit(i, func(s *Status) { s.State, s.Err, s.NoCopy = KeepingCopy, nil, false })
	slot, err := s.Target.open(ctx)
	if err != nil {
		fail(err)
		return
	}
	account, err := slot.Account(ctx)
	if err != nil {
		fail(err)
		return
	}
	store := r.opt.Store
	if withoutCopy {
		store = nil
	}
	sending := func() { r.emit(i, func(s *Status) { s.State = Sending }) }
	kept, err := keepAndSend(ctx, slot, s.Fit.Bytes, s.Fit.MIME, store, sending)
	if err != nil {
		fail(err)
		return
	}
	ch := Change{Target: s.Target.ID, Key: slot.Key(), Account: account, Before: BeforeNone, Backup: kept.Path}
	switch {
	case kept.Path != "":
		ch.Before = BeforeCopy
	case store == nil:
		ch.Before = BeforeNotKept
	}
	r.mu.Lock()
	r.slots[s.Target.ID] = slot
	r.done = append(r.done, ch)
	// Keep the targets' order, not the order they finished in, so reports read the same every time.
	slices.SortStableFunc(r.done, func(a, b Change) int { return r.index(a.Target) - r.index(b.Target) })
	r.mu.Unlock()
	note := ""
	switch {
	case ch.Before == BeforeNotKept:
		note = "No copy of the previous picture was kept, so Undo can't put it back."
	case ch.Before == BeforeNone && s.Target.cantRemove != nil:
		note = "There was no logo before, and Undo can't take this one away: " + s.Target.cantRemove.Error()
	}
	r.emit(i, func(s *Status) { s.State, s.Copy, s.UndoNote = Done, kept, note })
}
