package sandbox

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"logodesk/service/limits"
	"logodesk/service/sandbox/tokens"
)

// zoomError is Zoom's error body: {"code":<int>,"message":"..."}.
type zoomError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func zoomErr(w http.ResponseWriter, status, code int, msg string) {
	writeJSONType(w, status, "application/json;charset=UTF-8", zoomError{Code: code, Message: msg})
}

// zoomUser is an emulated Zoom user.
type zoomUser struct {
	ID, Email, FirstName, LastName string
	Type                           int // 1 basic, 2 licensed
	RoleID, RoleName               string
	Status                         string
	Dept, JobTitle, Timezone       string
	PMI                            int64
	CreatedAt, LastLogin           string
	login                          string // the sandbox user id that signs in as this user
	pic                            *storedImage
	picVersion                     int
}

func (u *zoomUser) admin() bool { return u.RoleID == "0" || u.RoleID == "1" }

// zoomUserJSON is GET /users/{userId}; zoomListUserJSON is an item of GET /users,
// which has no pic_url in the current spec.
type zoomUserJSON struct {
	ID                 string `json:"id"`
	FirstName          string `json:"first_name"`
	LastName           string `json:"last_name"`
	DisplayName        string `json:"display_name"`
	Email              string `json:"email"`
	Type               int    `json:"type"`
	RoleName           string `json:"role_name"`
	PMI                int64  `json:"pmi"`
	UsePMI             bool   `json:"use_pmi"`
	PersonalMeetingURL string `json:"personal_meeting_url"`
	Timezone           string `json:"timezone"`
	Verified           int    `json:"verified"`
	Dept               string `json:"dept"`
	CreatedAt          string `json:"created_at"`
	UserCreatedAt      string `json:"user_created_at"`
	LastLoginTime      string `json:"last_login_time"`
	LastClientVersion  string `json:"last_client_version"`
	PicURL             string `json:"pic_url,omitempty"`
	Language           string `json:"language"`
	PhoneNumber        string `json:"phone_number"`
	Status             string `json:"status"`
	RoleID             string `json:"role_id"`
	JobTitle           string `json:"job_title"`
	AccountID          string `json:"account_id"`
	AccountNumber      int64  `json:"account_number"`
	Cluster            string `json:"cluster"`
	LoginTypes         []int  `json:"login_types"`
}

type zoomListUserJSON struct {
	ID                string `json:"id"`
	FirstName         string `json:"first_name"`
	LastName          string `json:"last_name"`
	DisplayName       string `json:"display_name"`
	Email             string `json:"email"`
	Type              int    `json:"type"`
	PMI               int64  `json:"pmi"`
	Timezone          string `json:"timezone"`
	Verified          int    `json:"verified"`
	Dept              string `json:"dept"`
	CreatedAt         string `json:"created_at"`
	UserCreatedAt     string `json:"user_created_at"`
	LastLoginTime     string `json:"last_login_time"`
	LastClientVersion string `json:"last_client_version"`
	Status            string `json:"status"`
	RoleID            string `json:"role_id"`
}

const zoomAccountID = "zYlKeRaCcT0unT1dXyz123"

func (u *zoomUser) json(root string) zoomUserJSON {
	j := zoomUserJSON{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName,
		DisplayName: strings.TrimSpace(u.FirstName + " " + u.LastName), Email: u.Email, Type: u.Type,
		RoleName: u.RoleName, PMI: u.PMI, PersonalMeetingURL: fmt.Sprintf("https://zoom.us/j/%d", u.PMI),
		Timezone: u.Timezone, Verified: 1, Dept: u.Dept, CreatedAt: u.CreatedAt, UserCreatedAt: u.CreatedAt,
		LastLoginTime: u.LastLogin, LastClientVersion: "6.4.0.1234(mac)", Language: "en-US",
		PhoneNumber: "", Status: u.Status, RoleID: u.RoleID, JobTitle: u.JobTitle, AccountID: zoomAccountID,
		AccountNumber: 1234567890, Cluster: "us05", LoginTypes: []int{100}}
	if u.pic != nil {
		j.PicURL = u.picURL(root)
	}
	return j
}

