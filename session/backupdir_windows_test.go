//go:build windows

package session

import (
	"path/filepath"
	"testing"
)

// On Windows the replaced pictures are kept in the roaming profile, beside the
// user's other application data: %APPDATA%\LogoDesk\backups.
func TestDefaultBackupDirIsUnderAppData(t *testing.T) {
	appData := `C:\Users\Zoë Admin\AppData\Roaming`
	t.Setenv("APPDATA", appData)
	got := DefaultBackupDir(func(string) string { return "" })
	if want := filepath.Join(appData, "LogoDesk", "backups"); got != want {
		t.Fatalf("DefaultBackupDir = %q, want %q", got, want)
	}
	// LOGODESK_BACKUP_DIR still wins.
	got = DefaultBackupDir(func(k string) string {
		if k == EnvBackupDir {
			return `D:\Shared backups`
		}
		return ""
	})
	if got != `D:\Shared backups` {
		t.Fatalf("with %s set, DefaultBackupDir = %q", EnvBackupDir, got)
	}
}
