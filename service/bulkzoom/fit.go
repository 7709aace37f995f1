package bulkzoom

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sync"

	"logodesk/service/imagefit"
	"logodesk/service/limits"
)

// fitted is one row's file, fitted to Zoom's limits (or why it can't be).
type fitted struct {
	index int
	res   imagefit.Result // Bytes kept until uploaded; Image always dropped
	hash  string          // SHA-256 of res.Bytes, hex
	err   error           // *imagefit.Problem when the file is not a usable image
}

// fitWorkers is how many pictures are fitted at once: one per core, at most
// four, since each holds a decoded picture (48 MB for 12 megapixels).
func fitWorkers(n int) int {
	if n > 0 {
		return n
	}
	return min(runtime.NumCPU(), 4)
}

// bigPicture is the size from which a fit's garbage is collected at once. A
// 12-megapixel fit leaves about 150 MB behind (decoded pixels, coefficients);
// left to the collector's usual pace, the heap grows to twice what is in use
// and memory follows the timing of the fits. Collecting after each big fit
// keeps a run near the pictures in flight (peak memory less than half) and
// costs a few milliseconds against seconds of fitting.
const bigPicture = 2_000_000

// fitRows fits rows[i].File for every i, a few at a time, sending each result
// to the returned channel as it is ready (not in row order). At most
// workers+buffer fitted pictures exist at once, so memory does not grow with
// the folder. The channel is closed when all rows are done or ctx ends.
func fitRows(ctx context.Context, rows []Row, square bool, workers, buffer int) <-chan fitted {
	out := make(chan fitted, buffer)
	next := indexes(ctx, len(rows))
	var wg sync.WaitGroup
	for range fitWorkers(workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := fitFile(rows[i].File, square)
				f.index = i
				if f.res.Original.Pixels() >= bigPicture {
					runtime.GC()
				}
				select {
				case out <- f:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// fitFile reads and fits one file to Zoom's profile-picture limits.
func fitFile(path string, square bool) fitted {
	data, err := imagefit.ReadFile(path)
	if err != nil {
		return fitted{err: err}
	}
	res, err := imagefit.Fit(data, limits.ZoomProfilePicture, imagefit.Options{Square: square})
	if err != nil {
		return fitted{err: err}
	}
	res.Image = nil // the pixels are the bulk of a fit's memory; the bytes are all a run sends
	sum := sha256.Sum256(res.Bytes)
	return fitted{res: res, hash: hex.EncodeToString(sum[:])}
}

// indexes hands out 0…n-1 to the workers reading it, and closes when all are
// taken or ctx ends.
func indexes(ctx context.Context, n int) <-chan int {
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return next
}
