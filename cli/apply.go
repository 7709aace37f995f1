package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"logodesk/service/api"
	"logodesk/service/apply"
	"logodesk/service/imagefit"
	"logodesk/service/limits"
)

// runApply is `logodesk apply FILE [--to crm,bigin,zoom] [--dry-run] [--no-backup]`
// and `logodesk apply --undo`.
func runApply(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("apply", flag.ContinueOnError)
	to := fs.String("to", "", "services to send the logo to: crm, bigin, zoom (default: every signed-in one except zoom)")
	dryRun := fs.Bool("dry-run", false, "fit the logo and say what would be sent, without sending anything")
	noBackup := fs.Bool("no-backup", false, "where LogoDesk can't keep a copy of the current picture, replace it anyway")
	undo := fs.Bool("undo", false, "put back every picture the last apply changed")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *undo {
		if len(pos) != 0 || *to != "" || *dryRun || *noBackup {
			return usagef("apply --undo takes nothing else")
		}
		return applyUndo(ctx, env)
	}
	if err := need(fs, pos, 1, "one image file"); err != nil {
		return err
	}
	data, err := imagefit.ReadFile(pos[0])
	if err != nil {
		return err
	}
	s, err := env.Open()
	if err != nil {
		return err
	}
	targets, err := chooseTargets(apply.Targets(s), *to)
	if err != nil {
		return err
	}
	cands, err := apply.Prepare(ctx, data, targets)
	if err != nil {
		return err
	}
	if *dryRun {
		return dryRunLines(env, cands)
	}
	store, err := backups(env)
	if err != nil {
		return err
	}
	run, recErr := apply.Apply(ctx, cands, apply.Options{Store: store})
	if *noBackup {
		for _, st := range run.Statuses() {
			if st.NoCopy {
				_ = run.RetryWithoutCopy(ctx, st.Target.ID) // its status says how it went
			}
		}
	}
	for _, st := range run.Statuses() {
		if st.State == apply.Done {
			fmt.Fprintf(env.Stdout, "%s: sent %s. %s\n", st.Target.Name(), fitSummary(st.Fit), st.Fit.Explanation)
			if st.UndoNote != "" {
				fmt.Fprintf(env.Stdout, "  %s\n", st.UndoNote)
			}
			continue
		}
		reason := st.Reason()
		var apiErr *api.Error
		if st.NoCopy && errors.As(st.Err, &apiErr) {
			reason = apiErr.Message + " Run it again with --no-backup to replace it anyway."
		}
		fmt.Fprintf(env.Stdout, "%s: failed. %s\n", st.Target.Name(), reason)
	}
	manualLines(env, cands)
	if recErr != nil {
		fmt.Fprintln(env.Stderr, Plain(recErr))
	}
	if !run.AllDone() {
		return errors.New(run.Summary())
	}
	fmt.Fprintln(env.Stdout, run.Summary())
	return nil
}

// chooseTargets picks the targets --to names, or by default every available one
// that is on by default. Zoho Contracts is always listed, for its by-hand note.
func chooseTargets(all []apply.Target, to string) ([]apply.Target, error) {
	var out []apply.Target
	if strings.TrimSpace(to) == "" {
		for _, t := range all {
			if t.Default || t.Manual != "" {
				out = append(out, t)
			}
		}
		if len(out) == 1 { // only the Contracts note: nothing can be sent
			return nil, errors.New("You're not signed in to Zoho, so there is no service to send the logo to. Sign in to Zoho first, or name the services with --to.")
		}
		return out, nil
	}
	for _, id := range strings.Split(to, ",") {
		id = strings.ToLower(strings.TrimSpace(id))
		t, ok := apply.Find(all, id)
		if !ok {
			return nil, usagef("apply --to: unknown service %q (use crm, bigin, zoom)", id)
		}
		out = append(out, t)
	}
	return out, nil
}

// dryRunLines says what would be sent to each target; nothing is sent.
func dryRunLines(env Env, cands []apply.Candidate) error {
	failed := false
	for _, c := range cands {
		switch {
		case c.Target.Manual != "":
			continue
		case c.Target.Unavailable != nil:
			failed = true
			fmt.Fprintf(env.Stdout, "%s: can't be sent. %s\n", c.Target.Name(), Plain(c.Target.Unavailable))
		case c.Err != nil:
			failed = true
			fmt.Fprintf(env.Stdout, "%s: can't be sent. %s\n", c.Target.Name(), Plain(c.Err))
		default:
			fmt.Fprintf(env.Stdout, "%s: would send %s. %s\n", c.Target.Name(), fitSummary(c.Fit), c.Fit.Explanation)
		}
	}
	manualLines(env, cands)
	if failed {
		return errors.New("Nothing was sent (dry run), and not every service could take this logo.")
	}
	fmt.Fprintln(env.Stdout, "Nothing was sent (dry run).")
	return nil
}

func manualLines(env Env, cands []apply.Candidate) {
	for _, c := range cands {
		if c.Target.Manual != "" {
			fmt.Fprintf(env.Stdout, "%s: not sent. %s\n", c.Target.Service, c.Target.Manual)
		}
	}
}

// fitSummary is "1024×768 JPEG, 812 KB".
func fitSummary(f imagefit.Result) string {
	return fmt.Sprintf("%d×%d %s, %s", f.Width, f.Height, strings.ToUpper(strings.TrimPrefix(f.MIME, "image/")), limits.HumanBytes(int64(len(f.Bytes))))
}

// applyUndo puts back what the last apply changed; it fails unless every service is back as it was.
func applyUndo(ctx context.Context, env Env) error {
	s, err := env.Open()
	if err != nil {
		return err
	}
	store, err := backups(env)
	if err != nil {
		return err
	}
	rep, err := apply.UndoLast(ctx, s, store, nil)
	if errors.Is(err, apply.ErrNothingToUndo) {
		fmt.Fprintln(env.Stdout, err.Error())
		return nil
	}
	if rep == nil {
		return err
	}
	for _, it := range rep.Items {
		if it.State == apply.Done {
			fmt.Fprintf(env.Stdout, "%s: %s.\n", it.Service, it.Did)
		} else {
			fmt.Fprintf(env.Stdout, "%s: not put back. %s\n", it.Service, apply.Reason(it.Err))
		}
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, Plain(err))
	}
	if !rep.AllRestored() {
		return errors.New(rep.Summary())
	}
	fmt.Fprintln(env.Stdout, rep.Summary())
	return nil
}
