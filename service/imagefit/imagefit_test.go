package imagefit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"logodesk/service/limits"
)

func TestCheckAndFitRefuseUnusableFiles(t *testing.T) {
	small := encJPEG(t, photo(64, 48), 90)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "This file is empty."},
		{"pdf renamed to png", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "This file is a PDF document, not an image. Export the page as PNG or JPEG."},
		{"heic", append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...), "This is a HEIC photo, which LogoDesk can't read. Export it as JPEG or PNG and try again."},
		{"heif", append([]byte("\x00\x00\x00\x14ftypmif1\x00\x00\x00\x00mif1"), make([]byte, 64)...), "This is a HEIF image, which LogoDesk can't read. Export it as JPEG or PNG and try again."},
		{"avif", append([]byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), make([]byte, 64)...), "This is an AVIF image, which LogoDesk can't read. Export it as JPEG or PNG and try again."},
		{"mp4 video", append([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), make([]byte, 64)...), "This file is a video, not an image. Pick a photo or picture file instead."},
		{"svg", []byte("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\"/>"), "This SVG doesn't say how big it is (it has no width, height or viewBox). Export it again with a viewBox, or as PNG."},
		{"svg with an outside picture", []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><use xlink:href="http://example.com/x.svg#a"/></svg>`), svgOutsideRef},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00\x00\x00"), "This is a TIFF image (or a camera RAW photo), which LogoDesk can't read. Export it as JPEG or PNG and try again."},
		{"psd", []byte("8BPS\x00\x01\x00\x00\x00\x00\x00\x00"), "This is a Photoshop file (PSD), which LogoDesk can't read. Export it as PNG or JPEG and try again."},
		{"ico", []byte("\x00\x00\x01\x00\x01\x00\x10\x10\x00\x00"), "This is an icon file (ICO), which LogoDesk can't read. Export it as PNG and try again."},
		{"zip/docx", []byte("PK\x03\x04\x14\x00\x06\x00"), "This file is a ZIP archive or an Office document, not an image. Save the picture itself as PNG or JPEG."},
		{"html", []byte("<!DOCTYPE html><html><body><img src=x.png></body></html>"), "This file is a web page, not an image. Save the picture itself as PNG or JPEG."},
		{"text", []byte("just some notes\n"), "This file is text, not an image. Pick a photo or picture file instead."},
		{"random binary", []byte{0x00, 0x9f, 0x13, 0x77, 0xfe, 0x01, 0x02}, "This file isn't an image LogoDesk can read. Use a JPEG or PNG file."},
		{"jpeg header only", small[:20], "This image is damaged and can't be opened."},
		{"png signature only", []byte("\x89PNG\r\n\x1a\n"), "This image is damaged and can't be opened."},
		{"too large png", pngHeader(20000, 20000), "This image is 20000×20000 pixels, too large to open safely (the most is 100 megapixels)."},
		{"too large, thin", pngHeader(1_000_000, 101), "This image is 1000000×101 pixels, too large to open safely (the most is 100 megapixels)."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Check(c.data)
			assertProblem(t, "Check", err, c.want)
			res, err := Fit(c.data, limits.ZohoCRMOrgPhoto, Options{})
			assertProblem(t, "Fit", err, c.want)
			if res.Bytes != nil {
				t.Errorf("Fit returned %d bytes to upload with an error", len(res.Bytes))
			}
			s, err := NewSource(c.data)
			assertProblem(t, "NewSource", err, c.want)
			if s != nil {
				t.Error("NewSource returned a Source with an error")
			}
		})
	}
}

func assertProblem(t *testing.T, what string, err error, want string) {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("%s: err = %v (%T), want *Problem %q", what, err, err, want)
	}
	if p.Error() != want {
		t.Errorf("%s: %q\nwant %q", what, p.Error(), want)
	}
	if strings.Count(want, ". ") > 1 || !strings.HasSuffix(p.Error(), ".") {
		t.Errorf("%s: %q is not one or two plain sentences", what, p.Error())
	}
}

// A file whose header is fine but whose pixels are cut off passes Check (header only)
// and is refused by Fit, which decodes everything: nothing damaged is uploaded.
func TestFitRefusesTruncatedImage(t *testing.T) {
	for name, data := range map[string][]byte{
		"jpeg": encJPEG(t, photo(400, 300), 90),
		"png":  encPNG(t, photo(400, 300)),
	} {
		t.Run(name, func(t *testing.T) {
			cut := data[:len(data)/2]
			if _, err := Check(cut); err != nil {
				t.Fatalf("Check reads only the header, got %v", err)
			}
			res, err := Fit(cut, limits.ZoomProfilePicture, Options{})
			assertProblem(t, "Fit", err, "This image is damaged and can't be opened.")
			if res.Bytes != nil {
				t.Error("bytes returned with an error")
			}
		})
	}
}

func TestCheckInfo(t *testing.T) {
	jpg := encJPEG(t, photo(300, 200), 90)
	cases := []struct {
		name              string
		data              []byte
		format, mime      string
		w, h, orientation int
	}{
		{"jpeg", jpg, "jpeg", "image/jpeg", 300, 200, 1},
		{"jpeg rotated (EXIF 6, little-endian)", withOrientation(jpg, 6, binary.LittleEndian), "jpeg", "image/jpeg", 200, 300, 6},
		{"jpeg flipped (EXIF 3, big-endian)", withOrientation(jpg, 3, binary.BigEndian), "jpeg", "image/jpeg", 300, 200, 3},
		{"jpeg bad EXIF value", withOrientation(jpg, 77, binary.BigEndian), "jpeg", "image/jpeg", 300, 200, 1},
		{"png", encPNG(t, logo(120, 80)), "png", "image/png", 120, 80, 1},
		{"gif", encGIF(t, photo(50, 40)), "gif", "image/gif", 50, 40, 1},
		{"bmp", encBMP(t, photo(33, 21)), "bmp", "image/bmp", 33, 21, 1},
		// A 1×1 lossless WebP (VP8L).
		{"webp", []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"), "webp", "image/webp", 1, 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := Check(c.data)
			if err != nil {
				t.Fatal(err)
			}
			want := Info{Format: c.format, MIME: c.mime, Width: c.w, Height: c.h, Bytes: len(c.data), Orientation: c.orientation}
			if info != want {
				t.Errorf("got %+v\nwant %+v", info, want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "logo.png")
	data := encPNG(t, logo(40, 40))
	must(t, os.WriteFile(good, data, 0o644))
	empty := filepath.Join(dir, "empty.jpg")
	must(t, os.WriteFile(empty, nil, 0o644))
	huge := filepath.Join(dir, "huge.jpg")
	f, err := os.Create(huge)
	must(t, err)
	must(t, f.Truncate(MaxFileBytes+1)) // sparse: costs no disk
	must(t, f.Close())

	got, err := ReadFile(good)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("ReadFile(good) = %d bytes, %v", len(got), err)
	}
	for _, c := range []struct{ path, want string }{
		{dir, "This is a folder, not an image file. Drop a single picture file."},
		{filepath.Join(dir, "gone.png"), "LogoDesk can't find this file. It may have been moved or deleted."},
		{empty, "This file is empty."},
		{huge, "This file is 200.0 MB, too large for a picture (the most is 200 MB)."},
	} {
		_, err := ReadFile(c.path)
		assertProblem(t, filepath.Base(c.path), err, c.want)
	}
	if os.Geteuid() != 0 { // root reads anything
		locked := filepath.Join(dir, "locked.png")
		must(t, os.WriteFile(locked, data, 0o000))
		_, err := ReadFile(locked)
		assertProblem(t, "locked", err, "LogoDesk isn't allowed to read this file. Copy it somewhere you can open it and try again.")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestFitAlreadyFitsIsByteIdentical(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		lim  limits.Limit
		opt  Options
		want string
	}{
		{"jpeg for Zoho CRM", encJPEG(t, photo(800, 600), 85), limits.ZohoCRMOrgPhoto, Options{}, "Already fits Zoho CRM's limits: LogoDesk will send it unchanged."},
		{"png logo for Zoho CRM", encPNG(t, logo(500, 300)), limits.ZohoCRMOrgPhoto, Options{}, "Already fits Zoho CRM's limits: LogoDesk will send it unchanged."},
		{"gif for Bigin", encGIF(t, photo(200, 100)), limits.BiginRecordPhoto, Options{}, "Already fits Bigin's limits: LogoDesk will send it unchanged."},
		{"square jpeg, square asked, Zoom", encJPEG(t, photo(640, 640), 90), limits.ZoomProfilePicture, Options{Square: true}, "Already fits Zoom's limits: LogoDesk will send it unchanged."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Fit(c.data, c.lim, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Bytes, c.data) || res.Changed {
				t.Errorf("changed: %d→%d bytes, Changed=%v", len(c.data), len(res.Bytes), res.Changed)
			}
			if res.Explanation != c.want {
				t.Errorf("explanation %q, want %q", res.Explanation, c.want)
			}
			info, _ := Check(c.data)
			if res.MIME != info.MIME || res.Width != info.Width || res.Height != info.Height || res.Original != info {
				t.Errorf("result %s %dx%d, original %+v; want those of %+v", res.MIME, res.Width, res.Height, res.Original, info)
			}
		})
	}
}

func TestFitChangesWhatMustChange(t *testing.T) {
	tinyLimit := limits.Limit{Service: "Test", MaxBytes: 30 << 10, MaxPixels: 10_000_000, Formats: []string{limits.JPEG, limits.PNG}}
	pngOnly := limits.Limit{Service: "PNGOnly", MaxBytes: 1 << 20, Formats: []string{limits.PNG}}
	zoomNoAvatar := limits.ZoomProfilePicture // no pixel limit and no avatar size
	zoomNoAvatar.AvatarSide = 0
	cases := []struct {
		name     string
		data     []byte
		lim      limits.Limit
		opt      Options
		wantMIME string
		explain  string // regexp
		check    func(t *testing.T, img image.Image)
	}{
		{"12 MP photo for Zoho CRM", encJPEG(t, photo(4000, 3000), 92), limits.ZohoCRMOrgPhoto, Options{}, "image/jpeg",
			`^Resized from 4000×3000 to 3651×2738 and saved as JPEG \(quality (\d+)\) to fit Zoho CRM's 1 MB and 10-megapixel limits\.$`, nil},
		{"big-bytes photo, no pixel limit or avatar size: only quality drops", encJPEG(t, photo(2400, 1600), 100), zoomNoAvatar, Options{}, "image/jpeg",
			`^Saved as JPEG \(quality \d+\) to fit Zoom's 2 MB limit\.$`, nil},
		{"big-bytes photo for Zoom: the avatar size", encJPEG(t, photo(2400, 1600), 100), limits.ZoomProfilePicture, Options{}, "image/jpeg",
			`^Resized from 2400×1600 to 512×341 \(plenty for a profile picture, which Zoom shows small\) and saved as JPEG \(quality 92\) to fit Zoom's 2 MB limit\.$`, nil},
		{"transparent photo PNG too big as PNG: JPEG on white", encPNG(t, photoAlpha(1400, 1000)), limits.ZohoCRMOrgPhoto, Options{}, "image/jpeg",
			`^Saved as JPEG \(quality \d+\) to fit Zoho CRM's 1 MB limit; transparent areas are now white\.$`,
			func(t *testing.T, img image.Image) {
				if r, g, b, _ := img.At(2, 2).RGBA(); r>>8 < 245 || g>>8 < 245 || b>>8 < 245 {
					t.Errorf("corner is %d,%d,%d, want white", r>>8, g>>8, b>>8)
				}
			}},
		{"large transparent logo stays PNG", encPNG(t, logo(4200, 3000)), limits.ZohoCRMOrgPhoto, Options{}, "image/png",
			`^Resized from 4200×3000 to 3741×2672 and saved as PNG to keep its transparency to fit Zoho CRM's 10-megapixel limit\.$`,
			func(t *testing.T, img image.Image) {
				if _, _, _, a := img.At(1, 1).RGBA(); a != 0 {
					t.Errorf("corner alpha %d, want transparent", a)
				}
			}},
		{"gif for Zoom becomes PNG", encGIF(t, photo(300, 200)), limits.ZoomProfilePicture, Options{}, "image/png",
			`^Saved as PNG because Zoom takes only JPEG or PNG\.$`, nil},
		{"bmp for Zoom", encBMP(t, photo(900, 700)), limits.ZoomProfilePicture, Options{}, "",
			`^Resized from 900×700 to 512×398 \(plenty for a profile picture, which Zoom shows small\) and saved as (PNG|JPEG \(quality \d+\)) because Zoom takes only JPEG or PNG\.$`, nil},
		{"square crop offered and taken", encJPEG(t, halvesSideways(1200, 800), 90), limits.ZoomProfilePicture, Options{Square: true}, "image/jpeg",
			`^Cropped to a centred square, resized from 800×800 to 512×512 \(plenty for a profile picture, which Zoom shows small\) and saved as JPEG \(quality 92\)\.$`,
			func(t *testing.T, img image.Image) {
				if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
					t.Errorf("%v, want 512×512", b)
				}
				// The source is red | blue, split at 1/2; the centred crop keeps the split in the middle.
				if !reddish(img.At(128, 256)) || !bluish(img.At(384, 256)) {
					t.Error("crop is not centred")
				}
			}},
		{"tiny byte limit: smaller dimensions", encJPEG(t, photo(2000, 1500), 92), tinyLimit, Options{}, "image/jpeg",
			`^Resized from 2000×1500 to \d+×\d+ and saved as JPEG \(quality \d+\) to fit Test's 30 KB limit\.$`, nil},
		{"jpeg for a PNG-only slot", encJPEG(t, photo(640, 480), 90), pngOnly, Options{}, "image/png",
			`^Saved as PNG because PNGOnly takes only PNG\.$`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Fit(c.data, c.lim, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(c.explain).MatchString(res.Explanation) {
				t.Errorf("explanation %q\nwant match %s", res.Explanation, c.explain)
			}
			if c.wantMIME != "" && res.MIME != c.wantMIME {
				t.Errorf("MIME %s, want %s", res.MIME, c.wantMIME)
			}
			img := assertFitted(t, c.data, res, c.lim, c.opt)
			if c.check != nil && img != nil {
				c.check(t, img)
			}
		})
	}
}

