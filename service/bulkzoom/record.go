package bulkzoom

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// A run record is a small JSON-lines file in the record folder, one per run
// that changed something: a header line, then one line per changed user,
// written as each change is made (so a run that is interrupted is still
// recorded), and an "undone" line once it has been undone.

// change is one user's picture changed by a run.
type change struct {
	UserID     string `json:"user_id"`
	Email      string `json:"email"`
	File       string `json:"file"`
	HadPicture bool   `json:"had_picture"`
	Backup     string `json:"backup,omitempty"`      // the copy of the picture it replaced
	BackupMIME string `json:"backup_mime,omitempty"` //
	// BackupAccount is whose picture the copy is: undo puts it back only there.
	BackupAccount string `json:"backup_account,omitempty"`
	SHA256        string `json:"sha256"`            // of the bytes sent
	PicURL        string `json:"pic_url,omitempty"` // what Zoom showed right after: a later pic_url means someone changed it since
}

type recordLine struct {
	Run     string     `json:"run,omitempty"`
	Folder  string     `json:"folder,omitempty"`
	Started *time.Time `json:"started,omitempty"`
	Undone  *time.Time `json:"undone,omitempty"`
	Change  *change    `json:"change,omitempty"`
}

// RunRecord is a past run, as kept on disk.
type RunRecord struct {
	ID      string // e.g. "run-20260102-150405"
	Folder  string
	Started time.Time
	Changed int  // users whose picture it changed
	Undone  bool // Undo has put them back
	path    string
	changes []change
}

const recordPrefix, recordExt = "run-", ".jsonl"

// recorder appends a run's changes to its record, creating it on the first one.
type recorder struct {
	mu      sync.Mutex
	dir     string
	id      string
	folder  string
	started time.Time
	f       *os.File
}

func newRecorder(dir, folder string, started time.Time) *recorder {
	return &recorder{dir: dir, folder: folder, started: started,
		id: recordPrefix + started.UTC().Format("20060102-150405.000")}
}

func (r *recorder) add(c change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		if err := os.MkdirAll(r.dir, 0o700); err != nil {
			return err
		}
		f, err := os.OpenFile(filepath.Join(r.dir, r.id+recordExt), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		r.f = f
		if err := writeLine(f, recordLine{Run: r.id, Folder: r.folder, Started: &r.started}); err != nil {
			return err
		}
	}
	return writeLine(r.f, recordLine{Change: &c})
}

// close ends the record; it returns the run's id, or "" when nothing changed.
func (r *recorder) close() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return ""
	}
	_ = r.f.Close()
	r.f = nil
	return r.id
}

func writeLine(f *os.File, l recordLine) error {
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	return err
}

// Runs lists the recorded runs in dir, oldest first.
func Runs(dir string) ([]RunRecord, error) {
	des, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("LogoDesk couldn't read its record of earlier runs in %s.", dir)
	}
	var out []RunRecord
	for _, de := range des {
		name := de.Name()
		if !de.Type().IsRegular() || !strings.HasPrefix(name, recordPrefix) || !strings.HasSuffix(name, recordExt) {
			continue
		}
		rec, err := readRecord(filepath.Join(dir, name))
		if err != nil {
			continue // a damaged record only loses what it alone knew
		}
		out = append(out, rec)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func readRecord(path string) (RunRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return RunRecord{}, err
	}
	defer f.Close()
	rec := RunRecord{ID: strings.TrimSuffix(filepath.Base(path), recordExt), path: path}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var l recordLine
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue // a line cut short by a crash
		}
		switch {
		case l.Change != nil && l.Change.UserID != "":
			rec.changes = append(rec.changes, *l.Change)
		case l.Undone != nil:
			rec.Undone = true
		case l.Run != "":
			rec.Folder = l.Folder
			if l.Started != nil {
				rec.Started = *l.Started
			}
		}
	}
	rec.Changed = len(rec.changes)
	return rec, sc.Err()
}

// markUndone appends the "undone" line to a run's record.
func markUndone(rec RunRecord, at time.Time) error {
	f, err := os.OpenFile(rec.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	return writeLine(f, recordLine{Undone: &at})
}

// lastSent is, per user id, the latest change recorded by runs not undone.
func lastSent(runs []RunRecord) map[string]change {
	m := map[string]change{}
	for _, r := range runs {
		if r.Undone {
			continue
		}
		for _, c := range r.changes {
			m[c.UserID] = c
		}
	}
	return m
}
