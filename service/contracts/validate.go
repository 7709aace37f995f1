package contracts

import (
	"net/url"
	"strings"
	"unicode"
)

// FieldError is a value the form should not send, said in one plain sentence.
type FieldError struct {
	Field  string // "country", "website", "phone", "name"
	Reason string
}

func (e *FieldError) Error() string { return e.Reason }

// isoCountries lists the ISO 3166-1 alpha-2 codes.
const isoCountries = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
	"UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"

// ValidateCountry accepts an ISO 3166 two-letter country code (any case) or nothing.
func ValidateCountry(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if len(s) == 2 && strings.Contains(isoCountries, strings.ToUpper(s)) && isLetters(s) {
		return nil
	}
	return &FieldError{Field: "country", Reason: "Enter the country as its two-letter code, such as US, DE or IN."}
}

func isLetters(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// ValidateWebsite accepts an http(s) address with a real host name, or nothing.
func ValidateWebsite(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	bad := &FieldError{Field: "website", Reason: "Enter a web address such as https://www.example.com."}
	if strings.ContainsAny(s, " \t") {
		return bad
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return bad
	}
	host := u.Hostname()
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return bad
	}
	return nil
}

// ValidatePhone accepts digits with the usual separators (+ - ( ) . and spaces),
// 5 to 20 digits in all, or nothing.
func ValidatePhone(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')', r == '.':
		default:
			return &FieldError{Field: "phone", Reason: "Use only digits, spaces and + - ( ) in the phone number, such as +1 415 555 0100."}
		}
	}
	if digits < 5 || digits > 20 {
		return &FieldError{Field: "phone", Reason: "A phone number has between 5 and 20 digits."}
	}
	return nil
}
