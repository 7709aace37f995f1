// Package zoom wraps the Zoom Users API endpoints LogoDesk uses: look up a user
// (me, an id or an e-mail), list users (admins), and upload or delete a user's
// profile picture.
package zoom

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"logodesk/service/api"
)

// Me is the user the sign-in belongs to.
const Me = "me"

// User is a Zoom user as LogoDesk shows them.
type User struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	DisplayName string `json:"display_name"`
	PicURL      string `json:"pic_url"`
	RoleID      string `json:"role_id"`
	AccountID   string `json:"account_id"`
	Type        int    `json:"type"`
}

// Name is the user's name for display.
func (u User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.Email
}

// Client calls Zoom. Build the api.Client with Vendor api.Zoom and BaseURL "https://api.zoom.us/v2".
type Client struct {
	api *api.Client
	// Pictures fetches pic_url, which lives on another host: it gets no token.
	Pictures *http.Client
}

// New wraps c.
func New(c *api.Client) *Client { return &Client{api: c, Pictures: c.HTTP} }

func userPath(id string) string { return "/users/" + url.PathEscape(strings.TrimSpace(id)) }

// User looks up "me", a user id or an e-mail address.
func (c *Client) User(ctx context.Context, id string) (User, error) {
	if strings.TrimSpace(id) == "" {
		id = Me
	}
	resp, err := c.api.Do(ctx, api.Request{Method: http.MethodGet, Path: userPath(id), Action: "look up this user"})
	if err != nil {
		return User{}, err
	}
	var u User
	err = resp.JSON(c.api.Service, &u)
	return u, err
}

// Users lists the account's active users (admins only), following every page
// (300 users a page, the largest page both the older and the current spec allow).
// A non-admin gets a plain *api.Error saying only an administrator can list users.
func (c *Client) Users(ctx context.Context) ([]User, error) {
	var all []User
	token := ""
	seen := map[string]bool{}
	for {
		q := url.Values{"page_size": {"300"}, "status": {"active"}}
		if token != "" {
			q.Set("next_page_token", token)
		}
		resp, err := c.api.Do(ctx, api.Request{Method: http.MethodGet, Path: "/users", Query: q, Action: "list the account's users"})
		if err != nil {
			return nil, adminOnly(err)
		}
		var page struct {
			Users         []User `json:"users"`
			NextPageToken string `json:"next_page_token"`
		}
		if err := resp.JSON(c.api.Service, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Users...)
		// A token seen before would page forever; an empty page ends the list too.
		if page.NextPageToken == "" || len(page.Users) == 0 || seen[page.NextPageToken] {
			return all, nil
		}
		seen[page.NextPageToken] = true
		token = page.NextPageToken
	}
}

// maxPictureBytes bounds a downloaded profile picture: Zoom takes at most 2 MB,
// so 16 MB is far beyond any real one.
const maxPictureBytes = 16 << 20

// Picture downloads u's profile picture from pic_url; Present is false when the
// user has none (no pic_url). A pic_url that can't be fetched is an error.
func (c *Client) Picture(ctx context.Context, u User) (api.Photo, error) {
	if u.PicURL == "" {
		return api.Photo{}, nil
	}
	fail := func(err error) (api.Photo, error) {
		return api.Photo{}, &api.Error{Service: c.api.Service, Kind: api.KindNetwork,
			Message: "LogoDesk couldn't download this user's Zoom picture.", NextStep: "Check your internet connection and try again.", Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.PicURL, nil)
	if err != nil {
		return fail(err)
	}
	resp, err := c.Pictures.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return api.Photo{}, ctx.Err()
		}
		return fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		// The user record says there is a picture: a missing file is not "no
		// picture", and treating it so would let a replace go ahead with no copy.
		return api.Photo{}, &api.Error{Service: c.api.Service, Kind: api.KindNotFound, HTTPStatus: resp.StatusCode,
			Message: "Zoom says this user has a picture, but the picture itself couldn't be found.", NextStep: "Try again in a moment."}
	}
	if resp.StatusCode != http.StatusOK {
		return api.Photo{}, &api.Error{Service: c.api.Service, Kind: api.KindServer, HTTPStatus: resp.StatusCode,
			Message: "Zoom didn't send this user's picture.", NextStep: "Try again in a moment."}
	}
	data, err := api.ReadCapped(resp.Body, maxPictureBytes)
	if errors.Is(err, api.ErrTooLarge) {
		return api.Photo{}, api.TooLargeAnswer(c.api.Service, resp.StatusCode, maxPictureBytes)
	}
	if err != nil {
		return fail(err)
	}
	return api.PhotoFromBody(c.api.Service, resp.StatusCode, data)
}

// UploadPicture replaces the user's picture with data (JPEG or PNG, already fitted
// to limits.ZoomProfilePicture), sent in the multipart field "pic_file".
func (c *Client) UploadPicture(ctx context.Context, userID string, data []byte, mime string) error {
	body, ctype := api.Multipart("pic_file", api.FileName("picture", mime), mime, data)
	_, err := c.api.Do(ctx, api.Request{Method: http.MethodPost, Path: userPath(userID) + "/picture", Body: body, ContentType: ctype,
		Action: "change this user's profile picture"})
	return err
}

// DeletePicture removes the user's picture.
func (c *Client) DeletePicture(ctx context.Context, userID string) error {
	_, err := c.api.Do(ctx, api.Request{Method: http.MethodDelete, Path: userPath(userID) + "/picture",
		Action: "delete this user's profile picture"})
	return err
}

// Realm is the vendor installation this client talks to (see api.Client.Realm).
func (c *Client) Realm() string { return c.api.Realm }
