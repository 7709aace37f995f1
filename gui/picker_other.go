//go:build !linux

package gui

import (
	"errors"
	"fmt"

	sqdialog "github.com/sqweek/dialog"
)

// nativeLoad shows the Windows or macOS file picker (github.com/sqweek/dialog).
func nativeLoad() (path string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("native file dialog unavailable: %v", r)
		}
	}()
	path, err = sqdialog.File().Title("Choose an image").
		Filter("Images", "png", "jpg", "jpeg", "gif", "bmp", "webp", "heic", "heif").
		Filter("All files", "*").Load()
	if errors.Is(err, sqdialog.ErrCancelled) {
		return "", errPickerCancelled
	}
	return path, err
}
