package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/api"
)

// plainSentence is what a person reads for err: the service's Message and
// NextStep for *api.Error, the error text otherwise (the layers below write
// their errors as plain sentences and never put tokens or bodies in them).
func plainSentence(err error) string {
	if err == nil {
		return ""
	}
	var ae *api.Error
	if errors.As(err, &ae) {
		return strings.TrimSpace(ae.Message + " " + ae.NextStep)
	}
	s := strings.TrimSpace(err.Error())
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
		if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
			s += "."
		}
	}
	return s
}

// details is the technical part of err, for the "Details" expander ("" when none).
func details(err error) string {
	var ae *api.Error
	if !errors.As(err, &ae) {
		return ""
	}
	var lines []string
	if ae.Service != "" {
		lines = append(lines, "Service: "+ae.Service)
	}
	if ae.HTTPStatus != 0 {
		lines = append(lines, fmt.Sprintf("HTTP status: %d", ae.HTTPStatus))
	}
	if ae.Code != "" {
		lines = append(lines, "Code: "+ae.Code)
	}
	if ae.VendorMessage != "" {
		lines = append(lines, "Service's message: "+ae.VendorMessage)
	}
	if !ae.RetryAt.IsZero() {
		lines = append(lines, "Try again after: "+ae.RetryAt.Local().Format("15:04:05"))
	}
	if ae.Err != nil {
		lines = append(lines, "Cause: "+ae.Err.Error())
	}
	return strings.Join(lines, "\n")
}

// problemView shows one failure: the plain message and next step, a "Sign in
// again" button when that is the fix, and the technical detail folded away.
type problemView struct {
	u      *UI
	msg    *widget.Label
	detail *widget.Label
	fold   *widget.Accordion
	signIn *widget.Button
	// settings opens Settings when the message sends the admin there: a message
	// naming a place comes with the way to it.
	settings *widget.Button
	p        Provider
	content  *fyne.Container
}

func newProblemView(u *UI, p Provider) *problemView {
	v := &problemView{u: u, p: p}
	v.msg = widget.NewLabel("")
	v.msg.Wrapping = fyne.TextWrapWord
	v.msg.Importance = widget.DangerImportance
	v.detail = widget.NewLabel("")
	v.detail.Wrapping = fyne.TextWrapWord
	v.fold = widget.NewAccordion(widget.NewAccordionItem("Details", v.detail))
	v.signIn = &widget.Button{Text: "Sign in again", Icon: theme.LoginIcon(), OnTapped: v.onSignIn}
	v.settings = &widget.Button{Text: "Open Settings", Icon: theme.SettingsIcon(), OnTapped: u.showSettings}
	v.settings.Hide()
	v.content = container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil, v.msg), container.NewHBox(v.signIn, v.settings), v.fold)
	v.content.Hide()
	return v
}

func (v *problemView) onSignIn() {
	s := v.u.signInFor(v.p)
	if s.state == signedIn {
		s.state = signedOut // the stored sign-in no longer works
	}
	s.onSignIn()
}

// show displays err, or hides the view when err is nil. UI goroutine only.
func (v *problemView) show(err error) {
	if err == nil {
		v.content.Hide()
		return
	}
	v.msg.SetText(plainSentence(err))
	d := details(err)
	v.detail.SetText(d)
	if d == "" {
		v.fold.Hide()
	} else {
		v.fold.CloseAll()
		v.fold.Show()
	}
	if v.u.env.needsSignIn(err) && v.u.env.Accounts != nil {
		v.signIn.Show()
	} else {
		v.signIn.Hide()
	}
	if strings.Contains(v.msg.Text, "in Settings") {
		v.settings.Show()
	} else {
		v.settings.Hide()
	}
	v.content.Show()
}

// text is what the view says now ("" when hidden); for tests.
func (v *problemView) text() string {
	if !v.content.Visible() {
		return ""
	}
	return v.msg.Text
}
