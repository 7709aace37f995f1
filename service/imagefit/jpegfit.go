package imagefit

import (
	"fmt"
	"image"
	"runtime"

	"logodesk/service/imagefit/internal/jpegenc"
	"logodesk/service/limits"
)

// maxJPEGSide is the largest width or height a JPEG can have.
const maxJPEGSide = 65535

// searchJPEG encodes the picture at the highest quality in [qualityMin, qualityMax] whose
// file is at most maxBytes. It returns nil and the size at qualityMin when even that is
// too big.
//
// The DCT is done once, by the caller (jpegenc.Transform or TransformYCbCr). Then the
// quality is binary-searched on size estimates from a quarter of the block rows, checked
// and nudged with exact sizes (one quantization pass each, optimized Huffman tables), and
// encoded once.
func searchJPEG(c *jpegenc.Coefficients, maxBytes int64) (data []byte, quality int, sizeAtMin int64) {
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

// fitYCbCr fits a decoded JPEG (any YCbCr picture) as a 4:2:0 JPEG, crop resized to
// tw×th then turned upright, smaller if even the lowest quality is too big. It only
// reads src, which may be a Source's picture shared with other fits. It drops src once
// resized and collects the garbage, so that the encoder's memory can reuse the decoded
// picture's (a one-shot Source's, or planes converted from an RGBA picture; a shared
// Source keeps its own, but the collection still frees what other fits let go and keeps
// the heap's growth in step: BenchmarkPrepare24MP's peak heap was 178 MB with it, 195–212
// MB without). In the rare case a smaller size must be tried, it asks s for the pixels
// again (a one-shot Source decodes data again).
func fitYCbCr(s *Source, src *image.YCbCr, crop image.Rectangle, tw, th int, maxBytes int64, explain explainer) (Result, error) {
	cw, ch := crop.Dx(), crop.Dy()
	for attempt := 0; attempt < 12 && (attempt == 0 || tw >= 16 && th >= 16); attempt++ { // the first size is always tried
		if src == nil {
			img, err := s.pixels()
			if err != nil {
				return Result{}, err
			}
			if src = planesOf(img); src == nil {
				return Result{}, errDamaged
			}
		}
		img := prepareYCbCr(src, crop, tw, th, explain.info.Orientation)
		src = nil
		runtime.GC() // the planes may be garbage now: let the DCT below reuse their memory
		b, q, sizeAtMin := searchJPEG(jpegenc.TransformYCbCr(img), maxBytes)
		if b == nil {
			tw, th = shrink(tw, th, cw, ch, float64(maxBytes)/float64(sizeAtMin))
			continue
		}
		explain.sized(tw, th, img.Rect.Dx(), img.Rect.Dy(), attempt > 0)
		explain.lowQuality = q < qualityMax
		return Result{Bytes: b, MIME: limits.JPEG, Width: explain.outW, Height: explain.outH, Changed: true,
			Original: explain.info, Image: img, Explanation: explain.sentence(fmt.Sprintf("saved as JPEG (quality %d)", q), false)}, nil
	}
	return Result{}, tooSmallProblem(explain.lim)
}
