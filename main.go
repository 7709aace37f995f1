// Command logodesk keeps an organization's logo and photos the same across Zoho
// CRM, Bigin, Zoho Contracts and Zoom. With no arguments it opens the window;
// with a subcommand it is the command line (`logodesk help`).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"logodesk/cli"
	"logodesk/gui"
	_ "logodesk/gui/quietlocale" // before Fyne's init: no locale noise under LANG=C.UTF-8
	"logodesk/session"
)

func main() {
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		cli.AttachParentConsole() // Windows: print in the terminal the command was typed in
		os.Exit(cli.Run(os.Args[1:], cli.OSEnv()))
	}
	sandbox := flag.Bool("sandbox", false, "run on the built-in sandbox: demo data, no account or network needed")
	flag.Parse()
	if err := gui.CheckDisplay(os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sess, err := session.Open(session.Config{Sandbox: *sandbox})
	if err != nil {
		fmt.Fprintln(os.Stderr, cli.Plain(err))
		os.Exit(1)
	}
	defer sess.Close()
	gui.Run(sess)
}
