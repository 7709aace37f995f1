package cli_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"logodesk/cli"
	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/session"
	"logodesk/session/sessiontest"
)

// runIn runs a command against env's sandbox with backups in dir.
func runIn(env *sessiontest.Env, token, dir string, args ...string) (stdout, stderr string, code int) {
	var o, e bytes.Buffer
	vars := map[string]string{session.EnvBackupDir: dir}
	code = cli.Run(args, cli.Env{Stdout: &o, Stderr: &e, Getenv: func(k string) string { return vars[k] },
		Open: func() (*session.Session, error) { return env.WithToken(token), nil }})
	return o.String(), e.String(), code
}

func TestZoomPicturesFrom(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{ZoomUsers: 30})
	backups := t.TempDir()
	photos := t.TempDir()
	for i := range 10 {
		if err := os.WriteFile(filepath.Join(photos, sandbox.GeneratedZoomUserEmail(i)+".jpg"), sessiontest.JPEG(60+i, 60), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	notes := filepath.Join(photos, strings.TrimSuffix(sandbox.GeneratedZoomUserEmail(10), "@zylker.example")+".png")
	os.WriteFile(notes, []byte("not a photo"), 0o600)
	run := func(args ...string) (string, string, int) {
		return runIn(env, tokens.DemoToken, backups, append([]string{"zoom", "pictures-from"}, args...)...)
	}
	posts := func() int {
		n := 0
		for k, v := range env.Sandbox.Requests() {
			if strings.HasPrefix(k, "POST ") {
				n += v
			}
		}
		return n
	}

	out, errOut, code := run(photos, "--dry-run")
	if code != 0 || !strings.Contains(out, "Dry run: pictures would change for 10 of 11 users; 1 file is not a usable picture.") ||
		!strings.Contains(out, "19 users have no file") || posts() != 0 {
		t.Fatalf("dry run: exit %d, %d uploads\n%s%s", code, posts(), out, errOut)
	}

	report := filepath.Join(t.TempDir(), "report.csv")
	out, errOut, code = run(photos, "--report", report, "--pace", "0")
	if code != 1 || !strings.Contains(out, "Pictures changed for 10 of 11 users; 1 failed.") || !strings.Contains(errOut, "1 of 11 users were not changed") ||
		!strings.Contains(out, "This file is text, not an image.") || posts() != 10 {
		t.Fatalf("run: exit %d, %d uploads\n%s%s", code, posts(), out, errOut)
	}
	f, err := os.Open(report)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(lines) != 1+11+19 {
		t.Fatalf("report: %d lines (%v)", len(lines), err)
	}

	// Every matched user succeeded (the text file is gone), nothing sent again: exit 0.
	os.Remove(notes)
	out, errOut, code = run(photos, "--pace", "0")
	if code != 0 || !strings.Contains(out, "Pictures changed for 0 of 10 users; 10 already had theirs.") || posts() != 10 {
		t.Fatalf("second run: exit %d, %d uploads\n%s%s", code, posts(), out, errOut)
	}

	out, errOut, code = run("--undo", "--pace", "0")
	if code != 0 || !strings.Contains(out, "Pictures put back for 10 of 10 users.") {
		t.Fatalf("undo: exit %d\n%s%s", code, out, errOut)
	}
	if _, errOut, code = run("--undo"); code != 1 || errOut != "There is no run of pictures from a folder to undo.\n" {
		t.Fatalf("second undo: exit %d %q", code, errOut)
	}

	member := env.Issue(tokens.Zoom, sandbox.ZoomMemberID, "user:read", "user:write")
	if _, errOut, code = runIn(env, member, backups, "zoom", "pictures-from", photos); code != 1 ||
		!strings.HasPrefix(errOut, "Only a Zoom account administrator can list the account's users.") {
		t.Fatalf("non-admin: exit %d %q", code, errOut)
	}
	if _, _, code = run(); code != 2 {
		t.Fatalf("no folder: exit %d, want 2", code)
	}
	if _, errOut, code = run(filepath.Join(photos, "missing")); code != 1 || !strings.Contains(errOut, "can't find the folder") {
		t.Fatalf("missing folder: exit %d %q", code, errOut)
	}
}
