package photo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"logodesk/service/api"
	"logodesk/service/backup"
)

// now is replaced in tests.
var now = time.Now

// noCopyError says why no copy could be kept; errors.Is(err, ErrNoCopy) holds.
type noCopyError struct{ err error }

func (e *noCopyError) Error() string {
	msg := ErrNoCopy.Error() + "."
	var ae *api.Error
	why := ""
	switch {
	case errors.As(e.err, &ae) && ae.Message != "":
		why = ae.Message
	case e.err != nil:
		why = e.err.Error()
	}
	if why == "" {
		return msg
	}
	if !strings.HasSuffix(why, ".") {
		why += "."
	}
	return msg + " " + strings.ToUpper(why[:1]) + why[1:]
}
func (e *noCopyError) Unwrap() []error { return []error{ErrNoCopy, e.err} }

// mustSignIn reports errors that no copy-less retry would get past: the admin
// has to sign in (again) or get permission first, so offering "go on without a
// copy" would only fail once more.
func mustSignIn(err error) bool {
	var ae *api.Error
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.Kind {
	case api.KindSignIn, api.KindScope, api.KindPermission:
		return true
	}
	return false
}

// slotOf is where t's copies are kept.
func slotOf(ctx context.Context, t Target) (backup.Slot, error) {
	acct, err := t.Account(ctx)
	if err != nil {
		return backup.Slot{}, err
	}
	return backup.Slot{Account: acct, Key: t.Key()}, nil
}

// keepCurrent saves t's current picture, if there is one, before it is changed.
// A nil store keeps nothing (the admin chose to go on without a copy). The
// returned slot is zero when nothing needs pruning afterwards.
func keepCurrent(ctx context.Context, t Target, store *backup.Store) (backup.Entry, backup.Slot, error) {
	if store == nil {
		return backup.Entry{}, backup.Slot{}, nil
	}
	slot, err := slotOf(ctx, t)
	if err != nil {
		if mustSignIn(err) || ctx.Err() != nil {
			return backup.Entry{}, backup.Slot{}, err
		}
		return backup.Entry{}, backup.Slot{}, &noCopyError{err}
	}
	cur, err := t.Get(ctx)
	if err != nil {
		if mustSignIn(err) || ctx.Err() != nil {
			return backup.Entry{}, backup.Slot{}, err
		}
		return backup.Entry{}, backup.Slot{}, &noCopyError{err}
	}
	if !cur.Present {
		return backup.Entry{}, slot, nil
	}
	e, err := store.Save(slot, cur, now())
	if err != nil {
		return backup.Entry{}, backup.Slot{}, fmt.Errorf("the current picture couldn't be backed up, so nothing was changed: %w", err)
	}
	return e, slot, nil
}

// prune trims slot's history once a change succeeded. A failed prune only leaves
// an extra copy behind, so it is not the change's failure.
func prune(store *backup.Store, slot backup.Slot, except ...string) {
	if store != nil && slot.Account != "" {
		_ = store.Prune(slot, except...)
	}
}

// Replace keeps a copy of t's current picture (when there is one) and then
// uploads data. It returns the copy kept (a zero Entry when the slot was empty
// or store is nil). If no copy can be kept, nothing is uploaded and the error
// matches ErrNoCopy; the caller may then call again with a nil store.
func Replace(ctx context.Context, t Target, data []byte, mime string, store *backup.Store) (backup.Entry, error) {
	kept, slot, err := keepCurrent(ctx, t, store)
	if err != nil {
		return backup.Entry{}, err
	}
	if err := t.Put(ctx, data, mime); err != nil {
		return kept, err
	}
	prune(store, slot)
	return kept, nil
}

// Delete keeps a copy of t's current picture and then removes it. Deleting a
// slot that has no picture does nothing.
func Delete(ctx context.Context, t Target, store *backup.Store) (backup.Entry, error) {
	kept, slot, err := keepCurrent(ctx, t, store)
	if err != nil {
		return backup.Entry{}, err
	}
	if store != nil && kept.Path == "" {
		return kept, nil // nothing there to delete
	}
	if err := t.Delete(ctx); err != nil {
		return kept, err
	}
	prune(store, slot)
	return kept, nil
}

// Restore puts a kept copy back: it keeps a copy of the current picture first
// (so restoring is itself undoable), then uploads the old bytes. A copy goes
// back only to the account and slot it came from, and it survives its own
// restore whatever happens.
func Restore(ctx context.Context, t Target, e backup.Entry, store *backup.Store) (backup.Entry, error) {
	if store == nil {
		return backup.Entry{}, errors.New("there is no backup folder to restore from")
	}
	if e.Key != t.Key() {
		return backup.Entry{}, fmt.Errorf("that copy belongs to another picture (%s)", e.Key)
	}
	acct, err := t.Account(ctx)
	if err != nil {
		return backup.Entry{}, err
	}
	if e.Account != acct && !(e.Account == "" && legacyBelongs(t, acct)) {
		return backup.Entry{}, errors.New("that copy was kept for another account, so LogoDesk won't put it here")
	}
	data, err := store.Read(e)
	if err != nil {
		return backup.Entry{}, err
	}
	kept, slot, err := keepCurrent(ctx, t, store)
	if err != nil {
		return backup.Entry{}, err
	}
	if err := t.Put(ctx, data, e.MIME); err != nil {
		return kept, err
	}
	prune(store, slot, e.Path)
	return kept, nil
}

// Versions lists the copies kept of t, newest first: the account's own, then
// copies from before LogoDesk recorded accounts where they can only be this
// account's (see legacyBelongs).
func Versions(ctx context.Context, t Target, store *backup.Store) ([]backup.Entry, error) {
	if store == nil {
		return nil, nil
	}
	slot, err := slotOf(ctx, t)
	if err != nil {
		return nil, err
	}
	own, err := store.List(slot)
	if err != nil {
		return nil, err
	}
	if !legacyBelongs(t, slot.Account) {
		return own, nil
	}
	old, err := store.List(backup.Slot{Key: t.Key()})
	if err != nil {
		return nil, err
	}
	return append(own, old...), nil
}

// legacyBelongs says whether copies kept before accounts were recorded can be
// attributed to account: only for slots named by an id that is unique across
// the vendor (a Zoom user id, a Zoho record id), and only for real accounts —
// the sandbox's demo ids say nothing about whose a legacy copy is, and a real
// copy must never be offered to the sandbox. "zoho-crm/org" names every
// organisation's logo alike, so its legacy copies belong to no one for sure.
func legacyBelongs(t Target, account string) bool {
	realm, _, _ := strings.Cut(account, "/")
	if realm == "" || realm == api.RealmSandbox || strings.HasPrefix(realm, api.RealmOtherPrefix) {
		return false
	}
	k := t.Key()
	return strings.HasPrefix(k, "zoom/") || strings.HasPrefix(k, "bigin/")
}
