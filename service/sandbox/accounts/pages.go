package accounts

import (
	"html/template"
	"net/http"

	"logodesk/service/sandbox/tokens"
)

var scopeHelp = map[string]string{
	"ZohoCRM.org.ALL":                  "View and change your CRM organization details and logo",
	"ZohoBigin.modules.ALL":            "View and change Bigin records and their photos",
	"ZohoSearch.securesearch.READ":     "Search your records",
	"contracts.meta.READ":              "View your Zoho Contracts organization details",
	"contracts.meta.UPDATE":            "Change your Zoho Contracts organization details",
	"AaaServer.profile.READ":           "See your name and email address",
	"user:read:user":                   "View your Zoom user information",
	"user:read:user:admin":             "View users' information",
	"user:read:list_users:admin":       "List the users in your account",
	"user:write:profile_picture":       "Change your profile picture",
	"user:write:profile_picture:admin": "Change users' profile pictures",
	"user:read:admin":                  "View users (classic scope)",
	"user:write:admin":                 "Change users (classic scope)",
	"user:write":                       "Change your user (classic scope)",
}

type consentScope struct{ Name, Help string }

type consentData struct {
	Vendor, AppName, ClientID string
	Scopes                    []consentScope
	Users                     []User
	RedirectURI, State, Scope string
	Challenge, Method         string
}

var consentPage = template.Must(template.New("consent").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Vendor}} sandbox – Allow access?</title>
<style>body{font-family:sans-serif;max-width:36em;margin:3em auto;color:#222}
button{font-size:1.1em;padding:.5em 1.5em;margin-right:1em}#allow{background:#1a73e8;color:#fff;border:0}</style></head>
<body>
<p><small>Sandbox {{.Vendor}} accounts server (no real account is used)</small></p>
<h1><span id="app">{{.AppName}}</span> would like to access your {{.Vendor}} account</h1>
<p>Client ID: <code>{{.ClientID}}</code></p>
<form method="post">
<p><label for="user">Sign in as</label>
<select id="user" name="user">{{range .Users}}<option value="{{.ID}}">{{.Name}} &lt;{{.Email}}&gt;</option>{{end}}</select></p>
<p>It will be able to:</p>
<ul id="scopes">{{range .Scopes}}<li><code>{{.Name}}</code>{{if .Help}} – {{.Help}}{{end}}</li>{{end}}</ul>
<input type="hidden" name="response_type" value="code">
<input type="hidden" name="client_id" value="{{.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.RedirectURI}}">
<input type="hidden" name="state" value="{{.State}}">
<input type="hidden" name="scope" value="{{.Scope}}">
<input type="hidden" name="code_challenge" value="{{.Challenge}}">
<input type="hidden" name="code_challenge_method" value="{{.Method}}">
<button id="allow" type="submit" name="decision" value="allow">Allow</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>
</body></html>
`))

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in request refused</title></head>
<body style="font-family:sans-serif;max-width:36em;margin:3em auto">
<h1>This sign-in request can't be completed</h1><p id="problem">{{.}}</p></body></html>
`))

func renderError(w http.ResponseWriter, problem string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_ = errorPage.Execute(w, problem)
}

func (s *Server) renderConsent(w http.ResponseWriter, a authRequest) {
	vendorName := "Zoho"
	scopes := splitScopes(a.scope)
	if a.vendor == tokens.Zoom {
		vendorName = "Zoom"
		if len(scopes) == 0 {
			scopes = ZoomDefaultScopes
		}
	}
	d := consentData{
		Vendor: vendorName, AppName: s.cfg.AppName, ClientID: a.clientID,
		Users: s.users(a.vendor), RedirectURI: a.redirectURI, State: a.state, Scope: a.scope,
		Challenge: a.challenge, Method: a.method,
	}
	for _, sc := range scopes {
		d.Scopes = append(d.Scopes, consentScope{Name: sc, Help: scopeHelp[sc]})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Frame-Options", "DENY")
	_ = consentPage.Execute(w, d)
}
