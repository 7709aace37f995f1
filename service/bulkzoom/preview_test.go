package bulkzoom_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"logodesk/service/bulkzoom"
	"logodesk/service/zoom"
	"logodesk/session/sessiontest"
)

func TestPreviewsAndThumbnails(t *testing.T) {
	dir := t.TempDir()
	users := []zoom.User{{ID: "1", Email: "ava@zylker.com"}, {ID: "2", Email: "bo@zylker.com"}, {ID: "3", Email: "kim@zylker.com"}}
	write(t, dir, "ava.png", photo(1))
	write(t, dir, "bo.jpg", sessiontest.JPEG(300, 200))
	write(t, dir, "kim.jpg", []byte("not a picture"))
	plan, err := bulkzoom.Match(dir, users, "")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	got := map[string]bulkzoom.Preview{}
	err = bulkzoom.Previews(context.Background(), plan, true, func(p bulkzoom.Preview) {
		mu.Lock()
		got[p.Row.User.Email] = p
		mu.Unlock()
		if plan.Rows[p.Index].User.Email != p.Row.User.Email {
			t.Errorf("preview %d is for %s", p.Index, p.Row.User.Email)
		}
	})
	if err != nil || len(got) != 3 {
		t.Fatalf("%v, %d previews", err, len(got))
	}
	if p := got["bo@zylker.com"]; p.Problem != "" || p.Width != 200 || p.Height != 200 || p.MIME != "image/jpeg" || p.Explanation == "" {
		t.Errorf("square preview of a 300×200 photo: %+v", p)
	}
	if p := got["kim@zylker.com"]; p.Problem == "" || p.Size != 0 {
		t.Errorf("a text file: %+v", p)
	}
	rep := bulkzoom.DryRunReport(plan, []bulkzoom.Preview{got["ava@zylker.com"], got["bo@zylker.com"], got["kim@zylker.com"]})
	if rep.Summary() != "Dry run: pictures would change for 2 of 3 users; 1 file is not a usable picture." {
		t.Errorf("dry run summary %q", rep.Summary())
	}

	img, err := bulkzoom.Thumbnail(filepath.Join(dir, "bo.jpg"), 64, true)
	if err != nil || img.Bounds().Dx() != 64 || img.Bounds().Dy() != 64 {
		t.Fatalf("thumbnail: %v %v", img, err)
	}
	small, err := bulkzoom.Thumbnail(filepath.Join(dir, "ava.png"), 64, false)
	if err != nil || small.Bounds().Dx() != 40 {
		t.Fatalf("a picture already small is shown as it is: %v %v", small.Bounds(), err)
	}
	if _, err := bulkzoom.Thumbnail(filepath.Join(dir, "kim.jpg"), 64, false); err == nil {
		t.Fatal("thumbnail of a text file")
	}
	// A cancelled preview stops.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := bulkzoom.Previews(ctx, plan, false, func(bulkzoom.Preview) {}); err != context.Canceled {
		t.Fatalf("cancelled preview: %v", err)
	}
}
