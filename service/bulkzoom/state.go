package bulkzoom

import (
	"sync"
	"time"
)

// runState collects a run's results and reports progress, one call at a time.
type runState struct {
	mu       sync.Mutex
	opt      Options
	start    time.Time
	results  []Result
	done     []bool
	progress Progress
	reason   string // why the run stopped early
	onStop   func()
}

func newRunState(total int, opt Options) *runState {
	return &runState{opt: opt, start: time.Now(), results: make([]Result, total), done: make([]bool, total),
		progress: Progress{Total: total}}
}

// stop ends the run for every user not yet sent; the first reason wins.
func (s *runState) stop(reason string) {
	s.mu.Lock()
	first := s.reason == ""
	if first {
		s.reason = reason
	}
	s.mu.Unlock()
	if first && s.onStop != nil {
		s.onStop()
	}
}

func (s *runState) stopped() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reason
}

func (s *runState) finish(i int, r Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.results[i], s.done[i] = r, true
	p := &s.progress
	p.Done++
	switch r.Status {
	case Changed:
		p.Changed++
	case Unchanged:
		p.Unchanged++
	case Failed:
		p.Failed++
	case NotTried:
		p.NotTried++
	}
	p.Elapsed = time.Since(s.start)
	left := p.Total - p.Done
	p.Left = p.Elapsed / time.Duration(p.Done) * time.Duration(left)
	if pace := s.opt.pace(); pace > 0 {
		p.Left = max(p.Left, time.Duration(float64(left)/pace*float64(time.Second)))
	}
	p.Index, p.Last = i, r
	if s.opt.OnProgress != nil {
		s.opt.OnProgress(*p)
	}
}

// report gives every row its result: rows never reached get notTried, and
// are reported to OnProgress too, so progress always ends at Total.
func (s *runState) report(rows []Row, notTried string) *Report {
	for i, row := range rows {
		s.mu.Lock()
		done := s.done[i]
		s.mu.Unlock()
		if !done {
			s.finish(i, Result{Row: row, Status: NotTried, Reason: notTried})
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return &Report{Results: append([]Result(nil), s.results...), Stopped: s.reason}
}
