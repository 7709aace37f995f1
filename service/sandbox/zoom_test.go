package sandbox_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
)

type zoomUser struct {
	ID, Email, FirstName, LastName, DisplayName, RoleID, Status, PicURL string
	Type                                                                int
}

func getZoomUser(t *testing.T, e *env, auth, id string) (zoomUser, resp) {
	t.Helper()
	r := e.do(req{method: "GET", path: "/zoom/v2/users/" + id, auth: auth})
	var raw map[string]any
	var u zoomUser
	if r.status == 200 {
		decodeJSON(t, r.body, &raw)
		str := func(k string) string { s, _ := raw[k].(string); return s }
		u = zoomUser{ID: str("id"), Email: str("email"), FirstName: str("first_name"), LastName: str("last_name"),
			DisplayName: str("display_name"), RoleID: str("role_id"), Status: str("status"), PicURL: str("pic_url")}
		if f, ok := raw["type"].(float64); ok {
			u.Type = int(f)
		}
		if _, has := raw["pic_url"]; has && u.PicURL == "" {
			t.Fatalf("pic_url present but empty: %s", r.body)
		}
	}
	return u, r
}

func TestZoomGetUser(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	me, r := getZoomUser(t, e, zoomDemo, "me")
	if r.status != 200 || me.ID != sandbox.DemoZoomAdminUserID || me.Email != "admin@zylker.example" || me.Type != 2 ||
		me.RoleID != "1" || me.DisplayName != "Ava Admin" || me.Status != "active" || me.PicURL == "" {
		t.Fatalf("me = %+v (%s)", me, r.body)
	}
	// by id and by email (case-insensitive)
	for _, id := range []string{sandbox.ZoomMemberID, "MAYA@zylker.example"} {
		u, r := getZoomUser(t, e, zoomDemo, id)
		if r.status != 200 || u.ID != sandbox.ZoomMemberID || u.PicURL == "" {
			t.Fatalf("%s: %+v %s", id, u, r.body)
		}
	}
	// no picture → no pic_url key at all
	r = e.do(req{method: "GET", path: "/zoom/v2/users/" + sandbox.DemoZoomMemberNoPic, auth: zoomDemo})
	if r.status != 200 || bytes.Contains(r.body, []byte("pic_url")) {
		t.Fatalf("user without picture: %s", r.body)
	}
	// pic_url serves the picture without auth
	res, err := http.Get(me.PicURL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" || !strings.HasPrefix(me.PicURL, e.root+"/zoom-cdn/p/") {
		t.Fatalf("pic_url %s: %d %s", me.PicURL, res.StatusCode, res.Header.Get("Content-Type"))
	}
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users/nobody@zylker.example", auth: zoomDemo}), 404, 1001,
		"User does not exist: nobody@zylker.example.")
}

func TestZoomAuthAndScopes(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	e := newEnv(t, sandbox.Options{Now: func() time.Time { return now }})
	expired := e.srv.Tokens().Issue(tokens.Grant{Vendor: tokens.Zoom, User: "admin", Scopes: []string{"user:read"}, Expiry: now})
	zohoTok := e.token(tokens.Zoho, "admin", "*")
	for _, auth := range []string{"", "Zoho-oauthtoken " + tokens.DemoToken, "Bearer nope", "Bearer " + zohoTok, "Bearer "} {
		wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: auth}), 401, 124, "Invalid access token.")
	}
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: "Bearer " + expired}), 401, 124, "Access token is expired.")

	bearer := func(user string, scopes ...string) string { return "Bearer " + e.token(tokens.Zoom, user, scopes...) }
	// GET user
	for _, s := range []string{"user:read", "user:write", "user:read:admin", "user:write:admin", "user_profile", "user_info:read", "user:read:user", "user:read:user:admin"} {
		if _, r := getZoomUser(t, e, bearer("admin", s), "me"); r.status != 200 {
			t.Errorf("GET me with %s: %d %s", s, r.status, r.body)
		}
	}
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users/me", auth: bearer("admin", "meeting:read")}), 400, 4711,
		"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin].")
	// user_info:read only with "me"
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users/" + sandbox.DemoZoomAdminUserID, auth: bearer("admin", "user_info:read")}), 400, 4711,
		"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin].")
	// list
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users", auth: bearer("admin", "user:read:user")}), 400, 4711,
		"Invalid access token, does not contain scopes:[user:read:list_users:admin].")
	// picture
	png := pngBytes(t, 8, 8)
	wantZoomErr(t, e.do(upload("POST", "/zoom/v2/users/me/picture", bearer("admin", "user:read"), "pic_file", png, "image/png", t)), 400, 4711,
		"Invalid access token, does not contain scopes:[user:write:profile_picture, user:write:profile_picture:admin].")
	wantZoomErr(t, e.do(req{method: "DELETE", path: "/zoom/v2/users/me/picture", auth: bearer("admin", "user:read:admin")}), 400, 4711,
		"Invalid access token, does not contain scopes:[user:write, user:write:admin].")
	for _, s := range []string{"user:write", "user:write:admin", "user:write:profile_picture", "user:write:profile_picture:admin"} {
		if r := e.do(upload("POST", "/zoom/v2/users/me/picture", bearer("admin", s), "pic_file", png, "image/png", t)); r.status != 201 {
			t.Errorf("POST picture with %s: %d %s", s, r.status, r.body)
		}
	}
}

