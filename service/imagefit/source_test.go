package imagefit

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"image"
	"os"
	"reflect"
	"sync"
	"testing"

	"logodesk/service/limits"
)

// sourceCase is one file and the fits asked of it.
type sourceCase struct {
	name  string
	data  []byte
	opts  []Options // each for realLimits
	tight bool      // the first of opts for tightLimit too
}

// realLimits are the Brand tab's three; tightLimit makes a picture go through the
// smaller-size retries of fit and fitYCbCr (from the Source's planes, or its RGBA made
// planes again), and a transparent one become a JPEG on white.
var (
	realLimits = []limits.Limit{limits.ZohoCRMOrgPhoto, limits.BiginOrgLogo, limits.ZoomProfilePicture}
	tightLimit = limits.Limit{Service: "Tight", MaxBytes: 12 << 10, MaxPixels: 4_000_000, Formats: []string{limits.JPEG, limits.PNG}}
)

// sourceFit is one fit of a sourceCase, and what a fresh Fit gives for it.
type sourceFit struct {
	lim  limits.Limit
	opt  Options
	want Result
	err  error
}

func (c sourceCase) fits(t *testing.T) []sourceFit {
	t.Helper()
	var out []sourceFit
	for _, lim := range realLimits {
		for _, opt := range c.opts {
			res, err := Fit(c.data, lim, opt)
			out = append(out, sourceFit{lim, opt, res, err})
		}
	}
	if c.tight {
		res, err := Fit(c.data, tightLimit, c.opts[0])
		out = append(out, sourceFit{tightLimit, c.opts[0], res, err})
	}
	return out
}

// sourceFixtures are the files and what a fresh Fit gives for each of their fits, made
// once for the tests below.
var sourceFixtures struct {
	once  sync.Once
	cases []sourceCase
	fits  [][]sourceFit // fits[i] for cases[i]
}

func sourceCasesAndFits(t *testing.T) ([]sourceCase, [][]sourceFit) {
	t.Helper()
	f := &sourceFixtures
	f.once.Do(func() {
		cases := sourceCases(t)
		fits := make([][]sourceFit, len(cases))
		for i, c := range cases {
			fits[i] = c.fits(t)
		}
		f.cases, f.fits = cases, fits
	})
	if f.cases == nil {
		t.Fatal("the test files couldn't be made")
	}
	return f.cases, f.fits
}

func sourceCases(t *testing.T) []sourceCase {
	t.Helper()
	svg, err := os.ReadFile("testdata/logo.svg")
	if err != nil {
		t.Fatal(err)
	}
	w, h := 3000, 2000 // a 24-megapixel photo's path (resized, many bands), in less time
	if testing.Short() || raceDetector {
		w, h = 1200, 800
	}
	frame := &Frame{Left: 0.3, Top: 0.2, Side: 0.6}
	return []sourceCase{
		{"photo JPEG", encJPEG(t, photo(w, h), 92), []Options{{}, {Square: true}, {Frame: frame}}, true},
		{"opaque PNG photo", encPNG(t, photo(w*2/3, h*2/3)), []Options{{}, {Frame: frame}}, true},
		{"PNG with alpha", encPNG(t, photoAlpha(w*3/10, h*3/10)), []Options{{}, {Square: true}}, true},
		{"small PNG that already fits", encPNG(t, logo(200, 100)), []Options{{}}, false},
		{"EXIF-rotated JPEG", withOrientation(encJPEG(t, photo(1200, 800), 90), 6, binary.LittleEndian), []Options{{}, {Frame: frame}}, false},
		{"grey JPEG", encJPEG(t, image.NewGray(image.Rect(0, 0, 640, 480)), 90), []Options{{}}, false},
		{"SVG", svg, []Options{{}, {Frame: frame}}, false},
		{"GIF", encGIF(t, photo(300, 200)), []Options{{}, {Frame: frame}}, false},
	}
}

