package imagefit

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// ifdEntry is one 12-byte IFD entry; value holds the 4 value bytes (or the offset).
type ifdEntry struct {
	tag, typ uint16
	count    uint32
	value    [4]byte
}

// withIFD0 inserts an APP1 Exif segment whose IFD0 holds entries (then extra bytes,
// which entries may point at), after the JPEG's SOI marker.
func withIFD0(jpg []byte, order binary.ByteOrder, entries []ifdEntry, extra []byte) []byte {
	var tiff bytes.Buffer
	if order == binary.LittleEndian {
		tiff.WriteString("II*\x00")
	} else {
		tiff.WriteString("MM\x00*")
	}
	w := func(v any) { _ = binary.Write(&tiff, order, v) }
	w(uint32(8))
	w(uint16(len(entries)))
	for _, e := range entries {
		w(e.tag)
		w(e.typ)
		w(e.count)
		tiff.Write(e.value[:])
	}
	w(uint32(0))
	tiff.Write(extra)
	body := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(body)+2))
	out := append(append(append([]byte{}, jpg[:2]...), seg...), body...)
	return append(out, jpg[2:]...)
}

func short(order binary.ByteOrder, v uint16) (b [4]byte) { order.PutUint16(b[:], v); return b }
func long(order binary.ByteOrder, v uint32) (b [4]byte)  { order.PutUint32(b[:], v); return b }

// The Orientation tag is read from IFD0 as cameras write it, and a file that lies
// about counts or offsets costs nothing: it reads as upright.
func TestJPEGOrientation(t *testing.T) {
	jpg := encJPEG(t, photo(16, 16), 80)
	le, be := binary.LittleEndian, binary.BigEndian
	// IFD0 with 3 entries: 8 + 2 + 36 + 4 = 50 is where extra starts.
	const extraAt = 8 + 2 + 3*12 + 4
	cases := []struct {
		name    string
		order   binary.ByteOrder
		entries []ifdEntry
		extra   []byte
		want    int
	}{
		{"after Make and Model (at offsets)", le, []ifdEntry{
			{0x010F, 2, 6, long(le, extraAt)}, {0x0110, 2, 8, long(le, extraAt+6)}, {0x0112, 3, 1, short(le, 6)}},
			[]byte("Canon\x00EOS 90D\x00"), 6},
		{"big-endian, among others", be, []ifdEntry{{0x011A, 5, 1, long(be, 0)}, {0x0112, 3, 1, short(be, 8)}}, nil, 8},
		{"as a LONG", le, []ifdEntry{{0x0112, 4, 1, long(le, 3)}}, nil, 3},
		{"as a BYTE", be, []ifdEntry{{0x0112, 1, 1, [4]byte{5}}}, nil, 5},
		{"two SHORTs in the entry", le, []ifdEntry{{0x0112, 3, 2, [4]byte{7, 0, 1, 0}}}, nil, 7},
		{"SHORTs at an offset", le, []ifdEntry{{0x0112, 3, 3, long(le, 8+2+12+4)}}, []byte{2, 0, 0, 0, 0, 0}, 2},
		{"out of range", le, []ifdEntry{{0x0112, 3, 1, short(le, 9)}}, nil, 1},
		{"zero count", le, []ifdEntry{{0x0112, 3, 0, short(le, 6)}}, nil, 1},
		{"a count of 2³¹+1 (16 GB to a general EXIF parser)", le, []ifdEntry{{0x0112, 3, 0x80000001, [4]byte{0x16, 0x16, 0x1a, 0x1d}}}, nil, 1},
		{"a count of 2³²-1 at a near offset", be, []ifdEntry{{0x0112, 3, 0xFFFFFFFF, long(be, 10)}}, nil, 1},
		{"a RATIONAL", le, []ifdEntry{{0x0112, 5, 1, long(le, 8)}}, nil, 1},
		{"no Orientation", le, []ifdEntry{{0x0100, 3, 1, short(le, 6)}}, nil, 1},
	}
	for _, c := range cases {
		data := withIFD0(jpg, c.order, c.entries, c.extra)
		if got := jpegOrientation(data); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
		if a := testing.AllocsPerRun(10, func() { jpegOrientation(data) }); a != 0 {
			t.Errorf("%s: %.0f allocations", c.name, a)
		}
	}
	// Broken structures: an IFD past the end, more entries than the segment holds, a cut header.
	good := withIFD0(jpg, le, []ifdEntry{{0x0112, 3, 1, short(le, 6)}}, nil)
	tiffAt := bytes.Index(good, []byte("II*\x00"))
	for name, mutate := range map[string]func(b []byte){
		"IFD offset past the end":  func(b []byte) { le.PutUint32(b[tiffAt+4:], 0xFFFFFFF0) },
		"IFD offset inside header": func(b []byte) { le.PutUint32(b[tiffAt+4:], 2) },
		"65535 entries":            func(b []byte) { le.PutUint16(b[tiffAt+8:], 0xFFFF); le.PutUint16(b[tiffAt+10:], 0x0100) },
	} {
		b := append([]byte{}, good...)
		mutate(b)
		if got := jpegOrientation(b); got != 1 {
			t.Errorf("%s: %d, want 1", name, got)
		}
	}
	if got := jpegOrientation(good); got != 6 {
		t.Errorf("the unbroken file: %d, want 6", got)
	}
	cut := append(append([]byte{}, good[:tiffAt-10]...), 0xFF, 0xE1, 0x00, 0x0C) // segment of 10 bytes: "Exif\0\0II*\0"
	cut = append(append(cut, []byte("Exif\x00\x00II*\x00")...), jpg[2:]...)
	if got := jpegOrientation(cut); got != 1 {
		t.Errorf("a 4-byte TIFF header: %d, want 1", got)
	}
}
