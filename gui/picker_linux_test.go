//go:build linux

package gui

import (
	"errors"
	"testing"
	"time"
)

// Without a desktop portal (a bare X session, CI) the native picker must fail at
// once with an error that is not "cancelled", so the window shows Fyne's dialog.
func TestPortalPickerFailsFastWithoutADesktop(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+t.TempDir()+"/no-bus")
	start := time.Now()
	path, err := nativeLoad()
	if err == nil || errors.Is(err, errPickerCancelled) || path != "" {
		t.Fatalf("nativeLoad() = %q, %v; want a failure that sends the user to Fyne's dialog", path, err)
	}
	if d := time.Since(start); d > 15*time.Second { // D-Bus itself waits 25 s: this tells "at once" from that
		t.Errorf("took %v to give up", d)
	}
}

func TestPortalPickerWithoutSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	start := time.Now()
	if _, err := nativeLoad(); err == nil || errors.Is(err, errPickerCancelled) {
		t.Fatalf("err = %v, want a failure", err)
	}
	if d := time.Since(start); d > 15*time.Second { // D-Bus itself waits 25 s: this tells "at once" from that
		t.Errorf("took %v to give up", d)
	}
}
