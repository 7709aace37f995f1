package apply

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// What a slot held before an apply changed it.
const (
	BeforeCopy    = "copy"     // a picture, kept in Backup
	BeforeNone    = "none"     // no picture: undo removes the logo
	BeforeNotKept = "not-kept" // replaced without keeping a copy: undo can't put it back
)

// Change is what one apply did to one slot, as recorded for Undo. It holds no
// secret: slot key, account, and the path of the kept copy.
type Change struct {
	Target  string `json:"target"`  // CRM, Bigin or Zoom
	Key     string `json:"key"`     // photo.Target key of the slot changed
	Account string `json:"account"` // the account the slot belongs to; the copy goes back only there
	Before  string `json:"before"`  // BeforeCopy, BeforeNone or BeforeNotKept
	Backup  string `json:"backup,omitempty"`
}

// record is the last apply, kept in RecordFile next to the backups.
type record struct {
	Apply   string   `json:"apply"` // when it started (UTC), to tell applies apart
	Changes []Change `json:"changes"`
}

// RecordFile is the name of the last apply's record in the backup folder.
const RecordFile = "last-apply.json"

// ErrNothingToUndo: no apply is recorded, or it was already undone.
var ErrNothingToUndo = errors.New("There is nothing to undo: no logo applied with LogoDesk is waiting to be taken back.")

func recordPath(dir string) string { return filepath.Join(dir, RecordFile) }

// save writes what the run changed so far (removing the record once nothing is left to undo).
func (r *Run) save() error {
	if r.opt.Store == nil || r.opt.Store.Dir == "" {
		return nil
	}
	r.mu.Lock()
	rec := record{Apply: r.id, Changes: append([]Change(nil), r.done...)}
	r.mu.Unlock()
	if len(rec.Changes) == 0 {
		return nil // nothing changed: the previous apply stays the one Undo takes back
	}
	return writeRecord(r.opt.Store.Dir, rec)
}

func writeRecord(dir string, rec record) error {
	if len(rec.Changes) == 0 {
		if err := os.Remove(recordPath(dir)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("LogoDesk couldn't update its note of the last apply in %s: %w", dir, err)
		}
		return nil
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("LogoDesk couldn't note what it changed in %s, so Undo works only until LogoDesk closes: %w", dir, err)
	}
	// Write then rename, so a crash never leaves half a record.
	tmp := recordPath(dir) + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("LogoDesk couldn't note what it changed in %s, so Undo works only until LogoDesk closes: %w", dir, err)
	}
	return os.Rename(tmp, recordPath(dir))
}

func readRecord(dir string) (record, error) {
	var rec record
	b, err := os.ReadFile(recordPath(dir))
	if errors.Is(err, os.ErrNotExist) {
		return rec, ErrNothingToUndo
	}
	if err != nil {
		return rec, fmt.Errorf("LogoDesk couldn't read its note of the last apply in %s: %w", dir, err)
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, fmt.Errorf("LogoDesk's note of the last apply in %s is damaged, so it can't be undone from here; "+
			"the old pictures are still in that folder", dir)
	}
	if len(rec.Changes) == 0 {
		return rec, ErrNothingToUndo
	}
	return rec, nil
}
