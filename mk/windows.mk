# Windows installers, cross-built on Debian/Ubuntu (see scripts/windows/).
#   make windows        dist/LogoDesk-VERSION-Setup.exe (NSIS) and dist/LogoDesk-VERSION.msi (wixl)
#   make test-windows   installs, runs and uninstalls both in a throwaway Wine prefix under Xvfb
#                       (its window screenshot: dist/windows.png; LOGODESK_SCREENSHOTS=docs/screenshots updates the README's)
# The first `make windows` takes 7-15 minutes on 2 cores (cgo of go-gl for Windows); later ones about 1 minute.

# MinGW-w64 (the C side of Fyne for Windows), NSIS, wixl, ImageMagick (the .ico).
WINDOWS_PKGS := gcc-mingw-w64-x86-64 nsis wixl msitools imagemagick
# Wine runs the installers and the app; Xvfb, ImageMagick, xdotool and xwininfo watch its window.
WINDOWS_TEST_PKGS := wine wine64 xvfb x11-utils imagemagick xdotool fonts-dejavu-core

.PHONY: windows test-windows windows-deps windows-test-deps

windows: windows-deps ## Windows installers in dist/
	GO=$(GO) scripts/windows/build.sh

test-windows: windows-test-deps ## run after `make windows`: install/run/uninstall under Wine
	GO=$(GO) scripts/windows/test-wine.sh

windows-deps:
	@scripts/install-packages.sh $(WINDOWS_PKGS)

windows-test-deps: windows-deps
	@scripts/install-packages.sh $(WINDOWS_TEST_PKGS)
