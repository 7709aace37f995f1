package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// entry is what we tell the user about one vendor error code. In Message and
// NextStep, {service} becomes the product name ("Bigin"), {action} what the
// user was doing ("change the organization photo").
type entry struct {
	kind     Kind
	message  string
	nextStep string
}

// zohoErrors covers every code the Zoho CRM, Bigin and Contracts docs list for
// the endpoints LogoDesk calls (see ../shared/seeds and api-notes.md).
var zohoErrors = map[string]entry{
	"INVALID_TOKEN":          {KindSignIn, "Your sign-in to Zoho has expired.", "Sign in to Zoho again."},
	"AUTHENTICATION_FAILURE": {KindSignIn, "Zoho didn't accept LogoDesk's sign-in.", "Sign in to Zoho again."},
	"OAUTH_SCOPE_MISMATCH":   {KindScope, "Your Zoho sign-in doesn't include permission to {action} in {service}.", "Sign in to Zoho again and allow everything LogoDesk asks for."},
	"NO_PERMISSION":          {KindPermission, "Your {service} user isn't allowed to {action}.", "Ask a {service} administrator to give your profile this permission, or sign in as an administrator."},
	"AUTHORIZATION_FAILED":   {KindPermission, "Your {service} user doesn't have the privilege to {action}.", "Ask a {service} administrator to give your profile this permission, or sign in as an administrator."},
	"INVALID_DATA":           {KindInvalidInput, "{service} didn't accept what LogoDesk sent.", "Check the values and try again."},
	"FILE_SIZE_MORE_THAN_ALLOWED_SIZE": {KindTooLarge, "The picture is larger than {service} allows (at most 1 MB and 10 megapixels).",
		"Drop it again so LogoDesk can shrink it, or choose a smaller image."},
	"FILE_SIZE_EXCEEDS":       {KindTooLarge, "The picture's file is larger than {service} allows.", "Drop it again so LogoDesk can shrink it, or choose a smaller image."},
	"FILE_RESOLUTION_EXCEEDS": {KindTooLarge, "The picture has more pixels than {service} allows.", "Drop it again so LogoDesk can shrink it, or choose a smaller image."},
	"CANNOT_PROCESS":          {KindInvalidInput, "Zoho's image check (Zia) rejected this picture.", "Try a different image."},
	"INVALID_URL_PATTERN":     {KindNotFound, "{service} doesn't recognise the address LogoDesk used.", "Check your Zoho data centre in Settings; if it is right, LogoDesk may need an update."},
	"INTERNAL_ERROR":          {KindServer, "{service} had an internal problem.", "Try again in a few minutes; if it keeps happening, contact Zoho support."},
	"INVALID_REQUEST_METHOD":  {KindBadMethod, "{service} didn't accept the kind of request LogoDesk sent.", "LogoDesk may need an update; please report this."},
	"INVALID_MODULE":          {KindNotFound, "{service} doesn't have that module.", "Pick Contacts, Companies or Products."},
	"INVALID_REQUEST":         {KindInvalidInput, "{service} refused the request as malformed.", "Try again; if it keeps happening, LogoDesk may need an update."},
	"CANNOT_PERFORM_ACTION":   {KindPermission, "{service} can't {action} on this record right now.", "The record may be locked or in review; try again later or ask an administrator."},
	"NOT_REVIEWED":            {KindPermission, "This record is waiting for review, so {service} won't let you {action}.", "Ask an administrator to review the record first."},
	"NOT_APPROVED":            {KindPermission, "This record is waiting for approval, so {service} won't let you {action}.", "Ask an administrator to approve the record first."},
	"RECORD_LOCKED":           {KindPermission, "This record is locked, so {service} won't let you {action}.", "Ask an administrator to unlock it."},
	"TOO_MANY_REQUESTS":       {KindRateLimited, "{service} is getting too many requests from your organization right now.", "Wait a minute and try again."},
	"REQUIRED_PARAM_MISSING":  {KindInvalidInput, "LogoDesk left out something {service} needs.", "LogoDesk may need an update; please report this."},
}

