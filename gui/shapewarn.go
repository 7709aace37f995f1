package gui

import "fmt"

// minProfileSide is the smallest side, in pixels, at which a profile picture
// still looks sharp in Zoom's and Bigin's round frames.
const minProfileSide = 200

// shapeWarning is one sentence about a picture that will look poor where it
// is shown (too small, or an extreme shape), or "". profile: a person's
// picture, shown in a small square or round frame.
func shapeWarning(w, h int, profile bool, noun string) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	long, short := max(w, h), min(w, h)
	switch {
	case profile && short < minProfileSide:
		return fmt.Sprintf("This %s is only %d×%d pixels; it will look blurry, as profile pictures need at least %d pixels a side.", noun, w, h, minProfileSide)
	case profile && long > 2*short:
		return fmt.Sprintf("This %s is %d×%d, much longer one way than the other; a round profile frame shows only its middle. \u201cCrop to a centred square\u201d shows what will be seen.", noun, w, h)
	case !profile && long > 6*short:
		return fmt.Sprintf("This %s is %d×%d, a very long strip; shown in a small box it may be hard to read.", noun, w, h)
	}
	return ""
}
