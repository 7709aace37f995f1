package gui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// The Brand tab's two waits an admin sees, measured through the tab itself
// (fyne/test, the sandbox over loopback): a drop to every candidate shown, and
// Apply to every service done. `make bench-brand` runs them.

func benchBrandUI(b *testing.B) (*UI, *sessiontest.Env) {
	// A Bigin that hands out its logo, so every Apply after the first can keep a copy of it.
	e := sessiontest.Start(b, sandbox.Options{BiginOrgLogoReadable: true})
	a := test.NewTempApp(b)
	env := EnvFor(e.Session, b.TempDir())
	env.Picker = nil
	var u *UI
	onUI(func() { u = newUI(a, env, testDo) })
	u.waitIdle()
	return u, e
}

func brandLogoFile(b *testing.B, name string) string {
	b.Helper()
	switch filepath.Ext(name) {
	case ".svg":
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		return writeBenchFile(b, name, data)
	default: // a 24-megapixel JPEG, the size of a phone's photo
		return writeBenchFile(b, name, sessiontest.JPEG(6000, 4000))
	}
}

func writeBenchFile(b *testing.B, name string, data []byte) string {
	p := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return p
}

func benchmarkBrandDrop(b *testing.B, name string) {
	u, _ := benchBrandUI(b)
	path := brandLogoFile(b, name)
	b.ResetTimer()
	for range b.N {
		drop(u, path) // returns once every candidate is shown
		if u.brand.cands == nil {
			b.Fatalf("no candidates: %s", u.brand.status.Text)
		}
	}
}

// BenchmarkBrandDropSVG: an SVG logo dropped → fitted for Zoho CRM, Bigin and Zoom, all shown.
func BenchmarkBrandDropSVG(b *testing.B) { benchmarkBrandDrop(b, "brand-logo.svg") }

// BenchmarkBrandDropPhoto24MP: a 24-megapixel JPEG dropped → all candidates shown.
func BenchmarkBrandDropPhoto24MP(b *testing.B) { benchmarkBrandDrop(b, "photo-24mp.jpg") }

// BenchmarkBrandApply: Apply pressed → the logo kept-and-sent to all three services.
func BenchmarkBrandApply(b *testing.B) {
	u, _ := benchBrandUI(b)
	drop(u, brandLogoFile(b, "brand-logo.svg"))
	onUI(func() { u.brand.rows["zoom"].check.SetChecked(true) })
	b.ResetTimer()
	for range b.N {
		tap(u, u.brand.applyB)
		if !u.brand.run.AllDone() {
			b.Fatal(u.brand.status.Text)
		}
	}
}
