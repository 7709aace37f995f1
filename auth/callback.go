package auth

import (
	"crypto/subtle"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"
	"sync"
)

// callback is what the browser brought back to the loopback listener.
type callback struct {
	code, accountsServer, location string
	err                            error
}

var resultPage = template.Must(template.New("result").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LogoDesk</title></head>
<body style="font-family:sans-serif;max-width:36em;margin:3em auto">
<h1 id="result">{{.Title}}</h1><p>{{.Text}}</p></body></html>
`))

func noStore(h http.Header) {
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Connection", "close")
}

func writePage(w http.ResponseWriter, status int, title, text string) {
	noStore(w.Header())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	// A write error means the browser went away; the sign-in goes on without it.
	_ = resultPage.Execute(w, struct{ Title, Text string }{title, text})
}

// strayReply is the whole answer to a reply whose state isn't this sign-in's.
const strayReply = "This reply doesn't belong to the sign-in LogoDesk is waiting for, so LogoDesk ignored it. " +
	"If you are signing in, finish on the newest sign-in page LogoDesk opened.\n"

// callbackHandler answers the browser's return on /callback/<p> and refuses everything
// else. Pages are static: nothing from the query is echoed.
//
// Only a reply carrying this sign-in's state ends the wait, and only the first one.
// Zoho's port is fixed, so any web page can send requests here; a reply with a wrong
// or missing state is answered 400 and the wait goes on, or any page could end a
// pending sign-in. A reply with the right state is the provider's real answer, so its
// error (the user clicked Deny) ends the attempt.
func (m *Manager) callbackHandler(p Provider, state string, results chan<- callback) http.Handler {
	var answered, warned sync.Once
	path := "/callback/" + string(p)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path {
			if strings.HasPrefix(r.URL.Path, "/callback/") {
				m.log(fmt.Sprintf("Refused a sign-in reply that arrived for another service while signing in to %s.", p.Title()))
				writePage(w, http.StatusBadRequest, "This reply is for another sign-in", "LogoDesk is signing in to "+p.Title()+" and refused this reply. You can close this tab.")
				return
			}
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet {
			http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
			return
		}
		q := r.URL.Query()
		if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1 {
			// Logged once: a page can send any number of these.
			warned.Do(func() {
				m.log(fmt.Sprintf("Ignored a reply that didn't belong to this %s sign-in; still waiting for the real one.", p.Title()))
			})
			noStore(w.Header())
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, strayReply) // the sender may be gone; nothing to do about it
			return
		}
		handled := false
		answered.Do(func() {
			handled = true
			cb := callback{code: q.Get("code"), accountsServer: q.Get("accounts-server"), location: q.Get("location")}
			title, text, status := "You're signed in to "+p.Title()+". You can close this tab.", "Go back to LogoDesk.", http.StatusOK
			switch {
			case q.Get("error") == "access_denied":
				cb.err = newErr(ErrDenied, fmt.Sprintf("You chose not to let LogoDesk use your %s account, so it isn't signed in.", p.Title()), nil)
				title, text = "LogoDesk was not allowed access", "You chose Deny, so LogoDesk is not signed in to "+p.Title()+". You can close this tab."
			case q.Get("error") != "":
				cb.err = newErr(ErrDenied, fmt.Sprintf("%s didn't sign LogoDesk in (%s).", p.Title(), safeCode(q.Get("error"))), nil)
				title, text = "Sign-in didn't complete", p.Title()+" didn't sign LogoDesk in. Go back to LogoDesk for details."
			case cb.code == "":
				cb.err = newErr(ErrCodeRejected, fmt.Sprintf("%s's reply carried no sign-in code. Please try again.", p.Title()), nil)
				title, text, status = "Sign-in didn't complete", "The reply carried no sign-in code. Go back to LogoDesk and try again.", http.StatusBadRequest
			}
			writePage(w, status, title, text)
			results <- cb
		})
		if !handled {
			writePage(w, http.StatusGone, "This sign-in is already finished", "You can close this tab.")
		}
	})
}
