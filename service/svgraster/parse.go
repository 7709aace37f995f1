package svgraster

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// Bounds of the pre-pass. Real logos stay far below each of them.
const (
	// MaxFileBytes is the largest SVG file accepted (logos are a few KB to a few hundred KB).
	MaxFileBytes = 5 << 20
	maxDepth     = 64
	maxElements  = 20_000
	// maxNumber bounds every coordinate, length and transform number in the file:
	// design tools write logos in units of at most tens of thousands.
	maxNumber = 1e6
)

// node is one SVG element kept by the pre-pass: local name, presentation attributes,
// inline style declarations, children, and the text of <style> elements.
type node struct {
	name     string
	attrs    map[string]string
	style    map[string]string
	children []*node
	text     []byte
}

func (n *node) attr(k string) string { return n.attrs[k] }

// document is the result of the bounded pre-pass.
type document struct {
	root     *node
	elements int
}

// numericAttrs are checked against maxNumber: the ones whose numbers reach the rasteriser.
var numericAttrs = map[string]bool{
	"d": true, "points": true, "viewBox": true, "transform": true, "gradientTransform": true,
	"x": true, "y": true, "width": true, "height": true, "r": true, "rx": true, "ry": true,
	"cx": true, "cy": true, "fx": true, "fy": true, "x1": true, "y1": true, "x2": true, "y2": true,
	"stroke-width": true, "stroke-dasharray": true, "stroke-dashoffset": true, "stroke-miterlimit": true,
}

// refusedElements are elements whose content LogoDesk can't draw; leaving them out would
// upload a logo with a missing wordmark or picture, so the file is refused instead.
var refusedElements = map[string]*Problem{
	"text": errText, "textPath": errText, "tspan": errText,
	"image": errImage, "foreignObject": errForeign,
}

// skippedSubtrees are never drawn and never looked into: scripts are ignored (never run),
// metadata holds editor and licence data.
var skippedSubtrees = map[string]bool{"script": true, "metadata": true, "title": true, "desc": true}

// parse reads data with encoding/xml under the bounds above and refuses what LogoDesk
// won't draw. Errors are *Problem.
func parse(data []byte) (*document, error) {
	if len(data) == 0 {
		return nil, errEmpty
	}
	if len(data) > MaxFileBytes {
		return nil, tooBigFile(len(data))
	}
	text, err := toUTF8(data)
	if err != nil {
		return nil, errDamaged
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = true // unknown entities are errors: nothing is ever expanded
	d.CharsetReader = passThroughCharset
	doc := &document{}
	var stack []*node
	skipDepth := 0 // >0 while inside a subtree that is skipped
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errDamaged
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			doc.elements++
			if depth > maxDepth {
				return nil, tooDeep()
			}
			if doc.elements > maxElements {
				return nil, tooManyElements()
			}
			if doc.root == nil && (t.Name.Local != "svg" || !isSVGNamespace(t.Name.Space)) {
				return nil, errNotSVG
			}
			if skipDepth > 0 {
				skipDepth++
				continue
			}
			if !isSVGNamespace(t.Name.Space) || skippedSubtrees[t.Name.Local] {
				skipDepth = 1 // editor data (Inkscape, Illustrator, RDF) or a script
				continue
			}
			n, err := newNode(t) // first: an <image> of a web address is an external reference
			if err != nil {
				return nil, err
			}
			if p := refusedElements[t.Name.Local]; p != nil {
				return nil, p
			}
			if len(stack) == 0 {
				if doc.root != nil {
					return nil, errDamaged
				}
				doc.root = n
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			depth--
			if skipDepth > 0 {
				skipDepth--
				continue
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skipDepth == 0 && len(stack) > 0 && stack[len(stack)-1].name == "style" {
				top := stack[len(stack)-1]
				top.text = append(top.text, t...)
			}
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) || bytes.ContainsRune(t, '[') {
				return nil, errEntities
			}
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" {
				return nil, errExternal
			}
		}
	}
	if doc.root == nil {
		return nil, errNotSVG
	}
	for _, n := range styleNodes(doc.root) {
		css := strings.ToLower(string(n.text))
		if strings.Contains(css, "@import") || hasExternalURL(css) {
			return nil, errExternal
		}
	}
	return doc, nil
}

// newNode keeps an element's SVG attributes (and href from any namespace), splits its
// style attribute, and refuses external references and absurd numbers.
func newNode(t xml.StartElement) (*node, error) {
	n := &node{name: t.Name.Local, attrs: make(map[string]string, len(t.Attr))}
	for _, a := range t.Attr {
		k, v := a.Name.Local, a.Value
		switch {
		case k == "href":
			v = strings.TrimSpace(v)
			// <a href> is a hyperlink: nothing is loaded, so it is kept as a plain group.
			if n.name != "a" && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:") {
				return nil, errExternal
			}
		case a.Name.Space != "" || k == "xmlns":
			continue // namespaced editor attributes (inkscape:label, xml:space…)
		case k == "style":
			n.style = parseDeclarations(v)
			continue
		}
		n.attrs[k] = v
	}
	for _, m := range []map[string]string{n.attrs, n.style} {
		for k, v := range m {
			if hasExternalURL(v) {
				return nil, errExternal
			}
			if numericAttrs[k] && !numbersWithin(v, maxNumber) {
				return nil, errHuge
			}
		}
	}
	return n, nil
}

// parseDeclarations splits "a: b; c: d" into a map (later declarations win).
func parseDeclarations(s string) map[string]string {
	m := map[string]string{}
	for _, decl := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(decl, ":")
		k, v = strings.TrimSpace(strings.ToLower(k)), strings.TrimSpace(v)
		if ok && k != "" && v != "" {
			m[k] = strings.TrimSpace(strings.TrimSuffix(v, "!important"))
		}
	}
	return m
}

// hasExternalURL reports whether s has a url(…) that isn't a local #id or a data: URL.
func hasExternalURL(s string) bool {
	for {
		i := strings.Index(s, "url(")
		if i < 0 {
			return false
		}
		s = strings.TrimLeft(s[i+4:], " \t\r\n'\"")
		if !strings.HasPrefix(s, "#") && !strings.HasPrefix(s, "data:") {
			return true
		}
	}
}

// styleNodes lists the <style> elements under n.
func styleNodes(n *node) []*node {
	var out []*node
	var walk func(*node)
	walk = func(n *node) {
		if n.name == "style" {
			out = append(out, n)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return out
}
