#!/usr/bin/env bash
# `make test-windows` (after `make windows`): checks the Windows build and both
# installers in a throwaway Wine prefix on an Xvfb display of its own.
#  1. Windows-only Go code: vet, and its tests run under Wine (console attach,
#     Credential Manager, %APPDATA% backups); the native picker is sqweek's.
#  2. For the NSIS Setup.exe, then the MSI: silent install; files, Start-menu
#     shortcut and "Apps & features" entry; the installed exe's command line
#     against its own `logodesk.exe sandbox` (a 12-megapixel photo from a folder
#     and file name with spaces and accents, round trip, exit codes); the window
#     with --sandbox (first frame, the four service tabs, a screenshot in
#     dist/windows.png; LOGODESK_SCREENSHOTS=docs/screenshots updates the README's); silent
#     uninstall leaves nothing but the user's own data.
# Any failed step stops the script with a message. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
repo=$PWD

fail() { echo "test-windows: FAIL: $*" >&2; exit 1; }
step() { echo "test-windows: $*"; }
started=$(date +%s)

version=$(sed -n 's/^Version *= *"\(.*\)"$/\1/p' FyneApp.toml)
setup=dist/LogoDesk-$version-Setup.exe
msi=dist/LogoDesk-$version.msi
[ -f "$setup" ] && [ -f "$msi" ] && [ -f dist/.windows/LogoDesk.exe ] || fail "$setup or $msi missing: run make windows first"
# No skipping: every tool this needs is installed by `make test-windows`.
for tool in wine wineboot wineserver Xvfb import convert identify compare xdotool xwininfo x86_64-w64-mingw32-gcc wixl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (make windows-test-deps installs it)"
done

work=$(mktemp -d /tmp/logodesk-wine.XXXXXX)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${WINEPREFIX:-}" ] && wineserver -k 2>/dev/null || true
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ]; then
    echo "test-windows: logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

## 1. Windows-only Go code ---------------------------------------------------
step "go vet for Windows"
# The packages without cgo (everything but the window) vet as they are built;
# the window's code is compiled for Windows by `make windows` itself.
nocgo=$(GOOS=windows CGO_ENABLED=0 "$GO" list -e -f '{{.ImportPath}} {{join .Deps " "}}' ./... | grep -v 'fyne\.io' | cut -d' ' -f1)
# shellcheck disable=SC2086 # one package per word
GOOS=windows CGO_ENABLED=0 "$GO" vet $nocgo

step "the window's file picker on Windows is sqweek/dialog (not the Linux portal)"
deps=$(GOOS=windows GOARCH=amd64 CGO_ENABLED=1 "$GO" list -deps ./gui)
grep -qx 'github.com/sqweek/dialog' <<<"$deps" || fail "gui does not use sqweek/dialog on Windows"
! grep -qx 'github.com/rymdport/portal/filechooser' <<<"$deps" || fail "gui links the Linux portal picker on Windows"

# Xvfb first: a Wine prefix must know DISPLAY before its first process starts,
# or its windows fail later ("no driver could be loaded").
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
exec 3>&-
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(cat "$work/display")"

step "a throwaway Wine prefix"
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
timeout 180 wineboot -i >"$work/wineboot.log" 2>&1 || fail "wineboot failed (see $work/wineboot.log)"
wineserver -w
# Go programs need ProcessPrng from bcryptprimitives.dll, which Windows 10+ has and
# Wine 8 lacks: a test-only stand-in, built here and put in this prefix only.
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/windows/processprng.c -ladvapi32

step "Windows-only tests under Wine"
wtest() { # package, test-name regexp, test names that must pass
  local pkg=$1 run=$2; shift 2
  GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" test -c -o "$work/$pkg.test.exe" "./$pkg"
  (cd "$work" && timeout 120 wine "./$pkg.test.exe" -test.run "$run" -test.v) >"$work/$pkg.test.log" 2>&1 ||
    { cat "$work/$pkg.test.log" >&2; fail "$pkg tests under Wine"; }
  for name in "$@"; do
    grep -q -- "--- PASS: $name " "$work/$pkg.test.log" || { cat "$work/$pkg.test.log" >&2; fail "$name did not pass"; }
  done
}
wtest cli 'Console|HandleUsable|AttachParent' TestConsoleStreamsKeepsRedirectedStreams \
  TestConsoleStreamsReopensOnlyMissingStreams TestConsoleStreamsWithoutParentConsole TestHandleUsable \
  TestAttachParentConsoleKeepsAPipe
wtest auth 'WindowsCredentialManager' TestKeyringIsWindowsCredentialManager
wtest session 'AppData' TestDefaultBackupDirIsUnderAppData

