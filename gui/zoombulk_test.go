package gui

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/service/zoom"
	"logodesk/session/sessiontest"
)

// bulkFolder is a folder of photos for some generated sandbox users: named
// after the whole address or the part before the @, one file that is not a
// picture, and one named after nobody. It returns the folder and the users
// with a usable photo, by e-mail, with the bytes of their file.
func bulkFolder(t *testing.T) (dir string, photos map[string][]byte) {
	t.Helper()
	dir = t.TempDir()
	gen := sandbox.GeneratedZoomUserEmail
	photos = map[string][]byte{}
	for i := range 5 {
		email := gen(i)
		data := sessiontest.NoisyPNG(60+i, 70, uint64(i+1))
		name := email + ".png"
		if i%2 == 1 {
			name = strings.TrimSuffix(email, "@zylker.example") + ".png"
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
		photos[email] = data
	}
	for name, data := range map[string]string{gen(5) + ".jpg": "these are meeting notes, not a photo", "stranger.png": string(sessiontest.PNG(30, 30))} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, photos
}

// openBulk shows the Zoom tab's "Pictures from a folder" view and drops dir on the window.
func openBulk(t *testing.T, u *UI, dir string) *zoomBulk {
	t.Helper()
	selectTab(u, 3)
	b := u.zoom.bulk
	b.pace = -1 // as fast as the sandbox answers
	tap(u, u.zoom.bulkB)
	if !b.visible() || u.zoom.single.Visible() {
		t.Fatal("Pictures from a folder… did not open its view")
	}
	if b.folder.Visible() {
		t.Fatal("an empty folder name takes a line before any folder is chosen")
	}
	drop(u, dir)
	if !b.folder.Visible() || b.folder.Text != dir {
		t.Fatalf("the folder chosen is not named: %q", b.folder.Text)
	}
	return b
}

// rowOf is the plan row of email (-1 when none).
func (b *zoomBulk) rowOf(email string) int {
	if b.plan == nil {
		return -1
	}
	for i, r := range b.plan.Rows {
		if r.User.Email == email {
			return i
		}
	}
	return -1
}

// rowView scrolls row i into view and returns the list row showing it.
func rowView(t *testing.T, u *UI, b *zoomBulk, i int) *bulkRowView {
	t.Helper()
	onUI(func() { b.list.ScrollTo(i) })
	u.waitIdle()
	var found *bulkRowView
	var views []*bulkRowView
	onUI(func() {
		views = shownRowViews(b.list)
		for _, v := range views {
			if v.row == i {
				found = v
			}
		}
	})
	if found == nil {
		t.Fatalf("no list row shows row %d (%d rows on screen)", i, len(views))
	}
	return found
}

// shownRowViews are the rows the list has on screen.
func shownRowViews(o fyne.CanvasObject) []*bulkRowView {
	if !o.Visible() {
		return nil
	}
	if v, ok := o.(*bulkRowView); ok {
		return []*bulkRowView{v}
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	var out []*bulkRowView
	for _, c := range children {
		out = append(out, shownRowViews(c)...)
	}
	return out
}

func userPicture(t *testing.T, c *zoom.Client, email string) []byte {
	t.Helper()
	ctx := context.Background()
	usr, err := c.User(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Picture(ctx, usr)
	if err != nil {
		t.Fatal(err)
	}
	return p.Bytes
}

func TestZoomPicturesFromAFolder(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{ZoomUsers: 40})
	u := newTestUI(t, e.Session)
	c, err := e.Session.Zoom()
	if err != nil {
		t.Fatal(err)
	}
	gen := sandbox.GeneratedZoomUserEmail
	dir, _ := bulkFolder(t)
	before := map[string][]byte{}
	for i := range 6 {
		before[gen(i)] = userPicture(t, c, gen(i))
	}
	b := openBulk(t, u, dir)

	// The preview: one row per matched file, the unusable file unticked.
	if b.problem.text() != "" || b.plan == nil {
		t.Fatalf("no plan: %q / %q", b.problem.text(), b.status.Text)
	}
	if len(b.rows) != 6 {
		t.Fatalf("%d rows, want 6 (five photos and the file that is not one)", len(b.rows))
	}
	for i, r := range b.rows {
		email := b.plan.Rows[i].User.Email
		if r.preview == nil {
			t.Fatalf("%s: not previewed", email)
		}
		if bad := email == gen(5); r.ticked == bad || (r.preview.Problem != "") != bad {
			t.Errorf("%s: ticked %v, problem %q", email, r.ticked, r.preview.Problem)
		}
	}
	issues := labelsText(b.issues)
	for _, want := range []string{"stranger.png", "1 file matches no user", gen(5) + ".jpg", "not a picture LogoDesk can use", "34 users have no file"} {
		if !strings.Contains(issues, want) {
			t.Errorf("the lists below the rows lack %q:\n%s", want, issues)
		}
	}
	if b.applyB.Text != "Apply to 5 users" {
		t.Errorf("apply button %q", b.applyB.Text)
	}
	// A row on screen shows the user, the file's fit and both pictures.
	v := rowView(t, u, b, b.rowOf(gen(0)))
	if !strings.Contains(v.who.Text, gen(0)) || !strings.Contains(v.detail.Text, gen(0)+".png") {
		t.Errorf("row for %s says %q / %q", gen(0), v.who.Text, v.detail.Text)
	}
	if v.new.img.Image == nil || (before[gen(0)] != nil) != (v.now.img.Image != nil) {
		t.Errorf("row pictures: new %v, now %v (had a picture: %v, hint %q)", v.new.img.Image != nil, v.now.img.Image != nil, before[gen(0)] != nil, v.now.hint.Text)
	}

	// Untick gen(1); gen(3)'s uploads fail on the server.
	skip := gen(1)
	sv := rowView(t, u, b, b.rowOf(skip))
	onUI(func() { test.Tap(sv.check) })
	if b.rows[b.rowOf(skip)].ticked || b.applyB.Text != "Apply to 4 users" {
		t.Fatalf("after unticking: ticked %v, button %q", b.rows[b.rowOf(skip)].ticked, b.applyB.Text)
	}
	failing := gen(3)
	e.Sandbox.InjectFault(sandbox.Fault{Method: "POST", User: failing, Kind: sandbox.ServerError, Times: 4})
	e.Sandbox.ResetRequests()
	tap(u, b.applyB)

	posts := func(email string) int {
		usr, _ := c.User(context.Background(), email)
		return e.Sandbox.Requests()["POST /zoom/v2/users/"+usr.ID+"/picture"]
	}
	for _, i := range []int{0, 2, 4} {
		email := gen(i)
		if n := posts(email); n != 1 {
			t.Errorf("%s: %d uploads, want 1", email, n)
		}
		if bytes.Equal(userPicture(t, c, email), before[email]) {
			t.Errorf("%s: picture not changed", email)
		}
		if r := b.rows[b.rowOf(email)]; r.result != "Changed." || !r.sent {
			t.Errorf("%s: row says %q", email, r.result)
		}
	}
	for _, email := range []string{skip, gen(5)} {
		if n := posts(email); n != 0 || !bytes.Equal(userPicture(t, c, email), before[email]) {
			t.Errorf("%s was touched: %d uploads", email, n)
		}
	}
	if r := b.rows[b.rowOf(failing)]; !r.failed || !strings.HasPrefix(r.result, "Failed: ") || !bytes.Equal(userPicture(t, c, failing), before[failing]) {
		t.Errorf("%s: row says %q (failed %v)", failing, r.result, r.failed)
	}
	if v := rowView(t, u, b, b.rowOf(failing)); v.result.Text != b.rows[b.rowOf(failing)].result {
		t.Errorf("the failed row shows %q", v.result.Text)
	}
	if !strings.HasPrefix(b.status.Text, "Pictures changed for 3 of 4 users; 1 failed.") || !strings.Contains(b.status.Text, "1 unticked user was left as it was") ||
		!strings.Contains(b.status.Text, "1 file is not a picture LogoDesk can use") {
		t.Errorf("summary %q", b.status.Text)
	}
	if !strings.Contains(b.failures.Text, failing) {
		t.Errorf("failures %q", b.failures.Text)
	}
	if b.progress.Value != 4 || b.progressRow.Visible() {
		t.Errorf("progress %v of %v, visible %v", b.progress.Value, b.progress.Max, b.progressRow.Visible())
	}

	// Save report…: Fyne's save dialog, then the CSV has every row of the folder.
	tap(u, b.saveB)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Save report… opened no dialog")
	}
	out := filepath.Join(t.TempDir(), "report.csv")
	w, err := storage.Writer(storage.NewFileURI(out))
	if err != nil {
		t.Fatal(err)
	}
	onUI(func() { b.saveReport(b.report, w) })
	u.waitIdle()
	f, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	result := map[string]string{}
	for _, l := range lines[1:] {
		file := l[1]
		if file != "" {
			file = filepath.Base(file)
		}
		result[l[0]+"|"+file] = l[2]
	}
	for key, want := range map[string]string{
		gen(0) + "|" + gen(0) + ".png": "changed", skip + "|" + strings.TrimSuffix(skip, "@zylker.example") + ".png": "not tried",
		failing + "|" + strings.TrimSuffix(failing, "@zylker.example") + ".png": "failed", gen(5) + "|" + gen(5) + ".jpg": "failed", "|stranger.png": "no user",
		gen(6) + "|": "no file",
	} {
		if result[key] != want {
			t.Errorf("report line %s: %q, want %q", key, result[key], want)
		}
	}
	if len(lines) != 1+6+1+34 {
		t.Errorf("report has %d lines, want a header, 6 rows, 1 file and 34 users", len(lines))
	}

	// Undo this run puts every changed picture back.
	tap(u, b.undoB)
	for _, i := range []int{0, 2, 4} {
		email := gen(i)
		if got := userPicture(t, c, email); !bytes.Equal(got, before[email]) {
			t.Errorf("%s: picture not put back", email)
		}
		if r := b.rows[b.rowOf(email)]; r.result != "Put back as before." || r.sent {
			t.Errorf("%s: row says %q after the undo", email, r.result)
		}
	}
	if !strings.HasPrefix(b.status.Text, "Pictures put back for 3 of 3 users") || !b.undoB.Disabled() {
		t.Errorf("after undo: %q, undo enabled %v", b.status.Text, !b.undoB.Disabled())
	}
}

// A Zoom member can't list the account's users: the view says so plainly.
func TestZoomPicturesFromAFolderNeedsAnAdmin(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{ZoomUsers: 10})
	member := e.Issue(tokens.Zoom, sandbox.ZoomMemberID, "user:read", "user:write")
	u := newTestUI(t, e.WithToken(member))
	dir, _ := bulkFolder(t)
	b := openBulk(t, u, dir)
	if msg := b.problem.text(); !strings.Contains(msg, "administrator") {
		t.Fatalf("message %q, want the plain sentence that only an administrator can do this", msg)
	}
	if len(b.rows) != 0 || !b.applyB.Disabled() {
		t.Fatalf("%d rows, apply enabled %v", len(b.rows), !b.applyB.Disabled())
	}
	// A file dropped instead of a folder is refused in one sentence.
	drop(u, filepath.Join(dir, "stranger.png"))
	if msg := b.problem.text(); !strings.Contains(msg, "not a folder") {
		t.Fatalf("a dropped file: %q", msg)
	}
}

