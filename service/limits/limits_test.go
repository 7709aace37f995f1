package limits

import (
	"reflect"
	"testing"
)

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 731: "731 bytes", 1024: "1 KB", 43_000: "42 KB", 1 << 20: "1 MB",
		2 << 20: "2 MB", 1_500_000: "1.4 MB", 10 << 20: "10 MB", 200_000: "195 KB"} {
		if got := HumanBytes(n); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestEveryLimitIsUsable(t *testing.T) {
	for _, l := range []Limit{ZohoCRMOrgPhoto, BiginRecordPhoto, BiginContactPhoto, ZoomProfilePicture} {
		if l.Service == "" || l.MaxBytes <= 0 || len(l.Formats) == 0 || !l.Accepts(l.Formats[0]) || l.Accepts("image/heic") {
			t.Errorf("%+v", l)
		}
	}
}

// A re-encoded file aims under the decimal reading of the vendor's "N MB", which both
// readings accept; an untouched file may use the binary one.
func TestFitBudgetIsTheDecimalReading(t *testing.T) {
	for l, want := range map[*Limit]int64{&ZohoCRMOrgPhoto: 1_000_000, &BiginRecordPhoto: 10_000_000, &BiginContactPhoto: 10_000_000,
		&ZoomProfilePicture: 2_000_000} {
		if got := l.FitBudget(); got != want || got >= l.MaxBytes {
			t.Errorf("%s: FitBudget %d, MaxBytes %d; want %d, below MaxBytes", l.Service, got, l.MaxBytes, want)
		}
	}
	if got := (Limit{MaxBytes: 30 << 10}).FitBudget(); got != 30<<10 {
		t.Errorf("a limit with only MaxBytes: FitBudget %d", got)
	}
}

// A person's picture (a Zoom profile picture, a Bigin contact's photo) has an avatar
// size and is square; logos and company or product photos have none.
func TestAvatarSides(t *testing.T) {
	for l, want := range map[*Limit]int{&ZohoCRMOrgPhoto: 0, &BiginOrgLogo: 0, &BiginRecordPhoto: 0,
		&BiginContactPhoto: 512, &ZoomProfilePicture: 512} {
		if l.AvatarSide != want || (want > 0 && !l.Square) {
			t.Errorf("%s %s: AvatarSide %d, Square %v; want %d", l.Service, l.What, l.AvatarSide, l.Square, want)
		}
	}
}

// A contact's photo is a record photo in every limit but its name and avatar size.
func TestBiginContactPhotoIsARecordPhoto(t *testing.T) {
	c, r := BiginContactPhoto, BiginRecordPhoto
	if c.What != "contact photo" || r.What != "record photo" {
		t.Errorf("What: %q, %q", c.What, r.What)
	}
	c.What, c.AvatarSide = r.What, r.AvatarSide
	if !reflect.DeepEqual(c, r) {
		t.Errorf("contact photo %+v\nrecord photo  %+v", c, r)
	}
}
