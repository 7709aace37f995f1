package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"logodesk/service/bulkzoom"
	"logodesk/service/limits"
	"logodesk/session"
)

// zoomPicturesFrom is `logodesk zoom pictures-from FOLDER`: everyone's Zoom
// picture from one folder of photos, or --undo of the last such run.
func zoomPicturesFrom(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("zoom pictures-from", flag.ContinueOnError)
	csvPath := fs.String("csv", "", "a CSV file of email,file lines that says which file is whose")
	dryRun := fs.Bool("dry-run", false, "only show what would change; send nothing")
	reportPath := fs.String("report", "", "write what happened to this CSV file")
	square := fs.Bool("square", false, "crop each picture to a centred square first")
	pace := fs.Float64("pace", bulkzoom.DefaultPace, "users changed per second (0: as fast as Zoom answers)")
	undo := fs.Bool("undo", false, "put back the pictures the last run changed")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	opt := bulkzoom.Options{Square: *square, Pace: *pace}
	if *pace <= 0 {
		opt.Pace = -1
	}
	if *undo {
		if err := need(fs, pos, 0, "no folder with --undo"); err != nil {
			return err
		}
		return undoPictures(ctx, env, opt, *reportPath)
	}
	if err := need(fs, pos, 1, "one folder of pictures"); err != nil {
		return err
	}
	folder, err := filepath.Abs(pos[0]) // the run record and the report name it wherever they are read
	if err != nil {
		return err
	}
	if err := bulkzoom.CheckFolder(folder); err != nil {
		return err
	}
	runner, err := bulkRunner(env)
	if err != nil {
		return err
	}
	users, err := runner.Zoom.Users(ctx)
	if err != nil {
		return err
	}
	plan, err := bulkzoom.Match(folder, users, *csvPath)
	if err != nil {
		return err
	}
	printPlan(env.Stdout, plan, len(users))
	if *dryRun {
		return dryRunPictures(ctx, env, plan, *square, *reportPath)
	}
	if len(plan.Rows) == 0 {
		fmt.Fprintln(env.Stdout, "No file in the folder is for a user, so nothing was changed.")
		return writeReport(&bulkzoom.Report{Plan: plan}, *reportPath)
	}
	fmt.Fprintf(env.Stdout, "\nChanging the pictures of %d users (a copy of each current picture is kept in %s):\n", len(plan.Rows), runner.Backups.Dir)
	show := newProgressLine(env)
	opt.OnProgress = show.update
	rep, err := runner.Apply(ctx, plan, opt)
	show.clear()
	if err != nil {
		return err
	}
	return finishRun(env, rep, *reportPath, "Run `logodesk zoom pictures-from --undo` to put every picture back.")
}

// bulkRunner opens the session and keeps run records beside the backups.
func bulkRunner(env Env) (*bulkzoom.Runner, error) {
	c, err := clientFor(env, (*session.Session).Zoom)
	if err != nil {
		return nil, err
	}
	store, err := backups(env)
	if err != nil {
		return nil, err
	}
	return &bulkzoom.Runner{Zoom: c, Backups: store, RecordDir: filepath.Join(store.Dir, "zoom-runs")}, nil
}

func undoPictures(ctx context.Context, env Env, opt bulkzoom.Options, reportPath string) error {
	runner, err := bulkRunner(env)
	if err != nil {
		return err
	}
	last, err := runner.LastRun()
	if errors.Is(err, bulkzoom.ErrNothingToUndo) {
		return errors.New("There is no run of pictures from a folder to undo.")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Putting back the pictures of %d users changed from %s on %s:\n", last.Changed, last.Folder,
		last.Started.Local().Format("2 Jan 2006 at 15:04"))
	show := newProgressLine(env)
	show.undo = true
	opt.OnProgress = show.update
	rep, err := runner.Undo(ctx, opt)
	show.clear()
	if err != nil {
		return err
	}
	return finishRun(env, rep, reportPath, "")
}

// finishRun prints the summary and the problems, writes the report, and fails
// (exit 1) unless every user succeeded.
func finishRun(env Env, rep *bulkzoom.Report, reportPath, after string) error {
	fmt.Fprintln(env.Stdout)
	fmt.Fprintln(env.Stdout, rep.Summary())
	if rep.Stopped != "" {
		fmt.Fprintln(env.Stdout, "The run stopped early: "+strings.TrimPrefix(rep.Stopped, "Not tried: "))
	}
	if problems := rep.Problems(); len(problems) > 0 {
		fmt.Fprintln(env.Stdout, "Not changed:")
		for _, r := range problems {
			fmt.Fprintf(env.Stdout, "  %s (%s): %s\n", r.Row.User.Email, filepath.Base(r.Row.File), r.Reason)
		}
	}
	if err := writeReport(rep, reportPath); err != nil {
		return err
	}
	if rep.Count(bulkzoom.Changed) > 0 && after != "" {
		fmt.Fprintln(env.Stdout, after)
	}
	if !rep.OK() {
		return fmt.Errorf("%d of %d users were not changed (see above).", len(rep.Problems()), len(rep.Results))
	}
	return nil
}