## 2. The installers ---------------------------------------------------------
c=$WINEPREFIX/drive_c
user=$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
[ -n "$user" ] || fail "no Windows user name"
instdir="$c/Program Files/LogoDesk"
exe='C:\Program Files\LogoDesk\LogoDesk.exe'
uninstkey='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
backups="$c/users/$user/AppData/Roaming/LogoDesk/backups"
allmenu="$c/ProgramData/Microsoft/Windows/Start Menu/Programs/LogoDesk.lnk"
usermenu="$c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/LogoDesk.lnk"

# A 12-megapixel photo in a folder and under a name with spaces and accents.
pics="$c/users/$user/Mes images"
mkdir -p "$pics"
photo_unix="$pics/logo é.png"
photo_win="C:\\users\\$user\\Mes images\\logo é.png"
# (plasma scaled up: photo-like and quick to make; 8-bit, light compression: 11 MB)
convert -size 800x600 -seed 7 plasma:fractal -resize '4000x3000!' -depth 8 \
  -define png:compression-level=1 "$photo_unix"
[ "$(identify -format %wx%h "$photo_unix")" = 4000x3000 ] || fail "the test photo is not 12 MP"

# The uninstall entry's value NAME under KEY, as Windows' reg.exe shows it.
regval() { wine reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | sed -n "s/^ *$2 *REG_[A-Z_]* *//p"; }

# Runs the installed command line; stdout+stderr to $work/out, exit code in $rc.
run() { set +e; timeout 120 wine "$exe" "$@" >"$work/out" 2>&1; rc=$?; set -e; tr -d '\r' <"$work/out" >"$work/out.txt"; }

check_cli() { # $1: label
  step "$1: the command line against the installed exe's own sandbox"
  timeout 300 wine "$exe" sandbox --addr 127.0.0.1:0 >"$work/sandbox-$1.log" 2>&1 &
  local sandbox=$!
  pids+=("$sandbox")
  for _ in $(seq 300); do grep -q 'LOGODESK_ZOOM_TOKEN=' "$work/sandbox-$1.log" && break; sleep 0.1; done
  grep -q 'LOGODESK_ZOOM_TOKEN=' "$work/sandbox-$1.log" || { cat "$work/sandbox-$1.log" >&2; fail "the sandbox printed no export lines"; }
  # Take every VAR=value from its export lines, as a user would paste them.
  local kv
  for kv in $(tr -d '\r' <"$work/sandbox-$1.log" | grep '^ *export ' | grep -o 'LOGODESK_[A-Z_]*=[^ ]*'); do
    export "${kv?}"
  done
  [ -n "${LOGODESK_ZOHO_API:-}" ] && [ -n "${LOGODESK_ZOHO_TOKEN:-}" ] && [ -n "${LOGODESK_ZOOM_TOKEN:-}" ] ||
    fail "export lines without the Zoho address or the tokens"

  run crm org
  [ $rc -eq 0 ] && [ -s "$work/out.txt" ] || { cat "$work/out.txt" >&2; fail "crm org exited $rc"; }
  sed 's/^/  crm org: /' "$work/out.txt"

  rm -rf "$backups"
  run crm set-logo "$photo_win"
  [ $rc -eq 0 ] || { cat "$work/out.txt" >&2; fail "crm set-logo of '$photo_win' exited $rc"; }
  grep -q "^Uploaded: .*logo é.png" "$work/out.txt" || { cat "$work/out.txt" >&2; fail "set-logo did not report the upload"; }
  sed 's/^/  set-logo: /' "$work/out.txt"
  # "Uploaded: … (W×H JPEG, size)": what the photo was fitted to.
  local up
  up=$(sed -n 's/^Uploaded: .*(\([0-9]*\)×\([0-9]*\) .*/\1x\2/p' "$work/out.txt")
  [ -n "$up" ] && [ "$up" != 4000x3000 ] || fail "set-logo did not say what it fitted the 12 MP photo to"
  # The replaced logo is kept under %APPDATA%, in the user's profile.
  [ -n "$(ls -A "$backups" 2>/dev/null)" ] || fail "no backup in %APPDATA%\\LogoDesk\\backups after set-logo"

  run crm get-logo -o "C:\\users\\$user\\Mes images\\logo é (back).jpg"
  [ $rc -eq 0 ] || { cat "$work/out.txt" >&2; fail "crm get-logo exited $rc"; }
  local back="$pics/logo é (back).jpg" dims
  dims=$(identify -format '%wx%h' "$back") || fail "get-logo wrote no readable picture"
  [ "$dims" = "$up" ] || fail "got back a $dims picture, not the $up one set-logo uploaded"
  echo "  get-logo: $dims, $(stat -c %s "$back") bytes"

  # Exit codes as on Linux: 1 for a failure (with a sentence), 2 for a mistyped command.
  run crm set-logo 'C:\no such folder\logo.png'
  [ $rc -eq 1 ] && [ -s "$work/out.txt" ] || fail "a missing file exited $rc, want 1 with a message"
  run crm no-such-command
  [ $rc -eq 2 ] || fail "a mistyped command exited $rc, want 2"

  kill "$sandbox" 2>/dev/null || true
  wait "$sandbox" 2>/dev/null || true
  # The window's --sandbox must not be pointed at this stopped one; its demo token it may keep.
  demo_token=$LOGODESK_ZOHO_TOKEN
  unset $(compgen -e | grep '^LOGODESK_')
}

