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

// A re-encoded file aims under the decimal reading of the vendor's "N MB", which both
// readings accept; an untouched file may use the binary one.
func TestFitBudgetIsTheDecimalReading(t *testing.T) {
	for l, want := range map[*Limit]int64{&ZohoCRMOrgPhoto: 1_000_000, &BiginRecordPhoto: 10_000_000, &ZoomProfilePicture: 2_000_000} {
		if got := l.FitBudget(); got != want || got >= l.MaxBytes {
			t.Errorf("%s: FitBudget %d, MaxBytes %d; want %d, below MaxBytes", l.Service, got, l.MaxBytes, want)
		}
	}
	if got := (Limit{MaxBytes: 30 << 10}).FitBudget(); got != 30<<10 {
		t.Errorf("a limit with only MaxBytes: FitBudget %d", got)
	}
}
