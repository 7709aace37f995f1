package svgraster

import (
	"math"
	"testing"

	"logodesk/service/limits"
)

func TestNaturalSize(t *testing.T) {
	for _, tc := range []struct {
		attrs string
		w, h  float64
	}{
		{`width="120" height="60"`, 120, 60},
		{`width="120px" height="60px" viewBox="0 0 12 6"`, 120, 60},
		{`width="72pt" height="36pt"`, 96, 48},
		{`width="25.4mm" height="2.54cm"`, 96, 96},
		{`width="1in" height="0.5in"`, 96, 48},
		{`width="10em" height="5em"`, 160, 80},
		{`viewBox="0 0 300 100"`, 300, 100},
		{`viewBox="-50,-50, 200,100"`, 200, 100},
		{`width="600" viewBox="0 0 300 100"`, 600, 200},
		{`height="50" viewBox="0 0 300 100"`, 150, 50},
		{`width="100%" height="100%" viewBox="0 0 64 32"`, 64, 32},
		{`width="50%" viewBox="0 0 64 32"`, 32, 16},
	} {
		doc, err := parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" ` + tc.attrs + `/>`))
		if err != nil {
			t.Fatalf("%s: %v", tc.attrs, err)
		}
		w, h, _, err := naturalSize(doc.root)
		if err != nil || math.Abs(w-tc.w) > 1e-9 || math.Abs(h-tc.h) > 1e-9 {
			t.Errorf("%s: %v×%v (%v), want %v×%v", tc.attrs, w, h, err, tc.w, tc.h)
		}
	}
}

func TestNaturalSizeRefusals(t *testing.T) {
	for _, attrs := range []string{``, `width="100%" height="100%"`, `width="-5" height="5"`, `width="abc" height="5"`,
		`viewBox="0 0 0 10"`, `width="1000" height="0.5"`} {
		doc, err := parse([]byte(`<svg xmlns="http://www.w3.org/2000/svg" ` + attrs + `/>`))
		if err != nil {
			t.Fatalf("%s: %v", attrs, err)
		}
		if _, _, _, err := naturalSize(doc.root); err == nil {
			t.Errorf("%q: accepted", attrs)
		}
	}
}

func TestBoxFit(t *testing.T) {
	for _, tc := range []struct {
		box        Box
		natW, natH float64
		w, h       int
	}{
		{Box{1024, 1024, 0}, 300, 100, 1024, 341},
		{Box{1024, 1024, 0}, 16, 16, 1024, 1024},      // vectors scale up
		{Box{1024, 1024, 0}, 100, 300, 341, 1024},     // portrait
		{Box{1024, 1024, 100_000}, 1, 1, 316, 316},    // pixel limit
		{Box{1024, 512, 0}, 100, 100, 512, 512},       // height limit
		{Box{}, 1, 1, MaxSide, MaxSide},               // no limits: MaxSide
		{Box{100000, 100000, 0}, 2, 1, MaxSide, 2048}, // capped at MaxSide
		{Box{1024, 1024, 0}, 999, 1, 1024, 1},         // hairline keeps one row
	} {
		w, h := tc.box.Fit(tc.natW, tc.natH)
		if w != tc.w || h != tc.h {
			t.Errorf("%+v.Fit(%v, %v) = %d×%d, want %d×%d", tc.box, tc.natW, tc.natH, w, h, tc.w, tc.h)
		}
	}
}

func TestLogoBox(t *testing.T) {
	if b := LogoBox(limits.ZohoCRMOrgPhoto); b != (Box{LogoSide, LogoSide, 10_000_000}) {
		t.Errorf("LogoBox(CRM) = %+v", b)
	}
	w, h := LogoBox(limits.ZoomProfilePicture).Fit(640, 480)
	if w != 1024 || h != 768 {
		t.Errorf("a 640×480 logo for Zoom = %d×%d, want 1024×768", w, h)
	}
}
