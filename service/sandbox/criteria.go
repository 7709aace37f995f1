package sandbox

import (
	"errors"
	"fmt"
	"strings"
)

// criteria is a parsed Bigin search criteria: ((Field:op:value)and|or(...)).
// Operators: equals, not_equal, starts_with, in (comma-separated values).
// Values compare case-insensitively; "\(" "\)" "\," escape those characters.
type criteria struct {
	field, op, value string      // a leaf
	and              bool        // a group: and (true) or or (false) of subs
	subs             []*criteria // nil for a leaf
}

func parseCriteria(s string) (*criteria, error) {
	p := &critParser{s: strings.TrimSpace(s)}
	c, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.i != len(p.s) {
		return nil, fmt.Errorf("unexpected text after position %d", p.i)
	}
	return c, nil
}

type critParser struct {
	s string
	i int
}

// expr parses "(" (leaf | expr {("and"|"or") expr}) ")".
func (p *critParser) expr() (*criteria, error) {
	if p.i >= len(p.s) || p.s[p.i] != '(' {
		return nil, errors.New("criteria must be enclosed in parentheses")
	}
	p.i++
	if p.i < len(p.s) && p.s[p.i] == '(' {
		first, err := p.expr()
		if err != nil {
			return nil, err
		}
		g := &criteria{subs: []*criteria{first}}
		opSeen := ""
		for p.i < len(p.s) && p.s[p.i] != ')' {
			var op string
			switch {
			case strings.HasPrefix(strings.ToLower(p.s[p.i:]), "and"):
				op = "and"
			case strings.HasPrefix(strings.ToLower(p.s[p.i:]), "or"):
				op = "or"
			default:
				return nil, fmt.Errorf("expected and/or at position %d", p.i)
			}
			if opSeen != "" && opSeen != op {
				return nil, errors.New("mixing and/or needs parentheses")
			}
			opSeen = op
			p.i += len(op)
			next, err := p.expr()
			if err != nil {
				return nil, err
			}
			g.subs = append(g.subs, next)
		}
		if p.i >= len(p.s) {
			return nil, errors.New("unbalanced parentheses")
		}
		p.i++
		if len(g.subs) == 1 {
			return first, nil
		}
		g.and = opSeen == "and"
		return g, nil
	}
	// leaf: up to the first unescaped ')'
	var b strings.Builder
	for p.i < len(p.s) && p.s[p.i] != ')' {
		if p.s[p.i] == '\\' && p.i+1 < len(p.s) {
			p.i++
		}
		b.WriteByte(p.s[p.i])
		p.i++
	}
	if p.i >= len(p.s) {
		return nil, errors.New("unbalanced parentheses")
	}
	p.i++
	parts := strings.SplitN(b.String(), ":", 3)
	if len(parts) != 3 || parts[0] == "" {
		return nil, errors.New("a condition must be Field:operator:value")
	}
	op := strings.ToLower(parts[1])
	switch op {
	case "equals", "not_equal", "starts_with", "in":
	default:
		return nil, fmt.Errorf("invalid operator found: %s", parts[1])
	}
	return &criteria{field: parts[0], op: op, value: parts[2]}, nil
}

func (c *criteria) match(rec *biginRecord) bool {
	if c.subs != nil {
		for _, sub := range c.subs {
			if sub.match(rec) == !c.and {
				return !c.and
			}
		}
		return c.and
	}
	v, _ := rec.value(c.field)
	text, _ := searchText(v)
	text = strings.ToLower(text)
	want := strings.ToLower(c.value)
	switch c.op {
	case "equals":
		return text == want
	case "not_equal":
		return text != want
	case "starts_with":
		return strings.HasPrefix(text, want)
	case "in":
		for _, w := range strings.Split(want, ",") {
			if text == strings.TrimSpace(w) {
				return true
			}
		}
	}
	return false
}
