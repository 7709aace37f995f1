package bulkzoom

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MapEntry is one line of a CSV map: this user gets this file.
type MapEntry struct {
	Line  int    // line number in the CSV file, from 1
	Email string // as written, trimmed
	File  string // as written, trimmed: a name in the folder or a path
}

// maxMapBytes bounds what ParseMap reads: a map of a hundred thousand users
// is a few megabytes.
const maxMapBytes = 16 << 20

// ParseMap reads "email,file" lines. A header line is optional (a first line
// whose e-mail column holds no @ is taken for one; if it names "file" and
// "email" columns, their order is followed). Semicolons are accepted as the
// separator, as spreadsheet programs write in many countries. Lines it cannot
// use are skipped and described in problems, one plain sentence each.
func ParseMap(r io.Reader) (entries []MapEntry, problems []string) {
	data, err := io.ReadAll(io.LimitReader(r, maxMapBytes+1))
	if err != nil {
		return nil, []string{"LogoDesk couldn't read the CSV file."}
	}
	if len(data) > maxMapBytes {
		return nil, []string{"The CSV file is too large to be a list of users and files."}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // the byte-order mark spreadsheets add
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Contains(first, []byte(";")) && !bytes.Contains(first, []byte(",")) {
		cr.Comma = ';'
	}
	emailCol, fileCol := 0, 1
	seen := map[string]int{} // lower-case e-mail → line
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return entries, problems
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			problems = append(problems, fmt.Sprintf("Line %d of the CSV file can't be read; it was skipped.", pe.StartLine))
			continue
		}
		if err != nil {
			return entries, append(problems, "LogoDesk couldn't read the rest of the CSV file.")
		}
		if blank(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		if first && !strings.Contains(field(rec, emailCol), "@") {
			emailCol, fileCol = headerColumns(rec)
			continue
		}
		email, file := field(rec, emailCol), field(rec, fileCol)
		switch {
		case !strings.Contains(email, "@"):
			problems = append(problems, fmt.Sprintf("Line %d of the CSV file has no e-mail address in its first column; it was skipped.", line))
		case file == "":
			problems = append(problems, fmt.Sprintf("Line %d of the CSV file names no file for %s; it was skipped.", line, email))
		case seen[strings.ToLower(email)] != 0:
			problems = append(problems, fmt.Sprintf("Line %d of the CSV file gives %s a second file (the first is on line %d); it was skipped.",
				line, email, seen[strings.ToLower(email)]))
		default:
			seen[strings.ToLower(email)] = line
			entries = append(entries, MapEntry{Line: line, Email: email, File: file})
		}
	}
}

func field(rec []string, i int) string {
	if i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// headerColumns finds the e-mail and file columns a header names; without
// recognisable names the order is e-mail, then file.
func headerColumns(rec []string) (emailCol, fileCol int) {
	emailCol, fileCol = -1, -1
	for i, h := range rec {
		switch h = strings.ToLower(strings.TrimSpace(h)); {
		case emailCol < 0 && strings.Contains(strings.ReplaceAll(h, "-", ""), "email"):
			emailCol = i
		case fileCol < 0 && (strings.Contains(h, "file") || strings.Contains(h, "picture") || strings.Contains(h, "photo")):
			fileCol = i
		}
	}
	if emailCol < 0 || fileCol < 0 || emailCol == fileCol {
		return 0, 1
	}
	return emailCol, fileCol
}
