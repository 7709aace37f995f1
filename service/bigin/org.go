package bigin

import (
	"context"
	"errors"
	"net/http"

	"logodesk/service/api"
)

// What Bigin documents for its organization (checked 2026-12, bigin.com/developer/docs/apis/v2):
// GET /bigin/v2/org (get-org-data.html, with photo_id) and POST /bigin/v2/org/photo
// (upload-org-img.html). There is no page for reading or deleting the logo. Bigin runs
// on the CRM platform, where GET /org/photo exists, so OrgLogo still tries that call;
// when Bigin answers that the call doesn't exist (INVALID_REQUEST_METHOD or
// INVALID_URL_PATTERN, as the sandbox does), it reports ErrOrgLogoUnreadable. Deleting
// is never tried: nothing suggests it exists, and a guess could remove the logo for good.

// ErrOrgLogoUnreadable: Bigin has a logo but no call that lets an app download it.
var ErrOrgLogoUnreadable = errors.New("Bigin doesn't let apps read its current logo, so LogoDesk can't keep a copy of it.")

// ErrOrgLogoUndeletable: Bigin documents no call to remove its organization logo.
var ErrOrgLogoUndeletable = errors.New("Bigin doesn't let apps remove its logo; remove it in Bigin's own settings if you want none.")

// Org is the part of Bigin's organization details LogoDesk uses.
type Org struct {
	ID      string // Bigin's organization id: backups of Bigin pictures are kept per organization
	Name    string
	PhotoID string // empty when the organization has no logo
}

// Org reads the organization's details.
func (c *Client) Org(ctx context.Context) (Org, error) {
	resp, err := c.api.Do(ctx, api.Request{Method: http.MethodGet, Path: "/bigin/v2/org", Action: "read Bigin's organization details"})
	if err != nil {
		return Org{}, orgScope(err)
	}
	// The docs list the keys but show no envelope; Bigin's is assumed to be CRM's
	// {"org":[{...}]} (same platform, and its v1 SDK reads the same keys).
	var body struct {
		Org []struct {
			ID          string  `json:"id"`
			CompanyName string  `json:"company_name"`
			PhotoID     *string `json:"photo_id"`
		} `json:"org"`
	}
	if err := resp.JSON(c.api.Service, &body); err != nil {
		return Org{}, err
	}
	if len(body.Org) == 0 {
		return Org{}, &api.Error{Service: c.api.Service, Kind: api.KindNotFound, HTTPStatus: resp.Status,
			Message: "Bigin didn't return any organization for this account.", NextStep: "Check that you signed in with the right Zoho account."}
	}
	o := body.Org[0]
	org := Org{ID: o.ID, Name: o.CompanyName}
	if o.PhotoID != nil {
		org.PhotoID = *o.PhotoID
	}
	return org, nil
}

const orgPhotoPath = "/bigin/v2/org/photo"

// OrgLogo returns the organization logo; Present is false when there is none.
// When there is one but Bigin won't hand it out, the error is ErrOrgLogoUnreadable
// (errors.Is), wrapped in an *api.Error with the vendor's details.
func (c *Client) OrgLogo(ctx context.Context) (api.Photo, error) {
	org, err := c.Org(ctx)
	if err != nil {
		return api.Photo{}, err
	}
	if org.PhotoID == "" {
		return api.Photo{}, nil // no logo: nothing to ask for
	}
	p, err := c.api.GetPhoto(ctx, orgPhotoPath, "see Bigin's logo")
	var e *api.Error
	if errors.As(err, &e) && (e.Code == "INVALID_REQUEST_METHOD" || e.Code == "INVALID_URL_PATTERN") {
		return api.Photo{}, &api.Error{Service: e.Service, Kind: api.KindBadMethod, HTTPStatus: e.HTTPStatus, Code: e.Code,
			VendorMessage: e.VendorMessage, Message: ErrOrgLogoUnreadable.Error(),
			NextStep: "To change it anyway, replace it without keeping a copy.", Err: ErrOrgLogoUnreadable}
	}
	if err != nil {
		return api.Photo{}, orgScope(err)
	}
	return p, nil
}

// UploadOrgLogo replaces the organization logo with data, already fitted to
// limits.BiginOrgLogo, sent as the one file in the multipart field "file".
func (c *Client) UploadOrgLogo(ctx context.Context, data []byte, mime string) error {
	body, ctype := api.Multipart("file", api.FileName("logo", mime), mime, data)
	_, err := c.api.Do(ctx, api.Request{Method: http.MethodPost, Path: orgPhotoPath, Body: body, ContentType: ctype,
		Action: "change Bigin's logo"})
	return orgScope(err)
}

// orgScope rewords a missing-scope answer: sign-ins made before LogoDesk managed
// Bigin's logo lack ZohoBigin.org.*, and signing in again is all it takes.
func orgScope(err error) error {
	var e *api.Error
	if !errors.As(err, &e) || e.Kind != api.KindScope {
		return err
	}
	c := *e
	c.Message = "Your Zoho sign-in is from before LogoDesk could change Bigin's logo."
	c.NextStep = "Sign in to Zoho again to let LogoDesk change Bigin's logo."
	return &c
}
