package apply

import (
	"context"
	"errors"
	"time"

	"logodesk/service/backup"
	"logodesk/service/bigin"
	"logodesk/service/photo"
)

// keepAndSend keeps a copy of t's current picture in store (none when store is nil),
// calls sending, then uploads data. The copy is the zero Entry when the slot was empty.
func keepAndSend(ctx context.Context, t photo.Target, data []byte, mime string, store *backup.Store, sending func()) (backup.Entry, error) {
	var kept backup.Entry
	if store != nil {
		cur, err := t.Get(ctx)
		if err != nil {
			return kept, err
		}
		if cur.Present {
			if kept, err = store.Save(t.Key(), cur, time.Now()); err != nil {
				return kept, err
			}
		}
	}
	sending()
	return kept, t.Put(ctx, data, mime)
}

// isNoCopy reports whether err means the current picture couldn't be downloaded to
// keep a copy (nothing was changed).
func isNoCopy(err error) bool {
	return errors.Is(err, bigin.ErrOrgLogoUnreadable)
}

// accountOf is which account t belongs to, when the slot can say.
func accountOf(ctx context.Context, t photo.Target) (string, error) {
	if a, ok := t.(interface {
		Account(context.Context) (string, error)
	}); ok {
		return a.Account(ctx)
	}
	return "", nil
}
