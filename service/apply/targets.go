// Package apply puts one logo on every service in one step: Zoho CRM's
// organization logo, Bigin's organization logo and, when asked, the signed-in
// user's Zoom picture. It checks the image once, fits it to each service
// (Prepare), uploads to the chosen services side by side while keeping a copy of
// each picture it replaces (Apply), lets a failed service be tried again
// (Run.Retry), and puts every replaced picture back in one step (Run.Undo, or
// UndoLast in a later process, from a small record kept next to the backups).
//
// It has no GUI code; the window's Brand tab and `logodesk apply` both use it.
package apply

import (
	"context"

	"logodesk/service/api"
	biginapi "logodesk/service/bigin"
	"logodesk/service/limits"
	"logodesk/service/photo"
	"logodesk/service/zoom"
	"logodesk/session"
)

// Target IDs, as `logodesk apply --to` names them.
const (
	CRM       = "crm"
	Bigin     = "bigin"
	Zoom      = "zoom"
	Contracts = "contracts"
)

// Target is one place the logo can go.
type Target struct {
	ID      string // CRM, Bigin, Zoom or Contracts
	Service string // "Zoho CRM"
	What    string // "organization logo"
	Limit   limits.Limit
	// Default is whether the target is chosen unless the admin says otherwise.
	// Zoom is off by default: it is a person's picture, not the organization's.
	Default bool
	// Manual, when not empty, says in one sentence where to set the logo by hand:
	// the service has no way for apps to set it, so the target is never applied.
	Manual string
	// Unavailable is why LogoDesk can't reach the service now (e.g. not signed in).
	Unavailable error

	open func(ctx context.Context) (photo.Target, error)
	// cantRemove, when set, says why an undo can't take away a logo added where there was none.
	cantRemove error
}

// Name is what people call the target: "Zoho CRM organization logo".
func (t Target) Name() string { return t.Service + " " + t.What }

// ContractsManual says where Zoho Contracts' logo is set: its API has no logo call
// (api-notes §3c); the place is from Zoho's help page "Updating Organization Info".
const ContractsManual = "Zoho Contracts doesn't let apps change its logo: in Zoho Contracts, open the Admin tab " +
	"and click Change under the logo on the Organization Info page."

// Targets lists every target, in the order they are shown, for session s. It makes
// no network call: a service the session can't reach has Unavailable set.
func Targets(s *session.Session) []Target {
	crm := Target{ID: CRM, Service: "Zoho CRM", What: "organization logo", Limit: limits.ZohoCRMOrgPhoto}
	if c, err := s.CRM(); err != nil {
		crm.Unavailable = err
	} else {
		crm.open = func(context.Context) (photo.Target, error) { return photo.CRMOrg(c), nil }
	}
	bigin := Target{ID: Bigin, Service: "Bigin", What: "organization logo", Limit: limits.BiginOrgLogo,
		cantRemove: biginapi.ErrOrgLogoUndeletable}
	if c, err := s.Bigin(); err != nil {
		bigin.Unavailable = err
	} else {
		bigin.open = func(context.Context) (photo.Target, error) { return photo.BiginOrg(c), nil }
	}
	zm := Target{ID: Zoom, Service: "Zoom", What: "profile picture (yours)", Limit: limits.ZoomProfilePicture}
	if c, err := s.Zoom(); err != nil {
		zm.Unavailable = err
	} else {
		zm.open = func(ctx context.Context) (photo.Target, error) {
			u, err := c.User(ctx, zoom.Me)
			if err != nil {
				return nil, err
			}
			return photo.ZoomUser(c, u), nil
		}
	}
	crm.Default, bigin.Default = crm.Unavailable == nil, bigin.Unavailable == nil
	contracts := Target{ID: Contracts, Service: "Zoho Contracts", What: "logo", Manual: ContractsManual}
	return []Target{crm, bigin, zm, contracts}
}

// Find returns the target with id.
func Find(targets []Target, id string) (Target, bool) {
	for _, t := range targets {
		if t.ID == id {
			return t, true
		}
	}
	return Target{}, false
}

// serviceName is the product name of target id, as Targets spells it.
func serviceName(id string) string {
	if n, ok := map[string]string{CRM: "Zoho CRM", Bigin: "Bigin", Zoom: "Zoom", Contracts: "Zoho Contracts"}[id]; ok {
		return n
	}
	return id
}

// Current reads the picture the target holds now, for the window to show beside
// the candidate. Present is false when there is none; Bigin's logo can't be read
// by apps (bigin.ErrOrgLogoUnreadable).
func (t Target) Current(ctx context.Context) (api.Photo, error) {
	if t.Manual != "" || t.open == nil {
		return api.Photo{}, t.Unavailable
	}
	slot, err := t.open(ctx)
	if err != nil {
		return api.Photo{}, err
	}
	return slot.Get(ctx)
}
