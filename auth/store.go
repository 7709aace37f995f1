package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"github.com/zalando/go-keyring"
)

// KeyringService is the service name of LogoDesk's entries in the OS keyring.
const KeyringService = "LogoDesk"

// ErrNotFound is returned by a Store for a key it doesn't hold.
var ErrNotFound = errors.New("not stored")

// Store keeps small secrets by key. Keys look like "zoho/refresh_token"; each value is
// kept well under Windows' 2560-byte credential limit.
type Store interface {
	Get(key string) (string, error) // ErrNotFound when absent
	Set(key, value string) error
	Delete(key string) error // nil when absent
}

// KeyringStore keeps entries in the OS keyring (macOS Keychain, Windows Credential
// Manager, Linux Secret Service) under service "LogoDesk".
type KeyringStore struct{}

// Get reads key.
func (KeyringStore) Get(key string) (string, error) {
	v, err := keyring.Get(KeyringService, key)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("The system keyring could not be read: %w", err)
	}
	return v, nil
}

// Set writes key.
func (KeyringStore) Set(key, value string) error {
	if err := keyring.Set(KeyringService, key, value); err != nil {
		return fmt.Errorf("The system keyring could not save LogoDesk's sign-in: %w", err)
	}
	return nil
}

// Delete removes key.
func (KeyringStore) Delete(key string) error {
	err := keyring.Delete(KeyringService, key)
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("The system keyring could not delete LogoDesk's sign-in: %w", err)
}

// KeyringAvailable reports whether an OS keyring service answers. On a headless Linux
// box without a Secret Service it doesn't, and LogoDesk falls back to a FileStore.
func KeyringAvailable() bool {
	_, err := keyring.Get(KeyringService, "probe")
	return err == nil || errors.Is(err, keyring.ErrNotFound)
}

// FileStore keeps entries in a JSON file readable only by the user (mode 0600), for
// systems without a keyring. Writes are atomic and serialised across processes.
type FileStore struct {
	Path string
	mu   sync.Mutex
}

// NewFileStore returns a store in dir/credentials.json.
func NewFileStore(dir string) *FileStore {
	return &FileStore{Path: filepath.Join(dir, "credentials.json")}
}

func (f *FileStore) read() (map[string]string, error) {
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("LogoDesk's sign-in file could not be read: %w", err)
	}
	m := map[string]string{}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, errors.New("LogoDesk's sign-in file is damaged. Sign out and sign in again.")
		}
	}
	return m, nil
}

// Get reads key.
func (f *FileStore) Get(key string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.read()
	if err != nil {
		return "", err
	}
	v, ok := m[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Set writes key.
func (f *FileStore) Set(key, value string) error {
	return f.update(func(m map[string]string) { m[key] = value })
}

// Delete removes key.
func (f *FileStore) Delete(key string) error {
	return f.update(func(m map[string]string) { delete(m, key) })
}

func (f *FileStore) update(change func(map[string]string)) (err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	dir := filepath.Dir(f.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("LogoDesk's settings folder could not be created: %w", err)
	}
	lk := flock.New(f.Path+".lock", flock.SetPermissions(0o600))
	if err := lk.Lock(); err != nil {
		return fmt.Errorf("LogoDesk's sign-in file could not be locked: %w", err)
	}
	defer func() {
		// A lock left held would stall the next write, here or in another running copy.
		if uerr := lk.Unlock(); uerr != nil && err == nil {
			err = fmt.Errorf("LogoDesk saved its sign-in file but could not unlock it: %w", uerr)
		}
	}()
	m, err := f.read()
	if err != nil {
		return err
	}
	change(m)
	b, _ := json.MarshalIndent(m, "", "  ") // strings only: cannot fail
	tmp, err := os.CreateTemp(dir, ".credentials-*")
	if err != nil {
		return fmt.Errorf("LogoDesk's sign-in file could not be written: %w", err)
	}
	defer os.Remove(tmp.Name()) // clean-up after a failure; after the rename nothing is left to remove
	if err := tmp.Chmod(0o600); err == nil {
		_, err = tmp.Write(b)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), f.Path)
		}
		if err == nil {
			return nil
		}
	} else {
		tmp.Close() // the Chmod failure is the one to report
	}
	return fmt.Errorf("LogoDesk's sign-in file could not be written: %w", err)
}

// Keys of a provider's entries.
func keyRefresh(p Provider) string      { return string(p) + "/refresh_token" }
func keyAccess(p Provider) string       { return string(p) + "/access_token" }
func keyAccount(p Provider) string      { return string(p) + "/account" }
func keyClientID(p Provider) string     { return string(p) + "/client_id" }
func keyClientSecret(p Provider) string { return string(p) + "/client_secret" }

// storedAccount is the non-secret part of a sign-in, kept as one small entry.
type storedAccount struct {
	Name         string `json:"name,omitempty"`
	Email        string `json:"email,omitempty"`
	DC           string `json:"dc,omitempty"`
	AccountsURL  string `json:"accounts,omitempty"`
	APIDomain    string `json:"api_domain,omitempty"`
	ContractsURL string `json:"contracts,omitempty"`
}

// The access token is kept as "<unix expiry> <token>" so a second running copy of the
// app can use a token the first one just fetched instead of refreshing again.
func encodeAccess(tok string, exp time.Time) string { return fmt.Sprintf("%d %s", exp.Unix(), tok) }

func decodeAccess(v string) (string, time.Time, bool) {
	var sec int64
	var tok string
	if n, _ := fmt.Sscanf(v, "%d %s", &sec, &tok); n != 2 || tok == "" {
		return "", time.Time{}, false
	}
	return tok, time.Unix(sec, 0), true
}
