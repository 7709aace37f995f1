package sandbox

import (
	"net/http"

	"logodesk/service/sandbox/accounts"
)

// mountAccounts returns the handler for ROOT/accounts/...: the emulated Zoho and Zoom
// accounts servers (package accounts), issuing tokens into s's store for the demo users.
func mountAccounts(s *Server) http.Handler {
	return http.StripPrefix("/accounts", accounts.New(s.tokens, accounts.Config{
		ZohoUsers: toAccountsUsers(ZohoUsers()),
		ZoomUsers: toAccountsUsers(ZoomUsers()),
		Now:       s.now,
	}))
}

func toAccountsUsers(us []User) []accounts.User {
	out := make([]accounts.User, len(us))
	for i, u := range us {
		out[i] = accounts.User{ID: u.ID, Name: u.Name, Email: u.Email}
	}
	return out
}
