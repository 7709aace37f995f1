package svgraster

import (
	"testing"
)

// BenchmarkRasterizeLogo1024 draws the gradient badge (gradients, a rounded rectangle,
// a circle) and the "OK" wordmark (curved outlines, even-odd) at 1024 px on the long side.
func BenchmarkRasterizeLogo1024(b *testing.B) {
	for _, name := range []string{"gradient-badge.svg", "wordmark-paths.svg", "transforms-strokes.svg"} {
		data := readTestdata(b, name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Rasterize(data, Box{MaxWidth: 1024, MaxHeight: 1024}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheck is the pre-pass alone (what a drop costs before any drawing).
func BenchmarkCheck(b *testing.B) {
	data := readTestdata(b, "wordmark-paths.svg")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(data); err != nil {
			b.Fatal(err)
		}
	}
}
