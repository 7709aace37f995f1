package apply

import (
	"context"
	"errors"

	"logodesk/service/backup"
	"logodesk/service/photo"
)

// keepAndSend is photo.Replace (a copy of t's current picture kept in store, none
// when store is nil, then data uploaded), calling sending just before the upload.
func keepAndSend(ctx context.Context, t photo.Target, data []byte, mime string, store *backup.Store, sending func()) (backup.Entry, error) {
	return photo.Replace(ctx, beforePut{t, sending}, data, mime, store)
}

// beforePut is a slot that calls hook when its upload starts: that is when an
// apply's target goes from "keeping a copy" to "sending".
type beforePut struct {
	photo.Target
	hook func()
}

func (b beforePut) Put(ctx context.Context, data []byte, mime string) error {
	b.hook()
	return b.Target.Put(ctx, data, mime)
}

// isNoCopy reports whether err means the current picture couldn't be downloaded to
// keep a copy (nothing was changed).
func isNoCopy(err error) bool { return errors.Is(err, photo.ErrNoCopy) }
