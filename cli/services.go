package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"logodesk/service/limits"
	"os"
	"path/filepath"
	"strings"

	"logodesk/service/backup"
	"logodesk/service/bigin"
	"logodesk/service/contracts"
	"logodesk/service/imagefit"
	"logodesk/service/photo"
	"logodesk/service/zoom"
	"logodesk/session"
)

func init() {
	groups["crm"] = map[string]command{
		"org": crmOrg,
		"get-logo": func(ctx context.Context, env Env, a []string) error {
			return getPicture(ctx, env, a, "crm get-logo", crmTarget)
		},
		"set-logo": func(ctx context.Context, env Env, a []string) error {
			return setPicture(ctx, env, a, "crm set-logo", crmTarget)
		},
		"delete-logo": func(ctx context.Context, env Env, a []string) error {
			return deletePicture(ctx, env, a, "crm delete-logo", crmTarget)
		},
		"history": func(ctx context.Context, env Env, a []string) error {
			return history(ctx, env, a, "crm history", crmTarget)
		},
		"restore": func(ctx context.Context, env Env, a []string) error {
			return restore(ctx, env, a, "crm restore", crmTarget)
		},
	}
	groups["bigin"] = map[string]command{
		"records": biginRecords,
		"org":     biginOrg, "get-org-logo": biginGetOrgLogo, "set-org-logo": biginSetOrgLogo, // bigin_org.go
		"get-photo": func(ctx context.Context, env Env, a []string) error {
			return getPicture(ctx, env, a, "bigin get-photo", biginTarget)
		},
		"set-photo": func(ctx context.Context, env Env, a []string) error {
			return setPicture(ctx, env, a, "bigin set-photo", biginTarget)
		},
		"delete-photo": func(ctx context.Context, env Env, a []string) error {
			return deletePicture(ctx, env, a, "bigin delete-photo", biginTarget)
		},
		"history": func(ctx context.Context, env Env, a []string) error {
			return history(ctx, env, a, "bigin history", biginTarget)
		},
		"restore": func(ctx context.Context, env Env, a []string) error {
			return restore(ctx, env, a, "bigin restore", biginTarget)
		},
	}
	groups["contracts"] = map[string]command{"get-org": contractsGetOrg, "set-org": contractsSetOrg}
	groups["zoom"] = map[string]command{
		"user":  zoomUser,
		"users": zoomUsers,
		"get-picture": func(ctx context.Context, env Env, a []string) error {
			return getPicture(ctx, env, a, "zoom get-picture", zoomTarget)
		},
		"set-picture": func(ctx context.Context, env Env, a []string) error {
			return setPicture(ctx, env, a, "zoom set-picture", zoomTarget)
		},
		"delete-picture": func(ctx context.Context, env Env, a []string) error {
			return deletePicture(ctx, env, a, "zoom delete-picture", zoomTarget)
		},
		"history": func(ctx context.Context, env Env, a []string) error {
			return history(ctx, env, a, "zoom history", zoomTarget)
		},
		"restore": func(ctx context.Context, env Env, a []string) error {
			return restore(ctx, env, a, "zoom restore", zoomTarget)
		},
		"pictures-from": zoomPicturesFrom,
	}
}

// targetFlags are the flags that pick a picture slot; each service reads its own.
type targetFlags struct {
	module, id, user *string
}

// targetFunc adds a service's flags to fs and, after parsing, resolves the slot.
type targetFunc func(fs *flag.FlagSet) func(ctx context.Context, s *session.Session) (photo.Target, error)

func crmTarget(*flag.FlagSet) func(context.Context, *session.Session) (photo.Target, error) {
	return func(_ context.Context, s *session.Session) (photo.Target, error) {
		c, err := s.CRM()
		if err != nil {
			return nil, err
		}
		return photo.CRMOrg(c), nil
	}
}

func biginTarget(fs *flag.FlagSet) func(context.Context, *session.Session) (photo.Target, error) {
	module := fs.String("module", "", "Contacts, Companies (Accounts) or Products")
	id := fs.String("id", "", "record id")
	return func(_ context.Context, s *session.Session) (photo.Target, error) {
		m, err := parseModule(fs, *module)
		if err != nil {
			return nil, err
		}
		if err := required(fs, "id", *id); err != nil {
			return nil, err
		}
		c, err := s.Bigin()
		if err != nil {
			return nil, err
		}
		return photo.BiginRecord(c, m, bigin.Record{ID: *id, Name: m.Label() + " record " + *id}), nil
	}
}

