package gui

import (
	"os"
	"strings"
	"testing"
)

// TestMakeTestRunsRaceAndInstallerTag: `make test` (what CI runs) runs every
// test with the race detector, and the GUI's also with the build tag that
// installers use (migrated_fynedo changes Fyne's threading code).
func TestMakeTestRunsRaceAndInstallerTag(t *testing.T) {
	data, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var recipe []string
	in := false
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "test:"):
			in = true
		case in && strings.HasPrefix(line, "\t"):
			recipe = append(recipe, line)
		case in:
			in = false
		}
	}
	var all, tagged bool
	for _, l := range recipe {
		if strings.Contains(l, "test ") && strings.Contains(l, "-race") && strings.HasSuffix(strings.TrimSpace(l), "./...") {
			all = true
		}
		if strings.Contains(l, "-race") && strings.Contains(l, "-tags migrated_fynedo") && strings.Contains(l, "./gui/") {
			tagged = true
		}
	}
	if !all || !tagged {
		t.Fatalf("make test must run `go test -race … ./...` (%v) and `go test -race -tags migrated_fynedo … ./gui/...` (%v); recipe:\n%s",
			all, tagged, strings.Join(recipe, "\n"))
	}
}
