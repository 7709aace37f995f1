// Package imagefit checks a picture file and fits it to one service's limits
// (limits.Limit): the smallest change that works, explained in one plain sentence.
//
// It has no GUI code: the GUI calls ReadFile, Check and Fit from a goroutine.
package imagefit

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders for image.Decode / image.DecodeConfig
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"logodesk/service/limits"
	"logodesk/service/svgraster"
	"os"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"
)

// MaxPixels is the largest image (width×height) LogoDesk opens; larger ones are
// refused from their header, before any pixel is decoded.
const MaxPixels = 100_000_000

// MaxFileBytes is the largest file ReadFile reads.
const MaxFileBytes = 200 << 20

// maxOpenPixels is MaxPixels, lowered by the fuzz tests to keep each run small.
var maxOpenPixels int64 = MaxPixels

// Info describes a readable image file.
type Info struct {
	Format string // "jpeg", "png", "gif", "bmp" or "webp"
	MIME   string // e.g. "image/jpeg"
	// Width and Height are as the picture is shown, i.e. after its EXIF orientation.
	Width, Height int
	Bytes         int // file size
	// Orientation is the EXIF orientation (1–8); 1 when the file has none.
	Orientation int
}

// Pixels is Width×Height.
func (i Info) Pixels() int64 { return int64(i.Width) * int64(i.Height) }

// Problem is a file that can't be used. Reason is one plain sentence for the user.
type Problem struct {
	Reason string
}

func (p *Problem) Error() string { return p.Reason }

func problem(format string, args ...any) *Problem {
	return &Problem{Reason: fmt.Sprintf(format, args...)}
}

var (
	errEmpty   = &Problem{Reason: "This file is empty."}
	errDamaged = &Problem{Reason: "This image is damaged and can't be opened."}
)

// ReadFile reads a dropped file, refusing folders, missing or unreadable files,
// pipes, sockets and devices, empty files and files over MaxFileBytes with a *Problem.
// It checks the file's type before opening it (opening a named pipe would wait for a
// writer forever) and never reads more than MaxFileBytes+1 bytes.
func ReadFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, openProblem(err)
	}
	if p := notRegular(st); p != nil {
		return nil, p
	}
	if st.Size() > MaxFileBytes {
		return nil, tooBigFile(st.Size())
	}
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, openProblem(err)
		}
		return nil, &Problem{Reason: "LogoDesk couldn't read this file. Copy it to your computer and try again."}
	}
	if len(data) == 0 {
		return nil, errEmpty
	}
	if len(data) > MaxFileBytes {
		return nil, tooBigFile(int64(len(data)))
	}
	return data, nil
}

// openRegular opens path without waiting (a pipe swapped in after the type check must
// not block) and checks again that what it opened is a regular file.
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNoWait, 0)
	if err != nil {
		return nil, openProblem(err)
	}
	st, err := f.Stat()
	if err == nil {
		if p := notRegular(st); p != nil {
			err = p
		}
	}
	if err != nil {
		f.Close()
		var p *Problem
		if errors.As(err, &p) {
			return nil, p
		}
		return nil, openProblem(err)
	}
	return f, nil
}

// notRegular is the sentence for a folder, pipe, socket or device; nil for a regular file.
func notRegular(st fs.FileInfo) *Problem {
	switch {
	case st.IsDir():
		return &Problem{Reason: "This is a folder, not an image file. Drop a single picture file."}
	case !st.Mode().IsRegular():
		return &Problem{Reason: "This isn't a regular file. Drop a picture file saved on your computer."}
	}
	return nil
}

func tooBigFile(size int64) *Problem {
	return problem("This file is %s, too large for a picture (the most is %s).", limits.HumanBytes(size), limits.HumanBytes(MaxFileBytes))
}

func openProblem(err error) *Problem {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Problem{Reason: "LogoDesk can't find this file. It may have been moved or deleted."}
	case errors.Is(err, fs.ErrPermission):
		return &Problem{Reason: "LogoDesk isn't allowed to read this file. Copy it somewhere you can open it and try again."}
	}
	return &Problem{Reason: "LogoDesk couldn't open this file. Copy it to your computer and try again."}
}

// Check tells whether data is an image LogoDesk can use. It detects the real
// type from the bytes (not the file name), reads only the header, and refuses
// images over MaxPixels without decoding them. Errors are *Problem.
func Check(data []byte) (Info, error) {
	if len(data) == 0 {
		return Info{}, errEmpty
	}
	if svgraster.IsSVG(data) {
		return checkSVG(data)
	}
	format, mime, ok := sniffReadable(data)
	if !ok {
		return Info{}, &Problem{Reason: unreadableReason(data)}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, decodeProblem(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, errDamaged
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxOpenPixels {
		return Info{}, problem("This image is %d×%d pixels, too large to open safely (the most is %s).",
			cfg.Width, cfg.Height, megapixels(maxOpenPixels))
	}
	info := Info{Format: format, MIME: mime, Width: cfg.Width, Height: cfg.Height, Bytes: len(data), Orientation: 1}
	if format == "jpeg" {
		info.Orientation = jpegOrientation(data)
		if info.Orientation >= 5 {
			info.Width, info.Height = info.Height, info.Width
		}
	}
	return info, nil
}

// decodeProblem turns a decoder error into a plain sentence.
func decodeProblem(err error) *Problem {
	var ju jpeg.UnsupportedError
	var pu png.UnsupportedError
	if errors.As(err, &ju) || errors.As(err, &pu) {
		return &Problem{Reason: "This image uses a kind of encoding LogoDesk can't read. Save it again as a standard JPEG or PNG and try again."}
	}
	return errDamaged
}

func megapixels(px int64) string {
	if px%1_000_000 == 0 {
		return fmt.Sprintf("%d megapixels", px/1_000_000)
	}
	return fmt.Sprintf("%.1f megapixels", float64(px)/1e6)
}
