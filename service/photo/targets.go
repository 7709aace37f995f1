package photo

import (
	"context"
	"errors"
	"sync"

	"logodesk/service/api"
	"logodesk/service/bigin"
	"logodesk/service/crm"
	"logodesk/service/limits"
	"logodesk/service/zoom"
)

// account caches a target's account name: asking the service once per target is enough.
type account struct {
	mu   sync.Mutex
	name string
}

// get returns the cached name, or asks lookup for the id and names it realm/prefix+id.
func (a *account) get(ctx context.Context, realm, prefix string, lookup func(context.Context) (string, error)) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.name != "" {
		return a.name, nil
	}
	if realm == "" {
		return "", errors.New("LogoDesk doesn't know which service address this account is on")
	}
	id, err := lookup(ctx)
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", errors.New("the service didn't say which organization this account belongs to")
	}
	a.name = realm + "/" + prefix + id
	return a.name, nil
}

// CRMOrg is the Zoho CRM organization photo.
func CRMOrg(c *crm.Client) Target { return &crmOrg{c: c} }

type crmOrg struct {
	c    *crm.Client
	acct account
}

func (*crmOrg) Key() string         { return "zoho-crm/org" }
func (*crmOrg) Label() string       { return "Zoho CRM organization photo" }
func (*crmOrg) Limit() limits.Limit { return limits.ZohoCRMOrgPhoto }
func (t *crmOrg) Account(ctx context.Context) (string, error) {
	return t.acct.get(ctx, t.c.Realm(), "org-", func(ctx context.Context) (string, error) {
		o, err := t.c.Org(ctx)
		return o.ID, err
	})
}
func (t *crmOrg) Get(ctx context.Context) (api.Photo, error) { return t.c.Photo(ctx) }
func (t *crmOrg) Put(ctx context.Context, b []byte, m string) error {
	return t.c.UploadPhoto(ctx, b, m)
}
func (t *crmOrg) Delete(ctx context.Context) error { return t.c.DeletePhoto(ctx) }

// BiginRecord is the photo of one Bigin record.
func BiginRecord(c *bigin.Client, m bigin.Module, r bigin.Record) Target {
	return &biginRecord{c: c, m: m, r: r}
}

type biginRecord struct {
	c    *bigin.Client
	m    bigin.Module
	r    bigin.Record
	acct account
}

func (t *biginRecord) Key() string   { return "bigin/" + string(t.m) + "/" + t.r.ID }
func (t *biginRecord) Label() string { return "Photo of " + t.r.Name }

// Limit is a contact's photo (a person's picture, with the crop editor and an avatar
// size) for Contacts; a record photo for Companies and Products.
func (t *biginRecord) Limit() limits.Limit {
	if t.m == bigin.Contacts {
		return limits.BiginContactPhoto
	}
	return limits.BiginRecordPhoto
}
func (t *biginRecord) Account(ctx context.Context) (string, error) {
	return t.acct.get(ctx, t.c.Realm(), "bigin-org-", func(ctx context.Context) (string, error) {
		o, err := t.c.Org(ctx)
		return o.ID, err
	})
}
func (t *biginRecord) Get(ctx context.Context) (api.Photo, error) {
	return t.c.Photo(ctx, t.m, t.r.ID)
}
func (t *biginRecord) Put(ctx context.Context, b []byte, mime string) error {
	return t.c.UploadPhoto(ctx, t.m, t.r.ID, b, mime)
}
func (t *biginRecord) Delete(ctx context.Context) error { return t.c.DeletePhoto(ctx, t.m, t.r.ID) }

// ZoomUser is one Zoom user's profile picture. Get re-reads the user, because
// pic_url changes with every upload.
func ZoomUser(c *zoom.Client, u zoom.User) Target { return &zoomUser{c: c, u: u} }

type zoomUser struct {
	c    *zoom.Client
	u    zoom.User
	acct account
}

func (t *zoomUser) Key() string       { return "zoom/" + t.u.ID }
func (t *zoomUser) Label() string     { return "Zoom picture of " + t.u.Name() }
func (*zoomUser) Limit() limits.Limit { return limits.ZoomProfilePicture }
func (t *zoomUser) Account(ctx context.Context) (string, error) {
	return t.acct.get(ctx, t.c.Realm(), "acct-", func(ctx context.Context) (string, error) {
		if t.u.AccountID != "" {
			return t.u.AccountID, nil
		}
		u, err := t.c.User(ctx, t.u.ID)
		return u.AccountID, err
	})
}
func (t *zoomUser) Get(ctx context.Context) (api.Photo, error) {
	u, err := t.c.User(ctx, t.u.ID)
	if err != nil {
		return api.Photo{}, err
	}
	return t.c.Picture(ctx, u)
}
func (t *zoomUser) Put(ctx context.Context, b []byte, mime string) error {
	return t.c.UploadPicture(ctx, t.u.ID, b, mime)
}
func (t *zoomUser) Delete(ctx context.Context) error { return t.c.DeletePicture(ctx, t.u.ID) }
