package bulkzoom

import (
	"context"
	"testing"
	"time"
)

func TestPacerSpacesEvents(t *testing.T) {
	p := newPacer(50) // one every 20 ms
	start := time.Now()
	for range 6 {
		if err := p.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// Six events at 50 a second cannot all happen within 100 ms of the first.
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Fatalf("6 events in %v at 50 a second", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := newPacer(0.001).wait(ctx); err == nil {
		t.Fatal("a cancelled wait returned nil")
	}
	if err := (*pacer)(nil).wait(context.Background()); err != nil {
		t.Fatal("no pace should never wait")
	}
}

func TestPacerSlowsDown(t *testing.T) {
	p := newPacer(DefaultPace)
	for range 10 {
		p.slower()
	}
	if p.every != slowestEvery {
		t.Fatalf("after slowing down ten times: one every %v, want %v", p.every, slowestEvery)
	}
	(*pacer)(nil).slower() // no pace stays no pace
}
