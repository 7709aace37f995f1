package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// brokenStore is a memStore whose reads of some keys fail as a locked keyring does.
type brokenStore struct {
	*memStore
	mu      sync.Mutex
	failGet map[string]bool
}

var errKeyringLocked = errors.New("The system keyring could not be read: the collection is locked")

func (s *brokenStore) Get(k string) (string, error) {
	s.mu.Lock()
	fail := s.failGet[k]
	s.mu.Unlock()
	if fail {
		return "", errKeyringLocked
	}
	return s.memStore.Get(k)
}

func (s *brokenStore) breakKey(k string) {
	s.mu.Lock()
	s.failGet[k] = true
	s.mu.Unlock()
}

// logLines collects a Manager's log for one test (and the secret scan).
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) add(s string) {
	captureOut("log: " + s)
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}
func (l *logLines) has(part string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.lines {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// When the provider doesn't confirm the withdrawal, sign-out still deletes every local
// copy and says where to remove LogoDesk by hand.
func TestSignOutWhenRevokeFails(t *testing.T) {
	for _, p := range []Provider{Zoho, Zoom} {
		t.Run(string(p), func(t *testing.T) {
			log := &logLines{}
			e := newEnv(t, func(o *Options) { o.Log = log.add })
			e.mustSignIn(p)
			e.mu.Lock()
			e.answer = func(w http.ResponseWriter, r *http.Request) bool {
				if !strings.HasSuffix(r.URL.Path, "/revoke") {
					return false
				}
				http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
				return true
			}
			e.mu.Unlock()
			err := e.m.SignOut(context.Background(), p)
			noteErr(err)
			if !errors.Is(err, ErrNetwork) || !strings.Contains(err.Error(), "remove LogoDesk in") {
				t.Fatalf("err = %v", err)
			}
			if _, ok := e.m.Account(p); ok {
				t.Error("still signed in on this computer")
			}
			if !log.has("didn't confirm") {
				t.Error("nothing logged")
			}
		})
	}
}

// A refresh token the keyring won't hand over can't be withdrawn: sign-out must say so
// rather than report a clean sign-out.
func TestSignOutWithUnreadableSignIn(t *testing.T) {
	log := &logLines{}
	st := &brokenStore{memStore: newMemStore(), failGet: map[string]bool{}}
	e := newEnv(t, func(o *Options) { o.Store = st; o.Log = log.add })
	e.store = st
	e.mustSignIn(Zoho)
	st.breakKey(keyRefresh(Zoho))
	err := e.m.SignOut(context.Background(), Zoho)
	noteErr(err)
	if err == nil || !strings.Contains(err.Error(), "remove LogoDesk in") {
		t.Fatalf("err = %v, want a sign-out that says access may not be withdrawn", err)
	}
	if !errors.Is(err, errKeyringLocked) {
		t.Errorf("the keyring's error isn't kept as the cause: %v", err)
	}
}

// A client secret the keyring won't hand over is not silently treated as "no secret".
func TestUnreadableClientSecretIsLogged(t *testing.T) {
	log := &logLines{}
	st := &brokenStore{memStore: newMemStore(), failGet: map[string]bool{}}
	e := newEnv(t, func(o *Options) { o.Store = st; o.Log = log.add })
	st.breakKey(keyClientSecret(Zoom))
	if cs, ok := e.m.ClientSettings(Zoom); !ok || cs.ID != testClientID {
		t.Fatalf("client settings: %+v %v", cs, ok)
	}
	if !log.has("couldn't read the Zoom client secret") {
		t.Errorf("nothing logged: %q", log.lines)
	}
}
