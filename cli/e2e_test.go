package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"logodesk/service/sandbox/tokens"
	"logodesk/session/sessiontest"
)

// binary builds logodesk once for the package's tests.
var binary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "logodesk-e2e")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "logodesk")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	cmd.Stderr = os.Stderr
	return bin, cmd.Run()
})

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

type e2e struct {
	t    *testing.T
	bin  string
	root string
	env  []string
	home string
}

// startSandbox runs `logodesk sandbox` and returns the environment it prints.
func startSandbox(t *testing.T) *e2e {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin, err := binary()
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	home := t.TempDir()
	cmd := exec.Command(bin, "sandbox", "--addr", freeAddr(t))
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	e := &e2e{t: t, bin: bin, home: home}
	sc := bufio.NewScanner(out)
	deadline := time.After(20 * time.Second)
	lines := make(chan string)
	go func() {
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for !strings.Contains(strings.Join(e.env, " "), "LOGODESK_ZOOM_TOKEN") {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("sandbox exited early")
			}
			if strings.HasPrefix(l, "LogoDesk sandbox running at ") {
				e.root = strings.Fields(strings.TrimPrefix(l, "LogoDesk sandbox running at "))[0]
			}
			if v, ok := strings.CutPrefix(strings.TrimSpace(l), "export "); ok {
				e.env = append(e.env, strings.Fields(v)...)
			}
		case <-deadline:
			t.Fatal("sandbox did not print its address")
		}
	}
	go func() {
		for range lines {
		}
	}()
	return e
}

// run runs a logodesk command with the sandbox environment.
func (e *e2e) run(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	cmd := exec.Command(e.bin, args...)
	cmd.Env = append(os.Environ(), append(e.env, "HOME="+e.home, "XDG_CONFIG_HOME="+filepath.Join(e.home, ".config"),
		"LOGODESK_BACKUP_DIR="+filepath.Join(e.home, "backups"))...)
	var o, er bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &er
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		e.t.Fatal(err)
	}
	if strings.Contains(o.String()+er.String(), tokens.DemoToken) && args[0] != "sandbox" {
		e.t.Errorf("%v printed the token", args)
	}
	return o.String(), er.String(), code
}

// ok runs a command that must succeed and returns its output.
func (e *e2e) ok(args ...string) string {
	e.t.Helper()
	out, errOut, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("%v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
	}
	return out
}

// fails runs a command that must fail with a plain message on stderr.
func (e *e2e) fails(wantCode int, wantInStderr string, args ...string) {
	e.t.Helper()
	out, errOut, code := e.run(args...)
	if code != wantCode || !strings.Contains(errOut, wantInStderr) {
		e.t.Fatalf("%v: exit %d, stderr %q; want exit %d and %q (stdout %q)", args, code, errOut, wantCode, wantInStderr, out)
	}
	if strings.ContainsAny(errOut, "{}") || strings.Contains(errOut, "goroutine") {
		e.t.Errorf("%v: stderr is not plain language: %q", args, errOut)
	}
}

func (e *e2e) file(name string, data []byte) string {
	p := filepath.Join(e.t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		e.t.Fatal(err)
	}
	return p
}

