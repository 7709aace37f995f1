package sandbox

import (
	"fmt"
	"strings"

	"logodesk/service/limits"
)

// zoomIndex finds emulated Zoom users without scanning them all: an account of
// a thousand users answers every request by a map lookup.
type zoomIndex struct {
	byID    map[string]*zoomUser // Zoom user id and sandbox sign-in id
	byEmail map[string]*zoomUser // lower-case e-mail address
}

func indexZoomUsers(users []*zoomUser) zoomIndex {
	x := zoomIndex{byID: make(map[string]*zoomUser, 2*len(users)), byEmail: make(map[string]*zoomUser, len(users))}
	for _, u := range users {
		x.byID[u.ID] = u
		if u.login != "" {
			x.byID[u.login] = u
		}
		x.byEmail[strings.ToLower(u.Email)] = u
	}
	return x
}

// Names for generated users: 40 first names × 30 last names = 1,200 distinct
// e-mail addresses before a number is added.
var (
	zoomFirstNames = strings.Fields(`Aaron Bianca Carlos Dana Elif Farah Gabriel Hana Ivan Jana Kenji Lena
		Mateo Nadia Omar Priya Quinn Rosa Samir Tara Umar Vera Wei Ximena Yusuf Zara Amir Beatriz Chen Diego
		Emma Felix Grace Hugo Ines Jonas Kira Liam Mina Noor`)
	zoomLastNames = strings.Fields(`Abbott Baker Costa Dubois Evans Fischer Garcia Haddad Ito Jensen Kowalski
		Lopez Moreau Nakamura Okafor Petrov Quinn Rossi Schmidt Tanaka Usman Varga Weber Xu Yilmaz Zhang
		Andersen Brown Cohen Das`)
	zoomDepts = []string{"Sales", "Support", "Engineering", "Marketing", "Finance", "Operations"}
)

// GeneratedZoomUserEmail is the e-mail address of the i-th generated Zoom user
// (i from 0), as Options.ZoomUsers creates them: first.last@zylker.example.
func GeneratedZoomUserEmail(i int) string {
	nf, nl := len(zoomFirstNames), len(zoomLastNames)
	first, last := zoomFirstNames[i%nf], zoomLastNames[(i/nf)%nl]
	local := strings.ToLower(first + "." + last)
	if round := i / (nf * nl); round > 0 {
		local += fmt.Sprint(round + 1)
	}
	return local + "@zylker.example"
}

// addZoomUsers adds generated active members until the account has total users.
// Every third one has a picture (one shared avatar, so a large account stays
// small in memory); ids are 22 characters like Zoom's.
func (s *Server) addZoomUsers(total int) {
	avatar := &storedImage{data: avatarJPEG(0x6fcf97, 0x1b4332), mime: limits.JPEG}
	for i := 0; len(s.zoom) < total; i++ {
		email := GeneratedZoomUserEmail(i)
		first, last, _ := strings.Cut(strings.TrimSuffix(email, "@zylker.example"), ".")
		id := fmt.Sprintf("gEn%019d", i)
		u := &zoomUser{ID: id, Email: email, FirstName: capitalize(first), LastName: capitalize(strings.TrimRight(last, "0123456789")),
			Type: 1 + i%2, RoleID: "2", RoleName: "Member", Status: "active", Dept: zoomDepts[i%len(zoomDepts)],
			JobTitle: "Team member", Timezone: "Europe/London", PMI: 5000000000 + int64(i),
			CreatedAt: "2025-01-02T09:00:00Z", LastLogin: "2026-01-05T09:00:00Z", login: id}
		if i%3 == 0 {
			s.zoomSeq++
			u.pic, u.picVersion = avatar, s.zoomSeq
		}
		s.zoom = append(s.zoom, u)
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
