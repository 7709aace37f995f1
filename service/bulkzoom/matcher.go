package bulkzoom

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"logodesk/service/zoom"
)

// matcher finds users by e-mail address and by the part before the @.
type matcher struct {
	byEmail map[string]zoom.User   // lower-case e-mail
	byLocal map[string][]zoom.User // lower-case part before the @
	decided map[string]bool        // user ids the CSV map settled
	chosen  map[string][]candidate // user id → files guessed for them
}

type candidate struct {
	file string
	by   MatchedBy
}

func newMatcher(users []zoom.User) *matcher {
	m := &matcher{byEmail: map[string]zoom.User{}, byLocal: map[string][]zoom.User{}, decided: map[string]bool{}, chosen: map[string][]candidate{}}
	for _, u := range users {
		email := strings.ToLower(strings.TrimSpace(u.Email))
		if email == "" {
			continue
		}
		m.byEmail[email] = u
		local, _, _ := strings.Cut(email, "@")
		m.byLocal[local] = append(m.byLocal[local], u)
	}
	return m
}

// applyMap turns CSV lines into rows; their users and files are then settled.
func (m *matcher) applyMap(p *Plan, folder string, entries []MapEntry) {
	for _, e := range entries {
		file := e.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(folder, file)
		}
		u, ok := m.byEmail[strings.ToLower(e.Email)]
		switch st, err := os.Stat(file); {
		case !ok:
			p.NoUser = append(p.NoUser, FileIssue{File: file,
				Reason: fmt.Sprintf("Line %d of the CSV file names %s, but no active Zoom user has that e-mail address.", e.Line, e.Email)})
		case err != nil || !st.Mode().IsRegular():
			p.CSVProblems = append(p.CSVProblems, fmt.Sprintf("Line %d of the CSV file names %s for %s, but there is no such file; %s was left alone.",
				e.Line, e.File, e.Email, e.Email))
			m.decided[u.ID] = true
		default:
			p.Rows = append(p.Rows, Row{User: u, File: file, By: ByCSV})
			m.decided[u.ID] = true
		}
	}
}

// guess matches the files the CSV map did not settle, by their names.
func (m *matcher) guess(p *Plan, files []string) {
	inMap := map[string]bool{}
	for _, r := range p.Rows {
		inMap[r.File] = true
	}
	for _, file := range files {
		if inMap[file] {
			continue
		}
		name := strings.ToLower(filepath.Base(file))
		stem := strings.TrimSuffix(name, filepath.Ext(name))
		var found []zoom.User
		by := ByEmail
		switch {
		case strings.Contains(name, "@"):
			// "ava@zylker.com.jpg", or "ava@zylker.com" with no extension at all.
			for _, key := range []string{stem, name} {
				if u, ok := m.byEmail[key]; ok && found == nil {
					found = []zoom.User{u}
				}
			}
		default:
			found, by = m.byLocal[stem], ByName
		}
		switch {
		case len(found) == 0 && by == ByEmail:
			p.NoUser = append(p.NoUser, FileIssue{File: file, Reason: "No active Zoom user has this e-mail address."})
		case len(found) == 0:
			p.NoUser = append(p.NoUser, FileIssue{File: file, Reason: "No active Zoom user's e-mail address starts with this name."})
		case len(found) > 1:
			p.SeveralUsers = append(p.SeveralUsers, FileIssue{File: file, Users: found,
				Reason: fmt.Sprintf("%d users' e-mail addresses start with this name (%s); name the file after the whole address.", len(found), emails(found))})
		case m.decided[found[0].ID]:
			p.NotUsed = append(p.NotUsed, FileIssue{File: file, Users: found,
				Reason: fmt.Sprintf("The CSV file gives %s another picture.", found[0].Email)})
		default:
			m.chosen[found[0].ID] = append(m.chosen[found[0].ID], candidate{file, by})
		}
	}
	users := map[string]zoom.User{}
	for _, u := range m.byEmail {
		users[u.ID] = u
	}
	for id, cands := range m.chosen {
		m.pick(p, users[id], cands)
	}
}

// pick settles a user several files were guessed for: a file named after the
// whole e-mail address beats one named after the part before the @; two
// equally good files leave the user alone, as LogoDesk can't tell which is meant.
func (m *matcher) pick(p *Plan, u zoom.User, cands []candidate) {
	best := cands[:0:0]
	for _, c := range cands {
		if len(best) == 0 || c.by < best[0].by {
			best = []candidate{c}
		} else if c.by == best[0].by {
			best = append(best, c)
		}
	}
	if len(best) == 1 {
		p.Rows = append(p.Rows, Row{User: u, File: best[0].file, By: best[0].by})
		for _, c := range cands {
			if c.file != best[0].file {
				p.NotUsed = append(p.NotUsed, FileIssue{File: c.file, Users: []zoom.User{u},
					Reason: fmt.Sprintf("%s is used for %s instead, as it is named after the whole e-mail address.", filepath.Base(best[0].file), u.Email)})
			}
		}
		return
	}
	names := make([]string, len(best))
	for i, c := range best {
		names[i] = filepath.Base(c.file)
	}
	for _, c := range cands {
		p.NotUsed = append(p.NotUsed, FileIssue{File: c.file, Users: []zoom.User{u},
			Reason: fmt.Sprintf("Several files are for %s (%s), so LogoDesk left this user alone; keep one, or say which in a CSV file.", u.Email, strings.Join(names, ", "))})
	}
	m.decided[u.ID] = true
}
