// Package imagefittest makes imagefit's test photo for other packages' tests and
// benchmarks (internal/testphoto can only be imported under service/imagefit).
package imagefittest

import (
	"bytes"
	"image/jpeg"
	"runtime"
	"sync/atomic"
	"time"

	"logodesk/service/imagefit/internal/testphoto"
)

// PhotoJPEG is a w×h photo-like picture (testphoto seed 1) as a quality-92 JPEG: at
// 6000×4000, the 24-megapixel photo of imagefit's benchmarks and scripts/bench-image.sh.
func PhotoJPEG(w, h int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testphoto.Photo(w, h, 1), &jpeg.Options{Quality: 92}); err != nil {
		panic(err) // only an io error can fail, and a bytes.Buffer has none
	}
	return buf.Bytes()
}

// TrackPeakHeap samples the heap every millisecond until the returned func is called,
// which returns the peak growth over the heap in use at the start (the test's own data).
// imagefit's own benchmarks use it too.
func TrackPeakHeap() func() uint64 {
	var start runtime.MemStats
	runtime.ReadMemStats(&start)
	var peak atomic.Uint64
	peak.Store(start.HeapAlloc)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(stop); <-done; return peak.Load() - start.HeapAlloc }
}
