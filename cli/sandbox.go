package cli

import (
	"context"
	"flag"
	"fmt"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/session"
)

// runSandbox serves the emulated APIs until interrupted, and says how to point
// the command line (or a second copy of the app) at them.
func runSandbox(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8765", "address to listen on (loopback only)")
	zoomUsers := fs.Int("zoom-users", 0, "give the Zoom account this many users (e.g. 1200)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	run, err := sandbox.Start(*addr, sandbox.New(sandbox.Options{ZoomUsers: *zoomUsers}))
	if err != nil {
		return err
	}
	defer run.Close()
	fmt.Fprintf(env.Stdout, `LogoDesk sandbox running at %s (Ctrl-C stops it; its data lives in memory only).
Point the command line or the app at it:

  export LOGODESK_ZOHO_API=%s
  export LOGODESK_CONTRACTS_API=%s
  export LOGODESK_ZOOM_API=%s
  export LOGODESK_ZOHO_ACCOUNTS=%s
  export LOGODESK_ZOOM_ACCOUNTS=%s
  export LOGODESK_SANDBOX=1 LOGODESK_ZOHO_CLIENT_ID=%s LOGODESK_ZOOM_CLIENT_ID=%s
  export LOGODESK_ZOHO_TOKEN=%s LOGODESK_ZOOM_TOKEN=%s

Then try: logodesk crm org · logodesk bigin records --module Contacts · logodesk zoom user
`, run.URL, run.ZohoAPI(), run.ContractsAPI(), run.ZoomAPI(), run.ZohoAccounts(), run.ZoomAccounts(),
		session.SandboxClientID, session.SandboxClientID, tokens.DemoToken, tokens.DemoToken)
	fmt.Fprintln(env.Stdout, "(Unset LOGODESK_ZOHO_TOKEN or LOGODESK_ZOOM_TOKEN to try `logodesk login zoho` or `login zoom`, which sign in through the sandbox's consent pages.)")
	<-ctx.Done()
	fmt.Fprintln(env.Stdout, "Sandbox stopped.")
	return nil
}
