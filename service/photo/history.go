package photo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"logodesk/service/backup"
)

// now is replaced in tests.
var now = time.Now

// backupCurrent saves t's current picture, if there is one, before it is changed.
// A store of nil skips the backup (the caller chose not to keep copies).
func backupCurrent(ctx context.Context, t Target, store *backup.Store) error {
	if store == nil {
		return nil
	}
	cur, err := t.Get(ctx)
	if err != nil {
		return err
	}
	if !cur.Present {
		return nil
	}
	if _, err := store.Save(t.Key(), cur, now()); err != nil {
		return fmt.Errorf("the current picture couldn't be backed up, so nothing was changed: %w", err)
	}
	return nil
}

// Replace backs up t's current picture (when there is one) and then uploads data.
// If the backup fails, nothing is uploaded.
func Replace(ctx context.Context, t Target, data []byte, mime string, store *backup.Store) error {
	if err := backupCurrent(ctx, t, store); err != nil {
		return err
	}
	return t.Put(ctx, data, mime)
}

// Delete backs up t's current picture and then removes it. Deleting a slot that
// has no picture does nothing.
func Delete(ctx context.Context, t Target, store *backup.Store) error {
	if store != nil {
		cur, err := t.Get(ctx)
		if err != nil {
			return err
		}
		if !cur.Present {
			return nil
		}
		if _, err := store.Save(t.Key(), cur, now()); err != nil {
			return fmt.Errorf("the current picture couldn't be backed up, so nothing was deleted: %w", err)
		}
	}
	return t.Delete(ctx)
}

// Restore puts a backed-up copy back: it backs up the current picture first (so
// restoring is itself undoable), then uploads the old bytes.
func Restore(ctx context.Context, t Target, e backup.Entry, store *backup.Store) error {
	if store == nil {
		return errors.New("there is no backup folder to restore from")
	}
	if e.Key != "" && e.Key != t.Key() {
		return fmt.Errorf("that backup belongs to another picture (%s)", e.Key)
	}
	data, err := store.Read(e)
	if err != nil {
		return err
	}
	if err := backupCurrent(ctx, t, store); err != nil {
		return err
	}
	return t.Put(ctx, data, e.MIME)
}
