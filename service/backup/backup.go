// Package backup keeps timestamped local copies of pictures before LogoDesk
// replaces or deletes them, so nothing an admin changes is ever lost.
//
// Copies are kept per account and per picture slot, so two organisations, a real
// account and the sandbox never see (or restore, or prune) each other's copies:
// Store.Dir/accounts/<account>/<slot>/<time>.<ext>, e.g.
// accounts/zoho.eu_org-20071234/zoho-crm_org/20260102-150405.000.png.
// Copies made before accounts were recorded sit in Store.Dir/<slot>/ (the
// "legacy" layout): they are listed with Slot.Account "" and never pruned.
// Only the newest Keep copies of a slot stay; Prune removes older ones, and it is
// called only once a change has succeeded.
package backup

import (
	"errors"
	"fmt"
	"logodesk/service/limits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"logodesk/service/api"
)

// DefaultKeep is how many copies per picture slot a Store keeps when Keep is 0.
const DefaultKeep = 20

// timeLayout sorts lexically in time order and is safe in file names on every OS.
const timeLayout = "20060102-150405.000"

// Store is a folder of backups. The zero Keep means DefaultKeep.
type Store struct {
	Dir  string // root folder; created on first Save
	Keep int    // copies kept per key; older ones are removed on Save
}

// Slot names one picture in one account: where its copies are kept.
type Slot struct {
	// Account is who the picture belongs to, e.g. "zoho.eu/org-20071234" or
	// "zoom/acct-abc"; "" is the legacy layout, from before accounts were recorded.
	Account string
	// Key is the picture slot within the account: "zoho-crm/org", "bigin/Contacts/123", "zoom/<user id>".
	Key string
}

// Entry is one saved copy.
type Entry struct {
	Account string    // the account it came from ("" for a legacy copy)
	Key     string    // the picture slot it belongs to
	Time    time.Time // when it was saved (UTC, millisecond precision)
	MIME    string    // image/png, image/jpeg, …
	Size    int64     // bytes
	Path    string    // the file on disk
}

// Name describes the entry for people: "2 Jan 2026 15:04:05 · 42 KB PNG".
func (e Entry) Name() string {
	kind := strings.ToUpper(strings.TrimPrefix(e.MIME, "image/"))
	if kind == "" {
		kind = "image"
	}
	return fmt.Sprintf("%s · %s %s", e.Time.Local().Format("2 Jan 2006 15:04:05"), limits.HumanBytes(e.Size), kind)
}

var extByMIME = map[string]string{
	"image/png":  ".png",
	"image/jpeg": ".jpg",
	"image/gif":  ".gif",
	"image/bmp":  ".bmp",
	"image/webp": ".webp",
}

func mimeByExt(ext string) string {
	for m, e := range extByMIME {
		if e == ext {
			return m
		}
	}
	return "application/octet-stream"
}

