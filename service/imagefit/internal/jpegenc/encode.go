package jpegenc

import (
	"encoding/binary"
	"math"
	"math/bits"
	"sync"
)

// histogram counts Huffman symbols for one quality: [table][symbol], tables 0 luma, 1 chroma.
type histogram struct {
	dc, ac [2][256]int64
	extra  int64 // bits written after the codes (coefficient magnitudes)
}

func (h *histogram) add(o *histogram) {
	for t := 0; t < 2; t++ {
		for s := 0; s < 256; s++ {
			h.dc[t][s] += o.dc[t][s]
			h.ac[t][s] += o.ac[t][s]
		}
	}
	h.extra += o.extra
}

// stats counts the symbols the picture needs at quality q over every step-th MCU row
// (step 1: all, exactly), in parallel.
func (c *Coefficients) stats(q *quantizer, step int) *histogram {
	var rows []int
	for my := 0; my < c.mcuH; my += step {
		rows = append(rows, my)
	}
	n := min(c.workers, len(rows))
	parts := make([]histogram, n)
	var wg sync.WaitGroup
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			h := &parts[k]
			var pred [3]int32
			for ri, my := range rows[k*len(rows)/n : (k+1)*len(rows)/n] {
				m0 := my * c.mcuW
				if ri == 0 || step > 1 {
					pred = c.predictorsBefore(m0, q)
				}
				for m := m0; m < m0+c.mcuW; m++ {
					for b := 0; b < blocksPerMCU; b++ {
						comp := component(b)
						q.count(&c.blocks[m*blocksPerMCU+b], min(comp, 1), &pred[comp], h)
					}
				}
			}
		}(k)
	}
	wg.Wait()
	total := &parts[0]
	for k := 1; k < n; k++ {
		total.add(&parts[k])
	}
	if step > 1 { // scale the sample up to the whole picture
		f := float64(c.mcuH) / float64(len(rows))
		for t := 0; t < 2; t++ {
			for s := 0; s < 256; s++ {
				total.dc[t][s] = int64(float64(total.dc[t][s]) * f)
				total.ac[t][s] = int64(float64(total.ac[t][s]) * f)
			}
		}
		total.extra = int64(float64(total.extra) * f)
	}
	return total
}

// count adds one block's symbols at this quality to h: the quantization and the counting
// in one loop, on magnitudes only (a symbol depends on |v|, not on its sign), with no
// quantized block written out. pred is the component's DC predictor.
func (q *quantizer) count(src *[64]int16, table int, pred *int32, h *histogram) {
	r := &q.recip[table]
	v := int32(src[0])
	m := v >> 31
	dc := (int32((uint64((v^m)-m)*r[0]+1<<31)>>32) ^ m) - m
	s := bitLen(dc - *pred)
	*pred = dc
	h.dc[table][s]++
	extra := int64(s)
	ac := &h.ac[table]
	run := 0
	for i := 1; i < 64; i++ {
		v := int32(src[i])
		m := v >> 31
		a := uint32((uint64((v^m)-m)*r[i] + 1<<31) >> 32)
		if a == 0 {
			run++
			continue
		}
		for run > 15 {
			ac[0xF0]++
			run -= 16
		}
		s := uint8(bits.Len32(a))
		ac[run<<4|int(s)]++
		extra += int64(s)
		run = 0
	}
	if run > 0 {
		ac[0x00]++
	}
	h.extra += extra
}

// predictorsBefore returns the DC predictors (Y, Cb, Cr) in force at the start of MCU m.
func (c *Coefficients) predictorsBefore(m int, q *quantizer) [3]int32 {
	var p [3]int32
	if m == 0 {
		return p
	}
	var zz [64]int32
	prev := (m - 1) * blocksPerMCU
	q.block(&c.blocks[prev+3], 0, &zz)
	p[0] = zz[0]
	q.block(&c.blocks[prev+4], 1, &zz)
	p[1] = zz[0]
	q.block(&c.blocks[prev+5], 1, &zz)
	p[2] = zz[0]
	return p
}

// huffTable is one optimized table: its DHT contents and each symbol's code.
type huffTable struct {
	bits [17]uint8 // bits[l]: number of codes of length l
	vals []uint8
	code [256]uint16
	size [256]uint8
}

