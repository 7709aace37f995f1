// Package limits is the one table of what each service accepts as a picture.
// The image fitter, the sandbox and the GUI all read it, so no limit is written twice.
package limits

import "strconv"

// MIME types the services talk about.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	GIF  = "image/gif"
	BMP  = "image/bmp"
)

// Limit describes one picture slot of one service.
type Limit struct {
	Service    string   // product name shown to users, e.g. "Zoho CRM"
	What       string   // what the picture is, e.g. "organization photo"
	MaxBytes   int64    // largest file sent as it is: the vendor's "1 MB" read as binary (1,048,576 bytes)
	FitBytes   int64    // byte budget when LogoDesk re-encodes: the same "1 MB" read as decimal (1,000,000)
	MaxPixels  int64    // largest width×height; 0 when the service states none
	Formats    []string // accepted MIME types, preferred first
	Square     bool     // shown in a square or round frame: offer a centred square crop
	AvatarSide int      // a person's picture, shown small and round: the crop editor is offered, and a re-encoded picture is at most this many pixels a side; 0 for logos
}

// Accepts reports whether mime is one of the limit's formats.
func (l Limit) Accepts(mime string) bool {
	for _, f := range l.Formats {
		if f == mime {
			return true
		}
	}
	return false
}

// The limits, from the vendors' docs (see ../shared/api-notes.md).
//
// Vendors write "1 MB" or "2M" without saying whether they mean 1,000,000 or 1,048,576
// bytes. So each limit carries both readings: a file the user made is sent untouched while it
// is under the binary value (refusing it on a guess would be worse than trying), but a file
// LogoDesk re-encodes aims under the decimal value, which every reading accepts.
var (
	// ZohoCRMOrgPhoto: "at most 1 MB and 10 megapixels"; the docs say only "image file",
	// and the GET endpoint is typed image/png, so we send PNG or JPEG.
	ZohoCRMOrgPhoto = Limit{Service: "Zoho CRM", What: "organization photo",
		MaxBytes: 1 << 20, FitBytes: 1_000_000, MaxPixels: 10_000_000, Formats: []string{PNG, JPEG}}

	// BiginRecordPhoto follows CRM record photos: PNG, JPEG, GIF, BMP, at most 10 MB and 10 MP.
	// It is the photo of a company (Accounts) or a product (Products).
	BiginRecordPhoto = Limit{Service: "Bigin", What: "record photo",
		MaxBytes: 10 << 20, FitBytes: 10_000_000, MaxPixels: 10_000_000, Formats: []string{PNG, JPEG, GIF, BMP}, Square: true}

	// BiginContactPhoto is a Bigin contact's photo: BiginRecordPhoto's bytes, pixels and
	// formats, but a person's picture, shown small and round.
	BiginContactPhoto = func() Limit {
		l := BiginRecordPhoto
		l.What, l.AvatarSide = "contact photo", 512
		return l
	}()

	// ZoomProfilePicture: JPEG or PNG, "File size cannot exceed 2M"; no pixel limit is documented.
	// Zoom shows it small and round, so a re-encoded picture is at most 512 pixels a side.
	ZoomProfilePicture = Limit{Service: "Zoom", What: "profile picture",
		MaxBytes: 2 << 20, FitBytes: 2_000_000, Formats: []string{JPEG, PNG}, Square: true, AvatarSide: 512}
)

// FitBudget is the most bytes a re-encoded file may have: FitBytes, or MaxBytes when a
// limit gives only one value.
func (l Limit) FitBudget() int64 {
	if l.FitBytes > 0 && (l.MaxBytes <= 0 || l.FitBytes < l.MaxBytes) {
		return l.FitBytes
	}
	return l.MaxBytes
}

// HumanBytes writes a size the way people read it: "1 MB", "1.4 MB", "42 KB", "731 bytes".
// Every size LogoDesk shows goes through it, so limits and files read alike.
func HumanBytes(n int64) string {
	const mb = 1 << 20
	switch {
	case n >= mb && n%mb == 0:
		return strconv.FormatInt(n/mb, 10) + " MB"
	case n >= mb:
		return strconv.FormatFloat(float64(n)/mb, 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt((n+512)>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
