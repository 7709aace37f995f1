package gui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"logodesk/service/contracts"
)

// contractsTab edits the Zoho Contracts organization info. Fields are checked as
// the admin types; a failed save keeps every edit.
type contractsTab struct {
	u        *UI
	bar      *signInBar
	form     *widget.Form
	fields   []*field
	saveB    *widget.Button
	reloadB  *widget.Button
	progress *widget.ProgressBarInfinite
	status   *widget.Label
	problem  *problemView

	info    contracts.OrgInfo
	have    bool
	busy    bool
	loading tabLoad // its gen also drops a save's answer that comes after a reload
	content fyne.CanvasObject
}

// field is one form entry bound to one OrgInfo field.
type field struct {
	label string
	entry *keyEntry
	get   func(*contracts.OrgInfo) *string
	set   func(*contracts.OrgUpdate, *string)
}

func newContractsTab(u *UI) *contractsTab {
	t := &contractsTab{u: u}
	t.loading = tabLoad{u: u, p: Zoho, tab: t, load: t.load, signedOut: t.signedOut}
	s := u.signInFor(Zoho)
	t.bar = s.newBar()
	required := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("The organization needs a name.")
		}
		return nil
	}
	t.fields = []*field{
		{"Name", nil, func(o *contracts.OrgInfo) *string { return &o.Name }, func(u *contracts.OrgUpdate, v *string) { u.Name = v }},
		{"Address", nil, func(o *contracts.OrgInfo) *string { return &o.Address }, func(u *contracts.OrgUpdate, v *string) { u.Address = v }},
		{"City", nil, func(o *contracts.OrgInfo) *string { return &o.City }, func(u *contracts.OrgUpdate, v *string) { u.City = v }},
		{"State", nil, func(o *contracts.OrgInfo) *string { return &o.State }, func(u *contracts.OrgUpdate, v *string) { u.State = v }},
		{"Country", nil, func(o *contracts.OrgInfo) *string { return &o.Country }, func(u *contracts.OrgUpdate, v *string) { u.Country = v }},
		{"Website", nil, func(o *contracts.OrgInfo) *string { return &o.Website }, func(u *contracts.OrgUpdate, v *string) { u.Website = v }},
		{"Phone", nil, func(o *contracts.OrgInfo) *string { return &o.Phone }, func(u *contracts.OrgUpdate, v *string) { u.Phone = v }},
	}
	validators := map[string]func(string) error{
		"Name": required, "Country": contracts.ValidateCountry, "Website": contracts.ValidateWebsite, "Phone": contracts.ValidatePhone,
	}
	hints := map[string]string{
		"Country": "Two-letter code, such as US, DE or IN",
		"Website": "Such as https://www.example.com",
		"Phone":   "Such as +1 415 555 0100",
	}
	// Each field as wide as what it holds, in "M"s (the widest letter): a
	// two-letter code, a city or a phone number; name, address and website take
	// the whole (capped) width.
	widths := map[string]int{"Country": 4, "City": 20, "State": 20, "Phone": 20}
	t.form = widget.NewForm()
	for _, f := range t.fields {
		f.entry = newKeyEntry(u)
		f.entry.Validator = validators[f.label]
		f.entry.OnChanged = func(string) { t.updateSave() }
		f.entry.OnSubmitted = func(string) { // Enter saves, as the default button would
			if !t.saveB.Disabled() {
				t.onSave()
			}
		}
		t.form.Append(f.label, newFormField(f.entry, widths[f.label]))
		t.form.Items[len(t.form.Items)-1].HintText = hints[f.label]
	}
	t.saveB = &widget.Button{Text: "Save", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: t.onSave}
	t.reloadB = &widget.Button{Text: "Reload", Icon: theme.ViewRefreshIcon(), Importance: widget.LowImportance, OnTapped: t.onReload}
	t.progress = widget.NewProgressBarInfinite()
	t.progress.Stop()
	t.progress.Hide()
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapWord
	t.problem = newProblemView(u, Zoho)
	intro := widget.NewLabel("Your organization as Zoho Contracts shows it on documents and emails.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, t.form, container.NewHBox(t.saveB, t.reloadB), t.progress, t.status, t.problem.content)
	t.content = container.NewBorder(t.bar.content, nil, nil, nil, container.NewVScroll(centredColumn(container.NewPadded(body))))
	s.onChange(t.loading.signInChanged)
	t.updateSave()
	return t
}

func (t *contractsTab) opened() { t.loading.opened() }

