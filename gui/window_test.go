package gui

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"logodesk/service/sandbox"
	"logodesk/session/sessiontest"
)

// TestRealWindowUnderXvfb builds logodesk, runs `logodesk --sandbox` on an X
// server of its own, visits every tab with the keyboard (Alt+1…4), takes a
// screenshot of each with ImageMagick's import and checks it, and drops a photo
// on the window with a real XDND drag (testdata/dragsource.py + xdotool).
//
// It is skipped only when Xvfb, import, xdotool or python3 are missing and CI is
// unset; on CI a missing tool is a failure. Once it runs, the drop must happen:
// a drag source that cannot start (no python3-gi) fails the test. LOGODESK_SCREENSHOTS=DIR also copies the
// screenshots to DIR (docs/screenshots for the README).
func TestRealWindowUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	for _, tool := range []string{"Xvfb", "import", "xdotool", "/usr/bin/python3"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (make test-deps installs it)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	bin := logodeskBinary(t)
	display := startXvfb(t, "1680x1050x24") // room for the 1400×950 window below

	home := filepath.Join(tmp, "home")
	os.MkdirAll(home, 0o700)
	app := exec.Command(bin, "--sandbox")
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"LOGODESK_ZOHO_TOKEN=sandbox-demo-token", "LOGODESK_ZOOM_TOKEN=sandbox-demo-token", "LOGODESK_TRACE=1", "LANG=C.UTF-8", "FYNE_THEME=light", "LOGODESK_PICKER=fyne",
		"FYNE_SCALE=1")
	log := newLineLog()
	app.Stderr = log
	app.Stdout = io.Discard
	started := time.Now()
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		app.Process.Kill()
		app.Wait()
		if t.Failed() {
			t.Logf("app log:\n%s", log.String())
		}
	})
	log.waitFor(t, "first frame", 20*time.Second)
	t.Logf("first frame %v after launch", time.Since(started).Round(time.Millisecond))
	log.waitFor(t, "brand rows loaded", 20*time.Second) // the Brand tab comes first

	wid := xdo(t, display, "search", "--sync", "--onlyvisible", "--name", "LogoDesk")
	wid = strings.Fields(wid)[0]
	xdo(t, display, "windowmove", wid, "200", "60")
	xdo(t, display, "windowfocus", "--sync", wid)

	shots := map[string]image.Image{}
	winW, winH := defaultWidth, defaultHeight // the window's size, for the README's crops
	shoot := func(name string) image.Image {
		path := filepath.Join(tmp, name)
		img := settledScreen(t, display, path)
		if n := distinctColours(img, 200); n < 50 {
			t.Errorf("%s looks blank: %d colours", name, n)
		}
		for prev, other := range shots {
			if d := differingPixels(img, other); d < 0.01 {
				t.Errorf("%s is the same picture as %s (%.1f%% differ)", name, prev, d*100)
			}
		}
		shots[name] = img
		if dir := os.Getenv("LOGODESK_SCREENSHOTS"); dir != "" { // the window only, for the README
			crop := fmt.Sprintf("%dx%d+200+60", winW, winH)
			if out, err := exec.Command("convert", path, "-crop", crop, "+repage", filepath.Join(dir, name)).CombinedOutput(); err != nil {
				t.Errorf("convert: %v %s", err, out)
			}
		}
		return img
	}

	shoot("brand.png")
	xdo(t, display, "key", "alt+2")
	log.waitFor(t, "Zoho CRM logo loaded", 20*time.Second)
	crm := shoot("crm.png")
	// The sandbox's demo logo is on screen: its main colour covers a good area.
	if c, n := dominantColour(sandbox.DemoLogoPNG()), countNear(crm, dominantColour(sandbox.DemoLogoPNG()), 40); n < 500 {
		t.Errorf("the demo logo's colour %v covers only %d pixels of the CRM screenshot", c, n)
	}
	inputBG := theme.DefaultTheme().Color(theme.ColorNameInputBackground, theme.VariantLight)

	xdo(t, display, "key", "alt+3")
	log.waitFor(t, "Bigin photo loaded", 20*time.Second)
	shoot("bigin.png")

	xdo(t, display, "key", "alt+4")
	log.waitFor(t, "Zoho Contracts form loaded", 20*time.Second)
	contracts := shoot("contracts.png")
	// Seven form entries: a large area in the input background colour.
	if n := countNear(contracts, inputBG, 6); n < 60000 {
		t.Errorf("the Contracts form is not on screen (%d pixels of entry background)", n)
	}

	xdo(t, display, "key", "alt+5")
	log.waitFor(t, "Zoom picture loaded", 20*time.Second)
	shoot("zoom.png")

	// A real drag and drop of a photo onto the CRM tab.
	drag := filepath.Join(root, "gui", "testdata", "dragsource.py")
	// The keyboard in the real window: with the focus in the Zoom search box
	// (clicked, then typed into), Alt+2 still goes to the window and opens Zoho CRM.
	xdo(t, display, "mousemove", "600", "210")
	xdo(t, display, "click", "1")
	xdo(t, display, "type", "maya")
	opened := log.count(`tab "Zoho CRM" opened`)
	xdo(t, display, "key", "alt+2")
	log.waitForMore(t, `tab "Zoho CRM" opened`, opened, 20*time.Second)
	// A 24-megapixel "phone photo" that Zoho CRM's 1 MB / 10 MP limits force LogoDesk to shrink.
	photo := filepath.Join(tmp, "team photo.jpg")
	if out, err := exec.Command("convert", "-seed", "7", "-size", "600x400", "plasma:fractal", "-blur", "0x2",
		"-resize", "6000x4000!", "-quality", "92", photo).CombinedOutput(); err != nil {
		t.Logf("convert: %v %s; using a generated JPEG", err, out)
		if err := os.WriteFile(photo, sessiontest.JPEG(6000, 4000), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// XDND through xdotool is timing-sensitive on a busy machine: try up to three drags.
	for attempt := 1; log.count("drop received") == 0; attempt++ {
		if attempt > 3 {
			t.Fatal("three real drags produced no drop")
		}
		dragFile(t, display, drag, photo, 200+490, 60+420)
		log.within("drop received", 5*time.Second)
	}
	log.waitFor(t, "candidate shown", 30*time.Second)
	shoot("crm-candidate.png")

	// The same photo as a Zoom profile picture: it opens in the crop editor, and
	// a real mouse drag moves the frame to the right (the photo is fitted again).
	xdo(t, display, "key", "alt+5")
	xdo(t, display, "mousemove", "600", "210") // empty the search box typed into above
	xdo(t, display, "click", "1")
	xdo(t, display, "key", "ctrl+a", "BackSpace")
	drops := log.count("drop received")
	for attempt := 1; log.count("drop received") == drops; attempt++ {
		if attempt > 3 {
			t.Fatal("three real drags of the photo onto the Zoom tab produced no drop")
		}
		dragFile(t, display, drag, photo, 200+490, 60+420)
		log.withinMore("drop received", drops, 5*time.Second)
	}
	log.waitForMore(t, "candidate shown", 1, 30*time.Second)
	fits := log.count("fitted in")
	fx, fy := 200+389, 60+365 // the middle of the frame in the New column
	xdo(t, display, "mousemove", fmt.Sprint(fx), fmt.Sprint(fy))
	xdo(t, display, "mousedown", "1")
	for i := 1; i <= 8; i++ {
		xdo(t, display, "mousemove", fmt.Sprint(fx+10*i), fmt.Sprint(fy))
		time.Sleep(30 * time.Millisecond) // motion over time, as a hand moves it
	}
	xdo(t, display, "mouseup", "1")
	log.waitForMore(t, "frame moved", 0, 10*time.Second)
	log.waitForMore(t, "fitted in", fits, 30*time.Second)
	shoot("zoom-crop.png")

	// The Brand tab: an SVG logo dropped once is fitted for every service, then
	// applied to all the ticked ones with Ctrl+Enter.
	xdo(t, display, "key", "alt+1")
	logo := filepath.Join(tmp, "brand logo.svg")
	svg, err := os.ReadFile(filepath.Join(root, "gui", "testdata", "brand-logo.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logo, svg, 0o600); err != nil {
		t.Fatal(err)
	}
	drops = log.count("drop received")
	for attempt := 1; log.count("drop received") == drops; attempt++ {
		if attempt > 3 {
			t.Fatal("three real drags of the SVG logo produced no drop")
		}
		dragFile(t, display, drag, logo, 200+490, 60+420)
		log.withinMore("drop received", drops, 5*time.Second)
	}
	log.waitFor(t, "brand candidates shown", 30*time.Second)
	shoot("brand-candidates.png")
	xdo(t, display, "key", "ctrl+Return")
	log.waitFor(t, "brand apply done", 60*time.Second)
	shoot("brand-applied.png")

	// The smallest window an admin is likely to use and a large one: the content
	// reflows instead of being cut off or stretched.
	for _, sz := range [][2]int{{800, 600}, {1400, 950}} {
		winW, winH = sz[0], sz[1]
		xdo(t, display, "windowsize", "--sync", wid, fmt.Sprint(winW), fmt.Sprint(winH))
		shoot(fmt.Sprintf("brand-%dx%d.png", winW, winH))
	}
}

// dragFile drags path from testdata/dragsource.py onto the screen point (x, y)
// with xdotool: a real XDND drag, as a file manager makes it.
func dragFile(t *testing.T, display, dragsource, path string, x, y int) {
	t.Helper()
	src := exec.Command("/usr/bin/python3", dragsource, path)
	src.Env = append(os.Environ(), "DISPLAY="+display)
	out := newLineLog() // safe to read while the process writes
	src.Stdout, src.Stderr = out, out
	if err := src.Start(); err != nil {
		t.Fatalf("the drag source did not start: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		src.Wait()
		close(exited)
	}()
	defer func() {
		// The source must live until the drop's data transfer is done; it quits
		// by itself when the drag ends.
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			src.Process.Kill()
			<-exited
		}
	}()
	// "ready": its window is drawn, so a press on it starts a drag.
	if !out.within("ready", 20*time.Second) {
		t.Fatalf("the drag source did not show its window (python3-gi and gir1.2-gtk-3.0 installed?): %s", out.String())
	}
	// XDND needs the pointer to travel the way a hand moves it: pressed, then
	// motion spread over time. These pauses are that motion, not waits for an event.
	const step = 60 * time.Millisecond
	xdo(t, display, "mousemove", "40", "40")
	time.Sleep(step)
	xdo(t, display, "mousedown", "1")
	time.Sleep(step)
	for i := 1; i <= 20; i++ {
		xdo(t, display, "mousemove", strconv.Itoa(40+(x-40)*i/20), strconv.Itoa(40+(y-40)*i/20))
		time.Sleep(step)
	}
	xdo(t, display, "mouseup", "1")
	out.within("sent", 10*time.Second) // the window took the files (the caller checks the drop)
}

// settledScreen takes screenshots of the whole screen into path until two in a
// row are the same (the window has painted what it loaded), and returns the last.
func settledScreen(t *testing.T, display, path string) image.Image {
	t.Helper()
	var last image.Image
	deadline := time.Now().Add(20 * time.Second)
	for {
		if out, err := exec.Command("import", "-display", display, "-window", "root", path).CombinedOutput(); err != nil {
			t.Fatalf("import: %v %s", err, out)
		}
		img := readPNG(t, path)
		if last != nil && differingPixels(img, last) == 0 {
			return img
		}
		if time.Now().After(deadline) {
			t.Logf("%s: the screen kept changing for 20 s; using the last picture", filepath.Base(path))
			return img
		}
		last = img
	}
}

// startXvfb starts an X server on a free display (Xvfb picks it: -displayfd).
func startXvfb(t *testing.T, screen string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		x.Process.Kill()
		x.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not report its display")
	}
	return ""
}

func xdo(t *testing.T, display string, args ...string) string {
	t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("xdotool %v: %v %s", args, err, out)
	}
	return string(out)
}

