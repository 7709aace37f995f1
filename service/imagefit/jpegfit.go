package imagefit

import (
	"image"

	"logodesk/service/imagefit/internal/jpegenc"
)

// maxJPEGSide is the largest width or height a JPEG can have.
const maxJPEGSide = 65535

// searchJPEG encodes img at the highest quality in [qualityMin, qualityMax] whose file
// is at most maxBytes. It returns nil and the size at qualityMin when even that is too big.
//
// The colour conversion and DCT are done once (jpegenc.Transform). Then the quality is
// binary-searched on size estimates from a quarter of the block rows, checked and nudged
// with exact sizes (one quantization pass each, optimized Huffman tables), and encoded once.
func searchJPEG(img *image.RGBA, maxBytes int64) (data []byte, quality int, sizeAtMin int64) {
	c := jpegenc.Transform(img)
	budget := maxBytes - maxBytes/400 // sizes guess the stuffed bytes; keep a little room
	fits := func(q int) bool { return int64(c.Size(q)) <= budget }
	q := highestQuality(func(q int) bool { return int64(c.Estimate(q)) <= budget })
	if q == 0 {
		if est := int64(c.Estimate(qualityMin)); est > budget+budget/20 {
			return nil, 0, est // clearly too big: no need for exact sizes
		}
		q = qualityMin
	}
	for q > qualityMin && !fits(q) {
		q--
	}
	for q < qualityMax && fits(q+1) {
		q++
	}
	for ; q >= qualityMin; q-- {
		if b := c.Encode(q); int64(len(b)) <= maxBytes {
			return b, q, 0
		}
	}
	return nil, 0, int64(c.Size(qualityMin))
}

// highestQuality binary-searches the highest quality in [qualityMin, qualityMax] for which
// fits is true (fits is monotonic: lower quality, smaller file); 0 when none.
func highestQuality(fits func(q int) bool) int {
	if fits(qualityMax) {
		return qualityMax
	}
	if !fits(qualityMin) {
		return 0
	}
	lo, hi := qualityMin, qualityMax // fits(lo), !fits(hi)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}
