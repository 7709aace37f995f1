package bigin

import (
	"context"
	"errors"
)

// Org is Bigin's organization. PENDING: replaced by the org-logo branch's GET /bigin/v2/org.
type Org struct{ ID, Name, PhotoID string }

// Org reads the organization's details.
func (c *Client) Org(ctx context.Context) (Org, error) { return Org{}, errors.New("pending") }