func read(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBinaryCRM(t *testing.T) {
	e := startSandbox(t)
	if out := e.ok("crm", "org"); !strings.Contains(out, "Zylker") || !strings.Contains(out, "logo set") {
		t.Errorf("crm org: %q", out)
	}
	dir := t.TempDir()
	e.ok("crm", "get-logo", "-o", filepath.Join(dir, "before.png"))
	if len(read(t, filepath.Join(dir, "before.png"))) == 0 {
		t.Fatal("demo logo empty")
	}

	logo := e.file("logo.png", sessiontest.PNG(400, 300))
	out := e.ok("crm", "set-logo", logo)
	if !strings.Contains(out, "Uploaded") || !strings.Contains(strings.ToLower(out), "fits") {
		t.Errorf("set-logo output: %q", out)
	}
	e.ok("crm", "get-logo", "-o", filepath.Join(dir, "after.png"))
	if !bytes.Equal(read(t, filepath.Join(dir, "after.png")), read(t, logo)) {
		t.Error("the logo read back differs from the one uploaded")
	}
	// The replaced logo was kept, apart from real accounts' copies (the sandbox prints LOGODESK_SANDBOX=1).
	backups, _ := filepath.Glob(filepath.Join(e.home, "backups", "accounts", "sandbox_org-*", "zoho-crm_org", "*"))
	if len(backups) == 0 {
		t.Error("no backup of the replaced logo in the sandbox's own folder")
	}

	e.ok("crm", "delete-logo")
	if out := e.ok("crm", "get-logo", "-o", filepath.Join(dir, "none.png")); !strings.Contains(out, "No photo") {
		t.Errorf("after delete: %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.png")); err == nil {
		t.Error("a file was written although there is no photo")
	}
	if out := e.ok("crm", "org"); !strings.Contains(out, "no logo") {
		t.Errorf("crm org after delete: %q", out)
	}

	// A photo too large for Zoho CRM is fitted before it is sent.
	big := e.file("big.png", sessiontest.NoisyPNG(1200, 900, 7))
	if out := e.ok("crm", "set-logo", big); !strings.Contains(out, "1 MB") {
		t.Errorf("fitting not explained: %q", out)
	}
	e.fails(1, "not an image", "crm", "set-logo", e.file("fake.png", []byte("%PDF-1.7 this is a PDF")))
	e.fails(1, "empty", "crm", "set-logo", e.file("empty.png", nil))
	e.fails(1, "folder", "crm", "set-logo", t.TempDir())
	e.fails(2, "one image file", "crm", "set-logo")
	e.fails(2, "unknown command", "crm", "set-photo", logo)
}

func TestBinaryRetriesAndFaults(t *testing.T) {
	e := startSandbox(t)
	fault := `{"path_prefix":"/zoho/crm/v8/org","kind":"server_error","times":2}`
	resp, err := http.Post(e.root+"/_sandbox/faults", "application/json", strings.NewReader(fault))
	if err != nil || resp.StatusCode >= 300 {
		t.Fatalf("inject fault: %v %v", resp, err)
	}
	resp.Body.Close()
	e.ok("crm", "org")
	resp, err = http.Get(e.root + "/_sandbox/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var counts map[string]int
	_ = json.NewDecoder(resp.Body).Decode(&counts)
	if counts["GET /zoho/crm/v8/org"] != 3 {
		t.Errorf("requests = %v, want 3 GETs of the org (2 failures retried)", counts)
	}
}

func TestBinaryBiginContractsZoom(t *testing.T) {
	e := startSandbox(t)
	out := e.ok("bigin", "records", "--module", "Contacts")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 {
		t.Fatalf("contacts: %q", out)
	}
	id := strings.Split(lines[0], "\t")[0]
	name := strings.Split(lines[0], "\t")[1]
	if out := e.ok("bigin", "records", "--module", "contacts", "--search", strings.Fields(name)[0]); !strings.Contains(out, id) {
		t.Errorf("search for %q: %q", name, out)
	}
	e.ok("bigin", "records", "--module", "Companies")
	pic := e.file("p.jpg", sessiontest.JPEG(200, 200))
	e.ok("bigin", "set-photo", "--module", "Contacts", "--id", id, pic)
	got := filepath.Join(t.TempDir(), "got.jpg")
	e.ok("bigin", "get-photo", "--module", "Contacts", "--id", id, "-o", got)
	if !bytes.Equal(read(t, got), read(t, pic)) {
		t.Error("Bigin photo differs after a round trip")
	}
	e.ok("bigin", "delete-photo", "--module", "Contacts", "--id", id)
	if out := e.ok("bigin", "get-photo", "--module", "Contacts", "--id", id, "-o", got+"2"); !strings.Contains(out, "No photo") {
		t.Errorf("after delete: %q", out)
	}
	e.fails(1, "no record with that ID", "bigin", "get-photo", "--module", "Contacts", "--id", "123", "-o", got)
	e.fails(2, "--module must be", "bigin", "records", "--module", "Deals")

	out = e.ok("contracts", "get-org")
	var apiName string
	for _, l := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(l, "API name:"); ok {
			apiName = strings.TrimSpace(v)
		}
	}
	if apiName == "" {
		t.Fatalf("contracts get-org: %q", out)
	}
	e.ok("contracts", "set-org", "--org", apiName, "--city", "Lisbon", "--country", "PT")
	if out := e.ok("contracts", "get-org"); !strings.Contains(out, "Lisbon") || !strings.Contains(out, "PT") {
		t.Errorf("after set-org: %q", out)
	}
	e.fails(1, "two-letter code", "contracts", "set-org", "--org", apiName, "--country", "Portugal")

	if out := e.ok("zoom", "user"); !strings.Contains(out, "@") {
		t.Errorf("zoom user: %q", out)
	}
	e.ok("zoom", "users")
	zpic := e.file("z.png", sessiontest.PNG(300, 300))
	e.ok("zoom", "set-picture", "--user", "me", zpic)
	zgot := filepath.Join(t.TempDir(), "z.png")
	e.ok("zoom", "get-picture", "--user", "me", "-o", zgot)
	if !bytes.Equal(read(t, zgot), read(t, zpic)) {
		t.Error("Zoom picture differs after a round trip")
	}
	e.ok("zoom", "delete-picture", "--user", "me")
	e.fails(1, "no user with that ID", "zoom", "user", "--user", "ghost@zylker.example")
}

// without drops the environment variables whose names start with prefix.
func (e *e2e) without(prefix string) {
	var env []string
	for _, kv := range e.env {
		if !strings.HasPrefix(kv, prefix) {
			env = append(env, kv)
		}
	}
	e.env = env
}

func TestBinaryWithoutSignIn(t *testing.T) {
	e := startSandbox(t)
	e.without("LOGODESK_ZOHO_TOKEN=")
	e.without("LOGODESK_ZOOM_TOKEN=")
	e.fails(1, "not signed in to Zoho", "crm", "org")
	e.fails(1, "not signed in to Zoom", "zoom", "user")
	// LOGODESK_TOKEN is the older name of the Zoho token: Zoho takes it, Zoom never gets it.
	e.env = append(e.env, "LOGODESK_TOKEN="+tokens.DemoToken)
	e.ok("crm", "org")
	e.fails(1, "not signed in to Zoom", "zoom", "user")
}

// history lists kept copies newest first; restore N puts copy N back, keeping what was there.
func TestBinaryHistoryAndRestore(t *testing.T) {
	e := startSandbox(t)
	dir := t.TempDir()
	original := filepath.Join(dir, "original.png")
	e.ok("crm", "get-logo", "-o", original)
	if out := e.ok("crm", "history"); !strings.Contains(out, "No copies") {
		t.Fatalf("history before any change: %q", out)
	}
	a := e.file("a.png", sessiontest.PNG(300, 200))
	b := e.file("b.png", sessiontest.PNG(320, 200))
	e.ok("crm", "set-logo", a)
	e.ok("crm", "set-logo", b)
	out := e.ok("crm", "history")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "1\t") || !strings.HasPrefix(lines[1], "2\t") || !strings.Contains(out, "PNG") {
		t.Fatalf("history = %q, want two numbered lines", out)
	}
	// Copy 2 is the original logo (copy 1 is a.png, replaced by b.png).
	if out := e.ok("crm", "restore", "2"); !strings.Contains(out, "Restored") {
		t.Fatalf("restore 2: %q", out)
	}
	now := filepath.Join(dir, "now.png")
	e.ok("crm", "get-logo", "-o", now)
	if !bytes.Equal(read(t, now), read(t, original)) {
		t.Fatal("restore 2 did not put the original logo back")
	}
	// b.png was kept before the restore: it is copy 1 now, and restore (default 1) brings it back.
	e.ok("crm", "restore")
	e.ok("crm", "get-logo", "-o", now)
	if !bytes.Equal(read(t, now), read(t, b)) {
		t.Fatal("restore (1) did not put back the logo the last restore replaced")
	}
	e.fails(1, "only 4 kept copies", "crm", "restore", "9")
	e.fails(2, "N is the number", "crm", "restore", "zero")

	// Zoom and Bigin have the same commands.
	e.ok("zoom", "set-picture", "--user", "me", e.file("z.png", sessiontest.PNG(300, 300)))
	if out := e.ok("zoom", "history", "--user", "me"); !strings.HasPrefix(out, "1\t") {
		t.Errorf("zoom history: %q", out)
	}
	e.ok("zoom", "restore", "--user", "me")
	recs := strings.Split(e.ok("bigin", "records", "--module", "Contacts"), "\n")
	id := strings.Split(recs[0], "\t")[0]
	e.ok("bigin", "set-photo", "--module", "Contacts", "--id", id, e.file("c.jpg", sessiontest.JPEG(200, 200)))
	e.ok("bigin", "history", "--module", "Contacts", "--id", id)
}

