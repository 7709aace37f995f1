// Package contract is a test helper: it checks HTTP requests and responses against
// the vendors' own OpenAPI files (kept in testdata/specs, see its README.md) with
// kin-openapi's openapi3filter, tolerating the known defects of those files
// (../shared/api-notes.md §5) explicitly.
//
// Covered, with paths relative to the sandbox ROOT:
//
//	/zoho/crm/{version}/org              OAS-old zoho-crm-oas/v8.0/org.json (the newer org.yaml is not in testdata)
//	/zoho/crm/{version}/org/photo        newer zoho-crm-oas-newer-yaml/v8.0/org_photo/org_photo.yaml
//	/zoho/bigin/v2/{module}/{id}/photo   newer .../record_photo/record_photo.yaml (CRM record photos: Bigin runs on
//	                                     the CRM platform and documents the same endpoints; no Bigin OpenAPI exists)
//	/zoom/v2/users, /users/{userId}, /users/{userId}/picture   zoom/users-endpoints.json
//
// Everything else (Bigin records and search, Contracts, the CDN, the accounts servers)
// has no vendor OpenAPI file and passes through unchecked, as do methods a covered
// path does not document. Authentication is not checked here (the sandbox enforces
// tokens and scopes itself; OAS-old even spells the scope ZohoCRM.org.all, defect 3).
package contract

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

//go:embed testdata/specs
var specFS embed.FS

// SkipRequestHeader, set on a request (any value), skips checking that request
// against the spec: tests that send a malformed request on purpose (no file, two
// files, a wrong field name) set it. The response is still checked. The header is
// removed before the request reaches the wrapped handler.
const SkipRequestHeader = "X-Contract-Skip-Request"

// Specs are the loaded vendor documents.
type Specs struct {
	OrgOld      *openapi3.T // zoho-crm-oas/v8.0/org.json (OpenAPI 3.0)
	OrgPhoto    *openapi3.T // zoho-crm-oas-newer-yaml/v8.0/org_photo/org_photo.yaml (3.1)
	RecordPhoto *openapi3.T // zoho-crm-oas-newer-yaml/v8.0/record_photo/record_photo.yaml (3.1)
	Zoom        *openapi3.T // zoom/users-endpoints.json (3.0)
}

var (
	loadOnce sync.Once
	loaded   *Specs
	loadErr  error
	// validateMu serializes validation: schema compilation caches inside kin-openapi
	// are not documented as safe for concurrent use, and the sandbox serves requests
	// concurrently.
	validateMu sync.Mutex
)

// Load reads and patches the vendor specs once per test binary.
func Load() (*Specs, error) {
	loadOnce.Do(func() { loaded, loadErr = load() })
	return loaded, loadErr
}

const specRoot = "testdata/specs"

func load() (*Specs, error) {
	var s Specs
	var err error
	if s.OrgOld, err = loadDoc("zoho-crm-oas/v8.0/org.json"); err != nil {
		return nil, err
	}
	if s.OrgPhoto, err = loadDoc("zoho-crm-oas-newer-yaml/v8.0/org_photo/org_photo.yaml"); err != nil {
		return nil, err
	}
	if s.RecordPhoto, err = loadDoc("zoho-crm-oas-newer-yaml/v8.0/record_photo/record_photo.yaml"); err != nil {
		return nil, err
	}
	if s.Zoom, err = loadDoc("zoom/users-endpoints.json"); err != nil {
		return nil, err
	}

	// Tolerated defect (not in the notes' list, same kind as 7): org_photo.yaml types the
	// multipart part "file" as `type: object`, and OAS-old as an object too, while it is a
	// file. Validate it as what it is: binary.
	if err := setBinaryPart(s.OrgPhoto, "/org/photo", "file"); err != nil {
		return nil, err
	}
	// Tolerated defect 7: Zoom types pic_file as `string` "The file's path"; it is a file part.
	if err := setBinaryPart(s.Zoom, "/users/{userId}/picture", "pic_file"); err != nil {
		return nil, err
	}
	// Tolerated defect (OAS-old, not in the notes' list): GET /crm/v8/org answers 200 with
	// oneOf [Response_Wrapper, Invalid_Data_Exception], and Invalid_Data_Exception requires
	// no key and allows any other, so every valid body matches both and oneOf fails. An
	// error body in a 200 is an artefact of the generator: check a 200 as Response_Wrapper.
	if err := onlyOneOf(s.OrgOld, "/crm/v8/org", "#/components/schemas/Response_Wrapper"); err != nil {
		return nil, err
	}
	// Defect 4 (org-photo success `details` described as a nested status object, example {})
	// needs no patch: none of the nested properties is required, so {} validates.
	// Defect 6 (servers omit jp/ca/sa and www.) does not matter: routes are matched
	// here by path, never through the documents' `servers`.
	return &s, nil
}