func (u *zoomUser) listJSON() zoomListUserJSON {
	return zoomListUserJSON{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName,
		DisplayName: strings.TrimSpace(u.FirstName + " " + u.LastName), Email: u.Email, Type: u.Type,
		PMI: u.PMI, Timezone: u.Timezone, Verified: 1, Dept: u.Dept, CreatedAt: u.CreatedAt,
		UserCreatedAt: u.CreatedAt, LastLoginTime: u.LastLogin, LastClientVersion: "6.4.0.1234(mac)",
		Status: u.Status, RoleID: u.RoleID}
}

func (u *zoomUser) picURL(root string) string {
	ext := "jpg"
	if u.pic.mime == limits.PNG {
		ext = "png"
	}
	return fmt.Sprintf("%s/zoom-cdn/p/%s/%d.%s", root, u.ID, u.picVersion, ext)
}

// requestRoot is the sandbox ROOT as the client reached it.
func requestRoot(r *http.Request) string { return "http://" + r.Host }

// zoomGrant checks "Authorization: Bearer <token>"; missing, unknown or expired
// tokens answer 401 code 124 (the spec lists both messages under 124).
func (s *Server) zoomGrant(w http.ResponseWriter, r *http.Request) (tokens.Grant, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	tok = strings.TrimSpace(tok)
	g, found := s.tokens.Lookup(tok)
	if !ok || tok == "" || !found || (g.Vendor != "" && g.Vendor != tokens.Zoom) {
		zoomErr(w, http.StatusUnauthorized, 124, "Invalid access token.")
		return tokens.Grant{}, false
	}
	if g.Expired(s.now()) {
		zoomErr(w, http.StatusUnauthorized, 124, "Access token is expired.")
		return tokens.Grant{}, false
	}
	return g, true
}

// zoomScopeErr: Zoom names the (granular) scopes the token lacks.
func zoomScopeErr(w http.ResponseWriter, want []string) {
	zoomErr(w, http.StatusBadRequest, 4711, "Invalid access token, does not contain scopes:["+strings.Join(want, ", ")+"].")
}

// findZoomUser resolves a path userId: "me" (the caller), an id or an email. The
// sandbox sign-in id (e.g. "admin", ZoomAdminID) is accepted too, so tests and scripts
// can name the demo users by the ids they sign in with. Callers hold s.mu.
func (s *Server) findZoomUser(id string, g tokens.Grant) *zoomUser {
	if id == "me" {
		return s.zoomIndex.byID[g.User]
	}
	if u := s.zoomIndex.byID[id]; u != nil {
		return u
	}
	return s.zoomIndex.byEmail[strings.ToLower(id)]
}

// zoomCaller is the user the token acts as (nil if the sandbox does not know it). Callers hold s.mu.
func (s *Server) zoomCaller(g tokens.Grant) *zoomUser { return s.findZoomUser("me", g) }

func zoomRateCategory(r *http.Request) string {
	seg := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/zoom/v2"), "/"), "/")
	if len(seg) == 2 && seg[0] == "users" && r.Method == http.MethodGet {
		return "Light"
	}
	return "Medium"
}

// Scopes per operation, from the Zoom Users spec (classic and granular).
var (
	zoomGetUserScopes = []string{"user:read", "user:write", "user:read:admin", "user:write:admin",
		"user_profile", "user_info:read", "user:read:user", "user:read:user:admin"}
	zoomListScopes       = []string{"user:read", "user:write", "user:read:admin", "user:write:admin", "user:read:list_users:admin"}
	zoomPicPostScopes    = []string{"user:write:admin", "user:write", "user:write:profile_picture", "user:write:profile_picture:admin"}
	zoomPicDeleteScopes  = []string{"user:write:admin", "user:write", "user:write:profile_picture", "user:write:profile_picture:admin"}
	zoomNotRecognized    = "This API endpoint is not recognized."
	zoomOnlyAdminPicture = "Only an account administrator can change a profile picture."
)

