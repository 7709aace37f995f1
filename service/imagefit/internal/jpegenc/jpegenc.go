// Package jpegenc is a baseline JPEG encoder (4:2:0, like image/jpeg's) that adds what
// fitting a picture into a byte budget needs and image/jpeg lacks:
//
//   - optimized Huffman tables (ITU T.81 Annex K.2, as libjpeg's optimize_coding):
//     about 7% smaller files than image/jpeg's fixed tables at the same quality;
//   - the colour conversion and DCT done once (in parallel), then the exact entropy-coded
//     size at any quality computed without writing the file, so a quality search costs a
//     quantization pass per try instead of a full encode.
//
// Quantization tables are the standard ones scaled by quality exactly as libjpeg and
// image/jpeg do, so "quality 85" means what users of other tools expect.
package jpegenc

import (
	"image"
	"math/bits"
	"runtime"
	"sync"
)

// Coefficients is the DCT of a picture, ready to be quantized at any quality.
// It is not safe for concurrent use.
type Coefficients struct {
	w, h       int
	mcuW, mcuH int         // MCUs across and down (16×16 pixels each)
	blocks     [][64]int16 // per MCU: Y00, Y10, Y01, Y11, Cb, Cr; DCT×8, zigzag order
	workers    int
	exact      map[int]*histogram // symbol counts by quality, kept for Encode after Size
}

const blocksPerMCU = 6

// mcu is one MCU's samples, 0–255: four 8×8 luma blocks (top left, top right, bottom
// left, bottom right), then Cb and Cr; each block in natural (row) order.
type mcu [blocksPerMCU][64]int32

// Transform converts an opaque RGBA picture to YCbCr 4:2:0 and takes the DCT of every
// block. Alpha is ignored: flatten transparent pictures first. Width and height must be
// at most 65535 (JPEG's limit).
func Transform(img *image.RGBA) *Coefficients {
	b := img.Bounds()
	c := newCoefficients(b.Dx(), b.Dy())
	c.transform(func(mx, my int, m *mcu) {
		var cb, cr [64]float32
		for j := 0; j < 16; j++ {
			row := img.Pix[min(my*16+j, c.h-1)*img.Stride:]
			for i := 0; i < 16; i++ {
				sx := min(mx*16+i, c.w-1)
				p := row[sx*4 : sx*4+3 : sx*4+3]
				r, g, bl := float32(p[0]), float32(p[1]), float32(p[2])
				m[j/8*2+i/8][j%8*8+i%8] = int32(0.299*r + 0.587*g + 0.114*bl + 0.5)
				k := j/2*8 + i/2
				cb[k] += -0.168736*r - 0.331264*g + 0.5*bl
				cr[k] += 0.5*r - 0.418688*g - 0.081312*bl
			}
		}
		for k := range cb {
			m[4][k] = int32(max(0, min(cb[k]*0.25+128.5, 255)))
			m[5][k] = int32(max(0, min(cr[k]*0.25+128.5, 255)))
		}
	})
	return c
}

// TransformYCbCr takes the DCT of a 4:2:0 picture's planes as they are: no colour
// conversion and no subsampling, so a picture decoded from a JPEG and resized plane by
// plane is encoded without ever being RGB. It panics on other subsampling ratios.
func TransformYCbCr(img *image.YCbCr) *Coefficients {
	if img.SubsampleRatio != image.YCbCrSubsampleRatio420 {
		panic("jpegenc: TransformYCbCr needs 4:2:0")
	}
	b := img.Bounds()
	c := newCoefficients(b.Dx(), b.Dy())
	cw, ch := (c.w+1)/2, (c.h+1)/2
	c.transform(func(mx, my int, m *mcu) {
		for j := 0; j < 16; j++ {
			row := img.Y[min(my*16+j, c.h-1)*img.YStride:]
			for i := 0; i < 16; i++ {
				m[j/8*2+i/8][j%8*8+i%8] = int32(row[min(mx*16+i, c.w-1)])
			}
		}
		for j := 0; j < 8; j++ {
			o := min(my*8+j, ch-1) * img.CStride
			rb, rr := img.Cb[o:], img.Cr[o:]
			for i := 0; i < 8; i++ {
				x := min(mx*8+i, cw-1)
				m[4][j*8+i], m[5][j*8+i] = int32(rb[x]), int32(rr[x])
			}
		}
	})
	return c
}