func loadDoc(name string) (*openapi3.T, error) {
	data, err := specFS.ReadFile(path.Join(specRoot, name))
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true
	// OAS-old refers to common.json by its raw.githubusercontent.com address; read the
	// copy in testdata instead of the network. Nothing else is read from outside.
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
		if strings.HasSuffix(u.Path, "/v8.0/common.json") {
			return specFS.ReadFile(path.Join(specRoot, "zoho-crm-oas/v8.0/common.json"))
		}
		b, err := fs.ReadFile(specFS, path.Join(specRoot, path.Clean(strings.TrimPrefix(u.Path, specRoot+"/"))))
		if err != nil {
			return nil, fmt.Errorf("contract: spec %s refers to %s, which is not in testdata: %w", name, u, err)
		}
		return b, nil
	}
	doc, err := loader.LoadFromDataWithPath(data, &url.URL{Path: path.Join(specRoot, name)})
	if err != nil {
		return nil, fmt.Errorf("contract: loading %s: %w", name, err)
	}
	return doc, nil
}

func setBinaryPart(doc *openapi3.T, p, field string) error {
	item := doc.Paths.Value(p)
	if item == nil || item.Post == nil || item.Post.RequestBody == nil || item.Post.RequestBody.Value == nil {
		return fmt.Errorf("contract: %s has no POST body", p)
	}
	mt := item.Post.RequestBody.Value.Content.Get("multipart/form-data")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || mt.Schema.Value.Properties[field] == nil {
		return fmt.Errorf("contract: %s has no multipart part %q", p, field)
	}
	mt.Schema.Value.Properties[field] = &openapi3.SchemaRef{Value: &openapi3.Schema{
		Type: &openapi3.Types{openapi3.TypeString}, Format: "binary"}}
	return nil
}

func onlyOneOf(doc *openapi3.T, p, ref string) error {
	item := doc.Paths.Value(p)
	if item == nil || item.Get == nil {
		return fmt.Errorf("contract: %s has no GET", p)
	}
	r := item.Get.Responses.Status(http.StatusOK)
	if r == nil || r.Value == nil || r.Value.Content.Get("application/json") == nil {
		return fmt.Errorf("contract: GET %s has no JSON 200", p)
	}
	sr := r.Value.Content.Get("application/json").Schema
	if sr == nil || sr.Value == nil {
		return fmt.Errorf("contract: GET %s 200 has no schema", p)
	}
	for _, alt := range sr.Value.OneOf {
		if alt.Ref == ref {
			r.Value.Content.Get("application/json").Schema = alt
			return nil
		}
	}
	return fmt.Errorf("contract: GET %s 200 has no oneOf %s", p, ref)
}

// Match finds the spec operation for a request path relative to the sandbox ROOT.
// ok is false when the path is not covered (or the method is not documented for it).
func (s *Specs) Match(method, p string) (route *routers.Route, params map[string]string, ok bool) {
	var doc *openapi3.T
	var tmpl string
	params = map[string]string{}
	switch {
	case reCRMOrg.MatchString(p):
		doc, tmpl = s.OrgOld, "/crm/v8/org"
	case reCRMOrgPhoto.MatchString(p):
		doc, tmpl = s.OrgPhoto, "/org/photo"
	case reBiginPhoto.MatchString(p):
		m := reBiginPhoto.FindStringSubmatch(p)
		doc, tmpl = s.RecordPhoto, "/{module}/{record}/photo"
		params["module"], params["record"] = m[1], m[2]
	case p == "/zoom/v2/users":
		doc, tmpl = s.Zoom, "/users"
	case reZoomUser.MatchString(p):
		doc, tmpl = s.Zoom, "/users/{userId}"
		params["userId"] = reZoomUser.FindStringSubmatch(p)[1]
	case reZoomPicture.MatchString(p):
		doc, tmpl = s.Zoom, "/users/{userId}/picture"
		params["userId"] = reZoomPicture.FindStringSubmatch(p)[1]
	default:
		return nil, nil, false
	}
	item := doc.Paths.Value(tmpl)
	if item == nil {
		return nil, nil, false
	}
	op := item.GetOperation(method)
	if op == nil {
		return nil, nil, false
	}
	return &routers.Route{Spec: doc, Path: tmpl, PathItem: item, Method: method, Operation: op}, params, true
}

var (
	reCRMOrg      = regexp.MustCompile(`^/zoho/crm/v[0-9.]+/org$`)
	reCRMOrgPhoto = regexp.MustCompile(`^/zoho/crm/v[0-9.]+/org/photo$`)
	reBiginPhoto  = regexp.MustCompile(`^/zoho/bigin/v2/([^/]+)/([^/]+)/photo$`)
	reZoomUser    = regexp.MustCompile(`^/zoom/v2/users/([^/]+)$`)
	reZoomPicture = regexp.MustCompile(`^/zoom/v2/users/([^/]+)/picture$`)
)