// optimalTable builds a length-limited (16 bits) Huffman table for the symbol counts,
// following T.81 Annex K.2 (libjpeg's jpeg_gen_optimal_table).
func optimalTable(counts *[256]int64) *huffTable {
	var freq [257]int64
	copy(freq[:], counts[:])
	freq[256] = 1 // reserved: no code may be all ones
	var codesize [257]int
	var others [257]int
	for i := range others {
		others[i] = -1
	}
	for {
		c1, c2 := -1, -1
		var v int64 = math.MaxInt64
		for i := 0; i <= 256; i++ {
			if freq[i] != 0 && freq[i] <= v {
				v, c1 = freq[i], i
			}
		}
		v = math.MaxInt64
		for i := 0; i <= 256; i++ {
			if freq[i] != 0 && freq[i] <= v && i != c1 {
				v, c2 = freq[i], i
			}
		}
		if c2 < 0 {
			break
		}
		freq[c1] += freq[c2]
		freq[c2] = 0
		codesize[c1]++
		for others[c1] >= 0 {
			c1 = others[c1]
			codesize[c1]++
		}
		others[c1] = c2
		codesize[c2]++
		for others[c2] >= 0 {
			c2 = others[c2]
			codesize[c2]++
		}
	}
	var bits [258]int
	maxLen := 0
	for i := 0; i <= 256; i++ {
		if codesize[i] > 0 {
			bits[codesize[i]]++
			maxLen = max(maxLen, codesize[i])
		}
	}
	for i := maxLen; i > 16; i-- {
		for bits[i] > 0 {
			j := i - 2
			for bits[j] == 0 {
				j--
			}
			bits[i] -= 2
			bits[i-1]++
			bits[j+1] += 2
			bits[j]--
		}
	}
	i := 16
	for bits[i] == 0 {
		i--
	}
	bits[i]-- // drop the reserved symbol's code (the longest)
	t := &huffTable{}
	for l := 1; l <= 16; l++ {
		t.bits[l] = uint8(bits[l])
	}
	for l := 1; l <= maxLen; l++ {
		for s := 0; s < 256; s++ {
			if codesize[s] == l {
				t.vals = append(t.vals, uint8(s))
			}
		}
	}
	// Canonical codes (T.81 Annex C).
	code, k := uint16(0), 0
	for l := 1; l <= 16; l++ {
		for n := 0; n < int(t.bits[l]); n++ {
			s := t.vals[k]
			t.code[s], t.size[s] = code, uint8(l)
			code++
			k++
		}
		code <<= 1
	}
	return t
}

// tables builds the four Huffman tables (DC0, AC0, DC1, AC1) for a histogram.
func tables(h *histogram) [4]*huffTable {
	for t := 0; t < 2; t++ { // never an empty table, whatever the picture
		if h.dc[t][0] == 0 {
			h.dc[t][0] = 1
		}
		if h.ac[t][0] == 0 {
			h.ac[t][0] = 1
		}
	}
	return [4]*huffTable{optimalTable(&h.dc[0]), optimalTable(&h.ac[0]), optimalTable(&h.dc[1]), optimalTable(&h.ac[1])}
}

func entropyBits(h *histogram, ts [4]*huffTable) int64 {
	bits := h.extra
	for t := 0; t < 2; t++ {
		for s := 0; s < 256; s++ {
			bits += h.dc[t][s] * int64(ts[2*t].size[s])
			bits += h.ac[t][s] * int64(ts[2*t+1].size[s])
		}
	}
	return bits
}

// Size is the file size Encode(q) would produce, give or take the stuffed zero bytes
// (estimated as one per 256 bytes of entropy-coded data). It costs one quantization pass.
func (c *Coefficients) Size(q int) int { return c.size(q, c.histogram(q)) }

// Estimate is Size from a quarter of the picture's block rows: four times cheaper, and
// usually within a percent or two of it.
func (c *Coefficients) Estimate(q int) int {
	if c.mcuH < 32 {
		return c.Size(q)
	}
	return c.size(q, c.stats(newQuantizer(quantTables(q)), 4))
}

