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
	cur    api.Photo
	getErr error
	putErr error
	calls  []string
}

func (f *fakeTarget) Key() string         { return "test/slot" }
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
	if err := Replace(context.Background(), f, []byte("new"), "image/jpeg", st); err != nil {
		t.Fatal(err)
	}
	if string(f.cur.Bytes) != "new" {
		t.Fatal("not uploaded")
	}
	l, _ := st.List(f.Key())
	if len(l) != 1 {
		t.Fatalf("backups = %d, want 1", len(l))
	}
	if b, _ := st.Read(l[0]); !bytes.Equal(b, old.Bytes) || l[0].MIME != "image/png" {
		t.Fatalf("backup = %q %s", b, l[0].MIME)
	}

	// No current picture: nothing to back up, still uploads.
	f2 := &fakeTarget{}
	if err := Replace(context.Background(), f2, []byte("x"), "image/png", &backup.Store{Dir: t.TempDir()}); err != nil || !f2.cur.Present {
		t.Fatalf("Replace on empty slot: %v %+v", err, f2.cur)
	}
}

func TestReplaceUploadsNothingWhenBackupFails(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/file"
	os.WriteFile(file, []byte("x"), 0o600)
	st := &backup.Store{Dir: file} // a file, not a folder: MkdirAll fails
	f := &fakeTarget{cur: api.Photo{Present: true, Bytes: []byte("old"), MIME: "image/png"}}
	if err := Replace(context.Background(), f, []byte("new"), "image/png", st); err == nil {
		t.Fatal("Replace succeeded with a broken backup folder")
	}
	if string(f.cur.Bytes) != "old" {
		t.Fatal("uploaded although the backup failed")
	}
	if err := Delete(context.Background(), f, st); err == nil || !f.cur.Present {
		t.Fatal("deleted although the backup failed")
	}
	// A failed Get stops too.
	f.getErr = errors.New("offline")
	if err := Replace(context.Background(), f, []byte("new"), "image/png", &backup.Store{Dir: t.TempDir()}); err == nil || string(f.cur.Bytes) != "old" {
		t.Fatal("uploaded although reading the current picture failed")
	}
}

func TestDeleteAndRestore(t *testing.T) {
	tick(t)
	st := &backup.Store{Dir: t.TempDir()}
	f := &fakeTarget{cur: api.Photo{Present: true, Bytes: []byte("v1"), MIME: "image/png"}}
	ctx := context.Background()
	if err := Delete(ctx, f, st); err != nil || f.cur.Present {
		t.Fatalf("Delete: %v %+v", err, f.cur)
	}
	l, _ := st.List(f.Key())
	if len(l) != 1 {
		t.Fatalf("backups after delete = %d", len(l))
	}
	// Deleting an empty slot does nothing and backs up nothing.
	f.calls = nil
	if err := Delete(ctx, f, st); err != nil || len(f.calls) != 1 || f.calls[0] != "get" {
		t.Fatalf("Delete on empty slot: %v calls %v", err, f.calls)
	}
	// Put v2, then restore v1: v2 is backed up first.
	if err := Replace(ctx, f, []byte("v2"), "image/jpeg", st); err != nil {
		t.Fatal(err)
	}
	if err := Restore(ctx, f, l[0], st); err != nil {
		t.Fatal(err)
	}
	if string(f.cur.Bytes) != "v1" || f.cur.MIME != "image/png" {
		t.Fatalf("restored %q %s", f.cur.Bytes, f.cur.MIME)
	}
	l2, _ := st.List(f.Key())
	if len(l2) != 2 {
		t.Fatalf("backups = %d, want 2 (v1, then v2 before restoring)", len(l2))
	}
	if b, _ := st.Read(l2[0]); string(b) != "v2" {
		t.Fatalf("newest backup = %q, want v2", b)
	}
	// A backup of another slot is refused.
	other := l2[0]
	other.Key = "other/slot"
	if err := Restore(ctx, f, other, st); err == nil {
		t.Fatal("restored another slot's backup")
	}
}
