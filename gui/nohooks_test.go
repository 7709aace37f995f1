package gui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoPackageStateForTests: production code carries no package-level switch
// that tests flip (as a test-only lock once was); tests inject what they need
// through newUI. The package-level variables allowed are constants in all but name.
func TestNoPackageStateForTests(t *testing.T) {
	allowed := map[string]bool{"bannerText": true, "bannerBack": true, "ErrNoDisplay": true, "iconPNG": true, "Icon": true, "processStart": true, "errPickerCancelled": true, "imageExtensions": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					if n.Name != "_" && !allowed[n.Name] {
						t.Errorf("%s: package-level variable %s; give the UI what it needs through newUI or Env instead", fset.Position(n.Pos()), n.Name)
					}
				}
			}
		}
	}
}
