package svgraster

import (
	"bytes"
	"regexp"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte("\xEF\xBB\xBF")
	bomUTF16LE = []byte("\xFF\xFE")
	bomUTF16BE = []byte("\xFE\xFF")
	// declaredEncoding finds encoding="…" in an XML declaration at the very start.
	declaredEncoding = regexp.MustCompile(`^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)
)

// toUTF8 returns data as UTF-8 without a byte-order mark: UTF-16 files (with a BOM) and
// files whose XML declaration names another encoding (e.g. ISO-8859-1) are converted.
func toUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return data[len(bomUTF8):], nil
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		if len(data)%2 == 1 { // a file cut in the middle of a character: drop the half
			data = data[:len(data)-1]
		}
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
	}
	m := declaredEncoding.FindSubmatch(data[:min(len(data), 256)])
	if m == nil {
		return data, nil
	}
	enc, name := charset.Lookup(string(m[1]))
	if enc == nil || name == "utf-8" {
		return data, nil
	}
	return enc.NewDecoder().Bytes(data)
}
