package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"logodesk/service/backup"
	"logodesk/service/bigin"
	"logodesk/service/imagefit"
	"logodesk/service/limits"
	"logodesk/service/photo"
	"logodesk/session"
)

// Bigin's organization logo: bigin org | get-org-logo -o FILE | set-org-logo FILE [--no-backup].
// There is no delete-org-logo: Bigin documents no way for apps to remove its logo.

func biginOrgTarget(*flag.FlagSet) func(context.Context, *session.Session) (photo.Target, error) {
	return func(_ context.Context, s *session.Session) (photo.Target, error) {
		c, err := s.Bigin()
		if err != nil {
			return nil, err
		}
		return photo.BiginOrg(c), nil
	}
}

func biginOrg(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("bigin org", flag.ContinueOnError)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	c, err := clientFor(env, (*session.Session).Bigin)
	if err != nil {
		return err
	}
	o, err := c.Org(ctx)
	if err != nil {
		return err
	}
	logo := "no logo"
	if o.PhotoID != "" {
		logo = "logo set (photo id " + o.PhotoID + ")"
	}
	fmt.Fprintf(env.Stdout, "%s (id %s) · %s\n", o.Name, o.ID, logo)
	return nil
}

func biginGetOrgLogo(ctx context.Context, env Env, args []string) error {
	err := getPicture(ctx, env, args, "bigin get-org-logo", biginOrgTarget)
	if errors.Is(err, bigin.ErrOrgLogoUnreadable) {
		return errors.New("Bigin has a logo but doesn't let apps download it, so LogoDesk can't save it to a file.")
	}
	return err
}

// biginSetOrgLogo is set-* with --no-backup: Bigin won't hand out its current logo,
// so replacing one means giving up the copy, which the admin must ask for.
func biginSetOrgLogo(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("bigin set-org-logo", flag.ContinueOnError)
	noBackup := fs.Bool("no-backup", false, "replace the logo without keeping a copy of the current one")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need(fs, pos, 1, "one image file"); err != nil {
		return err
	}
	data, err := imagefit.ReadFile(pos[0])
	if err != nil {
		return err
	}
	t, err := openTarget(ctx, env, biginOrgTarget(fs))
	if err != nil {
		return err
	}
	fit, err := imagefit.Fit(data, t.Limit(), imagefit.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, fit.Explanation)
	var store *backup.Store
	if !*noBackup {
		if store, err = backups(env); err != nil {
			return err
		}
	}
	if err := photo.Replace(ctx, t, fit.Bytes, fit.MIME, store); err != nil {
		if errors.Is(err, bigin.ErrOrgLogoUnreadable) {
			return errors.New(bigin.ErrOrgLogoUnreadable.Error() + " Run the command again with --no-backup to replace it anyway.")
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "Uploaded: the %s is now %s (%d×%d %s, %s).\n", t.Label(), filepath.Base(pos[0]), fit.Width, fit.Height,
		strings.ToUpper(strings.TrimPrefix(fit.MIME, "image/")), limits.HumanBytes(int64(len(fit.Bytes))))
	return nil
}