// lineLog collects the app's standard error and lets the test wait for a line.
type lineLog struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wake  chan struct{}
	lines []string
	part  string
}

func newLineLog() *lineLog { return &lineLog{wake: make(chan struct{}, 1)} }

func (l *lineLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.buf.Write(p)
	l.part += string(p)
	for {
		i := strings.IndexByte(l.part, '\n')
		if i < 0 {
			break
		}
		l.lines = append(l.lines, l.part[:i])
		l.part = l.part[i+1:]
	}
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (l *lineLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *lineLog) count(sub string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.lines {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

// waitFor waits until a line contains sub (counting lines seen before, too).
func (l *lineLog) waitFor(t *testing.T, sub string, d time.Duration) {
	t.Helper()
	l.waitForMore(t, sub, 0, d)
}

// waitForMore waits until more than n lines contain sub.
func (l *lineLog) waitForMore(t *testing.T, sub string, n int, d time.Duration) {
	t.Helper()
	if !l.withinMore(sub, n, d) {
		t.Fatalf("waited %v for %q", d, sub)
	}
}

// within reports whether a line contains sub, waiting up to d for one.
func (l *lineLog) within(sub string, d time.Duration) bool { return l.withinMore(sub, 0, d) }

func (l *lineLog) withinMore(sub string, n int, d time.Duration) bool {
	deadline := time.After(d)
	for l.count(sub) <= n {
		select {
		case <-l.wake: // a new line arrived
		case <-deadline:
			return false
		}
	}
	return true
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func rgb(c color.Color) (int, int, int) {
	r, g, b, _ := c.RGBA()
	return int(r >> 8), int(g >> 8), int(b >> 8)
}

// distinctColours counts colours, up to limit.
func distinctColours(img image.Image, limit int) int {
	seen := map[[3]int]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl := rgb(img.At(x, y))
			seen[[3]int{r, g, bl}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

func differingPixels(a, b image.Image) float64 {
	ab := a.Bounds()
	if ab != b.Bounds() {
		return 1
	}
	diff, all := 0, 0
	for y := ab.Min.Y; y < ab.Max.Y; y += 2 {
		for x := ab.Min.X; x < ab.Max.X; x += 2 {
			all++
			if a.At(x, y) != b.At(x, y) {
				diff++
			}
		}
	}
	return float64(diff) / float64(all)
}

func countNear(img image.Image, c color.Color, tol int) int {
	cr, cg, cb := rgb(c)
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl := rgb(img.At(x, y))
			if abs(r-cr) <= tol && abs(g-cg) <= tol && abs(bl-cb) <= tol {
				n++
			}
		}
	}
	return n
}

// dominantColour is the most common opaque, non-white, non-black colour of a picture.
func dominantColour(data []byte) color.Color {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return color.Black
	}
	counts := map[[3]int]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			_, _, _, a := img.At(x, y).RGBA()
			r, g, bl := rgb(img.At(x, y))
			if a < 0xf000 || (r > 235 && g > 235 && bl > 235) || (r < 20 && g < 20 && bl < 20) {
				continue
			}
			counts[[3]int{r / 8 * 8, g / 8 * 8, bl / 8 * 8}]++
		}
	}
	var best [3]int
	for k, v := range counts {
		if v > counts[best] {
			best = k
		}
	}
	return color.RGBA{uint8(best[0] + 4), uint8(best[1] + 4), uint8(best[2] + 4), 255}
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
