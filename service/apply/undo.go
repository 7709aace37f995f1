package apply

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"sync"

	"logodesk/service/backup"
	"logodesk/service/bigin"
	"logodesk/service/photo"
	"logodesk/session"
)

// UndoItem is one target being put back.
type UndoItem struct {
	Change  Change
	Service string // "Zoho CRM"
	State   State  // Waiting, Sending, Done or Failed
	Err     error  // when Failed
	// Did says what was done, once Done: "put back the previous picture" or
	// "removed the logo (there was none before)".
	Did string
}

// UndoReport is the outcome of an undo.
type UndoReport struct{ Items []UndoItem }

// opener finds the slot a change was made to.
type opener func(ctx context.Context, ch Change) (photo.Target, error)

// Undo puts back, in one step, every picture this run changed, from the copies
// it kept. onChange (may be nil) is called on every item's state change, from
// several goroutines. The record on disk keeps what could not be put back yet.
func (r *Run) Undo(ctx context.Context, onChange func(UndoItem)) *UndoReport {
	r.mu.Lock()
	changes := append([]Change(nil), r.done...)
	slots := r.slots
	r.mu.Unlock()
	open := func(_ context.Context, ch Change) (photo.Target, error) { return slots[ch.Target], nil }
	rep, left := undo(ctx, changes, open, r.opt.Parallel, onChange)
	r.mu.Lock()
	r.done = left
	r.mu.Unlock()
	if s := r.opt.Store; s != nil && s.Dir != "" {
		if rec, err := readRecord(s.Dir); err == nil && rec.Apply == r.id {
			_ = writeRecord(s.Dir, record{Apply: r.id, Changes: left}) // the report already says what is left
		}
	}
	return rep
}

// UndoLast undoes the last apply recorded in store's folder, possibly made by an
// earlier LogoDesk process, with the services of session s. Each copy goes back
// only to the account it was taken from. The error is ErrNothingToUndo, or a
// problem with the record itself.
func UndoLast(ctx context.Context, s *session.Session, store *backup.Store, onChange func(UndoItem)) (*UndoReport, error) {
	if store == nil || store.Dir == "" {
		return nil, ErrNothingToUndo
	}
	rec, err := readRecord(store.Dir)
	if err != nil {
		return nil, err
	}
	targets := Targets(s)
	open := func(ctx context.Context, ch Change) (photo.Target, error) {
		t, ok := Find(targets, ch.Target)
		switch {
		case ok && t.Unavailable != nil:
			return nil, t.Unavailable
		case !ok || t.open == nil:
			return nil, fmt.Errorf("LogoDesk doesn't know the service %q any more.", ch.Target)
		}
		return t.open(ctx)
	}
	rep, left := undo(ctx, rec.Changes, open, 0, onChange)
	if err := writeRecord(store.Dir, record{Apply: rec.Apply, Changes: left}); err != nil {
		return rep, err
	}
	return rep, nil
}

// undo puts every change back, side by side (bounded), and returns the report
// and the changes worth trying again later.
func undo(ctx context.Context, changes []Change, open opener, parallel int, onChange func(UndoItem)) (*UndoReport, []Change) {
	if parallel <= 0 {
		parallel = 3
	}
	rep := &UndoReport{Items: make([]UndoItem, len(changes))}
	var mu sync.Mutex
	emit := func(i int, change func(*UndoItem)) {
		mu.Lock()
		change(&rep.Items[i])
		it := rep.Items[i]
		mu.Unlock()
		if onChange != nil {
			onChange(it)
		}
	}
	for i, ch := range changes {
		emit(i, func(it *UndoItem) { it.Change, it.Service, it.State = ch, serviceName(ch.Target), Waiting })
	}
	bounded(ctx, len(changes), parallel, nil, func(i int) {
		ch, service := changes[i], serviceName(changes[i].Target)
		slot, err := open(ctx, ch)
		if err == nil {
			err = checkSameSlot(ctx, slot, ch, service)
		}
		var did string
		if err == nil {
			emit(i, func(it *UndoItem) { it.State = Sending })
			did, err = putBack(ctx, slot, ch, service)
		}
		if err != nil {
			emit(i, func(it *UndoItem) { it.State, it.Err = Failed, err })
			return
		}
		emit(i, func(it *UndoItem) { it.State, it.Did = Done, did })
	}, func(i int) { emit(i, func(it *UndoItem) { it.State, it.Err = Failed, ctx.Err() }) })
	var left []Change
	for _, it := range rep.Items {
		if it.State == Failed && !permanent(it.Err) {
			left = append(left, it.Change)
		}
	}
	return rep, left
}

// checkSameSlot refuses to put a copy anywhere but the slot and account it came from.
func checkSameSlot(ctx context.Context, slot photo.Target, ch Change, service string) error {
	account, err := slot.Account(ctx)
	if err != nil {
		return err
	}
	if slot.Key() != ch.Key || account != ch.Account {
		return fmt.Errorf("LogoDesk is now signed in to another %s account than the one the logo was applied to, so it changed nothing there. "+
			"Sign in to that account and undo again.", service)
	}
	return nil
}

// notKept: the apply was told to replace the picture without keeping a copy.
type notKept struct{ service string }

func (n notKept) Error() string {
	return "LogoDesk kept no copy of the " + n.service + " picture it replaced, so it can't put it back."
}

// putBack uploads the kept copy, or removes the logo when the slot had none.
func putBack(ctx context.Context, slot photo.Target, ch Change, service string) (string, error) {
	switch ch.Before {
	case BeforeCopy:
		data, err := os.ReadFile(ch.Backup)
		if err != nil {
			return "", fmt.Errorf("LogoDesk couldn't read the copy it kept of the old %s picture (%s).", service, ch.Backup)
		}
		if err := slot.Put(ctx, data, http.DetectContentType(data)); err != nil {
			return "", err
		}
		return "put back the previous picture", nil
	case BeforeNone:
		if err := slot.Delete(ctx); err != nil {
			return "", err
		}
		return "removed the logo (there was none before)", nil
	}
	return "", notKept{service}
}

// permanent reports failures that trying again can't fix, so the record drops them.
func permanent(err error) bool {
	return errors.As(err, new(notKept)) || errors.Is(err, bigin.ErrOrgLogoUndeletable)
}
