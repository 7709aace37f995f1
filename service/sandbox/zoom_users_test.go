package sandbox_test

import (
	"strings"
	"testing"

	"logodesk/service/sandbox"
)

func TestZoomManyUsersPageThrough(t *testing.T) {
	e := newEnv(t, sandbox.Options{ZoomUsers: 1200})
	type page struct {
		NextPageToken string `json:"next_page_token"`
		TotalRecords  int    `json:"total_records"`
		Users         []struct {
			ID    string `json:"id"`
			Email string `json:"email"`
		} `json:"users"`
	}
	emails := map[string]bool{}
	ids := map[string]bool{}
	tok, pages := "", 0
	for {
		r := e.do(req{method: "GET", path: "/zoom/v2/users?page_size=300&next_page_token=" + tok, auth: zoomDemo})
		var p page
		decodeJSON(t, r.body, &p)
		if r.status != 200 || p.TotalRecords != 1200 {
			t.Fatalf("page %d: %d total %d", pages, r.status, p.TotalRecords)
		}
		pages++
		for _, u := range p.Users {
			if ids[u.ID] || emails[strings.ToLower(u.Email)] {
				t.Fatalf("user listed twice: %s %s", u.ID, u.Email)
			}
			ids[u.ID], emails[strings.ToLower(u.Email)] = true, true
		}
		if tok = p.NextPageToken; tok == "" {
			break
		}
	}
	if pages != 4 || len(ids) != 1200 || !emails[sandbox.GeneratedZoomUserEmail(0)] || !emails[sandbox.GeneratedZoomUserEmail(1196)] {
		t.Fatalf("%d pages, %d users", pages, len(ids))
	}
	// A generated user is a real user: found by e-mail, and every third has a picture.
	with, _ := getZoomUser(t, e, zoomDemo, strings.ToUpper(sandbox.GeneratedZoomUserEmail(3)))
	without, _ := getZoomUser(t, e, zoomDemo, sandbox.GeneratedZoomUserEmail(4))
	if with.PicURL == "" || without.PicURL != "" || without.Status != "active" {
		t.Fatalf("generated users: %+v / %+v", with, without)
	}
	// The default demo stays small.
	small := newEnv(t, sandbox.Options{})
	var p page
	decodeJSON(t, small.do(req{method: "GET", path: "/zoom/v2/users", auth: zoomDemo}).body, &p)
	if p.TotalRecords != 3 {
		t.Fatalf("default account has %d users", p.TotalRecords)
	}
}

func TestFaultForOneZoomUser(t *testing.T) {
	e := newEnv(t, sandbox.Options{ZoomUsers: 10})
	target := sandbox.GeneratedZoomUserEmail(2)
	other := sandbox.GeneratedZoomUserEmail(5)
	u, _ := getZoomUser(t, e, zoomDemo, target)
	// Named by e-mail (any case), the fault hits uploads for that user however the path names them.
	e.srv.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: "/zoom/v2/users/", User: strings.ToUpper(target), Kind: sandbox.ServerError, Times: 2})
	png := pngBytes(t, 8, 8)
	if r := e.do(upload("POST", "/zoom/v2/users/"+other+"/picture", zoomDemo, "pic_file", png, "image/png", t)); r.status != 201 {
		t.Fatalf("another user's upload: %d %s", r.status, r.body)
	}
	if r := e.do(req{method: "GET", path: "/zoom/v2/users/" + target, auth: zoomDemo}); r.status != 200 {
		t.Fatalf("GET is not a POST: %d", r.status)
	}
	for _, id := range []string{u.ID, target} {
		wantZoomErr(t, e.do(upload("POST", "/zoom/v2/users/"+id+"/picture", zoomDemo, "pic_file", png, "image/png", t)),
			500, 500, "Internal server error.")
	}
	if r := e.do(upload("POST", "/zoom/v2/users/"+u.ID+"/picture", zoomDemo, "pic_file", png, "image/png", t)); r.status != 201 {
		t.Fatalf("after the fault was used up: %d", r.status)
	}
	// By id, and "me" resolves to the caller.
	e.srv.InjectFault(sandbox.Fault{PathPrefix: "/zoom/v2/users/", User: sandbox.DemoZoomAdminUserID, Kind: sandbox.RateLimit, RetryAfter: "1"})
	if r := e.do(req{method: "GET", path: "/zoom/v2/users/" + target, auth: zoomDemo}); r.status != 200 {
		t.Fatalf("fault for the admin hit another user: %d", r.status)
	}
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: zoomDemo}), 429, 429,
		"You have reached the maximum per-second rate limit for this API. Try again later.")
}
