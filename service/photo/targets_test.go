package photo

import (
	"reflect"
	"testing"

	"logodesk/service/bigin"
	"logodesk/service/limits"
)

// A Bigin contact's photo is a person's picture (crop editor, avatar size); a company's
// or a product's is a record photo.
func TestBiginRecordLimitByModule(t *testing.T) {
	for m, want := range map[bigin.Module]limits.Limit{
		bigin.Contacts:  limits.BiginContactPhoto,
		bigin.Companies: limits.BiginRecordPhoto,
		bigin.Products:  limits.BiginRecordPhoto,
	} {
		got := BiginRecord(nil, m, bigin.Record{ID: "1", Name: "Jane Doe"}).Limit()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, want %+v", m, got, want)
		}
	}
	if BiginRecord(nil, bigin.Contacts, bigin.Record{}).Limit().AvatarSide == 0 {
		t.Error("a contact's photo has no avatar size")
	}
}
