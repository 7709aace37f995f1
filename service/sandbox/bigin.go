package sandbox

import (
	"net/http"
	"strconv"
	"strings"

	"logodesk/service/limits"
	"logodesk/service/sandbox/tokens"
)

// biginModule is one module's records, in display order.
type biginModule struct {
	apiName string // "Contacts", "Accounts", "Products"
	scope   string // lower-case name used in scopes: "contacts", …
	records []*biginRecord
}

type biginRecord struct {
	id     string
	fields map[string]any // API name → value; "Record_Image" is derived from photo
	photo  *storedImage
	imgID  string
}

func (rec *biginRecord) value(field string) (any, bool) {
	if field == "id" {
		return rec.id, true
	}
	if field == "Record_Image" {
		if rec.photo == nil {
			return nil, true
		}
		return rec.imgID, true
	}
	v, ok := rec.fields[field]
	return v, ok
}

// module finds a module by API name; Zoho matches module names case-insensitively.
// Callers hold s.mu.
func (s *Server) module(name string) *biginModule {
	for _, m := range s.bigin {
		if strings.EqualFold(m.apiName, name) {
			return m
		}
	}
	return nil
}

func (m *biginModule) find(id string) *biginRecord {
	for _, rec := range m.records {
		if rec.id == id {
			return rec
		}
	}
	return nil
}

// biginScopes returns the scopes (any one suffices) for op READ/CREATE/WRITE/DELETE on m.
func biginScopes(m *biginModule, ops ...string) []string {
	out := []string{"ZohoBigin.modules.ALL", "ZohoBigin.modules." + m.scope + ".ALL"}
	for _, op := range ops {
		out = append(out, "ZohoBigin.modules."+m.scope+"."+op)
	}
	return out
}

// serveBigin serves /bigin/v2/{module}[/{id}[/photo]] and /bigin/v2/{module}/search;
// seg starts at {module}.
func (s *Server) serveBigin(w http.ResponseWriter, r *http.Request, seg []string) {
	g, ok := s.zohoGrant(w, r, zohoAuthFail)
	if !ok {
		return
	}
	isPhoto := len(seg) == 3
	if isPhoto {
		if r.Method != http.MethodGet && r.Method != http.MethodPost && r.Method != http.MethodDelete {
			zohoBadMethod(w)
			return
		}
	} else if r.Method != http.MethodGet {
		// Record create/update/delete exist at Bigin but are not emulated: LogoDesk only reads records.
		zohoBadMethod(w)
		return
	}
	s.mu.Lock()
	m := s.module(seg[0])
	s.mu.Unlock()
	if m == nil {
		zohoErr(w, http.StatusBadRequest, "INVALID_MODULE", "the module name given seems to be invalid",
			map[string]any{"resource_path_index": 0})
		return
	}
	switch {
	case len(seg) == 1:
		if !g.HasAny(biginScopes(m, "READ")...) {
			zohoScopeMismatch(w)
			return
		}
		s.biginList(w, r, m, nil)
	case len(seg) == 2 && seg[1] == "search":
		if !g.HasAny(biginScopes(m, "READ")...) || !g.HasAny("ZohoSearch.securesearch.READ", "ZohoSearch.securesearch.ALL") {
			zohoScopeMismatch(w)
			return
		}
		s.biginSearch(w, r, m)
	case len(seg) == 2:
		if !g.HasAny(biginScopes(m, "READ")...) {
			zohoScopeMismatch(w)
			return
		}
		s.mu.Lock()
		rec := m.find(seg[1])
		s.mu.Unlock()
		if rec == nil {
			biginBadID(w, seg[1])
			return
		}
		s.biginList(w, r, m, []*biginRecord{rec})
	default:
		s.biginPhoto(w, r, g, m, seg[1])
	}
}

func biginBadID(w http.ResponseWriter, id string) {
	zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "the id given seems to be invalid", map[string]any{"id": id})
}

// biginList answers GET /{module} (recs nil: all records) or a given set of records:
// fields is required; per_page (1..200, default 200) and page (from 1) paginate;
// no records on the page → 204.
func (s *Server) biginList(w http.ResponseWriter, r *http.Request, m *biginModule, recs []*biginRecord) {
	q := r.URL.Query()
	fieldsParam := strings.TrimSpace(q.Get("fields"))
	if fieldsParam == "" && recs == nil {
		zohoErr(w, http.StatusBadRequest, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
			map[string]any{"param": "fields"})
		return
	}
	perPage, page, ok := pageParams(w, q.Get("per_page"), q.Get("page"))
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if recs == nil {
		recs = m.records
	}
	s.writeRecords(w, recs, fieldsParam, perPage, page)
}

func pageParams(w http.ResponseWriter, perPageS, pageS string) (perPage, page int, ok bool) {
	perPage, page = 200, 1
	if perPageS != "" {
		n, err := strconv.Atoi(perPageS)
		if err != nil || n < 1 || n > 200 {
			zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "invalid data", map[string]any{"param": "per_page"})
			return 0, 0, false
		}
		perPage = n
	}
	if pageS != "" {
		n, err := strconv.Atoi(pageS)
		if err != nil || n < 1 {
			zohoErr(w, http.StatusBadRequest, "INVALID_DATA", "invalid data", map[string]any{"param": "page"})
			return 0, 0, false
		}
		page = n
	}
	return perPage, page, true
}

