// Package quietlocale keeps Fyne from printing "Fyne error: Error parsing user
// locale C" (three lines, before anything else) under LANG=C.UTF-8 and the like.
//
// Fyne's lang package reads the locale in its package init, through
// github.com/jeandeaual/go-locale: the first of LC_ALL, LC_MESSAGES and LANG,
// and LANGUAGE instead when that locale is not exactly "C" or "POSIX". A value
// such as "C.UTF-8" becomes the language "C", which golang.org/x/text cannot
// parse, and Fyne logs that through the standard log package, from init, before
// main can change anything. The window falls back to English either way.
//
// The init here runs before Fyne's: Go initialises, among the packages whose
// imports are done, the one with the smallest import path first. This package
// imports only os, while Fyne's lang imports text/template, whose path sorts
// after "logodesk/…"; so once os is ready this package is picked before
// text/template, and therefore before lang. main imports it for its init;
// gui's tests check the order by running the built binary.
package quietlocale

import "os"

func init() {
	if v := Fix(os.Getenv); v != "" {
		os.Setenv("LANGUAGE", v)
	}
}

// Fix returns the LANGUAGE value that makes the locale readable for Fyne ("en"),
// or "" when the environment getenv describes needs no change.
func Fix(getenv func(string) string) string {
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(name); locale != "" {
			break
		}
	}
	if locale == "" || locale == "C" || locale == "POSIX" {
		return "" // go-locale reports no locale at all: English, quietly
	}
	if languages := getenv("LANGUAGE"); languages != "" {
		if allReadable(languages) {
			return ""
		}
		return "en"
	}
	if allReadable(locale) {
		return ""
	}
	return "en"
}

// allReadable reports whether every colon-separated entry starts with a
// language code x/text accepts (2 to 8 letters, not C or POSIX), as go-locale
// splits it: up to '.', '_' or '-'.
func allReadable(list string) bool {
	start := 0
	for i := 0; i <= len(list); i++ {
		if i == len(list) || list[i] == ':' {
			if !readable(list[start:i]) {
				return false
			}
			start = i + 1
		}
	}
	return true
}

func readable(entry string) bool {
	n := 0
	for n < len(entry) && entry[n] != '.' && entry[n] != '_' && entry[n] != '-' {
		c := entry[n] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			return false
		}
		n++
	}
	lang := entry[:n]
	return n >= 2 && n <= 8 && lang != "C" && lang != "POSIX" && lang != "posix"
}
