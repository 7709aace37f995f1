package main

import (
	"image"
	"math"

	"github.com/disintegration/imaging"
)

// psnr is the peak signal-to-noise ratio over R, G and B, in dB.
func psnr(a, b image.Image) float64 {
	pa, pb := imaging.Clone(a).Pix, imaging.Clone(b).Pix
	var se float64
	n := 0
	for i := 0; i+3 < len(pa); i += 4 {
		for c := 0; c < 3; c++ {
			d := float64(pa[i+c]) - float64(pb[i+c])
			se += d * d
		}
		n += 3
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}

// ssim is the mean structural similarity of the luma (BT.601) of a and b, over 8×8
// windows every 4 pixels (Wang et al. 2004, constants K1=0.01, K2=0.03).
func ssim(a, b image.Image) float64 {
	ya, yb := luma(a), luma(b)
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	const win, step = 8, 4
	c1, c2 := math.Pow(0.01*255, 2), math.Pow(0.03*255, 2)
	var sum float64
	n := 0
	for y := 0; y+win <= h; y += step {
		for x := 0; x+win <= w; x += step {
			var sa, sb, saa, sbb, sab float64
			for j := 0; j < win; j++ {
				o := (y+j)*w + x
				for i := 0; i < win; i++ {
					va, vb := ya[o+i], yb[o+i]
					sa += va
					sb += vb
					saa += va * va
					sbb += vb * vb
					sab += va * vb
				}
			}
			const m = win * win
			ma, mb := sa/m, sb/m
			va, vb := saa/m-ma*ma, sbb/m-mb*mb
			cov := sab/m - ma*mb
			sum += ((2*ma*mb + c1) * (2*cov + c2)) / ((ma*ma + mb*mb + c1) * (va + vb + c2))
			n++
		}
	}
	return sum / float64(n)
}

func luma(img image.Image) []float64 {
	p := imaging.Clone(img).Pix
	y := make([]float64, len(p)/4)
	for i := range y {
		y[i] = 0.299*float64(p[4*i]) + 0.587*float64(p[4*i+1]) + 0.114*float64(p[4*i+2])
	}
	return y
}
