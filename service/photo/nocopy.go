package photo

import "errors"

// ErrNoCopy is wrapped by Replace, Delete and Restore when the current picture
// couldn't be downloaded to keep a copy of it, so nothing was changed.
var ErrNoCopy = errors.New("LogoDesk couldn't keep a copy of the current picture, so nothing was changed")
