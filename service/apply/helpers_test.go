package apply_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"logodesk/service/apply"
	"logodesk/service/backup"
	"logodesk/service/sandbox"
	"logodesk/service/zoom"
	"logodesk/session/sessiontest"
)

// world is a sandbox, a session on it, and a backup folder.
type world struct {
	t     *testing.T
	env   *sessiontest.Env
	store *backup.Store
}

func newWorld(t *testing.T) *world { return newWorldWith(t, sandbox.Options{}) }

func newWorldWith(t *testing.T, opt sandbox.Options) *world {
	t.Helper()
	return &world{t: t, env: sessiontest.Start(t, opt), store: &backup.Store{Dir: t.TempDir()}}
}

// prepare fits data to the targets with the given ids.
func (w *world) prepare(data []byte, ids ...string) []apply.Candidate {
	w.t.Helper()
	var chosen []apply.Target
	all := apply.Targets(w.env.Session)
	for _, id := range ids {
		t, ok := apply.Find(all, id)
		if !ok {
			w.t.Fatalf("no target %q", id)
		}
		chosen = append(chosen, t)
	}
	cands, err := apply.Prepare(context.Background(), data, chosen)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, c := range cands {
		if c.Err != nil {
			w.t.Fatalf("%s: %v", c.Target.ID, c.Err)
		}
	}
	return cands
}

// crmLogo, biginLogo and zoomPicture read each slot back from the sandbox.
func (w *world) crmLogo() []byte {
	w.t.Helper()
	c, err := w.env.Session.CRM()
	if err != nil {
		w.t.Fatal(err)
	}
	p, err := c.Photo(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return p.Bytes
}

func (w *world) biginLogo() []byte {
	data, _ := w.env.Sandbox.BiginOrgLogo()
	return data
}

func (w *world) zoomPicture() []byte {
	w.t.Helper()
	c, err := w.env.Session.Zoom()
	if err != nil {
		w.t.Fatal(err)
	}
	u, err := c.User(context.Background(), zoom.Me)
	if err != nil {
		w.t.Fatal(err)
	}
	p, err := c.Picture(context.Background(), u)
	if err != nil {
		w.t.Fatal(err)
	}
	return p.Bytes
}

// states records every state each target goes through.
type states struct {
	mu  sync.Mutex
	seq map[string][]apply.State
}

func (s *states) record(st apply.Status) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seq == nil {
		s.seq = map[string][]apply.State{}
	}
	s.seq[st.Target.ID] = append(s.seq[st.Target.ID], st.State)
}

func (s *states) of(id string) []apply.State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]apply.State(nil), s.seq[id]...)
}

func status(t *testing.T, r *apply.Run, id string) apply.Status {
	t.Helper()
	for _, s := range r.Statuses() {
		if s.Target.ID == id {
			return s
		}
	}
	t.Fatalf("no status for %s", id)
	return apply.Status{}
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
