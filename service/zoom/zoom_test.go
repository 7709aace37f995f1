package zoom_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"logodesk/service/api"
	"logodesk/service/sandbox"
	"logodesk/service/sandbox/tokens"
	"logodesk/service/zoom"
	"logodesk/session/sessiontest"
)

func client(t *testing.T, env *sessiontest.Env, token string) *zoom.Client {
	t.Helper()
	c, err := env.WithToken(token).Zoom()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestUsersAndPictures(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	c := client(t, env, tokens.DemoToken)
	ctx := context.Background()

	me, err := c.User(ctx, zoom.Me)
	if err != nil {
		t.Fatal(err)
	}
	if me.ID == "" || me.Email == "" || me.Name() == "" || me.PicURL == "" {
		t.Fatalf("me = %+v, want the demo admin with a picture", me)
	}
	byEmail, err := c.User(ctx, me.Email)
	if err != nil || byEmail.ID != me.ID {
		t.Fatalf("lookup by e-mail: %+v %v", byEmail, err)
	}
	users, err := c.Users(ctx)
	if err != nil || len(users) < 3 {
		t.Fatalf("users: %d %v, want the demo users", len(users), err)
	}
	current, err := c.Picture(ctx, me)
	if err != nil || !current.Present {
		t.Fatalf("demo picture: %v %v", current.Present, err)
	}

	pic := sessiontest.JPEG(256, 256)
	if err := c.UploadPicture(ctx, me.ID, pic, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	me2, _ := c.User(ctx, zoom.Me)
	if me2.PicURL == me.PicURL {
		t.Errorf("pic_url unchanged after upload")
	}
	got, err := c.Picture(ctx, me2)
	if err != nil || !bytes.Equal(got.Bytes, pic) {
		t.Fatalf("picture after upload differs (err %v)", err)
	}
	// The old pic_url now answers 404: that is a missing picture, not "no picture"
	// (a replace must not go ahead as if there were nothing to keep).
	if p, err := c.Picture(ctx, me); err == nil || p.Present {
		t.Fatalf("a pic_url answering 404 gave present=%v err=%v, want an error", p.Present, err)
	} else {
		sessiontest.WantError(t, err, api.KindNotFound, "", 404)
	}
	if err := c.DeletePicture(ctx, me.ID); err != nil {
		t.Fatal(err)
	}
	me3, _ := c.User(ctx, zoom.Me)
	if p, err := c.Picture(ctx, me3); err != nil || p.Present {
		t.Fatalf("after delete: present=%v err=%v", p.Present, err)
	}
}

func TestZoomErrors(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	ctx := context.Background()
	admin := client(t, env, tokens.DemoToken)

	t.Run("unknown user", func(t *testing.T) {
		_, err := admin.User(ctx, "nobody@zylker.example")
		e := sessiontest.WantError(t, err, api.KindNotFound, "1001", 404)
		if e.Message != "Zoom has no user with that ID or email address." {
			t.Errorf("message %q", e.Message)
		}
		sessiontest.WantError(t, admin.DeletePicture(ctx, "nobody@zylker.example"), api.KindNotFound, "1001", 404)
	})
	t.Run("member changing someone else", func(t *testing.T) {
		m := client(t, env, env.Issue(tokens.Zoom, sandbox.ZoomMemberID, "user:read", "user:write"))
		sessiontest.WantError(t, m.UploadPicture(ctx, sandbox.ZoomAdminID, sessiontest.PNG(64, 64), "image/png"), api.KindPermission, "200", 400)
		if err := m.UploadPicture(ctx, zoom.Me, sessiontest.PNG(64, 64), "image/png"); err != nil {
			t.Fatalf("a member may change their own picture: %v", err)
		}
	})
	t.Run("file refused", func(t *testing.T) {
		sessiontest.WantError(t, admin.UploadPicture(ctx, zoom.Me, []byte{}, "image/png"), api.KindInvalidInput, "120", 400)
		sessiontest.WantError(t, admin.UploadPicture(ctx, zoom.Me, sessiontest.NoisyPNG(900, 900, 3), "image/png"), api.KindInvalidInput, "120", 400)
		gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
		sessiontest.WantError(t, admin.UploadPicture(ctx, zoom.Me, gif, "image/gif"), api.KindInvalidInput, "120", 400)
	})
	t.Run("expired token", func(t *testing.T) {
		tok := env.Issue(tokens.Zoom, sandbox.ZoomAdminID, "user:read:admin")
		env.Sandbox.Tokens().Expire(tok)
		_, err := client(t, env, tok).User(ctx, zoom.Me)
		sessiontest.WantError(t, err, api.KindSignIn, "124", 401)
	})
	t.Run("daily limit is reported with its end", func(t *testing.T) {
		reset := time.Now().Add(3 * time.Hour).UTC().Truncate(time.Second)
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: "/zoom/v2/users", Kind: sandbox.RateLimit, RateLimitType: "Daily-limit", RetryAfter: reset.Format(time.RFC3339)})
		_, err := admin.User(ctx, zoom.Me)
		e := sessiontest.WantError(t, err, api.KindRateLimited, "429", 429)
		if !e.RetryAt.Equal(reset) {
			t.Errorf("RetryAt %v, want %v", e.RetryAt, reset)
		}
	})
	t.Run("per-second limit is waited out", func(t *testing.T) {
		env.Sandbox.InjectFault(sandbox.Fault{PathPrefix: "/zoom/v2/users", Kind: sandbox.RateLimit, RetryAfter: "1"})
		if _, err := admin.User(ctx, zoom.Me); err != nil {
			t.Fatal(err)
		}
	})
}

