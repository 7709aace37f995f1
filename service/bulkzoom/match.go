package bulkzoom

import (
	"errors"
	"fmt"
	"io"
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

// CheckFolder says, in a plain sentence, why folder can't be read (nil when it
// can), so a caller can refuse a wrong folder before listing the users.
func CheckFolder(folder string) error {
	f, err := os.Open(folder)
	if err == nil {
		_, err = f.ReadDir(1)
		f.Close()
		if errors.Is(err, io.EOF) {
			err = nil // an empty folder can be read
		}
	}
	if err != nil {
		return folderProblem(folder, err)
	}
	return nil
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
