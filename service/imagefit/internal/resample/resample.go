// Package resample resizes 8-bit sample planes (one colour channel each, such as the
// Y, Cb and Cr planes a JPEG decodes to) with a Lanczos-3 filter, on every core.
//
// Working on the planes a JPEG already has, instead of converting to RGBA first, is
// what makes fitting a large photo cheap: a 4:2:0 picture has 1.5 samples per pixel
// where RGBA has 4, and the JPEG encoder takes the planes back without converting.
package resample

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Plane is one channel: sample (x, y) is Pix[y*Stride+x], for 0 ≤ x < W, 0 ≤ y < H.
type Plane struct {
	Pix     []byte
	Stride  int
	W, H    int
	Workers int // goroutines to use; 0 means GOMAXPROCS
}

// NewPlane allocates a w×h plane.
func NewPlane(w, h int) Plane { return Plane{Pix: make([]byte, w*h), Stride: w, W: w, H: h} }

// Window is the part of a source plane to resize, in sample coordinates; fractional
// edges let a chroma plane follow a luma crop that starts on an odd pixel.
type Window struct{ X0, Y0, X1, Y1 float64 }

// Full is the whole plane as a Window.
func (p Plane) Full() Window { return Window{0, 0, float64(p.W), float64(p.H)} }

// Lanczos resizes window win of src into all of dst with a Lanczos-3 filter (the filter
// widened by the scale factor when shrinking, as imaging and libvips do).
//
// It works in bands of output rows, each resized across into a small buffer of its own
// and then down: no intermediate picture of the whole height is ever held (for a 24 MP
// photo that buffer would be 15 MB), at the cost of resizing across again the few source
// rows that two bands share.
func Lanczos(dst Plane, src Plane, win Window) {
	xs := weights(win.X0, win.X1-win.X0, dst.W, src.W)
	ys := weights(win.Y0, win.Y1-win.Y0, dst.H, src.H)
	workers := dst.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const band = 64 // output rows
	parallel(workers, (dst.H+band-1)/band, func() func(int) {
		var tmp Plane
		acc := make([]int32, dst.W)
		return func(b int) {
			y0, y1 := b*band, min(b*band+band, dst.H)
			lo, hi := ys.start[y0], ys.start[y1-1]+ys.taps // starts never decrease
			if tmp.H < hi-lo {
				tmp = NewPlane(dst.W, hi-lo)
			}
			for r := lo; r < hi; r++ {
				horizontal(tmp.Pix[(r-lo)*tmp.Stride:(r-lo)*tmp.Stride+tmp.W], src.Pix[r*src.Stride:], xs)
			}
			for y := y0; y < y1; y++ {
				vertical(dst.Pix[y*dst.Stride:y*dst.Stride+dst.W], acc, tmp, ys.start[y]-lo, ys.w[y*ys.taps:(y+1)*ys.taps])
			}
		}
	})
}

// fixed-point weights: 14 fractional bits, so 255·Σ|w| fits an int32 comfortably.
const (
	shift = 14
	one   = 1 << shift
)

// kernel is one output sample's source start for every output, and taps weights each.
type kernel struct {
	start []int   // first source sample of each output, clamped so start+taps ≤ n
	w     []int32 // taps weights per output, summing to one
	taps  int
}

// weights maps dn outputs onto the source span [x0, x0+span) of a plane of n samples.
func weights(x0, span float64, dn, n int) kernel {
	scale := span / float64(dn)
	support := 3 * math.Max(1, scale)
	taps := min(int(math.Ceil(2*support))+1, n)
	k := kernel{start: make([]int, dn), w: make([]int32, dn*taps), taps: taps}
	f := make([]float64, taps)
	for i := 0; i < dn; i++ {
		centre := x0 + (float64(i)+0.5)*scale // in source coordinates
		s := int(math.Floor(centre - support + 0.5))
		s = max(0, min(s, n-taps))
		k.start[i] = s
		sum := 0.0
		for t := 0; t < taps; t++ {
			x := (float64(s+t) + 0.5 - centre) / math.Max(1, scale)
			f[t] = lanczos3(x)
			sum += f[t]
		}
		// Quantise so the weights sum to exactly one: flat areas stay exactly flat.
		w := k.w[i*taps : (i+1)*taps]
		total, peak := int32(0), 0
		for t := range f {
			w[t] = int32(math.Round(f[t] / sum * one))
			total += w[t]
			if w[t] > w[peak] {
				peak = t
			}
		}
		w[peak] += one - total
	}
	return k
}

func lanczos3(x float64) float64 {
	x = math.Abs(x)
	if x >= 3 {
		return 0
	}
	if x < 1e-9 {
		return 1
	}
	px := math.Pi * x
	return 3 * math.Sin(px) * math.Sin(px/3) / (px * px)
}

func horizontal(dst, src []byte, k kernel) {
	taps := k.taps
	for i := range dst {
		row := src[k.start[i] : k.start[i]+taps : k.start[i]+taps]
		w := k.w[i*taps : (i+1)*taps : (i+1)*taps]
		var acc int32
		for t, v := range row {
			acc += int32(v) * w[t]
		}
		dst[i] = clamp(acc)
	}
}

// vertical writes one output row from tmp rows y0… weighted by w, summing in acc.
func vertical(dst []byte, acc []int32, tmp Plane, y0 int, w []int32) {
	clear(acc)
	for t, wt := range w {
		if wt == 0 {
			continue
		}
		row := tmp.Pix[(y0+t)*tmp.Stride : (y0+t)*tmp.Stride+len(dst)]
		for x, v := range row {
			acc[x] += int32(v) * wt
		}
	}
	for x, a := range acc {
		dst[x] = clamp(a)
	}
}

func clamp(acc int32) byte {
	v := (acc + one/2) >> shift
	if uint32(v) > 255 {
		if v < 0 {
			return 0
		}
		return 255
	}
	return byte(v)
}

// parallel calls f(i) for i in [0, n) on workers goroutines (each gets its own f from
// newF, with its own scratch space), handing out one i at a time so that a core slowed
// by other programs does not hold the others up.
func parallel(workers, n int, newF func() func(i int)) {
	const run = 1
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, (n+run-1)/run); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := newF()
			for {
				i0 := int(next.Add(run)) - run
				if i0 >= n {
					return
				}
				for i := i0; i < min(i0+run, n); i++ {
					f(i)
				}
			}
		}()
	}
	wg.Wait()
}
