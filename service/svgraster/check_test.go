package svgraster

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

const okRect = `<rect width="10" height="10" fill="red"/>`

func svgDoc(body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">` + body + `</svg>`
}

func nested(depth int) string {
	return strings.Repeat("<g>", depth) + okRect + strings.Repeat("</g>", depth)
}

// useBomb defines 8 levels of groups, each using the previous one 10 times: 10^8 shapes.
func useBomb() string {
	var b strings.Builder
	b.WriteString(`<defs><rect id="l0" width="1" height="1"/>`)
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, `<g id="l%d">`, i)
		for j := 0; j < 10; j++ {
			fmt.Fprintf(&b, `<use href="#l%d"/>`, i-1)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</defs><use href="#l8"/>`)
	return b.String()
}

func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, svg string
		want      *Problem
	}{
		{"empty", "", errEmpty},
		{"html", "<!doctype html><html><body><svg></svg></body></html>", errNotSVG},
		{"png bytes", "\x89PNG\r\n\x1a\n\x00\x00", errNotSVG},
		{"truncated", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/><g>`, errDamaged},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
			svgDoc(`<title>&b;</title>`+okRect), errEntities},
		{"external use", svgDoc(`<use xlink:href="https://example.com/logo.svg#a"/>` + okRect), errExternal},
		{"external file use", svgDoc(`<use href="other.svg#a"/>` + okRect), errExternal},
		{"external paint", svgDoc(`<rect width="10" height="10" fill="url(https://example.com/x.svg#g)"/>`), errExternal},
		{"external in style attribute", svgDoc(`<rect width="10" height="10" style="fill:url('file:///etc/passwd#g')"/>`), errExternal},
		{"css import", svgDoc(`<style>@import url("https://example.com/a.css");</style>` + okRect), errExternal},
		{"css background", svgDoc(`<style>.a{fill:url(http://example.com/p.svg#x)}</style>` + okRect), errExternal},
		{"xml stylesheet", `<?xml-stylesheet href="https://example.com/a.css"?>` + svgDoc(okRect), errExternal},
		{"live text", svgDoc(`<text x="1" y="5">ACME</text>` + okRect), errText},
		{"embedded picture", svgDoc(`<image href="data:image/png;base64,iVBORw0KGgo=" width="10" height="10"/>`), errImage},
		{"linked picture", svgDoc(`<image href="logo.png" width="10" height="10"/>`), errExternal},
		{"foreign object", svgDoc(`<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>`), errForeign},
		{"no size", `<svg xmlns="http://www.w3.org/2000/svg">` + okRect + `</svg>`, errNoSize},
		{"huge width", `<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="10">` + okRect + `</svg>`, errHuge},
		{"huge coordinates", svgDoc(`<path d="M0 0 L 99999999 0 L 0 5 Z"/>`), errHuge},
		{"huge transform", svgDoc(`<g transform="scale(1e300)">` + okRect + `</g>`), errHuge},
		{"overflowing number", svgDoc(`<rect width="1e999" height="10"/>`), errHuge},
		{"use loop", svgDoc(`<g id="a"><use href="#a"/>` + okRect + `</g>`), errLoop},
		{"use bomb", svgDoc(useBomb()), tooManyElements()},
		{"too deep", svgDoc(nested(maxDepth + 5)), tooDeep()},
		{"too many elements", svgDoc(strings.Repeat(okRect, maxElements+1)), tooManyElements()},
		{"too big", svgDoc(okRect + "<!--" + strings.Repeat("x", MaxFileBytes) + "-->"), tooBigFile(MaxFileBytes + 200)},
		{"blank", svgDoc(`<rect width="10" height="10" fill="none"/>`), errBlank},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, _, err := Rasterize([]byte(tc.svg), Box{MaxWidth: 256, MaxHeight: 256})
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("error %v (%T), want a *Problem", err, err)
			}
			if p.Reason != tc.want.Reason && !(tc.name == "too big" && strings.HasPrefix(p.Reason, "This SVG file is 5 MB")) {
				t.Errorf("reason %q, want %q", p.Reason, tc.want.Reason)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v to refuse", d)
			}
		})
	}
}

