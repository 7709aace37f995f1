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

// FuzzDrawBody fuzzes what goes inside a fixed <svg> root, so mutations land on elements,
// attributes and style values (the emitter, oksvg and the scanner) rather than on the XML
// prolog.
func FuzzDrawBody(f *testing.F) {
	for _, body := range []string{
		okRect,
		`<g transform="rotate(30 5 5) scale(0.5)" opacity=".5"><circle cx="5" cy="5" r="4" fill="#0f08" stroke="hsl(10,50%,50%)" stroke-width="1.5" stroke-dasharray="1,.5"/></g>`,
		`<defs><linearGradient id="a" x1="0" x2="1" gradientTransform="skewX(20)"><stop offset="0" stop-color="red"/><stop offset=".5" stop-color="currentColor" stop-opacity=".5"/></linearGradient></defs><path d="M1 1h8v8H1zM3 3h4v4H3z" fill-rule="evenodd" fill="url(#a)"/>`,
		`<radialGradient id="r" gradientUnits="userSpaceOnUse" cx="5" cy="5" r="5" fx="2" fy="2" spreadMethod="reflect"><stop stop-color="blue"/><stop offset="1" stop-color="white"/></radialGradient><ellipse cx="5" cy="5" rx="5" ry="3" fill="url(#r) red"/>`,
		`<style>.a{fill:rgba(0,0,255,.5);stroke:#000;stroke-width:2%} rect{stroke-linejoin:round}</style><rect class="a" x="10%" y="1" width="5" height="5" rx="1"/><polyline points="0,0 5,9 9,0" fill="none" stroke="black"/>`,
		`<symbol id="s" viewBox="0 0 2 2"><path d="M0 0 L2 2 A1 1 0 0 1 0 2 Q 1 1 0 0 T 1 1 C 0 1 1 0 2 2 S 1 1 0 0 z"/></symbol><use href="#s" x="1" y="1" width="4" height="4"/><svg x="5" y="5" width="5" height="5" viewBox="0 0 1 1"><use href="#s"/></svg>`,
	} {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		img, info, err := Rasterize([]byte(svgDoc(body)), fuzzBox)
		checkResult(t, err)
		if err == nil && (img.Bounds().Dx() != 64 || img.Bounds().Dy() != 64 || info.Width != 10) {
			t.Fatalf("picture %v, natural %v×%v, want 64×64 from 10×10", img.Bounds(), info.Width, info.Height)
		}
	})
}