// Cancel stops the run: users not reached are not tried and get no upload.
func TestZoomPicturesFromAFolderCancel(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{ZoomUsers: 40})
	u := newTestUI(t, e.Session)
	dir, _ := bulkFolder(t)
	b := openBulk(t, u, dir)
	e.Sandbox.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/zoom/v2/users/", Kind: sandbox.Latency, Delay: 300 * time.Millisecond, Times: 100})
	e.Sandbox.ResetRequests()
	b.pace = 1 // one user a second: the run is still going when Cancel is pressed
	onUI(func() { test.Tap(b.applyB) })
	var running, cancelShown bool
	onUI(func() { running, cancelShown = b.running, b.cancelB.Visible() && b.progressRow.Visible() })
	if !running || !cancelShown {
		t.Fatalf("during the run: running %v, progress and Cancel shown %v", running, cancelShown)
	}
	// Closing the window during the run asks first.
	var asked bool
	onUI(func() { u.onCloseRequest(); asked = u.win.Canvas().Overlays().Top() != nil; u.onEscape() })
	if !asked {
		t.Error("closing during the run did not ask")
	}
	onUI(func() { test.Tap(b.cancelB) })
	u.waitIdle()
	notTried := 0
	for i, r := range b.rows {
		if strings.HasPrefix(r.result, "Not tried") {
			notTried++
			usr := b.plan.Rows[i].User
			if n := e.Sandbox.Requests()["POST /zoom/v2/users/"+usr.ID+"/picture"]; n != 0 {
				t.Errorf("%s: not tried but %d uploads", usr.Email, n)
			}
		}
	}
	if notTried == 0 || b.running || !strings.Contains(b.status.Text, "not tried") {
		t.Fatalf("after Cancel: %d not tried, running %v, status %q", notTried, b.running, b.status.Text)
	}
}

