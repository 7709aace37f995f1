package sandbox

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"

	"logodesk/service/limits"
)

// Demo ids, for tests and docs.
const (
	DemoOrgID           = "4876876000000012345"
	DemoContractsAPI    = "zylker"
	DemoContactWithPic  = "4876876000000333001"
	DemoContactNoPic    = "4876876000000333002"
	DemoAccountWithPic  = "4876876000000334001"
	DemoProductWithPic  = "4876876000000335001"
	DemoZoomMemberNoPic = "h2Lk9PqRt6Uv3Wx8Yz1AbC"
	DemoZoomAdminUserID = "KDcuGIm1QgePTO8WbOqwIQ" // the Zoom user id of sandbox user "admin"
)

// loadDemo fills s with the deterministic demo data.
func (s *Server) loadDemo() {
	s.org = crmOrg{
		fields: map[string]any{
			"id": DemoOrgID, "company_name": "Zylker Inc.", "alias": "zylker", "domain_name": "org60012345678",
			"website": "www.zylker.example", "phone": "+1 925 924 9500", "mobile": nil, "fax": nil,
			"primary_email": "admin@zylker.example", "primary_zuid": "60012345678", "zgid": "60012345679",
			"street": "4141 Hacienda Drive", "city": "Pleasanton", "state": "California", "zip": "94588",
			"country": "United States", "country_code": "US", "description": "Demo organization of the LogoDesk sandbox",
			"time_zone": "America/Los_Angeles", "currency": "US Dollar - USD", "currency_symbol": "$",
			"currency_locale": "en_US", "iso_code": "USD", "employee_count": "42", "type": "Production",
			"mc_status": false, "gapps_enabled": false, "translation_enabled": false,
			"deletable_org_account": false, "privacy_settings": false, "hipaa_compliance_enabled": false,
			"lite_users_enabled": false, "zia_portal_id": nil, "max_per_page": 200, "ezgid": "60012345680",
			"call_icon": "", "oauth_presence": true, "zia_zgid": 0, "created_time": "2024-01-15T09:30:00-08:00",
			"license_details": map[string]any{"paid_expiry": "2027-01-15T00:00:00-08:00", "users_license_purchased": 10,
				"trial_type": nil, "trial_expiry": nil, "paid": true, "paid_type": "enterprise", "trial_action": ""},
			"hierarchy_preferences": map[string]any{"type": "Role_Hierarchy", "strictly_reporting": false},
			"checkin_preferences":   map[string]any{"restricted_event_types": nil},
		},
		photo:   &storedImage{data: DemoLogoPNG(), mime: limits.PNG},
		photoID: "4876876000000231001",
	}

	account := func(id, name string) map[string]any { return map[string]any{"id": id, "name": name} }
	s.bigin = map[string]*biginModule{
		"Contacts": {apiName: "Contacts", scope: "contacts", records: []*biginRecord{
			{id: DemoContactWithPic, fields: map[string]any{"First_Name": "Patricia", "Last_Name": "Boyle",
				"Full_Name": "Patricia Boyle", "Email": "patricia.boyle@zylker.example", "Mobile": "+1 555 0100",
				"Title": "CEO", "Account_Name": account(DemoAccountWithPic, "Zylker Inc.")},
				photo: &storedImage{data: avatarPNG(0x2f80ed, 0xf2c94c), mime: limits.PNG}, imgID: "4876876000000444001"},
			{id: DemoContactNoPic, fields: map[string]any{"First_Name": "Kris", "Last_Name": "Marrier",
				"Full_Name": "Kris Marrier", "Email": "kris@kingchristopher.example", "Mobile": "+1 555 0101",
				"Title": "Buyer", "Account_Name": account("4876876000000334002", "King Christopher Ltd")}},
			{id: "4876876000000333003", fields: map[string]any{"First_Name": "Chanay", "Last_Name": "Jeffrey",
				"Full_Name": "Chanay Jeffrey", "Email": "chanay@morlong.example", "Mobile": "+1 555 0102",
				"Title": "Office Manager", "Account_Name": account("4876876000000334003", "Morlong Associates")},
				photo: &storedImage{data: avatarJPEG(0x27ae60, 0xeb5757), mime: limits.JPEG}, imgID: "4876876000000444002"},
			{id: "4876876000000333004", fields: map[string]any{"First_Name": "Carissa", "Last_Name": "Kidman",
				"Full_Name": "Carissa Kidman", "Email": "carissa@zylker.example", "Mobile": "+1 555 0103",
				"Title": "Designer", "Account_Name": account(DemoAccountWithPic, "Zylker Inc.")}},
		}},
		"Accounts": {apiName: "Accounts", scope: "accounts", records: []*biginRecord{
			{id: DemoAccountWithPic, fields: map[string]any{"Account_Name": "Zylker Inc.",
				"Website": "www.zylker.example", "Phone": "+1 925 924 9500"},
				photo: &storedImage{data: DemoLogoPNG(), mime: limits.PNG}, imgID: "4876876000000444003"},
			{id: "4876876000000334002", fields: map[string]any{"Account_Name": "King Christopher Ltd",
				"Website": "www.kingchristopher.example", "Phone": "+1 555 0200"}},
			{id: "4876876000000334003", fields: map[string]any{"Account_Name": "Morlong Associates",
				"Website": "www.morlong.example", "Phone": "+1 555 0300"}},
		}},
		"Products": {apiName: "Products", scope: "products", records: []*biginRecord{
			{id: DemoProductWithPic, fields: map[string]any{"Product_Name": "Zylker Desk Lamp",
				"Product_Code": "ZY-LAMP-01", "Unit_Price": 49.9, "Product_Active": true},
				photo: &storedImage{data: avatarPNG(0xf2994a, 0x333333), mime: limits.PNG}, imgID: "4876876000000444004"},
			{id: "4876876000000335002", fields: map[string]any{"Product_Name": "Zylker Office Chair",
				"Product_Code": "ZY-CHAIR-02", "Unit_Price": 189.0, "Product_Active": true}},
		}},
	}

	s.loadBiginOrgDemo()

	s.contracts = []*contractsOrg{{
		Country: "US", ZipCode: 94588, APIName: DemoContractsAPI, Address: "4141 Hacienda Drive", City: "Pleasanton",
		Zoid: 60012345678, OrgURL: "https://contracts.zoho.com/zylker", WebSite: "https://www.zylker.example",
		PhoneNumber: "+1 925 924 9500", BuildingNo: "4141",
		AccountOwner: contractsOwner{DisplayName: "Ava Admin", EmailID: "admin@zylker.example", ID: 3000000001001},
		Name:         "Zylker Inc.",
		Currency: contractsCurrency{CurrencyName: "US Dollar", CurrencyNumber: 840, CurrencySymbol: "$",
			CurrencyCode: "USD", CurrencyDecimal: 2},
		ID: 3000000002001, State: "California",
	}}

	s.zoom = []*zoomUser{
		{ID: DemoZoomAdminUserID, Email: "admin@zylker.example", FirstName: "Ava", LastName: "Admin", Type: 2,
			RoleID: "1", RoleName: "Admin", Status: "active", Dept: "IT", JobTitle: "IT Administrator",
			Timezone: "America/Los_Angeles", PMI: 3542471135, CreatedAt: "2024-01-15T17:30:00Z",
			LastLogin: "2026-01-10T16:00:00Z", login: ZoomAdminID,
			pic: &storedImage{data: avatarJPEG(0x9b51e0, 0xf2c94c), mime: limits.JPEG}, picVersion: 1},
		{ID: ZoomMemberID, Email: "maya@zylker.example", FirstName: "Maya", LastName: "Member", Type: 2,
			RoleID: "2", RoleName: "Member", Status: "active", Dept: "Sales", JobTitle: "Account Executive",
			Timezone: "Europe/Berlin", PMI: 4613228745, CreatedAt: "2024-03-02T08:00:00Z",
			LastLogin: "2026-01-09T08:15:00Z", login: ZoomMemberID,
			pic: &storedImage{data: avatarPNG(0x56ccf2, 0x333333), mime: limits.PNG}, picVersion: 2},
		{ID: DemoZoomMemberNoPic, Email: "noah@zylker.example", FirstName: "Noah", LastName: "Newcomer", Type: 1,
			RoleID: "2", RoleName: "Member", Status: "active", Dept: "Support", JobTitle: "Support Engineer",
			Timezone: "Asia/Kolkata", PMI: 8812345670, CreatedAt: "2025-06-20T04:30:00Z",
			LastLogin: "2026-01-08T05:00:00Z", login: DemoZoomMemberNoPic},
	}
	s.zoomSeq = 2
}

