package gui

import (
	"errors"
	"runtime"
)

// ErrNoDisplay is the sentence shown when the window has nowhere to open.
var ErrNoDisplay = errors.New("LogoDesk's window needs a desktop session; on a server use the command line (logodesk help), or run it under xvfb-run.")

// CheckDisplay reports ErrNoDisplay when there is no desktop session to open
// the window in (on Linux and the BSDs: neither DISPLAY nor WAYLAND_DISPLAY), so
// that main can say so instead of GLFW panicking with a stack trace.
func CheckDisplay(getenv func(string) string) error {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return nil
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return ErrNoDisplay
	}
	return nil
}