// assertFitted checks what every fitted result must satisfy and returns the decoded output.
func assertFitted(t *testing.T, data []byte, res Result, lim limits.Limit, opt Options) image.Image {
	t.Helper()
	if !res.Changed || bytes.Equal(res.Bytes, data) {
		t.Error("Changed=false or original bytes returned for a picture that had to change")
	}
	info, err := Check(res.Bytes)
	if err != nil {
		t.Fatalf("output fails Check: %v", err)
	}
	if info.MIME != res.MIME || !lim.Accepts(res.MIME) {
		t.Errorf("output is %s, Result says %s, limit takes %v", info.MIME, res.MIME, lim.Formats)
	}
	if int64(len(res.Bytes)) > lim.MaxBytes {
		t.Errorf("%d bytes > %d", len(res.Bytes), lim.MaxBytes)
	}
	if lim.MaxPixels > 0 && info.Pixels() > lim.MaxPixels {
		t.Errorf("%d×%d > %d pixels", info.Width, info.Height, lim.MaxPixels)
	}
	if info.Width != res.Width || info.Height != res.Height {
		t.Errorf("Result says %d×%d, file is %d×%d", res.Width, res.Height, info.Width, info.Height)
	}
	img, err := decode(res.Bytes)
	if err != nil {
		t.Fatalf("output does not decode: %v", err)
	}
	if lim.AvatarSide > 0 && max(res.Width, res.Height) > lim.AvatarSide {
		t.Errorf("%d×%d, over the avatar size %d", res.Width, res.Height, lim.AvatarSide)
	}
	ow, oh := res.Original.Width, res.Original.Height
	if opt.Square || opt.Frame != nil {
		ow, oh = min(ow, oh), min(ow, oh)
	}
	// Aspect ratio kept to the pixel: the height is the width's exact share, ±1.
	if want := float64(res.Width) * float64(oh) / float64(ow); math.Abs(float64(res.Height)-want) > 1 {
		t.Errorf("aspect: %d×%d from %d×%d (height should be %.1f)", res.Width, res.Height, ow, oh, want)
	}
	if res.Original.Bytes != len(data) {
		t.Errorf("Original.Bytes %d, want %d", res.Original.Bytes, len(data))
	}
	return img
}

