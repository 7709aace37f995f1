package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"logodesk/service/backup"
	"logodesk/service/limits"
	"logodesk/service/photo"
	"logodesk/session"
)

// history prints the kept copies of one picture, newest first, numbered from 1
// as `restore N` counts them.
func history(ctx context.Context, env Env, args []string, name string, target targetFunc) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	resolve := target(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need(fs, pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	t, entries, err := versions(ctx, env, resolve)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintf(env.Stdout, "No copies of the %s are kept yet.\n", t.Label())
		return nil
	}
	for i, e := range entries {
		fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", i+1, e.Time.Local().Format("2006-01-02 15:04:05"), limits.HumanBytes(e.Size), format(e))
	}
	return nil
}

// restore puts copy N (default 1, the newest) back, keeping what is there now first.
func restore(ctx context.Context, env Env, args []string, name string, target targetFunc) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	resolve := target(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	n := 1
	switch len(pos) {
	case 0:
	case 1:
		if n, err = strconv.Atoi(pos[0]); err != nil || n < 1 {
			return usagef("%s: N is the number `history` shows (1 is the newest copy)", fs.Name())
		}
	default:
		return usagef("%s expects at most one number", fs.Name())
	}
	t, entries, err := versions(ctx, env, resolve)
	if err != nil {
		return err
	}
	if n > len(entries) {
		if len(entries) == 0 {
			return fmt.Errorf("no copies of the %s are kept, so there is nothing to restore", t.Label())
		}
		return fmt.Errorf("there are only %d kept copies of the %s; `history` lists them", len(entries), t.Label())
	}
	store, err := backups(env)
	if err != nil {
		return err
	}
	e := entries[n-1]
	kept, err := photo.Restore(ctx, t, e, store)
	if err != nil {
		return noCopyHint(err)
	}
	fmt.Fprintf(env.Stdout, "Restored the %s to the copy kept on %s (%s, %s).\n", t.Label(),
		e.Time.Local().Format("2 Jan 2006 15:04"), format(e), limits.HumanBytes(e.Size))
	sayKept(env, kept)
	return nil
}

// versions opens the slot the flags name and lists its kept copies.
func versions(ctx context.Context, env Env, resolve func(context.Context, *session.Session) (photo.Target, error)) (photo.Target, []backup.Entry, error) {
	t, err := openTarget(ctx, env, resolve)
	if err != nil {
		return nil, nil, err
	}
	store, err := backups(env)
	if err != nil {
		return nil, nil, err
	}
	entries, err := photo.Versions(ctx, t, store)
	return t, entries, err
}

// format is the copy's image format for people: PNG, JPEG…
func format(e backup.Entry) string {
	f := strings.ToUpper(strings.TrimPrefix(e.MIME, "image/"))
	if f == "" || strings.Contains(f, "/") {
		return "unknown format"
	}
	return f
}
