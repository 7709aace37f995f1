// Package testphoto draws deterministic photo-like pictures for tests and benchmarks:
// smooth multi-scale colour noise (sky, hills, foliage-like texture), hard edges and a
// little sensor grain, so that JPEG and PNG sizes are like a real photo's, not a flat colour's.
package testphoto

import (
	"image"
	"math"
	"runtime"
	"sync"
)

// Photo returns a w×h opaque picture; the same seed gives the same pixels.
func Photo(w, h int, seed uint32) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			for y := k; y < h; y += workers {
				row(img, y, seed)
			}
		}(k)
	}
	wg.Wait()
	return img
}

// WithAlpha returns Photo with a transparent background around a soft-edged ellipse,
// like a cut-out product shot or a logo.
func WithAlpha(w, h int, seed uint32) *image.NRGBA {
	src := Photo(w, h, seed)
	img := image.NewNRGBA(src.Rect)
	copy(img.Pix, src.Pix)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := (float64(x)-cx)/(cx*0.8), (float64(y)-cy)/(cy*0.8)
			d := math.Sqrt(dx*dx + dy*dy)
			a := math.Max(0, math.Min(1, (1.05-d)*10))
			img.Pix[y*img.Stride+x*4+3] = uint8(a*255 + 0.5)
		}
	}
	return img
}

func row(img *image.RGBA, y int, seed uint32) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	scale := float64(max(w, h)) / 6000 // the same scene at any size
	fy := float64(y) / scale
	horizon := 0.45 * float64(h)
	p := img.Pix[y*img.Stride:]
	for x := 0; x < w; x++ {
		fx := float64(x) / scale
		// Hills: a ridge line from low-frequency noise; sky above, textured land below.
		ridge := horizon/scale + 600*(fbm(fx/1800, 0.5, seed+7, 3)-0.5)
		var r, g, b float64
		if fy < ridge {
			t := fy / ridge
			cloud := fbm(fx/900, fy/400, seed+11, 5)
			cloud = math.Max(0, cloud-0.45) * 2.2
			r = 90 + 80*t + 160*cloud
			g = 140 + 60*t + 140*cloud
			b = 220 + 20*t + 30*cloud
		} else {
			n := fbm(fx/700, fy/700, seed+3, 7) // fields and trees
			leaf := fbm(fx/14, fy/14, seed+5, 3)
			shade := 0.55 + 0.9*n + 0.35*(leaf-0.5)
			r = 70 * shade * (0.8 + 0.5*fbm(fx/2500, fy/2500, seed+9, 2))
			g = 120 * shade
			b = 50 * shade
			// A few buildings: hard vertical edges.
			if bx := math.Mod(fx+float64(seed%997), 1500); bx < 260 && fy < ridge+500 && fy > ridge+80 {
				v := 150 + 60*fbm(fx/40, fy/40, seed+13, 2)
				if math.Mod(fy, 60) < 22 && math.Mod(bx, 50) < 28 {
					v *= 0.45 // windows
				}
				r, g, b = v, v*0.95, v*0.9
			}
		}
		grain := (float64(hash(uint32(x), uint32(y), seed)&0xFF) - 127.5) / 127.5 * 5
		p[4*x] = clamp(r + grain)
		p[4*x+1] = clamp(g + grain)
		p[4*x+2] = clamp(b + grain)
		p[4*x+3] = 255
	}
}

func clamp(v float64) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v + 0.5)
}

// fbm is fractal value noise in [0,1): octaves of smoothly interpolated lattice noise.
func fbm(x, y float64, seed uint32, octaves int) float64 {
	sum, amp, norm := 0.0, 0.5, 0.0
	for o := 0; o < octaves; o++ {
		sum += amp * value(x, y, seed+uint32(o)*101)
		norm += amp
		x, y, amp = x*2.03, y*2.03, amp*0.5
	}
	return sum / norm
}

func value(x, y float64, seed uint32) float64 {
	x0, y0 := math.Floor(x), math.Floor(y)
	tx, ty := x-x0, y-y0
	tx, ty = tx*tx*(3-2*tx), ty*ty*(3-2*ty)
	ix, iy := uint32(int32(x0)), uint32(int32(y0))
	v00 := float64(hash(ix, iy, seed)) / (1 << 32)
	v10 := float64(hash(ix+1, iy, seed)) / (1 << 32)
	v01 := float64(hash(ix, iy+1, seed)) / (1 << 32)
	v11 := float64(hash(ix+1, iy+1, seed)) / (1 << 32)
	a := v00 + (v10-v00)*tx
	b := v01 + (v11-v01)*tx
	return a + (b-a)*ty
}

func hash(x, y, seed uint32) uint32 {
	h := x*0x8da6b343 ^ y*0xd8163841 ^ seed*0xcb1ab31f
	h ^= h >> 13
	h *= 0x5bd1e995
	h ^= h >> 15
	return h
}
