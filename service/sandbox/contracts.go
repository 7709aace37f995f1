package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// contractsError is Zoho Contracts' own error body:
// {"Errors":{"ErrorCode":"NO_PERMISSION","ErrorMessage":"Permission denied to update"}}.
type contractsError struct {
	Errors struct {
		ErrorCode    string `json:"ErrorCode"`
		ErrorMessage string `json:"ErrorMessage"`
	} `json:"Errors"`
}

func contractsErr(w http.ResponseWriter, status int, code, msg string) {
	var e contractsError
	e.Errors.ErrorCode, e.Errors.ErrorMessage = code, msg
	writeJSONType(w, status, "application/json;charset=UTF-8", e)
}

// contractsAuthFail: Contracts documents no body for a missing or bad token; the
// sandbox uses Zoho's usual codes (AUTHENTICATION_FAILURE, INVALID_TOKEN) with 401
// in Contracts' error shape.
func contractsAuthFail(w http.ResponseWriter, code, msg string) {
	contractsErr(w, http.StatusUnauthorized, code, msg)
}

type contractsOwner struct {
	DisplayName string `json:"displayName"`
	EmailID     string `json:"emailId"`
	ID          int64  `json:"id"`
}

type contractsCurrency struct {
	CurrencyName    string `json:"currency_name"`
	CurrencyNumber  int    `json:"currency_number"`
	CurrencySymbol  string `json:"currency_symbol"`
	CurrencyCode    string `json:"currency_code"`
	CurrencyDecimal int    `json:"currency_decimal"`
}

// contractsOrg is one organization, serialized in the documented key order.
type contractsOrg struct {
	Country      string            `json:"country"`
	ZipCode      int64             `json:"zipCode"`
	APIName      string            `json:"apiName"`
	Address      string            `json:"address"`
	City         string            `json:"city"`
	Zoid         int64             `json:"zoid"`
	OrgURL       string            `json:"orgURL"`
	WebSite      string            `json:"webSite"`
	PhoneNumber  string            `json:"phoneNumber"`
	BuildingNo   string            `json:"buildingNo"`
	AccountOwner contractsOwner    `json:"accountowner"`
	Name         string            `json:"name"`
	Currency     contractsCurrency `json:"currency"`
	ID           int64             `json:"id"`
	State        string            `json:"state"`
}

const contractsOrgInfo = "/api/v1/admin/orginfo"

// serveContracts serves ROOT/contracts: GET /api/v1/admin/orginfo and
// PUT /api/v1/admin/orginfo/{apiName}.
//
// Wrong method: the org-info pages list INVALID_REQUEST_METHOD with HTTP 400, while
// Contracts' status-code page says a wrong method gives 405; the sandbox answers 405
// with ErrorCode INVALID_REQUEST_METHOD. The docs' "-X UPDATE" is no HTTP method: it
// gets that 405 too, and PUT with a JSON body is the update.
func (s *Server) serveContracts(w http.ResponseWriter, r *http.Request, p string) {
	var apiName string
	switch {
	case p == contractsOrgInfo || p == contractsOrgInfo+"/":
	case strings.HasPrefix(p, contractsOrgInfo+"/") && !strings.Contains(strings.Trim(p[len(contractsOrgInfo)+1:], "/"), "/"):
		apiName = strings.Trim(p[len(contractsOrgInfo)+1:], "/")
	default:
		contractsErr(w, http.StatusNotFound, "INVALID_URL_PATTERN", "Request URL is incorrect")
		return
	}
	g, ok := s.zohoGrant(w, r, contractsAuthFail)
	if !ok {
		return
	}
	if (apiName == "" && r.Method != http.MethodGet) || (apiName != "" && r.Method != http.MethodPut) {
		if apiName == "" {
			w.Header().Set("Allow", http.MethodGet)
		} else {
			w.Header().Set("Allow", http.MethodPut)
		}
		contractsErr(w, http.StatusMethodNotAllowed, "INVALID_REQUEST_METHOD", "The HTTP request method is not a valid one.")
		return
	}
	// Scopes: the pages list contracts.meta.READ / contracts.meta.UPDATE and
	// contracts.contracts.ALL; "ALL - Full access to organization info" is taken to be
	// contracts.meta.ALL.
	if apiName == "" {
		if !g.HasAny("contracts.meta.READ", "contracts.meta.ALL", "contracts.contracts.ALL") {
			contractsErr(w, http.StatusUnauthorized, "OAUTH_SCOPE_MISMATCH", "Unauthorized")
			return
		}
		s.mu.Lock()
		orgs := make([]contractsOrg, len(s.contracts))
		for i, o := range s.contracts {
			orgs[i] = *o
		}
		s.mu.Unlock()
		writeJSONType(w, http.StatusOK, "application/json;charset=UTF-8", map[string]any{"organizationinfo": orgs})
		return
	}
	if !g.HasAny("contracts.meta.UPDATE", "contracts.meta.ALL", "contracts.contracts.ALL") {
		contractsErr(w, http.StatusUnauthorized, "OAUTH_SCOPE_MISMATCH", "Unauthorized")
		return
	}
	s.mu.Lock()
	var org *contractsOrg
	for _, o := range s.contracts {
		if o.APIName == apiName {
			org = o
		}
	}
	s.mu.Unlock()
	if org == nil {
		contractsErr(w, http.StatusNotFound, "INVALID_URL_PATTERN", "Request URL is incorrect")
		return
	}
	if !zohoIsAdmin(g.User) {
		contractsErr(w, http.StatusForbidden, "NO_PERMISSION", "Permission denied to update")
		return
	}
	upd, code, msg := parseOrgUpdate(http.MaxBytesReader(w, r.Body, 1<<20))
	if code != "" {
		contractsErr(w, http.StatusBadRequest, code, msg)
		return
	}
	s.mu.Lock()
	for k, v := range upd {
		switch k {
		case "name":
			org.Name = v
		case "address":
			org.Address = v
		case "city":
			org.City = v
		case "state":
			org.State = v
		case "country":
			org.Country = v
		case "webSite":
			org.WebSite = v
		case "phoneNumber":
			org.PhoneNumber = v
		}
	}
	s.mu.Unlock()
	writeJSONType(w, http.StatusOK, "application/json;charset=UTF-8", struct {
		Type    string `json:"Type"`
		APIName string `json:"apiName"`
	}{"Success", apiName})
}

