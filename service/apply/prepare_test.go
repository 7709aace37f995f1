package apply_test

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"logodesk/service/apply"
	"logodesk/service/imagefit"
	"logodesk/service/imagefit/imagefittest"
	"logodesk/service/limits"
)

// pictureTargets are the targets that take a picture, as Targets makes them (without
// a session: Prepare needs only their limits).
func pictureTargets() []apply.Target {
	return []apply.Target{
		{ID: apply.CRM, Service: "Zoho CRM", What: "organization logo", Limit: limits.ZohoCRMOrgPhoto},
		{ID: apply.Bigin, Service: "Bigin", What: "organization logo", Limit: limits.BiginOrgLogo},
		{ID: apply.Zoom, Service: "Zoom", What: "profile picture (yours)", Limit: limits.ZoomProfilePicture},
	}
}

// BenchmarkPrepare24MP: a 24-megapixel phone photo (imagefit's benchmark photo) fitted
// for the three targets that take a picture: Zoho CRM, Bigin and Zoom (no network).
func BenchmarkPrepare24MP(b *testing.B) {
	data := imagefittest.PhotoJPEG(6000, 4000)
	targets := pictureTargets()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runtime.GC()
	peak := imagefittest.TrackPeakHeap()
	for b.Loop() {
		cands, err := apply.Prepare(context.Background(), data, targets)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cands {
			if c.Err != nil || !c.Fit.Changed {
				b.Fatalf("%s: %v (changed %v)", c.Target.ID, c.Err, c.Fit.Changed)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
}

// Prepare decodes the file once for all targets and gives each what a fit of its own
// would: the same bytes and sentence as imagefit.Fit.
func TestPrepareFitsAsFitDoes(t *testing.T) {
	data := imagefittest.PhotoJPEG(1500, 1000)
	targets := append(pictureTargets(), apply.Target{ID: apply.Contracts, Service: "Zoho Contracts", What: "logo", Manual: apply.ContractsManual})
	cands, err := apply.Prepare(context.Background(), data, targets)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cands[:3] {
		want, err := imagefit.Fit(data, targets[i].Limit, imagefit.Options{})
		if err != nil || c.Err != nil {
			t.Fatalf("%s: %v, Fit: %v", c.Target.ID, c.Err, err)
		}
		if !bytes.Equal(c.Fit.Bytes, want.Bytes) || c.Fit.Explanation != want.Explanation {
			t.Errorf("%s: %d bytes %q; imagefit.Fit: %d bytes %q", c.Target.ID, len(c.Fit.Bytes), c.Fit.Explanation, len(want.Bytes), want.Explanation)
		}
	}
	if c := cands[3]; c.Fit.Bytes != nil || c.Err != nil {
		t.Errorf("contracts: %d bytes, %v", len(c.Fit.Bytes), c.Err)
	}
}