func TestAbsurdAspectRatio(t *testing.T) {
	_, err := Check([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="1">` + okRect + `</svg>`))
	var p *Problem
	if !errors.As(err, &p) || !strings.Contains(p.Reason, "20000×1") {
		t.Errorf("got %v, want a problem naming 20000×1", err)
	}
}

// Scripts and event handlers are ignored (never run), not refused: the logo still draws.
func TestScriptsAreIgnored(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">
		<script type="text/javascript"><![CDATA[ document.querySelector("rect").setAttribute("fill", "blue"); ]]></script>
		<rect width="10" height="10" fill="red" onclick="alert(2)"/></svg>`
	img, _, err := Rasterize([]byte(svg), Box{MaxWidth: 20, MaxHeight: 20})
	if err != nil {
		t.Fatal(err)
	}
	assertColor(t, "centre", img.NRGBAAt(10, 10), rgb(0xff0000), 0)
}

// A plain public DOCTYPE (Illustrator writes one) is not an entity declaration.
func TestPublicDoctypeAccepted(t *testing.T) {
	svg := `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + svgDoc(okRect)
	if _, err := Check([]byte(svg)); err != nil {
		t.Fatal(err)
	}
}

// What can't be drawn is listed in Info.Ignored; fine dashes are drawn solid.
func TestIgnoredFeatures(t *testing.T) {
	svg := svgDoc(`<defs><clipPath id="c"><circle r="3"/></clipPath><mask id="m"><rect width="5" height="5" fill="white"/></mask>
		<pattern id="p" width="2" height="2"><rect width="1" height="1"/></pattern></defs>
		<g clip-path="url(#c)" mask="url(#m)"><rect width="10" height="10" fill="red"/></g>
		<rect width="10" height="10" fill="url(#p)"/>
		<circle cx="5" cy="5" r="4" fill="none" stroke="blue" stroke-dasharray="0.00001"/>`)
	img, info, err := Rasterize([]byte(svg), Box{MaxWidth: 100, MaxHeight: 100})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"clipping paths", "dash patterns too fine to draw", "masks", "pattern fills"}
	if fmt.Sprint(info.Ignored) != fmt.Sprint(want) {
		t.Errorf("ignored %v, want %v", info.Ignored, want)
	}
	assertColor(t, "solid stroke at the top of the circle", img.NRGBAAt(50, 10), rgb(0x0000ff), 0)
	assertColor(t, "unclipped red square corner", img.NRGBAAt(1, 1), rgb(0xff0000), 0)
}

// Numbers the pre-pass lets through must still draw in bounded time: a huge stroke width
// and round joins, a long path, many dashes just under the bound.
func TestHugeStrokeCoversThePicture(t *testing.T) {
	svg := svgDoc(`<path d="M1 1 L9 9 L1 9 Z" fill="none" stroke="black" stroke-width="900000" stroke-linejoin="round"/>`)
	img, _, err := Rasterize([]byte(svg), Box{MaxWidth: 1024, MaxHeight: 1024})
	if err != nil {
		t.Fatal(err)
	}
	assertColor(t, "far corner", img.NRGBAAt(1020, 3), rgb(0), 0)
}

func TestHeavyButAllowedDrawingsFinish(t *testing.T) {
	longPath := "M0 0" + strings.Repeat(" l0.001 0.001 l0.001 -0.001", 50_000)
	for name, body := range map[string]string{
		"huge stroke":  `<path d="M1 1 L9 9 L1 9 Z" fill="none" stroke="black" stroke-width="900000" stroke-linejoin="round" stroke-linecap="round"/>`,
		"long path":    `<path d="` + longPath + `" stroke="black" stroke-width="0.5"/>`,
		"many dashes":  `<circle cx="5" cy="5" r="4" fill="none" stroke="black" stroke-dasharray="0.0003"/>`,
		"far outside":  `<rect x="-900000" y="-900000" width="990000" height="990000" fill="black" transform="rotate(3)"/>`,
		"big and tiny": `<g transform="scale(900000)"><g transform="scale(0.000001)">` + okRect + `</g></g>`,
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, _, err := Rasterize([]byte(svgDoc(body)), Box{MaxWidth: 512, MaxHeight: 512})
			var p *Problem
			if err != nil && !errors.As(err, &p) {
				t.Fatalf("error %v is not a *Problem", err)
			}
			if d := time.Since(start); d > 30*time.Second { // generous: -race on a shared machine; a blow-up takes minutes
				t.Errorf("took %v", d)
			}
			t.Logf("%v in %v", err, time.Since(start))
		})
	}
}

// Many shapes are fine while each is small; many picture-sized shapes run out of the
// drawing budget and are refused instead of taking minutes.
func TestDrawingBudget(t *testing.T) {
	box := Box{MaxWidth: 64, MaxHeight: 64}
	small := strings.Repeat(`<rect x="1" y="1" width="0.5" height="0.5" fill="red"/>`, 2000)
	if _, _, err := Rasterize([]byte(svgDoc(small)), box); err != nil {
		t.Fatalf("2000 small shapes: %v", err)
	}
	big := strings.Repeat(`<rect width="10" height="10" fill="red"/>`, workPerPixel+10)
	if _, _, err := Rasterize([]byte(svgDoc(big)), box); err != errTooComplex {
		t.Fatalf("%d picture-sized shapes: %v, want %v", workPerPixel+10, err, errTooComplex)
	}
	fewer := strings.Repeat(`<rect width="10" height="10" fill="red"/>`, workPerPixel-10)
	if _, _, err := Rasterize([]byte(svgDoc(fewer)), box); err != nil {
		t.Fatalf("%d picture-sized shapes: %v", workPerPixel-10, err)
	}
}