// parseOrgUpdate reads the flat JSON object of an org-info update. Keys: name, address,
// city, state, country (ISO 3166-1 alpha-2), webSite, phoneNumber; all strings. The
// docs' key list spells "website" while their sample and the GET response use
// "webSite": both are accepted. Any other key, a non-string value, an empty name or
// an invalid country answers 400 INVALID_DATA (the sandbox is strict so client bugs show).
func parseOrgUpdate(body interface{ Read([]byte) (int, error) }) (map[string]string, string, string) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(body); err != nil {
		return nil, "INVALID_DATA", "The request body is too large or unreadable."
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil || raw == nil {
		return nil, "INVALID_DATA", "The request body must be a JSON object."
	}
	if len(raw) == 0 {
		return nil, "INVALID_DATA", "The request body has no field to update."
	}
	out := map[string]string{}
	for _, k := range sortedKeys(raw) {
		key := k
		if k == "website" {
			key = "webSite"
		}
		switch key {
		case "name", "address", "city", "state", "country", "webSite", "phoneNumber":
		default:
			return nil, "INVALID_DATA", "Invalid key: " + k
		}
		var v string
		if err := json.Unmarshal(raw[k], &v); err != nil {
			return nil, "INVALID_DATA", "The value of " + k + " must be a string."
		}
		v = strings.TrimSpace(v)
		switch key {
		case "name":
			if v == "" {
				return nil, "INVALID_DATA", "The organization name cannot be empty."
			}
		case "country":
			v = strings.ToUpper(v)
			if !isCountryCode(v) {
				return nil, "INVALID_DATA", "Invalid country code: " + raw2str(raw[k])
			}
		}
		out[key] = v
	}
	return out, "", ""
}

func raw2str(b json.RawMessage) string {
	var s string
	_ = json.Unmarshal(b, &s)
	return s
}

// iso3166 holds every ISO 3166-1 alpha-2 code (249).
var iso3166 = func() map[string]bool {
	const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
		"BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
		"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
		"DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
		"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
		"HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
		"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
		"MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
		"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA " +
		"RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
		"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ " +
		"VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
	m := map[string]bool{}
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}()

func isCountryCode(c string) bool { return iso3166[c] }

// CountryCodes returns the ISO 3166-1 alpha-2 codes the sandbox's Contracts accepts, sorted.
func CountryCodes() []string {
	out := make([]string, 0, len(iso3166))
	for c := range iso3166 {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