func TestZoomPictureLifecycle(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	member := "Bearer " + e.token(tokens.Zoom, sandbox.ZoomMemberID, "user:read", "user:write")
	before, _ := getZoomUser(t, e, zoomDemo, sandbox.DemoZoomMemberNoPic)
	if before.PicURL != "" {
		t.Fatal("demo user should have no picture")
	}
	png := pngBytes(t, 40, 40)
	r := e.do(upload("POST", "/zoom/v2/users/"+sandbox.DemoZoomMemberNoPic+"/picture", zoomDemo, "pic_file", png, "image/png", t))
	if r.status != 201 || len(r.body) != 0 {
		t.Fatalf("admin uploads for another user: %d %q", r.status, r.body)
	}
	after, _ := getZoomUser(t, e, zoomDemo, sandbox.DemoZoomMemberNoPic)
	if !strings.HasSuffix(after.PicURL, ".png") || r.header.Get("Content-Location") != after.PicURL {
		t.Fatalf("pic_url %q, Content-Location %q", after.PicURL, r.header.Get("Content-Location"))
	}
	res, err := http.Get(after.PicURL)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	_, _ = got.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Equal(got.Bytes(), png) {
		t.Fatalf("CDN: %d, %d bytes", res.StatusCode, got.Len())
	}

	// a member changes their own picture (by "me"): new version, old URL gone
	jpg := jpegBytes(t, 30, 30)
	if r := e.do(upload("POST", "/zoom/v2/users/me/picture", member, "pic_file", jpg, "image/jpeg", t)); r.status != 201 {
		t.Fatalf("member own picture: %d %s", r.status, r.body)
	}
	mine, _ := getZoomUser(t, e, member, "me")
	if !strings.HasSuffix(mine.PicURL, ".jpg") {
		t.Fatalf("pic_url %q", mine.PicURL)
	}
	// a member may not touch someone else's picture
	wantZoomErr(t, e.do(upload("POST", "/zoom/v2/users/"+sandbox.DemoZoomAdminUserID+"/picture", member, "pic_file", jpg, "image/jpeg", t)),
		400, 200, "Only an account administrator can change a profile picture.")
	wantZoomErr(t, e.do(req{method: "DELETE", path: "/zoom/v2/users/admin@zylker.example/picture", auth: member}),
		400, 200, "Only an account administrator can change a profile picture.")
	// nor read another user
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users/" + sandbox.DemoZoomAdminUserID, auth: member}), 400, 200, "No permission.")

	// delete → 204, pic_url gone, CDN 404
	r = e.do(req{method: "DELETE", path: "/zoom/v2/users/" + sandbox.DemoZoomMemberNoPic + "/picture", auth: zoomDemo})
	if r.status != 204 || len(r.body) != 0 {
		t.Fatalf("delete: %d %q", r.status, r.body)
	}
	if u, _ := getZoomUser(t, e, zoomDemo, sandbox.DemoZoomMemberNoPic); u.PicURL != "" {
		t.Fatalf("pic_url after delete: %q", u.PicURL)
	}
	res, err = http.Get(after.PicURL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Fatalf("CDN after delete: %d", res.StatusCode)
	}
	wantZoomErr(t, e.do(req{method: "DELETE", path: "/zoom/v2/users/ghost/picture", auth: zoomDemo}), 404, 1001, "User does not exist: ghost.")
	wantZoomErr(t, e.do(upload("POST", "/zoom/v2/users/ghost/picture", zoomDemo, "pic_file", png, "image/png", t)), 404, 1001, "User does not exist: ghost.")
}

