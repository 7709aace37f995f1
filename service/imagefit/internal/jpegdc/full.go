package jpegdc

import (
	"image"
	"runtime"
	"sync"
	"sync/atomic"
)

// mcuRow holds one row of MCUs' coefficients: per component, its blocks row by row.
type mcuRow struct {
	my     int
	blocks [][][64]int16
}

// full decodes every block: the Huffman data on this goroutine, the inverse DCT of each
// finished row of MCUs on GOMAXPROCS others, through a small ring of row buffers.
func (d *decoder) full(i int) (image.Image, error) {
	mcusX, mcusY := d.layout()
	var planes [3][]byte
	var strides [3]int
	var img image.Image
	if len(d.comps) == 1 {
		g := image.NewGray(image.Rect(0, 0, 8*mcusX, 8*mcusY))
		planes[0], strides[0] = g.Pix, g.Stride
		img = g.SubImage(image.Rect(0, 0, d.w, d.h))
	} else {
		ratio, err := d.ratio()
		if err != nil {
			return nil, err
		}
		y := image.NewYCbCr(image.Rect(0, 0, 8*d.hmax*mcusX, 8*d.vmax*mcusY), ratio)
		planes, strides = [3][]byte{y.Y, y.Cb, y.Cr}, [3]int{y.YStride, y.CStride, y.CStride}
		for k, c := range d.comps {
			if strides[k] != 8*c.stride || len(planes[k]) < strides[k]*8*c.v*mcusY {
				return nil, ErrUnsupported // sampling factors image.YCbCr can't lay out
			}
		}
		img = y.SubImage(image.Rect(0, 0, d.w, d.h))
	}

	workers := runtime.GOMAXPROCS(0)
	ring := 2 * workers
	free := make(chan *mcuRow, ring)
	work := make(chan *mcuRow, ring)
	for r := 0; r < ring; r++ {
		row := &mcuRow{blocks: make([][][64]int16, len(d.comps))}
		for k, c := range d.comps {
			row.blocks[k] = make([][64]int16, mcusX*c.h*c.v)
		}
		free <- row
	}
	var wg sync.WaitGroup
	var failed atomic.Bool
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A bug must not bring the program down from a goroutine no caller can recover.
			defer func() {
				if recover() != nil {
					failed.Store(true)
					for row := range work {
						free <- row
					}
				}
			}()
			for row := range work {
				d.reconstruct(row, planes, strides)
				free <- row
			}
		}()
	}
	var cur *mcuRow
	err := d.mcuRows(i, mcusX, mcusY, func(my int) [][][64]int16 {
		cur = <-free
		cur.my = my
		return cur.blocks
	}, nil, func(int) { work <- cur })
	close(work)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if failed.Load() {
		return nil, ErrDamaged
	}
	return img, nil
}

// reconstruct dequantizes one row of MCUs, takes the inverse DCT and writes the samples,
// exactly as image/jpeg's reconstructBlock does.
func (d *decoder) reconstruct(row *mcuRow, planes [3][]byte, strides [3]int) {
	var b [64]int32
	for k, c := range d.comps {
		q := &d.quant[c.tq]
		perRow := len(row.blocks[k]) / c.v
		for n := range row.blocks[k] {
			coef := &row.blocks[k][n]
			for z, v := range coef {
				b[unzig[z]] = int32(v) * q[z]
			}
			idct(&b)
			by, bx := row.my*c.v+n/perRow, n%perRow
			stride := strides[k]
			dst := planes[k][8*(by*stride+bx):]
			for y := 0; y < 8; y++ {
				out := dst[y*stride : y*stride+8 : y*stride+8]
				for x, v := range b[y*8 : y*8+8] {
					out[x] = uint8(max(0, min(v+128, 255)))
				}
			}
		}
	}
}

// unzig[z] is the natural-order index of the z-th coefficient in zigzag order.
var unzig = [64]int{
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
}