func TestFitAppliesEXIFOrientation(t *testing.T) {
	// Stored: 300×200, red top half, blue bottom half. Orientation 6 means "rotate 90°
	// clockwise to display": shown as 200×300 with red on the right, blue on the left.
	stored := encJPEG(t, halves(300, 200), 95)
	lim := limits.Limit{Service: "Test", MaxBytes: 1 << 20, MaxPixels: 30_000, Formats: []string{limits.JPEG}}
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		data := withOrientation(stored, 6, order)
		res, err := Fit(data, lim, Options{})
		if err != nil {
			t.Fatal(err)
		}
		img := assertFitted(t, data, res, lim, Options{})
		if res.Width >= res.Height {
			t.Fatalf("%d×%d: not turned upright (want portrait)", res.Width, res.Height)
		}
		w, h := res.Width, res.Height
		if !bluish(img.At(w/4, h/2)) || !reddish(img.At(3*w/4, h/2)) {
			t.Errorf("left %v right %v: want blue | red", img.At(w/4, h/2), img.At(3*w/4, h/2))
		}
		if want := "Turned upright (the camera had stored it sideways), resized from 200×300 to 141×212 and saved as JPEG (quality 92) to fit Test's 30000-pixel limit."; res.Explanation != want {
			t.Errorf("explanation %q\nwant        %q", res.Explanation, want)
		}
	}
}

