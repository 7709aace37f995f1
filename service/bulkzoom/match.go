package bulkzoom

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"logodesk/service/zoom"
)

// MatchedBy says how a file was paired with its user.
type MatchedBy int

const (
	ByEmail MatchedBy = iota + 1 // the file is named after the user's e-mail address
	ByName                       // the file is named after the part before the @, which only this user has
	ByCSV                        // the CSV map says so
)

func (m MatchedBy) String() string {
	switch m {
	case ByEmail:
		return "named after the e-mail address"
	case ByName:
		return "named after the part before the @"
	case ByCSV:
		return "listed in the CSV file"
	}
	return "unknown"
}

// Row is one user whose picture the run will change, and the file it comes from.
type Row struct {
	User zoom.User
	File string // full path of the image file
	By   MatchedBy
}

// FileIssue is a file the run will not use, and why, in one plain sentence.
type FileIssue struct {
	File   string      // full path (or, for a CSV line, the file as written)
	Reason string      // e.g. "No active Zoom user has this e-mail address."
	Users  []zoom.User // the users it could be, when it matched several
}

// Plan is what a folder would do to the account's pictures. Nothing has been
// read from the image files yet: Previews and Apply do that.
type Plan struct {
	Folder string
	CSV    string // the CSV map used; "" when there is none
	Rows   []Row  // in e-mail order

	NoUser           []FileIssue // files that matched no user
	SeveralUsers     []FileIssue // files that matched two users or more
	NotUsed          []FileIssue // files left out for another reason (another file is chosen for the user)
	UsersWithoutFile []zoom.User // active users no file is for; their pictures are not touched
	CSVProblems      []string    // CSV lines that could not be used
}

// Files is how many files the folder offered (the CSV map not counted).
func (p *Plan) Files() int {
	seen := map[string]bool{}
	for _, r := range p.Rows {
		seen[r.File] = true
	}
	for _, l := range [][]FileIssue{p.NoUser, p.SeveralUsers, p.NotUsed} {
		for _, f := range l {
			seen[f.File] = true
		}
	}
	return len(seen)
}

// skipName is true for files that are never pictures of people: hidden files,
// the folder thumbnails operating systems leave behind, and CSV files.
func skipName(name string) bool {
	low := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || low == "thumbs.db" || low == "desktop.ini" || strings.HasSuffix(low, ".csv")
}

// Match pairs the image files in folder with users (the account's active
// users). csvPath names the CSV map; "" uses the folder's only .csv file, if it
// has exactly one. Only a folder (or a named CSV file) that can't be read is an
// error; everything else is described in the Plan.
func Match(folder string, users []zoom.User, csvPath string) (*Plan, error) {
	des, err := os.ReadDir(folder)
	if err != nil {
		return nil, folderProblem(folder, err)
	}
	p := &Plan{Folder: folder}
	var files, csvs []string
	for _, de := range des {
		name := de.Name()
		if strings.HasSuffix(strings.ToLower(name), ".csv") && !strings.HasPrefix(name, ".") {
			csvs = append(csvs, filepath.Join(folder, name))
		}
		if skipName(name) || !isFile(folder, de) {
			continue
		}
		files = append(files, filepath.Join(folder, name))
	}
	switch {
	case csvPath != "":
		p.CSV = csvPath
	case len(csvs) == 1:
		p.CSV = csvs[0]
	case len(csvs) > 1:
		p.CSVProblems = append(p.CSVProblems, fmt.Sprintf("The folder has %d CSV files, so LogoDesk used none of them; name the one to use.", len(csvs)))
	}
	m := newMatcher(users)
	if p.CSV != "" {
		f, err := os.Open(p.CSV)
		if err != nil {
			return nil, fmt.Errorf("LogoDesk couldn't read the CSV file %s: %w", p.CSV, errors.Unwrap(err))
		}
		entries, problems := ParseMap(f)
		f.Close()
		p.CSVProblems = append(p.CSVProblems, problems...)
		m.applyMap(p, folder, entries)
	}
	m.guess(p, files)
	p.finish(users, m)
	return p, nil
}

func isFile(folder string, de fs.DirEntry) bool {
	if de.Type().IsRegular() {
		return true
	}
	if de.Type()&fs.ModeSymlink != 0 { // a link to a file counts as the file
		st, err := os.Stat(filepath.Join(folder, de.Name()))
		return err == nil && st.Mode().IsRegular()
	}
	return false
}

func folderProblem(folder string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("LogoDesk can't find the folder %s.", folder)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("LogoDesk isn't allowed to open the folder %s.", folder)
	}
	if st, serr := os.Stat(folder); serr == nil && !st.IsDir() {
		return fmt.Errorf("%s is a file, not a folder of pictures.", folder)
	}
	return fmt.Errorf("LogoDesk couldn't read the folder %s.", folder)
}

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

// finish sorts everything and lists the users no file is for.
func (p *Plan) finish(users []zoom.User, m *matcher) {
	has := map[string]bool{}
	for _, r := range p.Rows {
		has[r.User.ID] = true
	}
	for _, u := range users {
		if !has[u.ID] && !m.decided[u.ID] {
			p.UsersWithoutFile = append(p.UsersWithoutFile, u)
		}
	}
	sort.SliceStable(p.Rows, func(i, j int) bool {
		return strings.ToLower(p.Rows[i].User.Email) < strings.ToLower(p.Rows[j].User.Email)
	})
	byFile := func(l []FileIssue) {
		sort.SliceStable(l, func(i, j int) bool { return l[i].File < l[j].File })
	}
	byFile(p.NoUser)
	byFile(p.SeveralUsers)
	byFile(p.NotUsed)
	sort.SliceStable(p.UsersWithoutFile, func(i, j int) bool {
		return strings.ToLower(p.UsersWithoutFile[i].Email) < strings.ToLower(p.UsersWithoutFile[j].Email)
	})
}

func emails(us []zoom.User) string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Email
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