func TestUsersFollowsEveryPage(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{ZoomUsers: 2100})
	users, err := client(t, env, tokens.DemoToken).Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, u := range users {
		seen[u.ID] = true
	}
	if len(users) != 2100 || len(seen) != 2100 {
		t.Fatalf("%d users (%d distinct), want all 2100 over 7 pages", len(users), len(seen))
	}
	if got := env.Sandbox.Requests()["GET /zoom/v2/users"]; got != 7 {
		t.Errorf("%d list requests, want 7 pages of 300", got)
	}
}

func TestUsersSaysOnlyAdminsMayList(t *testing.T) {
	env := sessiontest.Start(t, sandbox.Options{})
	ctx := context.Background()
	member := client(t, env, env.Issue(tokens.Zoom, sandbox.ZoomMemberID, "user:read", "user:write"))
	_, err := member.Users(ctx)
	e := sessiontest.WantError(t, err, api.KindPermission, "200", 400)
	if e.Message != "Only a Zoom account administrator can list the account's users." {
		t.Errorf("message %q", e.Message)
	}
	// A sign-in without the admin scope (what a non-admin can grant) says the same in its own words.
	noScope := client(t, env, env.Issue(tokens.Zoom, sandbox.ZoomAdminID, "user:read:user"))
	_, err = noScope.Users(ctx)
	e = sessiontest.WantError(t, err, api.KindScope, "4711", 400)
	if !strings.Contains(e.Message, "only an account administrator") {
		t.Errorf("message %q", e.Message)
	}
}

func TestLimitLifts(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	daily := &api.Error{Kind: api.KindRateLimited, RetryAt: now.Add(5 * time.Hour)}
	if at, ok := zoom.LimitLifts(fmt.Errorf("wrapped: %w", daily), now); !ok || !at.Equal(daily.RetryAt) {
		t.Fatalf("daily limit: %v %v", at, ok)
	}
	for _, err := range []error{
		&api.Error{Kind: api.KindRateLimited, RetryAt: now.Add(2 * time.Second)}, // per-second limit
		&api.Error{Kind: api.KindRateLimited},                                    // no end given
		&api.Error{Kind: api.KindServer, RetryAt: now.Add(time.Hour)},
		errors.New("offline"),
	} {
		if _, ok := zoom.LimitLifts(err, now); ok {
			t.Errorf("%#v taken for a long limit", err)
		}
	}
}