// sameResult fails t unless got is want, byte for byte and field by field.
func sameResult(t *testing.T, what string, got, want Result) {
	t.Helper()
	if !bytes.Equal(got.Bytes, want.Bytes) {
		t.Errorf("%s: %d bytes, a fresh Fit gives %d other bytes", what, len(got.Bytes), len(want.Bytes))
	}
	if got.MIME != want.MIME || got.Width != want.Width || got.Height != want.Height || got.Changed != want.Changed ||
		got.Explanation != want.Explanation || got.Original != want.Original {
		t.Errorf("%s: %s %d×%d changed %v %+v %q\nfresh Fit: %s %d×%d changed %v %+v %q", what,
			got.MIME, got.Width, got.Height, got.Changed, got.Original, got.Explanation,
			want.MIME, want.Width, want.Height, want.Changed, want.Original, want.Explanation)
	}
	if (got.Image == nil) != (want.Image == nil) || got.Image != nil && !reflect.DeepEqual(got.Image, want.Image) {
		t.Errorf("%s: Result.Image %T differs from a fresh Fit's %T", what, got.Image, want.Image)
	}
}

// pixelsHash hashes a decoded picture's samples (and its size and type).
func pixelsHash(img image.Image) string {
	h := sha256.New()
	fmt.Fprintf(h, "%T %v\n", img, img.Bounds())
	write := func(h hash.Hash, p ...[]byte) {
		for _, b := range p {
			h.Write(b)
		}
	}
	switch p := img.(type) {
	case *image.YCbCr:
		write(h, p.Y, p.Cb, p.Cr)
	case *image.RGBA:
		write(h, p.Pix)
	case *image.NRGBA:
		write(h, p.Pix)
	case *image.Gray:
		write(h, p.Pix)
	case *image.Paletted:
		write(h, p.Pix)
		fmt.Fprint(h, p.Palette)
	default:
		panic(fmt.Sprintf("pixelsHash: %T", img))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// One Source fitted to every limit gives what a fresh Fit gives for each, byte for
// byte, in any order (here: each fit twice, the second time backwards; once under the
// race detector, where the next test fits each twice).
func TestSourceFitIsFit(t *testing.T) {
	cases, allFits := sourceCasesAndFits(t)
	rounds := 2
	if raceDetector {
		rounds = 1
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := NewSource(c.data)
			if err != nil {
				t.Fatal(err)
			}
			if info, _ := Check(c.data); s.Info() != info {
				t.Errorf("Info %+v, Check says %+v", s.Info(), info)
			}
			fits := allFits[i]
			for round := 0; round < rounds; round++ {
				for k := range fits {
					f := fits[k]
					if round == 1 {
						f = fits[len(fits)-1-k]
					}
					what := fmt.Sprintf("%s %+v", f.lim.Service, f.opt)
					got, err := s.Fit(f.lim, f.opt)
					if fmt.Sprint(err) != fmt.Sprint(f.err) {
						t.Fatalf("%s: error %v, a fresh Fit's %v", what, err, f.err)
					}
					sameResult(t, what, got, f.want)
				}
			}
		})
	}
}

