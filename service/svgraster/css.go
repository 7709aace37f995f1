package svgraster

import (
	"regexp"
	"strings"
)

// cssRule is one rule of a <style> sheet with a simple selector: tag, .class, #id,
// tag.class or *. Rules with other selectors are left out (design tools write class rules).
type cssRule struct {
	tag, id, class string
	decls          map[string]string
}

var (
	cssComment  = regexp.MustCompile(`(?s)/\*.*?\*/`)
	simpleCSSel = regexp.MustCompile(`^(\*|[A-Za-z][\w-]*)?(?:([.#])([\w-]+))?$`)
)

// parseCSS reads the rules of a style sheet; @-rules (media queries, fonts) are skipped.
func parseCSS(text string) []cssRule {
	text = cssComment.ReplaceAllString(text, "")
	var rules []cssRule
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			return rules
		}
		sel := strings.TrimSpace(text[:open])
		end := matchingBrace(text, open)
		body := text[open+1 : end]
		if end < len(text) {
			end++
		}
		text = text[end:]
		if strings.HasPrefix(sel, "@") {
			continue
		}
		decls := parseDeclarations(body)
		for _, s := range strings.Split(sel, ",") {
			m := simpleCSSel.FindStringSubmatch(strings.TrimSpace(s))
			if m == nil || strings.TrimSpace(s) == "" {
				continue
			}
			r := cssRule{tag: m[1], decls: decls}
			if m[2] == "." {
				r.class = m[3]
			} else if m[2] == "#" {
				r.id = m[3]
			}
			rules = append(rules, r)
		}
	}
}

// matchingBrace returns the index of the '}' closing the '{' at open, or len(s).
func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

func (r cssRule) matches(n *node) bool {
	if r.tag != "" && r.tag != "*" && r.tag != n.name {
		return false
	}
	if r.id != "" && r.id != n.attrs["id"] {
		return false
	}
	if r.class != "" {
		for _, c := range strings.Fields(n.attrs["class"]) {
			if c == r.class {
				return true
			}
		}
		return false
	}
	return true
}
