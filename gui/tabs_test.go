package gui

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/bigin"
	"logodesk/service/sandbox"
	"logodesk/session"
	"logodesk/session/sessiontest"
)

func TestBiginSearchReplaceDelete(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 1)
	b := u.bigin
	if len(b.records) < 3 {
		t.Fatalf("contacts listed: %d (%q, problem %q)", len(b.records), b.count.Text, b.problem.text())
	}
	if b.selected.Text != b.records[0].Name || b.panel.target == nil {
		t.Fatalf("the first record is not selected: %q", b.selected.Text)
	}
	// No record picked (nothing matches): a drop says what to do, nothing is uploaded.
	onUI(func() {
		test.Type(b.search, "zzzz")
		b.search.OnSubmitted(b.search.Text)
	})
	u.waitIdle()
	if len(b.records) != 0 || !strings.Contains(b.count.Text, "No Contacts match") {
		t.Fatalf("search zzzz → %d records, %q", len(b.records), b.count.Text)
	}
	// The empty search says "No results", not "Pick a record on the left" with nothing there to pick.
	if h := b.panel.current.hint.Text; !strings.HasPrefix(h, "No results") {
		t.Fatalf("the picture's place after an empty search: %q", h)
	}
	drop(u, writeTemp(t, "p.png", sessiontest.PNG(100, 100)))
	if !strings.Contains(b.panel.problem.text(), "No results") {
		t.Fatalf("drop without a record: %q", b.panel.problem.text())
	}
	if n := uploads(e.Sandbox, "POST", "/zoho/bigin/v2/Contacts/"+sandbox.DemoContactWithPic+"/photo"); n != 0 {
		t.Fatalf("%d uploads", n)
	}

	onUI(func() {
		b.search.SetText("")
		test.Type(b.search, "Patricia")
		b.search.OnSubmitted(b.search.Text)
	})
	u.waitIdle()
	if len(b.records) != 1 || b.records[0].Name != "Patricia Boyle" {
		t.Fatalf("search Patricia → %+v (%q)", b.records, b.count.Text)
	}
	var found bool
	onUI(func() { found = b.selectRecord("Patricia Boyle") })
	if !found {
		t.Fatal("can't select Patricia Boyle")
	}
	u.waitIdle()
	p := b.panel
	if p.current.shown() == nil {
		t.Fatalf("Patricia's photo not shown: %q", p.problem.text())
	}
	// Replace her photo.
	drop(u, writeTemp(t, "face.png", sessiontest.PNG(300, 300)))
	if p.fitted == nil || p.replaceB.Text != "Replace Patricia Boyle\u2019s photo" {
		t.Fatalf("no candidate: %q", p.problem.text())
	}
	fitted := p.fitted.Bytes
	tap(u, p.replaceB)
	if p.problem.text() != "" || !strings.Contains(p.status.Text, "Bigin") {
		t.Fatalf("replace: problem %q status %q", p.problem.text(), p.status.Text)
	}
	c, _ := e.Session.Bigin()
	got, err := c.Photo(context.Background(), bigin.Contacts, sandbox.DemoContactWithPic)
	if err != nil || string(got.Bytes) != string(fitted) {
		t.Fatalf("Bigin does not hold the new photo (%v)", err)
	}

	// Delete asks first, naming whose photo goes and showing it; Cancel keeps
	// the photo, "Delete photo" deletes it (with a backup).
	if p.deleteB.Text != "Delete Patricia Boyle\u2019s photo\u2026" {
		t.Errorf("delete button %q", p.deleteB.Text)
	}
	tap(u, p.deleteB)
	confirm := u.win.Canvas().Overlays().Top()
	if confirm == nil {
		t.Fatal("Delete asked nothing")
	}
	var named, thumb bool
	onUI(func() {
		for _, o := range test.LaidOutObjects(confirm) {
			switch o := o.(type) {
			case *widget.Label:
				named = named || strings.Contains(o.Text, "Delete Patricia Boyle\u2019s photo?")
			case *canvas.Image:
				thumb = thumb || (o.Image != nil && o.Visible() && o.Size().Width >= 100)
			}
		}
	})
	if !named || !thumb {
		t.Errorf("the confirmation names the record: %v, shows the photo: %v", named, thumb)
	}
	tapDialogButton(t, u, "Cancel")
	if got, _ := c.Photo(context.Background(), bigin.Contacts, sandbox.DemoContactWithPic); !got.Present {
		t.Fatal("No deleted the photo")
	}
	tap(u, p.deleteB)
	tapDialogButton(t, u, "Delete photo")
	if got, _ := c.Photo(context.Background(), bigin.Contacts, sandbox.DemoContactWithPic); got.Present {
		t.Fatal("the photo is still there after Delete")
	}
	if p.current.shown() != nil || !strings.Contains(p.current.hint.Text, "No photo") {
		t.Fatalf("after delete the panel shows %q", p.current.hint.Text)
	}
	if len(p.entries) != 2 { // before replace, before delete
		t.Fatalf("backups = %d, want 2", len(p.entries))
	}

	// Another module, everything in it.
	onUI(func() {
		b.search.SetText("")
		b.module.SetSelected(bigin.Products.Label())
	})
	u.waitIdle()
	if len(b.records) == 0 || !strings.Contains(b.records[0].Name, "Zylker") {
		t.Fatalf("products: %+v", b.records)
	}
	// A company has a logo, shown whole; a person a photo, in a circle.
	onUI(func() { b.module.SetSelected(bigin.Companies.Label()) })
	u.waitIdle()
	if len(b.records) == 0 {
		t.Fatal("no companies listed")
	}
	if p.noun != "logo" || p.current.title.Text != "Current logo" || !strings.HasSuffix(p.deleteB.Text, "logo\u2026") || p.current.round {
		t.Fatalf("a company's picture: noun %q, title %q, delete %q, round %v", p.noun, p.current.title.Text, p.deleteB.Text, p.current.round)
	}
	onUI(func() { b.module.SetSelected(bigin.Contacts.Label()) })
	u.waitIdle()
	if p.noun != "photo" || !p.current.round {
		t.Fatalf("a contact's picture: noun %q, round %v", p.noun, p.current.round)
	}
}

