package limits

import "testing"

func TestBiginOrgLogoIsUsable(t *testing.T) {
	l := BiginOrgLogo
	if l.Service != "Bigin" || l.MaxBytes != 1<<20 || l.MaxPixels != 10_000_000 || !l.Accepts(PNG) || !l.Accepts(JPEG) || l.Accepts(GIF) {
		t.Errorf("%+v", l)
	}
}
