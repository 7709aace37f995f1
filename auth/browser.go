package auth

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// OpenBrowser opens url in the user's browser: the commands in $BROWSER first (a
// colon-separated list; "%s" in a command stands for the URL), then the platform's
// opener (xdg-open, open, rundll32 url.dll,FileProtocolHandler). It doesn't wait for
// the browser to close.
func OpenBrowser(url string) error {
	var cmds [][]string
	if b := os.Getenv("BROWSER"); b != "" {
		for _, c := range strings.Split(b, string(os.PathListSeparator)) {
			f := strings.Fields(c)
			if len(f) == 0 {
				continue
			}
			has := false
			for i := range f {
				if strings.Contains(f[i], "%s") {
					f[i], has = strings.ReplaceAll(f[i], "%s", url), true
				}
			}
			if !has {
				f = append(f, url)
			}
			cmds = append(cmds, f)
		}
	}
	switch runtime.GOOS {
	case "windows":
		cmds = append(cmds, []string{"rundll32", "url.dll,FileProtocolHandler", url})
	case "darwin":
		cmds = append(cmds, []string{"open", url})
	default:
		cmds = append(cmds, []string{"xdg-open", url})
	}
	for _, c := range cmds {
		cmd := exec.Command(c[0], c[1:]...)
		if err := cmd.Start(); err == nil {
			go func() { _ = cmd.Wait() }() // reaps the opener; its exit status says nothing about the page
			return nil
		}
	}
	return errors.New("No web browser could be opened. Copy the sign-in address into your browser.")
}
