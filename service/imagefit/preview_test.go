package imagefit

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// QuickPreview shows the picture upright, within maxSide, from the reduced decode for a
// large JPEG and from a full decode otherwise, and refuses what ReadFile and Check refuse.
func TestQuickPreview(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, data, 0o644))
		return p
	}
	stored := encJPEG(t, halves(3200, 2400), 90) // red top, blue bottom: large enough for 1/8
	cases := []struct {
		name        string
		path        string
		maxSide     int
		w, h        int
		left, right func(interface{ RGBA() (r, g, b, a uint32) }) bool
	}{
		{"large JPEG at 1/8", write("big.jpg", stored), 400, 400, 300, nil, nil},
		{"large JPEG stored sideways", write("side.jpg", withOrientation(stored, 6, binary.LittleEndian)), 400, 300, 400, bluish, reddish},
		{"small JPEG, full decode", write("small.jpg", encJPEG(t, halves(300, 200), 90)), 400, 300, 200, nil, nil},
		{"PNG", write("logo.png", encPNG(t, logo(900, 300))), 300, 300, 100, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img, err := QuickPreview(c.path, c.maxSide)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
				t.Fatalf("%v, want %d×%d", b, c.w, c.h)
			}
			if c.left != nil && (!c.left(img.At(c.w/4, c.h/2)) || !c.right(img.At(3*c.w/4, c.h/2))) {
				t.Errorf("left %v right %v: not upright", img.At(c.w/4, c.h/2), img.At(3*c.w/4, c.h/2))
			}
		})
	}
	_, err := QuickPreview(dir, 400)
	assertProblem(t, "folder", err, "This is a folder, not an image file. Drop a single picture file.")
	_, err = QuickPreview(write("notes.txt", []byte("hello\n")), 400)
	assertProblem(t, "text", err, "This file is text, not an image. Pick a photo or picture file instead.")
}

// The reduced decode is what a large JPEG's preview comes from (and matches the colours
// of a full decode).
func TestQuickPreviewUsesTheReducedDecode(t *testing.T) {
	data := encJPEG(t, halves(1600, 1200), 90)
	if decodeDC(data) == nil {
		t.Fatal("the 1/8 decoder refused a baseline JPEG")
	}
	img, err := QuickPreviewData(data, 200)
	if err != nil {
		t.Fatal(err)
	}
	if !reddish(img.At(100, 20)) || !bluish(img.At(100, 130)) {
		t.Errorf("top %v bottom %v: want red over blue", img.At(100, 20), img.At(100, 130))
	}
}
