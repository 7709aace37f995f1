package apply_test

import (
	"context"
	"runtime"
	"testing"

	"logodesk/service/apply"
	"logodesk/service/imagefit/imagefittest"
	"logodesk/service/limits"
)

// BenchmarkPrepare24MP: a 24-megapixel phone photo (imagefit's benchmark photo) fitted
// for the three targets that take a picture: Zoho CRM, Bigin and Zoom (no network).
func BenchmarkPrepare24MP(b *testing.B) {
	data := imagefittest.PhotoJPEG(6000, 4000)
	targets := []apply.Target{
		{ID: apply.CRM, Service: "Zoho CRM", What: "organization logo", Limit: limits.ZohoCRMOrgPhoto},
		{ID: apply.Bigin, Service: "Bigin", What: "organization logo", Limit: limits.BiginOrgLogo},
		{ID: apply.Zoom, Service: "Zoom", What: "profile picture (yours)", Limit: limits.ZoomProfilePicture},
	}
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