// serveZoom serves the Zoom API (ROOT/zoom/v2); p is the path below it.
//
// An unknown path, or a method the emulated endpoint does not have, answers 404
// code 2300 "This API endpoint is not recognized." (the spec lists 2300 with 400
// under GET /users; for unknown endpoints Zoom answers 404).
func (s *Server) serveZoom(w http.ResponseWriter, r *http.Request, p string) {
	seg := strings.Split(strings.Trim(p, "/"), "/")
	if len(seg) == 0 || seg[0] != "users" || len(seg) > 3 || (len(seg) == 3 && seg[2] != "picture") ||
		(len(seg) >= 2 && seg[1] == "") {
		zoomErr(w, http.StatusNotFound, 2300, zoomNotRecognized)
		return
	}
	g, ok := s.zoomGrant(w, r)
	if !ok {
		return
	}
	switch {
	case len(seg) == 1 && r.Method == http.MethodGet:
		s.zoomListUsers(w, r, g)
	case len(seg) == 2 && r.Method == http.MethodGet:
		s.zoomGetUser(w, r, g, seg[1])
	case len(seg) == 3 && (r.Method == http.MethodPost || r.Method == http.MethodDelete):
		s.zoomPicture(w, r, g, seg[1])
	default:
		zoomErr(w, http.StatusNotFound, 2300, zoomNotRecognized)
	}
}

func (s *Server) zoomGetUser(w http.ResponseWriter, r *http.Request, g tokens.Grant, id string) {
	if !g.HasAny(zoomGetUserScopes...) {
		zoomScopeErr(w, []string{"user:read:user", "user:read:user:admin"})
		return
	}
	// user_info:read is valid only with "me".
	if id != "me" && !g.HasAny(zoomGetUserScopes[:5]...) && !g.HasAny(zoomGetUserScopes[6:]...) {
		zoomScopeErr(w, []string{"user:read:user", "user:read:user:admin"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findZoomUser(id, g)
	if u == nil {
		zoomErr(w, http.StatusNotFound, 1001, "User does not exist: "+id+".")
		return
	}
	if me := s.zoomCaller(g); me != u && (me == nil || !me.admin()) {
		// Reading someone else needs an admin; Zoom's generic permission code is 200.
		zoomErr(w, http.StatusBadRequest, 200, "No permission.")
		return
	}
	writeJSON(w, http.StatusOK, u.json(requestRoot(r)))
}

// zoomListUsers: GET /users, admins only. page_size defaults to 30 and is capped
// at 2000; next_page_token is opaque (base64 of the offset) and a bad one answers
// 400 code 300, as the spec says. A non-admin gets 400 code 200 "No permission.":
// the spec's only other candidate, 403, is for accounts denied API access entirely.
func (s *Server) zoomListUsers(w http.ResponseWriter, r *http.Request, g tokens.Grant) {
	if !g.HasAny(zoomListScopes...) {
		zoomScopeErr(w, []string{"user:read:list_users:admin"})
		return
	}
	q := r.URL.Query()
	s.mu.Lock()
	defer s.mu.Unlock()
	if me := s.zoomCaller(g); me == nil || !me.admin() {
		zoomErr(w, http.StatusBadRequest, 200, "No permission.")
		return
	}
	size := 30
	if v := q.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			zoomErr(w, http.StatusBadRequest, 300, "Invalid field: page_size.")
			return
		}
		size = min(n, 2000)
	}
	offset := 0
	if t := q.Get("next_page_token"); t != "" {
		b, err := base64.RawURLEncoding.DecodeString(t)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(b), "offset:"))
		if err != nil || err2 != nil || !strings.HasPrefix(string(b), "offset:") || n < 0 {
			zoomErr(w, http.StatusBadRequest, 300, "The next page token is invalid or expired.")
			return
		}
		offset = n
	}
	status := q.Get("status")
	if status == "" {
		status = "active"
	}
	var match []*zoomUser
	for _, u := range s.zoom {
		if u.Status == status && (q.Get("role_id") == "" || q.Get("role_id") == u.RoleID) {
			match = append(match, u)
		}
	}
	users := []zoomListUserJSON{}
	for i := offset; i < len(match) && i < offset+size; i++ {
		users = append(users, match[i].listJSON())
	}
	next := ""
	if offset+size < len(match) {
		next = base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset+size)))
	}
	pages := (len(match) + size - 1) / size
	writeJSON(w, http.StatusOK, struct {
		NextPageToken string             `json:"next_page_token"`
		PageCount     int                `json:"page_count"`
		PageNumber    int                `json:"page_number"`
		PageSize      int                `json:"page_size"`
		TotalRecords  int                `json:"total_records"`
		Users         []zoomListUserJSON `json:"users"`
	}{next, pages, offset/size + 1, size, len(match), users})
}

