package bulkzoom_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"logodesk/service/backup"
	"logodesk/service/bulkzoom"
	"logodesk/service/sandbox"
	"logodesk/service/zoom"
	"logodesk/session/sessiontest"
)

// account is a sandbox with many Zoom users and a runner pointed at it.
type account struct {
	env    *sessiontest.Env
	zoom   *zoom.Client
	users  []zoom.User
	runner *bulkzoom.Runner
	byMail map[string]zoom.User
}

func newAccount(t *testing.T, users int) *account {
	t.Helper()
	env := sessiontest.Start(t, sandbox.Options{ZoomUsers: users})
	c, err := env.Session.Zoom()
	if err != nil {
		t.Fatal(err)
	}
	all, err := c.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	a := &account{env: env, zoom: c, users: all, byMail: map[string]zoom.User{},
		runner: &bulkzoom.Runner{Zoom: c, Backups: &backup.Store{Dir: dir}, RecordDir: filepath.Join(dir, "runs")}}
	for _, u := range all {
		a.byMail[u.Email] = u
	}
	return a
}

// photo is a small PNG of its own colour for person i, so every upload differs.
func photo(i int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 48))
	c := color.NRGBA{uint8(i * 37), uint8(i * 11), uint8(i / 7 * 5), 255}
	for p := 0; p < len(img.Pix); p += 4 {
		img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = c.R, c.G, c.B, c.A
	}
	img.Set(i%40, i%48, color.White)
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

