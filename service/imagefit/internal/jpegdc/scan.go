package jpegdc

import "image"

// huffman decodes one table: a 9-bit lookahead for short codes, T.81 F.2.2.3's
// maxcode/valptr walk for the rest.
type huffman struct {
	lut     [1 << lutBits]uint16 // length<<8 | symbol; 0 when the code is longer
	maxcode [17]int32
	valptr  [17]int32
	mincode [17]int32
	vals    []byte
}

const lutBits = 9

func newHuffman(counts [16]int, vals []byte) (*huffman, error) {
	h := &huffman{vals: vals}
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(counts[l-1])
		h.valptr[l], h.mincode[l] = k, code
		code += n
		k += n
		h.maxcode[l] = code - 1
		if n == 0 {
			h.maxcode[l] = -1
		}
		if code > 1<<l {
			return nil, ErrDamaged
		}
		if l <= lutBits {
			for c := h.mincode[l]; c <= h.maxcode[l]; c++ {
				sym := uint16(vals[h.valptr[l]+c-h.mincode[l]])
				shift := lutBits - l
				for fill := int32(0); fill < 1<<shift; fill++ {
					h.lut[c<<shift|fill] = uint16(l)<<8 | sym
				}
			}
		}
		code <<= 1
	}
	return h, nil
}

// bits reads the entropy-coded data MSB first, removing stuffed zero bytes; past a
// marker or the end it reads zero bits (and marks the data damaged if it ran out).
type bits struct {
	data   []byte
	i      int
	acc    uint64
	n      uint
	marker bool // a marker was reached
	over   int  // zero bytes fed past the end
}

func (b *bits) fill() {
	for b.n <= 56 {
		var c byte
		if !b.marker && b.i < len(b.data) {
			c = b.data[b.i]
			if c == 0xFF {
				if b.i+1 < len(b.data) && b.data[b.i+1] == 0 {
					b.i += 2
				} else {
					b.marker = true
					c = 0
				}
			} else {
				b.i++
			}
		} else {
			b.over++
		}
		if b.marker {
			c = 0
		}
		b.acc |= uint64(c) << (56 - b.n)
		b.n += 8
	}
}

func (b *bits) get(n uint) int32 {
	if n == 0 {
		return 0
	}
	if b.n < n {
		b.fill()
	}
	v := int32(b.acc >> (64 - n))
	b.acc <<= n
	b.n -= n
	return v
}

func (b *bits) decode(h *huffman) (byte, bool) {
	if b.n < 16 {
		b.fill()
	}
	if e := h.lut[b.acc>>(64-lutBits)]; e != 0 {
		l := uint(e >> 8)
		b.acc <<= l
		b.n -= l
		return byte(e), true
	}
	code := int32(0)
	for l := 1; l <= 16; l++ {
		code = code<<1 | int32(b.acc>>63)
		b.acc <<= 1
		b.n--
		if code <= h.maxcode[l] {
			return h.vals[h.valptr[l]+code-h.mincode[l]], true
		}
	}
	return 0, false
}

// extend is T.81's EXTEND: the signed value of s received bits v.
func extend(v int32, s uint) int32 {
	if s > 0 && v < 1<<(s-1) {
		return v - (1 << s) + 1
	}
	return v
}

// restartAt moves to the data after the next RSTn marker at or after byte i.
func (b *bits) restartAt() bool {
	for i := b.i; i+1 < len(b.data); i++ {
		if b.data[i] == 0xFF && b.data[i+1] >= 0xD0 && b.data[i+1] <= 0xD7 {
			*b = bits{data: b.data, i: i + 2}
			return true
		}
	}
	return false
}

// scan decodes the entropy-coded data starting at byte i into one DC sample per block.
func (d *decoder) scan(i int) (image.Image, error) {
	mcusX := (d.w + 8*d.hmax - 1) / (8 * d.hmax)
	mcusY := (d.h + 8*d.vmax - 1) / (8 * d.vmax)
	if len(d.comps) == 1 {
		mcusX, mcusY = (d.w+7)/8, (d.h+7)/8
	}
	for k := range d.comps {
		c := &d.comps[k]
		c.stride = mcusX * c.h
		c.dc = make([]byte, c.stride*mcusY*c.v)
	}
	b := &bits{data: d.data, i: i}
	var pred [3]int32
	for m, total := 0, mcusX*mcusY; m < total; m++ {
		if d.restart > 0 && m > 0 && m%d.restart == 0 {
			if !b.restartAt() {
				return nil, ErrDamaged
			}
			pred = [3]int32{}
		}
		mx, my := m%mcusX, m/mcusX
		for k := range d.comps {
			c := &d.comps[k]
			dct, act := d.dcTab[c.td], d.acTab[c.ta]
			q := int32(d.quant[c.tq])
			for by := 0; by < c.v; by++ {
				for bx := 0; bx < c.h; bx++ {
					s, ok := b.decode(dct)
					if !ok || s > 11 {
						return nil, ErrDamaged
					}
					pred[k] += extend(b.get(uint(s)), uint(s))
					// The block's mean is DC·Q/8 around 128.
					v := (pred[k]*q+4)>>3 + 128
					c.dc[(my*c.v+by)*c.stride+mx*c.h+bx] = byte(max(0, min(v, 255)))
					for z := 1; z < 64; {
						rs, ok := b.decode(act)
						if !ok {
							return nil, ErrDamaged
						}
						r, s := int(rs>>4), uint(rs&15)
						if s == 0 {
							if r != 15 {
								break
							}
							z += 16
							continue
						}
						b.get(s)
						z += r + 1
					}
				}
			}
		}
		if b.over > 64 {
			return nil, ErrDamaged
		}
	}
	return d.picture()
}

// picture wraps the DC planes as an image of the 1/8-scale size.
func (d *decoder) picture() (image.Image, error) {
	r := image.Rect(0, 0, (d.w+7)/8, (d.h+7)/8)
	y := d.comps[0]
	if len(d.comps) == 1 {
		return &image.Gray{Pix: y.dc, Stride: y.stride, Rect: r}, nil
	}
	cb, cr := d.comps[1], d.comps[2]
	if cb.h != cr.h || cb.v != cr.v || y.h%cb.h != 0 || y.v%cb.v != 0 {
		return nil, ErrUnsupported
	}
	var ratio image.YCbCrSubsampleRatio
	switch [2]int{y.h / cb.h, y.v / cb.v} {
	case [2]int{1, 1}:
		ratio = image.YCbCrSubsampleRatio444
	case [2]int{2, 1}:
		ratio = image.YCbCrSubsampleRatio422
	case [2]int{2, 2}:
		ratio = image.YCbCrSubsampleRatio420
	case [2]int{1, 2}:
		ratio = image.YCbCrSubsampleRatio440
	case [2]int{4, 1}:
		ratio = image.YCbCrSubsampleRatio411
	case [2]int{4, 2}:
		ratio = image.YCbCrSubsampleRatio410
	default:
		return nil, ErrUnsupported
	}
	if cb.stride != cr.stride {
		return nil, ErrUnsupported
	}
	return &image.YCbCr{Y: y.dc, Cb: cb.dc, Cr: cr.dc, YStride: y.stride, CStride: cb.stride,
		SubsampleRatio: ratio, Rect: r}, nil
}
