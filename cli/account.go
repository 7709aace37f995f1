package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"logodesk/auth"
	"logodesk/session"
)

var accountCommands = map[string]command{"login": login, "logout": logout, "whoami": whoami}

func provider(fs *flag.FlagSet, pos []string) (auth.Provider, error) {
	if len(pos) != 1 {
		return "", usagef("%s expects zoho or zoom", fs.Name())
	}
	switch strings.ToLower(pos[0]) {
	case "zoho":
		return auth.Zoho, nil
	case "zoom":
		return auth.Zoom, nil
	}
	return "", usagef("%s expects zoho or zoom, not %q", fs.Name(), pos[0])
}

func manager(env Env) (*auth.Manager, error) {
	s, err := env.Open()
	if err != nil {
		return nil, err
	}
	if s.Auth() == nil {
		return nil, errors.New("sign-in is not available in this mode")
	}
	return s.Auth(), nil
}

// login opens the browser on the vendor's sign-in page and waits for it.
func login(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	dc := fs.String("dc", "", "Zoho data centre: us, eu, in, au, jp, uk, sa, cn, ca")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	p, err := provider(fs, pos)
	if err != nil {
		return err
	}
	if *dc != "" {
		if _, ok := auth.ZohoDataCentre(*dc); !ok || p != auth.Zoho {
			return usagef("--dc is a Zoho data centre: us, eu, in, au, jp, uk, sa, cn or ca")
		}
	}
	m, err := manager(env)
	if err != nil {
		return err
	}
	if _, ok := m.ClientSettings(p); !ok {
		if err := askClient(env, m, p); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stdout, "Opening your browser to sign in to %s…\n", p.Title())
	acc, err := m.SignIn(ctx, p, *dc, func(url string) {
		fmt.Fprintf(env.Stdout, "If it doesn't open, copy this address into your browser:\n  %s\n", url)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Signed in to %s as %s.\n", p.Title(), describe(acc))
	if m.UsingFileFallback() {
		fmt.Fprintf(env.Stdout, "No system keyring is available: the sign-in is kept in %s, readable only by you.\n", m.CredentialsFile())
	}
	return nil
}

// askClient asks for the OAuth client the admin registered, when a terminal is
// there to answer; otherwise it says what is missing.
func askClient(env Env, m *auth.Manager, p auth.Provider) error {
	upper := strings.ToUpper(string(p))
	if !env.Interactive {
		return fmt.Errorf("LogoDesk has no %s client ID yet. Set LOGODESK_%s_CLIENT_ID (and LOGODESK_%s_CLIENT_SECRET if your client has one), "+
			"or run this command in a terminal to enter it. Register the client with the redirect URI %s",
			p.Title(), upper, upper, m.RedirectURI(p))
	}
	fmt.Fprintf(env.Stdout, "LogoDesk needs the OAuth client you registered with %s (redirect URI %s).\n", p.Title(), m.RedirectURI(p))
	in := bufio.NewReader(os.Stdin)
	fmt.Fprint(env.Stdout, "Client ID: ")
	id, _ := in.ReadString('\n')
	fmt.Fprint(env.Stdout, "Client secret (leave empty if none; it is not shown as you type): ")
	secretBytes, _ := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(env.Stdout)
	secret := string(secretBytes)
	cs := auth.ClientSettings{ID: strings.TrimSpace(id), Secret: strings.TrimSpace(secret)}
	if cs.ID == "" {
		return errors.New("No client ID was entered, so LogoDesk can't sign in.")
	}
	return m.SetClientSettings(p, cs)
}

func describe(acc auth.Account) string {
	who := acc.Name
	if acc.Email != "" {
		if who != "" {
			who += " <" + acc.Email + ">"
		} else {
			who = acc.Email
		}
	}
	if who == "" {
		who = "an unnamed user"
	}
	if dc, ok := auth.ZohoDataCentre(acc.DC); ok && acc.Provider == auth.Zoho {
		who += " (" + dc.Name + " data centre)"
	}
	return who
}

func logout(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("logout", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	p, err := provider(fs, pos)
	if err != nil {
		return err
	}
	m, err := manager(env)
	if err != nil {
		return err
	}
	if err := m.SignOut(ctx, p); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Signed out of %s; LogoDesk no longer keeps any of its tokens.\n", p.Title())
	return nil
}

func whoami(_ context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("whoami", flag.ContinueOnError)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	m, err := manager(env)
	if err != nil {
		return err
	}
	for _, p := range []auth.Provider{auth.Zoho, auth.Zoom} {
		if acc, ok := m.Account(p); ok {
			fmt.Fprintf(env.Stdout, "%s: signed in as %s\n", p.Title(), describe(acc))
		} else {
			fmt.Fprintf(env.Stdout, "%s: not signed in\n", p.Title())
		}
	}
	for _, o := range []struct{ env, vendor string }{{session.EnvZohoToken, "Zoho"}, {session.EnvToken, "Zoho"}, {session.EnvZoomToken, "Zoom"}} {
		if env.Getenv(o.env) != "" {
			fmt.Fprintf(env.Stdout, "%s is set: %s commands use that token instead of a sign-in.\n", o.env, o.vendor)
		}
	}
	if m.UsingFileFallback() {
		fmt.Fprintf(env.Stdout, "No system keyring is available: sign-ins are kept in %s, readable only by you.\n", m.CredentialsFile())
	}
	return nil
}