func write(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// picture is what the sandbox now holds as u's picture (nil for none).
func (a *account) picture(t *testing.T, email string) []byte {
	t.Helper()
	ctx := context.Background()
	u, err := a.zoom.User(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.zoom.Picture(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	return p.Bytes
}

func (a *account) posts(email string) int {
	return a.env.Sandbox.Requests()["POST /zoom/v2/users/"+a.byMail[email].ID+"/picture"]
}

// allPosts is how many uploads the sandbox has received since its counters were reset.
func (a *account) allPosts() int {
	n := 0
	for k, v := range a.env.Sandbox.Requests() {
		if strings.HasPrefix(k, "POST ") {
			n += v
		}
	}
	return n
}

func TestApplyFolderToManyUsers(t *testing.T) {
	a := newAccount(t, 300)
	ctx := context.Background()
	gen := sandbox.GeneratedZoomUserEmail
	before := map[string][]byte{}
	for _, u := range a.users {
		before[u.Email] = a.picture(t, u.Email)
	}

	// 240 photos: half named after the whole address (some in capitals), half
	// after the part before the @; two matched files that are not pictures; one stranger.
	dir := t.TempDir()
	const withPhoto = 240
	for i := range withPhoto {
		email := gen(i)
		switch {
		case i%10 == 0:
			write(t, dir, strings.ToUpper(email)+".PNG", photo(i))
		case i%2 == 0:
			write(t, dir, email+".png", photo(i))
		default:
			write(t, dir, strings.TrimSuffix(email, "@zylker.example")+".png", photo(i))
		}
	}
	write(t, dir, gen(240)+".jpg", []byte("these are meeting notes, not a photo"))
	write(t, dir, gen(241)+".png", nil)
	write(t, dir, "stranger.png", photo(999))
	failing := []string{gen(5), gen(8)}
	a.env.Sandbox.InjectFault(sandbox.Fault{Method: "POST", User: failing[0], Kind: sandbox.ServerError, Times: 4})
	a.env.Sandbox.InjectFault(sandbox.Fault{Method: "POST", User: failing[1], Kind: sandbox.RateLimit, RetryAfter: "0", Times: 4})

	plan, err := bulkzoom.Match(dir, a.users, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Rows) != 242 || len(plan.NoUser) != 1 || len(plan.UsersWithoutFile) != 300-242 {
		t.Fatalf("plan: %d rows, %d without user, %d users without file", len(plan.Rows), len(plan.NoUser), len(plan.UsersWithoutFile))
	}

	var mu sync.Mutex
	var progress []bulkzoom.Progress
	a.env.Sandbox.ResetRequests()
	rep, err := a.runner.Apply(ctx, plan, bulkzoom.Options{Pace: -1, OnProgress: func(p bulkzoom.Progress) {
		mu.Lock()
		progress = append(progress, p)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rep.Summary(), "Pictures changed for 238 of 242 users; 4 failed."; got != want {
		t.Fatalf("summary %q, want %q", got, want)
	}
	results := map[string]bulkzoom.Result{}
	for _, r := range rep.Results {
		results[r.Row.User.Email] = r
	}
	for i := range withPhoto {
		email := gen(i)
		r := results[email]
		if email == failing[0] || email == failing[1] {
			if r.Status != bulkzoom.Failed || r.Reason == "" || a.posts(email) != 4 {
				t.Errorf("%s: %v %q after %d uploads, want failed after 4 tries", email, r.Status, r.Reason, a.posts(email))
			}
			if !bytes.Equal(a.picture(t, email), before[email]) {
				t.Errorf("%s: picture changed although the upload failed", email)
			}
			continue
		}
		if r.Status != bulkzoom.Changed || a.posts(email) != 1 {
			t.Errorf("%s: %v %q, %d uploads; want changed with exactly one upload", email, r.Status, r.Reason, a.posts(email))
		}
		if !bytes.Equal(a.picture(t, email), photo(i)) {
			t.Errorf("%s: the sandbox does not hold this user's photo", email)
		}
		// The picture it replaced is kept: every third generated user had one.
		if had := before[email] != nil; had != (r.Backup != "") {
			t.Errorf("%s: had a picture %v, backup %q", email, had, r.Backup)
		} else if had {
			if kept, err := os.ReadFile(r.Backup); err != nil || !bytes.Equal(kept, before[email]) {
				t.Errorf("%s: backup %s does not hold the old picture (%v)", email, r.Backup, err)
			}
		}
	}
	for _, email := range []string{gen(240), gen(241)} {
		if r := results[email]; r.Status != bulkzoom.Failed || !strings.HasPrefix(r.Reason, "This file is not a picture LogoDesk can use: ") || a.posts(email) != 0 {
			t.Errorf("%s: %v %q, %d uploads", email, r.Status, r.Reason, a.posts(email))
		}
	}
	// Nothing else was touched: no user without a file got a request to change, and nothing was deleted.
	for k, n := range a.env.Sandbox.Requests() {
		if strings.HasPrefix(k, "DELETE ") {
			t.Errorf("%s: %d requests", k, n)
		}
	}
	if n := a.allPosts(); n != 238+8 {
		t.Errorf("%d uploads in all, want 238 + 2×4", n)
	}
	for _, u := range plan.UsersWithoutFile {
		if !bytes.Equal(a.picture(t, u.Email), before[u.Email]) {
			t.Errorf("%s has no file but its picture changed", u.Email)
		}
	}
	// Progress came once per user, in order, from one goroutine at a time.
	if len(progress) != 242 || progress[241].Done != 242 || progress[241].Changed != 238 || progress[241].Failed != 4 || progress[241].Left != 0 {
		t.Fatalf("progress: %d calls, last %+v", len(progress), progress[len(progress)-1])
	}
	for i, p := range progress {
		if p.Done != i+1 || p.Total != 242 {
			t.Fatalf("progress call %d: %+v", i, p)
		}
	}
	checkReportCSV(t, rep, a.users)

	// Running the same folder again sends only what failed.
	a.env.Sandbox.ResetRequests()
	rep2, err := a.runner.Apply(ctx, plan, bulkzoom.Options{Pace: -1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rep2.Summary(), "Pictures changed for 2 of 242 users; 238 already had theirs; 2 failed."; got != want {
		t.Errorf("second run: %q, want %q", got, want)
	}
	for i := range withPhoto {
		email, want := gen(i), 0
		if email == failing[0] || email == failing[1] {
			want = 1
		}
		if a.posts(email) != want {
			t.Errorf("second run: %s uploaded %d times, want %d", email, a.posts(email), want)
		}
	}

	for _, r := range rep2.Results {
		if r.Status == bulkzoom.Unchanged && r.Reason != "Already has this picture (sent by an earlier run)." {
			t.Errorf("%s unchanged because %q, want the run record to say so", r.Row.User.Email, r.Reason)
		}
	}
	// Without the run records, the pictures Zoom holds are compared instead.
	fresh := *a.runner
	fresh.RecordDir = t.TempDir()
	a.env.Sandbox.ResetRequests()
	rep3, err := fresh.Apply(ctx, plan, bulkzoom.Options{Pace: -1})
	if err != nil || rep3.Count(bulkzoom.Unchanged) != 240 || rep3.Results[0].Reason != "Already has this picture." {
		t.Errorf("third run without records: %v %s (%q)", err, rep3.Summary(), rep3.Results[0].Reason)
	}
	if n := a.allPosts(); n != 0 {
		t.Errorf("third run uploaded %d pictures", n)
	}

	// Someone changes one picture by hand; then undo puts back the second run,
	// then the first, leaving that picture as it now is.
	byHand := gen(12)
	if err := a.zoom.UploadPicture(ctx, a.byMail[byHand].ID, photo(777), "image/png"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Pictures put back for 2 of 2 users.",
		"Pictures put back for 237 of 238 users; 1 changed again since the run, so left as they are."} {
		u, err := a.runner.Undo(ctx, bulkzoom.Options{Pace: -1})
		if err != nil || u.Summary() != want {
			t.Fatalf("undo: %v %q, want %q", err, summary(u), want)
		}
	}
	for _, u := range a.users {
		want := before[u.Email]
		if u.Email == byHand {
			want = photo(777)
		}
		if !bytes.Equal(a.picture(t, u.Email), want) {
			t.Errorf("%s: picture not put back", u.Email)
		}
	}
	if _, err := a.runner.Undo(ctx, bulkzoom.Options{Pace: -1}); err != bulkzoom.ErrNothingToUndo {
		t.Errorf("third undo: %v", err)
	}
}

func summary(r *bulkzoom.Report) string {
	if r == nil {
		return ""
	}
	return r.Summary()
}

// checkReportCSV: one line per user of the account (tried, or without a file),
// plus the stranger file, each with a result.
func checkReportCSV(t *testing.T, rep *bulkzoom.Report, users []zoom.User) {
	t.Helper()
	var b bytes.Buffer
	if err := rep.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(lines[0], ",") != "email,file,result,reason,backup file" {
		t.Fatalf("header %q", lines[0])
	}
	seen := map[string]string{}
	for _, l := range lines[1:] {
		if l[2] == "" || (l[2] != "changed" && l[3] == "") {
			t.Errorf("line without result or reason: %q", l)
		}
		if l[0] != "" {
			seen[l[0]] = l[2]
		}
	}
	for _, u := range users {
		if seen[u.Email] == "" {
			t.Errorf("%s missing from the report", u.Email)
		}
	}
	if len(lines) != 1+len(users)+1 {
		t.Errorf("%d report lines, want a header, %d users and 1 stranger", len(lines), len(users))
	}
}

func TestDailyLimitStopsTheRun(t *testing.T) {
	a := newAccount(t, 20)
	dir := t.TempDir()
	for i := range 12 {
		write(t, dir, sandbox.GeneratedZoomUserEmail(i)+".png", photo(i))
	}
	plan, err := bulkzoom.Match(dir, a.users, "")
	if err != nil {
		t.Fatal(err)
	}
	limited := plan.Rows[4].User.Email
	a.env.Sandbox.InjectFault(sandbox.Fault{Method: "POST", User: limited, Kind: sandbox.RateLimit,
		RateLimitType: "Daily-limit", RetryAfter: "2099-01-02T00:00:00Z"})
	a.env.Sandbox.ResetRequests()
	var last bulkzoom.Progress
	rep, err := a.runner.Apply(context.Background(), plan, bulkzoom.Options{Pace: -1, FitWorkers: 1, SendWorkers: 1,
		OnProgress: func(p bulkzoom.Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary() != "Pictures changed for 4 of 12 users; 8 not tried." || rep.Stopped == "" || last.Done != 12 || last.NotTried != 8 {
		t.Fatalf("%q, stopped %q", rep.Summary(), rep.Stopped)
	}
	for i, r := range rep.Results[4:] {
		if r.Status != bulkzoom.NotTried || !strings.Contains(r.Reason, "daily limit") || !strings.Contains(r.Reason, "lifts at") {
			t.Errorf("row %d: %v %q", 4+i, r.Status, r.Reason)
		}
		if i > 0 && a.posts(r.Row.User.Email) != 0 {
			t.Errorf("%s was sent after the daily limit", r.Row.User.Email)
		}
	}
	if a.posts(limited) != 1 {
		t.Errorf("the daily limit was retried: %d uploads", a.posts(limited))
	}
}

func TestCancelStopsTheRun(t *testing.T) {
	a := newAccount(t, 40)
	dir := t.TempDir()
	for i := range 30 {
		write(t, dir, sandbox.GeneratedZoomUserEmail(i)+".png", photo(i))
	}
	plan, err := bulkzoom.Match(dir, a.users, "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep, err := a.runner.Apply(ctx, plan, bulkzoom.Options{Pace: -1, SendWorkers: 1, OnProgress: func(p bulkzoom.Progress) {
		if p.Done == 3 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Count(bulkzoom.Changed); n < 3 || n == 30 || rep.Count(bulkzoom.NotTried) == 0 {
		t.Fatalf("after cancelling: %s", rep.Summary())
	}
	for _, r := range rep.Results {
		if r.Status == bulkzoom.Changed && !bytes.Equal(a.picture(t, r.Row.User.Email), mustRead(t, r.Row.File)) {
			t.Errorf("%s reported changed but is not", r.Row.User.Email)
		}
		if r.Status == bulkzoom.NotTried && !strings.Contains(r.Reason, "cancelled") {
			t.Errorf("not tried for %q", r.Reason)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExpiredSignInStopsTheRun(t *testing.T) {
	a := newAccount(t, 30)
	tok := a.env.Issue("zoom", sandbox.ZoomAdminID, "user:read:admin", "user:write:admin")
	c, err := a.env.WithToken(tok).Zoom()
	if err != nil {
		t.Fatal(err)
	}
	a.runner.Zoom = c
	dir := t.TempDir()
	for i := range 20 {
		write(t, dir, sandbox.GeneratedZoomUserEmail(i)+".png", photo(i))
	}
	plan, err := bulkzoom.Match(dir, a.users, "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.runner.Apply(context.Background(), plan, bulkzoom.Options{Pace: -1, SendWorkers: 1, FitWorkers: 1,
		OnProgress: func(p bulkzoom.Progress) {
			if p.Done == 5 {
				a.env.Sandbox.Tokens().Expire(tok)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count(bulkzoom.Changed) != 5 || rep.Count(bulkzoom.Failed) != 1 || rep.Count(bulkzoom.NotTried) != 14 ||
		!strings.Contains(rep.Stopped, "Sign in to Zoom again") {
		t.Fatalf("%s (stopped: %q)", rep.Summary(), rep.Stopped)
	}
}