func (c *Coefficients) histogram(q int) *histogram {
	if h, ok := c.exact[q]; ok {
		return h
	}
	h := c.stats(newQuantizer(quantTables(q)), 1)
	if c.exact == nil {
		c.exact = map[int]*histogram{}
	}
	c.exact[q] = h
	return h
}

func (c *Coefficients) size(q int, h *histogram) int {
	ts := tables(h)
	data := (entropyBits(h, ts) + 7) / 8
	return len(c.header(quantTables(q), ts)) + int(data+data/256) + 2
}

// Encode writes the picture as a baseline JPEG at quality q (1–100).
func (c *Coefficients) Encode(q int) []byte {
	qt := quantTables(q)
	quant := newQuantizer(qt)
	h := c.histogram(q)
	ts := tables(h)
	data := (entropyBits(h, ts) + 7) / 8
	w := bitWriter{buf: make([]byte, 0, int(data+data/128)+4096)}
	w.buf = append(w.buf, c.header(qt, ts)...)
	var pred [3]int32
	var zz [64]int32
	for m := 0; m < c.mcuW*c.mcuH; m++ {
		for b := 0; b < blocksPerMCU; b++ {
			comp := component(b)
			t := min(comp, 1)
			dc, ac := ts[2*t], ts[2*t+1]
			quant.block(&c.blocks[m*blocksPerMCU+b], t, &zz)
			diff := zz[0] - pred[comp]
			pred[comp] = zz[0]
			s := bitLen(diff)
			w.write(uint32(dc.code[s]), dc.size[s])
			w.write(magnitude(diff, s), s)
			run := 0
			for _, v := range zz[1:] {
				if v == 0 {
					run++
					continue
				}
				for run > 15 {
					w.write(uint32(ac.code[0xF0]), ac.size[0xF0])
					run -= 16
				}
				s := bitLen(v)
				sym := run<<4 | int(s)
				w.write(uint32(ac.code[sym]), ac.size[sym])
				w.write(magnitude(v, s), s)
				run = 0
			}
			if run > 0 {
				w.write(uint32(ac.code[0]), ac.size[0])
			}
		}
	}
	w.flush()
	return append(w.buf, 0xFF, 0xD9)
}

// magnitude is the T.81 extra-bits form of v: v itself if positive, else v-1, in s bits.
func magnitude(v int32, s uint8) uint32 {
	if v < 0 {
		v--
	}
	return uint32(v) & (1<<s - 1)
}

// header is SOI, JFIF APP0, DQT, SOF0, DHT and SOS.
func (c *Coefficients) header(qt [2][64]uint8, ts [4]*huffTable) []byte {
	b := []byte{0xFF, 0xD8}
	b = append(b, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0)
	b = append(b, 0xFF, 0xDB, 0, 2+2*65)
	for i := 0; i < 2; i++ {
		b = append(b, byte(i))
		b = append(b, qt[i][:]...)
	}
	b = append(b, 0xFF, 0xC0, 0, 17, 8)
	b = binary.BigEndian.AppendUint16(b, uint16(c.h))
	b = binary.BigEndian.AppendUint16(b, uint16(c.w))
	b = append(b, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1)
	n := 2
	for _, t := range ts {
		n += 17 + len(t.vals)
	}
	b = append(b, 0xFF, 0xC4)
	b = binary.BigEndian.AppendUint16(b, uint16(n))
	for i, t := range ts {
		b = append(b, [4]byte{0x00, 0x10, 0x01, 0x11}[i])
		b = append(b, t.bits[1:]...)
		b = append(b, t.vals...)
	}
	b = append(b, 0xFF, 0xDA, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0)
	return b
}

// bitWriter packs bits MSB first, stuffing a zero byte after every 0xFF.
type bitWriter struct {
	buf []byte
	acc uint64
	n   uint8
}

func (w *bitWriter) write(bits uint32, n uint8) {
	w.acc = w.acc<<n | uint64(bits)
	w.n += n
	for w.n >= 8 {
		w.n -= 8
		b := byte(w.acc >> w.n)
		w.buf = append(w.buf, b)
		if b == 0xFF {
			w.buf = append(w.buf, 0)
		}
	}
}

// flush pads the last byte with one bits.
func (w *bitWriter) flush() {
	if w.n > 0 {
		w.write(1<<(8-w.n)-1, 8-w.n)
	}
}