// DemoLogoPNG draws the demo org's logo: a 256×256 PNG with a blue rounded tile,
// an orange disc and a white "Z"-like stripe. Deterministic, a real decodable image.
func DemoLogoPNG() []byte {
	const n = 256
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	blue := color.NRGBA{0x1a, 0x56, 0xdb, 0xff}
	orange := color.NRGBA{0xf5, 0x8a, 0x07, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			// rounded square 16..240 with corner radius 40
			if !inRoundRect(fx, fy, 16, 16, 240, 240, 40) {
				continue // transparent outside
			}
			c := blue
			if math.Hypot(fx-178, fy-78) < 38 {
				c = orange
			}
			// the "Z": top bar, diagonal, bottom bar
			switch {
			case fy > 70 && fy < 96 && fx > 60 && fx < 150,
				fy > 160 && fy < 186 && fx > 60 && fx < 196,
				fy >= 96 && fy <= 160 && math.Abs(fx-(73+(173-fy)*77/90)) < 16:
				c = white
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return encodePNG(img)
}

func inRoundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Min(math.Max(x, x0+r), x1-r)
	cy := math.Min(math.Max(y, y0+r), y1-r)
	return math.Hypot(x-cx, y-cy) <= r
}

// avatar draws a 128×128 head-and-shoulders silhouette on a coloured background.
func avatar(bg, fg uint32) *image.NRGBA {
	const n = 128
	rgb := func(v uint32) color.NRGBA { return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			c := rgb(bg)
			if math.Hypot(fx-64, fy-50) < 22 || (fy > 82 && math.Hypot((fx-64)/1.4, fy-128) < 42) {
				c = rgb(fg)
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func avatarPNG(bg, fg uint32) []byte { return encodePNG(avatar(bg, fg)) }

func avatarJPEG(bg, fg uint32) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, avatar(bg, fg), &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}
