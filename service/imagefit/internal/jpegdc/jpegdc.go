// Package jpegdc decodes baseline JPEGs into their Y, Cb and Cr planes, two ways that
// Go's image/jpeg does not offer:
//
//   - Decode, at one eighth of the size, keeping only each block's DC coefficient (the
//     block's average): no inverse DCT, no colour conversion, no upsampling. The Huffman
//     data must still be walked, but a 24-megapixel photo shows as a 750×500 preview in
//     a fraction of a full decode's time.
//   - DecodeFull, at full size, to exactly image/jpeg's samples, with the inverse DCT on
//     other cores while one goroutine walks the Huffman data.
//
// No maintained pure-Go decoder that scales on load was available. Anything this
// package does not handle (progressive, arithmetic, 12-bit, CMYK, RGB-transformed,
// non-interleaved scans) returns ErrUnsupported, and the caller uses image/jpeg instead.
package jpegdc

import (
	"encoding/binary"
	"errors"
	"image"
)

// ErrUnsupported means the file is valid for all we know, but not a kind this package decodes.
var ErrUnsupported = errors.New("jpegdc: unsupported JPEG")

// ErrDamaged means the file ends early or breaks the format.
var ErrDamaged = errors.New("jpegdc: damaged JPEG")

// maxPixels bounds what a hostile header can make Decode allocate (1/64 of it); callers
// refuse large pictures from their header first anyway.
const maxPixels = 1 << 30

type component struct {
	id, h, v, tq int
	td, ta       int // DC and AC table of the scan
	stride       int // blocks per row in the planes
	dc           []byte
}

type decoder struct {
	data          []byte
	w, h          int
	comps         []component
	hmax, vmax    int
	quant         [4][64]int32 // quantization tables, zigzag order
	dcTab, acTab  [4]*huffman
	restart       int
	adobeRGB, sof bool
}

// Decode returns the picture at 1/8 scale (each side rounded up): *image.YCbCr for colour,
// *image.Gray for greyscale.
func Decode(data []byte) (image.Image, error) {
	d, i, err := parse(data)
	if err != nil {
		return nil, err
	}
	return d.scan(i)
}

// DecodeFull decodes the picture at full size, to the very samples image/jpeg gives, but
// faster on several cores: one goroutine walks the Huffman data while the others take the
// inverse DCT of the rows of blocks it has read. Its result is *image.YCbCr (with the
// file's chroma subsampling) or *image.Gray.
func DecodeFull(data []byte) (image.Image, error) {
	d, i, err := parse(data)
	if err != nil {
		return nil, err
	}
	return d.full(i)
}

// parse reads the headers up to the scan; it returns where the entropy-coded data starts.
func parse(data []byte) (*decoder, int, error) {
	d := &decoder{data: data}
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, 0, ErrDamaged
	}
	i := 2
	for {
		if i+4 > len(data) {
			return nil, 0, ErrDamaged
		}
		if data[i] != 0xFF {
			return nil, 0, ErrDamaged
		}
		marker := data[i+1]
		if marker == 0xFF {
			i++
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, 0, ErrDamaged
		}
		seg := data[i+4 : i+2+n]
		i += 2 + n
		var err error
		switch {
		case marker == 0xC0 || marker == 0xC1:
			err = d.frame(seg)
		case marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
			return nil, 0, ErrUnsupported // progressive, lossless, arithmetic
		case marker == 0xC4:
			err = d.huffmanTables(seg)
		case marker == 0xDB:
			err = d.quantTables(seg)
		case marker == 0xDD:
			if len(seg) < 2 {
				return nil, 0, ErrDamaged
			}
			d.restart = int(binary.BigEndian.Uint16(seg))
		case marker == 0xEE:
			if len(seg) >= 12 && string(seg[:5]) == "Adobe" && seg[11] == 0 {
				d.adobeRGB = true
			}
		case marker == 0xDA:
			if err := d.scanHeader(seg); err != nil {
				return nil, 0, err
			}
			return d, i, nil
		case marker == 0xD9:
			return nil, 0, ErrDamaged
		}
		if err != nil {
			return nil, 0, err
		}
	}
}

func (d *decoder) frame(seg []byte) error {
	if d.sof || len(seg) < 6 {
		return ErrDamaged
	}
	d.sof = true
	if seg[0] != 8 {
		return ErrUnsupported
	}
	d.h, d.w = int(binary.BigEndian.Uint16(seg[1:])), int(binary.BigEndian.Uint16(seg[3:]))
	n := int(seg[5])
	if d.w == 0 || d.h == 0 || len(seg) < 6+3*n {
		return ErrDamaged
	}
	if d.w*d.h > maxPixels {
		return ErrUnsupported
	}
	if (n != 1 && n != 3) || d.adobeRGB {
		return ErrUnsupported
	}
	for k := 0; k < n; k++ {
		c := component{id: int(seg[6+3*k]), h: int(seg[7+3*k] >> 4), v: int(seg[7+3*k] & 15), tq: int(seg[8+3*k])}
		if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3 {
			return ErrDamaged
		}
		d.hmax, d.vmax = max(d.hmax, c.h), max(d.vmax, c.v)
		d.comps = append(d.comps, c)
	}
	if n == 1 { // a single component's MCU is one block, whatever its sampling factors say
		d.comps[0].h, d.comps[0].v, d.hmax, d.vmax = 1, 1, 1, 1
	}
	return nil
}

func (d *decoder) quantTables(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, int(seg[0]&15)
		size := 1 + 64*(1+int(pq))
		if tq > 3 || pq > 1 || len(seg) < size {
			return ErrDamaged
		}
		for z := range d.quant[tq] {
			if pq == 0 {
				d.quant[tq][z] = int32(seg[1+z])
			} else {
				d.quant[tq][z] = int32(binary.BigEndian.Uint16(seg[1+2*z:]))
			}
		}
		seg = seg[size:]
	}
	return nil
}

func (d *decoder) huffmanTables(seg []byte) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return ErrDamaged
		}
		class, id := seg[0]>>4, int(seg[0]&15)
		if class > 1 || id > 3 {
			return ErrDamaged
		}
		var counts [16]int
		total := 0
		for l := range counts {
			counts[l] = int(seg[1+l])
			total += counts[l]
		}
		if total > 256 || len(seg) < 17+total {
			return ErrDamaged
		}
		h, err := newHuffman(counts, seg[17:17+total])
		if err != nil {
			return err
		}
		if class == 0 {
			d.dcTab[id] = h
		} else {
			d.acTab[id] = h
		}
		seg = seg[17+total:]
	}
	return nil
}

func (d *decoder) scanHeader(seg []byte) error {
	if !d.sof || len(seg) < 1 {
		return ErrDamaged
	}
	n := int(seg[0])
	if len(seg) < 1+2*n+3 {
		return ErrDamaged
	}
	if n != len(d.comps) {
		return ErrUnsupported // non-interleaved scans
	}
	for k := 0; k < n; k++ {
		c := &d.comps[k]
		if int(seg[1+2*k]) != c.id {
			return ErrUnsupported
		}
		c.td, c.ta = int(seg[2+2*k]>>4), int(seg[2+2*k]&15)
		if c.td > 3 || c.ta > 3 || d.dcTab[c.td] == nil || d.acTab[c.ta] == nil {
			return ErrDamaged
		}
	}
	return nil
}
