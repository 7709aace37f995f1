package crm_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"logodesk/service/api"
	"logodesk/service/crm"
	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/session/sessiontest"
)

func client(t *testing.T, env *sessiontest.Env, token string) *crm.Client {
	t.Helper()
	c, err := env.WithToken(token).CRM()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOrgPhotoLifecycle(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()

	org, err := c.Org(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if org.Name == "" || org.ID == "" || org.PhotoID == "" {
		t.Fatalf("demo org = %+v, want a name, an id and a logo", org)
	}
	current, err := c.Photo(ctx)
	if err != nil || !current.Present || current.MIME != "image/png" {
		t.Fatalf("demo logo: %+v %v", current.MIME, err)
	}

	logo := sessiontest.PNG(300, 200)
	if err := c.UploadPhoto(ctx, logo, "image/png"); err != nil {
		t.Fatal(err)
	}
	got, err := c.Photo(ctx)
	if err != nil || !bytes.Equal(got.Bytes, logo) {
		t.Fatalf("photo after upload differs from what was sent (err %v)", err)
	}
	after, _ := c.Org(ctx)
	if after.PhotoID == "" || after.PhotoID == org.PhotoID {
		t.Errorf("photo_id %q → %q: an upload must give a new photo id", org.PhotoID, after.PhotoID)
	}

	if err := c.DeletePhoto(ctx); err != nil {
		t.Fatal(err)
	}
	none, err := c.Photo(ctx)
	if err != nil || none.Present {
		t.Fatalf("after delete: present=%v err=%v, want no photo and no error", none.Present, err)
	}
	if o, _ := c.Org(ctx); o.PhotoID != "" {
		t.Errorf("photo_id after delete = %q, want none", o.PhotoID)
	}
}

func TestOrgPhotoErrors(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	ctx := context.Background()
	demo := client(t, env, tokens.DemoToken)

	t.Run("read-only user", func(t *testing.T) {
		c := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoViewerID, "ZohoCRM.org.ALL"))
		e := sessiontest.WantError(t, c.UploadPhoto(ctx, sessiontest.PNG(10, 10), "image/png"), api.KindPermission, "NO_PERMISSION", 403)
		if e.Message != "Your Zoho CRM user isn't allowed to change the organization photo." {
			t.Errorf("message %q", e.Message)
		}
		sessiontest.WantError(t, c.DeletePhoto(ctx), api.KindPermission, "NO_PERMISSION", 403)
	})
	t.Run("scope missing", func(t *testing.T) {
		c := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoAdminID, "ZohoCRM.org.READ"))
		if _, err := c.Photo(ctx); err != nil {
			t.Fatalf("READ scope must allow reading: %v", err)
		}
		sessiontest.WantError(t, c.UploadPhoto(ctx, sessiontest.PNG(10, 10), "image/png"), api.KindScope, "OAUTH_SCOPE_MISMATCH", 401)
		sessiontest.WantError(t, c.DeletePhoto(ctx), api.KindScope, "OAUTH_SCOPE_MISMATCH", 401)
	})
	t.Run("expired token", func(t *testing.T) {
		tok := env.Issue(tokens.Zoho, sandbox.ZohoAdminID, "ZohoCRM.org.ALL")
		env.Sandbox.Tokens().Expire(tok)
		_, err := client(t, env, tok).Org(ctx)
		sessiontest.WantError(t, err, api.KindSignIn, "INVALID_TOKEN", 401)
	})
	t.Run("revoked token", func(t *testing.T) {
		_, err := client(t, env, "1000.not-a-token").Photo(ctx)
		sessiontest.WantError(t, err, api.KindSignIn, "INVALID_TOKEN", 401)
	})
	t.Run("not an image", func(t *testing.T) {
		sessiontest.WantError(t, demo.UploadPhoto(ctx, []byte("%PDF-1.4 not an image"), "image/png"), api.KindInvalidInput, "INVALID_DATA", 415)
	})
	t.Run("file too large", func(t *testing.T) {
		big := sessiontest.NoisyPNG(700, 700, 1) // ~1.9 MB, 0.5 MP
		sessiontest.WantError(t, demo.UploadPhoto(ctx, big, "image/png"), api.KindTooLarge, "FILE_SIZE_EXCEEDS", 413)
	})
	t.Run("resolution too high", func(t *testing.T) {
		sessiontest.WantError(t, demo.UploadPhoto(ctx, sessiontest.PNG(4000, 2600), "image/png"), api.KindTooLarge, "FILE_RESOLUTION_EXCEEDS", 415)
	})
	t.Run("legacy size error", func(t *testing.T) {
		legacy := sessiontest.Start(t, sandbox.Options{LegacySizeErrors: true})
		c := client(t, legacy, tokens.DemoToken)
		sessiontest.WantError(t, c.UploadPhoto(ctx, sessiontest.NoisyPNG(700, 700, 2), "image/png"), api.KindTooLarge, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", 415)
	})
	t.Run("wrong method and unknown URL", func(t *testing.T) {
		raw := &api.Client{HTTP: &http.Client{}, BaseURL: env.Root + "/zoho", Vendor: api.Zoho, Service: "Zoho CRM", Tokens: api.StaticToken(tokens.DemoToken)}
		_, err := raw.Do(ctx, api.NewRequest(http.MethodPatch, "/crm/v8/org/photo"))
		sessiontest.WantError(t, err, api.KindBadMethod, "INVALID_REQUEST_METHOD", 400)
		_, err = raw.Do(ctx, api.NewRequest(http.MethodGet, "/crm/v8/org/logo"))
		sessiontest.WantError(t, err, api.KindNotFound, "INVALID_URL_PATTERN", 404)
	})
}