func zoomTarget(fs *flag.FlagSet) func(context.Context, *session.Session) (photo.Target, error) {
	user := fs.String("user", zoom.Me, "me, a user id or an e-mail address")
	return func(ctx context.Context, s *session.Session) (photo.Target, error) {
		c, err := s.Zoom()
		if err != nil {
			return nil, err
		}
		u, err := c.User(ctx, *user)
		if err != nil {
			return nil, err
		}
		return photo.ZoomUser(c, u), nil
	}
}

func parseModule(fs *flag.FlagSet, s string) (bigin.Module, error) {
	if err := required(fs, "module", s); err != nil {
		return "", err
	}
	m, ok := bigin.ParseModule(s)
	if !ok {
		return "", usagef("%s: --module must be Contacts, Companies or Products", fs.Name())
	}
	return m, nil
}

// openTarget opens the session and resolves the picture slot the flags name.
func openTarget(ctx context.Context, env Env, resolve func(context.Context, *session.Session) (photo.Target, error)) (photo.Target, error) {
	s, err := env.Open()
	if err != nil {
		return nil, err
	}
	return resolve(ctx, s)
}

// clientFor opens the session and builds one service's client from it.
func clientFor[C any](env Env, build func(*session.Session) (C, error)) (C, error) {
	s, err := env.Open()
	if err != nil {
		var none C
		return none, err
	}
	return build(s)
}

func getPicture(ctx context.Context, env Env, args []string, name string, target targetFunc) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	out := fs.String("o", "", "file to write the picture to")
	resolve := target(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need(fs, pos, 0, "no file argument (use -o FILE)"); err != nil {
		return err
	}
	if err := required(fs, "o", *out); err != nil {
		return err
	}
	t, err := openTarget(ctx, env, resolve)
	if err != nil {
		return err
	}
	p, err := t.Get(ctx)
	if err != nil {
		return err
	}
	if !p.Present {
		fmt.Fprintf(env.Stdout, "No photo: the %s is not set.\n", strings.TrimPrefix(t.Label(), "Photo of "))
		return nil
	}
	if err := os.WriteFile(*out, p.Bytes, 0o644); err != nil {
		return fmt.Errorf("LogoDesk couldn't save the picture to %s: %w", *out, err)
	}
	fmt.Fprintf(env.Stdout, "Saved the %s to %s (%s, %s).\n", t.Label(), *out, strings.TrimPrefix(p.MIME, "image/"), limits.HumanBytes(int64(len(p.Bytes))))
	return nil
}

func setPicture(ctx context.Context, env Env, args []string, name string, target targetFunc) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	square := fs.Bool("square", false, "crop to a centred square first")
	noBackup := fs.Bool("no-backup", false, "go on even if the current picture can't be downloaded to keep a copy")
	resolve := target(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need(fs, pos, 1, "one image file"); err != nil {
		return err
	}
	// Check and fit before anything is sent.
	data, err := imagefit.ReadFile(pos[0])
	if err != nil {
		return err
	}
	t, err := openTarget(ctx, env, resolve)
	if err != nil {
		return err
	}
	fit, err := imagefit.Fit(data, t.Limit(), imagefit.Options{Square: *square})
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, fit.Explanation)
	store, err := backups(env)
	if err != nil {
		return err
	}
	kept, err := photo.Replace(ctx, t, fit.Bytes, fit.MIME, store)
	if errors.Is(err, photo.ErrNoCopy) && *noBackup {
		fmt.Fprintln(env.Stderr, Plain(err)+" Going on without a copy, as --no-backup asks.")
		kept, err = photo.Replace(ctx, t, fit.Bytes, fit.MIME, nil)
	}
	if err != nil {
		return noCopyHint(err)
	}
	sayKept(env, kept)
	fmt.Fprintf(env.Stdout, "Uploaded: the %s is now %s (%d×%d %s, %s).\n", t.Label(), filepath.Base(pos[0]), fit.Width, fit.Height,
		strings.ToUpper(strings.TrimPrefix(fit.MIME, "image/")), limits.HumanBytes(int64(len(fit.Bytes))))
	return nil
}

func deletePicture(ctx context.Context, env Env, args []string, name string, target targetFunc) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	noBackup := fs.Bool("no-backup", false, "go on even if the current picture can't be downloaded to keep a copy")
	resolve := target(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need(fs, pos, 0, "no file argument"); err != nil {
		return err
	}
	t, err := openTarget(ctx, env, resolve)
	if err != nil {
		return err
	}
	store, err := backups(env)
	if err != nil {
		return err
	}
	kept, err := photo.Delete(ctx, t, store)
	if errors.Is(err, photo.ErrNoCopy) && *noBackup {
		fmt.Fprintln(env.Stderr, Plain(err)+" Going on without a copy, as --no-backup asks.")
		kept, err = photo.Delete(ctx, t, nil)
	}
	if err != nil {
		return noCopyHint(err)
	}
	if kept.Path == "" && store != nil && !*noBackup {
		fmt.Fprintf(env.Stdout, "There was no %s to delete.\n", t.Label())
		return nil
	}
	fmt.Fprintf(env.Stdout, "Deleted the %s.\n", t.Label())
	sayKept(env, kept)
	return nil
}

