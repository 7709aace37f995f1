package api

import (
	"errors"
	"fmt"
	"io"
)

// ErrTooLarge is returned by ReadCapped when there is more than the cap.
var ErrTooLarge = errors.New("more data than LogoDesk accepts")

// ReadCapped reads all of r, up to limit bytes. More than limit is ErrTooLarge:
// a cut answer or picture must never be taken for a whole one.
func ReadCapped(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, nil
}

// TooLargeAnswer is the plain error for an answer over the read cap.
func TooLargeAnswer(service string, status int, limit int64) *Error {
	return &Error{Service: service, Kind: KindServer, HTTPStatus: status,
		Message:  fmt.Sprintf("%s sent more than LogoDesk accepts in one answer (over %d MB), so LogoDesk didn't use it.", service, limit>>20),
		NextStep: "Try again later; if it keeps happening, the service may be having problems.", Err: ErrTooLarge}
}