// zoomPicture: POST (multipart pic_file, JPEG/PNG ≤ 2 MB, 201 empty) and DELETE (204).
//
// Scopes: the spec lists user:write[:admin] and the granular user:write:profile_picture[:admin]
// for POST, and no granular scope for DELETE (spec defect 7); the sandbox accepts the
// granular ones for DELETE too, so an app signed in with granular scopes can delete.
func (s *Server) zoomPicture(w http.ResponseWriter, r *http.Request, g tokens.Grant, id string) {
	want := zoomPicPostScopes
	if r.Method == http.MethodDelete {
		want = zoomPicDeleteScopes
	}
	if !g.HasAny(want...) {
		if r.Method == http.MethodDelete {
			zoomScopeErr(w, []string{"user:write", "user:write:admin"})
		} else {
			zoomScopeErr(w, []string{"user:write:profile_picture", "user:write:profile_picture:admin"})
		}
		return
	}
	s.mu.Lock()
	u := s.findZoomUser(id, g)
	me := s.zoomCaller(g)
	s.mu.Unlock()
	if u == nil {
		zoomErr(w, http.StatusNotFound, 1001, "User does not exist: "+id+".")
		return
	}
	if me != u && (me == nil || !me.admin()) {
		zoomErr(w, http.StatusBadRequest, 200, zoomOnlyAdminPicture)
		return
	}
	if r.Method == http.MethodDelete {
		s.mu.Lock()
		u.pic = nil
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	lim := limits.ZoomProfilePicture
	parts, err := readParts(w, r, lim.MaxBytes)
	if err != nil {
		zoomErr(w, http.StatusBadRequest, 300, "Request Body should be a valid multipart form.")
		return
	}
	var f *part
	for i := range parts {
		if parts[i].field == "pic_file" {
			f = &parts[i]
			break
		}
	}
	switch {
	case f == nil || f.size == 0:
		zoomErr(w, http.StatusBadRequest, 120, "File is empty.")
		return
	case f.tooBig:
		zoomErr(w, http.StatusBadRequest, 120, "File size cannot exceed 2M.")
		return
	}
	mt, _, ok := sniffImage(f.data)
	if !ok || !lim.Accepts(mt) {
		zoomErr(w, http.StatusBadRequest, 120, "Only jpg/jpeg or png image file can be uploaded.")
		return
	}
	s.mu.Lock()
	s.zoomSeq++
	u.pic = &storedImage{data: f.data, mime: mt}
	u.picVersion = s.zoomSeq
	loc := u.picURL(requestRoot(r))
	s.mu.Unlock()
	// 201 with an empty body, as Zoom's Postman sample shows ("Content-Location: Location
	// of user's picture"); the spec's empty-object JSON schema is tolerated by the contract tests.
	w.Header().Set("Content-Location", loc)
	w.WriteHeader(http.StatusCreated)
}

// serveZoomCDN serves pic_url targets: GET /p/{userId}/{version}.{jpg|png}, no auth.
// Only the current version of a picture exists; anything else is a plain 404.
func (s *Server) serveZoomCDN(w http.ResponseWriter, r *http.Request, p string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	seg := strings.Split(strings.Trim(p, "/"), "/")
	if len(seg) != 3 || seg[0] != "p" {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	var img *storedImage
	if u := s.zoomIndex.byID[seg[1]]; u != nil && u.ID == seg[1] && u.pic != nil && u.picURL("") == "/zoom-cdn/p/"+seg[1]+"/"+seg[2] {
		img = u.pic
	}
	s.mu.Unlock()
	if img == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000")
	writeImage(w, img)
}
