package bulkzoom

import (
	"context"
	"sync"
	"time"
)

// DefaultPace is how many users a run changes per second unless told otherwise.
//
// Zoom counts rate limits per account, shared by every app the account uses.
// Uploading a profile picture is a "Medium" request: 2 a second on the Free
// plan, 20 on Pro, 60 on Business and above; each user also costs two "Light"
// look-ups (4, 30 and 80 a second). Two users a second stays within the Free
// plan's limits and takes a few percent of a large account's, leaving the rest
// for its other apps; 1,200 users take ten minutes.
const DefaultPace = 2.0

// pacer spaces events evenly at a rate per second; a nil pacer never waits.
type pacer struct {
	mu    sync.Mutex
	every time.Duration
	next  time.Time
}

func newPacer(perSecond float64) *pacer {
	if perSecond <= 0 {
		return nil
	}
	return &pacer{every: time.Duration(float64(time.Second) / perSecond)}
}

// wait blocks until the caller's turn, or until ctx ends.
func (p *pacer) wait(ctx context.Context) error {
	if p == nil {
		return ctx.Err()
	}
	p.mu.Lock()
	now := time.Now()
	at := p.next
	if at.Before(now) {
		at = now
	}
	p.next = at.Add(p.every)
	p.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// slowestEvery is as far as slower goes: one user every ten seconds.
const slowestEvery = 10 * time.Second

// slower halves the rate, after Zoom said it was getting too many requests
// even though the client waited as asked: other apps share the account's limit.
func (p *pacer) slower() {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.every = min(2*p.every, slowestEvery)
	p.mu.Unlock()
}
