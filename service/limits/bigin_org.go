package limits

// BiginOrgLogo is Bigin's organization logo. Bigin's v2 upload page says the file
// "should not exceed 1 Mb"; its v1 page's error text also names 10 megapixels. The
// docs say only "image file", so LogoDesk sends PNG or JPEG, as for CRM's org photo.
// (Kept in its own file so the main table's byte targets can change without conflicts.)
var BiginOrgLogo = Limit{Service: "Bigin", What: "organization logo",
	MaxBytes: 1 << 20, MaxPixels: 10_000_000, Formats: []string{PNG, JPEG}}
