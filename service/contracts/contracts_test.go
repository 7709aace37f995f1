package contracts_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"logodesk/service/api"
	"logodesk/service/contracts"
	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/session/sessiontest"
)

func client(t *testing.T, env *sessiontest.Env, token string) *contracts.Client {
	t.Helper()
	c, err := env.WithToken(token).Contracts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ptr(s string) *string { return &s }

func TestOrgInfoReadAndUpdate(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()
	before, err := c.OrgInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.APIName == "" || before.Name == "" || before.Country == "" {
		t.Fatalf("demo org info = %+v", before)
	}
	u := contracts.OrgUpdate{Name: ptr("Zylker Europe"), City: ptr("Berlin"), Country: ptr("DE"),
		Website: ptr("https://zylker.example/de"), Phone: ptr("+49 30 1234567")}
	if err := c.UpdateOrgInfo(ctx, before.APIName, u); err != nil {
		t.Fatal(err)
	}
	after, err := c.OrgInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Name != "Zylker Europe" || after.City != "Berlin" || after.Country != "DE" || after.Website != "https://zylker.example/de" || after.Phone != "+49 30 1234567" {
		t.Errorf("after update: %+v", after)
	}
	if after.Address != before.Address || after.State != before.State {
		t.Errorf("fields not in the update changed: %+v → %+v", before, after)
	}
}

func TestOrgInfoErrors(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	ctx := context.Background()
	demo := client(t, env, tokens.DemoToken)
	info, _ := demo.OrgInfo(ctx)
	t.Run("read-only user", func(t *testing.T) {
		v := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoViewerID, "contracts.meta.READ", "contracts.meta.UPDATE"))
		sessiontest.WantError(t, v.UpdateOrgInfo(ctx, info.APIName, contracts.OrgUpdate{City: ptr("Paris")}), api.KindPermission, "NO_PERMISSION", 403)
	})
	t.Run("scope missing", func(t *testing.T) {
		v := client(t, env, env.Issue(tokens.Zoho, sandbox.ZohoAdminID, "contracts.meta.READ"))
		if _, err := v.OrgInfo(ctx); err != nil {
			t.Fatalf("READ must allow reading: %v", err)
		}
		sessiontest.WantError(t, v.UpdateOrgInfo(ctx, info.APIName, contracts.OrgUpdate{City: ptr("Paris")}), api.KindScope, "OAUTH_SCOPE_MISMATCH", 401)
	})
	t.Run("unknown organization", func(t *testing.T) {
		sessiontest.WantError(t, demo.UpdateOrgInfo(ctx, "no-such-org", contracts.OrgUpdate{City: ptr("Paris")}), api.KindNotFound, "INVALID_URL_PATTERN", 404)
	})
	t.Run("the vendor's UPDATE method is refused in plain words", func(t *testing.T) {
		raw := &api.Client{HTTP: &http.Client{}, BaseURL: env.Root + "/contracts", Vendor: api.ZohoContracts, Service: "Zoho Contracts", Tokens: api.StaticToken(tokens.DemoToken)}
		_, err := raw.Do(ctx, api.Request{Method: "UPDATE", Path: "/api/v1/admin/orginfo/" + info.APIName, Body: []byte(`{"city":"Paris"}`), ContentType: "application/json"})
		e := sessiontest.WantError(t, err, api.KindBadMethod, "INVALID_REQUEST_METHOD", 405)
		if strings.Contains(e.Error(), "{") {
			t.Errorf("raw body in message: %q", e.Error())
		}
	})
	t.Run("server error", func(t *testing.T) {
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: "/contracts/", Kind: sandbox.ServerError, Times: 10})
		defer env.Sandbox.ClearFaults()
		_, err := demo.OrgInfo(ctx)
		sessiontest.WantError(t, err, api.KindServer, "INTERNAL_ERROR", 500)
	})
	t.Run("invalid values never leave the machine", func(t *testing.T) {
		env.Sandbox.ResetRequests()
		err := demo.UpdateOrgInfo(ctx, info.APIName, contracts.OrgUpdate{Country: ptr("Germany")})
		var fe *contracts.FieldError
		if !errors.As(err, &fe) || fe.Field != "country" {
			t.Fatalf("err = %v, want a country FieldError", err)
		}
		if n := len(env.Sandbox.Requests()); n != 0 {
			t.Errorf("%d requests sent for an invalid update", n)
		}
	})
}

func TestValidators(t *testing.T) {
	good := map[string][]string{
		"country": {"", "US", "de", " IN "},
		"website": {"", "https://www.example.com", "example.co.uk", "http://zylker.example/path?q=1"},
		"phone":   {"", "+1 415 555 0100", "(030) 123-4567", "12345"},
	}
	bad := map[string][]string{
		"country": {"USA", "XX", "1A", "Germany", "ÜS"},
		"website": {"ftp://example.com", "not a url", "localhost", "https://", "example."},
		"phone":   {"call me", "12-34", "+1 (415) 555 0100 ext 5", "1+2345678"},
	}
	fns := map[string]func(string) error{"country": contracts.ValidateCountry, "website": contracts.ValidateWebsite, "phone": contracts.ValidatePhone}
	for field, f := range fns {
		for _, v := range good[field] {
			if err := f(v); err != nil {
				t.Errorf("%s %q refused: %v", field, v, err)
			}
		}
		for _, v := range bad[field] {
			err := f(v)
			var fe *contracts.FieldError
			if !errors.As(err, &fe) || fe.Field != field || !strings.HasSuffix(fe.Reason, ".") {
				t.Errorf("%s %q accepted or unclear: %v", field, v, err)
			}
		}
	}
}

func FuzzValidators(f *testing.F) {
	for _, s := range []string{"US", "https://x.y", "+1 555", "", "((((", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) error{contracts.ValidateCountry, contracts.ValidateWebsite, contracts.ValidatePhone} {
			if err := fn(s); err != nil && err.Error() == "" {
				t.Fatal("empty message")
			}
		}
	})
}