func TestFitSquareOfRotatedPhoto(t *testing.T) {
	// Orientation 8 (rotate 90° counter-clockwise) of red-top/blue-bottom: red left, blue right.
	data := withOrientation(encJPEG(t, halves(600, 400), 95), 8, binary.BigEndian)
	res, err := Fit(data, limits.ZoomProfilePicture, Options{Square: true})
	if err != nil {
		t.Fatal(err)
	}
	img := assertFitted(t, data, res, limits.ZoomProfilePicture, Options{Square: true})
	if res.Width != 400 || res.Height != 400 {
		t.Fatalf("%d×%d, want 400×400", res.Width, res.Height)
	}
	if !reddish(img.At(100, 200)) || !bluish(img.At(300, 200)) {
		t.Errorf("left %v right %v: want red | blue", img.At(100, 200), img.At(300, 200))
	}
}

func reddish(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, _, b, _ := c.RGBA()
	return r > 2*b
}

func bluish(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, _, b, _ := c.RGBA()
	return b > 2*r
}

// halvesSideways is red on the left half, blue on the right.
func halvesSideways(w, h int) image.Image {
	img := halves(h, w) // h×w, red top
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			out.Set(x, y, img.At(y, x))
		}
	}
	return out
}

func photoAlpha(w, h int) image.Image { return testphotoWithAlpha(w, h) }