check_window() { # $1: label; $2: where to save the screenshot (optional)
  step "$1: the window with --sandbox under Xvfb"
  local log=$work/window-$1.log t0 wid name
  t0=$(date +%s%N)
  # Signed in with the sandbox's demo token (under both the old and new names),
  # so each tab shows the demo pictures.
  LOGODESK_ZOHO_TOKEN=$demo_token LOGODESK_ZOOM_TOKEN=$demo_token \
    LOGODESK_TRACE=1 LOGODESK_PICKER=fyne FYNE_THEME=light FYNE_SCALE=1 \
    timeout 300 wine "$exe" --sandbox >"$log" 2>&1 &
  local app=$!
  pids+=("$app")
  waitlog() { # text, seconds
    for _ in $(seq $(($2 * 10))); do grep -q "$1" "$log" && return 0; sleep 0.1; done
    grep -v 'UI stall' "$log" >&2; fail "the window never logged '$1'"
  }
  waitlog "first frame" 60
  echo "  first frame $(sed -n 's/.*+\([0-9]*ms\) first frame.*/\1/p' "$log" | head -1) after the process started," \
    "$((($(date +%s%N) - t0) / 1000000)) ms after wine was launched"
  # The window reopens on the tab last used (the CRM tab the first time): wait
  # until that tab's picture or form has loaded.
  waitlog " loaded" 60
  wid=$(timeout 30 xdotool search --sync --onlyvisible --name '^LogoDesk' | head -1) || true
  [ -n "$wid" ] || fail "no visible window titled LogoDesk"
  name=$(xdotool getwindowname "$wid")
  local geom w h
  geom=$(xwininfo -id "$wid" | awk '/Absolute upper-left X:/{x=$4} /Absolute upper-left Y:/{y=$4}
    /Width:/{w=$2} /Height:/{h=$2} END{print w "x" h "+" x "+" y}')
  w=${geom%%x*} h=${geom#*x} h=${h%%+*}
  [ "$w" -ge 800 ] && [ "$h" -ge 600 ] || fail "the window is only ${w}x$h"
  xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowactivate "$wid" 2>/dev/null || true
  sleep 1
  local shot=$work/window-$1.png
  import -window root -crop "$geom" +repage "$shot"
  # A real picture (tab bar, text, the demo logo or photo): many colours, not a
  # blank or single-colour frame.
  local colours
  colours=$(identify -format %k "$shot")
  [ "$colours" -ge 200 ] || fail "the window screenshot looks blank ($colours colours)"
  echo "  window '$name', ${w}x$h, screenshot with $colours colours"
  # Visit the tabs with Alt+1…Alt+5 (a "Brand" tab may come first): each service
  # tab logs once its content has loaded, so all four must show up.
  local k
  for k in 1 2 3 4 5; do xdotool key "alt+$k"; sleep 1.5; done
  for what in "Zoho CRM logo loaded" "Bigin photo loaded" "Zoho Contracts form loaded" "Zoom picture loaded"; do
    waitlog "$what" 30
  done
  # …and the window redraws: the first and second tabs do not look alike.
  xdotool key alt+1; sleep 1.5
  import -window root -crop "$geom" +repage "$work/window-$1-tab1.png"
  xdotool key alt+2; sleep 1.5
  import -window root -crop "$geom" +repage "$work/window-$1-tab2.png"
  local differ
  differ=$(compare -metric AE -fuzz 5% "$work/window-$1-tab1.png" "$work/window-$1-tab2.png" null: 2>&1 || true)
  awk -v d="$differ" -v min=$((w * h / 100)) 'BEGIN { exit !(d + 0 >= min) }' ||
    fail "switching from the first tab to the second changed only $differ pixels of the window"
  echo "  tabs 1 and 2 differ in $differ pixels"
  [ -z "${2:-}" ] || convert "$shot" -define png:exclude-chunks=date,time "$2"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  # A running exe cannot be deleted: wait until every Windows process has ended.
  wineserver -k 2>/dev/null || true
  wineserver -w
}

check_gone() { # $1: label
  [ ! -e "$instdir" ] || { ls -la "$instdir" >&2; fail "$1: $instdir is still there after uninstall"; }
  [ ! -e "$allmenu" ] && [ ! -e "$usermenu" ] || fail "$1: the Start-menu shortcut is still there"
  ! wine reg query "$uninstkey" /s 2>/dev/null | tr -d '\r' | grep -q 'DisplayName.*LogoDesk' ||
    fail "$1: LogoDesk is still listed in Apps & features"
  # The user's own data is not the program's: it stays.
  [ -n "$(ls -A "$backups" 2>/dev/null)" ] || fail "$1: uninstalling removed the user's kept pictures"
}

step "NSIS: silent install of $setup"
timeout 120 wine "$setup" /S || fail "Setup.exe /S failed"
wineserver -w
[ -f "$instdir/LogoDesk.exe" ] && [ -f "$instdir/Uninstall.exe" ] || fail "not installed into $instdir"
[ -f "$allmenu" ] || fail "no all-users Start-menu shortcut"
key="$uninstkey\\LogoDesk"
[ "$(regval "$key" DisplayName)" = LogoDesk ] || fail "no Apps & features entry"
[ "$(regval "$key" DisplayVersion)" = "$version" ] || fail "DisplayVersion is not $version"
[ "$(regval "$key" Publisher)" = LogoDesk ] || fail "no Publisher"
[[ "$(regval "$key" DisplayIcon)" == *'LogoDesk.exe,0' ]] || fail "no DisplayIcon"
[[ "$(regval "$key" QuietUninstallString)" == *'Uninstall.exe" /S' ]] || fail "no QuietUninstallString"
check_cli nsis
# The window's screenshot goes to dist/windows.png; with LOGODESK_SCREENSHOTS=docs/screenshots
# (as for the Linux window test) it also replaces the README's.
check_window nsis dist/windows.png
[ -z "${LOGODESK_SCREENSHOTS:-}" ] || cp dist/windows.png "$LOGODESK_SCREENSHOTS/windows.png"
step "NSIS: installing again over the installed copy (an upgrade) keeps the user's data"
timeout 120 wine "$setup" /S || fail "Setup.exe /S over an installed copy failed"
wineserver -w
[ -n "$(ls -A "$backups" 2>/dev/null)" ] || fail "reinstalling removed the user's kept pictures"
step "NSIS: silent uninstall"
timeout 120 wine "$instdir/Uninstall.exe" /S || fail "Uninstall.exe /S failed"
# The uninstaller re-runs itself from %TEMP% and returns at once: wait for it.
wineserver -w
check_gone NSIS

step "MSI: msiexec /i $msi /qn"
msiwin=$(wine winepath -w "$repo/$msi" 2>/dev/null | tr -d '\r')
timeout 120 wine msiexec /i "$msiwin" /qn || fail "msiexec /i failed"
wineserver -w
[ -f "$instdir/LogoDesk.exe" ] || fail "the MSI did not install into $instdir"
# Wine puts a per-machine MSI's shortcut in the user's Start menu; Windows in All Users'.
[ -f "$allmenu" ] || [ -f "$usermenu" ] || fail "the MSI made no Start-menu shortcut"
wine reg query "$uninstkey" /s 2>/dev/null | tr -d '\r' | grep -q 'DisplayName.*LogoDesk' || fail "the MSI is not in Apps & features"
check_cli msi
check_window msi

step "MSI: a newer MSI replaces the installed one in place (same UpgradeCode, MajorUpgrade)"
(cd dist/.windows && wixl -a x64 -D Version=99.0.0 -o "$work/LogoDesk-99.0.0.msi" "$repo/scripts/windows/logodesk.wxs")
timeout 120 wine msiexec /i "$(wine winepath -w "$work/LogoDesk-99.0.0.msi" 2>/dev/null | tr -d '\r')" /qn || fail "the upgrade failed"
wineserver -w
entries=$(wine reg query "$uninstkey" /s 2>/dev/null | tr -d '\r' | grep -c 'DisplayName.*LogoDesk' || true)
[ "$entries" -eq 1 ] || fail "after the upgrade, Apps & features lists LogoDesk $entries times"
wine reg query "$uninstkey" /s 2>/dev/null | tr -d '\r' | grep -q 'DisplayVersion.*99\.0\.0' || fail "the upgrade did not replace the version"
[ -f "$instdir/LogoDesk.exe" ] || fail "the upgrade lost LogoDesk.exe"
step "MSI: msiexec /x /qn"
timeout 120 wine msiexec /x "$(wine winepath -w "$work/LogoDesk-99.0.0.msi" 2>/dev/null | tr -d '\r')" /qn || fail "msiexec /x failed"
wineserver -w
check_gone MSI

step "passed in $(($(date +%s) - started)) s; the window's screenshot is dist/windows.png"
