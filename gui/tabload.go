package gui

import "fyne.io/fyne/v2/widget"

// tabLoad is how every tab loads what it shows, so a new tab (the Brand tab
// to come) gets the same behaviour by using it:
//
//   - a sign-in gate: nothing is fetched while the sign-in is being checked (the
//     tab loads when the check ends) or when nobody is signed in (signedOut
//     shows that state);
//   - a generation counter: an answer for a load that a newer one replaced (a
//     new search, a sign-in change) is dropped;
//   - the spinner, shown while a load runs and stopped when its answer arrives
//     or a newer load starts;
//   - the fetch runs off the UI goroutine and its answer is applied on it
//     (UI.do, fyne.Do in the app).
//
// A tab keeps one tabLoad and writes its load as a gate, then a fetch split
// into get (network, no widgets) and apply (widgets, no network), as
// evebuddy's fetchData/update do:
//
//	func (t *brandTab) load() {
//		if !t.loading.start() {
//			return
//		}
//		t.status.SetText("Loading…")
//		services := t.u.env.Services
//		fetch(&t.loading, func() (brandData, error) { return getBrand(services) }, t.show)
//	}
//
// and wires opened and signInChanged to it. Tests run the whole load
// synchronously (newUI with their do, then waitIdle), or call get and apply
// on their own.
type tabLoad struct {
	u         *UI
	p         Provider                    // whose sign-in the tab needs
	tab       tab                         // the tab, to know whether it is the visible one
	load      func()                      // the tab's load
	signedOut func()                      // shows the tab's signed-out state
	spinner   *widget.ProgressBarInfinite // nil when the tab shows progress its own way
	gen       int                         // bumped by every start
	loaded    bool                        // a load was started since the last sign-in change
}

// opened loads the first time the tab is shown.
func (l *tabLoad) opened() {
	if !l.loaded {
		l.load()
	}
}

// signInChanged reloads the visible tab, and the others when next shown.
func (l *tabLoad) signInChanged() {
	l.loaded = false
	if l.u.list[l.u.tabs.SelectedIndex()] == l.tab {
		l.load()
	}
}

// start begins a load, dropping any still under way. It reports false when
// nothing must be fetched now: the sign-in is being checked (the tab loads when
// it ends) or nobody is signed in (signedOut has run).
func (l *tabLoad) start() bool {
	l.gen++
	l.loaded = true
	l.stopSpinner()
	waiting, ready := l.gate()
	if waiting {
		l.loaded = false
		return false
	}
	if !ready {
		if l.signedOut != nil {
			l.signedOut()
		}
		return false
	}
	if l.spinner != nil {
		l.spinner.Show()
		l.spinner.Start()
	}
	return true
}

// anyProvider, as a tabLoad's provider, gates on every sign-in: the tab waits
// while any is being checked and loads when at least one is ready (the Brand
// tab, whose rows are Zoho's and Zoom's).
const anyProvider Provider = ""

// gate says whether the tab's sign-in is being checked, and whether it is ready.
func (l *tabLoad) gate() (waiting, ready bool) {
	for _, p := range []Provider{Zoho, Zoom} {
		if l.p != anyProvider && p != l.p {
			continue
		}
		s := l.u.signInFor(p)
		waiting = waiting || s.state == checking
		ready = ready || s.ready()
	}
	return waiting, ready
}

func (l *tabLoad) stopSpinner() {
	if l.spinner != nil {
		l.spinner.Stop()
		l.spinner.Hide()
	}
}

// fetch runs get off the UI goroutine, then apply with its answer on the UI
// goroutine, unless a newer load has started meanwhile. Call it after start.
func fetch[T any](l *tabLoad, get func() (T, error), apply func(T, error)) {
	gen := l.gen
	l.u.goDo(func() {
		v, err := get()
		l.u.do(func() {
			if gen != l.gen {
				return
			}
			l.stopSpinner()
			apply(v, err)
		})
	})
}
