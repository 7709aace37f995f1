package photo

import (
	"context"

	"logodesk/service/api"
	"logodesk/service/bigin"
	"logodesk/service/crm"
	"logodesk/service/limits"
	"logodesk/service/zoom"
)

// CRMOrg is the Zoho CRM organization photo.
func CRMOrg(c *crm.Client) Target { return crmOrg{c} }

type crmOrg struct{ c *crm.Client }

func (crmOrg) Key() string                                         { return "zoho-crm/org" }
func (crmOrg) Label() string                                       { return "Zoho CRM organization photo" }
func (crmOrg) Limit() limits.Limit                                 { return limits.ZohoCRMOrgPhoto }
func (t crmOrg) Get(ctx context.Context) (api.Photo, error)        { return t.c.Photo(ctx) }
func (t crmOrg) Put(ctx context.Context, b []byte, m string) error { return t.c.UploadPhoto(ctx, b, m) }
func (t crmOrg) Delete(ctx context.Context) error                  { return t.c.DeletePhoto(ctx) }

// BiginRecord is the photo of one Bigin record.
func BiginRecord(c *bigin.Client, m bigin.Module, r bigin.Record) Target {
	return biginRecord{c, m, r}
}

type biginRecord struct {
	c *bigin.Client
	m bigin.Module
	r bigin.Record
}

func (t biginRecord) Key() string       { return "bigin/" + string(t.m) + "/" + t.r.ID }
func (t biginRecord) Label() string     { return "Photo of " + t.r.Name }
func (biginRecord) Limit() limits.Limit { return limits.BiginRecordPhoto }
func (t biginRecord) Get(ctx context.Context) (api.Photo, error) {
	return t.c.Photo(ctx, t.m, t.r.ID)
}
func (t biginRecord) Put(ctx context.Context, b []byte, mime string) error {
	return t.c.UploadPhoto(ctx, t.m, t.r.ID, b, mime)
}
func (t biginRecord) Delete(ctx context.Context) error { return t.c.DeletePhoto(ctx, t.m, t.r.ID) }

// ZoomUser is one Zoom user's profile picture. Get re-reads the user, because
// pic_url changes with every upload.
func ZoomUser(c *zoom.Client, u zoom.User) Target { return zoomUser{c, u} }

type zoomUser struct {
	c *zoom.Client
	u zoom.User
}

func (t zoomUser) Key() string       { return "zoom/" + t.u.ID }
func (t zoomUser) Label() string     { return "Zoom picture of " + t.u.Name() }
func (zoomUser) Limit() limits.Limit { return limits.ZoomProfilePicture }
func (t zoomUser) Get(ctx context.Context) (api.Photo, error) {
	u, err := t.c.User(ctx, t.u.ID)
	if err != nil {
		return api.Photo{}, err
	}
	return t.c.Picture(ctx, u)
}
func (t zoomUser) Put(ctx context.Context, b []byte, mime string) error {
	return t.c.UploadPicture(ctx, t.u.ID, b, mime)
}
func (t zoomUser) Delete(ctx context.Context) error { return t.c.DeletePicture(ctx, t.u.ID) }
