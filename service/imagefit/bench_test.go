package imagefit

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"logodesk/service/imagefit/imagefittest"
	"logodesk/service/imagefit/internal/testphoto"
	"logodesk/service/limits"
)

// The 24 MP test photo, the same as scripts/bench-image.sh's (testphoto seed 1, JPEG quality 92).
var bench24 = struct {
	once     sync.Once
	jpg, png []byte
	pngOnce  sync.Once
}{}

func photo24JPEG(b *testing.B) []byte {
	bench24.once.Do(func() { bench24.jpg = encJPEG(b, testphoto.Photo(6000, 4000, 1), 92) })
	return bench24.jpg
}

func photo24PNG(b *testing.B) []byte {
	bench24.pngOnce.Do(func() { bench24.png = encPNG(b, testphoto.Photo(6000, 4000, 1)) })
	return bench24.png
}

func benchFit(b *testing.B, data []byte) { benchFitTo(b, data, limits.ZohoCRMOrgPhoto, Options{}) }

func benchFitTo(b *testing.B, data []byte, lim limits.Limit, opt Options) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runtime.GC()
	peak := imagefittest.TrackPeakHeap()
	b.ResetTimer()
	var res Result
	var err error
	for i := 0; i < b.N; i++ {
		res, err = Fit(data, lim, opt)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
	b.Logf("%d bytes → %s", len(data), res.Explanation)
}

func BenchmarkFit24MPJPEG(b *testing.B) { benchFit(b, photo24JPEG(b)) }

func BenchmarkFit24MPPNG(b *testing.B) { benchFit(b, photo24PNG(b)) }

// BenchmarkFitFramedAvatar: the crop editor's result for a Zoom profile picture from the
// 24 MP photo: a 2581-pixel square framed off-centre, sent at 512×512.
func BenchmarkFitFramedAvatar(b *testing.B) {
	benchFitTo(b, photo24JPEG(b), limits.ZoomProfilePicture, Options{Frame: &Frame{Left: 0.3, Top: 0.2, Side: 2581.0 / 4000}})
}

// BenchmarkQuickPreview24MP: what the window can show the moment the 24 MP photo is
// dropped (a 400-pixel preview, read from disk), against a full decode of the same file.
func BenchmarkQuickPreview24MP(b *testing.B) {
	path := filepath.Join(b.TempDir(), "photo.jpg")
	if err := os.WriteFile(path, photo24JPEG(b), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("quick", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := QuickPreview(path, 400); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("full-decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			data, err := ReadFile(path)
			if err == nil {
				_, err = decode(data)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRefuse100MP: a 20000×20000 PNG (400 MP) and JPEG header are refused from the
// header alone; B/op and peak-heap-MB show nothing near the 1.6 GB of pixels is allocated.
func BenchmarkRefuse100MP(b *testing.B) {
	jpg := encJPEG(b, photo(16, 16), 90)
	// Patch the SOF0 dimensions of a tiny JPEG to 20000×20000.
	for i := 2; i+9 < len(jpg); i++ {
		if jpg[i] == 0xFF && jpg[i+1] == 0xC0 {
			binary.BigEndian.PutUint16(jpg[i+5:], 20000)
			binary.BigEndian.PutUint16(jpg[i+7:], 20000)
			break
		}
	}
	for name, data := range map[string][]byte{"png": pngHeader(20000, 20000), "jpeg": jpg} {
		b.Run(name, func(b *testing.B) {
			runtime.GC()
			peak := imagefittest.TrackPeakHeap()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Fit(data, limits.ZohoCRMOrgPhoto, Options{}); err == nil {
					b.Fatal("a 400 MP picture was accepted")
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
		})
	}
}
