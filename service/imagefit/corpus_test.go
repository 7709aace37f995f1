package imagefit

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFuzzCorpus rewrites the committed seed corpus (testdata/fuzz/...) from the
// generated seeds plus truncations of them. Run with IMAGEFIT_WRITE_FUZZ_CORPUS=1.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("IMAGEFIT_WRITE_FUZZ_CORPUS") == "" {
		t.Skip("set IMAGEFIT_WRITE_FUZZ_CORPUS=1 to rewrite testdata/fuzz")
	}
	jpg := encJPEG(t, photo(48, 32), 80)
	png := encPNG(t, photoAlpha(24, 24))
	gif := encGIF(t, photo(20, 10))
	seeds := [][]byte{jpg, png, gif, encBMP(t, photo(9, 7)), pngHeader(20000, 20000), pngHeader(1200, 900)}
	for _, s := range [][]byte{jpg, png, gif} {
		for _, cut := range []int{3, 30, len(s) / 3, len(s) - 1} {
			seeds = append(seeds, s[:cut])
		}
	}
	for _, target := range []string{"FuzzCheck", "FuzzFit"} {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, s := range seeds {
			name := fmt.Sprintf("%x", sha256.Sum256(s))[:16]
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
