package imagefit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/disintegration/imaging"

	"logodesk/service/imagefit/internal/resample"
	"logodesk/service/limits"
)

func TestFramePixels(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		f    Frame
		w, h int
		want image.Rectangle
	}{
		{Frame{0, 0, 1}, 600, 400, image.Rect(0, 0, 400, 400)},
		{Frame{0.5, 0, 1}, 600, 400, image.Rect(200, 0, 600, 400)},            // moved back inside
		{Frame{0.75, 0, 0.375}, 600, 400, image.Rect(450, 0, 600, 150)},       // the top-right 150×150
		{Frame{0.1, 0.2, 0.5}, 400, 600, image.Rect(40, 120, 240, 320)},       // portrait: Side of the width
		{Frame{-3, -1, 0.5}, 600, 400, image.Rect(0, 0, 200, 200)},            // negative: at the edge
		{Frame{7, 9, 0.5}, 600, 400, image.Rect(400, 200, 600, 400)},          // past the end: at the far edge
		{Frame{0, 0, 2}, 600, 400, image.Rect(0, 0, 400, 400)},                // Side over 1: the shorter side
		{Frame{0.5, 0.5, 0}, 600, 400, image.Rect(300, 200, 301, 201)},        // Side 0: one pixel
		{Frame{0.5, 0.5, -1}, 600, 400, image.Rect(300, 200, 301, 201)},       // negative Side: one pixel
		{Frame{0.5, 0.5, 1e-9}, 600, 400, image.Rect(300, 200, 301, 201)},     // a sliver: one pixel
		{Frame{1e300, -1e300, 1e300}, 600, 400, image.Rect(200, 0, 600, 400)}, // huge numbers don't overflow
		{Frame{nan, 0, 0.5}, 600, 400, image.Rect(100, 0, 500, 400)},          // NaN: centred full square
		{Frame{0, inf, 0.5}, 600, 400, image.Rect(100, 0, 500, 400)},
		{Frame{0, 0, math.Inf(-1)}, 400, 600, image.Rect(0, 100, 400, 500)},
		{Frame{0.3, 0.3, 0.3}, 1, 1, image.Rect(0, 0, 1, 1)},
		{Frame{0.999, 0.5, 0.5}, 7, 3, image.Rect(5, 1, 7, 3)}, // side round(1.5) = 2
	} {
		if got := c.f.pixels(c.w, c.h); got != c.want {
			t.Errorf("%+v of %d×%d: %v, want %v", c.f, c.w, c.h, got, c.want)
		}
	}
}

// For every EXIF orientation, the stored rectangle storedRect gives, cropped and then
// turned (by orientPlane, as the JPEG path does, and by imaging's transforms, as the
// RGBA path does), is exactly the upright rectangle asked for.
func TestStoredRectAllOrientations(t *testing.T) {
	const w, h = 7, 5 // stored
	stored := resample.NewPlane(w, h)
	nrgba := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range stored.Pix {
		stored.Pix[i] = uint8(i + 1) // every pixel different
		nrgba.Pix[4*i], nrgba.Pix[4*i+3] = uint8(i+1), 255
	}
	for o := 1; o <= 8; o++ {
		uw, uh := w, h
		if o >= 5 {
			uw, uh = h, w
		}
		shown := resample.NewPlane(uw, uh)
		orientPlane(shown, stored, o)
		for _, r := range []image.Rectangle{image.Rect(0, 0, uw, uh), image.Rect(0, 0, 1, 1), image.Rect(1, 2, 4, 5),
			image.Rect(uw-2, 0, uw, 2), image.Rect(0, uh-3, 3, uh), image.Rect(2, 1, 3, 4)} {
			s := storedRect(r, w, h, o)
			if !s.In(image.Rect(0, 0, w, h)) || s.Dx()*s.Dy() != r.Dx()*r.Dy() {
				t.Fatalf("orientation %d: %v → %v, outside the %d×%d picture or not the same size", o, r, s, w, h)
			}
			// The JPEG path: crop the plane, turn it.
			sub := resample.NewPlane(s.Dx(), s.Dy())
			for y := 0; y < s.Dy(); y++ {
				copy(sub.Pix[y*sub.Stride:], stored.Pix[(s.Min.Y+y)*stored.Stride+s.Min.X:][:s.Dx()])
			}
			turned := resample.NewPlane(r.Dx(), r.Dy())
			orientPlane(turned, sub, o)
			// The RGBA path: crop, turn with imaging.
			viaImaging := upright(imaging.Crop(nrgba, s), o).(*image.NRGBA)
			for y := 0; y < r.Dy(); y++ {
				for x := 0; x < r.Dx(); x++ {
					want := shown.Pix[(r.Min.Y+y)*shown.Stride+r.Min.X+x]
					if got := turned.Pix[y*turned.Stride+x]; got != want {
						t.Fatalf("orientation %d, %v (stored %v): planes give %d at (%d,%d), want %d", o, r, s, got, x, y, want)
					}
					if got := viaImaging.NRGBAAt(x, y).R; got != want {
						t.Fatalf("orientation %d, %v (stored %v): imaging gives %d at (%d,%d), want %d", o, r, s, got, x, y, want)
					}
				}
			}
		}
	}
}

