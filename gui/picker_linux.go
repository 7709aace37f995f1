//go:build linux

package gui

import (
	"errors"
	"net/url"

	"github.com/rymdport/portal/filechooser"
)

// nativeLoad shows the desktop's own file picker (GNOME's, KDE's, …) through the
// XDG desktop portal over D-Bus, as Flatpak apps and Fyne's own Flatpak builds do.
// On Linux, github.com/sqweek/dialog would load GTK into every LogoDesk process at
// start-up (its package init calls gtk_init_check), the command line included:
// measured, about 11 MB more memory in the window and GTK locale warnings on the
// command line. Without a portal (a bare X session, CI) this fails at once and
// the caller shows Fyne's own dialog.
func nativeLoad() (string, error) {
	uris, err := filechooser.OpenFile("", "Choose an image", &filechooser.OpenFileOptions{
		AcceptLabel: "Choose",
		Filters: []*filechooser.Filter{
			{Name: "Images", Rules: []filechooser.Rule{
				{Type: filechooser.MIMEType, Pattern: "image/*"},
			}},
			{Name: "All files", Rules: []filechooser.Rule{{Type: filechooser.GlobPattern, Pattern: "*"}}},
		},
	})
	if err != nil {
		return "", err
	}
	if len(uris) == 0 {
		return "", errPickerCancelled
	}
	u, err := url.Parse(uris[0])
	if err != nil || u.Scheme != "file" {
		return "", errors.New("the picker returned a file LogoDesk can't open")
	}
	return u.Path, nil
}
