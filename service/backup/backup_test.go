package backup

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"logodesk/service/api"
)

func TestSafeKey(t *testing.T) {
	for in, want := range map[string]string{
		"zoho-crm/org":           "zoho-crm_org",
		"bigin/Contacts/123":     "bigin_Contacts_123",
		"zoom/a@b.com":           "zoom_a_b.com",
		"../../etc/passwd":       ".._.._etc_passwd",
		"..":                     "__",
		"":                       "_",
		`C:\x y`:                 "C__x_y",
		"ünïcode":                "_n_code",
		strings.Repeat("a", 300): strings.Repeat("a", 120),
	} {
		if got := SafeKey(in); got != want {
			t.Errorf("SafeKey(%q) = %q, want %q", in, got, want)
		}
		if got := SafeKey(in); strings.ContainsAny(got, `/\`) || got == "." || got == ".." {
			t.Errorf("SafeKey(%q) = %q is not a single safe name", in, got)
		}
	}
}

var crmEU = Slot{Account: "zoho.eu/org-20071234", Key: "zoho-crm/org"}

func TestSaveListReadPruneKeepsNewestN(t *testing.T) {
	s := &Store{Dir: t.TempDir(), Keep: 3}
	t0 := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	for i := 0; i < 5; i++ {
		p := api.Photo{Present: true, Bytes: []byte{byte(i), 1, 2}, MIME: "image/png"}
		e, err := s.Save(crmEU, p, t0.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(e.Path) != filepath.Join(s.Dir, "accounts", "zoho.eu_org-20071234", "zoho-crm_org") || filepath.Ext(e.Path) != ".png" {
			t.Fatalf("unexpected path %s", e.Path)
		}
	}
	// Save alone never prunes: a change that fails must not have cost a copy.
	if list, _ := s.List(crmEU); len(list) != 5 {
		t.Fatalf("Save pruned: %d copies, want 5", len(list))
	}
	if err := s.Prune(crmEU); err != nil {
		t.Fatal(err)
	}
	list, err := s.List(crmEU)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("kept %d copies, want 3", len(list))
	}
	for i, e := range list {
		want := t0.Add(time.Duration(4-i) * time.Minute)
		if !e.Time.Equal(want) {
			t.Errorf("entry %d time %v, want %v (newest first)", i, e.Time, want)
		}
		b, err := s.Read(e)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, []byte{byte(4 - i), 1, 2}) || e.MIME != "image/png" || e.Size != 3 || e.Key != "zoho-crm/org" || e.Account != crmEU.Account {
			t.Errorf("entry %d = %+v bytes %v", i, e, b)
		}
	}
	if !strings.Contains(list[0].Name(), "3 bytes PNG") {
		t.Errorf("Name() = %q", list[0].Name())
	}
}

func TestSameMillisecondAndMIME(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	now := time.Now()
	k := Slot{Account: "zoom/acct-1", Key: "k"}
	a, err := s.Save(k, api.Photo{Present: true, Bytes: []byte("a"), MIME: "image/jpeg"}, now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Save(k, api.Photo{Present: true, Bytes: []byte("b"), MIME: "image/jpeg"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if a.Path == b.Path {
		t.Fatal("two saves in the same millisecond overwrote each other")
	}
	list, _ := s.List(k)
	if len(list) != 2 || list[0].Path != b.Path || list[0].MIME != "image/jpeg" {
		t.Fatalf("list = %+v", list)
	}
}

func TestNothingAndNoDir(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	k := Slot{Account: "zoom/acct-1", Key: "k"}
	if _, err := s.Save(k, api.Photo{}, time.Now()); err != ErrNothing {
		t.Fatalf("Save(no photo) = %v, want ErrNothing", err)
	}
	if l, err := s.List(Slot{Account: "a", Key: "never"}); err != nil || len(l) != 0 {
		t.Fatalf("List(unknown) = %v, %v", l, err)
	}
	var none *Store
	if _, err := none.Save(k, api.Photo{Present: true, Bytes: []byte("x")}, time.Now()); err == nil {
		t.Fatal("nil store saved")
	}
	// No copy is ever written without an account.
	if _, err := s.Save(Slot{Key: "k"}, api.Photo{Present: true, Bytes: []byte("x")}, time.Now()); err == nil {
		t.Fatal("saved a copy with no account")
	}
	// Stray files in the folder are ignored.
	os.MkdirAll(filepath.Join(s.Dir, "k"), 0o700)
	os.WriteFile(filepath.Join(s.Dir, "k", "notes.txt"), []byte("x"), 0o600)
	if l, _ := s.List(Slot{Key: "k"}); len(l) != 0 {
		t.Fatalf("stray file listed: %+v", l)
	}
}

func TestAccountsAreApart(t *testing.T) {
	s := &Store{Dir: t.TempDir(), Keep: 1}
	t0 := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	other := Slot{Account: "sandbox/org-1", Key: crmEU.Key}
	legacy := Slot{Key: crmEU.Key}
	// A copy in the layout used before accounts were recorded.
	os.MkdirAll(filepath.Join(s.Dir, "zoho-crm_org"), 0o700)
	os.WriteFile(filepath.Join(s.Dir, "zoho-crm_org", "20250101-000000.000.png"), []byte("legacy"), 0o600)
	for i, sl := range []Slot{crmEU, crmEU, other, other} {
		if _, err := s.Save(sl, api.Photo{Present: true, Bytes: []byte{byte(i)}, MIME: "image/png"}, t0.Add(time.Duration(i)*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	for _, sl := range []Slot{crmEU, other} {
		if err := s.Prune(sl); err != nil {
			t.Fatal(err)
		}
	}
	eu, _ := s.List(crmEU)
	sb, _ := s.List(other)
	old, _ := s.List(legacy)
	if len(eu) != 1 || len(sb) != 1 || eu[0].Account != crmEU.Account || sb[0].Account != other.Account {
		t.Fatalf("accounts mixed: eu=%+v sandbox=%+v", eu, sb)
	}
	if b, _ := s.Read(eu[0]); !bytes.Equal(b, []byte{1}) {
		t.Fatalf("eu copy = %v, want its own newest", b)
	}
	// Pruning an account never touches legacy copies, and Prune of the legacy layout is a no-op.
	if err := s.Prune(legacy); err != nil || len(old) != 1 || old[0].Account != "" {
		t.Fatalf("legacy copies = %+v (%v)", old, err)
	}
	if old2, _ := s.List(legacy); len(old2) != 1 {
		t.Fatal("a legacy copy was pruned")
	}
}

func TestPruneSparesTheCopyBeingRestored(t *testing.T) {
	s := &Store{Dir: t.TempDir(), Keep: 2}
	t0 := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	var first Entry
	for i := 0; i < 4; i++ {
		e, err := s.Save(crmEU, api.Photo{Present: true, Bytes: []byte{byte(i)}, MIME: "image/png"}, t0.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = e
		}
	}
	if err := s.Prune(crmEU, first.Path); err != nil {
		t.Fatal(err)
	}
	l, _ := s.List(crmEU)
	if len(l) != 3 || l[2].Path != first.Path {
		t.Fatalf("after prune: %+v, want the 2 newest and the spared oldest", l)
	}
}

func TestUnreadableFolderIsAnError(t *testing.T) {
	if os.Geteuid() == 0 {
		// root reads any folder whatever its mode: use a file where the folder should be.
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "accounts", "zoom_acct-1"), 0o700)
		os.WriteFile(filepath.Join(dir, "accounts", "zoom_acct-1", "k"), []byte("not a folder"), 0o600)
		s := &Store{Dir: dir}
		if _, err := s.List(Slot{Account: "zoom/acct-1", Key: "k"}); err == nil || !strings.Contains(err.Error(), "can't read the folder") {
			t.Fatalf("List of an unreadable folder = %v, want a plain error", err)
		}
		return
	}
	dir := t.TempDir()
	s := &Store{Dir: dir}
	k := Slot{Account: "zoom/acct-1", Key: "k"}
	if _, err := s.Save(k, api.Photo{Present: true, Bytes: []byte("x"), MIME: "image/png"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "accounts", "zoom_acct-1", "k")
	os.Chmod(folder, 0)
	t.Cleanup(func() { os.Chmod(folder, 0o700) })
	if _, err := s.List(k); err == nil {
		t.Fatal("List of an unreadable folder gave no error")
	}
}
