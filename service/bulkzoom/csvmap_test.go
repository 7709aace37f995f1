package bulkzoom

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseMap(t *testing.T) {
	cases := []struct {
		name, in string
		want     []MapEntry
		problems int
	}{
		{"no header", "ava@zylker.com,ava.jpg\nbo@zylker.com, bo.png\n",
			[]MapEntry{{1, "ava@zylker.com", "ava.jpg"}, {2, "bo@zylker.com", "bo.png"}}, 0},
		{"header, CRLF, byte-order mark", "\xef\xbb\xbfEmail,File\r\nava@zylker.com,ava.jpg\r\n",
			[]MapEntry{{2, "ava@zylker.com", "ava.jpg"}}, 0},
		{"header in the other order", "file,e-mail address\nava.jpg,ava@zylker.com\n",
			[]MapEntry{{2, "ava@zylker.com", "ava.jpg"}}, 0},
		{"semicolons", "email;file\nava@zylker.com;photos/ava 1.jpg\n",
			[]MapEntry{{2, "ava@zylker.com", "photos/ava 1.jpg"}}, 0},
		{"quoted name with a comma", "ava@zylker.com,\"Admin, Ava.jpg\"\n",
			[]MapEntry{{1, "ava@zylker.com", "Admin, Ava.jpg"}}, 0},
		{"blank lines are ignored", "\nava@zylker.com,ava.jpg\n,\n\n",
			[]MapEntry{{2, "ava@zylker.com", "ava.jpg"}}, 0},
		{"bad lines are reported, good ones kept", "email,file\nnot-an-address,x.jpg\nava@zylker.com\nbo@zylker.com,bo.jpg\nBO@zylker.com,other.jpg\n",
			[]MapEntry{{4, "bo@zylker.com", "bo.jpg"}}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, problems := ParseMap(strings.NewReader(c.in))
			if !reflect.DeepEqual(got, c.want) || len(problems) != c.problems {
				t.Fatalf("got %+v, problems %q; want %+v and %d problems", got, problems, c.want, c.problems)
			}
			for _, p := range problems {
				if !strings.HasPrefix(p, "Line ") || !strings.HasSuffix(p, ".") {
					t.Errorf("problem %q is not a plain sentence naming its line", p)
				}
			}
		})
	}
}

func FuzzParseMap(f *testing.F) {
	for _, s := range []string{"email,file\nava@zylker.com,ava.jpg\n", "a@b;c\n\"x", "\xef\xbb\xbf\"a@b\",\"f,g\"\r\n", ",,,\n@,\n", "file,email\nx,y@z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		entries, problems := ParseMap(strings.NewReader(in))
		seen := map[string]bool{}
		for _, e := range entries {
			if !strings.Contains(e.Email, "@") || e.File == "" || e.Line < 1 || e.Email != strings.TrimSpace(e.Email) {
				t.Fatalf("bad entry %+v from %q", e, in)
			}
			if seen[strings.ToLower(e.Email)] {
				t.Fatalf("%s given twice from %q", e.Email, in)
			}
			seen[strings.ToLower(e.Email)] = true
		}
		for _, p := range problems {
			if p == "" {
				t.Fatal("empty problem")
			}
		}
	})
}
