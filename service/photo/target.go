// Package photo treats every picture slot LogoDesk manages the same way: the CRM
// organization photo, a Bigin record's photo and a Zoom user's picture are each a
// Target that can be read, replaced and deleted, with the old picture backed up first.
package photo

import (
	"context"

	"logodesk/service/api"
	"logodesk/service/limits"
)

// Target is one picture slot in one service.
type Target interface {
	// Key names the slot for backups, stable across runs: "zoho-crm/org",
	// "bigin/Contacts/123", "zoom/user-id".
	Key() string
	// Label names it for people: "Zoho CRM organization photo", "Photo of Jane Doe".
	Label() string
	// Account names whose picture this is ("zoho.eu/org-20071234", "zoom/acct-…"),
	// so kept copies go back only where they came from. It may ask the service
	// (the organization's id) and is cached by the target.
	Account(ctx context.Context) (string, error)
	// Limit is what the service accepts here.
	Limit() limits.Limit
	// Get returns the current picture (Present false when none is set).
	Get(ctx context.Context) (api.Photo, error)
	// Put uploads data, already checked and fitted, of type mime.
	Put(ctx context.Context, data []byte, mime string) error
	// Delete removes the picture.
	Delete(ctx context.Context) error
}
