package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/session"
	"logodesk/session/sessiontest"
)

// The flow tests drive the real window (Fyne's test driver) against the sandbox
// over loopback HTTP, with the real session, image fitter and backup store.
// In the test driver fyne.Do runs synchronously on the calling goroutine, so
// each step waits for the window's goroutines with waitIdle before looking.

// uiTurn stands in for the single UI goroutine that Fyne's test driver lacks:
// results from the window's goroutines (through testDo) and the test's own steps
// (through onUI) take it in turn instead of running at the same time.
var uiTurn sync.Mutex

// testDo is the window's fyne.Do in tests.
func testDo(f func()) {
	uiTurn.Lock()
	defer uiTurn.Unlock()
	f()
}

// onUI runs f as the UI goroutine would: never at the same time as a result
// arriving from one of the window's goroutines.
func onUI(f func()) { testDo(f) }

// newTestUI opens the window on sess with backups in a temp folder and Fyne's own file dialog.
func newTestUI(t *testing.T, sess *session.Session) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	env := EnvFor(sess, t.TempDir())
	env.Picker = nil
	env.Brand = nil // the service tabs' tests count tabs from Zoho CRM; brand_test.go opens the Brand tab
	var u *UI
	onUI(func() { u = newUI(a, env, testDo) })
	u.waitIdle() // New starts loading; touch nothing until that is done
	onUI(func() { u.win.Resize(fyne.NewSize(1000, 800)) })
	t.Cleanup(u.waitIdle)
	return u
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// drop does what the window's drop handler gets from Fyne when files are dropped.
func drop(u *UI, paths ...string) {
	uris := make([]fyne.URI, len(paths))
	for i, p := range paths {
		uris[i] = storage.NewFileURI(p)
	}
	onUI(func() { u.onDropped(fyne.NewPos(800, 400), uris) }) // right of Bigin's record list
	u.waitIdle()
}

func tap(u *UI, b *widget.Button) {
	if b.Disabled() || !b.Visible() {
		panic("tapping a hidden or disabled button: " + b.Text)
	}
	onUI(func() { test.Tap(b) })
	u.waitIdle()
}

func selectTab(u *UI, i int) {
	onUI(func() { u.tabs.SelectIndex(i) })
	u.waitIdle()
}

func uploads(sb *sandbox.Server, method, path string) int { return sb.Requests()[method+" "+path] }

func TestCRMShowsLogoAndReplacesIt(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel

	if got := u.crm.org.Text; !strings.Contains(got, "Zylker Inc.") {
		t.Fatalf("organization label = %q", got)
	}
	if p.current.shown() == nil {
		t.Fatalf("the current logo is not shown (hint %q, problem %q)", p.current.hint.Text, p.problem.text())
	}
	if !strings.Contains(u.crm.bar.status.Text, "LOGODESK_ZOHO_TOKEN") {
		t.Errorf("sign-in bar = %q, want the fixed-token note", u.crm.bar.status.Text)
	}
	before, err := crmPhoto(e.Session)
	if err != nil {
		t.Fatal(err)
	}

	// A 1.4 MB PNG is over Zoho CRM's 1 MB: the fitter must change it and say so.
	big := writeTemp(t, "big.png", sessiontest.NoisyPNG(800, 600, 1))
	drop(u, big)
	if p.candidate.shown() == nil || !p.candidateBox.Visible() {
		t.Fatalf("no candidate after the drop; problem %q status %q", p.problem.text(), p.status.Text)
	}
	if p.current.shown() == nil {
		t.Fatal("the current logo disappeared when the candidate appeared (before/after)")
	}
	if !p.explain.Visible() || !strings.Contains(p.explain.Text, "1 MB") {
		t.Errorf("fitting sentence = %q, want it to mention the 1 MB limit", p.explain.Text)
	}
	if p.replaceB.Text != "Replace Zylker Inc.\u2019s logo" || p.replaceB.Disabled() {
		t.Fatalf("replace button %q disabled=%v", p.replaceB.Text, p.replaceB.Disabled())
	}
	if n := uploads(e.Sandbox, "POST", "/zoho/crm/v8/org/photo"); n != 0 {
		t.Fatalf("%d uploads before pressing Replace", n)
	}
	fitted := append([]byte(nil), p.fitted.Bytes...)

	tap(u, p.replaceB)
	if p.problem.text() != "" {
		t.Fatalf("replace failed: %s", p.problem.text())
	}
	if !strings.Contains(p.status.Text, "the new logo is in Zoho CRM") {
		t.Errorf("confirmation = %q", p.status.Text)
	}
	if p.candidateBox.Visible() || p.replaceB.Visible() {
		t.Error("the candidate is still offered after replacing")
	}
	if p.current.shown() == nil {
		t.Fatal("no current logo after replacing")
	}
	after, err := crmPhoto(e.Session)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, fitted) {
		t.Fatal("Zoho CRM does not hold the fitted picture")
	}
	// Nothing lost: the old logo is in the backups and listed with Restore.
	if len(p.entries) != 1 {
		t.Fatalf("backups listed = %d, want 1", len(p.entries))
	}
	if old, _ := u.backups.Read(p.entries[0]); !bytes.Equal(old, before) {
		t.Fatal("the backup is not the previous logo")
	}

	// Restore puts the old logo in the New slot first; nothing is sent yet.
	tap(u, restoreButton(t, p, 0))
	if p.problem.text() != "" {
		t.Fatalf("restore failed: %s", p.problem.text())
	}
	if p.fitted == nil || !bytes.Equal(p.fitted.Bytes, before) || p.candidate.shown() == nil {
		t.Fatal("Restore did not put the previous logo in the New slot")
	}
	if n := uploads(e.Sandbox, "POST", "/zoho/crm/v8/org/photo"); n != 1 {
		t.Fatalf("Restore uploaded at once (%d uploads)", n)
	}
	// Replace sends it back (and backs up the one it replaces).
	tap(u, p.replaceB)
	if now, _ := crmPhoto(e.Session); !bytes.Equal(now, before) {
		t.Fatal("Replace after Restore did not put the previous logo back")
	}
	if !strings.Contains(p.status.Text, "Done") || len(p.entries) != 2 {
		t.Fatalf("after restore: status %q, %d backups", p.status.Text, len(p.entries))
	}
}

