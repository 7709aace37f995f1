package svgraster

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fuzzBox keeps each fuzz input cheap to draw.
var fuzzBox = Box{MaxWidth: 64, MaxHeight: 64}

func addSeeds(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.svg"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no test logos: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		svgDoc(okRect),
		svgDoc(`<g id="a"><use href="#a"/></g>`),
		svgDoc(`<linearGradient id="a" href="#b"/><linearGradient id="b" href="#a"><stop offset="1"/></linearGradient><rect width="9" height="9" fill="url(#a)"/>`),
		svgDoc(`<path d="M0 0 10 10 0 10z" fill-rule="evenodd" stroke="red" stroke-dasharray="1 2" stroke-width="50%"/>`),
		svgDoc(`<svg x="2" y="2" width="5" height="5" viewBox="0 0 1 1" preserveAspectRatio="xMaxYMin slice"><circle r=".5" cx=".5" cy=".5"/></svg>`),
		svgDoc(`<polygon points="1,1 9,1 5,9" fill="hsla(120, 50%, 50%, 0.5)" transform="skewX(10) rotate(5 5 5)"/>`),
	} {
		f.Add([]byte(s))
	}
}

// checkResult fails unless err is nil or a *Problem with a sentence.
func checkResult(t *testing.T, err error) {
	if err == nil {
		return
	}
	var p *Problem
	if !errors.As(err, &p) || p.Reason == "" {
		t.Fatalf("error %v (%T) is not a plain *Problem", err, err)
	}
}

func FuzzRasterize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		img, info, err := Rasterize(data, fuzzBox)
		checkResult(t, err)
		if err != nil {
			return
		}
		w, h := fuzzBox.Fit(info.Width, info.Height)
		if img == nil || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
			t.Fatalf("picture %v, want %d×%d for natural %v×%v", img.Bounds(), w, h, info.Width, info.Height)
		}
	})
}

func FuzzCheck(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Check(data)
		checkResult(t, err)
		if err != nil {
			return
		}
		if !IsSVG(data) {
			t.Fatal("Check accepted bytes IsSVG rejects")
		}
		if !(info.Width > 0 && info.Height > 0 && info.Width <= maxNumber && info.Height <= maxNumber) {
			t.Fatalf("accepted natural size %v×%v", info.Width, info.Height)
		}
	})
}