func (t *contractsTab) signedOut() {
	t.have = false
	t.setBusy(false, "Sign in to Zoho to see your organization info.")
}

// dropped explains where pictures go: Contracts has no picture in its org info.
func (t *contractsTab) dropped(fyne.Position, []fyne.URI) {
	t.status.SetText("Zoho Contracts has no logo to change here. To change your organization's logo, open the Zoho CRM tab and drop the image there.")
}

// update is what would be sent: only the fields that differ from what was loaded.
func (t *contractsTab) update() contracts.OrgUpdate {
	var u contracts.OrgUpdate
	for _, f := range t.fields {
		v := strings.TrimSpace(f.entry.Text)
		if v != strings.TrimSpace(*f.get(&t.info)) {
			f.set(&u, &v)
		}
	}
	return u
}

// invalid is the first field's problem, or nil.
func (t *contractsTab) invalid() error {
	for _, f := range t.fields {
		if f.entry.Validator != nil {
			if err := f.entry.Validator(f.entry.Text); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *contractsTab) updateSave() {
	if t.saveB == nil {
		return
	}
	if t.have && !t.busy && t.invalid() == nil && !t.update().Empty() {
		t.saveB.Enable()
	} else {
		t.saveB.Disable()
	}
	if t.busy || !t.have && !t.loading.loaded {
		t.reloadB.Disable()
	} else {
		t.reloadB.Enable()
	}
}

func (t *contractsTab) setBusy(busy bool, msg string) {
	t.busy = busy
	t.status.SetText(msg)
	if busy {
		t.progress.Show()
		t.progress.Start()
	} else {
		t.progress.Stop()
		t.progress.Hide()
	}
	for _, f := range t.fields {
		if busy || !t.have {
			f.entry.Disable()
		} else {
			f.entry.Enable()
		}
	}
	t.updateSave()
}

func (t *contractsTab) load() {
	t.problem.show(nil)
	if !t.loading.start() {
		return
	}
	t.setBusy(true, "Loading the organization info from Zoho Contracts…")
	services := t.u.env.Services
	fetch(&t.loading, func() (contracts.OrgInfo, error) {
		c, err := services.Contracts()
		if err != nil {
			return contracts.OrgInfo{}, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		return c.OrgInfo(ctx)
	}, t.show)
}

func (t *contractsTab) show(info contracts.OrgInfo, err error) {
	if err != nil {
		t.setBusy(false, "")
		t.problem.show(err)
		return
	}
	t.info, t.have = info, true
	for _, f := range t.fields {
		f.entry.SetText(*f.get(&info))
	}
	t.setBusy(false, "")
	t.u.trace("Zoho Contracts form loaded")
}

// onReload reloads the form, asking first when it holds changes not saved.
func (t *contractsTab) onReload() {
	if !t.have || t.busy || t.update().Empty() {
		t.load()
		return
	}
	d := dialog.NewConfirm("Discard your changes?",
		"Your changes to the organization info are not saved. Reloading shows what Zoho Contracts has now.",
		func(ok bool) {
			if ok {
				t.load()
			}
		}, t.u.win)
	d.SetConfirmText("Discard and reload")
	d.SetDismissText("Keep editing")
	t.u.showDialog(d, nil)
}

func (t *contractsTab) onSave() {
	if t.busy || !t.have {
		return
	}
	if err := t.invalid(); err != nil {
		t.status.SetText(plainSentence(err))
		return
	}
	upd := t.update()
	if upd.Empty() {
		t.status.SetText("Nothing has changed.")
		return
	}
	apiName, gen := t.info.APIName, t.loading.gen
	t.problem.show(nil)
	t.setBusy(true, "Saving in Zoho Contracts…")
	services := t.u.env.Services
	t.u.goDo(func() {
		c, err := services.Contracts()
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			err = c.UpdateOrgInfo(ctx, apiName, upd)
			cancel()
		}
		t.u.do(func() {
			if gen != t.loading.gen { // the form was reloaded meanwhile (a sign-in change)
				if err != nil {
					dialog.ShowInformation("The organization info was not saved", plainSentence(err), t.u.win)
				}
				return
			}
			if err != nil {
				t.setBusy(false, "Not saved. Your changes are still here.")
				t.problem.show(err)
				return
			}
			for _, f := range t.fields {
				*f.get(&t.info) = strings.TrimSpace(f.entry.Text)
			}
			t.setBusy(false, "Saved in Zoho Contracts.")
		})
	})
}