func TestFitPixelsKeepsAspect(t *testing.T) {
	for _, c := range [][2]int{{6000, 4000}, {4000, 6000}, {5000, 5000}, {9999, 17}, {1, 20_000_000}, {12345, 6789}} {
		w, h := fitPixels(c[0], c[1], 10_000_000)
		if int64(w)*int64(h) > 10_000_000 {
			t.Errorf("%v → %d×%d over 10 MP", c, w, h)
		}
		if want := float64(w) * float64(c[1]) / float64(c[0]); math.Abs(float64(h)-want) > 1 && w != 1 {
			t.Errorf("%v → %d×%d loses aspect", c, w, h)
		}
		if int64(c[0])*int64(c[1]) > 10_000_000 && int64(w+2)*int64(h+2) <= 10_000_000 {
			t.Errorf("%v → %d×%d: needlessly small", c, w, h)
		}
	}
}

// A JPEG stored sideways (EXIF orientation 2–8) that is within every limit is still
// re-encoded upright: not every service reads EXIF, and the preview (Result.Image) must
// show what will be sent, the same way up and the same size as the caption says.
func TestFitTurnsUprightEvenWhenItFits(t *testing.T) {
	stored := encJPEG(t, halves(320, 240), 95) // red top, blue bottom
	cases := []struct {
		o           uint16
		storedAs    string
		w, h        int
		left, right func(interface{ RGBA() (r, g, b, a uint32) }) bool // colours at mid-height
		top         func(interface{ RGBA() (r, g, b, a uint32) }) bool // colour at the top centre
	}{
		{6, "sideways", 240, 320, bluish, reddish, nil},
		{8, "sideways", 240, 320, reddish, bluish, nil},
		{3, "upside down", 320, 240, nil, nil, bluish},
		{2, "mirrored", 320, 240, nil, nil, reddish},
	}
	for _, c := range cases {
		for _, lim := range []limits.Limit{limits.ZoomProfilePicture, limits.ZohoCRMOrgPhoto, limits.BiginRecordPhoto} {
			data := withOrientation(stored, c.o, binary.LittleEndian)
			res, err := Fit(data, lim, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := "Turned upright (the camera had stored it " + c.storedAs + ") and saved as JPEG (quality 92)."
			if res.Explanation != want {
				t.Errorf("orientation %d, %s: %q\nwant %q", c.o, lim.Service, res.Explanation, want)
			}
			img := assertFitted(t, data, res, lim, Options{})
			if info, _ := Check(res.Bytes); info.Orientation != 1 || res.Width != c.w || res.Height != c.h {
				t.Errorf("orientation %d: sent %d×%d with orientation %d, want %d×%d upright", c.o, res.Width, res.Height, info.Orientation, c.w, c.h)
			}
			assertPreviewIsWhatIsSent(t, res, img)
			for _, shown := range []image.Image{img, res.Image} {
				b := shown.Bounds()
				if c.left != nil && (!c.left(shown.At(b.Dx()/4, b.Dy()/2)) || !c.right(shown.At(3*b.Dx()/4, b.Dy()/2))) {
					t.Errorf("orientation %d: left %v right %v", c.o, shown.At(b.Dx()/4, b.Dy()/2), shown.At(3*b.Dx()/4, b.Dy()/2))
				}
				if c.top != nil && !c.top(shown.At(b.Dx()/2, 5)) {
					t.Errorf("orientation %d: top %v", c.o, shown.At(b.Dx()/2, 5))
				}
			}
		}
	}
}

// assertPreviewIsWhatIsSent checks that Result.Image is the picture in Result.Bytes:
// same size and way up, and the same pixels up to JPEG's rounding.
func assertPreviewIsWhatIsSent(t *testing.T, res Result, sent image.Image) {
	t.Helper()
	if res.Image == nil {
		t.Fatal("Result.Image is nil for a changed picture")
	}
	if res.Image.Bounds() != sent.Bounds() {
		t.Fatalf("Result.Image is %v, the file is %v", res.Image.Bounds(), sent.Bounds())
	}
	var sum float64
	b := sent.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := res.Image.At(x, y).RGBA()
			r2, g2, b2, _ := sent.At(x, y).RGBA()
			sum += math.Abs(float64(r1)-float64(r2)) + math.Abs(float64(g1)-float64(g2)) + math.Abs(float64(b1)-float64(b2))
		}
	}
	if mean := sum / 3 / 257 / float64(b.Dx()*b.Dy()); mean > 4 {
		t.Errorf("Result.Image differs from the file's pixels by %.1f levels on average", mean)
	}
}

