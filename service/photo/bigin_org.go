package photo

import (
	"context"

	"logodesk/service/api"
	"logodesk/service/bigin"
	"logodesk/service/limits"
)

// BiginOrg is Bigin's organization logo. Bigin documents uploading it but neither
// reading nor deleting it (see service/bigin/org.go): when a logo is set, Get fails
// with an error matching bigin.ErrOrgLogoUnreadable (so Replace's error matches
// ErrNoCopy), and Delete always fails with bigin.ErrOrgLogoUndeletable.
func BiginOrg(c *bigin.Client) Target { return &biginOrg{c: c} }

type biginOrg struct {
	c    *bigin.Client
	acct account
}

func (*biginOrg) Key() string         { return "bigin/org" }
func (*biginOrg) Label() string       { return "Bigin organization logo" }
func (*biginOrg) Limit() limits.Limit { return limits.BiginOrgLogo }

// Account is the Bigin organization, named as for Bigin's record photos.
func (t *biginOrg) Account(ctx context.Context) (string, error) {
	return t.acct.get(ctx, t.c.Realm(), "bigin-org-", func(ctx context.Context) (string, error) {
		o, err := t.c.Org(ctx)
		return o.ID, err
	})
}
func (t *biginOrg) Get(ctx context.Context) (api.Photo, error) { return t.c.OrgLogo(ctx) }
func (t *biginOrg) Put(ctx context.Context, b []byte, m string) error {
	return t.c.UploadOrgLogo(ctx, b, m)
}
func (*biginOrg) Delete(context.Context) error { return bigin.ErrOrgLogoUndeletable }
