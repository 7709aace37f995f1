package svgraster

import (
	"fmt"
	"math"
	"strconv"

	"logodesk/service/limits"
)

// Problem is an SVG file LogoDesk won't draw. Reason is one plain sentence for an admin,
// worded like imagefit's problems so the caller can show it as it is.
type Problem struct {
	Reason string
}

func (p *Problem) Error() string { return p.Reason }

func problem(format string, args ...any) *Problem {
	return &Problem{Reason: fmt.Sprintf(format, args...)}
}

const exportPNG = "Export the logo as PNG and try again."

var (
	errEmpty      = &Problem{Reason: "This file is empty."}
	errNotSVG     = &Problem{Reason: "This file isn't an SVG drawing."}
	errDamaged    = &Problem{Reason: "This SVG file is damaged and can't be opened. " + exportPNG}
	errEntities   = &Problem{Reason: "This SVG declares its own entities (a DOCTYPE with definitions), which LogoDesk refuses for safety. " + exportPNG}
	errExternal   = &Problem{Reason: "This SVG refers to another file or a web address, which LogoDesk doesn't fetch. Embed everything in the SVG, or export the logo as PNG."}
	errText       = &Problem{Reason: "This SVG contains live text, which LogoDesk can't draw in the right font. Convert the text to outlines in your design tool, or export the logo as PNG."}
	errImage      = &Problem{Reason: "This SVG contains an embedded picture, which LogoDesk can't draw. " + exportPNG}
	errForeign    = &Problem{Reason: "This SVG contains web content (foreignObject), which LogoDesk can't draw. " + exportPNG}
	errNoSize     = &Problem{Reason: "This SVG doesn't say how big it is (it has no width, height or viewBox). Export it again with a viewBox, or as PNG."}
	errHuge       = &Problem{Reason: "This SVG uses numbers far too large for a logo, so LogoDesk won't draw it. " + exportPNG}
	errLoop       = &Problem{Reason: "This SVG has shapes that refer to each other in a loop, so it can't be drawn. " + exportPNG}
	errFineDash   = &Problem{Reason: "This SVG has dashed lines with dashes too fine to draw in reasonable time. " + exportPNG}
	errTooComplex = &Problem{Reason: "This SVG is too complex to draw in reasonable time. " + exportPNG}
	errCrash      = &Problem{Reason: "LogoDesk couldn't draw this SVG. " + exportPNG}
	errBlank      = &Problem{Reason: "LogoDesk drew this SVG as an empty picture; it may use features LogoDesk can't draw. " + exportPNG}
)

func tooBigFile(size int) *Problem {
	return problem("This SVG file is %s, too large for a logo (the most is %s).",
		limits.HumanBytes(int64(size)), limits.HumanBytes(MaxFileBytes))
}

func tooDeep() *Problem {
	return problem("This SVG is nested more than %d levels deep, which LogoDesk refuses for safety. %s", maxDepth, exportPNG)
}

func tooManyElements() *Problem {
	return problem("This SVG has more than %d elements, too many for a logo. %s", maxElements, exportPNG)
}

func absurdSize(w, h float64) *Problem {
	round := func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
	return problem("This SVG says it is %s×%s pixels, which isn't a sensible size for a logo. %s", round(w), round(h), exportPNG)
}
