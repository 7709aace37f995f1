//go:build !windows

package cli

// AttachParentConsole is needed on Windows only, where LogoDesk.exe is a GUI
// program that starts without standard output (see console_windows.go).
func AttachParentConsole() {}
