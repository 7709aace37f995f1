#!/usr/bin/env bash
# Cross-builds LogoDesk for 64-bit Windows with `fyne package` (icon, version and
# manifest embedded; no console window) and writes two installers into dist/:
#   LogoDesk-VERSION-Setup.exe  (NSIS, for a double-click install)
#   LogoDesk-VERSION.msi        (wixl, for msiexec / Group Policy / Intune)
# VERSION comes from FyneApp.toml, which is left as it was.
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}

version=$(sed -n 's/^Version *= *"\(.*\)"$/\1/p' FyneApp.toml)
# An MSI ProductVersion is three numbers; NSIS's VIProductVersion adds a fourth.
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "FyneApp.toml: Version must look like 1.2.3 for the Windows installers, not '$version'" >&2
  exit 1
fi
stage=dist/.windows
mkdir -p "$stage"

# fyne package bumps Build in FyneApp.toml: put the file back whatever happens.
cp FyneApp.toml "$stage/FyneApp.toml.orig"
trap 'cp "$stage/FyneApp.toml.orig" FyneApp.toml' EXIT

# `go tool fyne` cannot run with GOOS=windows (it would build itself for Windows),
# and with only CC set it would compile itself with MinGW: build it for this machine.
env -u GOOS -u GOARCH -u CC "$GO" build -o "$stage/fyne" fyne.io/tools/cmd/fyne

# Keep CC, CGO_LDFLAGS and --release (-trimpath, CFLAGS) identical run to run: the
# cgo build of go-gl takes 6-8 minutes cold and is reused from the Go build cache
# only when these match. -l:libssp.a: --release compiles C with stack protection and
# fortify, which Debian's MinGW does not link by default; static, so nothing extra ships.
rm -f LogoDesk.exe
env -u GOOS GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS=-l:libssp.a \
  "$stage/fyne" package --os windows --release --app-id io.logodesk.app
mv LogoDesk.exe "$stage/LogoDesk.exe"

# The installers' own icon, and the MSI's "Apps & features" icon.
convert Icon.png -define icon:auto-resize=256,64,48,32,16 "$stage/LogoDesk.ico"

setup=dist/LogoDesk-$version-Setup.exe
msi=dist/LogoDesk-$version.msi
rm -f "$setup" "$msi"
makensis -V2 -DVERSION="$version" -DEXE="$PWD/$stage/LogoDesk.exe" -DICON="$PWD/$stage/LogoDesk.ico" \
  -DOUTFILE="$PWD/$setup" scripts/windows/logodesk.nsi
# wixl finds Source files relative to the working directory only.
(cd "$stage" && wixl -a x64 -D Version="$version" -o "../LogoDesk-$version.msi" ../../scripts/windows/logodesk.wxs)

ls -l "$stage/LogoDesk.exe" "$setup" "$msi"