// tapDialogButton taps the button labelled text in the topmost dialog.
func tapDialogButton(t *testing.T, u *UI, text string) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			u.waitIdle()
			return
		}
	}
	t.Fatalf("no %q button in the dialog", text)
}

func TestContractsValidateAndSave(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 2)
	ct := u.contracts
	entry := func(label string) *keyEntry {
		for _, f := range ct.fields {
			if f.label == label {
				return f.entry
			}
		}
		t.Fatalf("no field %s", label)
		return nil
	}
	if entry("Name").Text != "Zylker Inc." || entry("Country").Text != "US" {
		t.Fatalf("form not loaded: name %q country %q (problem %q)", entry("Name").Text, entry("Country").Text, ct.problem.text())
	}
	if !ct.saveB.Disabled() {
		t.Fatal("Save is enabled with nothing changed")
	}
	// Validated as you type.
	country := entry("Country")
	onUI(func() {
		country.SetText("")
		test.Type(country, "Germany")
	})
	if country.Validate() == nil || !ct.saveB.Disabled() {
		t.Fatal("'Germany' accepted as a country code")
	}
	onUI(func() {
		country.SetText("")
		test.Type(country, "DE")
	})
	if err := country.Validate(); err != nil || ct.saveB.Disabled() {
		t.Fatalf("'DE' refused: %v", err)
	}
	web := entry("Website")
	onUI(func() { web.SetText("not a url") })
	if web.Validate() == nil || !ct.saveB.Disabled() {
		t.Fatal("'not a url' accepted")
	}
	onUI(func() { web.SetText("https://zylker.example") })
	phone := entry("Phone")
	onUI(func() { phone.SetText("call me") })
	if phone.Validate() == nil || !ct.saveB.Disabled() {
		t.Fatal("'call me' accepted as a phone number")
	}
	onUI(func() { phone.SetText("+49 30 1234567") })

	// A failed save keeps the edits.
	e.Sandbox.InjectFault(sandbox.Fault{Method: "PUT", PathPrefix: "/contracts/", Kind: sandbox.ServerError, Times: 50})
	tap(u, ct.saveB)
	if ct.problem.text() == "" || !strings.Contains(ct.status.Text, "Not saved") {
		t.Fatalf("failed save: problem %q status %q", ct.problem.text(), ct.status.Text)
	}
	if country.Text != "DE" || phone.Text != "+49 30 1234567" {
		t.Fatal("edits lost after a failed save")
	}
	e.Sandbox.ClearFaults()
	tap(u, ct.saveB)
	if ct.problem.text() != "" || ct.status.Text != "Saved in Zoho Contracts." {
		t.Fatalf("save: problem %q status %q", ct.problem.text(), ct.status.Text)
	}
	c, _ := e.Session.Contracts()
	info, err := c.OrgInfo(context.Background())
	if err != nil || info.Country != "DE" || info.Phone != "+49 30 1234567" || info.Website != "https://zylker.example" {
		t.Fatalf("saved info = %+v, %v", info, err)
	}
	if !ct.saveB.Disabled() {
		t.Error("Save still enabled after saving")
	}
	// Dropping a picture on this tab explains where pictures go.
	drop(u, writeTemp(t, "x.png", sessiontest.PNG(10, 10)))
	if !strings.Contains(ct.status.Text, "Zoho CRM tab") {
		t.Fatalf("drop on Contracts: %q", ct.status.Text)
	}
}