func TestZoomPictureUploadErrors(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	const p = "/zoom/v2/users/me/picture"
	r := upload("POST", p, zoomDemo, "pic_file", nil, "image/png", t)
	wantZoomErr(t, e.do(r), 400, 120, "File is empty.")
	r = upload("POST", p, zoomDemo, "file", pngBytes(t, 4, 4), "image/png", t)
	r.badOnPurpose = true
	wantZoomErr(t, e.do(r), 400, 120, "File is empty.")
	wantZoomErr(t, e.do(req{method: "POST", path: p, auth: zoomDemo, badOnPurpose: true}), 400, 120, "File is empty.")
	wantZoomErr(t, e.do(upload("POST", p, zoomDemo, "pic_file", bigPNG(t, 2<<20), "image/png", t)), 400, 120, "File size cannot exceed 2M.")
	for _, data := range [][]byte{gifBytes(t, 4, 4), []byte("hello, not a picture"), append([]byte("\xff\xd8\xff"), "garbage"...)} {
		wantZoomErr(t, e.do(upload("POST", p, zoomDemo, "pic_file", data, "image/png", t)), 400, 120, "Only jpg/jpeg or png image file can be uploaded.")
	}
}

func TestZoomListUsers(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	type page struct {
		NextPageToken string `json:"next_page_token"`
		PageSize      int    `json:"page_size"`
		TotalRecords  int    `json:"total_records"`
		Users         []map[string]any
	}
	var p page
	r := e.do(req{method: "GET", path: "/zoom/v2/users", auth: zoomDemo})
	decodeJSON(t, r.body, &p)
	if r.status != 200 || p.PageSize != 30 || p.TotalRecords != 3 || len(p.Users) != 3 || p.NextPageToken != "" {
		t.Fatalf("list: %d %s", r.status, r.body)
	}
	for _, u := range p.Users {
		if _, has := u["pic_url"]; has {
			t.Fatalf("list items have no pic_url in the spec: %v", u)
		}
	}
	// paging
	var ids []string
	tok := ""
	for i := 0; i < 5; i++ {
		r := e.do(req{method: "GET", path: "/zoom/v2/users?page_size=2&next_page_token=" + tok, auth: zoomDemo})
		var p page
		decodeJSON(t, r.body, &p)
		for _, u := range p.Users {
			ids = append(ids, u["id"].(string))
		}
		if tok = p.NextPageToken; tok == "" {
			break
		}
	}
	if len(ids) != 3 {
		t.Fatalf("paged ids %v", ids)
	}
	// over the spec's maximum (so marked as breaking the contract on purpose): capped
	r = e.do(req{method: "GET", path: "/zoom/v2/users?page_size=5000", auth: zoomDemo, badOnPurpose: true})
	decodeJSON(t, r.body, &p)
	if p.PageSize != 2000 {
		t.Fatalf("page_size capped: %s", r.body)
	}
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users?next_page_token=bogus", auth: zoomDemo}), 400, 300,
		"The next page token is invalid or expired.")
	member := "Bearer " + e.token(tokens.Zoom, sandbox.ZoomMemberID, "user:read")
	wantZoomErr(t, e.do(req{method: "GET", path: "/zoom/v2/users", auth: member}), 400, 200, "No permission.")
}

func TestZoomUnknownEndpoints(t *testing.T) {
	e := newEnv(t, sandbox.Options{})
	for _, c := range []struct{ m, p string }{{"GET", "/zoom/v2/meetings"}, {"PUT", "/zoom/v2/users/me/picture"},
		{"GET", "/zoom/v2/users/me/picture"}, {"GET", "/zoom/v1/users"}, {"GET", "/zoom/v2/users/me/settings/x"}} {
		wantZoomErr(t, e.do(req{method: c.m, path: c.p, auth: zoomDemo}), 404, 2300, "This API endpoint is not recognized.")
	}
	if r := e.do(req{method: "GET", path: "/zoom-cdn/p/nobody/1.png"}); r.status != 404 {
		t.Fatalf("cdn unknown: %d", r.status)
	}
}
