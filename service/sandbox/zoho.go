package sandbox

import (
	"net/http"
	"strconv"
	"strings"

	"logodesk/service/limits"
	"logodesk/service/sandbox/tokens"
)

// zohoError is the CRM/Bigin error (and action result) body. The field order gives
// exactly {"code":..,"details":{..},"message":..,"status":..}.
type zohoError struct {
	Code    string         `json:"code"`
	Details map[string]any `json:"details"`
	Message string         `json:"message"`
	Status  string         `json:"status"`
}

const zohoJSON = "application/json;charset=UTF-8"

func zohoErr(w http.ResponseWriter, status int, code, msg string, details map[string]any) {
	if details == nil {
		details = map[string]any{}
	}
	writeJSONType(w, status, zohoJSON, zohoError{Code: code, Details: details, Message: msg, Status: "error"})
}

func zohoSuccess(w http.ResponseWriter, msg string) {
	writeJSONType(w, http.StatusOK, zohoJSON, zohoError{Code: "SUCCESS", Details: map[string]any{}, Message: msg, Status: "success"})
}

// The messages are the documented ones (api-notes §0, seed docs).
func zohoURLPattern(w http.ResponseWriter) {
	zohoErr(w, http.StatusNotFound, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one", nil)
}

func zohoBadMethod(w http.ResponseWriter) {
	zohoErr(w, http.StatusBadRequest, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one", nil)
}

func zohoScopeMismatch(w http.ResponseWriter) {
	zohoErr(w, http.StatusUnauthorized, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL", nil)
}

// zohoGrant checks the Authorization header: "Zoho-oauthtoken <token>" with a live
// token issued for Zoho (or the demo token). It writes the 401 itself when not.
// Contracts uses the same header and token store but its own error body, so the
// error writer is a parameter.
func (s *Server) zohoGrant(w http.ResponseWriter, r *http.Request, fail func(w http.ResponseWriter, code, msg string)) (tokens.Grant, bool) {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Zoho-oauthtoken ")
	tok = strings.TrimSpace(tok)
	if !ok || tok == "" {
		// No header, or another style (e.g. "Bearer x"): Zoho did not see a token.
		fail(w, "AUTHENTICATION_FAILURE", "Authentication failed")
		return tokens.Grant{}, false
	}
	g, found := s.tokens.Lookup(tok)
	if !found || (g.Vendor != "" && g.Vendor != tokens.Zoho) || g.Expired(s.now()) {
		fail(w, "INVALID_TOKEN", "invalid oauth token")
		return tokens.Grant{}, false
	}
	return g, true
}

func zohoAuthFail(w http.ResponseWriter, code, msg string) {
	zohoErr(w, http.StatusUnauthorized, code, msg, nil)
}

// serveZoho serves the Zoho API domain (ROOT/zoho); p is the path below it.
func (s *Server) serveZoho(w http.ResponseWriter, r *http.Request, p string) {
	seg := strings.Split(strings.Trim(p, "/"), "/")
	switch {
	case len(seg) >= 3 && seg[0] == "crm" && crmVersions[seg[1]] && seg[2] == "org":
		switch len(seg) {
		case 3:
			s.serveCRMOrg(w, r)
			return
		case 4:
			if seg[3] == "photo" {
				s.serveCRMOrgPhoto(w, r)
				return
			}
		}
	case len(seg) >= 3 && seg[0] == "bigin" && seg[1] == "v2" && seg[2] == "org":
		if s.serveBiginOrg(w, r, seg[3:]) {
			return
		}
	case len(seg) >= 3 && len(seg) <= 5 && seg[0] == "bigin" && seg[1] == "v2":
		if len(seg) == 5 && seg[4] != "photo" {
			break
		}
		s.serveBigin(w, r, seg[2:])
		return
	}
	zohoURLPattern(w)
}

// crmVersions are the API versions whose org endpoints the docs show (v2 … v8).
var crmVersions = map[string]bool{"v2": true, "v2.1": true, "v3": true, "v4": true, "v5": true, "v6": true, "v7": true, "v8": true}

// crmOrg is the CRM organization and its photo.
type crmOrg struct {
	fields  map[string]any // everything GET /org shows except photo_id
	photo   *storedImage
	photoID string
}

type storedImage struct {
	data []byte
	mime string
}

// nextID returns a fresh 19-digit Zoho-style id. Callers hold s.mu.
func (s *Server) nextID() string {
	s.seq++
	return strconv.FormatInt(4876876000000900000+s.seq, 10)
}

func (s *Server) serveCRMOrg(w http.ResponseWriter, r *http.Request) {
	g, ok := s.zohoGrant(w, r, zohoAuthFail)
	if !ok {
		return
	}
	if r.Method != http.MethodGet {
		zohoBadMethod(w)
		return
	}
	if !g.HasAny("ZohoCRM.org.ALL", "ZohoCRM.org.READ") {
		zohoScopeMismatch(w)
		return
	}
	s.mu.Lock()
	org := make(map[string]any, len(s.org.fields)+1)
	for k, v := range s.org.fields {
		org[k] = v
	}
	if s.org.photo != nil {
		org["photo_id"] = s.org.photoID
	} else {
		org["photo_id"] = nil
	}
	s.mu.Unlock()
	writeJSONType(w, http.StatusOK, zohoJSON, map[string]any{"org": []any{org}})
}

func (s *Server) serveCRMOrgPhoto(w http.ResponseWriter, r *http.Request) {
	g, ok := s.zohoGrant(w, r, zohoAuthFail)
	if !ok {
		return
	}
	switch r.Method {
	case http.MethodGet:
		if !g.HasAny("ZohoCRM.org.ALL", "ZohoCRM.org.READ") {
			zohoScopeMismatch(w)
			return
		}
		s.mu.Lock()
		img := s.org.photo
		s.mu.Unlock()
		writeImage(w, img)
	case http.MethodPost:
		s.uploadOrgPhoto(w, r, g, &s.org, limits.ZohoCRMOrgPhoto, "ZohoCRM.org.ALL", "ZohoCRM.org.CREATE", "ZohoCRM.org.WRITE")
	case http.MethodDelete:
		if !g.HasAny("ZohoCRM.org.ALL", "ZohoCRM.org.DELETE") {
			zohoScopeMismatch(w)
			return
		}
		if !zohoIsAdmin(g.User) {
			zohoErr(w, http.StatusForbidden, "NO_PERMISSION", "Permission denied to delete",
				map[string]any{"permissions": []string{"org.photo.delete"}})
			return
		}
		s.mu.Lock()
		s.org.photo = nil
		s.org.photoID = ""
		s.mu.Unlock()
		zohoSuccess(w, "Photo deleted")
	default:
		zohoBadMethod(w)
	}
}

// writeImage answers 200 with the image, or 204 with no body when there is none.
func writeImage(w http.ResponseWriter, img *storedImage) {
	if img == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", img.mime)
	w.Header().Set("Content-Length", strconv.Itoa(len(img.data)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(img.data)
}

// zohoUpload reads and checks a Zoho photo upload: multipart field "file", exactly
// one part, an image in lim.Formats (any image for the org photo, whose docs say only
// "image file"), at most lim.MaxBytes and lim.MaxPixels. It writes the error itself.
//
// Statuses and codes follow the newer OpenAPI files (org_photo.yaml, record_photo.yaml):
// 400 INVALID_DATA for a missing/extra file, 413 FILE_SIZE_EXCEEDS, 415
// FILE_RESOLUTION_EXCEEDS, 415 INVALID_DATA for a file that is not an accepted image.
// With Options.LegacySizeErrors, size and resolution both give the older docs' 415
// FILE_SIZE_MORE_THAN_ALLOWED_SIZE.
//
// details.size / details.resolution: org_photo.yaml says they are the maximum allowed,
// so the org photo reports the limits. record_photo.yaml says they are the uploaded
// file's values, but its size example is exactly the 10 MiB limit while its resolution
// example (16062248) is an image's, so a record photo reports the limit for size and
// the image's width×height for resolution, as those examples do.
func (s *Server) zohoUpload(w http.ResponseWriter, r *http.Request, lim limits.Limit, record bool) (*storedImage, bool) {
	parts, err := readParts(w, r, lim.MaxBytes)
	if err != nil {
		zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "invalid data", nil)
		return nil, false
	}
	var files []part
	extraField := false
	for _, p := range parts {
		switch {
		case p.field == "file":
			files = append(files, p)
		case p.filename != "":
			files = append(files, p) // a file under another name is still a second file
		default:
			extraField = true
		}
	}
	switch {
	case len(files) == 0 || (len(files) == 1 && files[0].field != "file"):
		zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "The request does not contain any file", nil)
		return nil, false
	case len(files) > 1:
		zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "The request contains more than one file", nil)
		return nil, false
	case extraField:
		zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "invalid data", nil)
		return nil, false
	}
	f := files[0]
	if f.size == 0 {
		zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "The request does not contain any file", nil)
		return nil, false
	}
	if f.tooBig {
		if s.opt.LegacySizeErrors {
			zohoErr(w, http.StatusUnsupportedMediaType, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", "Please check if the file size is in the correct range", nil)
		} else {
			zohoErr(w, http.StatusRequestEntityTooLarge, "FILE_SIZE_EXCEEDS", "File size exceeds the maximum allowed limit",
				map[string]any{"size": lim.MaxBytes})
		}
		return nil, false
	}
	mt, pixels, ok := sniffImage(f.data)
	if !ok || (record && !lim.Accepts(mt)) || (!record && !isZohoImage(mt)) {
		msg := "Invalid file format. Only image files are allowed"
		if record {
			msg = "invalid file type"
		}
		zohoErr(w, http.StatusUnsupportedMediaType, "INVALID_DATA", msg, nil)
		return nil, false
	}
	if lim.MaxPixels > 0 && pixels > lim.MaxPixels {
		switch {
		case s.opt.LegacySizeErrors:
			zohoErr(w, http.StatusUnsupportedMediaType, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", "Please check if the file size is in the correct range", nil)
		case record:
			zohoErr(w, http.StatusUnsupportedMediaType, "FILE_RESOLUTION_EXCEEDS", "File exceeded its maximum limit",
				map[string]any{"resolution": pixels})
		default:
			zohoErr(w, http.StatusUnsupportedMediaType, "FILE_RESOLUTION_EXCEEDS", "File resolution exceeds the maximum allowed limit",
				map[string]any{"resolution": lim.MaxPixels})
		}
		return nil, false
	}
	return &storedImage{data: f.data, mime: mt}, true
}

// isZohoImage: the org-photo docs say only "image file"; accept what Zoho shows as
// images elsewhere (record photos: PNG, JPEG, GIF, BMP).
func isZohoImage(mt string) bool {
	return limits.BiginRecordPhoto.Accepts(mt)
}

// uploadOrgPhoto is POST …/org/photo, as Zoho CRM and Bigin answer it alike: the
// scope (any of scopes), an administrator, the picture within lim, then a new photo_id.
func (s *Server) uploadOrgPhoto(w http.ResponseWriter, r *http.Request, g tokens.Grant, org *crmOrg, lim limits.Limit, scopes ...string) {
	if !g.HasAny(scopes...) {
		zohoScopeMismatch(w)
		return
	}
	if !zohoIsAdmin(g.User) {
		zohoErr(w, http.StatusForbidden, "NO_PERMISSION", "Permission denied to update",
			map[string]any{"permissions": []string{"org.photo.upload"}})
		return
	}
	img, ok := s.zohoUpload(w, r, lim, false)
	if !ok {
		return
	}
	s.mu.Lock()
	org.photo = img
	org.photoID = s.nextID()
	s.mu.Unlock()
	zohoSuccess(w, "photo uploaded successfully")
}
