package limits

import "testing"

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 731: "731 bytes", 1024: "1 KB", 43_000: "42 KB", 1 << 20: "1 MB",
		2 << 20: "2 MB", 1_500_000: "1.4 MB", 10 << 20: "10 MB", 200_000: "195 KB"} {
		if got := HumanBytes(n); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestEveryLimitIsUsable(t *testing.T) {
	for _, l := range []Limit{ZohoCRMOrgPhoto, BiginRecordPhoto, ZoomProfilePicture} {
		if l.Service == "" || l.MaxBytes <= 0 || len(l.Formats) == 0 || !l.Accepts(l.Formats[0]) || l.Accepts("image/heic") {
			t.Errorf("%+v", l)
		}
	}
}
