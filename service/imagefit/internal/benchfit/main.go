// Command benchfit makes the 24 MP test photo and times imagefit.Fit on it, for
// scripts/bench-image.sh (which times ImageMagick on the same file).
//
//	benchfit -gen in.jpg             write the test photo (format from the extension: .jpg or .png)
//	benchfit -fit in.jpg -out o.jpg  fit it to Zoho CRM's limits; print "seconds width height quality bytes"
//	benchfit -ref in.jpg -w W -h H -out ref.png   resize in.jpg to W×H with imaging's Lanczos, losslessly
//	benchfit -compare ref.bmp a.jpg  print "PSNR-dB SSIM" of a.jpg against the reference (same size)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"github.com/disintegration/imaging"

	"logodesk/service/imagefit"
	"logodesk/service/imagefit/internal/testphoto"
	"logodesk/service/limits"
)

func main() {
	gen := flag.String("gen", "", "write the 24 MP test photo to this file (.jpg or .png)")
	w := flag.Int("w", 6000, "test photo width")
	h := flag.Int("h", 4000, "test photo height")
	in := flag.String("fit", "", "fit this file to Zoho CRM's organization photo limits")
	out := flag.String("out", "", "write the fitted picture here")
	runs := flag.Int("runs", 3, "timed runs (the median is printed)")
	ref := flag.String("ref", "", "make a lossless Lanczos reference of this file at -w×-h")
	cmp := flag.String("compare", "", "reference picture to compare the argument against")
	flag.Parse()
	switch {
	case *ref != "":
		src, err := imaging.Open(*ref)
		if err == nil {
			err = imaging.Save(imaging.Resize(src, *w, *h, imaging.Lanczos), *out)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	case *cmp != "":
		a, err := imaging.Open(*cmp)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		b, err := imaging.Open(flag.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if a.Bounds().Size() != b.Bounds().Size() {
			fmt.Fprintln(os.Stderr, "sizes differ:", a.Bounds(), b.Bounds())
			os.Exit(1)
		}
		fmt.Printf("%.2f %.4f\n", psnr(a, b), ssim(a, b))
	case *gen != "":
		img := testphoto.Photo(*w, *h, 1)
		var buf bytes.Buffer
		var err error
		if filepath.Ext(*gen) == ".png" {
			err = png.Encode(&buf, img)
		} else {
			err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92})
		}
		if err == nil {
			err = os.WriteFile(*gen, buf.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	case *in != "":
		data, err := imagefit.ReadFile(*in)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var times []time.Duration
		var res imagefit.Result
		for i := 0; i < *runs; i++ {
			t := time.Now()
			res, err = imagefit.Fit(data, limits.ZohoCRMOrgPhoto, imagefit.Options{})
			times = append(times, time.Since(t))
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		if *out != "" {
			if err := os.WriteFile(*out, res.Bytes, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		q := "-"
		if m := regexp.MustCompile(`quality (\d+)`).FindStringSubmatch(res.Explanation); m != nil {
			q = m[1]
		}
		fmt.Printf("%.3f %d %d %s %d\n", times[len(times)/2].Seconds(), res.Width, res.Height, q, len(res.Bytes))
		fmt.Fprintln(os.Stderr, res.Explanation)
	default:
		flag.Usage()
		os.Exit(2)
	}
}
