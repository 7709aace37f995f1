//go:build windows

package cli

import (
	"errors"
	"os"
	"testing"

	"golang.org/x/sys/windows"
)

// A real Windows console cannot be driven from a test (and Wine always hands a
// GUI program its standard output), so these test the decision and the handle
// check with real handles, and the whole call with streams redirected to a pipe.

func TestConsoleStreamsKeepsRedirectedStreams(t *testing.T) {
	attached := false
	got := consoleStreams(
		func(uint32) (windows.Handle, error) { return 7, nil },
		func(windows.Handle) bool { return true },
		func() error { attached = true; return nil },
		func() (windows.Handle, error) { t.Fatal("CONOUT$ opened"); return 0, nil },
	)
	if got != nil || attached {
		t.Fatalf("usable streams: reopened %v, attached %v; want them kept", got, attached)
	}
}

func TestConsoleStreamsReopensOnlyMissingStreams(t *testing.T) {
	// stdout redirected to a file, stderr absent (as for `LogoDesk.exe crm org > org.txt`).
	got := consoleStreams(
		func(std uint32) (windows.Handle, error) {
			if std == windows.STD_OUTPUT_HANDLE {
				return 7, nil
			}
			return 0, nil
		},
		func(h windows.Handle) bool { return h == 7 },
		func() error { return nil },
		func() (windows.Handle, error) { return 42, nil },
	)
	if len(got) != 1 || got[0].std != windows.STD_ERROR_HANDLE || got[0].handle != 42 {
		t.Fatalf("reopened %+v; want only stderr on the console handle", got)
	}
	// Neither stream usable: both go to the console.
	got = consoleStreams(
		func(uint32) (windows.Handle, error) { return 0, errors.New("no handle") },
		func(windows.Handle) bool { return false },
		func() error { return nil },
		func() (windows.Handle, error) { return 42, nil },
	)
	if len(got) != 2 || got[0].std != windows.STD_OUTPUT_HANDLE || got[1].std != windows.STD_ERROR_HANDLE {
		t.Fatalf("reopened %+v; want stdout and stderr", got)
	}
}

func TestConsoleStreamsWithoutParentConsole(t *testing.T) {
	// Started from Explorer or a shortcut: nothing to attach to, nothing reopened.
	got := consoleStreams(
		func(uint32) (windows.Handle, error) { return 0, nil },
		func(windows.Handle) bool { return false },
		func() error { return windows.ERROR_INVALID_HANDLE },
		func() (windows.Handle, error) { t.Fatal("CONOUT$ opened"); return 0, nil },
	)
	if got != nil {
		t.Fatalf("reopened %+v without a console", got)
	}
}

func TestHandleUsable(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	closed := windows.Handle(f.Fd())
	for _, c := range []struct {
		name string
		h    windows.Handle
		want bool
	}{
		{"no handle", 0, false},
		{"INVALID_HANDLE_VALUE", windows.InvalidHandle, false},
		{"pipe", windows.Handle(w.Fd()), true},
		{"file", windows.Handle(f.Fd()), true},
	} {
		if got := handleUsable(c.h); got != c.want {
			t.Errorf("%s: handleUsable = %v, want %v", c.name, got, c.want)
		}
	}
	f.Close()
	w.Close()
	if handleUsable(closed) {
		t.Errorf("a closed handle counts as usable")
	}
}

func TestAttachParentConsoleKeepsAPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	oldOut, oldErr := os.Stdout, os.Stderr
	hOut, _ := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE)
	hErr, _ := windows.GetStdHandle(windows.STD_ERROR_HANDLE)
	t.Cleanup(func() {
		os.Stdout, os.Stderr = oldOut, oldErr
		windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, hOut)
		windows.SetStdHandle(windows.STD_ERROR_HANDLE, hErr)
	})
	for _, std := range []uint32{windows.STD_OUTPUT_HANDLE, windows.STD_ERROR_HANDLE} {
		if err := windows.SetStdHandle(std, windows.Handle(w.Fd())); err != nil {
			t.Fatal(err)
		}
	}
	os.Stdout, os.Stderr = w, w
	AttachParentConsole()
	if os.Stdout != w || os.Stderr != w {
		t.Fatalf("AttachParentConsole replaced streams that were redirected to a pipe")
	}
}
