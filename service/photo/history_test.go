package photo

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"logodesk/service/api"
	"logodesk/service/backup"
	"logodesk/service/limits"
)

// fakeTarget is an in-memory picture slot that records the calls it gets.
type fakeTarget struct {
	key     string // "" means "test/slot"
	account string // "" means "zoho.com/org-1"
	cur     api.Photo
	getErr  error
	putErr  error
	calls   []string
}

func (f *fakeTarget) Key() string {
	if f.key == "" {
		return "test/slot"
	}
	return f.key
}
func (f *fakeTarget) Account(context.Context) (string, error) {
	if f.account == "" {
		return "zoho.com/org-1", nil
	}
	return f.account, nil
}
func (f *fakeTarget) Label() string       { return "test slot" }
func (f *fakeTarget) Limit() limits.Limit { return limits.ZohoCRMOrgPhoto }
func (f *fakeTarget) Get(context.Context) (api.Photo, error) {
	f.calls = append(f.calls, "get")
	return f.cur, f.getErr
}
func (f *fakeTarget) Put(_ context.Context, b []byte, m string) error {
	f.calls = append(f.calls, "put")
	if f.putErr != nil {
		return f.putErr
	}
	f.cur = api.Photo{Present: true, Bytes: b, MIME: m}
	return nil
}
func (f *fakeTarget) Delete(context.Context) error {
	f.calls = append(f.calls, "delete")
	f.cur = api.Photo{}
	return nil
}

func tick(t *testing.T) {
	t.Helper()
	base := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	n := 0
	now = func() time.Time { n++; return base.Add(time.Duration(n) * time.Second) }
	t.Cleanup(func() { now = time.Now })
}

func TestReplaceBacksUpFirst(t *testing.T) {
	tick(t)
	st := &backup.Store{Dir: t.TempDir()}
	old := api.Photo{Present: true, Bytes: []byte("old"), MIME: "image/png"}
	f := &fakeTarget{cur: old}
	kept, err := Replace(context.Background(), f, []byte("new"), "image/jpeg", st)
	if err != nil {
		t.Fatal(err)
	}
	if string(f.cur.Bytes) != "new" {
		t.Fatal("not uploaded")
	}
	l, _ := Versions(context.Background(), f, st)
	if kept.Path == "" || l[0].Path != kept.Path || l[0].Account != "zoho.com/org-1" {
		t.Fatalf("Replace returned %+v, history %+v", kept, l)
	}
	if len(l) != 1 {
		t.Fatalf("backups = %d, want 1", len(l))
	}
	if b, _ := st.Read(l[0]); !bytes.Equal(b, old.Bytes) || l[0].MIME != "image/png" {
		t.Fatalf("backup = %q %s", b, l[0].MIME)
	}

	// No current picture: nothing to back up, still uploads.
	f2 := &fakeTarget{}
	if _, err := Replace(context.Background(), f2, []byte("x"), "image/png", &backup.Store{Dir: t.TempDir()}); err != nil || !f2.cur.Present {
		t.Fatalf("Replace on empty slot: %v %+v", err, f2.cur)
	}
}

func TestReplaceUploadsNothingWhenBackupFails(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/file"
	os.WriteFile(file, []byte("x"), 0o600)
	st := &backup.Store{Dir: file} // a file, not a folder: MkdirAll fails
	f := &fakeTarget{cur: api.Photo{Present: true, Bytes: []byte("old"), MIME: "image/png"}}
	if _, err := Replace(context.Background(), f, []byte("new"), "image/png", st); err == nil {
		t.Fatal("Replace succeeded with a broken backup folder")
	}
	if string(f.cur.Bytes) != "old" {
		t.Fatal("uploaded although the backup failed")
	}
	if _, err := Delete(context.Background(), f, st); err == nil || !f.cur.Present {
		t.Fatal("deleted although the backup failed")
	}
	// A failed Get stops too.
	f.getErr = errors.New("offline")
	_, err := Replace(context.Background(), f, []byte("new"), "image/png", &backup.Store{Dir: t.TempDir()})
	if !errors.Is(err, ErrNoCopy) || string(f.cur.Bytes) != "old" {
		t.Fatalf("Replace with an unreadable current picture = %v (uploaded: %v), want ErrNoCopy and nothing sent", err, string(f.cur.Bytes) != "old")
	}
	if _, err := Delete(context.Background(), f, &backup.Store{Dir: t.TempDir()}); !errors.Is(err, ErrNoCopy) || !f.cur.Present {
		t.Fatalf("Delete with an unreadable current picture = %v", err)
	}
	// The admin chose to go on without a copy: a nil store.
	if _, err := Replace(context.Background(), f, []byte("new"), "image/png", nil); err != nil || string(f.cur.Bytes) != "new" {
		t.Fatalf("Replace without a copy = %v", err)
	}
	// A sign-in problem is not a "no copy" problem: going on without a copy would fail too.
	f.getErr = &api.Error{Kind: api.KindSignIn, Message: "You're not signed in to Zoho."}
	if _, err := Replace(context.Background(), f, []byte("x"), "image/png", &backup.Store{Dir: t.TempDir()}); err == nil || errors.Is(err, ErrNoCopy) {
		t.Fatalf("sign-in error became %v", err)
	}
}