// SafeKey turns a picture slot key into a single file-name-safe folder name:
// letters, digits, '-', '_' and '.' stay, everything else (slashes, spaces,
// '@', ':' …) becomes '_'. Keys that would be "", "." or ".." become "_".
func SafeKey(key string) string {
	var b strings.Builder
	for _, r := range key {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if strings.Trim(s, ".") == "" {
		s = strings.ReplaceAll(s, ".", "_")
		if s == "" {
			s = "_"
		}
	}
	if len(s) > 120 {
		s = s[:120]
	}
	return s
}

func (s *Store) keep() int {
	if s.Keep <= 0 {
		return DefaultKeep
	}
	return s.Keep
}

func (s *Store) dir(slot Slot) (string, error) {
	if s == nil || s.Dir == "" {
		return "", errors.New("no backup folder is set")
	}
	if slot.Account == "" {
		return filepath.Join(s.Dir, SafeKey(slot.Key)), nil
	}
	return filepath.Join(s.Dir, "accounts", SafeKey(slot.Account), SafeKey(slot.Key)), nil
}

// Save writes p as a new copy for slot, taken at now. It prunes nothing: the
// caller prunes once the change the copy guards has succeeded. A photo that is
// not Present is not saved (ErrNothing). Copies are never saved in the legacy layout.
func (s *Store) Save(slot Slot, p api.Photo, now time.Time) (Entry, error) {
	if !p.Present || len(p.Bytes) == 0 {
		return Entry{}, ErrNothing
	}
	if slot.Account == "" {
		return Entry{}, errors.New("LogoDesk doesn't know which account this picture belongs to, so it can't keep a copy of it")
	}
	dir, err := s.dir(slot)
	if err != nil {
		return Entry{}, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Entry{}, fmt.Errorf("LogoDesk couldn't create the backup folder %s: %w", dir, err)
	}
	ext, ok := extByMIME[p.MIME]
	if !ok {
		ext = ".bin"
	}
	t := now.UTC().Truncate(time.Millisecond)
	var path string
	for i := 0; ; i++ { // two saves in the same millisecond get distinct, still ordered names
		name := t.Format(timeLayout)
		if i > 0 {
			name += fmt.Sprintf("-%02d", i)
		}
		path = filepath.Join(dir, name+ext)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return Entry{}, fmt.Errorf("LogoDesk couldn't save a backup copy in %s: %w", dir, err)
		}
		_, werr := f.Write(p.Bytes)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			_ = os.Remove(path)
			return Entry{}, fmt.Errorf("LogoDesk couldn't save a backup copy in %s: %w", dir, werr)
		}
		break
	}
	return Entry{Account: slot.Account, Key: slot.Key, Time: t, MIME: p.MIME, Size: int64(len(p.Bytes)), Path: path}, nil
}

// Prune removes slot's copies beyond the newest Keep, except the files named in
// except (the copy being restored must survive its own restore). Legacy copies
// are never pruned: LogoDesk can't tell whose they are.
func (s *Store) Prune(slot Slot, except ...string) error {
	if slot.Account == "" {
		return nil
	}
	all, err := s.List(slot)
	if err != nil {
		return err
	}
	var errs []error
	for _, old := range all[min(len(all), s.keep()):] {
		if slices.Contains(except, old.Path) {
			continue
		}
		if err := os.Remove(old.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ErrNothing is returned by Save when there is no picture to back up.
var ErrNothing = errors.New("there is no picture to back up")

// List returns slot's copies, newest first. A slot with no copies gives an empty
// list; a folder that exists but can't be read is an error, never "no copies".
func (s *Store) List(slot Slot) ([]Entry, error) {
	dir, err := s.dir(slot)
	if err != nil {
		return nil, err
	}
	des, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("LogoDesk can't read the folder of kept copies (%s): %w", dir, err)
	}
	var out []Entry
	for _, de := range des {
		if !de.Type().IsRegular() {
			continue
		}
		name := de.Name()
		ext := filepath.Ext(name)
		stem := strings.TrimSuffix(name, ext)
		if len(stem) < len(timeLayout) {
			continue
		}
		t, err := time.ParseInLocation(timeLayout, stem[:len(timeLayout)], time.UTC)
		if err != nil {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue
		}
		out = append(out, Entry{Account: slot.Account, Key: slot.Key, Time: t, MIME: mimeByExt(ext), Size: info.Size(), Path: filepath.Join(dir, name)})
	}
	stem := func(e Entry) string { b := filepath.Base(e.Path); return strings.TrimSuffix(b, filepath.Ext(b)) }
	sort.Slice(out, func(i, j int) bool { return stem(out[i]) > stem(out[j]) })
	return out, nil
}

// Read returns the bytes of a saved copy.
func (s *Store) Read(e Entry) ([]byte, error) {
	b, err := os.ReadFile(e.Path)
	if err != nil {
		return nil, fmt.Errorf("LogoDesk couldn't read the backup copy from %s: %w", e.Time.Local().Format("2 Jan 2006 15:04"), err)
	}
	return b, nil
}