func crmPhoto(s *session.Session) ([]byte, error) {
	c, err := s.CRM()
	if err != nil {
		return nil, err
	}
	ph, err := c.Photo(context.Background())
	return ph.Bytes, err
}

func restoreButton(t *testing.T, p *photoPanel, i int) *widget.Button {
	t.Helper()
	if i >= len(p.history.Objects) {
		t.Fatalf("history has %d rows", len(p.history.Objects))
	}
	row, ok := p.history.Objects[i].(*fyne.Container)
	if !ok {
		t.Fatalf("history row %d is not a row", i)
	}
	if b, ok := row.Objects[len(row.Objects)-1].(*focusButton); ok {
		return &b.Button
	}
	return row.Objects[len(row.Objects)-1].(*widget.Button)
}

func TestBadInputIsRefusedInOneSentence(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	good := writeTemp(t, "good.png", sessiontest.PNG(64, 64))
	png := sessiontest.PNG(300, 200)
	cases := []struct {
		name  string
		paths []string
		want  string
	}{
		{"two files", []string{good, writeTemp(t, "b.png", png)}, "You dropped 2 files"},
		{"a folder", []string{t.TempDir()}, "folder"},
		{"not an image", []string{writeTemp(t, "notes.png", []byte("%PDF-1.4 this is really a PDF\n"))}, ""},
		{"damaged", []string{writeTemp(t, "cut.png", png[:len(png)/2])}, ""},
		{"empty", []string{writeTemp(t, "empty.jpg", nil)}, ""},
	}
	for _, c := range cases {
		drop(u, c.paths...)
		msg := p.problem.text()
		if msg == "" {
			t.Errorf("%s: no message", c.name)
			continue
		}
		if c.want != "" && !strings.Contains(msg, c.want) {
			t.Errorf("%s: message %q, want it to contain %q", c.name, msg, c.want)
		}
		if strings.Count(strings.TrimSuffix(msg, "."), ". ") > 1 || strings.ContainsAny(msg, "{}") {
			t.Errorf("%s: not one plain sentence: %q", c.name, msg)
		}
		if p.fitted != nil || p.replaceB.Visible() {
			t.Errorf("%s: a candidate is offered", c.name)
		}
		t.Logf("%s: %s", c.name, msg)
	}
	if n := uploads(e.Sandbox, "POST", "/zoho/crm/v8/org/photo"); n != 0 {
		t.Fatalf("%d uploads for bad input", n)
	}
	// A good file afterwards clears the message.
	drop(u, good)
	if p.problem.text() != "" || p.fitted == nil {
		t.Fatalf("good file after bad ones: problem %q", p.problem.text())
	}
}