// Every fit of every file at once, twice each, on one Source per file (under -race in
// `make test`): each gives a fresh Fit's bytes, no Result.Image shares the Source's
// pixels, and the decoded picture the Source keeps is unchanged, sample for sample.
func TestSourceConcurrentFitsOnlyRead(t *testing.T) {
	type job struct {
		c int // case
		sourceFit
	}
	cases, allFits := sourceCasesAndFits(t)
	var jobs []job
	sources := make([]*Source, len(cases))
	for i, c := range cases {
		var err error
		if sources[i], err = NewSource(c.data); err != nil {
			t.Fatal(err)
		}
		for _, f := range allFits[i] {
			if f.err != nil {
				t.Fatalf("%s %s: %v", c.name, f.lim.Service, f.err)
			}
			jobs = append(jobs, job{i, f}, job{i, f})
		}
	}
	got := make([]Result, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start // all at once: the first fits of a file race to decode it
			got[i], errs[i] = sources[j.c].Fit(j.lim, j.opt)
		}()
	}
	close(start)
	wg.Wait()
	for i, j := range jobs {
		what := fmt.Sprintf("%s: %s %+v", cases[j.c].name, j.lim.Service, j.opt)
		if errs[i] != nil {
			t.Errorf("%s: %v", what, errs[i])
			continue
		}
		sameResult(t, what, got[i], j.want)
	}
	for i, c := range cases {
		s := sources[i]
		if s.Info().Format == "svg" {
			if s.img != nil {
				t.Errorf("%s: the Source keeps a %T", c.name, s.img)
			}
			continue
		}
		fresh, err := decode(c.data)
		if err != nil {
			t.Fatal(err)
		}
		if s.img == nil {
			t.Fatalf("%s: the Source kept no picture", c.name)
		}
		if pixelsHash(s.img) != pixelsHash(fresh) {
			t.Errorf("%s: the Source's %T changed while it was fitted", c.name, s.img)
		}
		for k, j := range jobs {
			if j.c == i && got[k].Image != nil && sharesPixels(got[k].Image, s.img) {
				t.Errorf("%s: %s's Result.Image shares the Source's pixels", c.name, j.lim.Service)
			}
		}
	}
}

// sharesPixels reports whether a and b have a sample buffer in common.
func sharesPixels(a, b image.Image) bool {
	bufs := func(img image.Image) [][]byte {
		switch p := img.(type) {
		case *image.YCbCr:
			return [][]byte{p.Y, p.Cb, p.Cr}
		case *image.RGBA:
			return [][]byte{p.Pix}
		case *image.NRGBA:
			return [][]byte{p.Pix}
		case *image.Gray:
			return [][]byte{p.Pix}
		case *image.Paletted:
			return [][]byte{p.Pix}
		}
		return nil
	}
	for _, x := range bufs(a) {
		for _, y := range bufs(b) {
			if len(x) > 0 && len(y) > 0 && &x[:cap(x)][cap(x)-1] == &y[:cap(y)][cap(y)-1] {
				return true
			}
		}
	}
	return false
}

// A file Check refuses is refused by NewSource with the same Problem as Fit's; a file
// whose pixels are cut off is refused by every Source.Fit as by Fit.
func TestSourceRefusesWhatFitRefuses(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":       nil,
		"text":        []byte("just some notes\n"),
		"too large":   pngHeader(20000, 20000),
		"svg outside": []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><use xlink:href="http://example.com/x.svg#a"/></svg>`),
		"header only": encJPEG(t, photo(64, 48), 90)[:20],
	} {
		_, want := Fit(data, limits.ZohoCRMOrgPhoto, Options{})
		s, err := NewSource(data)
		if s != nil || want == nil || err == nil || err.Error() != want.Error() {
			t.Errorf("%s: NewSource = %v, %v; Fit's error %v", name, s, err, want)
		}
		assertProblem(t, name, err, want.Error())
	}
	for name, data := range map[string][]byte{
		"jpeg": encJPEG(t, photo(400, 300), 90),
		"png":  encPNG(t, photo(400, 300)),
	} {
		cut := data[:len(data)/2]
		s, err := NewSource(cut)
		if err != nil {
			t.Fatalf("%s: NewSource reads only the header, got %v", name, err)
		}
		for _, lim := range realLimits {
			for round := 0; round < 2; round++ { // the second time from what the Source kept
				res, err := s.Fit(lim, Options{})
				assertProblem(t, name+" "+lim.Service, err, "This image is damaged and can't be opened.")
				if res.Bytes != nil {
					t.Errorf("%s: bytes returned with an error", name)
				}
			}
		}
	}
}