func TestZoomMeAndUserSearch(t *testing.T) {
	e := sessiontest.Start(t, sandbox.Options{})
	u := newTestUI(t, e.Session)
	selectTab(u, 3)
	z := u.zoom
	if !strings.Contains(z.user.Text, "admin@zylker.example") {
		t.Fatalf("Me = %q (problem %q)", z.user.Text, z.problem.text())
	}
	if z.panel.current.shown() == nil {
		t.Fatalf("my picture is not shown: %q", z.panel.problem.text())
	}
	onUI(func() { test.Type(z.who, "noah@zylker.example") })
	tap(u, z.findB)
	if !strings.Contains(z.user.Text, "Noah") {
		t.Fatalf("search noah → %q (problem %q)", z.user.Text, z.problem.text())
	}
	if z.panel.current.shown() != nil || !strings.Contains(z.panel.current.hint.Text, "No picture") {
		t.Fatalf("Noah has no picture, panel shows %q", z.panel.current.hint.Text)
	}
	// Give Noah a picture: with none yet, the button says "Add".
	drop(u, writeTemp(t, "noah.png", sessiontest.PNG(256, 256)))
	if z.panel.fitted == nil {
		t.Fatalf("no candidate: %q", z.panel.problem.text())
	}
	if got := z.panel.replaceB.Text; got != "Add Noah Newcomer\u2019s picture" {
		t.Errorf("button %q for someone with no picture", got)
	}
	tap(u, z.panel.replaceB)
	if z.panel.current.shown() == nil || z.panel.problem.text() != "" {
		t.Fatalf("Noah's picture not shown after replace: %q", z.panel.problem.text())
	}
	// An unknown user: plain message, and nobody's picture is shown.
	onUI(func() { z.who.SetText("nobody@zylker.example") })
	tap(u, z.findB)
	if msg := z.problem.text(); !strings.Contains(msg, "no user") {
		t.Fatalf("unknown user: %q", msg)
	}
	if strings.Contains(z.user.Text, "Noah") || z.panel.target != nil {
		t.Fatalf("after a failed search the tab shows %q", z.user.Text)
	}
	tap(u, z.meB)
	if !strings.Contains(z.user.Text, "admin@zylker.example") {
		t.Fatalf("Me again = %q", z.user.Text)
	}
}

