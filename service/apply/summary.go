package apply

// Sentences on the outcome of an apply or an undo, for the window and the command line.

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Summary is one sentence on the outcome: "Logo applied to 2 of 3 services; Zoom failed: …".
func (r *Run) Summary() string {
	st := r.Statuses()
	var failed []string
	for _, s := range st {
		if s.State != Done {
			failed = append(failed, s.Target.Service+" failed: "+strings.TrimSuffix(Reason(s.Err), "."))
		}
	}
	ok := len(st) - len(failed)
	switch {
	case len(st) == 0:
		return "No service was chosen, so nothing was sent."
	case len(failed) == 0 && ok == 1:
		return "Logo applied to " + st[0].Target.Service + "."
	case len(failed) == 0:
		names := make([]string, len(st))
		for i, x := range st {
			names[i] = x.Target.Service
		}
		return "Logo applied to " + joinAnd(names) + "."
	case ok == 0:
		return "Logo not applied; " + strings.Join(failed, "; ") + "."
	}
	return fmt.Sprintf("Logo applied to %d of %d services; %s.", ok, len(st), strings.Join(failed, "; "))
}

// AllDone reports whether every target succeeded.
func (r *Run) AllDone() bool {
	for _, s := range r.Statuses() {
		if s.State != Done {
			return false
		}
	}
	return true
}

// Reason is the plain sentence for err: a service's message and next step, or
// the reason a file can't be used; never a body or a token.
func Reason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "Cancelled."
	case errors.Is(err, context.DeadlineExceeded):
		return "This took too long and was stopped. Try again."
	}
	return err.Error()
}

// AllRestored reports whether every target is back as it was.
func (u *UndoReport) AllRestored() bool {
	for _, it := range u.Items {
		if it.State != Done {
			return false
		}
	}
	return true
}

// Summary says in one sentence which services are back as they were and which aren't, and why.
func (u *UndoReport) Summary() string {
	var back, notBack []string
	for _, it := range u.Items {
		if it.State == Done {
			back = append(back, it.Service)
		} else {
			notBack = append(notBack, it.Service+" is not back: "+strings.TrimSuffix(Reason(it.Err), "."))
		}
	}
	var parts []string
	if len(back) > 0 {
		parts = append(parts, joinAnd(back)+" "+map[bool]string{true: "is", false: "are"}[len(back) == 1]+" back as before")
	}
	parts = append(parts, notBack...)
	if len(parts) == 0 {
		return "There was nothing to put back."
	}
	return strings.Join(parts, "; ") + "."
}

func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
