package svgraster

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestIsSVG(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(`<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"/>`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data string
		want bool
	}{
		{"bare root", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`, true},
		{"no namespace", `<svg width="10" height="10"></svg>`, true},
		{"prefixed root", `<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>`, true},
		{"utf-8 bom and declaration", "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg/>", true},
		{"utf-16 with bom", utf16, true},
		{"comments and doctype first", "<?xml version=\"1.0\"?>\n<!-- Generator: Adobe Illustrator 27.0 -->\n" +
			`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n<svg/>", true},
		{"long comment before root", "<!--" + strings.Repeat("licence text ", 3000) + "--><svg/>", true},
		{"leading blank lines", "\n\n   <svg/>", true},
		{"html page with an svg", `<!DOCTYPE html><html><body><svg/></body></html>`, false},
		{"other xml", `<?xml version="1.0"?><rss version="2.0"/>`, false},
		{"text mentioning svg", `this is not <svg/>`, false},
		{"svg-like element name", `<svgfoo/>`, false},
		{"png", "\x89PNG\r\n\x1a\n", false},
		{"empty", "", false},
	} {
		if got := IsSVG([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: IsSVG = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// The sniffer decides from the bytes alone: a truncated file still sniffs as SVG
// (and Check then says it is damaged).
func TestSniffThenCheckTruncated(t *testing.T) {
	data := readTestdata(t, "gradient-badge.svg")
	cut := data[:len(data)/2]
	if !IsSVG(cut) {
		t.Fatal("half an SVG file should still sniff as SVG")
	}
	if _, err := Check(cut); err != errDamaged {
		t.Errorf("Check(half a file) = %v, want %v", err, errDamaged)
	}
}
