package svgraster

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// sniffBytes is how much of the file IsSVG reads: enough for an XML declaration,
// a DOCTYPE and the long comments some editors write before the root element.
const sniffBytes = 64 << 10

// IsSVG reports whether data is an SVG document, from its bytes (never its name): after an
// optional byte-order mark, an XML declaration, comments, processing instructions and a
// DOCTYPE, the first element must be <svg>. It reads at most the first 64 KB.
func IsSVG(data []byte) bool {
	head := data
	if len(head) > sniffBytes {
		head = head[:sniffBytes]
	}
	text, err := toUTF8(head)
	if err != nil {
		return false
	}
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '<' {
		return false
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = false // a cut at 64 KB or an unknown entity must not hide the root element
	d.CharsetReader = passThroughCharset
	for i := 0; i < 1000; i++ {
		tok, err := d.RawToken()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local == "svg"
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
	return false
}

// passThroughCharset accepts any declared encoding: toUTF8 has already turned the bytes into UTF-8.
func passThroughCharset(_ string, r io.Reader) (io.Reader, error) { return r, nil }

// isSVGNamespace is true for the SVG namespace or none (many hand-written files omit it).
func isSVGNamespace(space string) bool {
	return space == "" || strings.HasPrefix(space, "http://www.w3.org/2000/svg")
}