// corners is an upright w×h picture, grey, with a side×side square of its own colour in
// each corner: red top left, green top right, blue bottom left, yellow bottom right.
func corners(w, h, side int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{128, 128, 128, 255}
			left, right, top, bottom := x < side, x >= w-side, y < side, y >= h-side
			switch {
			case top && left:
				c = color.NRGBA{230, 20, 20, 255}
			case top && right:
				c = color.NRGBA{20, 200, 20, 255}
			case bottom && left:
				c = color.NRGBA{20, 20, 230, 255}
			case bottom && right:
				c = color.NRGBA{230, 220, 20, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// storedFor is the picture a camera stores with EXIF orientation o so that it shows as
// upright (imaging's inverse transforms: 6 and 8 are each other's, the rest their own).
func storedFor(shown image.Image, o int) image.Image {
	switch o {
	case 6:
		return imaging.Rotate90(shown)
	case 8:
		return imaging.Rotate270(shown)
	}
	return upright(shown, o)
}

var cornerColours = []struct {
	name  string
	right bool
	top   bool
	want  color.NRGBA
}{
	{"top left", false, true, color.NRGBA{230, 20, 20, 255}},
	{"top right", true, true, color.NRGBA{20, 200, 20, 255}},
	{"bottom left", false, false, color.NRGBA{20, 20, 230, 255}},
	{"bottom right", true, false, color.NRGBA{230, 220, 20, 255}},
}

// The user frames a corner of the picture as shown; for every EXIF orientation, and on
// both the JPEG path (planes) and the RGBA path (a PNG-only slot), the output is that
// corner, in its colour.
func TestFitFramesTheCornerShownForEveryOrientation(t *testing.T) {
	const uw, uh, side = 600, 400, 150 // as shown
	shown := corners(uw, uh, side)
	pngOnly := limits.Limit{Service: "PNGOnly", MaxBytes: 1 << 20, Formats: []string{limits.PNG}}
	for o := 1; o <= 8; o++ {
		data := encJPEG(t, storedFor(shown, o), 95)
		if o > 1 {
			data = withOrientation(data, uint16(o), binary.BigEndian)
		}
		if info, err := Check(data); err != nil || info.Width != uw || info.Height != uh || info.Orientation != o {
			t.Fatalf("orientation %d: Check = %+v, %v", o, info, err)
		}
		for _, lim := range []limits.Limit{limits.ZoomProfilePicture, pngOnly} {
			for _, c := range cornerColours {
				f := Frame{Side: float64(side) / uh}
				if c.right {
					f.Left = float64(uw-side) / uw
				}
				if !c.top {
					f.Top = float64(uh-side) / uh
				}
				opt := Options{Frame: &f}
				res, err := Fit(data, lim, opt)
				if err != nil {
					t.Fatal(err)
				}
				img := assertFitted(t, data, res, lim, opt)
				if res.Width != side || res.Height != side {
					t.Errorf("orientation %d, %s, %s: %d×%d, want %d×%d", o, lim.Service, c.name, res.Width, res.Height, side, side)
				}
				for _, p := range []image.Point{{side / 2, side / 2}, {8, 8}, {side - 8, 8}, {8, side - 8}, {side - 8, side - 8}} {
					if got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA); !near(got, c.want, 24) {
						t.Errorf("orientation %d, %s, %s: %v at %v, want %v", o, lim.Service, c.name, got, p, c.want)
					}
				}
			}
		}
	}
}

func near(a, b color.NRGBA, tol int) bool {
	d := func(x, y uint8) bool { return int(x)-int(y) <= tol && int(y)-int(x) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

// A framed square larger than the avatar size is sent at the avatar size, and the
// sentence says so; Frame wins over Square.
func TestFitFramedAvatar(t *testing.T) {
	shown := corners(1600, 1200, 300)
	for _, o := range []int{1, 6} {
		data := encJPEG(t, storedFor(shown, o), 90)
		turned := ""
		if o > 1 {
			data = withOrientation(data, uint16(o), binary.LittleEndian)
			turned = "turned upright (the camera had stored it sideways), "
		}
		// The top-right 1080×1080: green in its corner, grey in the rest.
		opt := Options{Square: true, Frame: &Frame{Left: 520.0 / 1600, Top: 0, Side: 0.9}}
		res, err := Fit(data, limits.ZoomProfilePicture, opt)
		if err != nil {
			t.Fatal(err)
		}
		img := assertFitted(t, data, res, limits.ZoomProfilePicture, opt)
		if res.Width != 512 || res.Height != 512 {
			t.Errorf("orientation %d: %d×%d, want 512×512", o, res.Width, res.Height)
		}
		want := "Cropped to the square you framed, " + turned +
			"resized from 1080×1080 to 512×512 (plenty for a profile picture, which Zoom shows small) and saved as JPEG (quality 92)."
		if res.Explanation != want {
			t.Errorf("orientation %d: %q\nwant %q", o, res.Explanation, want)
		}
		// Green in the output's top-right 300/1080 of 512 pixels (142), grey at the bottom left.
		if got := color.NRGBAModel.Convert(img.At(512-60, 60)).(color.NRGBA); !near(got, color.NRGBA{20, 200, 20, 255}, 24) {
			t.Errorf("orientation %d: top right %v, want green", o, got)
		}
		if got := color.NRGBAModel.Convert(img.At(60, 512-60)).(color.NRGBA); !near(got, color.NRGBA{128, 128, 128, 255}, 24) {
			t.Errorf("orientation %d: bottom left %v, want grey", o, got)
		}
		assertPreviewIsWhatIsSent(t, res, img)
	}
}

// A frame is a request to re-encode even when the picture already fits (but a frame
// around the whole of a square picture crops nothing: TestWholeFrameOfASquareCropsNothing);
// a small frame is never enlarged; a logo slot has no avatar size.
func TestFitFrameAlwaysReencodes(t *testing.T) {
	data := encJPEG(t, photo(400, 400), 90)
	for _, c := range []struct {
		name string
		lim  limits.Limit
		f    Frame
		w    int
		want string
	}{
		{"nearly whole", limits.ZoomProfilePicture, Frame{0, 0, 0.995}, 398, "Cropped to the square you framed and saved as JPEG (quality 92)."},
		{"small part", limits.ZoomProfilePicture, Frame{0.25, 0.25, 0.25}, 100, "Cropped to the square you framed and saved as JPEG (quality 92)."},
		{"one pixel", limits.ZoomProfilePicture, Frame{0.5, 0.5, 0}, 1, "Cropped to the square you framed and saved as JPEG (quality 92)."},
		{"Bigin contact", limits.BiginContactPhoto, Frame{0.5, 0, 0.5}, 200, "Cropped to the square you framed and saved as JPEG (quality 92)."},
	} {
		opt := Options{Frame: &c.f}
		res, err := Fit(data, c.lim, opt)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		assertFitted(t, data, res, c.lim, opt)
		if res.Width != c.w || res.Height != c.w || res.Explanation != c.want {
			t.Errorf("%s: %d×%d %q, want %d×%d %q", c.name, res.Width, res.Height, res.Explanation, c.w, c.w, c.want)
		}
	}
	// A logo slot with no avatar size keeps a large frame's pixels.
	big := encJPEG(t, photo(1200, 900), 85)
	opt := Options{Frame: &Frame{0, 0, 1}}
	res, err := Fit(big, limits.BiginRecordPhoto, opt)
	if err != nil || res.Width != 900 || res.Height != 900 {
		t.Fatalf("record photo: %d×%d, %v; want 900×900", res.Width, res.Height, err)
	}
	if want := "Cropped to the square you framed and saved as JPEG (quality 92)."; res.Explanation != want {
		t.Errorf("record photo: %q, want %q", res.Explanation, want)
	}
}

// A Bigin contact's photo gets the avatar size, a company's doesn't; a picture that
// already fits is sent as it is for both.
func TestFitBiginContactPhotoAvatar(t *testing.T) {
	sideways := withOrientation(encJPEG(t, photo(800, 600), 90), 6, binary.LittleEndian)
	for _, c := range []struct {
		lim  limits.Limit
		w, h int
		want string
	}{
		{limits.BiginContactPhoto, 384, 512, "Turned upright (the camera had stored it sideways), resized from 600×800 to 384×512 (plenty for a contact photo, which Bigin shows small) and saved as JPEG (quality 92)."},
		{limits.BiginRecordPhoto, 600, 800, "Turned upright (the camera had stored it sideways) and saved as JPEG (quality 92)."},
	} {
		res, err := Fit(sideways, c.lim, Options{})
		if err != nil {
			t.Fatal(err)
		}
		assertFitted(t, sideways, res, c.lim, Options{})
		if res.Width != c.w || res.Height != c.h || res.Explanation != c.want {
			t.Errorf("%s: %d×%d %q\nwant %d×%d %q", c.lim.What, res.Width, res.Height, res.Explanation, c.w, c.h, c.want)
		}
	}
	fits := encJPEG(t, photo(900, 700), 85)
	for _, lim := range []limits.Limit{limits.BiginContactPhoto, limits.ZoomProfilePicture} {
		res, err := Fit(fits, lim, Options{})
		if err != nil || res.Changed || res.Explanation != fmt.Sprintf("Already fits %s's limits: LogoDesk will send it unchanged.", lim.Service) {
			t.Errorf("%s: Changed %v, %q, %v", lim.What, res.Changed, res.Explanation, err)
		}
	}
}

// Frames on a transparent PNG (RGBA path, PNG kept) and on an SVG logo.
func TestFitFrameOnPNGAndSVG(t *testing.T) {
	data := encPNG(t, logo(800, 600))
	opt := Options{Frame: &Frame{Left: 0, Top: 0, Side: 0.5}} // top left 300×300: transparent corner
	res, err := Fit(data, limits.ZoomProfilePicture, opt)
	if err != nil {
		t.Fatal(err)
	}
	assertFitted(t, data, res, limits.ZoomProfilePicture, opt)
	if res.MIME != limits.PNG || res.Width != 300 || res.Height != 300 {
		t.Errorf("%s %d×%d, want a 300×300 PNG", res.MIME, res.Width, res.Height)
	}
	if _, _, _, a := res.Image.At(2, 2).RGBA(); a != 0 {
		t.Errorf("corner alpha %d, want transparent", a)
	}
	if want := "Cropped to the square you framed and saved as PNG to keep its transparency."; res.Explanation != want {
		t.Errorf("%q, want %q", res.Explanation, want)
	}

	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="100" height="100" fill="#e01010"/><rect x="100" width="100" height="100" fill="#1010e0"/></svg>`)
	res, err = Fit(svg, limits.ZoomProfilePicture, Options{Frame: &Frame{Left: 0.5, Top: 0, Side: 1}}) // the blue right half
	if err != nil {
		t.Fatal(err)
	}
	if res.Width != 512 || res.Height != 512 || !bluish(res.Image.At(256, 256)) {
		t.Errorf("SVG: %d×%d, centre %v; want a blue 512×512", res.Width, res.Height, res.Image.At(256, 256))
	}
	// A square SVG with Square asked needs no crop: drawn at the avatar size at once.
	square := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="#e01010"/></svg>`)
	res, err = Fit(square, limits.ZoomProfilePicture, Options{Square: true})
	if want := "Drawn from the SVG at 512×512 and saved as PNG to keep its transparency because Zoom takes only JPEG or PNG."; err != nil || res.Explanation != want {
		t.Errorf("square SVG: %q, %v\nwant %q", res.Explanation, err, want)
	}
}

// The crop editor opens with the frame around the whole of a square picture: that
// crops nothing, so a picture that already fits still goes byte-identical.
func TestWholeFrameOfASquareCropsNothing(t *testing.T) {
	data := encPNG(t, logo(300, 300))
	res, err := Fit(data, limits.ZoomProfilePicture, Options{Frame: &Frame{Left: 0, Top: 0, Side: 1}})
	if err != nil || res.Changed || !bytes.Equal(res.Bytes, data) {
		t.Fatalf("a whole frame of a 300×300 PNG: changed %v, err %v, %q", res.Changed, err, res.Explanation)
	}
	res, err = Fit(data, limits.ZoomProfilePicture, Options{Frame: &Frame{Left: 0.1, Top: 0.1, Side: 0.8}})
	if err != nil || !res.Changed || res.Width != 240 {
		t.Fatalf("a smaller frame still crops: %d×%d changed %v err %v", res.Width, res.Height, res.Changed, err)
	}
}