// fakeBrowser is what a person does in the browser on the sandbox's consent
// page: pick a user and press Allow; the redirect goes back to LogoDesk's
// loopback listener.
func fakeBrowser(t *testing.T, user string) func(string) error {
	return func(authURL string) error {
		go func() {
			form := url.Values{"decision": {"allow"}, "user": {user}}
			resp, err := http.PostForm(authURL, form)
			if err != nil {
				t.Errorf("browser: %v", err)
				return
			}
			resp.Body.Close()
		}()
		return nil
	}
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

func TestSignInThroughSandboxAndSignOut(t *testing.T) {
	env := map[string]string{session.EnvZohoPort: freePort(t)}
	sess, err := session.Open(session.Config{Sandbox: true, Getenv: func(k string) string { return env[k] },
		OpenBrowser: fakeBrowser(t, sandbox.ZohoAdminID), ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	u := newTestUI(t, sess)
	bar := u.crm.bar
	if !bar.signInB.Visible() || !strings.Contains(bar.status.Text, "Not signed in") {
		t.Fatalf("before sign-in: %q", bar.status.Text)
	}
	if u.crm.panel.problem.text() != "" || u.crm.problem.text() != "" {
		t.Fatalf("an error is shown before anyone signed in: %q %q", u.crm.panel.problem.text(), u.crm.problem.text())
	}
	tap(u, bar.signInB)
	if !strings.HasPrefix(bar.status.Text, "Signed in as Ava Admin") || !strings.Contains(bar.status.Text, "data centre") {
		t.Fatalf("after sign-in: %q", bar.status.Text)
	}
	// The shared Zoho sign-in shows in every Zoho tab, not in Zoom's.
	if u.bigin.bar.status.Text != bar.status.Text || u.zoom.bar.status.Text == bar.status.Text {
		t.Fatalf("bigin bar %q, zoom bar %q", u.bigin.bar.status.Text, u.zoom.bar.status.Text)
	}
	if u.crm.panel.current.shown() == nil || !strings.Contains(u.crm.org.Text, "Zylker") {
		t.Fatalf("after sign-in the logo is not shown: %q %q", u.crm.panel.problem.text(), u.crm.problem.text())
	}
	tap(u, bar.signOutB)
	if !strings.Contains(bar.status.Text, "Not signed in") || !bar.signInB.Visible() {
		t.Fatalf("after sign-out: %q", bar.status.Text)
	}
	if u.crm.panel.current.shown() != nil {
		t.Fatal("the logo is still shown after signing out")
	}
}

func TestSignInCancel(t *testing.T) {
	env := map[string]string{session.EnvZohoPort: freePort(t)}
	opened := make(chan string, 1)
	sess, err := session.Open(session.Config{Sandbox: true, Getenv: func(k string) string { return env[k] },
		OpenBrowser: func(u string) error { opened <- u; return nil }, ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	u := newTestUI(t, sess)
	bar := u.zoom.bar
	onUI(func() { test.Tap(bar.signInB) }) // SignIn now waits for the browser
	<-opened
	// The link reaches the bar through fyne.Do from the sign-in goroutine; the
	// browser opened after showURL, so it is there now.
	if !strings.Contains(bar.status.Text, "Waiting for your browser") || !bar.cancelB.Visible() || !bar.copyB.Visible() {
		t.Fatalf("while waiting: %q cancel=%v copy=%v", bar.status.Text, bar.cancelB.Visible(), bar.copyB.Visible())
	}
	// A spinner beside the words, not a bar sweeping across the sign-in bar.
	if !bar.spinner.Visible() {
		t.Error("no activity spinner while waiting for the browser")
	}
	onUI(func() { test.Tap(bar.copyB) })
	if got := u.app.Clipboard().Content(); !strings.Contains(got, "/accounts/zoom/oauth/authorize") {
		t.Fatalf("copied %q", got)
	}
	tap(u, bar.cancelB)
	if !bar.signInB.Visible() || bar.cancelB.Visible() || !strings.Contains(bar.status.Text, "Not signed in") {
		t.Fatalf("after cancel: %q", bar.status.Text)
	}
	if bar.spinner.Visible() {
		t.Error("the spinner still shows after the sign-in was cancelled")
	}
}
