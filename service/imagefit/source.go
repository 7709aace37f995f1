package imagefit

import (
	"image"
	"sync"
)

// Source is a picture file checked and decoded once, for fitting to several limits
// (the Brand tab fits one logo for every service). Safe for concurrent Fit calls:
// they only read the decoded picture; whatever a fit crops, resizes, turns or
// flattens is its own copy, and no Result holds the Source's pixels.
//
// A Source keeps alive its file (data, the caller's slice: not copied, so don't
// change it while fitting) and, from the first Fit that needs pixels until the
// Source itself is unreachable, the decoded picture: for a JPEG its Y, Cb and Cr
// planes (36 MB for a 24-megapixel 4:2:0 photo), for a PNG, GIF, BMP or WebP the
// decoder's picture (4 bytes a pixel for RGBA: 96 MB at 24 megapixels). So, unlike
// the package-level Fit, a Source's fits don't let the decoded picture go as soon as
// it is resized: drop the Source once its fits are done. An SVG keeps no pixels: each
// Fit draws it at the size its limit allows. The file's bytes are also what a fit
// that needs no change returns as Result.Bytes.
type Source struct {
	data []byte
	info Info

	once sync.Once // decodes img, err
	img  image.Image
	err  error

	// oneShot marks the Source the package-level Fit makes for its one fit: nothing
	// is kept, each call of pixels decodes afresh, so that the fit owns the decoded
	// picture and lets it go once resized (the peak memory of a single fit).
	oneShot bool
}

// NewSource checks data (Check: type, header and size, no pixels decoded) for
// fitting with Source.Fit. Errors are *Problem, the same as Fit's for the file.
func NewSource(data []byte) (*Source, error) {
	info, err := Check(data)
	if err != nil {
		return nil, err
	}
	return &Source{data: data, info: info}, nil
}

// Info is the file as Check saw it.
func (s *Source) Info() Info { return s.info }

// pixels is the decoded picture (never called for an SVG). A Source decodes it on
// the first call and keeps it (the same picture and error for every fit: read it,
// never write it); a one-shot Source decodes on every call and keeps nothing.
func (s *Source) pixels() (image.Image, error) {
	if s.oneShot {
		return decode(s.data)
	}
	s.once.Do(func() { s.img, s.err = decode(s.data) })
	return s.img, s.err
}