// zoomErrors covers the Zoom Users API codes (integers in the body).
var zoomErrors = map[int]entry{
	124:  {KindSignIn, "Your Zoom sign-in has expired or is no longer valid.", "Sign in to Zoom again."},
	120:  {KindInvalidInput, "Zoom accepts only JPEG or PNG pictures of at most 2 MB, and not empty files.", "Drop the picture again so LogoDesk can fit it, or choose another."},
	200:  {KindPermission, "Only a Zoom account administrator can change another user's profile picture.", "Ask your Zoom administrator, or change your own picture."},
	300:  {KindInvalidInput, "Zoom refused the request as invalid.", "Try again; if it keeps happening, LogoDesk may need an update."},
	1001: {KindNotFound, "Zoom has no user with that ID or email address.", "Check the email address and try again."},
	1120: {KindNotFound, "That Zoom invitation was not found or has expired.", "Ask your Zoom administrator to invite the user again."},
	2300: {KindNotFound, "Zoom doesn't recognise the request LogoDesk sent.", "LogoDesk may need an update; please report this."},
	4711: {KindScope, "Your Zoom sign-in doesn't include permission to {action}.", "Sign in to Zoom again and allow everything LogoDesk asks for."},
	429:  {KindRateLimited, "Zoom is getting too many requests from your account right now.", "Wait a moment and try again."},
}

// byStatus is the fallback for codes no doc lists, or bodies we can't read.
func byStatus(status int) entry {
	switch {
	case status == http.StatusUnauthorized:
		return entry{KindSignIn, "{service} didn't accept LogoDesk's sign-in.", "Sign in again."}
	case status == http.StatusForbidden:
		return entry{KindPermission, "Your {service} user isn't allowed to {action}.", "Ask a {service} administrator for this permission."}
	case status == http.StatusNotFound:
		return entry{KindNotFound, "{service} couldn't find what LogoDesk asked for.", "It may have been deleted; refresh and try again."}
	case status == http.StatusMethodNotAllowed:
		return entry{KindBadMethod, "{service} didn't accept the kind of request LogoDesk sent.", "LogoDesk may need an update; please report this."}
	case status == http.StatusRequestEntityTooLarge:
		return entry{KindTooLarge, "The file is larger than {service} allows.", "Drop it again so LogoDesk can shrink it, or choose a smaller image."}
	case status == http.StatusUnsupportedMediaType:
		return entry{KindInvalidInput, "{service} doesn't accept this kind of file.", "Choose a PNG or JPEG image."}
	case status == http.StatusTooManyRequests:
		return entry{KindRateLimited, "{service} is getting too many requests right now.", "Wait a minute and try again."}
	case status >= 500:
		return entry{KindServer, "{service} is having trouble right now.", "Try again in a few minutes."}
	}
	return entry{KindInvalidInput, "{service} refused the request.", "Check what you entered and try again."}
}

// Decode turns an error answer into an *Error. It reads the vendor's own body
// shape, keeps the vendor code and status for "Details", and never keeps the
// raw body. action is what the user was doing, for the message ("" if unknown).
func Decode(v Vendor, service string, status int, h http.Header, body []byte, now time.Time) *Error {
	e := &Error{Service: service, HTTPStatus: status}
	var ent entry
	found := false
	switch v {
	case Zoom:
		var b struct {
			Code    json.Number `json:"code"`
			Message string      `json:"message"`
		}
		if json.Unmarshal(body, &b) == nil && b.Code != "" {
			e.Code, e.VendorMessage = b.Code.String(), b.Message
			if n, err := strconv.Atoi(e.Code); err == nil {
				ent, found = zoomErrors[n]
			}
		}
	default:
		code, msg, details := decodeZohoBody(body)
		e.Code, e.VendorMessage = code, msg
		ent, found = zohoErrors[strings.ToUpper(code)]
		if strings.EqualFold(code, "INVALID_DATA") {
			switch {
			case details["id"] != nil:
				ent = entry{KindNotFound, "{service} has no record with that ID.", "Refresh the list and pick the record again."}
			case status == http.StatusUnsupportedMediaType:
				ent = entry{KindInvalidInput, "{service} didn't accept this file as an image.", "Choose a PNG or JPEG image and try again."}
			}
		}
	}
	if !found {
		ent = byStatus(status)
	}
	// A 401 is always about the sign-in, whatever the body says.
	if status == http.StatusUnauthorized && ent.kind != KindScope {
		ent.kind = KindSignIn
	}
	if status == http.StatusTooManyRequests {
		ent.kind = KindRateLimited
	}
	e.Kind = ent.kind
	e.Message, e.NextStep = ent.message, ent.nextStep
	if len(e.VendorMessage) > 200 {
		e.VendorMessage = e.VendorMessage[:200] + "…"
	}
	if e.Kind == KindRateLimited {
		applyRateLimit(e, v, h, now)
	}
	return e
}

