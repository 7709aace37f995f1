// Command icon draws LogoDesk's app icon: a picture card on a blue tile with an
// orange "replace" badge. It writes Icon.png (512×512) and gui/icon.png.
//
//	go run ./scripts/icon
//
// Shapes are drawn as signed-distance tests at 4× and scaled down, for clean edges.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"

	"golang.org/x/image/draw"
)

const (
	size = 512
	ss   = 4 // supersampling
)

type rgba struct{ r, g, b, a float64 }

func hex(h uint32, a float64) rgba {
	return rgba{float64(h>>16&255) / 255, float64(h>>8&255) / 255, float64(h&255) / 255, a}
}

// over composites c with coverage cov onto dst.
func over(dst *rgba, c rgba, cov float64) {
	a := c.a * cov
	if a <= 0 {
		return
	}
	na := a + dst.a*(1-a)
	if na == 0 {
		return
	}
	dst.r = (c.r*a + dst.r*dst.a*(1-a)) / na
	dst.g = (c.g*a + dst.g*dst.a*(1-a)) / na
	dst.b = (c.b*a + dst.b*dst.a*(1-a)) / na
	dst.a = na
}

// sdRoundRect: distance to a rounded rectangle (negative inside).
func sdRoundRect(x, y, x0, y0, x1, y1, r float64) float64 {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := (x1-x0)/2-r, (y1-y0)/2-r
	qx, qy := math.Abs(x-cx)-hx, math.Abs(y-cy)-hy
	out := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	return out + math.Min(math.Max(qx, qy), 0) - r
}

func sdCircle(x, y, cx, cy, r float64) float64 { return math.Hypot(x-cx, y-cy) - r }

// inTriangle reports whether p is inside triangle abc.
func inTriangle(px, py float64, t [6]float64) bool {
	s := func(ax, ay, bx, by float64) float64 { return (px-bx)*(ay-by) - (ax-bx)*(py-by) }
	d1 := s(t[0], t[1], t[2], t[3])
	d2 := s(t[2], t[3], t[4], t[5])
	d3 := s(t[4], t[5], t[0], t[1])
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}

func cov(d float64) float64 { // 1 inside, 0 outside, smooth over one (supersampled) pixel
	return math.Max(0, math.Min(1, 0.5-d*ss))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func pixel(x, y float64) rgba {
	var c rgba
	// Tile: blue gradient, rounded square.
	tile := sdRoundRect(x, y, 24, 24, 488, 488, 104)
	t := (x + y) / 1024
	bg := rgba{0.15 + 0.0*t, 0.39 + 0.25*t, 0.92 - 0.05*t, 1} // #2563EB → #26A3DD-ish
	over(&c, bg, cov(tile))
	// Soft highlight at the top.
	over(&c, rgba{1, 1, 1, 0.10}, cov(sdCircle(x, y, 150, 40, 260))*cov(tile))

	// Card shadow, card, picture inside it.
	over(&c, rgba{0.03, 0.10, 0.30, 0.35}, cov(sdRoundRect(x, y, 92, 124, 372, 384, 34)/3)*cov(tile))
	card := sdRoundRect(x, y, 84, 108, 364, 368, 30)
	over(&c, hex(0xFFFFFF, 1), cov(card))
	inner := sdRoundRect(x, y, 110, 134, 338, 342, 16)
	in := cov(inner)
	over(&c, hex(0xDBEAFE, 1), in)
	over(&c, hex(0xF59E0B, 1), cov(sdCircle(x, y, 282, 190, 28))*in)
	over(&c, hex(0x10B981, 1), b2f(inTriangle(x, y, [6]float64{96, 350, 196, 214, 300, 350}))*in)
	over(&c, hex(0x059669, 1), b2f(inTriangle(x, y, [6]float64{190, 350, 270, 252, 352, 350}))*in)

	// Badge: orange disc with a white ring and two circular arrows ("replace").
	const bx, by = 372.0, 372.0
	over(&c, rgba{0.03, 0.10, 0.30, 0.30}, cov(sdCircle(x, y, bx+4, by+8, 98)/3)*cov(tile))
	over(&c, hex(0xFFFFFF, 1), cov(sdCircle(x, y, bx, by, 96)))
	over(&c, hex(0xF97316, 1), cov(sdCircle(x, y, bx, by, 82)))
	r := math.Hypot(x-bx, y-by)
	ang := math.Atan2(y-by, x-bx) * 180 / math.Pi // -180..180, clockwise on screen
	if ang < 0 {
		ang += 360
	}
	ring := math.Abs(r-46) - 11 // annulus 35..57
	inArc := (ang > 215 && ang < 340) || (ang > 35 && ang < 160)
	if inArc {
		over(&c, hex(0xFFFFFF, 1), cov(ring))
	}
	// Arrowheads at the clockwise ends (340° and 160°), pointing along the travel.
	for _, end := range []float64{340, 160} {
		a := end * math.Pi / 180
		px, py := bx+46*math.Cos(a), by+46*math.Sin(a) // point on the arc
		tx, ty := -math.Sin(a), math.Cos(a)            // tangent (clockwise)
		nx, ny := math.Cos(a), math.Sin(a)             // normal (outwards)
		tip := [2]float64{px + tx*30, py + ty*30}      // ahead along the tangent
		b1 := [2]float64{px + nx*26 - tx*2, py + ny*26 - ty*2}
		b2 := [2]float64{px - nx*26 - tx*2, py - ny*26 - ty*2}
		over(&c, hex(0xFFFFFF, 1), b2f(inTriangle(x, y, [6]float64{tip[0], tip[1], b1[0], b1[1], b2[0], b2[1]})))
	}
	return c
}

func main() {
	big := image.NewNRGBA(image.Rect(0, 0, size*ss, size*ss))
	for j := 0; j < size*ss; j++ {
		for i := 0; i < size*ss; i++ {
			p := pixel((float64(i)+0.5)/ss, (float64(j)+0.5)/ss)
			big.SetNRGBA(i, j, color.NRGBA{uint8(p.r*255 + .5), uint8(p.g*255 + .5), uint8(p.b*255 + .5), uint8(p.a*255 + .5)})
		}
	}
	out := image.NewNRGBA(image.Rect(0, 0, size, size))
	draw.CatmullRom.Scale(out, out.Bounds(), big, big.Bounds(), draw.Src, nil)
	for _, path := range []string{"Icon.png", "gui/icon.png"} {
		f, err := os.Create(path)
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, out); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