// labelsText is the text of every label in c, one per line.
func labelsText(c *fyne.Container) string {
	var lines []string
	for _, o := range c.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	return strings.Join(lines, "\n")
}

// A large folder: rows are made only for what is on screen, and the pictures
// kept stay bounded however far the admin scrolls.
func TestZoomPicturesFromAFolderKeepsFewPictures(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{ZoomUsers: 160})
	u := newTestUI(t, e.Session)
	dir := t.TempDir()
	const n = 150
	for i := range n {
		data := sessiontest.NoisyPNG(24, 24, uint64(i+1))
		if err := os.WriteFile(filepath.Join(dir, sandbox.GeneratedZoomUserEmail(i)+".png"), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	b := openBulk(t, u, dir)
	if len(b.rows) != n {
		t.Fatalf("%d rows, want %d (%q)", len(b.rows), n, b.problem.text())
	}
	b.thumbs.max = 24
	for i := 0; i < n; i += 12 {
		rowView(t, u, b, i) // scrolls there; its pictures are made and kept
	}
	v := rowView(t, u, b, n-1)
	if v.new.img.Image == nil || v.now.hint.Text == "…" && v.now.img.Image == nil {
		t.Errorf("the last row has no pictures: new %v, now %q", v.new.img.Image != nil, v.now.hint.Text)
	}
	if got := len(b.thumbs.cache); got > b.thumbs.max || len(b.thumbs.order) != got {
		t.Errorf("%d pictures kept (order %d), want at most %d", got, len(b.thumbs.order), b.thumbs.max)
	}
	var shown int
	onUI(func() { shown = len(shownRowViews(b.list)) })
	if shown == 0 || shown > 20 {
		t.Errorf("%d list rows on screen for %d users; rows should be made only for the screen", shown, n)
	}
}
