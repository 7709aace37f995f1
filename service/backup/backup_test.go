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

func TestSaveListReadKeepsNewestN(t *testing.T) {
	s := &Store{Dir: t.TempDir(), Keep: 3}
	t0 := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	for i := 0; i < 5; i++ {
		p := api.Photo{Present: true, Bytes: []byte{byte(i), 1, 2}, MIME: "image/png"}
		e, err := s.Save("zoho-crm/org", p, t0.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(e.Path) != filepath.Join(s.Dir, "zoho-crm_org") || filepath.Ext(e.Path) != ".png" {
			t.Fatalf("unexpected path %s", e.Path)
		}
	}
	list, err := s.List("zoho-crm/org")
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
		if !bytes.Equal(b, []byte{byte(4 - i), 1, 2}) || e.MIME != "image/png" || e.Size != 3 || e.Key != "zoho-crm/org" {
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
	a, err := s.Save("k", api.Photo{Present: true, Bytes: []byte("a"), MIME: "image/jpeg"}, now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Save("k", api.Photo{Present: true, Bytes: []byte("b"), MIME: "image/jpeg"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if a.Path == b.Path {
		t.Fatal("two saves in the same millisecond overwrote each other")
	}
	list, _ := s.List("k")
	if len(list) != 2 || list[0].Path != b.Path || list[0].MIME != "image/jpeg" {
		t.Fatalf("list = %+v", list)
	}
}

func TestNothingAndNoDir(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	if _, err := s.Save("k", api.Photo{}, time.Now()); err != ErrNothing {
		t.Fatalf("Save(no photo) = %v, want ErrNothing", err)
	}
	if l, err := s.List("never"); err != nil || len(l) != 0 {
		t.Fatalf("List(unknown) = %v, %v", l, err)
	}
	var none *Store
	if _, err := none.Save("k", api.Photo{Present: true, Bytes: []byte("x")}, time.Now()); err == nil {
		t.Fatal("nil store saved")
	}
	// Stray files in the folder are ignored.
	os.MkdirAll(filepath.Join(s.Dir, "k"), 0o700)
	os.WriteFile(filepath.Join(s.Dir, "k", "notes.txt"), []byte("x"), 0o600)
	if l, _ := s.List("k"); len(l) != 0 {
		t.Fatalf("stray file listed: %+v", l)
	}
}
