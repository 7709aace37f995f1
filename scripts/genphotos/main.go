// Command genphotos writes a folder of photo-like JPEGs named after the
// generated users of `logodesk sandbox --zoom-users N`, for scripts/measure-bulk.sh.
//
//	genphotos -dir DIR -n 500 -width 4000 -height 3000 [-distinct 4]
//
// Only -distinct pictures are encoded; the other files are hard links to them
// (each user still gets a file of their own name, and every file is fitted and
// sent), so a folder of 500 12-megapixel photos takes seconds and little disk.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"logodesk/service/sandbox"
)

func main() {
	dir := flag.String("dir", "", "folder to write to (created)")
	n := flag.Int("n", 50, "how many users get a photo")
	w := flag.Int("width", 4000, "photo width")
	h := flag.Int("height", 3000, "photo height")
	distinct := flag.Int("distinct", 4, "how many different pictures to encode")
	flag.Parse()
	if *dir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	var bases []string
	for i := range min(*distinct, *n) {
		path := filepath.Join(*dir, sandbox.GeneratedZoomUserEmail(i)+".jpg")
		if err := writePhoto(path, *w, *h, uint64(i+1)); err != nil {
			fail(err)
		}
		bases = append(bases, path)
	}
	for i := len(bases); i < *n; i++ {
		if err := os.Link(bases[i%len(bases)], filepath.Join(*dir, sandbox.GeneratedZoomUserEmail(i)+".jpg")); err != nil {
			fail(err)
		}
	}
}

// writePhoto draws a portrait-like picture: a soft background gradient, a
// head-and-shoulders shape, and sensor grain, so it compresses like a photo
// (a 12-megapixel one is a few megabytes at quality 92, over Zoom's 2 MB).
func writePhoto(path string, w, h int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed*7))
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	cx, cy, rad := float64(w)/2, float64(h)*0.4, float64(min(w, h))*0.18
	for y := range h {
		for x := range w {
			fx, fy := float64(x), float64(y)
			v := 90 + 80*fy/float64(h) + 20*math.Sin(fx/97+float64(seed))
			if math.Hypot(fx-cx, fy-cy) < rad || (fy > cy+rad*0.9 && math.Hypot((fx-cx)/1.6, fy-float64(h)) < rad*2.2) {
				v = 200 - 40*fy/float64(h)
			}
			v += r.NormFloat64() * 9
			img.Y[y*img.YStride+x] = uint8(math.Max(0, math.Min(255, v)))
		}
	}
	for y := range h / 2 {
		for x := range w / 2 {
			i := y*img.CStride + x
			img.Cb[i] = uint8(118 + int(seed*13)%20 + int(r.NormFloat64()*3))
			img.Cr[i] = uint8(134 + int(float64(x)/float64(w)*20) + int(r.NormFloat64()*3))
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 92}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genphotos:", err)
	os.Exit(1)
}