// Middleware wraps next (usually a *sandbox.Server mounted at ROOT) and checks every
// request and response on a covered path against the vendor spec, reporting each
// mismatch with t.Errorf. Hijacked connections (a dropped-connection fault) are not checked.
func Middleware(t testing.TB, next http.Handler) http.Handler {
	specs, err := Load()
	if err != nil {
		t.Fatalf("contract: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		skipReq := r.Header.Get(SkipRequestHeader) != ""
		r.Header.Del(SkipRequestHeader)
		route, params, ok := specs.Match(r.Method, r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "contract: reading request body: "+err.Error(), http.StatusBadRequest)
			return
		}
		_ = r.Body.Close()
		in := &openapi3filter.RequestValidationInput{
			Request: cloneWithBody(r, body), PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
		}
		if !skipReq {
			validateMu.Lock()
			err := openapi3filter.ValidateRequest(context.Background(), in)
			validateMu.Unlock()
			if err != nil {
				t.Errorf("contract: request %s %s does not match %s: %v", r.Method, r.URL.Path, route.Path, err)
			}
		}

		rec := &recorder{ResponseWriter: w, header: http.Header{}}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(rec, r)
		if rec.hijacked || r.Context().Err() != nil {
			return // dropped on purpose, or the client went away: no response to check
		}
		if !rec.wrote {
			rec.WriteHeader(http.StatusOK)
		}
		if err := CheckResponse(in, rec.status, rec.header, rec.buf.Bytes()); err != nil {
			t.Errorf("contract: response %d to %s %s does not match %s: %v\nbody: %.400s",
				rec.status, r.Method, r.URL.Path, route.Path, err, rec.buf.Bytes())
		}
		_, _ = w.Write(rec.buf.Bytes())
	})
}

// CheckResponse validates one response to the request in, with the tolerances below.
func CheckResponse(in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) error {
	header = header.Clone()
	op := in.Route.Operation
	// Tolerated: the photo GETs type their 200 body as image/png only, but a JPEG
	// upload comes back as JPEG (api-notes §1b). Any image/* is checked as image/png,
	// i.e. as binary.
	if ct := header.Get("Content-Type"); status == http.StatusOK && strings.HasPrefix(ct, "image/") {
		if r := op.Responses.Status(status); r != nil && r.Value != nil && r.Value.Content.Get("image/png") != nil {
			header.Set("Content-Type", "image/png")
		}
	}
	// Tolerated: Zoom's POST picture 201 is typed application/json {} but answered with an
	// empty body (the vendor's Postman sample: text/plain, body ""); an empty 201 passes.
	if in.Route.Path == "/users/{userId}/picture" && status == http.StatusCreated && len(body) == 0 {
		return nil
	}
	// Tolerated defect 5: the older docs answer a too-large org/record photo with 415
	// FILE_SIZE_MORE_THAN_ALLOWED_SIZE, which the newer YAML's 415 schema does not list;
	// the sandbox gives it with Options.LegacySizeErrors. Check the common error shape only.
	if status == http.StatusUnsupportedMediaType {
		var e struct{ Code, Message, Status *string }
		if json.Unmarshal(body, &e) == nil && e.Code != nil && *e.Code == "FILE_SIZE_MORE_THAN_ALLOWED_SIZE" {
			if e.Message == nil || e.Status == nil || *e.Status != "error" {
				return errors.New("FILE_SIZE_MORE_THAN_ALLOWED_SIZE body lacks message or status \"error\"")
			}
			return nil
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: status, Header: header,
		Options: &openapi3filter.Options{MultiError: true},
	}
	out.SetBodyBytes(body)
	validateMu.Lock()
	defer validateMu.Unlock()
	return openapi3filter.ValidateResponse(context.Background(), out)
}

func cloneWithBody(r *http.Request, body []byte) *http.Request {
	c := r.Clone(context.Background())
	c.Body = io.NopCloser(bytes.NewReader(body))
	c.ContentLength = int64(len(body))
	return c
}

// recorder buffers the response so it can be checked before it is sent.
type recorder struct {
	http.ResponseWriter
	header   http.Header
	status   int
	wrote    bool
	hijacked bool
	buf      bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.wrote {
		return
	}
	r.wrote, r.status = true, code
	for k, v := range r.header {
		r.ResponseWriter.Header()[k] = v
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		if r.header.Get("Content-Type") == "" {
			r.header.Set("Content-Type", http.DetectContentType(b))
		}
		r.WriteHeader(http.StatusOK)
	}
	return r.buf.Write(b)
}

// Hijack lets a dropped-connection fault through.
func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("contract: underlying ResponseWriter cannot hijack")
	}
	r.hijacked = true
	return hj.Hijack()
}
