package cli

import (
	"context"
	"errors"
	"flag"

	"logodesk/service/bigin"
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
	sayOrg(env, o.Name, o.ID, o.PhotoID)
	return nil
}

func biginGetOrgLogo(ctx context.Context, env Env, args []string) error {
	err := getPicture(ctx, env, args, "bigin get-org-logo", biginOrgTarget)
	if errors.Is(err, bigin.ErrOrgLogoUnreadable) {
		return errors.New("Bigin has a logo but doesn't let apps download it, so LogoDesk can't save it to a file.")
	}
	return err
}

// biginSetOrgLogo is set-*: Bigin won't hand out its current logo, so replacing
// one needs --no-backup (setPicture says so).
func biginSetOrgLogo(ctx context.Context, env Env, args []string) error {
	return setPicture(ctx, env, args, "bigin set-org-logo", biginOrgTarget)
}
