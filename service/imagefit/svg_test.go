package imagefit

import (
	"os"
	"strings"
	"testing"

	"logodesk/service/limits"
)

const svgOutsideRef = "This SVG refers to another file or a web address, which LogoDesk doesn't fetch. Embed everything in the SVG, or export the logo as PNG."

// A brand logo in SVG is drawn at the largest logo size each service allows and
// sent as PNG with its transparency; the sentence says it was drawn.
func TestFitDrawsSVGLogos(t *testing.T) {
	data, err := os.ReadFile("testdata/logo.svg") // 240×120, gradients, transparent background
	if err != nil {
		t.Fatal(err)
	}
	info, err := Check(data)
	if err != nil || info.Format != "svg" || info.Width != 240 || info.Height != 120 {
		t.Fatalf("Check = %+v, %v", info, err)
	}
	for _, lim := range []limits.Limit{limits.ZohoCRMOrgPhoto, limits.BiginOrgLogo, limits.ZoomProfilePicture} {
		res, err := Fit(data, lim, Options{})
		if err != nil {
			t.Fatalf("%s: %v", lim.Service, err)
		}
		if res.MIME != limits.PNG || res.Width != 1024 || res.Height != 512 || !res.Changed {
			t.Errorf("%s: %s %d×%d, want a 1024×512 PNG", lim.Service, res.MIME, res.Width, res.Height)
		}
		if !strings.HasPrefix(res.Explanation, "Drawn from the SVG at 1024×512") || !strings.Contains(res.Explanation, "transparency") {
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