// When the current picture can't be downloaded, nothing is changed unless --no-backup says so.
func TestBinaryNoCopyStops(t *testing.T) {
	e := startSandbox(t)
	e.ok("zoom", "set-picture", "--user", "me", e.file("first.png", sessiontest.PNG(300, 300)))
	dir := t.TempDir()
	before := filepath.Join(dir, "before.png")
	e.ok("zoom", "get-picture", "--user", "me", "-o", before)
	fault := `{"path_prefix":"/zoom-cdn/","kind":"drop","times":100}`
	resp, err := http.Post(e.root+"/_sandbox/faults", "application/json", strings.NewReader(fault))
	if err != nil || resp.StatusCode >= 300 {
		t.Fatalf("inject fault: %v %v", resp, err)
	}
	resp.Body.Close()
	next := e.file("next.png", sessiontest.PNG(310, 310))
	e.fails(1, "couldn't keep a copy", "zoom", "set-picture", "--user", "me", next)
	_, errOut, _ := e.run("zoom", "set-picture", "--user", "me", next)
	if !strings.Contains(errOut, "--no-backup") {
		t.Errorf("the way out isn't named: %q", errOut)
	}
	e.fails(1, "couldn't keep a copy", "zoom", "delete-picture", "--user", "me")
	if out := e.ok("zoom", "user"); !strings.Contains(out, "has a picture") {
		t.Fatal("the picture changed although no copy could be kept")
	}
	e.ok("zoom", "set-picture", "--user", "me", "--no-backup", next)
}
