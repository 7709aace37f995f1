package imagefit

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
)

// searchJPEG encodes img at the highest quality in [qualityMin, qualityMax] whose file
// is at most maxBytes. It returns nil and the (estimated) size at qualityMin when even
// that is too big.
//
// Encoding a large picture is slow, so the quality is chosen on a sample first: a
// sixteenth-or-so of the picture's 16-pixel rows (whole JPEG block rows, spread evenly),
// whose size scales to the whole picture's. Then one full encode checks it; a miss
// corrects the estimate and tries again.
func searchJPEG(img *image.RGBA, maxBytes int64) (data []byte, quality int, sizeAtMin int64) {
	full := map[int][]byte{}
	encodeFull := func(q int) []byte {
		if b, ok := full[q]; ok {
			return b
		}
		b := encodeJPEG(img, q)
		full[q] = b
		return b
	}
	sample, scale := sampleRows(img)
	estimate := encodeFull
	if sample != nil {
		sizes := map[int]int64{}
		estimate = nil
		est := func(q int) int64 {
			if n, ok := sizes[q]; ok {
				return n
			}
			n := int64(float64(len(encodeJPEG(sample, q))) * scale)
			sizes[q] = n
			return n
		}
		correction := 1.0 // actual/estimated, learnt from full encodes
		for try := 0; try < 6; try++ {
			budget := float64(maxBytes) * 0.985 / correction
			q := highestQuality(func(q int) bool { return float64(est(q)) <= budget })
			if q == 0 {
				if try == 0 && float64(est(qualityMin)) > budget*1.1 {
					// Hopeless at this size: don't spend a full encode to learn it.
					return nil, 0, int64(float64(est(qualityMin)) * correction)
				}
				q = qualityMin
			}
			b := encodeFull(q)
			if int64(len(b)) <= maxBytes {
				return b, q, 0
			}
			if q == qualityMin {
				return nil, 0, int64(len(b))
			}
			correction = math.Max(correction*1.01, float64(len(b))/float64(est(q)))
		}
		// Fall back to the exact search below, on full encodes.
	}
	if estimate == nil {
		estimate = encodeFull
	}
	q := highestQuality(func(q int) bool { return int64(len(estimate(q))) <= maxBytes })
	if q == 0 {
		return nil, 0, int64(len(estimate(qualityMin)))
	}
	return estimate(q), q, 0
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

func encodeJPEG(img image.Image, q int) []byte {
	var buf bytes.Buffer
	b := img.Bounds()
	buf.Grow(b.Dx() * b.Dy() / 4)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil // only writer errors, impossible with a bytes.Buffer
	}
	return buf.Bytes()
}

// sampleRows returns about a sixteenth of img's 16-row bands, evenly spread, and the factor
// from the sample's encoded size to the whole picture's; nil for pictures small enough to
// encode whole.
func sampleRows(img *image.RGBA) (*image.RGBA, float64) {
	b := img.Bounds()
	const band = 16
	bands := b.Dy() / band
	const every = 16
	if b.Dx()*b.Dy() < 1_500_000 || bands < 4*every {
		return nil, 0
	}
	n := bands / every
	s := image.NewRGBA(image.Rect(0, 0, b.Dx(), n*band))
	rowBytes := b.Dx() * 4
	for i := 0; i < n; i++ {
		srcBand := i*every + every/2
		for r := 0; r < band; r++ {
			sy := srcBand*band + r
			copy(s.Pix[(i*band+r)*s.Stride:][:rowBytes], img.Pix[sy*img.Stride:][:rowBytes])
		}
	}
	return s, float64(b.Dy()) / float64(n*band)
}
