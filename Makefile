# LogoDesk — `make demo` runs the app on the embedded sandbox, `make test` runs every test.
# Both install the system packages they need first (Debian/Ubuntu), so a fresh machine needs nothing else.

GO ?= go
export LANG := C.UTF-8
export LANGUAGE := en

# Debian/Ubuntu packages: build (C compiler, OpenGL, X11 and GTK headers), the real-window tests
# (Xvfb, ImageMagick's import, xdotool, xwininfo, GTK Python for the drag source) and the sign-in test (Chromium).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libgl1-mesa-dri xorg-dev libgtk-3-dev
TEST_PKGS  := xvfb x11-utils imagemagick xdotool chromium python3-gi gir1.2-gtk-3.0 fonts-dejavu-core
# make bench-image: libvips (the speed to beat) beside ImageMagick, and GNU time for peak memory.
BENCH_IMAGE_PKGS := imagemagick libvips-tools time
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo run test deps test-deps build package bench bench-brand bench-image fuzz vet

demo: deps ## run the app against the embedded sandbox (no account needed)
	$(GO) run . --sandbox

run: deps ## run the app against the real services
	$(GO) run .

test: deps test-deps vet ## every test, with the race detector: unit, sandbox over loopback HTTP, GUI, real window under Xvfb, browser sign-in
	$(GO) test -race -count=1 -timeout 45m ./...
	@# The GUI again as installers build it: `fyne package` adds migrated_fynedo (FyneApp.toml), which turns
	@# off Fyne's thread checks and uses its unsynchronised queues; only the GUI package differs under it.
	$(GO) test -race -count=1 -timeout 20m -tags migrated_fynedo ./gui/...
	@# The Windows installers too: built here, installed, run and uninstalled under Wine (mk/windows.mk).
	$(MAKE) windows test-windows

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

build: deps
	$(GO) build -o logodesk .

package: deps ## Linux installer archive (LogoDesk.tar.xz) with its .desktop file
	$(GO) tool fyne package --os linux --release --app-id io.logodesk.app
	git checkout -- FyneApp.toml 2>/dev/null || true

bench: deps ## speed and memory figures
	$(GO) test -run '^$$' -bench . -benchmem ./service/...

bench-brand: deps ## the Brand tab: drop (SVG logo, 24 MP photo) to every candidate shown; Apply to all done
	$(GO) test -run '^$$' -bench 'BenchmarkBrand' -benchtime 5x ./gui

bench-image: deps ## LogoDesk's 24 MP fit beside libvips and ImageMagick on this machine
	@scripts/install-packages.sh $(BENCH_IMAGE_PKGS)
	scripts/bench-image.sh

fuzz: deps ## a short run of every fuzz target
	scripts/fuzz.sh 20s

deps:
	@scripts/install-packages.sh $(BUILD_PKGS)

test-deps:
	@scripts/install-packages.sh $(TEST_PKGS)

include mk/windows.mk