// decodeZohoBody reads CRM/Bigin's {code,message,status,details} and Contracts'
// {"Errors":{"ErrorCode":..,"ErrorMessage":..}} (code as string or number).
func decodeZohoBody(body []byte) (code, message string, details map[string]json.RawMessage) {
	var b struct {
		Code    json.RawMessage            `json:"code"`
		Message string                     `json:"message"`
		Details map[string]json.RawMessage `json:"details"`
		Errors  *struct {
			ErrorCode    json.RawMessage `json:"ErrorCode"`
			ErrorMessage string          `json:"ErrorMessage"`
		} `json:"Errors"`
		// Bulk-style answers wrap one result in data[0].
		Data []struct {
			Code    json.RawMessage `json:"code"`
			Message string          `json:"message"`
		} `json:"data"`
	}
	if json.Unmarshal(body, &b) != nil {
		return "", "", nil
	}
	switch {
	case b.Errors != nil:
		return rawString(b.Errors.ErrorCode), b.Errors.ErrorMessage, nil
	case len(b.Code) > 0:
		return rawString(b.Code), b.Message, b.Details
	case len(b.Data) > 0:
		return rawString(b.Data[0].Code), b.Data[0].Message, nil
	}
	return "", "", nil
}

// rawString reads a JSON string or number as text.
func rawString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// applyRateLimit reads when the service will accept calls again.
func applyRateLimit(e *Error, v Vendor, h http.Header, now time.Time) {
	d, at, ok := ParseRetryAfter(h.Get("Retry-After"), now)
	if ok {
		e.retryAfter, e.RetryAt = d, at
		if d == 0 {
			e.retryAfter = time.Millisecond
		}
	}
	if v == Zoom && strings.EqualFold(h.Get("X-RateLimit-Type"), "Daily-limit") {
		e.dailyLimit = true
		e.Message = "You've used up today's Zoom allowance for this kind of request."
		if ok {
			e.NextStep = "Zoom accepts it again after " + at.Local().Format("15:04 on 2 January") + "."
		} else {
			e.NextStep = "Try again tomorrow."
		}
	}
}

// personalise fills the {service} and {action} placeholders. Wrappers call it
// (through Call) with what the user was doing.
func (e *Error) personalise(action string) {
	if action == "" {
		action = "do this"
	}
	// Zoom's code 300 on a picture upload means its content check refused the image.
	if e.Code == "300" && strings.Contains(action, "picture") {
		e.Message = "Zoom refused the picture: it says it contains invalid or explicit content."
		e.NextStep = "Choose a different picture."
	}
	r := strings.NewReplacer("{service}", e.Service, "{action}", action)
	e.Message, e.NextStep = r.Replace(e.Message), r.Replace(e.NextStep)
}

// Details is the technical line shown behind the "Details" expander.
func (e *Error) Details() string {
	parts := []string{e.Service}
	if e.HTTPStatus != 0 {
		parts = append(parts, fmt.Sprintf("HTTP %d", e.HTTPStatus))
	}
	if e.Code != "" {
		parts = append(parts, "code "+e.Code)
	}
	if e.VendorMessage != "" {
		parts = append(parts, fmt.Sprintf("%q", e.VendorMessage))
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, " · ")
}
