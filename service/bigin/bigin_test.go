package bigin_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"logodesk/service/api"
	"logodesk/service/bigin"
	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/session/sessiontest"
)

func client(t *testing.T, env *sessiontest.Env, token string) *bigin.Client {
	t.Helper()
	c, err := env.WithToken(token).Bigin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRecordsAndSearch(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()
	for _, m := range bigin.Modules {
		recs, err := c.Records(ctx, m, "")
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if len(recs) < 2 {
			t.Fatalf("%s: %d demo records, want at least 2", m, len(recs))
		}
		for _, r := range recs {
			if r.ID == "" || r.Name == "" || strings.HasPrefix(r.Name, "(no name)") {
				t.Errorf("%s: record without id or name: %+v", m, r)
			}
		}
		// Searching for a word of the first record's name finds it, and not everything.
		word := strings.Fields(recs[0].Name)[0]
		found, err := c.Records(ctx, m, word)
		if err != nil {
			t.Fatalf("%s search %q: %v", m, word, err)
		}
		if len(found) == 0 || found[0].ID == "" || !containsID(found, recs[0].ID) {
			t.Errorf("%s search %q = %+v, want it to include %s", m, word, found, recs[0].ID)
		}
		none, err := c.Records(ctx, m, "nothing-matches-this")
		if err != nil || len(none) != 0 {
			t.Errorf("%s search with no match = %v, %v; want none and no error (204)", m, none, err)
		}
	}
	contacts, _ := c.Records(ctx, bigin.Contacts, "")
	if contacts[0].Detail == "" || !strings.Contains(contacts[0].Detail, "@") {
		t.Errorf("contact detail %q, want an e-mail", contacts[0].Detail)
	}
	byMail, err := c.Records(ctx, bigin.Contacts, contacts[0].Detail)
	if err != nil || !containsID(byMail, contacts[0].ID) {
		t.Errorf("search by e-mail %q = %v, %v", contacts[0].Detail, byMail, err)
	}
}

func containsID(recs []bigin.Record, id string) bool {
	for _, r := range recs {
		if r.ID == id {
			return true
		}
	}
	return false
}

func TestRecordPhotoLifecycle(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()
	for _, m := range bigin.Modules {
		recs, err := c.Records(ctx, m, "")
		if err != nil {
			t.Fatal(err)
		}
		id := recs[0].ID
		pic := sessiontest.JPEG(120, 90)
		if err := c.UploadPhoto(ctx, m, id, pic, "image/jpeg"); err != nil {
			t.Fatalf("%s upload: %v", m, err)
		}
		got, err := c.Photo(ctx, m, id)
		if err != nil || !got.Present || !bytes.Equal(got.Bytes, pic) || got.MIME != "image/jpeg" {
			t.Fatalf("%s photo after upload: present=%v mime=%s err=%v", m, got.Present, got.MIME, err)
		}
		if err := c.DeletePhoto(ctx, m, id); err != nil {
			t.Fatalf("%s delete: %v", m, err)
		}
		if got, err := c.Photo(ctx, m, id); err != nil || got.Present {
			t.Fatalf("%s after delete: present=%v err=%v", m, got.Present, err)
		}
	}
}

func TestRecordErrors(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()
	recs, _ := c.Records(ctx, bigin.Contacts, "")
	id := recs[0].ID

	t.Run("unknown record", func(t *testing.T) {
		_, err := c.Photo(ctx, bigin.Contacts, "999999")
		sessiontest.WantError(t, err, api.KindNotFound, "INVALID_DATA", 400)
		sessiontest.WantError(t, c.DeletePhoto(ctx, bigin.Products, "999999"), api.KindNotFound, "INVALID_DATA", 400)
	})
	t.Run("unknown module", func(t *testing.T) {
		_, err := c.Photo(ctx, bigin.Module("Deals"), id)
		sessiontest.WantError(t, err, api.KindNotFound, "INVALID_MODULE", 400)
	})
	t.Run("read-only user", func(t *testing.T) {
		v := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoViewerID, "ZohoBigin.modules.ALL"))
		e := sessiontest.WantError(t, v.UploadPhoto(ctx, bigin.Contacts, id, sessiontest.PNG(8, 8), "image/png"), api.KindPermission, "NO_PERMISSION", 403)
		if !strings.Contains(e.Message, "change this record's photo") {
			t.Errorf("message %q should say what was refused", e.Message)
		}
		sessiontest.WantError(t, v.DeletePhoto(ctx, bigin.Contacts, id), api.KindPermission, "NO_PERMISSION", 403)
	})
	t.Run("scope per module", func(t *testing.T) {
		v := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoAdminID, "ZohoBigin.modules.contacts.READ"))
		if _, err := v.Photo(ctx, bigin.Contacts, id); err != nil {
			t.Fatalf("contacts READ must allow reading a contact photo: %v", err)
		}
		sessiontest.WantError(t, v.UploadPhoto(ctx, bigin.Contacts, id, sessiontest.PNG(8, 8), "image/png"), api.KindScope, "OAUTH_SCOPE_MISMATCH", 401)
		_, err := v.Records(ctx, bigin.Products, "")
		sessiontest.WantError(t, err, api.KindScope, "OAUTH_SCOPE_MISMATCH", 401)
	})
	t.Run("search needs the search scope", func(t *testing.T) {
		v := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoAdminID, "ZohoBigin.modules.ALL"))
		if _, err := v.Records(ctx, bigin.Contacts, ""); err != nil {
			t.Fatal(err)
		}
		_, err := v.Records(ctx, bigin.Contacts, "Jane")
		sessiontest.WantError(t, err, api.KindScope, "OAUTH_SCOPE_MISMATCH", 401)
	})
	t.Run("not an image", func(t *testing.T) {
		err := c.UploadPhoto(ctx, bigin.Contacts, id, []byte("GIF? no, plain text"), "image/gif")
		var e *api.Error
		if !errors.As(err, &e) || e.Kind != api.KindInvalidInput || e.Code != "INVALID_DATA" {
			t.Fatalf("err = %v, want INVALID_DATA", err)
		}
	})
	t.Run("resolution too high", func(t *testing.T) {
		sessiontest.WantError(t, c.UploadPhoto(ctx, bigin.Contacts, id, sessiontest.PNG(4000, 2600), "image/png"), api.KindTooLarge, "FILE_RESOLUTION_EXCEEDS", 415)
	})
	t.Run("wrong method", func(t *testing.T) {
		raw := &api.Client{HTTP: &http.Client{}, BaseURL: env.Root + "/zoho", Vendor: api.Zoho, Service: "Bigin", Tokens: api.StaticToken(tokens.DemoToken)}
		_, err := raw.Do(ctx, api.NewRequest(http.MethodPut, "/bigin/v2/Contacts/"+id+"/photo"))
		sessiontest.WantError(t, err, api.KindBadMethod, "INVALID_REQUEST_METHOD", 400)
	})
	t.Run("rate limit then success", func(t *testing.T) {
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: "/zoho/bigin/v2/Contacts", Kind: sandbox.RateLimit, RetryAfter: "0"})
		if _, err := c.Records(ctx, bigin.Contacts, ""); err != nil {
			t.Fatalf("a 429 with Retry-After 0 should be retried: %v", err)
		}
	})
}
