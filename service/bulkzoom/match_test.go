package bulkzoom

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"logodesk/service/zoom"
)

var someUsers = []zoom.User{
	{ID: "u1", Email: "Ava.Admin@zylker.com"},
	{ID: "u2", Email: "bo@zylker.com"},
	{ID: "u3", Email: "sam@zylker.com"},
	{ID: "u4", Email: "sam@zylker.co.uk"}, // shares "sam" with u3
	{ID: "u5", Email: "kim@zylker.com"},
	{ID: "u6", Email: "lee@zylker.com"},
	{ID: "u7", Email: "noa@zylker.com"},
}

// folder makes a folder holding the named files (their content does not matter to Match).
func folder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rowsOf is "email=file(by)" for each row.
func rowsOf(p *Plan) []string {
	var out []string
	for _, r := range p.Rows {
		out = append(out, r.User.Email+"="+filepath.Base(r.File)+"("+r.By.String()+")")
	}
	return out
}

func names(l []FileIssue) []string {
	var out []string
	for _, f := range l {
		out = append(out, filepath.Base(f.File))
	}
	return out
}

func emailsOf(us []zoom.User) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Email)
	}
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func TestMatchByNames(t *testing.T) {
	dir := folder(t, map[string]string{
		"AVA.ADMIN@ZYLKER.COM.JPG": "x", // any case
		"bo.png":                   "x", // the part before the @, one user has it
		"sam.jpg":                  "x", // two users have it
		"kim@zylker.com":           "x", // an address with no extension
		"nobody@zylker.com.png":    "x",
		"stranger.png":             "x",
		"notes.txt":                "x",
		".DS_Store":                "x", // never a picture
		"Thumbs.db":                "x",
	})
	if err := os.Mkdir(filepath.Join(dir, "old"), 0o700); err != nil {
		t.Fatal(err)
	}
	p, err := Match(dir, someUsers, "")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "rows", rowsOf(p), []string{
		"Ava.Admin@zylker.com=AVA.ADMIN@ZYLKER.COM.JPG(named after the e-mail address)",
		"bo@zylker.com=bo.png(named after the part before the @)",
		"kim@zylker.com=kim@zylker.com(named after the e-mail address)",
	})
	same(t, "no user", names(p.NoUser), []string{"nobody@zylker.com.png", "notes.txt", "stranger.png"})
	same(t, "several users", names(p.SeveralUsers), []string{"sam.jpg"})
	if len(p.SeveralUsers) == 1 {
		same(t, "candidates", emailsOf(p.SeveralUsers[0].Users), []string{"sam@zylker.com", "sam@zylker.co.uk"})
		if !strings.Contains(p.SeveralUsers[0].Reason, "sam@zylker.co.uk, sam@zylker.com") {
			t.Errorf("reason %q does not name both users", p.SeveralUsers[0].Reason)
		}
	}
	same(t, "without file", emailsOf(p.UsersWithoutFile), []string{"lee@zylker.com", "noa@zylker.com", "sam@zylker.co.uk", "sam@zylker.com"})
	if p.Files() != 7 || p.CSV != "" || len(p.CSVProblems) != 0 {
		t.Errorf("files %d, csv %q %q", p.Files(), p.CSV, p.CSVProblems)
	}
}

func TestMatchTwoFilesForOneUser(t *testing.T) {
	dir := folder(t, map[string]string{
		"bo.png": "x", "bo@zylker.com.jpg": "x", // the whole address wins
		"kim@zylker.com.jpg": "x", "KIM@zylker.com.png": "x", // a tie: kim is left alone
	})
	p, err := Match(dir, someUsers, "")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "rows", rowsOf(p), []string{"bo@zylker.com=bo@zylker.com.jpg(named after the e-mail address)"})
	same(t, "not used", names(p.NotUsed), []string{"KIM@zylker.com.png", "bo.png", "kim@zylker.com.jpg"})
	for _, u := range p.UsersWithoutFile {
		if u.ID == "u5" {
			t.Error("kim has two files, not none")
		}
	}
}

func TestMatchCSVOverridesGuesses(t *testing.T) {
	dir := folder(t, map[string]string{
		"map.csv": "email,file\n" +
			"SAM@zylker.co.uk,sam.jpg\n" + // settles the ambiguous name
			"bo@zylker.com,team/bo-2026.png\n" + // beats bo.png
			"lee@zylker.com,logo.png\n" + // two users may share a file
			"noa@zylker.com,logo.png\n" +
			"ghost@zylker.com,logo.png\n" + // no such user
			"kim@zylker.com,missing.png\n" + // no such file
			"garbage line\n",
		"sam.jpg": "x", "bo.png": "x", "logo.png": "x", "kim.png": "x",
	})
	if err := os.Mkdir(filepath.Join(dir, "team"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "team", "bo-2026.png"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Match(dir, someUsers, "")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "rows", rowsOf(p), []string{
		"bo@zylker.com=bo-2026.png(listed in the CSV file)",
		"lee@zylker.com=logo.png(listed in the CSV file)",
		"noa@zylker.com=logo.png(listed in the CSV file)",
		"sam@zylker.co.uk=sam.jpg(listed in the CSV file)",
	})
	same(t, "not used", names(p.NotUsed), []string{"bo.png", "kim.png"})
	same(t, "no user", names(p.NoUser), []string{"logo.png"})
	if len(p.CSVProblems) != 2 || !strings.Contains(strings.Join(p.CSVProblems, " "), "missing.png") {
		t.Errorf("csv problems %q", p.CSVProblems)
	}
	same(t, "without file", emailsOf(p.UsersWithoutFile), []string{"Ava.Admin@zylker.com", "sam@zylker.com"})

	// A CSV named on the command line may live anywhere; a folder with two CSV files uses neither.
	other := folder(t, map[string]string{"elsewhere.csv": "bo@zylker.com,bo.png\n"})
	p, err = Match(dir, someUsers, filepath.Join(other, "elsewhere.csv"))
	if err != nil {
		t.Fatal(err)
	}
	same(t, "rows with a named CSV", rowsOf(p), []string{
		"bo@zylker.com=bo.png(listed in the CSV file)",
		"kim@zylker.com=kim.png(named after the part before the @)",
	})
	two := folder(t, map[string]string{"a.csv": "bo@zylker.com,bo.png\n", "b.csv": "", "bo.png": "x"})
	p, err = Match(two, someUsers, "")
	if err != nil || p.CSV != "" || len(p.CSVProblems) != 1 || len(p.Rows) != 1 || p.Rows[0].By != ByName {
		t.Fatalf("two CSV files: %v %q %q", err, p.CSVProblems, rowsOf(p))
	}
}

func TestMatchFolderProblems(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.jpg")
	os.WriteFile(file, []byte("x"), 0o600)
	for _, c := range []struct{ path, csv, want string }{
		{filepath.Join(dir, "missing"), "", "can't find the folder"},
		{file, "", "is a file, not a folder"},
		{dir, filepath.Join(dir, "none.csv"), "couldn't read the CSV file"},
	} {
		if _, err := Match(c.path, someUsers, c.csv); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Match(%s, %q): %v, want %q", c.path, c.csv, err, c.want)
		}
		if err := CheckFolder(c.path); (err == nil) != (c.csv != "") {
			t.Errorf("CheckFolder(%s): %v", c.path, err)
		}
	}
}
