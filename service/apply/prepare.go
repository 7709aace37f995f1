package apply

import (
	"context"
	"runtime"
	"sync"

	"logodesk/service/imagefit"
)

// Candidate is the logo fitted to one target.
type Candidate struct {
	Target Target
	Fit    imagefit.Result // what would be sent; zero for a Manual target or when Err is set
	Err    error           // why the logo can't be fitted to this target
}

// fitsAtOnce bounds concurrent fits: each one already resizes on every core, and
// a 24-megapixel fit holds a few hundred MB.
const fitsAtOnce = 2

// Prepare checks data once, decodes it once (the first fit does, the others wait
// for it), then fits it to every target that can take a picture, concurrently but
// bounded. The error is for a file no target can use (not an image, empty, too many
// pixels): an *imagefit.Problem with a plain reason. Each target gets its own fit,
// even with equal limits: the sentence names the service. The decoded picture is
// held until the last fit is done (36 MB for a 24-megapixel JPEG), nothing of it after.
func Prepare(ctx context.Context, data []byte, targets []Target) ([]Candidate, error) {
	src, err := imagefit.NewSource(data)
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, len(targets))
	for i, t := range targets {
		out[i].Target = t
	}
	bounded(ctx, len(targets), fitsAtOnce, func(i int) bool { return targets[i].Manual != "" },
		func(i int) {
			out[i].Fit, out[i].Err = src.Fit(targets[i].Limit, imagefit.Options{})
			// The shared picture keeps the heap large, so garbage piles up between
			// collections: collecting after each fit holds a 24 MP Prepare's peak near
			// 122 MB instead of 180 MB, for about 35 ms.
			runtime.GC()
		},
		func(i int) { out[i].Err = ctx.Err() })
	return out, ctx.Err()
}

// bounded runs do(i) for every i below count that skip doesn't leave out, at
// most n at once; an i whose turn hasn't come when ctx ends gets cancelled(i)
// instead. It returns when all have finished.
func bounded(ctx context.Context, count, n int, skip func(i int) bool, do, cancelled func(i int)) {
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i := range count {
		if skip != nil && skip(i) {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				cancelled(i)
				return
			}
			do(i)
		}()
	}
	wg.Wait()
}