func TestDeleteAndRestore(t *testing.T) {
	tick(t)
	st := &backup.Store{Dir: t.TempDir()}
	f := &fakeTarget{cur: api.Photo{Present: true, Bytes: []byte("v1"), MIME: "image/png"}}
	ctx := context.Background()
	if _, err := Delete(ctx, f, st); err != nil || f.cur.Present {
		t.Fatalf("Delete: %v %+v", err, f.cur)
	}
	l, _ := Versions(ctx, f, st)
	if len(l) != 1 {
		t.Fatalf("backups after delete = %d", len(l))
	}
	// Deleting an empty slot does nothing and backs up nothing.
	f.calls = nil
	if _, err := Delete(ctx, f, st); err != nil || len(f.calls) != 1 || f.calls[0] != "get" {
		t.Fatalf("Delete on empty slot: %v calls %v", err, f.calls)
	}
	// Put v2, then restore v1: v2 is backed up first.
	if _, err := Replace(ctx, f, []byte("v2"), "image/jpeg", st); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, f, l[0], st); err != nil {
		t.Fatal(err)
	}
	if string(f.cur.Bytes) != "v1" || f.cur.MIME != "image/png" {
		t.Fatalf("restored %q %s", f.cur.Bytes, f.cur.MIME)
	}
	l2, _ := Versions(ctx, f, st)
	if len(l2) != 2 {
		t.Fatalf("backups = %d, want 2 (v1, then v2 before restoring)", len(l2))
	}
	if b, _ := st.Read(l2[0]); string(b) != "v2" {
		t.Fatalf("newest backup = %q, want v2", b)
	}
	// A backup of another slot is refused.
	other := l2[0]
	other.Key = "other/slot"
	if _, err := Restore(ctx, f, other, st); err == nil {
		t.Fatal("restored another slot's backup")
	}
	// A copy kept for another account never goes to this one.
	foreign := l2[0]
	foreign.Account = "zoho.eu/org-2"
	if _, err := Restore(ctx, f, foreign, st); err == nil || string(f.cur.Bytes) != "v1" {
		t.Fatalf("restored another account's copy: %v", err)
	}
}

func TestRestoreNeverLosesTheCopyItRestores(t *testing.T) {
	tick(t)
	ctx := context.Background()
	st := &backup.Store{Dir: t.TempDir(), Keep: 2}
	f := &fakeTarget{cur: api.Photo{Present: true, Bytes: []byte("v1"), MIME: "image/png"}}
	for _, v := range []string{"v2", "v3"} {
		if _, err := Replace(ctx, f, []byte(v), "image/png", st); err != nil {
			t.Fatal(err)
		}
	}
	l, _ := Versions(ctx, f, st) // v2, v1: the history is full
	oldest := l[len(l)-1]
	if b, _ := st.Read(oldest); len(l) != 2 || string(b) != "v1" {
		t.Fatalf("history = %+v", l)
	}
	// A failed restore keeps every copy, the one it tried included.
	f.putErr = errors.New("network dropped")
	if _, err := Restore(ctx, f, oldest, st); err == nil {
		t.Fatal("restore succeeded with a failing upload")
	}
	if _, err := os.Stat(oldest.Path); err != nil {
		t.Fatalf("a failed restore deleted the copy it restores: %v", err)
	}
	// A successful one prunes, but never the copy it restored.
	f.putErr = nil
	if _, err := Restore(ctx, f, oldest, st); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(oldest.Path); err != nil {
		t.Fatalf("a restore deleted the copy it restored: %v", err)
	}
	if string(f.cur.Bytes) != "v1" {
		t.Fatalf("current = %q, want v1", f.cur.Bytes)
	}
}

func TestLegacyCopiesListedOnlyWhereTheyBelong(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := &backup.Store{Dir: dir}
	legacy := func(key string) {
		d := dir + "/" + backup.SafeKey(key)
		os.MkdirAll(d, 0o700)
		os.WriteFile(d+"/20250101-000000.000.png", []byte("old"), 0o600)
	}
	legacy("zoom/u-1")
	legacy("zoho-crm/org")
	real := &fakeTarget{key: "zoom/u-1", account: "zoom/acct-9"}
	sandbox := &fakeTarget{key: "zoom/u-1", account: api.RealmSandbox + "/acct-9"}
	crmOrg := &fakeTarget{key: "zoho-crm/org", account: "zoho.com/org-1"}
	if l, _ := Versions(ctx, real, st); len(l) != 1 || l[0].Account != "" {
		t.Fatalf("a Zoom user's legacy copy isn't listed for the real account: %+v", l)
	}
	if l, _ := Versions(ctx, sandbox, st); len(l) != 0 {
		t.Fatalf("a legacy copy is offered to the sandbox: %+v", l)
	}
	if l, _ := Versions(ctx, crmOrg, st); len(l) != 0 {
		t.Fatalf("a CRM logo of an unknown organisation is offered: %+v", l)
	}
	// And a legacy copy is restorable where it is listed, never elsewhere.
	l, _ := Versions(ctx, real, st)
	if _, err := Restore(ctx, sandbox, l[0], st); err == nil {
		t.Fatal("a legacy copy was restored into the sandbox")
	}
	if _, err := Restore(ctx, real, l[0], st); err != nil || string(real.cur.Bytes) != "old" {
		t.Fatalf("legacy restore: %v", err)
	}
}
