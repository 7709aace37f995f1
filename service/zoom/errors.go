package zoom

import (
	"errors"
	"time"

	"logodesk/service/api"
)

// adminOnly rewords the refusals Zoom gives a non-admin who lists users. Zoom
// answers code 200 ("No permission.") when the user's role forbids it, and code
// 4711 (missing scopes) when the sign-in could not be granted the :admin scopes,
// which only admins can grant. The generic sentences for those codes talk about
// pictures and scopes; here the admin needs to hear who may do this.
func adminOnly(err error) error {
	var e *api.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code {
	case "200":
		c := *e
		c.Message = "Only a Zoom account administrator can list the account's users."
		c.NextStep = "Sign in to Zoom as an account administrator, or ask one to do this."
		return &c
	case "4711":
		c := *e
		c.Message = "Your Zoom sign-in doesn't include permission to list the account's users; only an account administrator can grant it."
		c.NextStep = "If you are a Zoom administrator, sign in to Zoom again and allow everything LogoDesk asks for; otherwise ask an administrator."
		return &c
	}
	return err
}

// longWait is how far off a rate limit's end must be for LogoDesk to stop
// rather than carry on: Zoom's per-second limits lift within seconds, and the
// API client waits those out itself.
const longWait = time.Minute

// LimitLifts reports whether err is a Zoom rate limit that the API client did
// not wait out because it lasts too long (Zoom's daily limit, whose
// Retry-After is the moment it lifts), and when it lifts. Further calls of the
// same kind are pointless until then.
func LimitLifts(err error, now time.Time) (time.Time, bool) {
	var e *api.Error
	if !errors.As(err, &e) || e.Kind != api.KindRateLimited || e.RetryAt.IsZero() {
		return time.Time{}, false
	}
	if e.RetryAt.Sub(now) < longWait {
		return time.Time{}, false
	}
	return e.RetryAt, true
}
