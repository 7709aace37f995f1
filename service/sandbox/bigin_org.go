package sandbox

import (
	"net/http"

	"logodesk/service/limits"
)

// DemoBiginOrgID is the demo Bigin organization's id (a Bigin org is not the CRM org).
const DemoBiginOrgID = "4876876000000056789"

// loadBiginOrgDemo sets up the demo Bigin organization, with no logo yet.
func (s *Server) loadBiginOrgDemo() {
	s.biginOrg = crmOrg{fields: map[string]any{
		"id": DemoBiginOrgID, "company_name": "Zylker Inc.", "alias": "zylker-bigin", "primary_email": "admin@zylker.example",
		"website": "www.zylker.example", "phone": "+1 925 924 9500", "street": "4141 Hacienda Drive", "city": "Pleasanton",
		"state": "California", "zip": "94588", "country": "United States", "country_code": "US", "description": nil,
		"time_zone": "America/Los_Angeles", "currency": "US Dollar - USD", "iso_code": "USD", "mc_status": false,
		"hierarchy_preferences": map[string]any{"type": "Role_Hierarchy", "strictly_reporting": false},
	}}
}

// serveBiginOrg serves /bigin/v2/org and /bigin/v2/org/photo; rest is what follows
// "org". It reports false for paths below org it doesn't know.
//
// Bigin documents GET /org and POST /org/photo only (get-org-data.html,
// upload-org-img.html). Any other method on /org/photo gets Zoho's answer for a
// method a URL doesn't take: 400 INVALID_REQUEST_METHOD. That includes GET, which
// CRM has: LogoDesk's Bigin client tries it and must cope with this answer
// (Options.BiginOrgLogoReadable emulates a Bigin that has it).
func (s *Server) serveBiginOrg(w http.ResponseWriter, r *http.Request, rest []string) bool {
	switch {
	case len(rest) == 0:
		s.serveBiginOrgDetails(w, r)
	case len(rest) == 1 && rest[0] == "photo":
		s.serveBiginOrgPhoto(w, r)
	default:
		return false
	}
	return true
}

func (s *Server) serveBiginOrgDetails(w http.ResponseWriter, r *http.Request) {
	g, ok := s.zohoGrant(w, r, zohoAuthFail)
	if !ok {
		return
	}
	if r.Method != http.MethodGet {
		zohoBadMethod(w)
		return
	}
	if !g.HasAny("ZohoBigin.org.ALL", "ZohoBigin.org.READ") {
		zohoScopeMismatch(w)
		return
	}
	s.mu.Lock()
	org := make(map[string]any, len(s.biginOrg.fields)+1)
	for k, v := range s.biginOrg.fields {
		org[k] = v
	}
	org["photo_id"] = nil
	if s.biginOrg.photo != nil {
		org["photo_id"] = s.biginOrg.photoID
	}
	s.mu.Unlock()
	writeJSONType(w, http.StatusOK, zohoJSON, map[string]any{"org": []any{org}})
}

func (s *Server) serveBiginOrgPhoto(w http.ResponseWriter, r *http.Request) {
	g, ok := s.zohoGrant(w, r, zohoAuthFail)
	if !ok {
		return
	}
	if r.Method == http.MethodGet && s.opt.BiginOrgLogoReadable {
		if !g.HasAny("ZohoBigin.org.ALL", "ZohoBigin.org.READ") {
			zohoScopeMismatch(w)
			return
		}
		s.mu.Lock()
		img := s.biginOrg.photo
		s.mu.Unlock()
		writeImage(w, img)
		return
	}
	if r.Method != http.MethodPost {
		zohoBadMethod(w)
		return
	}
	// Size errors: Bigin's v1 page documents 415 FILE_SIZE_MORE_THAN_ALLOWED_SIZE, CRM's
	// newer OpenAPI 413/415 codes; Options.LegacySizeErrors picks, as for CRM.
	s.uploadOrgPhoto(w, r, g, &s.biginOrg, limits.BiginOrgLogo, "ZohoBigin.org.ALL", "ZohoBigin.org.CREATE", "ZohoBigin.org.WRITE")
}

// BiginOrgLogo returns the Bigin organization's logo as stored (nil when none): Bigin
// has no API to read it back, so tests check uploads here.
func (s *Server) BiginOrgLogo() (data []byte, mime string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.biginOrg.photo == nil {
		return nil, ""
	}
	return append([]byte(nil), s.biginOrg.photo.data...), s.biginOrg.photo.mime
}