func dryRunPictures(ctx context.Context, env Env, plan *bulkzoom.Plan, square bool, reportPath string) error {
	if len(plan.Rows) == 0 {
		fmt.Fprintln(env.Stdout, "Dry run: no file in the folder is for a user.")
		return writeReport(bulkzoom.DryRunReport(plan, nil), reportPath)
	}
	// Rows are printed as they are fitted (in no particular order), so the first
	// appear at once even for a large folder.
	fmt.Fprintln(env.Stdout, "\nWhat would be sent (dry run: nothing is sent):")
	show := newProgressLine(env)
	previews := make([]bulkzoom.Preview, 0, len(plan.Rows))
	start := time.Now()
	err := bulkzoom.Previews(ctx, plan, square, func(p bulkzoom.Preview) {
		previews = append(previews, p)
		done := len(previews)
		show.print(previewLine(p), bulkzoom.Progress{Done: done, Total: len(plan.Rows), Elapsed: time.Since(start),
			Left: time.Since(start) / time.Duration(done) * time.Duration(len(plan.Rows)-done)})
	})
	show.clear()
	if err != nil {
		return err
	}
	rep := bulkzoom.DryRunReport(plan, previews)
	fmt.Fprintln(env.Stdout)
	fmt.Fprintln(env.Stdout, rep.Summary())
	return writeReport(rep, reportPath)
}

func previewLine(p bulkzoom.Preview) string {
	if p.Problem != "" {
		return fmt.Sprintf("  %s ← %s: not a picture LogoDesk can use: %s", p.Row.User.Email, filepath.Base(p.Row.File), p.Problem)
	}
	return fmt.Sprintf("  %s ← %s: %d×%d %s, %s. %s", p.Row.User.Email, filepath.Base(p.Row.File), p.Width, p.Height,
		strings.ToUpper(strings.TrimPrefix(p.MIME, "image/")), limits.HumanBytes(int64(p.Size)), p.Explanation)
}

func writeReport(rep *bulkzoom.Report, path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("LogoDesk couldn't write the report to %s: %w", path, errors.Unwrap(err))
	}
	werr := rep.WriteCSV(f)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("LogoDesk couldn't write the report to %s: %w", path, werr)
	}
	return nil
}

// printPlan prints the matching as lines of text.
func printPlan(w io.Writer, p *bulkzoom.Plan, users int) {
	fmt.Fprintf(w, "%s: %d files for %d active Zoom users.\n", p.Folder, p.Files(), users)
	if p.CSV != "" {
		fmt.Fprintf(w, "Using the CSV file %s.\n", p.CSV)
	}
	fmt.Fprintf(w, "\n%d %s matched:\n", len(p.Rows), plural(len(p.Rows), "user is", "users are"))
	for _, r := range p.Rows {
		fmt.Fprintf(w, "  %s ← %s (%s)\n", r.User.Email, filepath.Base(r.File), r.By)
	}
	issues := func(l []bulkzoom.FileIssue, one, many string) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%d %s:\n", len(l), plural(len(l), one, many))
		for _, f := range l {
			fmt.Fprintf(w, "  %s: %s\n", filepath.Base(f.File), f.Reason)
		}
	}
	issues(p.NoUser, "file matched no user", "files matched no user")
	issues(p.SeveralUsers, "file matched several users, so it is not used", "files matched several users, so they are not used")
	issues(p.NotUsed, "file is not used", "files are not used")
	if n := len(p.UsersWithoutFile); n > 0 {
		fmt.Fprintf(w, "\n%d %s no file; %s not touched:\n", n, plural(n, "user has", "users have"), plural(n, "that picture is", "their pictures are"))
		const shown = 20
		for _, u := range p.UsersWithoutFile[:min(n, shown)] {
			fmt.Fprintf(w, "  %s\n", u.Email)
		}
		if n > shown {
			fmt.Fprintf(w, "  and %d more (the --report file lists them all)\n", n-shown)
		}
	}
	if len(p.CSVProblems) > 0 {
		fmt.Fprintln(w, "\nIn the CSV file:")
		for _, l := range p.CSVProblems {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progressLine keeps one updating line on stderr when it is a terminal, and
// prints each finished user on stdout.
type progressLine struct {
	mu    sync.Mutex
	env   Env
	tty   bool
	shown bool
	undo  bool // say "put back" rather than "changed"
}

func newProgressLine(env Env) *progressLine {
	f, ok := env.Stderr.(*os.File)
	return &progressLine{env: env, tty: ok && term.IsTerminal(int(f.Fd()))}
}

// update prints the user just finished and redraws the progress line.
func (l *progressLine) update(p bulkzoom.Progress) {
	line := ""
	if r := p.Last; r.Status != 0 {
		status := r.Status.String()
		if l.undo && r.Status == bulkzoom.Changed {
			status = "put back"
		}
		line = fmt.Sprintf("  %-9s %s ← %s", status, r.Row.User.Email, filepath.Base(r.Row.File))
		if r.Status != bulkzoom.Changed && r.Reason != "" {
			line += ": " + r.Reason
		}
	}
	l.print(line, p)
}

// print writes line (if any) on stdout and the progress line on a terminal's stderr.
func (l *progressLine) print(line string, p bulkzoom.Progress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.shown {
		fmt.Fprint(l.env.Stderr, "\r\033[K")
		l.shown = false
	}
	if line != "" {
		fmt.Fprintln(l.env.Stdout, line)
	}
	if l.tty && p.Done < p.Total {
		fmt.Fprintf(l.env.Stderr, "%d of %d users · about %s left", p.Done, p.Total, p.Left.Round(time.Second))
		l.shown = true
	}
}

func (l *progressLine) clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.shown {
		fmt.Fprint(l.env.Stderr, "\r\033[K")
		l.shown = false
	}
}
