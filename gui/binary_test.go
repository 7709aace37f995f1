package gui

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// These tests run the built logodesk binary, as a person starts it.

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// logodeskBinary builds the command once per test run (in a folder removed at the end).
func logodeskBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "logodesk-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "logodesk")
		build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", builtBin, ".")
		build.Dir = ".."
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// bareEnv is a minimal environment: no display, no locale, a fresh home; extra adds to it.
func bareEnv(t *testing.T, extra ...string) []string {
	home := t.TempDir()
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(home, "no-bus")}
	return append(env, extra...)
}

// run runs the binary and returns its standard output, standard error and exit code.
func runBinary(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(logodeskBinary(t), args...)
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// Without a display the window does not start: one sentence and exit code 1,
// not a GLFW panic.
func TestNoDisplaySaysSoInOneSentence(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("DISPLAY and WAYLAND_DISPLAY are how Linux says there is a desktop")
	}
	for _, args := range [][]string{nil, {"--sandbox"}} {
		out, errOut, code := runBinary(t, bareEnv(t, "LANG=C.UTF-8"), args...)
		want := ErrNoDisplay.Error() + "\n"
		if code != 1 || errOut != want || out != "" {
			t.Errorf("logodesk %v with no display: exit %d\nstderr %q\nstdout %q\nwant exit 1 and stderr %q", args, code, errOut, out, want)
		}
	}
}

// Under C-like locales no command prints anything from Fyne: standard error is
// exactly what it prints under an ordinary locale.
func TestNoFyneNoiseUnderCLocales(t *testing.T) {
	commands := [][]string{{"help"}, {"crm", "org"}}
	for _, args := range commands {
		refOut, refErr, refCode := runBinary(t, bareEnv(t, "LANG=en_US.UTF-8"), args...)
		if strings.Contains(refErr+refOut, "Fyne") {
			t.Fatalf("logodesk %v prints Fyne's words even under en_US.UTF-8: %q", args, refErr)
		}
		for _, lang := range []string{"C", "C.UTF-8", "POSIX", "", "C.UTF-8 LANGUAGE=C"} {
			extra := []string{}
			if lang != "" {
				f := strings.Fields(lang)
				extra = append(extra, "LANG="+f[0])
				extra = append(extra, f[1:]...)
			}
			out, errOut, code := runBinary(t, bareEnv(t, extra...), args...)
			if errOut != refErr || out != refOut || code != refCode {
				t.Errorf("logodesk %v under LANG=%q: exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", args, lang, code, errOut, refCode, refErr)
			}
		}
	}
}
