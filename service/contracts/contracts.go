// Package contracts wraps Zoho Contracts' organization info: read it and update
// its name, address, city, state, country code, website and phone number.
package contracts

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"logodesk/service/api"
)

// OrgInfo is the organization as Zoho Contracts describes it.
type OrgInfo struct {
	APIName string // the organization's API name, used in the update URL
	Name    string
	Address string
	City    string
	State   string
	Country string // ISO 3166 two-letter code
	Website string
	Phone   string
}

// OrgUpdate holds the fields to change; nil fields are left as they are.
type OrgUpdate struct {
	Name, Address, City, State, Country, Website, Phone *string
}

// Empty reports whether u changes nothing.
func (u OrgUpdate) Empty() bool {
	return u.Name == nil && u.Address == nil && u.City == nil && u.State == nil && u.Country == nil && u.Website == nil && u.Phone == nil
}

// Client calls Zoho Contracts. Build the api.Client with Vendor api.ZohoContracts and
// the data centre's Contracts host (Contracts is not on zohoapis.*).
type Client struct {
	api *api.Client
	// Org selects one of several organizations (?orgname=); empty means the user's default.
	Org string
}

// New wraps c.
func New(c *api.Client) *Client { return &Client{api: c} }

func (c *Client) query() url.Values {
	if c.Org == "" {
		return nil
	}
	return url.Values{"orgname": {c.Org}}
}

// OrgInfo reads the organization's info.
func (c *Client) OrgInfo(ctx context.Context) (OrgInfo, error) {
	resp, err := c.api.Do(ctx, api.Request{Method: http.MethodGet, Path: "/api/v1/admin/orginfo", Query: c.query(),
		Action: "read the organization info"})
	if err != nil {
		return OrgInfo{}, err
	}
	var body struct {
		Info []struct {
			APIName     string `json:"apiName"`
			Name        string `json:"name"`
			Address     string `json:"address"`
			City        string `json:"city"`
			State       string `json:"state"`
			Country     string `json:"country"`
			WebSite     string `json:"webSite"`
			Website     string `json:"website"` // the docs spell it both ways
			PhoneNumber string `json:"phoneNumber"`
		} `json:"organizationinfo"`
	}
	if err := resp.JSON(c.api.Service, &body); err != nil {
		return OrgInfo{}, err
	}
	if len(body.Info) == 0 {
		return OrgInfo{}, &api.Error{Service: c.api.Service, Kind: api.KindNotFound, HTTPStatus: resp.Status,
			Message: "Zoho Contracts didn't return any organization for this account.", NextStep: "Check that Zoho Contracts is set up for your organization."}
	}
	o := body.Info[0]
	site := o.WebSite
	if site == "" {
		site = o.Website
	}
	return OrgInfo{APIName: o.APIName, Name: o.Name, Address: o.Address, City: o.City, State: o.State,
		Country: o.Country, Website: site, Phone: o.PhoneNumber}, nil
}

// UpdateOrgInfo changes the fields set in u. The vendor's sample says
// `-X UPDATE`, which is no HTTP method; we send PUT with a JSON body, and say
// plainly if the service refuses the method.
func (c *Client) UpdateOrgInfo(ctx context.Context, apiName string, u OrgUpdate) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if strings.TrimSpace(apiName) == "" {
		return &api.Error{Service: c.api.Service, Kind: api.KindInvalidInput,
			Message: "LogoDesk needs the organization's API name to update it.", NextStep: "Load the organization info first."}
	}
	body, _ := json.Marshal(struct {
		Name    *string `json:"name,omitempty"`
		Address *string `json:"address,omitempty"`
		City    *string `json:"city,omitempty"`
		State   *string `json:"state,omitempty"`
		Country *string `json:"country,omitempty"`
		WebSite *string `json:"webSite,omitempty"`
		Phone   *string `json:"phoneNumber,omitempty"`
	}{u.Name, u.Address, u.City, u.State, u.Country, u.Website, u.Phone})
	resp, err := c.api.Do(ctx, api.Request{Method: http.MethodPut, Path: "/api/v1/admin/orginfo/" + url.PathEscape(apiName),
		Query: c.query(), Body: body, ContentType: "application/json", Action: "update the organization info"})
	var apiErr *api.Error
	if errors.As(err, &apiErr) && apiErr.Kind == api.KindBadMethod {
		apiErr.Message = "Zoho Contracts refused the way LogoDesk sends updates (\"method not allowed\"), so nothing was changed."
		apiErr.NextStep = "Please report this so LogoDesk can be updated; meanwhile you can edit the organization in Zoho Contracts' settings."
		return apiErr
	}
	if err != nil {
		return err
	}
	var ok struct {
		Type string `json:"Type"`
	}
	if err := resp.JSON(c.api.Service, &ok); err != nil {
		return err
	}
	if !strings.EqualFold(ok.Type, "success") {
		return &api.Error{Service: c.api.Service, Kind: api.KindServer, HTTPStatus: resp.Status,
			Message: "Zoho Contracts didn't confirm the update.", NextStep: "Reload the organization info to see what was saved, then try again."}
	}
	return nil
}

// Validate checks the fields set in u, as the form does while the user types.
func (u OrgUpdate) Validate() error {
	if u.Empty() {
		return &FieldError{Field: "", Reason: "There is nothing to change."}
	}
	if u.Name != nil && strings.TrimSpace(*u.Name) == "" {
		return &FieldError{Field: "name", Reason: "The organization needs a name."}
	}
	for _, check := range []struct {
		v *string
		f func(string) error
	}{{u.Country, ValidateCountry}, {u.Website, ValidateWebsite}, {u.Phone, ValidatePhone}} {
		if check.v != nil {
			if err := check.f(*check.v); err != nil {
				return err
			}
		}
	}
	return nil
}
