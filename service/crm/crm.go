// Package crm wraps the Zoho CRM endpoints LogoDesk uses: the organization's
// details and its photo (the logo shown in CRM).
package crm

import (
	"context"
	"net/http"

	"logodesk/service/api"
)

// Version is the CRM API version LogoDesk speaks (the seeds show v2 and v7 of the same endpoints).
const Version = "v8"

// Client calls Zoho CRM. Build the api.Client with Vendor api.Zoho and the account's API domain.
type Client struct{ api *api.Client }

// New wraps c.
func New(c *api.Client) *Client { return &Client{api: c} }

// Org is the part of the organization's details LogoDesk shows.
type Org struct {
	ID          string
	Name        string
	PhotoID     string // empty when the organization has no photo
	Website     string
	CountryCode string
}

// Org reads the organization's details.
func (c *Client) Org(ctx context.Context) (Org, error) {
	resp, err := c.api.Do(ctx, api.Request{Method: http.MethodGet, Path: "/crm/" + Version + "/org", Action: "read the organization details"})
	if err != nil {
		return Org{}, err
	}
	var body struct {
		Org []struct {
			ID          string  `json:"id"`
			CompanyName string  `json:"company_name"`
			PhotoID     *string `json:"photo_id"`
			Website     string  `json:"website"`
			CountryCode string  `json:"country_code"`
		} `json:"org"`
	}
	if err := resp.JSON(c.api.Service, &body); err != nil {
		return Org{}, err
	}
	if len(body.Org) == 0 {
		return Org{}, &api.Error{Service: c.api.Service, Kind: api.KindNotFound, HTTPStatus: resp.Status,
			Message: "Zoho CRM didn't return any organization for this account.", NextStep: "Check that you signed in with the right Zoho account."}
	}
	o := body.Org[0]
	org := Org{ID: o.ID, Name: o.CompanyName, Website: o.Website, CountryCode: o.CountryCode}
	if o.PhotoID != nil {
		org.PhotoID = *o.PhotoID
	}
	return org, nil
}

// Photo returns the organization photo; Present is false when none is set (204).
func (c *Client) Photo(ctx context.Context) (api.Photo, error) {
	return c.api.GetPhoto(ctx, "/crm/"+Version+"/org/photo", "see the organization photo")
}

// UploadPhoto replaces the organization photo with data, already fitted to
// limits.ZohoCRMOrgPhoto, sent as the one file in the multipart field "file".
func (c *Client) UploadPhoto(ctx context.Context, data []byte, mime string) error {
	body, ctype := api.Multipart("file", api.FileName("logo", mime), mime, data)
	_, err := c.api.Do(ctx, api.Request{Method: http.MethodPost, Path: "/crm/" + Version + "/org/photo",
		Body: body, ContentType: ctype, Action: "change the organization photo"})
	return err
}

// DeletePhoto removes the organization photo.
func (c *Client) DeletePhoto(ctx context.Context) error {
	_, err := c.api.Do(ctx, api.Request{Method: http.MethodDelete, Path: "/crm/" + Version + "/org/photo", Action: "delete the organization photo"})
	return err
}

// Realm is the vendor installation this client talks to (see api.Client.Realm).
func (c *Client) Realm() string { return c.api.Realm }