// sayKept tells where the replaced picture was kept, if one was.
func sayKept(env Env, kept backup.Entry) {
	if kept.Path != "" {
		fmt.Fprintf(env.Stdout, "The picture it replaced is kept in %s.\n", kept.Path)
	}
}

// noCopyHint adds the way out to a "no copy could be kept" error.
func noCopyHint(err error) error {
	if errors.Is(err, photo.ErrNoCopy) {
		return fmt.Errorf("%s Run the command again with --no-backup to go on without a copy.", Plain(err))
	}
	return err
}

func crmOrg(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("crm org", flag.ContinueOnError)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	c, err := clientFor(env, (*session.Session).CRM)
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

// sayOrg prints one line about an organization and whether it has a logo.
func sayOrg(env Env, name, id, photoID string) {
	logo := "no logo"
	if photoID != "" {
		logo = "logo set (photo id " + photoID + ")"
	}
	fmt.Fprintf(env.Stdout, "%s (id %s) · %s\n", name, id, logo)
}

func biginRecords(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("bigin records", flag.ContinueOnError)
	module := fs.String("module", "", "Contacts, Companies (Accounts) or Products")
	search := fs.String("search", "", "a word or e-mail address to search for")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	m, err := parseModule(fs, *module)
	if err != nil {
		return err
	}
	c, err := clientFor(env, (*session.Session).Bigin)
	if err != nil {
		return err
	}
	recs, err := c.Records(ctx, m, *search)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		fmt.Fprintf(env.Stdout, "No %s found.\n", m.Label())
		return nil
	}
	for _, r := range recs {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", r.ID, r.Name, r.Detail)
	}
	return nil
}

func contractsGetOrg(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("contracts get-org", flag.ContinueOnError)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	c, err := clientFor(env, (*session.Session).Contracts)
	if err != nil {
		return err
	}
	o, err := c.OrgInfo(ctx)
	if err != nil {
		return err
	}
	for _, kv := range [][2]string{{"Organization", o.Name}, {"API name", o.APIName}, {"Address", o.Address}, {"City", o.City},
		{"State", o.State}, {"Country", o.Country}, {"Website", o.Website}, {"Phone", o.Phone}} {
		fmt.Fprintf(env.Stdout, "%-13s %s\n", kv[0]+":", kv[1])
	}
	return nil
}

func contractsSetOrg(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("contracts set-org", flag.ContinueOnError)
	org := fs.String("org", "", "the organization's API name (see contracts get-org)")
	var u contracts.OrgUpdate
	// Only flags given on the command line change; the rest stay as they are.
	fields := map[string]**string{"name": &u.Name, "address": &u.Address, "city": &u.City, "state": &u.State,
		"country": &u.Country, "website": &u.Website, "phone": &u.Phone}
	for name := range fields {
		fs.Func(name, "new "+name, func(v string) error {
			*fields[name] = &v
			return nil
		})
	}
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := required(fs, "org", *org); err != nil {
		return err
	}
	if u.Empty() {
		return usagef("contracts set-org needs at least one of --name --address --city --state --country --website --phone")
	}
	if err := u.Validate(); err != nil {
		return err
	}
	c, err := clientFor(env, (*session.Session).Contracts)
	if err != nil {
		return err
	}
	if err := c.UpdateOrgInfo(ctx, *org, u); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "Saved the organization info in Zoho Contracts.")
	return nil
}

func zoomUser(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("zoom user", flag.ContinueOnError)
	user := fs.String("user", zoom.Me, "me, a user id or an e-mail address")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	c, err := clientFor(env, (*session.Session).Zoom)
	if err != nil {
		return err
	}
	u, err := c.User(ctx, *user)
	if err != nil {
		return err
	}
	pic := "no picture"
	if u.PicURL != "" {
		pic = "has a picture"
	}
	fmt.Fprintf(env.Stdout, "%s <%s> (id %s) · %s\n", u.Name(), u.Email, u.ID, pic)
	return nil
}

func zoomUsers(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("zoom users", flag.ContinueOnError)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	c, err := clientFor(env, (*session.Session).Zoom)
	if err != nil {
		return err
	}
	users, err := c.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", u.ID, u.Email, u.Name())
	}
	return nil
}

// backups is the store where replaced pictures are kept, shared with the window.
func backups(env Env) (*backup.Store, error) {
	return &backup.Store{Dir: session.DefaultBackupDir(env.Getenv)}, nil
}