func TestOrgPhotoFaults(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	ctx := context.Background()
	c := client(t, env, tokens.DemoToken)
	path := "/zoho/crm/v8/org/photo"

	t.Run("server errors are retried", func(t *testing.T) {
		env.Sandbox.ResetRequests()
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: path, Kind: sandbox.ServerError, Times: 2})
		if err := c.UploadPhoto(ctx, sessiontest.PNG(20, 20), "image/png"); err != nil {
			t.Fatal(err)
		}
		if n := env.Sandbox.Requests()["POST "+path]; n != 3 {
			t.Errorf("POST count = %d, want 3 (two failures, one success)", n)
		}
	})
	t.Run("persistent server error is reported", func(t *testing.T) {
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: path, Kind: sandbox.ServerError, Times: 10})
		defer env.Sandbox.ClearFaults()
		_, err := c.Photo(ctx)
		sessiontest.WantError(t, err, api.KindServer, "INTERNAL_ERROR", 500)
	})
	t.Run("429 honours Retry-After", func(t *testing.T) {
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: path, Kind: sandbox.RateLimit, RetryAfter: "1"})
		start := time.Now()
		if _, err := c.Photo(ctx); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < time.Second {
			t.Errorf("retried after %v, before the 1 s Retry-After", d)
		}
	})
	t.Run("dropped connection mid-upload is retried", func(t *testing.T) {
		env.Sandbox.InjectFault(sandbox.Fault{Method: "POST", PathPrefix: path, Kind: sandbox.Drop})
		logo := sessiontest.PNG(30, 30)
		if err := c.UploadPhoto(ctx, logo, "image/png"); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.Photo(ctx); !bytes.Equal(got.Bytes, logo) {
			t.Error("photo not stored after the retried upload")
		}
	})
	t.Run("cancellation", func(t *testing.T) {
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: path, Kind: sandbox.Latency, Delay: 5 * time.Second})
		defer env.Sandbox.ClearFaults()
		ctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.Photo(ctx)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
			t.Fatalf("err=%v after %v, want a prompt deadline error", err, time.Since(start))
		}
	})
}