// Re-encoded files aim under the decimal reading of the service's limit (1,000,000 bytes
// for Zoho CRM's "1 MB"); files already under the binary reading are sent untouched.
func TestFitAimsUnderTheDecimalLimit(t *testing.T) {
	lim := limits.ZohoCRMOrgPhoto
	big := encJPEG(t, photo(3000, 2050), 95) // at quality 89 between the decimal and binary readings of 1 MB
	res, err := Fit(big, lim, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || int64(len(res.Bytes)) > lim.FitBudget() || lim.FitBudget() != 1_000_000 {
		t.Errorf("re-encoded to %d bytes, want at most 1,000,000", len(res.Bytes))
	}
	if len(res.Bytes) < 800_000 { // one quality step is up to 15% of the size
		t.Errorf("re-encoded to %d bytes: quality given away for nothing", len(res.Bytes))
	}
	// A file between the two readings is the user's own: sent untouched.
	between := padJPEG(encJPEG(t, photo(800, 600), 90), 1_030_000)
	res, err = Fit(between, lim, Options{})
	if err != nil || res.Changed || !bytes.Equal(res.Bytes, between) {
		t.Errorf("a %d-byte file was changed (err %v)", len(between), err)
	}
}

// An opaque PNG photo that can only fit as a JPEG goes through the planes (a quarter of
// RGBA's memory) and comes out as faithful as the RGBA path made it.
func TestFitOpaquePNGPhotoThroughPlanes(t *testing.T) {
	src := photo(3000, 2000) // over 2 MP once fitted: too large to be worth a PNG attempt
	lim := limits.Limit{Service: "Test", MaxBytes: 600_000, MaxPixels: 3_000_000, Formats: []string{limits.JPEG, limits.PNG}}
	data := encPNG(t, src)
	res, err := Fit(data, lim, Options{})
	if err != nil {
		t.Fatal(err)
	}
	img := assertFitted(t, data, res, lim, Options{})
	if _, ok := res.Image.(*image.YCbCr); !ok || res.MIME != limits.JPEG {
		t.Errorf("%s with a %T preview, want a JPEG from planes", res.MIME, res.Image)
	}
	assertPreviewIsWhatIsSent(t, res, img)
	ref := imaging.Resize(src, res.Width, res.Height, imaging.Lanczos)
	if p := psnrRGB(ref, img); p < 30 {
		t.Errorf("PSNR %.1f dB against a lossless resize", p)
	}
}

func psnrRGB(a *image.NRGBA, b image.Image) float64 {
	var se float64
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := a.NRGBAAt(x, y)
			cr, cg, cb, _ := b.At(x, y).RGBA()
			for _, d := range []float64{float64(c.R) - float64(cr>>8), float64(c.G) - float64(cg>>8), float64(c.B) - float64(cb>>8)} {
				se += d * d
			}
		}
	}
	return 10 * math.Log10(255*255*3*float64(r.Dx()*r.Dy())/se)
}

// A picture under 16 pixels a side that must change is re-encoded at its own size: the
// 16-pixel floor is only for making a picture smaller to fit its bytes.
func TestFitTinyPicture(t *testing.T) {
	for name, c := range map[string]struct {
		data []byte
		opt  Options
		w, h int
	}{
		"10×10 gif for Zoom":       {encGIF(t, photo(10, 10)), Options{}, 10, 10},
		"12×40 jpeg, square asked": {encJPEG(t, photo(12, 40), 90), Options{Square: true}, 12, 12},
	} {
		res, err := Fit(c.data, limits.ZoomProfilePicture, c.opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		assertFitted(t, c.data, res, limits.ZoomProfilePicture, c.opt)
		if res.Width != c.w || res.Height != c.h {
			t.Errorf("%s: %d×%d, want %d×%d", name, res.Width, res.Height, c.w, c.h)
		}
	}
}
