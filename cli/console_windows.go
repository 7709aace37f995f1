//go:build windows

package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS ((DWORD)-1) for AttachConsole.
const attachParentProcess = ^uint32(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// AttachParentConsole lets the command line print in the terminal it was typed in.
// LogoDesk.exe is a GUI-subsystem program (so double-clicking it opens no black
// console window), and Windows starts such a program with no standard output at
// all: without this, `LogoDesk.exe crm org` would print nothing. Call it before
// OSEnv when LogoDesk is given a subcommand.
//
// Streams that are already usable (redirected to a file or a pipe:
// `LogoDesk.exe crm org > org.txt`, a script capturing output) are kept as they
// are. Standard input is left alone on purpose: the parent shell keeps reading
// the console, so LogoDesk treats its input as "not a terminal" and never prompts.
func AttachParentConsole() {
	fixed := consoleStreams(windows.GetStdHandle, handleUsable, attachConsole, openConsoleOutput)
	for _, s := range fixed {
		_ = windows.SetStdHandle(s.std, s.handle) // for child processes and the C runtime
		f := os.NewFile(uintptr(s.handle), s.name)
		switch s.std {
		case windows.STD_OUTPUT_HANDLE:
			os.Stdout = f
		case windows.STD_ERROR_HANDLE:
			os.Stderr = f
		}
	}
}

// reopened is one standard stream that now writes to the parent's console.
type reopened struct {
	std    uint32
	name   string
	handle windows.Handle
}

// consoleStreams decides, with the Windows calls passed in (so tests can stand
// in for them), which of stdout and stderr must be re-opened on the parent's
// console. It attaches only when one of them is unusable, and returns nothing
// when there is no parent console (started from Explorer or a shortcut).
func consoleStreams(
	getStd func(uint32) (windows.Handle, error),
	usable func(windows.Handle) bool,
	attach func() error,
	openOut func() (windows.Handle, error),
) []reopened {
	var missing []reopened
	for _, s := range []reopened{
		{std: windows.STD_OUTPUT_HANDLE, name: "/dev/stdout"},
		{std: windows.STD_ERROR_HANDLE, name: "/dev/stderr"},
	} {
		h, err := getStd(s.std)
		if err != nil || !usable(h) {
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if attach() != nil {
		return nil
	}
	out, err := openOut()
	if err != nil {
		return nil
	}
	for i := range missing {
		missing[i].handle = out
	}
	return missing
}

// handleUsable reports whether h is an open file, pipe or console. A GUI program
// started from a terminal gets 0 (or INVALID_HANDLE_VALUE) for its streams.
func handleUsable(h windows.Handle) bool {
	if h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}

func attachConsole() error {
	if r, _, err := procAttachConsole.Call(uintptr(attachParentProcess)); r == 0 {
		return err
	}
	return nil
}

// openConsoleOutput opens the attached console's screen buffer for writing.
func openConsoleOutput() (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString("CONOUT$")
	if err != nil {
		return 0, err
	}
	return windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_EXISTING, 0, 0)
}
