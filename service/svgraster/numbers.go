package svgraster

import (
	"math"
	"strconv"
	"strings"
)

// scanNumbers calls f with every number in s (SVG number syntax: "10-5.5e2.3" is 10, -550, .3).
// It stops early when f returns false, and returns false if it did.
func scanNumbers(s string, f func(float64) bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' {
			i++
			continue
		}
		j := i
		if s[j] == '-' || s[j] == '+' {
			j++
		}
		digits, dot := 0, false
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' && !dot) {
			if s[j] == '.' {
				dot = true
			} else {
				digits++
			}
			j++
		}
		if digits == 0 { // a lone sign or dot
			i = max(j, i+1)
			continue
		}
		if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
			k := j + 1
			if k < len(s) && (s[k] == '-' || s[k] == '+') {
				k++
			}
			if k < len(s) && s[k] >= '0' && s[k] <= '9' {
				for k < len(s) && s[k] >= '0' && s[k] <= '9' {
					k++
				}
				j = k
			}
		}
		v, err := strconv.ParseFloat(s[i:j], 64)
		if err != nil {
			v = math.Inf(1) // out of range: far too large
		}
		if !f(v) {
			return false
		}
		i = j
	}
	return true
}

// numbersWithin reports whether every number in s is finite and at most limit in size.
func numbersWithin(s string, limit float64) bool {
	return scanNumbers(s, func(v float64) bool { return math.Abs(v) <= limit })
}

// numberList returns the numbers in s, or ok=false when s holds anything but numbers,
// commas and spaces.
func numberList(s string) (out []float64, ok bool) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

// pxPerUnit converts CSS absolute units (and em/ex at the 16 px default font size) to px.
var pxPerUnit = map[string]float64{
	"": 1, "px": 1, "pt": 96.0 / 72, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4,
	"q": 96 / 101.6, "em": 16, "rem": 16, "ex": 8,
}

// parseLength reads an SVG length in px; a percentage is of ref.
func parseLength(s string, ref float64) (float64, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	unit := strings.TrimLeft(s, "0123456789.+-e")
	// "1e2" is a number while "1em" is a unit: give back an 'e' that starts a unit.
	if strings.HasPrefix(unit, "m") || strings.HasPrefix(unit, "x") {
		if strings.HasSuffix(s[:len(s)-len(unit)], "e") {
			unit = "e" + unit
		}
	}
	num := s[:len(s)-len(unit)]
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	if unit == "%" {
		return v * ref / 100, true
	}
	k, ok := pxPerUnit[unit]
	return v * k, ok
}

// parseNumberOrPercent reads "0.5" or "50%" as 0.5 (opacities, stop offsets).
func parseNumberOrPercent(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	div := 1.0
	if strings.HasSuffix(s, "%") {
		s, div = strings.TrimSuffix(s, "%"), 100
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v / div, true
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// num writes a number for the normalised document: plain decimals, because oksvg's
// number reader splits "1e+06" in two. Products of nested transforms are kept finite.
func num(v float64) string {
	switch {
	case math.IsNaN(v), math.Abs(v) < 1e-12:
		return "0"
	case math.Abs(v) > 1e12:
		v = math.Copysign(1e12, v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
