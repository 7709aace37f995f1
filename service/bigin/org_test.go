package bigin_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"logodesk/service/api"
	"logodesk/service/bigin"
	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/session/sessiontest"
)

func TestOrgLogo(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()

	org, err := c.Org(ctx)
	if err != nil || org.ID != sandbox.DemoBiginOrgID || org.Name != "Zylker Inc." || org.PhotoID != "" {
		t.Fatalf("Org = %+v, %v; want the demo Bigin org without a logo", org, err)
	}
	// No logo: nothing to read, and no call to the undocumented GET.
	env.Sandbox.ResetRequests()
	if p, err := c.OrgLogo(ctx); err != nil || p.Present {
		t.Fatalf("OrgLogo without a logo = %v, %v", p.Present, err)
	}
	if n := env.Sandbox.Requests()["GET /zoho/bigin/v2/org/photo"]; n != 0 {
		t.Errorf("asked for the logo %d times although photo_id is empty", n)
	}

	logo := sessiontest.PNG(200, 100)
	if err := c.UploadOrgLogo(ctx, logo, "image/png"); err != nil {
		t.Fatal(err)
	}
	if got, _ := env.Sandbox.BiginOrgLogo(); !bytes.Equal(got, logo) {
		t.Fatal("Bigin's logo differs from the upload")
	}
	after, err := c.Org(ctx)
	if err != nil || after.PhotoID == "" {
		t.Fatalf("Org after upload = %+v, %v; want a photo id", after, err)
	}

	// A logo is set, but Bigin has no call to read it.
	_, err = c.OrgLogo(ctx)
	if !errors.Is(err, bigin.ErrOrgLogoUnreadable) {
		t.Fatalf("OrgLogo = %v, want ErrOrgLogoUnreadable", err)
	}
	e := sessiontest.WantError(t, err, api.KindBadMethod, "INVALID_REQUEST_METHOD", 400)
	if e.Message != "Bigin doesn't let apps read its current logo, so LogoDesk can't keep a copy of it." {
		t.Errorf("message %q", e.Message)
	}
}

func TestOrgLogoErrors(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	ctx := context.Background()

	t.Run("sign-in from before the org scope", func(t *testing.T) {
		old := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoAdminID, "ZohoBigin.modules.ALL", "ZohoCRM.org.ALL"))
		for name, err := range map[string]error{
			"upload": old.UploadOrgLogo(ctx, sessiontest.PNG(8, 8), "image/png"),
			"org":    func() error { _, err := old.Org(ctx); return err }(),
			"logo":   func() error { _, err := old.OrgLogo(ctx); return err }(),
		} {
			e := sessiontest.WantError(t, err, api.KindScope, "OAUTH_SCOPE_MISMATCH", 401)
			if e.NextStep != "Sign in to Zoho again to let LogoDesk change Bigin's logo." {
				t.Errorf("%s: next step %q", name, e.NextStep)
			}
		}
	})
	t.Run("read-only user", func(t *testing.T) {
		v := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoViewerID, "ZohoBigin.org.ALL"))
		e := sessiontest.WantError(t, v.UploadOrgLogo(ctx, sessiontest.PNG(8, 8), "image/png"), api.KindPermission, "NO_PERMISSION", 403)
		if !strings.Contains(e.Message, "change Bigin's logo") {
			t.Errorf("message %q should say what was refused", e.Message)
		}
	})
	t.Run("too many pixels", func(t *testing.T) {
		c := client(t, env, tokens.DemoToken)
		sessiontest.WantError(t, c.UploadOrgLogo(ctx, sessiontest.PNG(4000, 2600), "image/png"), api.KindTooLarge, "FILE_RESOLUTION_EXCEEDS", 415)
	})
}

// If Bigin answers GET /org/photo as CRM does (undocumented), OrgLogo returns the logo.
func TestOrgLogoWhenBiginHandsItOut(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{BiginOrgLogoReadable: true})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()
	logo := sessiontest.JPEG(64, 48)
	if err := c.UploadOrgLogo(ctx, logo, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	p, err := c.OrgLogo(ctx)
	if err != nil || !p.Present || !bytes.Equal(p.Bytes, logo) || p.MIME != "image/jpeg" {
		t.Fatalf("OrgLogo = %v %s, %v", p.Present, p.MIME, err)
	}
}
