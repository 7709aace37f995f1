package bulkzoom

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Status is what happened to one user.
type Status int

const (
	Changed     Status = iota + 1 // the picture was changed (Apply) or put back (Undo)
	Unchanged                     // nothing sent: the user already has this picture, or (Undo) it was changed again since the run
	Failed                        // tried and failed; Reason says why
	NotTried                      // the run stopped before this user; Reason says why
	WouldChange                   // a dry run: the picture would be changed
)

func (s Status) String() string {
	switch s {
	case Changed:
		return "changed"
	case Unchanged:
		return "unchanged"
	case Failed:
		return "failed"
	case NotTried:
		return "not tried"
	case WouldChange:
		return "would change"
	}
	return "unknown"
}

// Result is one user's outcome.
type Result struct {
	Row    Row
	Status Status
	Reason string // one plain sentence; "" for a plain success
	Backup string // the kept copy of the picture it replaced; "" when the user had none
	Detail string // what fitting did to the file
}

func (r Result) with(s Status, reason string) Result {
	r.Status, r.Reason = s, reason
	return r
}

// Report is what a run did, one Result per row, in the plan's order.
type Report struct {
	Plan    *Plan // the plan it ran (nil for an undo)
	Results []Result
	Stopped string // why the run ended early; "" when it tried every user
	RunID   string // the run's record, for Undo; "" when nothing changed
	Undo    bool   // the report of an undo
	DryRun  bool   // the report of a dry run: nothing was sent
}

// Count is how many users ended with status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// OK is true when every user succeeded (changed, or already had the picture).
func (r *Report) OK() bool { return r.Count(Failed) == 0 && r.Count(NotTried) == 0 }

// Problems are the users that failed or were not tried.
func (r *Report) Problems() []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Status == Failed || res.Status == NotTried {
			out = append(out, res)
		}
	}
	return out
}

// Summary is one sentence: "Pictures changed for 47 of 50 users; 3 failed."
func (r *Report) Summary() string {
	total := len(r.Results)
	var b strings.Builder
	switch {
	case r.Undo:
		fmt.Fprintf(&b, "Pictures put back for %d of %d users", r.Count(Changed), total)
		if n := r.Count(Unchanged); n > 0 {
			fmt.Fprintf(&b, "; %d changed again since the run, so left as they are", n)
		}
	case r.DryRun:
		fmt.Fprintf(&b, "Dry run: pictures would change for %d of %d users", r.Count(WouldChange), total)
	default:
		fmt.Fprintf(&b, "Pictures changed for %d of %d users", r.Count(Changed), total)
		if n := r.Count(Unchanged); n > 0 {
			fmt.Fprintf(&b, "; %d already had %s", n, plural(n, "this picture", "theirs"))
		}
	}
	if n := r.Count(Failed); n > 0 && r.DryRun {
		fmt.Fprintf(&b, "; %d %s", n, plural(n, "file is not a usable picture", "files are not usable pictures"))
	} else if n > 0 {
		fmt.Fprintf(&b, "; %d failed", n)
	}
	if n := r.Count(NotTried); n > 0 {
		fmt.Fprintf(&b, "; %d not tried", n)
	}
	b.WriteString(".")
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// DryRunReport is the report of a dry run: what Previews found for each row.
func DryRunReport(plan *Plan, previews []Preview) *Report {
	rep := &Report{Plan: plan, Results: make([]Result, len(plan.Rows)), DryRun: true}
	for i, row := range plan.Rows {
		rep.Results[i] = Result{Row: row, Status: NotTried, Reason: "Not checked."}
	}
	for _, p := range previews {
		res := Result{Row: p.Row, Status: WouldChange, Detail: p.Explanation}
		if p.Problem != "" {
			res.Status, res.Reason = Failed, "This file is not a picture LogoDesk can use: "+p.Problem
		}
		rep.Results[p.Index] = res
	}
	return rep
}

// WriteCSV writes the report as "email,file,result,reason,backup file" lines:
// one per user the run tried, then (with a plan) the files it did not use and
// the users it did not touch, so the file accounts for the whole folder.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"email", "file", "result", "reason", "backup file"})
	for _, res := range r.Results {
		reason := res.Reason
		if reason == "" {
			reason = res.Detail
		}
		_ = cw.Write([]string{res.Row.User.Email, res.Row.File, res.Status.String(), reason, res.Backup})
	}
	if p := r.Plan; p != nil {
		issues := func(l []FileIssue, result string) {
			for _, f := range l {
				email := ""
				if len(f.Users) == 1 {
					email = f.Users[0].Email
				}
				_ = cw.Write([]string{email, f.File, result, f.Reason, ""})
			}
		}
		issues(p.NoUser, "no user")
		issues(p.SeveralUsers, "several users")
		issues(p.NotUsed, "not used")
		for _, u := range p.UsersWithoutFile {
			_ = cw.Write([]string{u.Email, "", "no file", "No file in the folder is for this user; the picture was not touched.", ""})
		}
		for _, l := range p.CSVProblems {
			_ = cw.Write([]string{"", filepath.Base(p.CSV), "csv problem", l, ""})
		}
	}
	cw.Flush()
	return cw.Error()
}