func TestServiceErrorIsShownInPlainWords(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	// The viewer may read but every write is refused with 403 NO_PERMISSION.
	viewer := e.Issue(tokens.Zoho, sandbox.ZohoViewerID, "ZohoCRM.org.ALL")
	u := newTestUI(t, e.WithToken(viewer))
	p := u.crm.panel
	if p.current.shown() == nil {
		t.Fatalf("viewer can't see the logo: %q", p.problem.text())
	}
	drop(u, writeTemp(t, "new.png", sessiontest.PNG(120, 80)))
	if p.fitted == nil {
		t.Fatalf("no candidate: %q", p.problem.text())
	}
	tap(u, p.replaceB)
	msg := p.problem.text()
	if !strings.Contains(msg, "isn't allowed") || !strings.Contains(msg, "administrator") {
		t.Fatalf("message = %q, want the plain permission sentence with the next step", msg)
	}
	if strings.ContainsAny(msg, "{}") || strings.Contains(msg, viewer) {
		t.Fatalf("message leaks a body or token: %q", msg)
	}
	if !p.problem.fold.Visible() || !strings.Contains(p.problem.detail.Text, "NO_PERMISSION") || !strings.Contains(p.problem.detail.Text, "403") {
		t.Fatalf("Details = %q (visible %v)", p.problem.detail.Text, p.problem.fold.Visible())
	}
	if p.problem.fold.Items[0].Open {
		t.Error("Details should start folded")
	}
	if p.fitted == nil || !p.replaceB.Visible() {
		t.Error("the candidate should stay after a failed upload, so the user can retry")
	}
	// The backup was taken before the refused upload: nothing lost, and nothing changed.
	if before, _ := crmPhoto(e.Session); before == nil {
		t.Fatal("the logo vanished")
	}

	// A server that keeps failing: plain words, not a status dump.
	e2 := sessiontest.Start(t, sandbox.Options{})
	e2.Sandbox.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/zoho/crm/v8/org/photo", Kind: sandbox.ServerError, Times: 50})
	u2 := newTestUI(t, e2.Session)
	if msg := u2.crm.panel.problem.text(); !strings.Contains(msg, "Zoho CRM") || strings.Contains(msg, "500") {
		t.Fatalf("server error message = %q", msg)
	}
}

func TestChooseFileOpensFyneDialog(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("an overlay is open already")
	}
	tap(u, u.crm.panel.chooseB)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Choose file… opened no dialog")
	}
}

func TestWindowRemembersTabAndSize(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	if u.win.Title() != "LogoDesk — Sandbox" { // sessiontest points the session at a sandbox
		t.Errorf("title %q", u.win.Title())
	}
	selectTab(u, 3)
	if got := u.app.Preferences().Int(prefTab); got != 3 {
		t.Fatalf("saved tab = %d", got)
	}
	onUI(func() {
		u.win.Resize(fyne.NewSize(1111, 777))
		u.onClosed()
	})
	if w := u.app.Preferences().Float(prefWidth); w != 1111 {
		t.Fatalf("saved width = %v", w)
	}
	// A new window on the same preferences opens on that tab.
	var u2 *UI
	onUI(func() { u2 = newUI(u.app, u.env, testDo) })
	u2.waitIdle()
	t.Cleanup(u2.waitIdle)
	if u2.tabs.SelectedIndex() != 3 {
		t.Fatalf("reopened on tab %d", u2.tabs.SelectedIndex())
	}
	// Drops go to the visible tab: Zoom here.
	drop(u2, writeTemp(t, "me.png", sessiontest.PNG(200, 200)))
	if u2.zoom.panel.fitted == nil || u2.crm.panel.fitted != nil {
		t.Fatal("the drop did not go to the visible (Zoom) tab")
	}
}

// A drop while an upload is under way only says so: the upload keeps its busy
// state, its disabled buttons and its candidate, so nothing can start twice.
func TestDropWhileUploadingKeepsTheUploadGoing(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	p := u.crm.panel
	drop(u, writeTemp(t, "logo.png", sessiontest.PNG(200, 100)))
	if p.fitted == nil {
		t.Fatalf("no candidate: %q", p.problem.text())
	}
	e.Sandbox.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoho/crm/v8/org/photo", Kind: sandbox.Latency, Delay: 1500 * time.Millisecond})
	onUI(func() { test.Tap(p.replaceB) }) // the upload now waits in the sandbox
	other := writeTemp(t, "other.png", sessiontest.PNG(50, 50))
	onUI(func() { p.dropped([]fyne.URI{storage.NewFileURI(other)}) })
	var busy, deleteOff, hasCandidate bool
	var status string
	onUI(func() {
		busy, deleteOff, hasCandidate, status = p.busy, p.deleteB.Disabled(), p.fitted != nil, p.status.Text
	})
	if !busy || !deleteOff || !hasCandidate || !strings.Contains(status, "still busy") {
		t.Fatalf("after a drop during the upload: busy=%v deleteDisabled=%v candidate=%v status=%q", busy, deleteOff, hasCandidate, status)
	}
	u.waitIdle()
	if !strings.Contains(p.status.Text, "the new logo is in Zoho CRM") || uploads(e.Sandbox, "POST", "/zoho/crm/v8/org/photo") != 1 {
		t.Fatalf("after the upload: %q, %d uploads", p.status.Text, uploads(e.Sandbox, "POST", "/zoho/crm/v8/org/photo"))
	}
}