// writeRecords writes one page of recs with the requested fields (all when fieldsParam
// is empty), {"data":[..],"info":{per_page,count,page,more_records}}, or 204. Callers hold s.mu.
func (s *Server) writeRecords(w http.ResponseWriter, recs []*biginRecord, fieldsParam string, perPage, page int) {
	start := (page - 1) * perPage
	if start >= len(recs) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	end := min(start+perPage, len(recs))
	var fields []string
	for _, f := range strings.Split(fieldsParam, ",") {
		if f = strings.TrimSpace(f); f != "" {
			fields = append(fields, f)
		}
	}
	data := make([]map[string]any, 0, end-start)
	for _, rec := range recs[start:end] {
		out := map[string]any{"id": rec.id}
		if len(fields) == 0 {
			for k, v := range rec.fields {
				out[k] = v
			}
			out["Record_Image"], _ = rec.value("Record_Image")
		}
		for _, f := range fields {
			if v, ok := rec.value(f); ok {
				out[f] = v
			}
		}
		data = append(data, out)
	}
	writeJSONType(w, http.StatusOK, zohoJSON, map[string]any{
		"data": data,
		"info": map[string]any{"per_page": perPage, "count": len(data), "page": page, "more_records": end < len(recs)},
	})
}

// biginSearch: ?criteria=((F:op:v)and(...)) | ?email= | ?phone= | ?word=; 204 when nothing matches.
func (s *Server) biginSearch(w http.ResponseWriter, r *http.Request, m *biginModule) {
	q := r.URL.Query()
	var match func(*biginRecord) bool
	switch {
	case q.Get("criteria") != "":
		c, err := parseCriteria(q.Get("criteria"))
		if err != nil {
			zohoErr(w, http.StatusBadRequest, "INVALID_QUERY", "invalid query formed", map[string]any{"reason": err.Error()})
			return
		}
		match = c.match
	case q.Get("email") != "":
		email := q.Get("email")
		match = func(rec *biginRecord) bool {
			for _, f := range []string{"Email", "Secondary_Email"} {
				if v, ok := rec.fields[f].(string); ok && strings.EqualFold(v, email) {
					return true
				}
			}
			return false
		}
	case q.Get("phone") != "":
		phone := digits(q.Get("phone"))
		match = func(rec *biginRecord) bool {
			for _, f := range []string{"Phone", "Mobile"} {
				if v, ok := rec.fields[f].(string); ok && phone != "" && digits(v) == phone {
					return true
				}
			}
			return false
		}
	case q.Get("word") != "":
		word := strings.ToLower(q.Get("word"))
		match = func(rec *biginRecord) bool {
			for _, v := range rec.fields {
				if sv, ok := searchText(v); ok && strings.Contains(strings.ToLower(sv), word) {
					return true
				}
			}
			return false
		}
	default:
		zohoErr(w, http.StatusBadRequest, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
			map[string]any{"param": "criteria"})
		return
	}
	perPage, page, ok := pageParams(w, q.Get("per_page"), q.Get("page"))
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var found []*biginRecord
	for _, rec := range m.records {
		if match(rec) {
			found = append(found, rec)
		}
	}
	s.writeRecords(w, found, q.Get("fields"), perPage, page)
}

func digits(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// searchText is the text of a field value for word search (lookups by their name).
func searchText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case map[string]any:
		s, ok := v["name"].(string)
		return s, ok
	}
	return "", false
}

// biginPhoto: GET (200 image / 204), POST (multipart file, ≤10 MB, ≤10 MP, PNG/JPEG/GIF/BMP), DELETE.
func (s *Server) biginPhoto(w http.ResponseWriter, r *http.Request, g tokens.Grant, m *biginModule, id string) {
	var scopes []string
	switch r.Method {
	case http.MethodGet:
		scopes = biginScopes(m, "READ")
	case http.MethodPost:
		scopes = biginScopes(m, "CREATE", "WRITE")
	default:
		scopes = biginScopes(m, "DELETE")
	}
	if !g.HasAny(scopes...) {
		zohoScopeMismatch(w)
		return
	}
	if r.Method != http.MethodGet && !zohoIsAdmin(g.User) {
		verb, perm := "upload", "photo.upload"
		if r.Method == http.MethodDelete {
			verb, perm = "delete", "photo.delete"
		}
		zohoErr(w, http.StatusForbidden, "NO_PERMISSION", "Permission denied to "+verb+" images",
			map[string]any{"permissions": []string{m.scope + "." + perm}})
		return
	}
	s.mu.Lock()
	rec := m.find(id)
	s.mu.Unlock()
	if rec == nil {
		biginBadID(w, id)
		return
	}
	switch r.Method {
	case http.MethodGet:
		s.mu.Lock()
		img := rec.photo
		s.mu.Unlock()
		writeImage(w, img)
	case http.MethodPost:
		img, ok := s.zohoUpload(w, r, limits.BiginRecordPhoto, true)
		if !ok {
			return
		}
		s.mu.Lock()
		rec.photo = img
		rec.imgID = s.nextID()
		s.mu.Unlock()
		zohoSuccess(w, "Photo uploaded successfully")
	case http.MethodDelete:
		s.mu.Lock()
		rec.photo = nil
		rec.imgID = ""
		s.mu.Unlock()
		zohoSuccess(w, "Photo deleted")
	}
}
