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

// block reads one block's coefficients: the DC predictor pred is updated, and the
// quantized coefficients are stored in zigzag order into coef when it is not nil
// (which must then be zeroed), or skipped.
func (b *bits) block(dct, act *huffman, pred *int32, coef *[64]int16) bool {
	s, ok := b.decode(dct)
	if !ok || s > 11 {
		return false
	}
	*pred += extend(b.get(uint(s)), uint(s))
	if coef != nil {
		coef[0] = int16(*pred)
	}
	for z := 1; z < 64; {
		rs, ok := b.decode(act)
		if !ok {
			return false
		}
		r, s := int(rs>>4), uint(rs&15)
		if s == 0 {
			if r != 15 {
				break
			}
			z += 16
			continue
		}
		z += r
		v := b.get(s)
		if coef != nil {
			if z > 63 {
				return false
			}
			coef[z] = int16(extend(v, s))
		}
		z++
	}
	return true
}

// layout sizes the planes in whole MCUs.
func (d *decoder) layout() (mcusX, mcusY int) {
	mcusX = (d.w + 8*d.hmax - 1) / (8 * d.hmax)
	mcusY = (d.h + 8*d.vmax - 1) / (8 * d.vmax)
	if len(d.comps) == 1 {
		mcusX, mcusY = (d.w+7)/8, (d.h+7)/8
	}
	for k := range d.comps {
		d.comps[k].stride = mcusX * d.comps[k].h // in blocks
	}
	return mcusX, mcusY
}

// mcuRows walks the entropy-coded data from byte i, one row of MCUs at a time: for
// each MCU row, coefs(my) returns where each block's coefficients go (nil: DC only), dc
// (if not nil) gets each block's DC value, and done(my) (if not nil) is told the row is read.
func (d *decoder) mcuRows(i, mcusX, mcusY int, coefs func(my int) [][][64]int16, dc func(k, bx, by int, v int32), done func(my int)) error {
	b := &bits{data: d.data, i: i}
	var pred [3]int32
	m := 0
	for my := 0; my < mcusY; my++ {
		row := coefs(my)
		for mx := 0; mx < mcusX; mx++ {
			if d.restart > 0 && m > 0 && m%d.restart == 0 {
				if !b.restartAt() {
					return ErrDamaged
				}
				pred = [3]int32{}
			}
			m++
			for k := range d.comps {
				c := &d.comps[k]
				for by := 0; by < c.v; by++ {
					for bx := 0; bx < c.h; bx++ {
						var coef *[64]int16
						if row != nil {
							coef = &row[k][(by*mcusX+mx)*c.h+bx]
							*coef = [64]int16{}
						}
						if !b.block(d.dcTab[c.td], d.acTab[c.ta], &pred[k], coef) {
							return ErrDamaged
						}
						if dc != nil {
							dc(k, mx*c.h+bx, my*c.v+by, pred[k])
						}
					}
				}
			}
		}
		if b.over > 64 {
			return ErrDamaged
		}
		if done != nil {
			done(my)
		}
	}
	return nil
}

// scan decodes the entropy-coded data starting at byte i into one DC sample per block.
func (d *decoder) scan(i int) (image.Image, error) {
	mcusX, mcusY := d.layout()
	for k := range d.comps {
		c := &d.comps[k]
		c.dc = make([]byte, c.stride*mcusY*c.v)
	}
	err := d.mcuRows(i, mcusX, mcusY, func(int) [][][64]int16 { return nil }, func(k, bx, by int, pred int32) {
		c := &d.comps[k]
		// The block's mean is DC·Q/8 around 128.
		v := (pred*d.quant[c.tq][0]+4)>>3 + 128
		c.dc[by*c.stride+bx] = byte(max(0, min(v, 255)))
	}, nil)
	if err != nil {
		return nil, err
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
	ratio, err := d.ratio()
	if err != nil {
		return nil, err
	}
	return &image.YCbCr{Y: y.dc, Cb: d.comps[1].dc, Cr: d.comps[2].dc, YStride: y.stride, CStride: d.comps[1].stride,
		SubsampleRatio: ratio, Rect: r}, nil
}

// ratio is the chroma subsampling of a colour picture, as image.YCbCr names it.
func (d *decoder) ratio() (image.YCbCrSubsampleRatio, error) {
	y, cb, cr := d.comps[0], d.comps[1], d.comps[2]
	if cb.h != cr.h || cb.v != cr.v || y.h%cb.h != 0 || y.v%cb.v != 0 {
		return 0, ErrUnsupported
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
		return 0, ErrUnsupported
	}
	return ratio, nil
}