func newCoefficients(w, h int) *Coefficients {
	c := &Coefficients{w: w, h: h, workers: runtime.GOMAXPROCS(0)}
	c.mcuW, c.mcuH = (c.w+15)/16, (c.h+15)/16
	c.blocks = make([][64]int16, c.mcuW*c.mcuH*blocksPerMCU)
	return c
}

// transform fills each MCU's samples with fill and stores their DCT (×8, zigzag order).
func (c *Coefficients) transform(fill func(mx, my int, m *mcu)) {
	c.parallelRows(func(my0, my1 int) {
		var m mcu
		for my := my0; my < my1; my++ {
			for mx := 0; mx < c.mcuW; mx++ {
				fill(mx, my, &m)
				out := c.blocks[(my*c.mcuW+mx)*blocksPerMCU:]
				for k := range m {
					fdctInt(&m[k])
					for n, v := range m[k] {
						out[k][unzigzag[n]] = int16(v)
					}
				}
			}
		}
	})
}

// parallelRows runs f over MCU rows split into one contiguous run per worker.
func (c *Coefficients) parallelRows(f func(my0, my1 int)) {
	n := min(c.workers, c.mcuH)
	var wg sync.WaitGroup
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			f(k*c.mcuH/n, (k+1)*c.mcuH/n)
		}(k)
	}
	wg.Wait()
}

// unzigzag[n] is the zigzag index of natural-order index n.
var unzigzag = func() (u [64]uint8) {
	for i, n := range zigzag {
		u[n] = uint8(i)
	}
	return u
}()

// zigzag[i] is the natural-order index of the i-th coefficient in zigzag order.
var zigzag = [64]uint8{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
}

// Standard quantization tables (T.81 Annex K.1), in zigzag order.
var baseQuant = [2][64]uint8{
	{16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40,
		26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61, 60, 57, 51,
		56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87,
		95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99},
	{17, 18, 18, 24, 21, 24, 47, 26, 26, 47, 99, 66, 56, 66, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99},
}

// quantTables scales the standard tables to quality q (1–100) as libjpeg does; zigzag order.
func quantTables(q int) (t [2][64]uint8) {
	q = max(1, min(q, 100))
	scale := 200 - 2*q
	if q < 50 {
		scale = 5000 / q
	}
	for i := range t {
		for j := range t[i] {
			v := (int(baseQuant[i][j])*scale + 50) / 100
			t[i][j] = uint8(max(1, min(v, 255)))
		}
	}
	return t
}

// quantizer turns stored coefficients (zigzag order) into quantized ones.
type quantizer struct {
	recip [2][64]uint64 // 2³²/(8·Q), by zigzag index
}

func newQuantizer(t [2][64]uint8) *quantizer {
	q := &quantizer{}
	for i := range t {
		for j := range t[i] {
			d := 8 * uint64(t[i][j])
			q.recip[i][j] = (1<<32 + d/2) / d
		}
	}
	return q
}

// block quantizes one block (table 0 luma, 1 chroma), rounding half away from zero,
// without branches or divisions: |v|·2³²/D, rounded, with v's sign put back.
func (q *quantizer) block(src *[64]int16, table int, dst *[64]int32) {
	r := &q.recip[table]
	for i := 0; i < 64; i++ {
		v := int32(src[i])
		m := v >> 31
		a := uint64((v ^ m) - m)
		qa := int32((a*r[i] + 1<<31) >> 32)
		dst[i] = (qa ^ m) - m
	}
}

// component of the b-th block of an MCU: 0 Y, 1 Cb, 2 Cr.
func component(b int) int { return max(0, b-3) }

// bitLen is the JPEG "size category" of v: the bits needed for |v|.
func bitLen(v int32) uint8 {
	if v < 0 {
		v = -v
	}
	return uint8(bits.Len32(uint32(v)))
}
