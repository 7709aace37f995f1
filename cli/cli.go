// Package cli is LogoDesk's command line: every action of the window is also a
// command, for admins who script and for tests. It uses the same session and
// service code as the window and prints plain sentences, never a raw response
// body or a token.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"golang.org/x/term"

	"logodesk/service/api"
	"logodesk/service/photo"
	"logodesk/session"
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Interactive    bool // stdin is a terminal: prompts are allowed
	// Open builds the session the service commands use.
	Open func() (*session.Session, error)
}

// Exit codes.
const (
	ExitOK      = 0
	ExitFailed  = 1
	ExitUsage   = 2
	ExitNoPhoto = 0 // "no photo yet" is a result, not a failure
)

const usage = `LogoDesk keeps your organization's logo and photos the same across Zoho and Zoom.

Usage:
  logodesk                              open the window
  logodesk --sandbox                    open the window on the built-in sandbox (no account needed)
  logodesk sandbox [--addr 127.0.0.1:8765] [--zoom-users N]
                                        run the sandbox; prints its address and a demo token
  logodesk login zoho [--dc eu] | login zoom | logout zoho|zoom | whoami

  logodesk apply FILE [--to crm,bigin,zoom] [--dry-run] [--no-backup]
                                        send one logo to every service (Zoom only when named)
  logodesk apply --undo                 put back every picture the last apply changed

  logodesk crm org | crm get-logo -o FILE | crm set-logo FILE | crm delete-logo
  logodesk crm history | crm restore [N]
  logodesk bigin records --module Contacts|Companies|Products [--search TEXT]
  logodesk bigin get-photo --module M --id ID -o FILE | bigin set-photo --module M --id ID FILE
  logodesk bigin delete-photo --module M --id ID
  logodesk bigin history --module M --id ID | bigin restore --module M --id ID [N]
  logodesk bigin org | bigin get-org-logo -o FILE | bigin set-org-logo FILE [--no-backup]
  logodesk contracts get-org
  logodesk contracts set-org --org API_NAME [--name ..] [--phone ..] [--website ..] [--address ..]
                                        [--city ..] [--state ..] [--country CODE]
  logodesk zoom user [--user me|ID|EMAIL] | zoom users
  logodesk zoom get-picture --user U -o FILE | zoom set-picture --user U FILE | zoom delete-picture --user U
  logodesk zoom history --user U | zoom restore --user U [N]
  logodesk zoom pictures-from FOLDER [--csv MAP.csv] [--dry-run] [--report OUT.csv] [--square] [--pace N]
                                        everyone's picture from a folder of photos named after
                                        their e-mail addresses (admins); --undo puts the last run back

set-* commands fit the image to the service's limits first and say what they did;
the picture they replace or delete is kept first (history lists the kept copies,
newest first; restore N puts copy N back). When the current picture can't be
downloaded to keep it, nothing is changed unless you add --no-backup.

Environment: LOGODESK_ZOHO_TOKEN (a Zoho access token used as it is; LOGODESK_TOKEN is
its older name), LOGODESK_ZOOM_TOKEN (a Zoom access token), LOGODESK_ZOHO_API,
LOGODESK_CONTRACTS_API, LOGODESK_ZOOM_API (service addresses), LOGODESK_ZOHO_ACCOUNTS,
LOGODESK_ZOOM_ACCOUNTS, LOGODESK_ZOHO_CLIENT_ID/SECRET, LOGODESK_ZOOM_CLIENT_ID/SECRET,
LOGODESK_SANDBOX=1 (the addresses are a logodesk sandbox), LOGODESK_BACKUP_DIR.
`

// command is one subcommand's runner.
type command func(ctx context.Context, env Env, args []string) error

var groups = map[string]map[string]command{}

// Run runs the command in args and returns the process exit code.
func Run(args []string, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	var run command
	name := args[0]
	rest := args[1:]
	switch name {
	case "sandbox":
		run = runSandbox
	case "login", "logout", "whoami":
		run = accountCommands[name]
	case "apply":
		run = runApply // apply.go
	default:
		group, ok := groups[name]
		if !ok {
			return usageError(env, "unknown command %q", name)
		}
		if len(rest) == 0 {
			return usageError(env, "%s needs a subcommand", name)
		}
		run, ok = group[rest[0]]
		if !ok {
			return usageError(env, "unknown command %q", name+" "+rest[0])
		}
		rest = rest[1:]
	}
	if err := run(ctx, env, rest); err != nil {
		var ue usageErr
		if errors.As(err, &ue) {
			return usageError(env, "%s", ue.msg)
		}
		fmt.Fprintln(env.Stderr, Plain(err))
		return ExitFailed
	}
	return ExitOK
}

type usageErr struct{ msg string }

func (u usageErr) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageErr{fmt.Sprintf(format, a...)} }

func usageError(env Env, format string, a ...any) int {
	fmt.Fprintf(env.Stderr, "logodesk: "+format+"\nRun 'logodesk help' for the list of commands.\n", a...)
	return ExitUsage
}

// Plain is the one-line message for err that a user sees: the plain-language
// sentences for service errors, never a body, a URL with a query, or a token.
func Plain(err error) string {
	var apiErr *api.Error
	switch {
	case errors.Is(err, photo.ErrNoCopy):
		return err.Error() // says why no copy could be kept, then the service's reason
	case errors.As(err, &apiErr):
		return apiErr.Error()
	case errors.Is(err, context.Canceled):
		return "Cancelled."
	case errors.Is(err, context.DeadlineExceeded):
		return "This took too long and was stopped. Try again."
	}
	return err.Error()
}

// parse reads flags wherever they stand among the positional arguments
// ("set-photo FILE --id 3" and "set-photo --id 3 FILE" both work).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s %v", fs.Name(), err)
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// need checks the number of positional arguments.
func need(fs *flag.FlagSet, pos []string, n int, what string) error {
	if len(pos) != n {
		return usagef("%s expects %s", fs.Name(), what)
	}
	return nil
}

func required(fs *flag.FlagSet, name, value string) error {
	if strings.TrimSpace(value) == "" {
		return usagef("%s needs --%s", fs.Name(), name)
	}
	return nil
}

// OSEnv is the real environment: standard streams, os.Getenv, and a session
// opened on first use (with the OS keyring for sign-ins).
func OSEnv() Env {
	var once struct {
		s   *session.Session
		err error
		ok  bool
	}
	return Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Interactive: stdinIsTerminal(),
		Open: func() (*session.Session, error) {
			if !once.ok {
				// whoami and login say where sign-ins are kept; other commands stay quiet.
				once.s, once.err = session.Open(session.Config{})
				once.ok = true
			}
			return once.s, once.err
		},
	}
}

// stdinIsTerminal is true only for a real terminal (not /dev/null, a pipe or a file).
func stdinIsTerminal() bool { return term.IsTerminal(int(os.Stdin.Fd())) }
