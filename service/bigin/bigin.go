// Package bigin wraps the Bigin endpoints LogoDesk uses: listing and searching
// records of Contacts, Companies and Products, each record's photo, and the
// organization's details and logo (org.go).
package bigin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"logodesk/service/api"
)

// Module is a Bigin module's API name.
type Module string

// The modules whose records have photos. Companies' API name is "Accounts".
const (
	Contacts  Module = "Contacts"
	Companies Module = "Accounts"
	Products  Module = "Products"
)

// Modules lists them in the order the app shows them.
var Modules = []Module{Contacts, Companies, Products}

// Label is the module's name in Bigin's own interface.
func (m Module) Label() string {
	if m == Companies {
		return "Companies"
	}
	return string(m)
}

// ParseModule accepts an API name or a label, in any case.
func ParseModule(s string) (Module, bool) {
	for _, m := range Modules {
		if strings.EqualFold(s, string(m)) || strings.EqualFold(s, m.Label()) {
			return m, true
		}
	}
	return "", false
}

// fields are the columns the record picker needs; Bigin requires the list.
var fields = map[Module]string{
	Contacts:  "First_Name,Last_Name,Email",
	Companies: "Account_Name,Website",
	Products:  "Product_Name,Product_Code",
}

// Record is one record as the picker shows it.
type Record struct {
	ID     string
	Name   string // "Jane Doe", "Zylker Inc.", "Widget"
	Detail string // e-mail, website or product code, when known
}

// Client calls Bigin. Build the api.Client with Vendor api.Zoho and the account's API domain.
type Client struct{ api *api.Client }

// New wraps c.
func New(c *api.Client) *Client { return &Client{api: c} }

// Records lists the first page (up to 200) of m's records, or those matching
// search: an e-mail address is searched as such, anything else as a word.
func (c *Client) Records(ctx context.Context, m Module, search string) ([]Record, error) {
	if _, ok := fields[m]; !ok {
		return nil, &api.Error{Service: c.api.Service, Kind: api.KindNotFound,
			Message: "Bigin doesn't have a module called " + strconv.Quote(string(m)) + ".", NextStep: "Pick Contacts, Companies or Products."}
	}
	req := api.Request{Method: http.MethodGet, Path: "/bigin/v2/" + string(m), Query: url.Values{}, Action: "see " + m.Label()}
	search = strings.TrimSpace(search)
	switch {
	case search == "":
		req.Query.Set("fields", fields[m])
		req.Query.Set("per_page", "200")
	case strings.Contains(search, "@"):
		req.Path += "/search"
		req.Query.Set("email", search)
		req.Action = "search " + m.Label()
	default:
		req.Path += "/search"
		req.Query.Set("word", search)
		req.Action = "search " + m.Label()
	}
	resp, err := c.api.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if resp.Status == http.StatusNoContent || len(resp.Body) == 0 {
		return nil, nil
	}
	var body struct {
		Data []map[string]json.RawMessage `json:"data"`
	}
	if err := resp.JSON(c.api.Service, &body); err != nil {
		return nil, err
	}
	out := make([]Record, 0, len(body.Data))
	for _, d := range body.Data {
		out = append(out, recordFrom(m, d))
	}
	return out, nil
}

func recordFrom(m Module, d map[string]json.RawMessage) Record {
	s := func(k string) string {
		var v string
		_ = json.Unmarshal(d[k], &v)
		return v
	}
	r := Record{ID: s("id")}
	switch m {
	case Contacts:
		r.Name = strings.TrimSpace(s("First_Name") + " " + s("Last_Name"))
		r.Detail = s("Email")
	case Companies:
		r.Name, r.Detail = s("Account_Name"), s("Website")
	case Products:
		r.Name, r.Detail = s("Product_Name"), s("Product_Code")
	}
	if r.Name == "" {
		r.Name = "(no name) " + r.ID
	}
	return r
}

func photoPath(m Module, id string) string {
	return "/bigin/v2/" + url.PathEscape(string(m)) + "/" + url.PathEscape(id) + "/photo"
}

// Photo returns the record's photo; Present is false when none is set.
func (c *Client) Photo(ctx context.Context, m Module, id string) (api.Photo, error) {
	return c.api.GetPhoto(ctx, photoPath(m, id), "see this record's photo")
}

// UploadPhoto replaces the record's photo with data, already fitted to limits.BiginRecordPhoto.
func (c *Client) UploadPhoto(ctx context.Context, m Module, id string, data []byte, mime string) error {
	body, ctype := api.Multipart("file", api.FileName("photo", mime), mime, data)
	_, err := c.api.Do(ctx, api.Request{Method: http.MethodPost, Path: photoPath(m, id), Body: body, ContentType: ctype,
		Action: "change this record's photo"})
	return err
}

// DeletePhoto removes the record's photo.
func (c *Client) DeletePhoto(ctx context.Context, m Module, id string) error {
	_, err := c.api.Do(ctx, api.Request{Method: http.MethodDelete, Path: photoPath(m, id), Action: "delete this record's photo"})
	return err
}

// Realm is the vendor installation this client talks to (see api.Client.Realm).
func (c *Client) Realm() string { return c.api.Realm }
