package imagefit

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"logodesk/service/limits"
)

const svgOutsideRef = "This SVG refers to another file or a web address, which LogoDesk doesn't fetch. Embed everything in the SVG, or export the logo as PNG."

// A brand logo in SVG is drawn at the largest logo size each service allows (for a
// person's picture, its avatar size) and sent as PNG with its transparency; the
// sentence says it was drawn.
func TestFitDrawsSVGLogos(t *testing.T) {
	data, err := os.ReadFile("testdata/logo.svg") // 240×120, gradients, transparent background
	if err != nil {
		t.Fatal(err)
	}
	info, err := Check(data)
	if err != nil || info.Format != "svg" || info.Width != 240 || info.Height != 120 {
		t.Fatalf("Check = %+v, %v", info, err)
	}
	for _, c := range []struct {
		lim  limits.Limit
		w, h int
	}{{limits.ZohoCRMOrgPhoto, 1024, 512}, {limits.BiginOrgLogo, 1024, 512}, {limits.ZoomProfilePicture, 512, 256}} {
		lim := c.lim
		res, err := Fit(data, lim, Options{})
		if err != nil {
			t.Fatalf("%s: %v", lim.Service, err)
		}
		if res.MIME != limits.PNG || res.Width != c.w || res.Height != c.h || !res.Changed {
			t.Errorf("%s: %s %d×%d, want a %d×%d PNG", lim.Service, res.MIME, res.Width, res.Height, c.w, c.h)
		}
		if !strings.HasPrefix(res.Explanation, fmt.Sprintf("Drawn from the SVG at %d×%d and saved as PNG", c.w, c.h)) || !strings.Contains(res.Explanation, "transparency") {
			t.Errorf("%s: %q", lim.Service, res.Explanation)
		}
		if int64(len(res.Bytes)) > lim.FitBudget() {
			t.Errorf("%s: %d bytes, over the budget", lim.Service, len(res.Bytes))
		}
		// The corner is transparent, as in the drawing.
		if _, _, _, a := res.Image.At(0, 0).RGBA(); a != 0 {
			t.Errorf("%s: corner alpha %d, want transparent", lim.Service, a)
		}
	}
	// Square crop works on a drawn logo too.
	res, err := Fit(data, limits.ZoomProfilePicture, Options{Square: true})
	if err != nil || res.Width != res.Height {
		t.Fatalf("square: %d×%d %v", res.Width, res.Height, err)
	}
	// And the quick preview draws it small.
	img, err := QuickPreviewData(data, 128)
	if err != nil || img.Bounds().Dx() != 128 || img.Bounds().Dy() != 64 {
		t.Fatalf("QuickPreviewData = %v, %v", img.Bounds(), err)
	}
}
